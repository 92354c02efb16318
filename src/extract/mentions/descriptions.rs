//! Descriptions ("les séparatistes", "the group"): found, merged with the actor they
//! qualify, and resolved by trait, salience and proximity.

use super::*;

/// Description nouns ("les séparatistes", "the group"), merged into the actor that follows them when there is one.
pub(super) fn descriptions(analysis: &mut Analysis, demonyms: &HashMap<usize, usize>) {
    let n = analysis.doc.tokens.len();
    let lexicon = &analysis.kb.lexicon;
    let forms = &lexicon.description_forms;
    let matches = analysis.doc.find_forms(forms, 0..n);
    // A name that holds a description gives its actor the trait: "M23 rebels", "groupes armés séparatistes".
    let mut named_traits = Vec::new();
    for mention in &analysis.mentions {
        if let Referent::Actor(actor) = mention.referent {
            for (description, _) in analysis.doc.find_forms(forms, mention.tokens.clone()) {
                named_traits.extend(
                    lexicon.descriptions[description]
                        .trait_name
                        .clone()
                        .map(|t| (actor, t)),
                );
            }
        }
    }
    for (actor, trait_name) in named_traits {
        analysis.actors[actor].traits.push(trait_name);
    }
    let mut new_mentions = Vec::new();
    for (description, range) in matches {
        if analysis.occupied[range.clone()].iter().any(|&o| o) {
            continue;
        }
        let mut end = range.end;
        let mut country = None;
        if let Some(&c) = demonyms.get(&end) {
            country = Some(c);
            end += 1;
        }
        // Trailing adjectives make the phrase: "rebelles touaregs", "groupes armés séparatistes".
        let mut phrase_end = end;
        // A linking word is no qualifier: "djihadistes liés à Al-Qaïda" are not a group of
        // their own called "liés".
        let linking = lexicon.class("linking-adjective");
        while phrase_end < n
            && phrase_end < end + 2
            && is_adjective_like(analysis, phrase_end)
            && agrees_in_number(analysis, range.end - 1, phrase_end)
            && !analysis.doc.is_form(linking, phrase_end..phrase_end + 1)
        {
            phrase_end += 1;
        }
        let sentence = analysis.doc.sentence_of[range.start];
        let phrase = analysis.doc.text_of(range.start..phrase_end);
        // "les rebelles du CSP", "militaires de Wagner", "jihadistes de Boko Haram",
        // "gunmen of the Sinaloa Cartel", "fighters from ISWAP".
        let linked = phrase_end < n
            && matches!(analysis.doc.keys[phrase_end].as_str(), "de" | "of" | "from");
        let name_at = if phrase_end + 1 < n && analysis.doc.keys[phrase_end + 1] == "the" {
            phrase_end + 2
        } else {
            phrase_end + 1
        };
        let following = linked
            .then(|| analysis.mention_starting_at(name_at))
            .flatten()
            .cloned();
        if let Some(next) = following {
            match next.referent {
                Referent::Actor(actor) => {
                    let trait_name = lexicon.descriptions[description].trait_name.clone();
                    analysis.actors[actor].traits.extend(trait_name);
                    new_mentions.push((
                        range.start..next.tokens.end,
                        sentence,
                        Referent::Actor(actor),
                        0.8,
                    ));
                    continue;
                }
                Referent::Country(c)
                    if !lexicon.descriptions[description]
                        .kinds
                        .contains(&ActorKind::Country) =>
                {
                    let armed = lexicon.descriptions[description]
                        .kinds
                        .contains(&ActorKind::StateArmedForce);
                    let gov = lexicon.descriptions[description]
                        .kinds
                        .contains(&ActorKind::Government);
                    if armed || gov {
                        let actor = analysis.state_body_actor(c, armed);
                        new_mentions.push((
                            range.start..next.tokens.end,
                            sentence,
                            Referent::Actor(actor),
                            0.8,
                        ));
                        continue;
                    }
                }
                _ => {}
            }
        }
        // English puts the name first: "the M23 rebels", "Houthi militants".
        let before = range
            .start
            .checked_sub(1)
            .and_then(|p| analysis.mention_ending_at(p))
            .cloned();
        if let Some(before) = before {
            if let Referent::Actor(actor) = before.referent {
                if analysis.actors[actor].kind != ActorKind::Person {
                    let trait_name = lexicon.descriptions[description].trait_name.clone();
                    analysis.actors[actor].traits.extend(trait_name);
                    new_mentions.push((
                        before.tokens.start..end,
                        sentence,
                        Referent::Actor(actor),
                        0.8,
                    ));
                    continue;
                }
            }
        }
        // A description right before a name of its kind describes it: "the paramilitary
        // Rapid Support Forces", "le groupe jihadiste JNIM".
        let named_after = analysis
            .mention_starting_at(end)
            .filter(|m| m.sentence == sentence)
            .and_then(|m| match m.referent {
                Referent::Actor(actor)
                    if lexicon.descriptions[description]
                        .kinds
                        .contains(&analysis.actors[actor].kind) =>
                {
                    Some((actor, m.tokens.end))
                }
                _ => None,
            });
        if let Some((actor, stop)) = named_after {
            let trait_name = lexicon.descriptions[description].trait_name.clone();
            analysis.actors[actor].traits.extend(trait_name);
            new_mentions.push((range.start..stop, sentence, Referent::Actor(actor), 0.8));
            continue;
        }
        let pending = PendingDescription {
            description,
            country,
            phrase,
        };
        new_mentions.push((range.start..end, sentence, Referent::Pending(pending), 0.7));
    }
    for (range, sentence, referent, confidence) in new_mentions {
        analysis.mentions.retain(|m| {
            !(m.tokens.start >= range.start
                && m.tokens.end <= range.end
                && !matches!(m.referent, Referent::Actor(_)))
        });
        analysis.push_mention(range, sentence, referent, confidence);
    }
    // "une alliance de groupes séparatistes (CSP-DPA)": the phrase before a bracketed name describes it.
    let mut links = Vec::new();
    for mention in &analysis.mentions {
        let Referent::Actor(actor) = mention.referent else {
            continue;
        };
        let start = mention.tokens.start;
        if start == 0 || !analysis.doc.tokens[start - 1].is_punct('(') {
            continue;
        }
        let window_start = start
            .saturating_sub(12)
            .max(analysis.doc.sentences[mention.sentence].tokens.start);
        for other in &analysis.mentions {
            if other.tokens.start >= window_start && other.tokens.end < start {
                if let Referent::Pending(p) = &other.referent {
                    links.push((other.tokens.clone(), actor, p.description));
                }
            }
        }
    }
    for (tokens, actor, description) in links {
        let trait_name = analysis.kb.lexicon.descriptions[description]
            .trait_name
            .clone();
        analysis.actors[actor].traits.extend(trait_name);
        if let Some(m) = analysis.mentions.iter_mut().find(|m| m.tokens == tokens) {
            m.referent = Referent::Actor(actor);
        }
    }
}

