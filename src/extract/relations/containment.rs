//! Places inside places (`locatedIn`): what the text says ("Damboa in Borno State",
//! "dans la région de Kidal", "the Ukrainian city of Kupiansk") and what the gazetteer's
//! hierarchy says of places named side by side.

use super::*;
use crate::extract::analysis::{RawMention, PART_OF_COUNTRY_SPECIFICITY};
use crate::extract::Lang;

/// "In-Afarak, …, à 122 km de Tessalit, dans la région de Kidal": each town of the clause lies in the region.
pub(super) fn located_in(
    analysis: &mut Analysis,
    cue: &Range<usize>,
    sentence: usize,
    confidence: f32,
    relations: &mut Vec<Relation>,
) {
    // The containing place: the first place from the cue on ("dans le sud-ouest de la région de X").
    let is_place = |i: usize| {
        matches!(
            analysis.mentions[i].referent,
            Referent::Place(_) | Referent::Country(_)
        )
    };
    let region = (0..analysis.mentions.len())
        .filter(|&i| {
            let m = &analysis.mentions[i];
            m.tokens.start >= cue.start
                && m.tokens.start <= cue.end + 6
                && m.tokens.end >= cue.end
                && is_place(i)
        })
        .min_by_key(|&i| analysis.mentions[i].tokens.start);
    let Some(region) = region else { return };
    let Some(region_place) = analysis.place_of(region) else {
        return;
    };
    let region_specificity = analysis.places[region_place].specificity;
    // The places it contains: the more specific ones of the clause before the cue, or the
    // antecedent of a relative pronoun ("Tillabéri qui se trouve dans …").
    let clause = analysis.clause_around(cue.start);
    // "à Gao et dans la région de Mopti": a coordinated place is beside the region, not in it.
    let coordinated = cue.start >= 1
        && matches!(
            analysis.doc.keys[cue.start - 1].as_str(),
            "et" | "and" | "ou" | "or"
        );
    if coordinated {
        return;
    }
    let mut towns: Vec<usize> = (0..analysis.mentions.len())
        .filter(|&i| {
            let m = &analysis.mentions[i];
            m.tokens.start >= clause.start && m.tokens.end <= cue.start
        })
        .filter(|&i| matches!(analysis.mentions[i].referent, Referent::Place(p) if analysis.places[p].specificity > region_specificity))
        .collect();
    // A relative clause's antecedent stands in the same sentence, just before it.
    let sentence_start = analysis.doc.sentence_range(sentence).start;
    if towns.is_empty() && clause.start >= sentence_start + 2 {
        if let Some(antecedent) = analysis
            .mention_ending_at(clause.start - 2)
            .or_else(|| analysis.mention_ending_at(clause.start - 1))
        {
            let index = analysis.mentions.iter().position(|m| m == antecedent);
            towns.extend(index.filter(|&i| matches!(analysis.mentions[i].referent, Referent::Place(p) if analysis.places[p].specificity > region_specificity)));
        }
    }
    // "la capitale d'Haïti, Port-au-Prince": the town in apposition after the region.
    if towns.is_empty() {
        let after = analysis.mentions[region].tokens.end;
        let next = (0..analysis.mentions.len()).find(|&i| {
            analysis.mentions[i].tokens.start == after + 1
                && analysis.mentions[i].sentence == sentence
        });
        let comma = analysis
            .doc
            .tokens
            .get(after)
            .is_some_and(|t| t.is_punct(','));
        towns.extend(next.filter(|&i| comma && matches!(analysis.mentions[i].referent, Referent::Place(p) if analysis.places[p].specificity > region_specificity)));
    }
    for town in towns {
        mention_in_mention(analysis, relations, (town, region), sentence, confidence);
    }
}

