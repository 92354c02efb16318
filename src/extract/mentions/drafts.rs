//! The actor and place drafts of an article: created on first use, keyed by gazetteer
//! id or by name.

use super::*;

impl Analysis<'_> {
    /// The actor draft for a gazetteer actor, created on first use.
    pub fn known_actor(&mut self, index: usize, confidence: f32) -> usize {
        if let Some(&a) = self.known_actors.get(&index) {
            return a;
        }
        let known = &self.kb.gazetteer.actors[index];
        let draft = ActorDraft {
            key: EntityKey::Known(known.id.clone()),
            name: best_label(&known.labels, self.doc.lang).to_owned(),
            kind: known.kind,
            confidence,
            country: known
                .country
                .as_deref()
                .and_then(|c| self.kb.gazetteer.place_position(c)),
            traits: Vec::new(),
        };
        self.actors.push(draft);
        self.known_actors.insert(index, self.actors.len() - 1);
        self.actors.len() - 1
    }

    /// The place draft for a gazetteer place, created on first use.
    pub fn known_place(&mut self, index: usize, confidence: f32) -> usize {
        if let Some(&p) = self.known_places.get(&index) {
            return p;
        }
        let known = &self.kb.gazetteer.places[index];
        let draft = PlaceDraft {
            key: EntityKey::Known(known.id.clone()),
            name: best_label(&known.labels, self.doc.lang).to_owned(),
            country: known
                .country
                .as_deref()
                .and_then(|c| self.kb.gazetteer.place_position(c)),
            specificity: match known.place_type {
                PlaceType::Town => 4,
                PlaceType::Region => 3,
                PlaceType::Area if known.country.is_some() => 2,
                PlaceType::Area | PlaceType::Country => 1,
            },
            confidence,
        };
        self.places.push(draft);
        self.known_places.insert(index, self.places.len() - 1);
        self.places.len() - 1
    }

    /// The actor for a country acting as such.
    pub fn country_actor(&mut self, country: usize) -> usize {
        if let Some(&a) = self.country_actors.get(&country) {
            return a;
        }
        let known = &self.kb.gazetteer.places[country];
        self.actors.push(ActorDraft {
            key: EntityKey::Known(known.id.clone()),
            name: best_label(&known.labels, self.doc.lang).to_owned(),
            kind: ActorKind::Country,
            confidence: 0.9,
            country: Some(country),
            traits: Vec::new(),
        });
        self.country_actors.insert(country, self.actors.len() - 1);
        self.actors.len() - 1
    }

    /// The actor for a country's armed forces or government: the gazetteer's, else a new one.
    pub fn state_body_actor(&mut self, country: usize, armed_forces: bool) -> usize {
        let place = &self.kb.gazetteer.places[country];
        let linked = if armed_forces {
            place.armed_forces.clone()
        } else {
            place.government.clone()
        };
        if let Some(index) = linked.and_then(|id| self.kb.gazetteer.actor_position(&id)) {
            return self.known_actor(index, 0.85);
        }
        let country_name = best_label(&place.labels, self.doc.lang).to_owned();
        let demonym = place
            .demonyms
            .iter()
            .find(|d| d.lang == Some(self.doc.lang))
            .map(|d| d.text.clone())
            .unwrap_or_else(|| country_name.clone());
        let name = match (self.doc.lang, armed_forces) {
            (Lang::Fr, true) => format!("Armée {}", feminine(&demonym)),
            (Lang::Fr, false) => format!("Gouvernement {}", demonym),
            (Lang::En, true) => format!("{demonym} army"),
            (Lang::En, false) => format!("{demonym} government"),
        };
        let key = format!(
            "{}-{}",
            place.id,
            if armed_forces {
                "armed-forces"
            } else {
                "government"
            }
        );
        let kind = if armed_forces {
            ActorKind::StateArmedForce
        } else {
            ActorKind::Government
        };
        let a = self.discovered_actor_with_key(key, &name, kind, 0.7);
        self.actors[a].country = Some(country);
        a
    }

    /// A new actor found in the text (or the one already found under the same name).
    pub fn discovered_actor(&mut self, name: &str, kind: ActorKind, confidence: f32) -> usize {
        self.discovered_actor_with_key(slug(name), name, kind, confidence)
    }

    pub(super) fn discovered_actor_with_key(
        &mut self,
        key: String,
        name: &str,
        kind: ActorKind,
        confidence: f32,
    ) -> usize {
        if let Some(a) = self
            .actors
            .iter()
            .position(|a| a.key == EntityKey::Discovered(key.clone()))
        {
            return a;
        }
        self.actors.push(ActorDraft {
            key: EntityKey::Discovered(key),
            name: name.to_owned(),
            kind,
            confidence,
            country: None,
            traits: Vec::new(),
        });
        self.actors.len() - 1
    }

    /// A new place found in the text, placed in the article's main country.
    pub fn discovered_place(&mut self, name: &str, confidence: f32) -> usize {
        let key = EntityKey::Discovered(slug(name));
        if let Some(p) = self.places.iter().position(|p| p.key == key) {
            return p;
        }
        self.places.push(PlaceDraft {
            key,
            name: name.to_owned(),
            country: self.main_country,
            specificity: crate::extract::analysis::TOWN_SPECIFICITY,
            confidence,
        });
        self.places.len() - 1
    }

    /// The region of a country in one direction ("north-ml"), named in the article's language.
    pub fn directional_place(&mut self, direction: &str, country: usize) -> usize {
        let place = &self.kb.gazetteer.places[country];
        let key = EntityKey::Discovered(format!("{direction}-{}", place.id));
        if let Some(p) = self.places.iter().position(|p| p.key == key) {
            return p;
        }
        let country_name = best_label(&place.labels, self.doc.lang).to_owned();
        let name = match self.doc.lang {
            Lang::Fr => format!(
                "{} {}",
                capitalise(&french_direction(direction)),
                french_of(&country_name)
            ),
            Lang::En => format!(
                "{} {country_name}",
                capitalise(&english_direction(direction))
            ),
        };
        // The gazetteer may know the region ("nord du Mali", "northern Mali").
        let english = format!(
            "{} {}",
            english_direction(direction),
            best_label(&place.labels, Lang::En)
        );
        let known = self
            .kb
            .gazetteer
            .names
            .get(&crate::text::name_key(&english))
            .and_then(|entries| {
                entries.iter().find_map(|e| match e.target {
                    NameTarget::Place(p)
                        if self.kb.gazetteer.places[p].country.as_deref()
                            == Some(place.id.as_str()) =>
                    {
                        Some(p)
                    }
                    _ => None,
                })
            });
        if let Some(index) = known {
            return self.known_place(index, 0.8);
        }
        self.places.push(PlaceDraft {
            key,
            name,
            country: Some(country),
            specificity: crate::extract::analysis::PART_OF_COUNTRY_SPECIFICITY,
            confidence: 0.7,
        });
        self.places.len() - 1
    }
}

