//! Relations stated in the text: a cue from the lexicon and its two ends,
//! found where the cue's frame says; plus relations shown by events (sides of
//! a battle, parties to a pact).

use super::analysis::{Analysis, Referent};
use super::events::{is_locative, EventRelation};
use super::temporal::find_time_expressions;
use super::{EntityRef, Evidence, Relation, RelationKind, TimeAnchor};
use crate::ontology::CueFrame;
use std::ops::Range;

/// How far (in tokens) an end may be from its cue.
const REACH: usize = 6;

/// Finds the relations of the article.
pub fn find(analysis: &mut Analysis, from_events: Vec<EventRelation>) -> Vec<Relation> {
    let mut relations: Vec<Relation> = Vec::new();
    for (backer, backed, tokens) in backings(analysis) {
        let sentence = analysis.mentions[backer].sentence;
        let (Some(backer), Some(backed)) = (analysis.actor_of(backer), analysis.actor_of(backed))
        else {
            continue;
        };
        if backer != backed {
            let evidence = evidence(analysis, sentence, tokens);
            push(
                &mut relations,
                Relation {
                    subject: EntityRef::Actor(backed),
                    kind: RelationKind::AllyOf,
                    object: EntityRef::Actor(backer),
                    since: None,
                    until: None,
                    evidence,
                    confidence: 0.75,
                },
            );
        }
    }
    // "its rival, the Sudanese army" (found with the mentions).
    for (owner, rival, tokens) in analysis.rivalries.clone() {
        let sentence = analysis.doc.sentence_of[tokens.start];
        let actor = |analysis: &mut Analysis, r: Referent| match r {
            Referent::Actor(a) => Some(a),
            Referent::Country(c) => Some(analysis.country_actor(c)),
            _ => None,
        };
        let (Some(owner), Some(rival)) = (actor(analysis, owner), actor(analysis, rival)) else {
            continue;
        };
        if owner != rival {
            let evidence = evidence(analysis, sentence, tokens);
            push(
                &mut relations,
                Relation {
                    subject: EntityRef::Actor(owner),
                    kind: RelationKind::Opposes,
                    object: EntityRef::Actor(rival),
                    since: None,
                    until: None,
                    evidence,
                    confidence: 0.7,
                },
            );
        }
    }
    for (person, kind, country, tokens) in titles(analysis) {
        let sentence = analysis.mentions[person].sentence;
        let (Some(person), country) = (analysis.actor_of(person), analysis.country_actor(country))
        else {
            continue;
        };
        let evidence = evidence(analysis, sentence, tokens);
        push(
            &mut relations,
            Relation {
                subject: EntityRef::Actor(person),
                kind,
                object: EntityRef::Actor(country),
                since: None,
                until: None,
                evidence,
                confidence: 0.65,
            },
        );
    }
    for s in 0..analysis.doc.sentences.len() {
        let range = analysis.doc.sentence_range(s);
        let found = analysis
            .doc
            .find_forms(&analysis.kb.lexicon.relation_cue_forms, range.clone());
        for (cue_index, cue_range) in found {
            let kb = analysis.kb;
            let cue = &kb.lexicon.relation_cues[cue_index];
            if cue.kind == RelationKind::LocatedIn {
                located_in(analysis, &cue_range, s, cue.confidence, &mut relations);
                continue;
            }
            // The object is a mention, or a state body named by a demonym (no mention).
            let (subject, object, subject_actor, object_actor) =
                match ends(analysis, cue.frame, &cue_range, &range) {
                    Some((subject, object)) => {
                        match (analysis.actor_of(subject), analysis.actor_of(object)) {
                            (Some(s), Some(o)) => (subject, object, s, o),
                            _ => continue,
                        }
                    }
                    None => match demonym_prenominal(analysis, cue.frame, &cue_range, &range) {
                        Some((person, s, o)) => (person, person, s, o),
                        None => continue,
                    },
                };
            if subject_actor == object_actor {
                continue;
            }
            let tokens = analysis.mentions[subject]
                .tokens
                .start
                .min(analysis.mentions[object].tokens.start)
                .min(cue_range.start.saturating_sub(1))
                ..analysis.mentions[subject]
                    .tokens
                    .end
                    .max(analysis.mentions[object].tokens.end)
                    .max(cue_range.end);
            let evidence = evidence(analysis, s, tokens);
            let since = since_in_sentence(analysis, s);
            push(
                &mut relations,
                Relation {
                    subject: EntityRef::Actor(subject_actor),
                    kind: cue.kind,
                    object: EntityRef::Actor(object_actor),
                    since,
                    until: None,
                    evidence,
                    confidence: cue.confidence,
                },
            );
        }
    }
    hierarchy(analysis, &mut relations);
    for derived in from_events {
        if !sane(analysis, derived.subject, derived.kind, derived.object) {
            continue;
        }
        push(
            &mut relations,
            Relation {
                subject: EntityRef::Actor(derived.subject),
                kind: derived.kind,
                object: EntityRef::Actor(derived.object),
                since: None,
                until: None,
                evidence: derived.evidence,
                confidence: derived.confidence,
            },
        );
    }
    relations.retain(|r| match (r.subject, r.object) {
        (EntityRef::Actor(a), EntityRef::Actor(b)) => sane(analysis, a, r.kind, b),
        (a, b) => a != b,
    });
    relations
}