/// The place of mention `inner` lies in the place of mention `outer`, as the stretch of
/// `sentence` from one to the other tells it (see [`push_containment`]).
fn mention_in_mention(
    analysis: &mut Analysis,
    relations: &mut Vec<Relation>,
    (inner, outer): (usize, usize),
    sentence: usize,
    confidence: f32,
) {
    let (Some(inner_place), Some(outer_place)) =
        (analysis.place_of(inner), analysis.place_of(outer))
    else {
        return;
    };
    if inner_place == outer_place {
        return;
    }
    let tokens = analysis.mentions[inner].tokens.start..analysis.mentions[outer].tokens.end;
    let evidence = evidence(analysis, sentence, tokens);
    push_containment(
        analysis,
        relations,
        (inner_place, outer_place),
        evidence,
        confidence,
    );
}

/// `inner` lies in `outer` (place drafts), as `evidence` tells it; where `outer` is a
/// part of a country ("l'est de la RDC", "northern Mali"), `inner` lies in that country too.
fn push_containment(
    analysis: &mut Analysis,
    relations: &mut Vec<Relation>,
    (inner, outer): (usize, usize),
    evidence: Evidence,
    confidence: f32,
) {
    let outer_draft = &analysis.places[outer];
    let country = outer_draft
        .country
        .filter(|_| outer_draft.specificity == PART_OF_COUNTRY_SPECIFICITY);
    if let Some(country) = country {
        let country_place = analysis.country_place(country);
        if country_place != inner && country_place != outer {
            push(
                relations,
                located_in_relation(inner, country_place, evidence.clone(), confidence),
            );
        }
    }
    push(
        relations,
        located_in_relation(inner, outer, evidence, confidence),
    );
}

/// Whether the article names a country (a gazetteer index) as a country, a place or a
/// party, not only through a demonym.
fn country_named(analysis: &Analysis, country: usize) -> bool {
    analysis.country_places.contains_key(&country)
        || analysis.mentions.iter().any(|m| match m.referent {
            Referent::Country(c) => c == country,
            Referent::Actor(a) => {
                let actor = &analysis.actors[a];
                actor.kind == crate::extract::ActorKind::Country && actor.country == Some(country)
            }
            _ => false,
        })
}

/// `inner` lies in `outer` (place drafts), as `evidence` tells it.
fn located_in_relation(
    inner: usize,
    outer: usize,
    evidence: Evidence,
    confidence: f32,
) -> Relation {
    Relation {
        subject: EntityRef::Place(inner),
        kind: RelationKind::LocatedIn,
        object: EntityRef::Place(outer),
        since: None,
        until: None,
        evidence,
        confidence,
    }
}

/// How sure a containment read from "X in Y" is.
const CONTAINMENT_CONFIDENCE: f32 = 0.7;
/// The most words between a containment word and the container's name ("in the
/// northern region of").
const CONTAINER_LEAD_WORDS: usize = 4;

