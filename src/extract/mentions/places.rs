//! Places the gazetteer does not list as such: directional regions ("le nord du Mali"),
//! towns named with a region word ("Kharkiv region"), borders, and "la ville".

use super::*;

/// "le nord du Mali", "northern Mali", "le nord du pays", "du Nord".
pub(super) fn directional_places(analysis: &mut Analysis) {
    let doc = &analysis.doc;
    let n = doc.tokens.len();
    let directions = analysis.kb.lexicon.class("direction");
    let adjectives = analysis.kb.lexicon.class("direction-adjective");
    let the_country = analysis.kb.lexicon.class("the-country");
    let mut found: Vec<(Range<usize>, String, Option<usize>)> = Vec::new();
    let mut parts_of_regions: Vec<Range<usize>> = Vec::new();
    for t in 0..n {
        if analysis.occupied[t] {
            continue;
        }
        if let Some(end) = doc.form_at(directions, t, n) {
            let determiner =
                t >= 1 && matches!(doc.keys[t - 1].as_str(), "le" | "de" | "au" | "the");
            // "plus au nord", "further north": a bearing, not a region.
            let relative =
                t >= 2 && matches!(doc.keys[t - 2].as_str(), "plus" | "further" | "farther");
            if !determiner || relative {
                continue;
            }
            let direction = canonical_direction(&doc.keys[t..end].join("-"));
            if end < n && matches!(doc.keys[end].as_str(), "de" | "of") {
                // "nord du Mali", "north of Mali", "nord du pays".
                let region = analysis
                    .mention_starting_at(end + 1)
                    .and_then(|m| match m.referent {
                        Referent::Country(c) => Some((m.tokens.end, Some(c))),
                        _ => None,
                    });
                let region = region.or_else(|| {
                    doc.form_at(the_country, end + 1, n)
                        .map(|e| (e, analysis.main_country))
                });
                if let Some((stop, country)) = region {
                    found.push((t..stop, direction, country));
                }
                // "au nord-ouest de Tessalit": a bearing from a town, not a region.
                continue;
            }
            // A bare "le nord", "du Nord": the main country's (English "the West" is rarely a region).
            if doc.lang == Lang::Fr {
                found.push((t..end, direction, analysis.main_country));
            }
        } else if let Some(end) = doc.form_at(adjectives, t, n) {
            if let Some(Referent::Country(c)) = analysis
                .mention_starting_at(end)
                .map(|m| m.referent.clone())
            {
                let stop = analysis
                    .mention_starting_at(end)
                    .map_or(end, |m| m.tokens.end);
                found.push((t..stop, canonical_direction(&doc.keys[t]), Some(c)));
            } else if let Some(region) = analysis.mention_starting_at(end).filter(
                |m| matches!(m.referent, Referent::Place(p) if analysis.places[p].specificity == crate::extract::analysis::REGION_SPECIFICITY),
            ) {
                // "northwestern Tigray": a part of a region, a place of its own.
                parts_of_regions.push(t..region.tokens.end);
            }
        }
    }
    for range in parts_of_regions {
        let name = capitalise(&analysis.doc.text_of(range.clone()));
        let place = analysis.discovered_place(&name, 0.6);
        let sentence = analysis.doc.sentence_of[range.start];
        analysis.push_mention(range, sentence, Referent::Place(place), 0.6);
    }
    for (range, direction, country) in found {
        let Some(country) = country else { continue };
        let place = analysis.directional_place(&direction, country);
        let sentence = analysis.doc.sentence_of[range.start];
        analysis.push_mention(range, sentence, Referent::Place(place), 0.7);
    }
}

/// "la province d'Alep", "Kharkiv region", "Sennar state": a town's name with a region
/// word names the region, not the town. It is the town's own region in the gazetteer
/// when their names agree ("Kharkiv" and "Kharkivska Region", "Aleppo" alias "Halab"
/// and "Ḩalab Province"), else a region of its own named as in the text.
pub(super) fn designated_regions(analysis: &mut Analysis) {
    let before_words = analysis.kb.lexicon.class("region-word-before");
    let after_words = analysis.kb.lexicon.class("region-word-after");
    let n = analysis.doc.tokens.len();
    let mut changes: Vec<(usize, Range<usize>, Option<usize>)> = Vec::new(); // mention, tokens, known region
    for (i, m) in analysis.mentions.iter().enumerate() {
        let Referent::Place(p) = m.referent else {
            continue;
        };
        let EntityKey::Known(id) = &analysis.places[p].key else {
            continue;
        };
        if analysis.places[p].specificity != 4 {
            continue;
        }
        let start = (m.tokens.start.saturating_sub(3)..m.tokens.start).find(|&k| {
            analysis.doc.form_at(before_words, k, m.tokens.start) == Some(m.tokens.start)
        });
        let end = analysis
            .doc
            .form_at(after_words, m.tokens.end, n)
            .filter(|_| m.tokens.end < n);
        if start.is_none() && end.is_none() {
            continue;
        }
        let tokens = start.unwrap_or(m.tokens.start)..end.unwrap_or(m.tokens.end);
        let gazetteer = &analysis.kb.gazetteer;
        let town = gazetteer.place_position(id).map(|t| &gazetteer.places[t]);
        let region = town.and_then(|town| {
            let index = gazetteer.place_position(town.part_of.as_deref()?)?;
            let region = &gazetteer.places[index];
            let names = |place: &crate::ontology::KnownPlace| -> Vec<String> {
                place
                    .labels
                    .iter()
                    .chain(&place.aliases)
                    .map(|l| crate::text::fold(&l.text))
                    .collect()
            };
            let (town_names, region_names) = (names(town), names(region));
            let agree = town_names.iter().any(|t| {
                region_names.iter().any(|r| {
                    let common = t.chars().zip(r.chars()).take_while(|(a, b)| a == b).count();
                    common >= t.chars().count().min(REGION_NAME_PREFIX)
                })
            });
            agree.then_some(index)
        });
        changes.push((i, tokens, region));
    }
    for (i, tokens, region) in changes {
        let place = match region {
            Some(index) => analysis.known_place(index, 0.8),
            None => {
                let name = capitalise(&analysis.doc.text_of(tokens.clone()));
                let town = match analysis.mentions[i].referent {
                    Referent::Place(p) => analysis.places[p].country,
                    _ => None,
                };
                let place = analysis.discovered_place(&name, 0.7);
                analysis.places[place].country = town;
                analysis.places[place].specificity = 3;
                place
            }
        };
        for t in tokens.clone() {
            analysis.occupied[t] = true;
        }
        analysis.mentions[i].tokens = tokens;
        analysis.mentions[i].referent = Referent::Place(place);
    }
}