/// Whether a French word after a plural noun agrees with it as an adjective would
/// ("rebelles touaregs"), which a verb does not ("les rebelles contrôlent"). English
/// qualifiers do not follow their noun, and singular nouns allow any form.
fn agrees_in_number(analysis: &Analysis, noun: usize, word: usize) -> bool {
    let plural = |t: usize| {
        let fold = &analysis.doc.tokens[t].fold;
        fold.ends_with('s') || fold.ends_with('x')
    };
    analysis.doc.lang != Lang::Fr || !plural(noun) || plural(word)
}

/// Whether a folded description is a bare plural noun ("gunmen", "assaillants",
/// "militants"), not an anaphoric singular ("the group", "le groupe").
fn is_plural_noun(folded: &str) -> bool {
    let mut words = folded.split(' ');
    let first = words.next().unwrap_or("");
    !matches!(
        first,
        "the" | "le" | "la" | "les" | "ce" | "cette" | "ces" | "this"
    ) && (folded.ends_with('s') || folded.ends_with('x') || folded.ends_with("men"))
}

pub(super) fn is_adjective_like(analysis: &Analysis, t: usize) -> bool {
    let token = &analysis.doc.tokens[t];
    token.kind == TokenKind::Word
        && !token.capitalised
        && !analysis.occupied[t]
        && token.fold.chars().count() > 3
        // Not a word that starts a name-breaking, locative or clause-breaking form ("près
        // de", "dont").
        && !["not-a-name", "locative", "clause-break"].iter().any(|class| {
            analysis.kb.lexicon.class(class).iter().any(|(_, f)| {
                f.words.first().and_then(|w| w.as_deref()) == Some(analysis.doc.keys[t].as_str())
            })
        })
        && ![
            "dans", "depuis", "pour", "avec", "sans", "vers", "chez", "from", "with", "into",
            "near", "were", "have", "said", "ont", "sont", "etait", "avaient",
        ]
        .contains(&token.fold.as_str())
        && (token.fold.ends_with('s')
            || token.fold.ends_with('e')
            || token.fold.ends_with("es")
            || analysis.doc.lang == Lang::Fr)
}