/// "Kadugli in South Kordofan state", "Kerawa, toujours dans l'Extrême-Nord", "Gao,
/// au Mali": a place followed by a containment word (class `containment`, after a
/// comma or an adverb of class `containment-glue` at most) and then, with only
/// words and no other name between, a less specific place, lies in it. For
/// places the gazetteer does not link, or links to nothing the article names.
pub(super) fn adjacent_containment(analysis: &mut Analysis, relations: &mut Vec<Relation>) {
    let containment = analysis.kb.lexicon.class("containment");
    let glue = analysis.kb.lexicon.class("containment-glue");
    let mut found = Vec::new(); // (inner mention, outer mention)
    for (i, inner) in analysis.mentions.iter().enumerate() {
        let Referent::Place(inner_place) = inner.referent else {
            continue;
        };
        let sentence_end = analysis.doc.sentence_range(inner.sentence).end;
        let mut t = inner.tokens.end;
        while t < sentence_end
            && (analysis.doc.tokens[t].is_punct(',') || analysis.doc.is_form(glue, t..t + 1))
        {
            t += 1;
        }
        let Some(lead_end) = analysis.doc.form_at(containment, t, sentence_end) else {
            continue;
        };
        let outer = analysis.mentions.iter().position(|m| {
            m.tokens.start >= lead_end
                && m.tokens.start <= lead_end + CONTAINER_LEAD_WORDS
                && m.tokens.end <= sentence_end
        });
        let Some(outer) = outer else { continue };
        let between = lead_end..analysis.mentions[outer].tokens.start;
        let only_words = between.clone().all(|t| analysis.doc.tokens[t].is_word())
            && !analysis
                .mentions
                .iter()
                .any(|m| between.contains(&m.tokens.start));
        let outer_specificity = match analysis.mentions[outer].referent {
            Referent::Place(p) => analysis.places[p].specificity,
            Referent::Country(_) => 1,
            _ => continue,
        };
        if only_words && analysis.places[inner_place].specificity > outer_specificity {
            found.push((i, outer));
        }
    }
    for (inner, outer) in found {
        let sentence = analysis.mentions[inner].sentence;
        mention_in_mention(
            analysis,
            relations,
            (inner, outer),
            sentence,
            CONTAINMENT_CONFIDENCE,
        );
    }
}

/// How sure a containment read from the gazetteer's hierarchy is.
const HIERARCHY_CONFIDENCE: f32 = 0.8;
/// The most tokens from the first to the last word of two neighbouring place names.
const NEIGHBOURS: usize = 15;

/// Places the article names inside one another by the gazetteer's hierarchy
/// ("Damboa … Borno" with Damboa part of Borno, "Goma … in Congo"): each
/// known place lies in the nearest of its containers (its region chain, then
/// its country) that the article also names as a place, where a sentence names
/// both within a few words. The evidence is that stretch of the sentence.
pub(super) fn hierarchy(analysis: &mut Analysis, relations: &mut Vec<Relation>) {
    // The article's places: place mentions, and country mentions that locate something.
    let mut named: Vec<usize> = Vec::new(); // place drafts
    for i in 0..analysis.mentions.len() {
        let place = match analysis.mentions[i].referent {
            Referent::Place(p) => p,
            Referent::Country(c) if crate::extract::locates(analysis, i) => {
                analysis.country_place(c)
            }
            _ => continue,
        };
        if !named.contains(&place) {
            named.push(place);
        }
    }
    let gazetteer = &analysis.kb.gazetteer;
    let position = |draft: usize| match &analysis.places[draft].key {
        crate::extract::EntityKey::Known(id) => gazetteer.place_position(id),
        crate::extract::EntityKey::Discovered(_) => None,
    };
    let draft_of = |index: usize| named.iter().copied().find(|&p| position(p) == Some(index));
    let mut found: Vec<(usize, usize)> = Vec::new(); // (inner, outer)
    for &inner in &named {
        let Some(index) = position(inner) else {
            continue;
        };
        let known = &gazetteer.places[index];
        if known.place_type == crate::ontology::PlaceType::Country {
            continue;
        }
        // The chain of containers, nearest first: partOf links, then the country.
        let mut chain: Vec<usize> = Vec::new();
        let mut at = known;
        while let Some(parent) = at
            .part_of
            .as_deref()
            .and_then(|id| gazetteer.place_position(id))
        {
            if chain.contains(&parent) || parent == index || chain.len() > 8 {
                break;
            }
            chain.push(parent);
            at = &gazetteer.places[parent];
        }
        if let Some(country) = known
            .country
            .as_deref()
            .and_then(|id| gazetteer.place_position(id))
        {
            if !chain.contains(&country) && country != index {
                chain.push(country);
            }
        }
        if let Some(outer) = chain.into_iter().find_map(draft_of) {
            if outer != inner {
                found.push((inner, outer));
            }
        }
    }
    for (inner, outer) in found {
        let view: &Analysis = analysis;
        let mentions_of = |draft: usize| -> Vec<&crate::extract::analysis::RawMention> {
            view.mentions
                .iter()
                .filter(|m| {
                    matches!(m.referent, Referent::Place(p) if p == draft)
                        || matches!(m.referent, Referent::Country(c) if view.country_places.get(&c) == Some(&draft))
                })
                .collect()
        };
        let outer_mentions = mentions_of(outer);
        let shared = mentions_of(inner).into_iter().find_map(|m| {
            outer_mentions
                .iter()
                .find(|o| o.sentence == m.sentence)
                .map(|o| {
                    (
                        m.sentence,
                        m.tokens.start.min(o.tokens.start)..m.tokens.end.max(o.tokens.end),
                    )
                })
        });
        // Only where the text puts them side by side ("Gao, au Mali", "Damboa in Borno",
        // "Borno State's Damboa area"): a town and a country named sentences apart are
        // not a statement that one lies in the other.
        let Some((sentence, tokens)) = shared.filter(|(_, tokens)| tokens.len() <= NEIGHBOURS)
        else {
            continue;
        };
        let evidence = evidence(analysis, sentence, tokens);
        push(
            relations,
            located_in_relation(inner, outer, evidence, HIERARCHY_CONFIDENCE),
        );
    }
}

