//! Gazetteer names in the text: places and actors told apart from their namesakes
//! by the article's context, the article's main country, and capitals that act.

use super::*;

/// A capital that acts stands for its country's government: "Islamabad accused …",
/// "Moscou a démenti", "Kyiv said": a capital's mention, not after a locative
/// word, right before a reporting verb, a relation cue or an event trigger.
pub(super) fn capitals_as_governments(analysis: &mut Analysis) {
    let n = analysis.doc.tokens.len();
    let lexicon = &analysis.kb.lexicon;
    let mut found = Vec::new();
    for (i, m) in analysis.mentions.iter().enumerate() {
        let Referent::Place(p) = m.referent else {
            continue;
        };
        let EntityKey::Known(id) = &analysis.places[p].key else {
            continue;
        };
        let gazetteer = &analysis.kb.gazetteer;
        let Some(country) = gazetteer
            .place(id)
            .and_then(|place| place.capital_of.as_deref())
            .and_then(|c| gazetteer.place_position(c))
        else {
            continue;
        };
        let end = m.tokens.end;
        if end >= n
            || analysis.doc.quoted[m.tokens.start]
            || crate::extract::events::is_locative(analysis, m.tokens.start)
        {
            continue;
        }
        let acts = analysis
            .doc
            .form_at(&lexicon.claim_cue_forms, end, n)
            .is_some()
            || analysis
                .doc
                .form_at(&lexicon.relation_cue_forms, end, n)
                .is_some()
            || analysis
                .doc
                .form_at(&lexicon.trigger_forms, end, n)
                .is_some();
        if acts {
            found.push((i, country));
        }
    }
    for (i, country) in found {
        let government = analysis.state_body_actor(country, false);
        analysis.mentions[i].referent = Referent::Actor(government);
    }
}

/// Gazetteer matching, longest name first; returns demonym hits (token → country place index).
pub(super) fn gazetteer_names(analysis: &mut Analysis) -> HashMap<usize, usize> {
    let gazetteer = &analysis.kb.gazetteer;
    let doc = &analysis.doc;
    let n = doc.tokens.len();
    let mut hits: Vec<(Range<usize>, Vec<NameTarget>)> = Vec::new();
    let mut at = 0;
    while at < n {
        if analysis.occupied[at] || doc.tokens[at].kind == TokenKind::Punct {
            at += 1;
            continue;
        }
        let mut found = None;
        // Only names that begin with this token, over free words, can match here.
        let first = crate::text::key_form(&doc.tokens[at].fold);
        let longest = gazetteer
            .name_starts
            .get(&first)
            .map_or(0, |&l| l.min(n - at));
        let free = (at..at + longest)
            .take_while(|&t| doc.tokens[t].kind != TokenKind::Punct && !analysis.occupied[t])
            .count();
        let mut key: Vec<String> = Vec::with_capacity(free);
        key.push(first);
        key.extend(
            doc.tokens[at + 1..at + free.max(1)]
                .iter()
                .map(|t| crate::text::key_form(&t.fold)),
        );
        for len in (1..=free).rev() {
            let range = at..at + len;
            let Some(entries) = gazetteer.names.get(&key[..len]) else {
                continue;
            };
            let written_ok: Vec<NameTarget> = entries
                .iter()
                .filter(|e| {
                    let first = &doc.tokens[at];
                    if e.exact_case {
                        let text = doc.tokens[range.clone()]
                            .iter()
                            .map(|t| t.text.replace('.', ""))
                            .collect::<String>();
                        let written = e.written.replace(['.', ' ', '-'], "");
                        // An acronym of four letters or more is also written as a word
                        // ("Jnim", "Nato", "Ecowas").
                        return text == written
                            || written.chars().count() >= 4
                                && written.chars().all(|c| c.is_uppercase())
                                && text.chars().next().is_some_and(char::is_uppercase)
                                && text.chars().skip(1).all(char::is_lowercase)
                                && text.to_uppercase() == written;
                    }
                    // "al-Qaïda", "el-Fasher": a lower-case article before a capitalised name.
                    let article_first = matches!(
                        first.text.as_str(),
                        "al" | "el" | "ad" | "as" | "ash" | "an" | "ar"
                    ) && doc.tokens.get(at + 1).is_some_and(|t| t.capitalised);
                    !e.capitalised
                        || first.capitalised
                        || first.kind == TokenKind::Number
                        || article_first
                })
                .map(|e| e.target)
                .collect();
            let mut targets: Vec<NameTarget> = Vec::with_capacity(written_ok.len());
            for target in written_ok {
                if !targets.contains(&target) {
                    targets.push(target); // one entry may own a name twice (in two languages)
                }
            }
            if !targets.is_empty() {
                found = Some((range, targets));
                break;
            }
        }
        match found {
            Some((range, targets)) => {
                at = range.end;
                hits.push((range, targets));
            }
            None => at += 1,
        }
    }
    let context = PlaceContext::of_hits(gazetteer, &hits);
    let mut demonyms = HashMap::new();
    for (range, targets) in hits {
        if looks_like_person_name(analysis, &range, &targets) {
            continue;
        }
        let Some((target, confidence)) = choose_target(analysis, &targets, &context) else {
            continue;
        };
        let sentence = analysis.doc.sentence_of[range.start];
        match target {
            NameTarget::Demonym(p) => {
                for t in range {
                    demonyms.insert(t, p);
                }
            }
            NameTarget::Actor(a) => {
                let actor = analysis.known_actor(a, confidence);
                analysis.push_mention(range, sentence, Referent::Actor(actor), confidence);
            }
            NameTarget::Place(p)
                if analysis.kb.gazetteer.places[p].place_type == PlaceType::Country =>
            {
                analysis.push_mention(range, sentence, Referent::Country(p), confidence);
            }
            NameTarget::Place(p) => {
                let place = analysis.known_place(p, confidence);
                analysis.push_mention(range, sentence, Referent::Place(place), confidence);
            }
        }
    }
    demonyms
}