/// How many first letters a town's and a region's names must share to be namesakes.
pub(super) const REGION_NAME_PREFIX: usize = 5;

/// "la frontière malienne", "the Russian border", "the Niger border": a border named by
/// the country on its other side is a place of its own, as wide as a region.
pub(super) fn border_places(analysis: &mut Analysis) {
    let borders = analysis.kb.lexicon.class("border-noun");
    let n = analysis.doc.tokens.len();
    let mut found: Vec<(Range<usize>, usize)> = Vec::new(); // tokens, country
    for t in 0..n {
        if analysis.occupied[t] || !analysis.doc.is_form(borders, t..t + 1) {
            continue;
        }
        let same_sentence = |k: usize| analysis.doc.sentence_of[k] == analysis.doc.sentence_of[t];
        let found_here = match analysis.doc.lang {
            // The adjective after the noun: "frontière malienne".
            Lang::Fr => analysis
                .demonyms
                .get(&(t + 1))
                .filter(|_| t + 1 < n && same_sentence(t + 1))
                .map(|&c| (t..t + 2, c)),
            // The demonym or the country before it: "Russian border", "the Niger border".
            Lang::En => t.checked_sub(1).and_then(|before| {
                if let Some(&c) = analysis.demonyms.get(&before) {
                    return Some((before..t + 1, c));
                }
                analysis
                    .mentions
                    .iter()
                    .find(|m| m.tokens.end == t)
                    .and_then(|m| match m.referent {
                        Referent::Country(c) => Some((m.tokens.start..t + 1, c)),
                        _ => None,
                    })
            }),
        };
        found.extend(found_here);
    }
    for (range, country) in found {
        let name = capitalise(&analysis.doc.text_of(range.clone()));
        let place = analysis.discovered_place(&name, 0.6);
        analysis.places[place].country = Some(country);
        analysis.places[place].specificity = 3;
        let sentence = analysis.doc.sentence_of[range.start];
        analysis.push_mention(range, sentence, Referent::Place(place), 0.6);
    }
}

/// "la ville", "the city", "cette localité": the town named last before it.
/// ("la ville de Kidal" names the town itself and is matched with it.)
pub(super) fn place_anaphora(analysis: &mut Analysis) {
    let forms = analysis.kb.lexicon.class("place-anaphor");
    let n = analysis.doc.tokens.len();
    let mut found = Vec::new();
    let mut t = 0;
    while t < n {
        let Some(end) = analysis.doc.form_at(forms, t, n) else {
            t += 1;
            continue;
        };
        let named_after = end < n && matches!(analysis.doc.keys[end].as_str(), "de" | "of");
        if !named_after && !analysis.occupied[t..end].iter().any(|&o| o) {
            let town = analysis
                .mentions
                .iter()
                .filter(|m| m.tokens.end <= t)
                .filter_map(|m| match m.referent {
                    Referent::Place(p)
                        if analysis.places[p].specificity
                            >= crate::extract::analysis::TOWN_SPECIFICITY =>
                    {
                        Some((m.tokens.end, p))
                    }
                    _ => None,
                })
                .max_by_key(|&(end, _)| end);
            if let Some((_, place)) = town {
                found.push((t..end, place));
            }
        }
        t = end;
    }
    for (range, place) in found {
        let sentence = analysis.doc.sentence_of[range.start];
        let confidence = analysis.places[place].confidence.min(0.6);
        analysis.push_mention(range, sentence, Referent::Place(place), confidence);
    }
}

/// The English name of a direction word, the key of a directional region.
pub(super) fn canonical_direction(word: &str) -> String {
    let word = word
        .trim_end_matches("ern")
        .replace("northeast", "north-east")
        .replace("northwest", "north-west");
    let parts: Vec<&str> = word.split('-').collect();
    parts
        .iter()
        .map(|p| match *p {
            "nord" | "north" | "nor" => "north",
            "sud" | "south" | "sou" => "south",
            "est" | "east" | "eas" => "east",
            "ouest" | "west" | "wes" => "west",
            "centre" | "central" | "center" => "centre",
            other => other,
        })
        .collect::<Vec<_>>()
        .join("-")
}