/// "the northeastern Ukrainian city of Kupiansk", "la localité malienne de Boni",
/// "Tripoli, the Libyan capital", "la capitale libyenne, Tripoli": a settlement noun
/// (class `settlement-noun`) qualified by a demonym puts the place it names, after it or in
/// apposition before it, in the demonym's country.
pub(super) fn demonym_containment(analysis: &mut Analysis, relations: &mut Vec<Relation>) {
    let nouns = analysis.kb.lexicon.class("settlement-noun");
    let doc = &analysis.doc;
    let mut starts: Vec<usize> = analysis
        .demonyms
        .iter()
        .filter(|&(&t, c)| t == 0 || analysis.demonyms.get(&(t - 1)) != Some(c))
        .map(|(&t, _)| t)
        .collect();
    starts.sort_unstable();
    let mut found: Vec<(usize, usize, Range<usize>)> = Vec::new(); // (place mention, country, evidence)
    for start in starts {
        let country = analysis.demonyms[&start];
        let mut end = start + 1;
        while analysis.demonyms.get(&end) == Some(&country) {
            end += 1;
        }
        let sentence = doc.sentence_range(doc.sentence_of[start]);
        // English puts the demonym before the noun ("Libyan capital"), French after ("capitale libyenne").
        let phrase = match doc.lang {
            Lang::En => doc.form_at(nouns, end, sentence.end).map(|e| start..e),
            Lang::Fr => (sentence.start..start)
                .rev()
                .take(3)
                .find(|&s| doc.form_at(nouns, s, start) == Some(start))
                .map(|s| s..end),
        };
        let Some(phrase) = phrase else { continue };
        let is_place = |m: &RawMention| matches!(m.referent, Referent::Place(_));
        // After: "city of Kupiansk", "capitale libyenne, Tripoli", "Libyan capital Tripoli".
        let mut after = phrase.end;
        if after < sentence.end
            && (matches!(doc.keys[after].as_str(), "of" | "de") || doc.tokens[after].is_punct(','))
        {
            after += 1;
        }
        // A region named with its noun ("region of Amhara") is one mention from the noun on.
        let noun_start = if doc.lang == Lang::En {
            end
        } else {
            phrase.start
        };
        let place_after = analysis
            .mention_starting_at(after)
            .or_else(|| analysis.mention_starting_at(noun_start))
            .filter(|m| is_place(m) && m.tokens.end <= sentence.end);
        // Before, in apposition: "Tripoli, the Libyan capital", "Tripoli, la capitale libyenne".
        let place_before = (phrase.start >= sentence.start + 3
            && matches!(doc.keys[phrase.start - 1].as_str(), "the" | "le")
            && doc.tokens[phrase.start - 2].is_punct(','))
        .then(|| analysis.mention_ending_at(phrase.start - 3))
        .flatten()
        .filter(|m| is_place(m) && m.tokens.start >= sentence.start);
        for m in place_after.into_iter().chain(place_before) {
            let tokens = m.tokens.start.min(phrase.start)..m.tokens.end.max(phrase.end);
            if let Some(i) = analysis.mentions.iter().position(|x| x == m) {
                found.push((i, country, tokens));
            }
        }
    }
    for (mention, country, tokens) in found {
        let sentence = analysis.mentions[mention].sentence;
        place_in_country(analysis, relations, mention, country, (sentence, tokens));
    }
}

