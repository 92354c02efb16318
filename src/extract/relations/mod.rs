//! Relations stated in the text: a cue from the lexicon and its two ends,
//! found where the cue's frame says; plus relations shown by events (sides of
//! a battle, parties to a pact).

use super::analysis::{Analysis, Referent};
use super::events::{is_locative, EventRelation};
use super::temporal::time_expressions_in;
use super::{EntityRef, Evidence, Relation, RelationKind, TimeAnchor};
use crate::ontology::CueFrame;
use std::ops::Range;

mod containment;
use containment::{
    adjacent_containment, demonym_containment, fronted_country, hierarchy, located_in,
};

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
            // The ends are mentions (several when coordinated), or a person and the state
            // body a demonym names (no mention).
            let mut pairs: Vec<(usize, usize, usize, usize)> = Vec::new();
            for (subject, object) in ends(analysis, cue.frame, cue.kind, &cue_range, &range) {
                if let (Some(s), Some(o)) = (analysis.actor_of(subject), analysis.actor_of(object))
                {
                    pairs.push((subject, object, s, o));
                }
            }
            if pairs.is_empty() {
                if let Some((person, s, o)) =
                    demonym_prenominal(analysis, cue.frame, &cue_range, &range)
                {
                    pairs.push((person, person, s, o));
                }
            }
            for (subject, object, subject_actor, object_actor) in pairs {
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
    }
    for (backer, kind, backed, tokens) in modifiers(analysis) {
        let sentence = analysis.mentions[backed].sentence;
        let Some(backed) = analysis.actor_of(backed) else {
            continue;
        };
        let evidence = evidence(analysis, sentence, tokens);
        // "X-linked Y": Y is affiliated with X; "X-led Y": X leads Y.
        let (subject, object) = if kind == RelationKind::Leads {
            (backer, backed)
        } else {
            (backed, backer)
        };
        push(
            &mut relations,
            Relation {
                subject: EntityRef::Actor(subject),
                kind,
                object: EntityRef::Actor(object),
                since: None,
                until: None,
                evidence,
                confidence: MODIFIER_CONFIDENCE,
            },
        );
    }
    for (a, b, tokens) in hyphenated_wars(analysis) {
        let sentence = analysis.mentions[a].sentence;
        let (Some(a), Some(b)) = (analysis.actor_of(a), analysis.actor_of(b)) else {
            continue;
        };
        let evidence = evidence(analysis, sentence, tokens);
        push(
            &mut relations,
            Relation {
                subject: EntityRef::Actor(a),
                kind: RelationKind::Opposes,
                object: EntityRef::Actor(b),
                since: None,
                until: None,
                evidence,
                confidence: WAR_CONFIDENCE,
            },
        );
    }
    hierarchy(analysis, &mut relations);
    adjacent_containment(analysis, &mut relations);
    demonym_containment(analysis, &mut relations);
    fronted_country(analysis, &mut relations);
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
            // "Vice President X", "deputy prime minister": a deputy does not lead.
            let deputy = lexicon.class("deputy");
            if kind == RelationKind::Leads
                && (title.saturating_sub(2)..title)
                    .any(|t| analysis.doc.form_at(deputy, t, title + 1).is_some())
            {
                continue;
            }
            // "ousted President X", "l'ancien président X": a former holder leads nothing now.
            let former = lexicon.class("former");
            if (title.saturating_sub(2)..title)
                .any(|t| analysis.doc.form_at(former, t, title).is_some())
            {
                continue;
            }
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

/// How sure "the Israel-Hamas war", "la guerre Russie-Ukraine" make an opposition.
const WAR_CONFIDENCE: f32 = 0.75;
/// How many words an apposition may hold between a subject's comma and its cue
/// ("the 444 Brigade, a force aligned with …").
const APPOSITION_WORDS: usize = 5;

/// Whether a mention can be a relation's end: an actor, or a country not used as a place.
fn actor_like(analysis: &Analysis, i: usize) -> bool {
    matches!(analysis.mentions[i].referent, Referent::Actor(_))
        || matches!(analysis.mentions[i].referent, Referent::Country(_))
            && !is_locative(analysis, analysis.mentions[i].tokens.start)
}