/// Resolves pending descriptions: to an actor with the same trait, then to the
/// most salient actor of a compatible kind, else to a new actor named by the phrase.
pub(super) fn resolve_descriptions(analysis: &mut Analysis) {
    let pending: Vec<usize> = (0..analysis.mentions.len())
        .filter(|&i| matches!(analysis.mentions[i].referent, Referent::Pending(_)))
        .collect();
    let salience = |analysis: &Analysis, actor: usize| {
        analysis
            .mentions
            .iter()
            .filter(|m| m.referent == Referent::Actor(actor))
            .count()
    };
    let mut created: HashMap<String, usize> = HashMap::new();
    for i in pending {
        let Referent::Pending(p) = analysis.mentions[i].referent.clone() else {
            continue;
        };
        let description = &analysis.kb.lexicon.descriptions[p.description];
        let kinds = description.kinds.clone();
        let trait_name = description.trait_name.clone();
        let position = analysis.mentions[i].tokens.start;
        let candidates: Vec<usize> = (0..analysis.actors.len())
            .filter(|&a| {
                analysis
                    .mentions
                    .iter()
                    .any(|m| m.referent == Referent::Actor(a))
            })
            .filter(|&a| kinds.contains(&analysis.actors[a].kind))
            .filter(|&a| {
                p.country
                    .is_none_or(|c| analysis.actors[a].country == Some(c))
            })
            .collect();
        let nearest = |analysis: &Analysis, set: &[usize]| -> Option<usize> {
            set.iter().copied().min_by_key(|&a| {
                analysis
                    .mentions
                    .iter()
                    .filter(|m| m.referent == Referent::Actor(a))
                    .map(|m| {
                        if m.tokens.start <= position {
                            position - m.tokens.start
                        } else {
                            4 * (m.tokens.start - position)
                        }
                    })
                    .min()
                    .unwrap_or(usize::MAX)
            })
        };
        let with_trait: Vec<usize> = candidates
            .iter()
            .copied()
            .filter(|&a| {
                trait_name
                    .as_ref()
                    .is_some_and(|t| analysis.actors[a].traits.contains(t))
            })
            .collect();
        let chosen = if !with_trait.is_empty() {
            nearest(analysis, &with_trait)
        } else if let Some(known) =
            known_by_description(analysis, p.description).filter(|_| p.country.is_none())
        {
            // "la junte": the gazetteer's junta of the country the article names most.
            Some(analysis.known_actor(known, 0.7))
        } else if p.country.is_some() && !candidates.is_empty() {
            nearest(analysis, &candidates)
        } else if kinds
            .iter()
            .all(|k| matches!(k, ActorKind::StateArmedForce | ActorKind::Government))
            && !trait_name.as_ref().is_some_and(|t| {
                analysis
                    .kb
                    .lexicon
                    .class("named-body-trait")
                    .iter()
                    .any(|(_, f)| f.words.first().and_then(|w| w.as_deref()) == Some(t.as_str()))
            })
        {
            // "l'armée", "la junte": the main country's body when the article names it or the
            // gazetteer knows it, else the most mentioned body of that kind.
            let armed = kinds.contains(&ActorKind::StateArmedForce);
            let main = analysis.main_country;
            let home = candidates
                .iter()
                .copied()
                .filter(|&a| main.is_some() && analysis.actors[a].country == main)
                .max_by_key(|&a| salience(analysis, a));
            let linked = main.and_then(|c| {
                let place = &analysis.kb.gazetteer.places[c];
                let id = if armed {
                    place.armed_forces.clone()
                } else {
                    place.government.clone()
                };
                id.and_then(|id| analysis.kb.gazetteer.actor_position(&id))
            });
            home.or_else(|| linked.map(|index| analysis.known_actor(index, 0.7)))
                .or_else(|| {
                    candidates
                        .iter()
                        .copied()
                        .max_by_key(|&a| salience(analysis, a))
                })
                .or_else(|| main.map(|c| analysis.state_body_actor(c, armed)))
        } else if trait_name.is_none() {
            nearest(analysis, &candidates)
        } else {
            None
        };
        // Only non-state armed groups are named by a description alone, and only when
        // qualified: "les rebelles touaregs", "mercenaires russes", not "l'alliance".
        let nameable = kinds
            .iter()
            .all(|k| matches!(k, ActorKind::ArmedGroup | ActorKind::Coalition));
        let folded = crate::text::fold(&p.phrase);
        let qualifiers: Vec<&str> = folded.split(' ').skip(1).collect();
        // "Gunmen killed…", "des assaillants…" in a story that names no armed group: the
        // collective noun is the only name the actor has.
        let unnamed_collective = candidates.is_empty() && is_plural_noun(&folded);
        let actor = match chosen {
            Some(actor) => actor,
            None if nameable && (!qualifiers.is_empty() || unnamed_collective) => {
                // "rebelles touaregs" and "séparatistes touaregs" are the same group.
                // An unqualified noun is keyed by its trait: "gunmen" and "attackers" are one.
                let key = if qualifiers.is_empty() {
                    format!(":{}", trait_name.as_deref().unwrap_or(""))
                } else {
                    qualifiers.join("-")
                };
                match created.get(&key) {
                    Some(&a) => {
                        analysis.actors[a].traits.extend(trait_name.clone());
                        a
                    }
                    None => {
                        let a = analysis.discovered_actor(&capitalise(&p.phrase), kinds[0], 0.5);
                        analysis.actors[a].traits.extend(trait_name.clone());
                        analysis.actors[a].country = p.country;
                        created.insert(key, a);
                        a
                    }
                }
            }
            None => match p.country {
                // "alliés russes" with no Russian actor in the article: Russia's forces.
                Some(country) if kinds.contains(&ActorKind::StateArmedForce) => {
                    analysis.state_body_actor(country, true)
                }
                _ => continue,
            },
        };
        analysis.mentions[i].referent = Referent::Actor(actor);
    }
}