/// Whether a relation between two actors can hold: nothing opposes, allies
/// with or belongs to itself, and a state's forces and government are that
/// state, so they neither oppose nor ally with it or each other ("the Nigerian
/// army opposes Nigeria" is never meant).
fn sane(analysis: &Analysis, a: usize, kind: RelationKind, b: usize) -> bool {
    if a == b {
        return false;
    }
    let (x, y) = (&analysis.actors[a], &analysis.actors[b]);
    if x.key == y.key {
        return false;
    }
    let state = |actor: &super::analysis::ActorDraft| {
        matches!(
            actor.kind,
            super::ActorKind::Country
                | super::ActorKind::StateArmedForce
                | super::ActorKind::Government
        )
    };
    let same_state = state(x) && state(y) && x.country.is_some() && x.country == y.country;
    !(same_state && matches!(kind, RelationKind::Opposes | RelationKind::AllyOf))
}

/// "Rwanda-backed rebels", "Iran-allied Houthi militia": the first half backs the actor that follows.
/// Returns (backer mention, backed mention, evidence tokens); the backer is a modifier, not a participant.
pub fn backings(analysis: &Analysis) -> Vec<(usize, usize, Range<usize>)> {
    let forms = analysis.kb.lexicon.class("backed");
    let mut found = Vec::new();
    for t in 1..analysis.doc.tokens.len() {
        if !analysis.doc.tokens[t].hyphen_before || !analysis.doc.is_form(forms, t..t + 1) {
            continue;
        }
        let backer = (0..analysis.mentions.len()).find(|&i| analysis.mentions[i].tokens.end == t);
        let backed = (0..analysis.mentions.len())
            .filter(|&i| {
                let m = &analysis.mentions[i];
                m.tokens.start > t
                    && m.tokens.start <= t + 3
                    && matches!(m.referent, Referent::Actor(_))
            })
            .min_by_key(|&i| analysis.mentions[i].tokens.start);
        if let (Some(backer), Some(backed)) = (backer, backed) {
            let tokens =
                analysis.mentions[backer].tokens.start..analysis.mentions[backed].tokens.end;
            found.push((backer, backed, tokens));
        }
    }
    found
}