/// Whether a mention names a claim's source (which acts in no relation of its sentence's content).
fn is_claim_source(analysis: &Analysis, i: usize) -> bool {
    let m = &analysis.mentions[i];
    analysis
        .claim_sources
        .iter()
        .any(|s| s.start <= m.tokens.start && m.tokens.end <= s.end)
}

/// The mentions coordinated with `first` that follow it ("X, Y et Z", "X and Y",
/// "X as well as Y"), `first` included, within the sentence.
fn coordinated_after(analysis: &Analysis, first: usize, sentence_end: usize) -> Vec<usize> {
    coordinated_after_by(analysis, first, sentence_end, true)
}

/// Like [`coordinated_after`]; `with_and` false stops at "and"/"et" (which then
/// separates the two sides of "between X and Y"). A list joined by commas alone
/// is an apposition ("Assimi Goïta, le Mali"), not a list.
fn coordinated_after_by(
    analysis: &Analysis,
    first: usize,
    sentence_end: usize,
    with_and: bool,
) -> Vec<usize> {
    let keys = &analysis.doc.keys;
    let mut found = vec![first];
    let mut end = analysis.mentions[first].tokens.end;
    let mut commas_only = 0;
    loop {
        let mut t = end;
        let (mut comma, mut and) = (false, false);
        while t < sentence_end && t < end + 4 {
            match keys[t].as_str() {
                "," => {
                    comma = true;
                    t += 1;
                }
                "and" | "et" | "que" if with_and => {
                    and = true;
                    t += 1;
                }
                "as" | "well" | "ainsi" if with_and => t += 1,
                "the" | "le" | "les" | "de" => t += 1,
                _ => break,
            }
        }
        if !comma && !and {
            break;
        }
        let next = (0..analysis.mentions.len())
            .filter(|&i| analysis.mentions[i].tokens.start == t && actor_like(analysis, i))
            .max_by_key(|&i| analysis.mentions[i].tokens.end);
        match next {
            Some(i) if !found.contains(&i) => {
                end = analysis.mentions[i].tokens.end;
                found.push(i);
                if and {
                    commas_only = 0;
                } else {
                    commas_only += 1;
                }
            }
            _ => break,
        }
    }
    // Items after the last "and" joined by commas only are appositions.
    found.truncate(found.len() - commas_only);
    found
}

/// The mentions coordinated with `last` that precede it ("Mali et le Niger, membres de …").
fn coordinated_before(analysis: &Analysis, last: usize, sentence_start: usize) -> Vec<usize> {
    let keys = &analysis.doc.keys;
    let mut found = vec![last];
    let mut start = analysis.mentions[last].tokens.start;
    // The items before the nearest "and": a list needs one ("X, Y et Z, membres de").
    let mut and_seen = false;
    let mut kept = 1;
    loop {
        let mut t = start;
        let (mut comma, mut and) = (false, false);
        while t > sentence_start && t + 3 > start {
            match keys[t - 1].as_str() {
                "," => {
                    comma = true;
                    t -= 1;
                }
                "and" | "et" => {
                    and = true;
                    t -= 1;
                }
                "the" | "le" | "les" => t -= 1,
                _ => break,
            }
        }
        if !comma && !and {
            break;
        }
        let previous = (0..analysis.mentions.len())
            .filter(|&i| analysis.mentions[i].tokens.end == t && actor_like(analysis, i))
            .min_by_key(|&i| analysis.mentions[i].tokens.start);
        match previous {
            Some(i) if !found.contains(&i) => {
                start = analysis.mentions[i].tokens.start;
                found.push(i);
                and_seen |= and;
                if and_seen {
                    kept = found.len();
                }
            }
            _ => break,
        }
    }
    found.truncate(kept);
    found
}