/// A place this large is named without its country ("Paris", "Kyiv").
pub(super) const SELF_EVIDENT_POPULATION: u64 = 100_000;

/// What the article says about where it happens, from the names that are not towns
/// and have one reading: countries, demonyms, regions, areas, actors with a country.
#[derive(Debug, Default)]
pub(super) struct PlaceContext {
    /// Country id → how many times it is named or implied.
    pub(super) countries: HashMap<String, usize>,
    /// Country id → how many times a place or demonym names or implies it (not an
    /// actor: Wagner is Russian, and fights in Mali).
    pub(super) place_countries: HashMap<String, usize>,
    /// Ids of the regions and areas named.
    pub(super) places: Vec<String>,
}

impl PlaceContext {
    pub(super) fn of_hits(
        gazetteer: &crate::ontology::Gazetteer,
        hits: &[(Range<usize>, Vec<NameTarget>)],
    ) -> Self {
        let mut context = Self::default();
        for (_, targets) in hits {
            let [single] = targets.as_slice() else {
                continue;
            };
            let (country, of_place) = match *single {
                NameTarget::Place(p) | NameTarget::Demonym(p) => {
                    let place = &gazetteer.places[p];
                    if place.place_type == PlaceType::Town {
                        continue; // a town could itself be a namesake: it needs context, it gives none
                    }
                    context.places.push(place.id.clone());
                    (place.country.clone(), true)
                }
                NameTarget::Actor(a) => (gazetteer.actors[a].country.clone(), false),
            };
            if let Some(country) = country {
                if of_place {
                    *context.place_countries.entry(country.clone()).or_default() += 1;
                }
                *context.countries.entry(country).or_default() += 1;
            }
        }
        context
    }

    /// The article's main country so far: the one named most.
    pub(super) fn main_country(&self) -> Option<&str> {
        self.countries
            .iter()
            .max_by_key(|&(id, n)| (*n, std::cmp::Reverse(id.as_str())))
            .map(|(id, _)| id.as_str())
    }
}

/// "Tangi Salaün", "Assimi Goïta": a town name run together with another capitalised
/// word (not at the sentence start, not a known name) is part of a person's name.
pub(super) fn looks_like_person_name(
    analysis: &Analysis,
    range: &Range<usize>,
    targets: &[NameTarget],
) -> bool {
    let gazetteer = &analysis.kb.gazetteer;
    let all_towns = targets.iter().all(
        |t| matches!(t, NameTarget::Place(p) if gazetteer.places[*p].place_type == PlaceType::Town),
    );
    if !all_towns {
        return false;
    }
    let doc = &analysis.doc;
    let sentence = &doc.sentences[doc.sentence_of[range.start]].tokens;
    let name_like = |t: usize| {
        let token = &doc.tokens[t];
        token.is_word() && token.capitalised && !token.acronym && !analysis.occupied[t]
    };
    let before = range.start > sentence.start + 1 && name_like(range.start - 1);
    let after = range.end < sentence.end && name_like(range.end);
    before || after
}