/// A gazetteer actor whose name holds the description's words ("Junte malienne" for "la junte"),
/// of a country the article names; the most named country wins.
pub(super) fn known_by_description(analysis: &Analysis, description: usize) -> Option<usize> {
    let description = &analysis.kb.lexicon.descriptions[description];
    // Only bodies of a state are named after what they are ("Junte malienne"); group
    // names hold descriptive words by chance ("… et alliés").
    let state = description
        .kinds
        .iter()
        .all(|k| matches!(k, ActorKind::Government | ActorKind::StateArmedForce));
    if description.trait_name.is_none() || !state {
        return None;
    }
    let words: Vec<&str> = description
        .forms
        .iter()
        .filter_map(|f| f.words.last()?.as_deref())
        .collect();
    let mut weight: HashMap<usize, usize> = HashMap::new();
    for mention in &analysis.mentions {
        if let Referent::Country(c) = mention.referent {
            *weight.entry(c).or_default() += 2;
        }
    }
    for &c in analysis.demonyms.values() {
        *weight.entry(c).or_default() += 1;
    }
    let gazetteer = &analysis.kb.gazetteer;
    // The country first (a lookup), the names only for the few actors of the article's
    // countries: tokenising every actor's names for every description was a fifth of
    // the extraction time.
    gazetteer
        .actors
        .iter()
        .enumerate()
        .filter(|(_, a)| description.kinds.contains(&a.kind))
        .filter_map(|(i, a)| {
            let country = gazetteer.place_position(a.country.as_deref()?)?;
            Some((i, a, *weight.get(&country)?))
        })
        .filter(|(_, a, _)| {
            a.labels.iter().chain(&a.aliases).any(|l| {
                crate::text::name_key(&l.text)
                    .iter()
                    .any(|w| words.contains(&crate::extract::document::match_key(w).as_str()))
            })
        })
        .map(|(i, _, w)| (i, w))
        .max_by_key(|&(i, w)| (w, std::cmp::Reverse(i)))
        .map(|(i, _)| i)
}