/// "Rwandan President Paul Kagame", "le président nigérien X", "French Foreign Minister Y":
/// a title and a demonym say whom a person leads or belongs to. Returns (person, relation, country, tokens).
fn titles(analysis: &Analysis) -> Vec<(usize, RelationKind, usize, Range<usize>)> {
    let lexicon = &analysis.kb.lexicon;
    let mut found = Vec::new();
    for (i, mention) in analysis.mentions.iter().enumerate() {
        let Referent::Actor(a) = mention.referent else {
            continue;
        };
        if analysis.actors[a].kind != super::ActorKind::Person {
            continue;
        }
        let start = mention.tokens.start;
        for (class, kind) in [
            ("head-of-state", RelationKind::Leads),
            ("minister", RelationKind::MemberOf),
        ] {
            let forms = lexicon.class(class);
            // The longest title right before the name, or as the mention's own first words ("colonel X").
            let title = (1..=4).rev().find_map(|len| {
                let at = start.checked_sub(len)?;
                analysis
                    .doc
                    .form_at(forms, at, start + 1)
                    .filter(|&end| {
                        end == start
                            || end == start + 1
                            || (end + 1 == start && analysis.demonyms.contains_key(&end))
                    })
                    .map(|_| at)
            });
            let Some(title) = title else { continue };
            // English: demonym before the title; French: demonym right after the title's
            // noun; else the person's own country when the gazetteer knows it.
            let country = title
                .checked_sub(1)
                .and_then(|p| analysis.demonyms.get(&p))
                .or_else(|| analysis.demonyms.get(&(title + 1)))
                .copied()
                .or(analysis.actors[a].country)
                .or(
                    if kind == RelationKind::Leads && analysis.doc.lang == super::Lang::Fr {
                        analysis.main_country
                    } else {
                        None
                    },
                );
            if let Some(country) = country {
                found.push((
                    i,
                    kind,
                    country,
                    title.saturating_sub(1)..mention.tokens.end,
                ));
            }
        }
    }
    found
}

/// Adds a relation unless the same one (either way round when symmetric) is already there.
fn push(relations: &mut Vec<Relation>, relation: Relation) {
    let same = |r: &Relation| {
        r.kind == relation.kind
            && ((r.subject == relation.subject && r.object == relation.object)
                || (relation.kind.is_symmetric()
                    && r.subject == relation.object
                    && r.object == relation.subject))
    };
    if !relations.iter().any(same) {
        relations.push(relation);
    }
}

/// The mention indices of the subject and the object of a cue.
fn ends(
    analysis: &Analysis,
    frame: CueFrame,
    cue: &Range<usize>,
    sentence: &Range<usize>,
) -> Option<(usize, usize)> {
    let actor_like = |i: usize| {
        matches!(analysis.mentions[i].referent, Referent::Actor(_))
            || matches!(analysis.mentions[i].referent, Referent::Country(_))
                && !is_locative(analysis, analysis.mentions[i].tokens.start)
    };
    let left = |reach: usize| {
        (0..analysis.mentions.len())
            .filter(|&i| actor_like(i))
            .filter(|&i| {
                let m = &analysis.mentions[i];
                m.tokens.end <= cue.start
                    && m.tokens.start >= sentence.start
                    && cue.start - m.tokens.end <= reach
            })
            .max_by_key(|&i| {
                (
                    analysis.mentions[i].tokens.end,
                    std::cmp::Reverse(analysis.mentions[i].tokens.start),
                )
            })
    };
    // After a cue ("se tourner vers la Russie"), a country is an actor even after a locative word.
    let right = |from: usize, reach: usize| {
        (0..analysis.mentions.len())
            .filter(|&i| {
                actor_like(i) || matches!(analysis.mentions[i].referent, Referent::Country(_))
            })
            .filter(|&i| {
                let m = &analysis.mentions[i];
                m.tokens.start >= from
                    && m.tokens.end <= sentence.end
                    && m.tokens.start - from <= reach
            })
            .min_by_key(|&i| {
                (
                    analysis.mentions[i].tokens.start,
                    std::cmp::Reverse(analysis.mentions[i].tokens.end),
                )
            })
    };
    // Between a subject and its cue only apposition words may stand ("X, l'un des porte-parole de").
    let glue = analysis.kb.lexicon.class("apposition-glue");
    let glued = |subject: usize| {
        (analysis.mentions[subject].tokens.end..cue.start)
            .all(|t| analysis.doc.tokens[t].is_punct(',') || analysis.doc.is_form(glue, t..t + 1))
    };
    match frame {
        CueFrame::LeftRight => Some((left(REACH).filter(|&s| glued(s))?, right(cue.end, 3)?)),
        CueFrame::RightLeft => Some((right(cue.end, 3)?, left(2)?)),
        CueFrame::Possessive => Some((left(3)?, right(cue.start, cue.len() + 2)?)),
        CueFrame::Prenominal => Some((right(cue.end, 0)?, left(0)?)),
        CueFrame::ClauseSubject => {
            let subject = (0..analysis.mentions.len())
                .filter(|&i| actor_like(i))
                .filter(|&i| {
                    let m = &analysis.mentions[i];
                    m.tokens.start >= sentence.start
                        && m.tokens.end <= cue.start
                        && !analysis.doc.quoted[m.tokens.start]
                })
                .min_by_key(|&i| analysis.mentions[i].tokens.start)?;
            Some((subject, right(cue.end, 4)?))
        }
        CueFrame::Reporting | CueFrame::According => None,
    }
}