/// Picks among namesakes, and says how sure the pick is (`None`: not a place after all).
///
/// Actors: the one valid at the article date, in a country the article names.
/// Places: the one the article's context confirms (its country named or implied, its
/// region named, the article's main country), then the most populous. A small town
/// nothing in the article confirms is dropped: it is likely a namesake word or person.
pub(super) fn choose_target(
    analysis: &Analysis,
    targets: &[NameTarget],
    context: &PlaceContext,
) -> Option<(NameTarget, f32)> {
    let gazetteer = &analysis.kb.gazetteer;
    let main_country = context.main_country();
    // (valid, context evidence, population for a place or start of validity for an actor)
    let score = |target: &NameTarget| -> (bool, usize, u64) {
        match *target {
            NameTarget::Place(p) | NameTarget::Demonym(p) => {
                let place = &gazetteer.places[p];
                let country = place.country.as_deref();
                let mut evidence = country
                    .and_then(|c| context.countries.get(c).copied())
                    .unwrap_or(0);
                if place
                    .part_of
                    .as_ref()
                    .is_some_and(|r| context.places.contains(r))
                {
                    evidence += 2;
                }
                if country.is_some() && country == main_country {
                    evidence += 1;
                }
                (true, evidence, place.population.unwrap_or(0))
            }
            NameTarget::Actor(a) => {
                let actor = &gazetteer.actors[a];
                let valid = analysis.date.is_none_or(|d| {
                    actor.valid_from.is_none_or(|from| from <= d)
                        && actor.valid_until.is_none_or(|until| d <= until)
                        || actor.valid_until.is_some_and(|u| u.year == d.year)
                });
                let evidence = actor
                    .country
                    .as_ref()
                    .and_then(|c| context.countries.get(c).copied())
                    .unwrap_or(0);
                // Of a renamed actor's names valid at once ("CSP" in 2024), the newer one.
                let since = actor.valid_from.map_or(0, |d| {
                    u64::from(d.year.unsigned_abs()) * 100 + u64::from(d.month.unwrap_or(0))
                });
                (valid, evidence, since)
            }
        }
    };
    let mut ranked: Vec<(NameTarget, (bool, usize, u64))> =
        targets.iter().map(|t| (*t, score(t))).collect();
    ranked.sort_by_key(|(_, s)| std::cmp::Reverse(*s));
    let (best, (_, evidence, _)) = *ranked.first()?;
    // A generated small town whose country the article never names is more likely
    // a namesake word or person than the place.
    let needs_context = matches!(best, NameTarget::Place(p) if gazetteer.places[p].needs_context);
    if needs_context && evidence == 0 {
        return None;
    }
    // A small place of a country the article never names, in an article that names
    // others as places, is a namesake: "la région du Nord" of an article about Mali is
    // not Burkina Faso's Nord region. An actor's country does not count: Wagner
    // (Russian) near Tombouctou is in Mali.
    let foreign = matches!(best, NameTarget::Place(p)
        if gazetteer.places[p].place_type != PlaceType::Country
            && gazetteer.places[p].country.is_some()
            && gazetteer.places[p].population.unwrap_or(0) < SELF_EVIDENT_POPULATION);
    if foreign && evidence == 0 && !context.place_countries.is_empty() {
        return None;
    }
    let unconfirmed_town = matches!(best, NameTarget::Place(p)
        if gazetteer.places[p].place_type == PlaceType::Town && evidence == 0);
    let runner_up = ranked.get(1).map(|(_, s)| *s);
    let confidence = match runner_up {
        None if !unconfirmed_town => 0.95,
        None => 0.8,
        // The context tells the namesakes apart.
        Some((_, other, _)) if evidence > other => 0.85,
        // Only the population does.
        Some(_) if evidence > 0 => 0.6,
        Some(_) => 0.5,
    };
    Some((best, confidence))
}

pub(super) fn main_country(analysis: &Analysis, demonyms: &HashMap<usize, usize>) -> Option<usize> {
    let mut counts: HashMap<usize, usize> = HashMap::new();
    for mention in &analysis.mentions {
        let country = match mention.referent {
            Referent::Country(p) => Some(p),
            Referent::Place(p) => analysis.places[p].country,
            Referent::Actor(a) => analysis.actors[a].country,
            _ => None,
        };
        if let Some(c) = country {
            *counts.entry(c).or_default() += 2;
        }
    }
    for &p in demonyms.values() {
        *counts.entry(p).or_default() += 1;
    }
    counts
        .into_iter()
        .max_by_key(|&(p, c)| (c, std::cmp::Reverse(p)))
        .map(|(p, _)| p)
}