/// "Au Burkina Faso, le drapeau flotte sur Mansila", "In Nigeria, gunmen raided Kankara": a
/// sentence that opens on a country puts the places it names in that country, where nothing
/// else in the article places them.
pub(super) fn fronted_country(analysis: &mut Analysis, relations: &mut Vec<Relation>) {
    let locative = analysis.kb.lexicon.class("locative");
    let mut found: Vec<(usize, usize, Range<usize>)> = Vec::new();
    for s in 0..analysis.doc.sentences.len() {
        let sentence = analysis.doc.sentence_range(s);
        let Some(lead_end) = analysis.doc.form_at(locative, sentence.start, sentence.end) else {
            continue;
        };
        let Some(country) = analysis
            .mention_starting_at(lead_end)
            .and_then(|m| match m.referent {
                Referent::Country(c)
                    if analysis
                        .doc
                        .tokens
                        .get(m.tokens.end)
                        .is_some_and(|t| t.is_punct(',')) =>
                {
                    Some((c, m.tokens.end))
                }
                _ => None,
            })
        else {
            continue;
        };
        let (country, comma) = country;
        for (i, m) in analysis.mentions.iter().enumerate() {
            if m.tokens.start <= comma || m.tokens.end > sentence.end {
                continue;
            }
            if matches!(m.referent, Referent::Place(_)) {
                found.push((i, country, sentence.start..m.tokens.end));
            }
        }
    }
    for (mention, country, tokens) in found {
        let Referent::Place(place) = analysis.mentions[mention].referent else {
            continue;
        };
        let placed = relations
            .iter()
            .any(|r| r.kind == RelationKind::LocatedIn && r.subject == EntityRef::Place(place));
        if !placed {
            let sentence = analysis.mentions[mention].sentence;
            place_in_country(analysis, relations, mention, country, (sentence, tokens));
        }
    }
}

/// Records that the place of `mention` lies in `country` (a gazetteer index), as the
/// `(sentence, tokens)` stretch tells it, unless the gazetteer puts it in another country.
/// A place the gazetteer does not know takes that country as its own.
fn place_in_country(
    analysis: &mut Analysis,
    relations: &mut Vec<Relation>,
    mention: usize,
    country: usize,
    (sentence, tokens): (usize, Range<usize>),
) {
    let Referent::Place(place) = analysis.mentions[mention].referent else {
        return;
    };
    let draft = &analysis.places[place];
    if draft.specificity <= PART_OF_COUNTRY_SPECIFICITY && draft.country == Some(country) {
        return; // "le nord du Mali" is already the country's own part
    }
    match draft.key {
        crate::extract::EntityKey::Known(_) if draft.country != Some(country) => return,
        crate::extract::EntityKey::Known(_) => {}
        crate::extract::EntityKey::Discovered(_) => analysis.places[place].country = Some(country),
    }
    if !country_named(analysis, country) {
        return;
    }
    let country_place = analysis.country_place(country);
    if country_place == place {
        return;
    }
    let evidence = evidence(analysis, sentence, tokens);
    push(
        relations,
        located_in_relation(place, country_place, evidence, CONTAINMENT_CONFIDENCE),
    );
}