/// The mention pairs (subject, object) of a cue: one pair per coordinated end.
fn ends(
    analysis: &Analysis,
    frame: CueFrame,
    kind: RelationKind,
    cue: &Range<usize>,
    sentence: &Range<usize>,
) -> Vec<(usize, usize)> {
    let left = |reach: usize| {
        (0..analysis.mentions.len())
            .filter(|&i| actor_like(analysis, i))
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
                actor_like(analysis, i)
                    || matches!(analysis.mentions[i].referent, Referent::Country(_))
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
    // Between a subject and its cue only apposition words may stand ("X, l'un des
    // porte-parole de"), or, after a comma, a short apposition ("X, a force aligned with").
    let glue = analysis.kb.lexicon.class("apposition-glue");
    let breaks = analysis.kb.lexicon.class("clause-break");
    let glued = |subject: usize| {
        let between = analysis.mentions[subject].tokens.end..cue.start;
        // A bracketed acronym closes the name: "Groupe X (GX), affilié à".
        between.clone().all(|t| {
            analysis.doc.tokens[t].is_punct(',')
                || analysis.doc.tokens[t].is_punct(')')
                || analysis.doc.is_form(glue, t..t + 1)
        }) || between.len() <= APPOSITION_WORDS + 1
            && analysis
                .doc
                .tokens
                .get(between.start)
                .is_some_and(|t| t.is_punct(','))
            && between.clone().skip(1).all(|t| {
                analysis.doc.tokens[t].is_word()
                    && !analysis.doc.is_form(breaks, t..t + 1)
                    && !analysis.mentions.iter().any(|m| m.tokens.contains(&t))
            })
    };
    // The subject of the cue's clause: its first actor, outside quotes and claim sources.
    let clause_subject = || {
        let clause = analysis.clause_around(cue.start);
        (0..analysis.mentions.len())
            .filter(|&i| actor_like(analysis, i) && !is_claim_source(analysis, i))
            .filter(|&i| {
                let m = &analysis.mentions[i];
                m.tokens.start >= clause.start
                    && m.tokens.end <= cue.start
                    && !analysis.doc.quoted[m.tokens.start]
            })
            .min_by_key(|&i| analysis.mentions[i].tokens.start)
    };
    let pairs = |subjects: Vec<usize>, objects: Vec<usize>| {
        let mut out = Vec::new();
        for &s in &subjects {
            for &o in &objects {
                if s != o {
                    out.push((s, o));
                }
            }
        }
        out
    };
    let all_after = |first: Option<usize>| {
        first
            .map(|f| coordinated_after(analysis, f, sentence.end))
            .unwrap_or_default()
    };
    let all_before = |last: Option<usize>| {
        last.map(|l| coordinated_before(analysis, l, sentence.start))
            .unwrap_or_default()
    };
    match frame {
        CueFrame::LeftRight => {
            let objects = all_after(right(cue.end, 3));
            // "X fought alongside Y", "X lutte contre Y": with a verb between, the clause's
            // subject, with those coordinated to it ("X et Y mènent des opérations contre Z").
            let glued_subject = left(REACH).filter(|&s| glued(s));
            if glued_subject.is_none()
                && matches!(kind, RelationKind::AllyOf | RelationKind::Opposes)
            {
                if let Some(first) = clause_subject() {
                    return pairs(coordinated_after(analysis, first, cue.start), objects);
                }
            }
            let subject = glued_subject;
            // "le porte-parole du gouvernement, X", "the head of the junta, Colonel Y": a
            // role opening its noun phrase, its holder in apposition after the object.
            let subject = subject.or_else(|| {
                let role = matches!(kind, RelationKind::MemberOf | RelationKind::Leads);
                let last = objects
                    .iter()
                    .copied()
                    .max_by_key(|&o| analysis.mentions[o].tokens.end);
                role.then(|| {
                    last.and_then(|o| {
                        person_in_apposition(
                            analysis,
                            analysis.mentions[o].tokens.end,
                            sentence.end,
                        )
                    })
                })
                .flatten()
            });
            pairs(all_before(subject), objects)
        }
        CueFrame::RightLeft => pairs(all_after(right(cue.end, 3)), all_before(left(2))),
        CueFrame::Possessive => match (left(3), right(cue.start, cue.len() + 2)) {
            (Some(owner), Some(object)) => pairs(vec![owner], all_after(Some(object))),
            _ => Vec::new(),
        },
        // "TPLF spokesman Getachew Reda"; "Mali junta leader, Assimi Goita".
        CueFrame::Prenominal => match (
            right(cue.end, 0).or_else(|| person_in_apposition(analysis, cue.end, sentence.end)),
            // "Mali junta leader": the object's name may share the cue's first word.
            left(0).or_else(|| {
                (0..analysis.mentions.len())
                    .filter(|&i| actor_like(analysis, i))
                    .find(|&i| {
                        let m = &analysis.mentions[i];
                        m.tokens.start < cue.start
                            && m.tokens.end > cue.start
                            && m.tokens.end < cue.end
                    })
            }),
        ) {
            (Some(s), Some(o)) => vec![(s, o)],
            _ => Vec::new(),
        },
        CueFrame::ClauseSubject => {
            let subject = (0..analysis.mentions.len())
                .filter(|&i| actor_like(analysis, i))
                .filter(|&i| {
                    let m = &analysis.mentions[i];
                    m.tokens.start >= sentence.start
                        && m.tokens.end <= cue.start
                        && !analysis.doc.quoted[m.tokens.start]
                })
                .min_by_key(|&i| analysis.mentions[i].tokens.start);
            pairs(all_before(subject), all_after(right(cue.end, 4)))
        }
        CueFrame::Between => {
            // "oppose l'armée à des indépendantistes", "pitted Addis Ababa against the TPLF".
            let Some(first) = right(cue.end, 4) else {
                return Vec::new();
            };
            // "entre X et Y" is split by "et"; "oppose X et ses alliés à Y" by "à".
            let between = analysis.doc.keys[cue.clone()]
                .iter()
                .any(|k| matches!(k.as_str(), "entre" | "between"));
            let firsts = coordinated_after_by(analysis, first, sentence.end, !between);
            let last_end = firsts
                .iter()
                .map(|&i| analysis.mentions[i].tokens.end)
                .max()
                .unwrap_or(cue.end);
            let separator = (last_end..sentence.end.min(last_end + 3)).find(|&t| {
                let key = analysis.doc.keys[t].as_str();
                if between {
                    matches!(key, "et" | "and")
                } else {
                    matches!(
                        key,
                        "a" | "au" | "aux" | "against" | "contre" | "with" | "avec" | "to"
                    )
                }
            });
            let Some(separator) = separator else {
                return Vec::new();
            };
            pairs(firsts, all_after(right(separator + 1, 3)))
        }
        CueFrame::Joint => {
            let Some(first) = clause_subject() else {
                return Vec::new();
            };
            let together = coordinated_after(analysis, first, cue.start);
            let mut out = Vec::new();
            for (k, &a) in together.iter().enumerate() {
                out.extend(together[k + 1..].iter().map(|&b| (a, b)));
            }
            out
        }
        CueFrame::Reporting | CueFrame::According => Vec::new(),
    }
}

/// A person named in apposition right after token `after`: a comma, then at most a
/// few words (a title, an article) and no other mention before the name
/// ("…, le colonel Assimi Goïta", "…, Abdoulaye Maïga").
fn person_in_apposition(analysis: &Analysis, after: usize, sentence_end: usize) -> Option<usize> {
    if !analysis
        .doc
        .tokens
        .get(after)
        .is_some_and(|t| t.is_punct(','))
    {
        return None;
    }
    let person = (0..analysis.mentions.len())
        .filter(|&i| {
            let m = &analysis.mentions[i];
            m.tokens.start > after
                && m.tokens.start <= after + 1 + TITLE_WORDS
                && m.tokens.end <= sentence_end
        })
        .min_by_key(|&i| analysis.mentions[i].tokens.start)?;
    let is_person = matches!(analysis.mentions[person].referent,
        Referent::Actor(a) if analysis.actors[a].kind == super::ActorKind::Person);
    let words_only = (after + 1..analysis.mentions[person].tokens.start)
        .all(|t| analysis.doc.tokens[t].is_word());
    (is_person && words_only).then_some(person)
}

/// The most words between an apposition's comma and the name ("le colonel", "First Vice President").
const TITLE_WORDS: usize = 3;

/// How sure "Iranian-backed", "al-Qaeda-linked" modifiers make a relation.
const MODIFIER_CONFIDENCE: f32 = 0.7;

/// Relations told by a hyphenated modifier that [`backings`] leaves: a demonym
/// backing an actor ("the Iranian-backed Houthis": the country is its ally) and
/// links ("al-Qaeda-linked JNIM", "IS-affiliated fighters": affiliated with).
/// Returns (the backer or the larger group, the relation, the actor's mention, tokens).
fn modifiers(analysis: &mut Analysis) -> Vec<(usize, RelationKind, usize, Range<usize>)> {
    let backed_words = analysis.kb.lexicon.class("backed");
    let linked_words = analysis.kb.lexicon.class("linked");
    let led_words = analysis.kb.lexicon.class("led");
    let mut found = Vec::new();
    for t in 1..analysis.doc.tokens.len() {
        if !analysis.doc.tokens[t].hyphen_before {
            continue;
        }
        let kind = if analysis.doc.is_form(linked_words, t..t + 1) {
            RelationKind::AffiliatedWith
        } else if analysis.doc.is_form(backed_words, t..t + 1) {
            RelationKind::AllyOf
        } else if analysis.doc.is_form(led_words, t..t + 1) {
            // "the Russian-led CSTO", "a Kenyan-led mission": the first half leads it.
            RelationKind::Leads
        } else {
            continue;
        };
        let actor = (0..analysis.mentions.len())
            .filter(|&i| {
                let m = &analysis.mentions[i];
                m.tokens.start > t
                    && m.tokens.start <= t + 3
                    && matches!(m.referent, Referent::Actor(_))
            })
            .min_by_key(|&i| analysis.mentions[i].tokens.start);
        let Some(actor) = actor else { continue };
        let first_half = (0..analysis.mentions.len())
            .find(|&i| analysis.mentions[i].tokens.end == t && actor_like(analysis, i));
        let (backer, start) = match (first_half, analysis.demonyms.get(&(t - 1)).copied()) {
            // A mention before "-backed" is read by `backings` already.
            (Some(_), _) if kind == RelationKind::AllyOf => continue,
            (Some(m), _) => match analysis.actor_of(m) {
                Some(a) => (a, analysis.mentions[m].tokens.start),
                None => continue,
            },
            (None, Some(country)) => (analysis.country_actor(country), t - 1),
            (None, None) => continue,
        };
        let end = analysis.mentions[actor].tokens.end;
        found.push((backer, kind, actor, start..end));
    }
    found
}

/// "the Israel-Hamas war", "la guerre Russie-Ukraine": two actors joined by a hyphen next
/// to a word of the `war-noun` class oppose each other. Returns (mention, mention, tokens).
fn hyphenated_wars(analysis: &Analysis) -> Vec<(usize, usize, Range<usize>)> {
    let wars = analysis.kb.lexicon.class("war-noun");
    let n = analysis.doc.tokens.len();
    let mut found = Vec::new();
    for (a, first) in analysis.mentions.iter().enumerate() {
        if !actor_like(analysis, a) {
            continue;
        }
        let Some(b) = (0..analysis.mentions.len()).find(|&b| {
            analysis.mentions[b].tokens.start == first.tokens.end
                && analysis.doc.tokens[first.tokens.end].hyphen_before
                && actor_like(analysis, b)
        }) else {
            continue;
        };
        let end = analysis.mentions[b].tokens.end;
        let war_after = end < n && analysis.doc.form_at(wars, end, n).is_some();
        let war_before = (1..=2).any(|len| {
            first.tokens.start >= len
                && analysis
                    .doc
                    .form_at(wars, first.tokens.start - len, first.tokens.start)
                    == Some(first.tokens.start)
        });
        if war_after || war_before {
            found.push((a, b, first.tokens.start..end));
        }
    }
    found
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

fn evidence(analysis: &Analysis, sentence: usize, tokens: Range<usize>) -> Evidence {
    // Ends found in another sentence (a pronoun's antecedent): the whole sentence is the evidence.
    let within = analysis.doc.sentence_range(sentence);
    let tokens = if tokens.start >= within.start && tokens.end <= within.end && !tokens.is_empty() {
        tokens
    } else {
        within
    };
    let span = analysis.doc.span_of(tokens);
    Evidence {
        sentence,
        span,
        text: analysis.doc.slice(span),
    }
}

/// A "depuis 2022" in the cue's sentence dates the start of the relation.
fn since_in_sentence(analysis: &Analysis, sentence: usize) -> Option<crate::date::PartialDate> {
    let range = analysis.doc.sentence_range(sentence);
    time_expressions_in(
        &analysis.doc.chars,
        &analysis.doc.tokens[range],
        analysis.doc.lang,
        analysis.date,
    )
    .into_iter()
    .find(|t| t.anchor == TimeAnchor::Since)
    .and_then(|t| t.date)
}