pub(super) fn french_direction(direction: &str) -> String {
    direction
        .replace("north", "nord")
        .replace("south", "sud")
        .replace("east", "est")
        .replace("west", "ouest")
}

pub(super) fn english_direction(direction: &str) -> String {
    match direction {
        "centre" => "central".to_owned(),
        other => format!("{}ern", other.replace('-', "")),
    }
}

/// "du Mali", "de l'Algérie", "de la France": French "of" before a country name.
pub(super) fn french_of(country: &str) -> String {
    let folded = crate::text::fold(country);
    if folded.starts_with(|c: char| "aeiouy".contains(c)) {
        format!("de l'{country}")
    } else if folded.ends_with('e') {
        format!("de la {country}")
    } else {
        format!("du {country}")
    }
}

/// A French demonym in the feminine singular ("malien" → "malienne"), for "Armée malienne".
pub(super) fn feminine(demonym: &str) -> String {
    let lower = demonym.to_lowercase();
    if lower.ends_with('e') {
        lower
    } else if lower.ends_with("ien") || lower.ends_with("en") {
        format!("{lower}ne")
    } else if lower.ends_with('s') && !lower.ends_with("ais") && !lower.ends_with("ois") {
        lower.trim_end_matches('s').to_owned()
    } else {
        format!("{lower}e")
    }
}