/// "Ethiopian military spokesperson Colonel Getnet Adane": a demonym names the
/// body the person serves, its armed forces when the title is military, else its
/// government. Returns the person's mention, the person and the body.
fn demonym_prenominal(
    analysis: &mut Analysis,
    frame: CueFrame,
    cue: &Range<usize>,
    sentence: &Range<usize>,
) -> Option<(usize, usize, usize)> {
    if frame != CueFrame::Prenominal || cue.start == sentence.start {
        return None;
    }
    // Only spokespeople and commanders: a minister's title says its country (see `titles`).
    let spokesperson = analysis.doc.keys[cue.clone()].iter().any(|k| {
        k.starts_with("spokes") || matches!(k.as_str(), "porte-parole" | "commander" | "commandant")
    });
    if !spokesperson {
        return None;
    }
    // The gazetteer may have taken the cue's first word with the demonym ("Ethiopian military").
    let overlapping = analysis.mentions.iter().find_map(|m| match m.referent {
        Referent::Actor(a)
            if m.tokens.start < cue.start
                && (cue.start..cue.end).contains(&m.tokens.end)
                && matches!(
                    analysis.actors[a].kind,
                    super::ActorKind::StateArmedForce | super::ActorKind::Government
                ) =>
        {
            Some(a)
        }
        _ => None,
    });
    let country = analysis.demonyms.get(&(cue.start - 1)).copied();
    if overlapping.is_none() && country.is_none() {
        return None;
    }
    let person = (0..analysis.mentions.len()).find(|&i| {
        let m = &analysis.mentions[i];
        (cue.end..=cue.end + 1).contains(&m.tokens.start)
            && m.tokens.end <= sentence.end
            && matches!(m.referent, Referent::Actor(a) if analysis.actors[a].kind == super::ActorKind::Person)
    })?;
    let military = analysis.doc.keys[cue.clone()]
        .iter()
        .any(|k| matches!(k.as_str(), "military" | "army" | "militaire" | "armee"));
    let person_actor = analysis.actor_of(person)?;
    let body = match (overlapping, country) {
        (Some(body), _) => body,
        (None, Some(country)) => analysis.state_body_actor(country, military),
        (None, None) => return None,
    };
    Some((person, person_actor, body))
}

/// "In-Afarak, …, à 122 km de Tessalit, dans la région de Kidal": each town of the clause lies in the region.
fn located_in(
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
    let mut towns: Vec<usize> = (0..analysis.mentions.len())
        .filter(|&i| {
            let m = &analysis.mentions[i];
            m.tokens.start >= clause.start && m.tokens.end <= cue.start
        })
        .filter(|&i| matches!(analysis.mentions[i].referent, Referent::Place(p) if analysis.places[p].specificity > region_specificity))
        .collect();
    if towns.is_empty() && clause.start >= 2 {
        if let Some(antecedent) = analysis
            .mention_ending_at(clause.start - 2)
            .or_else(|| analysis.mention_ending_at(clause.start - 1))
        {
            let index = analysis.mentions.iter().position(|m| m == antecedent);
            towns.extend(index.filter(|&i| matches!(analysis.mentions[i].referent, Referent::Place(p) if analysis.places[p].specificity > region_specificity)));
        }
    }
    for town in towns {
        let Some(town_place) = analysis.place_of(town) else {
            continue;
        };
        if town_place == region_place {
            continue;
        }
        let tokens = analysis.mentions[town].tokens.start..analysis.mentions[region].tokens.end;
        let evidence = evidence(analysis, sentence, tokens);
        push(
            relations,
            Relation {
                subject: EntityRef::Place(town_place),
                kind: RelationKind::LocatedIn,
                object: EntityRef::Place(region_place),
                since: None,
                until: None,
                evidence,
                confidence,
            },
        );
    }
}

/// How sure a containment read from the gazetteer's hierarchy is.
const HIERARCHY_CONFIDENCE: f32 = 0.8;
/// The most tokens from the first to the last word of two neighbouring place names.
const NEIGHBOURS: usize = 25;

/// Places the article names inside one another by the gazetteer's hierarchy
/// ("Damboa … Borno" with Damboa part of Borno, "Goma … in Congo"): each
/// known place lies in the nearest of its containers (its region chain, then
/// its country) that the article also names as a place, where a sentence names
/// both within a few words. The evidence is that stretch of the sentence.
fn hierarchy(analysis: &mut Analysis, relations: &mut Vec<Relation>) {
    // The article's places: place mentions, and country mentions that locate something.
    let mut named: Vec<(usize, usize)> = Vec::new(); // (place draft, first mention)
    for i in 0..analysis.mentions.len() {
        let place = match analysis.mentions[i].referent {
            Referent::Place(p) => p,
            Referent::Country(c) if super::locates(analysis, i) => analysis.country_place(c),
            _ => continue,
        };
        if !named.iter().any(|&(p, _)| p == place) {
            named.push((place, i));
        }
    }
    let gazetteer = &analysis.kb.gazetteer;
    let position = |draft: usize| match &analysis.places[draft].key {
        super::EntityKey::Known(id) => gazetteer.place_position(id),
        super::EntityKey::Discovered(_) => None,
    };
    let draft_of = |index: usize| {
        named
            .iter()
            .map(|&(p, _)| p)
            .find(|&p| position(p) == Some(index))
    };
    let mut found: Vec<(usize, usize, usize)> = Vec::new(); // (inner, outer, inner's first mention)
    for &(inner, mention) in &named {
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
                found.push((inner, outer, mention));
            }
        }
    }
    for (inner, outer, _) in found {
        let view: &Analysis = analysis;
        let mentions_of = |draft: usize| -> Vec<&super::analysis::RawMention> {
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
            Relation {
                subject: EntityRef::Place(inner),
                kind: RelationKind::LocatedIn,
                object: EntityRef::Place(outer),
                since: None,
                until: None,
                evidence,
                confidence: HIERARCHY_CONFIDENCE,
            },
        );
    }
}

fn evidence(analysis: &Analysis, sentence: usize, tokens: Range<usize>) -> Evidence {
    let span = analysis.doc.span_of(tokens);
    Evidence {
        sentence,
        span,
        text: analysis.doc.slice(span),
    }
}

/// A "depuis 2022" in the cue's sentence dates the start of the relation.
fn since_in_sentence(analysis: &Analysis, sentence: usize) -> Option<crate::date::PartialDate> {
    let span = analysis.doc.sentences[sentence].span;
    let text = analysis.doc.slice(span);
    find_time_expressions(&text, span.start, analysis.doc.lang, analysis.date)
        .into_iter()
        .find(|t| t.anchor == TimeAnchor::Since)
        .and_then(|t| t.date)
}
