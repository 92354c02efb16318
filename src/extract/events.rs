//! Events: triggers, their participants and sides, place and time; then
//! event coreference (the same battle told in several sentences is one event).

use super::analysis::{Analysis, Referent};
use super::temporal::find_time_expressions;
use super::{ActorKind, Event, EventKind, Evidence, Participant, Role, TimeExpression};
use crate::date::Precision;
use std::ops::Range;

/// Two actors on opposite sides of one event, with the sentence that says so.
pub type Opposition = (usize, usize, Evidence);

/// An event and the sentences that tell it (several once merged).
pub struct Told {
    /// The event.
    pub event: Event,
    /// The sentences that tell it.
    pub sentences: Vec<usize>,
}

/// Finds the events of the article, merged across sentences, and the oppositions they show.
pub fn find(analysis: &mut Analysis) -> (Vec<Told>, Vec<Opposition>) {
    let mut events = Vec::new();
    for s in 0..analysis.doc.sentences.len() {
        let span = analysis.doc.sentences[s].span;
        let sentence_text = analysis.doc.slice(span);
        let times =
            find_time_expressions(&sentence_text, span.start, analysis.doc.lang, analysis.date);
        let range = analysis.doc.sentence_range(s);
        let triggers = &analysis.kb.lexicon.triggers;
        let found = analysis
            .doc
            .find_entries(triggers, |t| &t.forms, range.clone());
        for (trigger_index, trigger_range) in found {
            if analysis.occupied[trigger_range.clone()].iter().any(|&o| o)
                || hedged(analysis, trigger_range.start, range.start)
            {
                continue;
            }
            let trigger = analysis.kb.lexicon.triggers[trigger_index].clone();
            if let Some(event) = build_event(
                analysis,
                trigger.kind,
                trigger.confidence,
                trigger_range,
                s,
                &times,
            ) {
                events.push(event);
            }
        }
    }
    let oppositions = events
        .iter()
        .flat_map(|e| oppositions(analysis, e))
        .collect();
    let told = events
        .into_iter()
        .map(|event| Told {
            sentences: vec![event.trigger.sentence],
            event,
        })
        .collect();
    (merge(analysis, told), oppositions)
}

/// The pairs of actors an event puts on opposite sides, before events are merged (sides are per sentence).
fn oppositions(analysis: &Analysis, event: &Event) -> Vec<Opposition> {
    let mut pairs = Vec::new();
    for a in &event.participants {
        for b in &event.participants {
            if a.actor < b.actor && a.side.is_some() && b.side.is_some() && a.side != b.side {
                let evidence = Evidence {
                    sentence: event.trigger.sentence,
                    span: analysis.doc.sentences[event.trigger.sentence].span,
                    text: analysis
                        .doc
                        .slice(analysis.doc.sentences[event.trigger.sentence].span),
                };
                pairs.push((a.actor, b.actor, evidence));
            }
        }
    }
    pairs
}

/// Whether a hedge word ("allégations de", "alleged") governs the trigger.
fn hedged(analysis: &Analysis, trigger: usize, sentence_start: usize) -> bool {
    let hedges = analysis.kb.lexicon.class("hedge");
    (trigger.saturating_sub(5).max(sentence_start)..trigger)
        .any(|t| analysis.doc.form_at(hedges, t, trigger + 1).is_some())
}

fn build_event(
    analysis: &mut Analysis,
    kind: EventKind,
    confidence: f32,
    trigger: Range<usize>,
    sentence: usize,
    times: &[TimeExpression],
) -> Option<Event> {
    let clause = analysis.clause_around(trigger.start);
    let sentence_range = analysis.doc.sentence_range(sentence);
    let conflict = matches!(
        kind,
        EventKind::Battle | EventKind::Attack | EventKind::Capture | EventKind::Airstrike
    );
    let trigger_text = analysis.doc.text_of(trigger.clone());
    let lost = ["perdu", "lost", "fell"]
        .iter()
        .any(|w| crate::text::fold(&trigger_text).contains(w));

    // Place: the most specific place in the clause, preferring one after the trigger.
    let place_mention = best_place(analysis, &clause, trigger.end).or_else(|| {
        if kind == EventKind::Capture {
            None
        } else {
            best_place(analysis, &sentence_range, trigger.end)
        }
    });
    if kind == EventKind::Capture
        && place_mention.is_none_or(|m| analysis.mentions[m].tokens.start < trigger.start)
    {
        // A capture names what was taken after its trigger; without it, it is not one.
        return None;
    }
    let place = place_mention.and_then(|m| analysis.place_of(m));

    // Participants: actors in the clause (else in the sentence), not claim sources.
    let mut candidates = participant_mentions(analysis, &clause, place_mention, conflict);
    // Outside its clause, an actor's role in the event is unknown.
    let roles_known = !candidates.is_empty();
    if candidates.is_empty() {
        candidates = participant_mentions(analysis, &sentence_range, place_mention, conflict);
    }
    let sides = sides(analysis, kind, &clause);
    let mut participants: Vec<Participant> = Vec::new();
    for m in candidates {
        let tokens = analysis.mentions[m].tokens.clone();
        let Some(actor) = analysis.actor_of(m) else {
            continue;
        };
        if participants.iter().any(|p| p.actor == actor) {
            continue;
        }
        let (role, side) = match kind {
            _ if !roles_known => (Role::Participant, None),
            EventKind::Battle => match &sides {
                Some((split, end)) if tokens.start < *end => {
                    (Role::Side, Some(u8::from(tokens.start >= *split)))
                }
                _ => (Role::Side, None),
            },
            EventKind::Attack | EventKind::Airstrike | EventKind::Capture => {
                let before = tokens.end <= trigger.start;
                let agent = tokens.start >= 1
                    && matches!(analysis.doc.keys[tokens.start - 1].as_str(), "par" | "by");
                let of = tokens.start >= 1
                    && analysis.doc.keys[tokens.start - 1] == "de"
                    && tokens.start.saturating_sub(trigger.end) <= 1;
                if (before && !lost) || agent || (of && !lost) {
                    (Role::Attacker, Some(0))
                } else {
                    (Role::Target, Some(1))
                }
            }
            _ => (Role::Participant, None),
        };
        participants.push(Participant { actor, role, side });
    }
    // "frappes israéliennes", "Israeli strikes": the demonym names the attacking state's forces.
    let demonym = analysis.demonyms.get(&trigger.end).or_else(|| {
        trigger
            .start
            .checked_sub(1)
            .and_then(|p| analysis.demonyms.get(&p))
    });
    if let Some(&country) = demonym {
        let actor = analysis.state_body_actor(country, true);
        if !participants.iter().any(|p| p.actor == actor) {
            participants.insert(
                0,
                Participant {
                    actor,
                    role: Role::Attacker,
                    side: Some(0),
                },
            );
        }
    }
    if participants.is_empty() && place.is_none() {
        return None;
    }
    let time = nearest_time(analysis, times, &clause, &trigger);
    let span = analysis.doc.span_of(trigger.clone());
    Some(Event {
        kind,
        trigger: Evidence {
            sentence,
            span,
            text: trigger_text,
        },
        participants,
        place,
        time,
        fatalities: None,
        confidence,
    })
}

fn best_place(analysis: &Analysis, range: &Range<usize>, after: usize) -> Option<usize> {
    (0..analysis.mentions.len())
        .filter(|&i| {
            let m = &analysis.mentions[i];
            m.tokens.start >= range.start && m.tokens.end <= range.end
        })
        .filter_map(|i| {
            let start = analysis.mentions[i].tokens.start;
            let specificity = match analysis.mentions[i].referent {
                // A wide area ("the Sahel countries") locates an event only after a locative word.
                Referent::Place(p)
                    if analysis.places[p].specificity <= 1 && !is_locative(analysis, start) =>
                {
                    return None
                }
                Referent::Place(p) => analysis.places[p].specificity,
                Referent::Country(_)
                    if is_locative(analysis, analysis.mentions[i].tokens.start) =>
                {
                    1
                }
                _ => return None,
            };
            Some((i, specificity, analysis.mentions[i].tokens.start >= after))
        })
        .max_by_key(|&(i, specificity, after)| {
            (
                specificity,
                after,
                std::cmp::Reverse(analysis.mentions[i].tokens.start),
            )
        })
        .map(|(i, _, _)| i)
}

/// Whether a locative word ("à", "au", "in") stands right before a token.
pub fn is_locative(analysis: &Analysis, token: usize) -> bool {
    let forms = analysis.kb.lexicon.class("locative");
    let mut end = token;
    if end >= 1 && matches!(analysis.doc.keys[end - 1].as_str(), "le" | "les" | "the") {
        end -= 1;
    }
    (1..=3).any(|len| end >= len && analysis.doc.is_form(forms, end - len..end))
}

fn participant_mentions(
    analysis: &Analysis,
    range: &Range<usize>,
    place: Option<usize>,
    conflict: bool,
) -> Vec<usize> {
    let mut found: Vec<usize> = (0..analysis.mentions.len())
        .filter(|&i| Some(i) != place)
        .filter(|&i| {
            let m = &analysis.mentions[i];
            m.tokens.start >= range.start
                && m.tokens.end <= range.end
                && !analysis
                    .claim_sources
                    .iter()
                    .any(|s| s.start <= m.tokens.start && m.tokens.end <= s.end)
        })
        .filter(|&i| match analysis.mentions[i].referent {
            Referent::Actor(a) => !(conflict && analysis.actors[a].kind == ActorKind::Person),
            Referent::Country(_) => !is_locative(analysis, analysis.mentions[i].tokens.start),
            _ => false,
        })
        .collect();
    found.sort_by_key(|&i| analysis.mentions[i].tokens.start);
    found
}

/// For a battle: "entre A et B", "opposant A à B", "between A and B" → (first token of side 1, end of the construction).
fn sides(analysis: &Analysis, kind: EventKind, clause: &Range<usize>) -> Option<(usize, usize)> {
    if kind != EventKind::Battle {
        return None;
    }
    let keys = &analysis.doc.keys;
    let start = (clause.start..clause.end).find(|&t| {
        matches!(
            keys[t].as_str(),
            "entre" | "between" | "opposant" | "pitting"
        )
    })?;
    let opposing = matches!(keys[start].as_str(), "opposant" | "pitting");
    let separator = (start + 1..clause.end).find(|&t| {
        !analysis.occupied[t]
            && if opposing {
                matches!(keys[t].as_str(), "a" | "aux" | "against")
            } else {
                matches!(keys[t].as_str(), "et" | "and")
            }
    })?;
    Some((separator, clause.end))
}

fn nearest_time(
    analysis: &Analysis,
    times: &[TimeExpression],
    clause: &Range<usize>,
    trigger: &Range<usize>,
) -> Option<TimeExpression> {
    let clause_span = analysis.doc.span_of(clause.clone());
    let trigger_start = analysis.doc.tokens[trigger.start].start;
    let distance = |t: &TimeExpression| t.span.start.abs_diff(trigger_start);
    times
        .iter()
        .filter(|t| t.span.start >= clause_span.start && t.span.end <= clause_span.end)
        .min_by_key(|t| (t.date.is_none(), distance(t)))
        .cloned()
}

/// Event coreference: events of the same kind whose places and times agree are one event.
fn merge(analysis: &Analysis, events: Vec<Told>) -> Vec<Told> {
    let mut merged: Vec<Told> = Vec::new();
    for told in events {
        match merged
            .iter()
            .rposition(|m| same_event(analysis, &m.event, &told.event))
        {
            Some(i) => absorb(analysis, &mut merged[i], told),
            None => merged.push(told),
        }
    }
    // Within a sentence, conflict events at the same place (or with none) are one
    // event ("une offensive … qui a culminé par la prise de Kidal"): the capture wins.
    let rank = |k: EventKind| match k {
        EventKind::Capture => 4,
        EventKind::Battle => 3,
        EventKind::Airstrike => 2,
        EventKind::Attack => 1,
        _ => 0,
    };
    merged.sort_by_key(|t| {
        (
            t.event.trigger.sentence,
            std::cmp::Reverse(rank(t.event.kind)),
        )
    });
    let mut out: Vec<Told> = Vec::new();
    for told in merged {
        let event = &told.event;
        if rank(event.kind) > 0 {
            let host = out.iter_mut().rev().find(|o| {
                o.event.trigger.sentence == event.trigger.sentence
                    && rank(o.event.kind) > 0
                    && o.event.place.is_some()
                    && (event.place.is_none() || event.place == o.event.place)
            });
            if let Some(host) = host {
                for p in told.event.participants {
                    if !host.event.participants.iter().any(|h| h.actor == p.actor) {
                        host.event.participants.push(p);
                    }
                }
                continue;
            }
        }
        out.push(told);
    }
    out.sort_by_key(|t| t.event.trigger.span.start);
    out
}

fn same_event(analysis: &Analysis, a: &Event, b: &Event) -> bool {
    if a.kind != b.kind || a.kind == EventKind::Statement {
        return false;
    }
    let adjacent = b.trigger.sentence.abs_diff(a.trigger.sentence) <= 1;
    // A place is captured once per story: two captures of it are one event unless dated apart.
    if a.kind == EventKind::Capture && a.place.is_some() && a.place == b.place {
        let day = |t: &Option<TimeExpression>| {
            t.as_ref()
                .and_then(|t| t.date)
                .filter(|d| d.precision() == Precision::Day)
        };
        return !matches!((day(&a.time), day(&b.time)), (Some(x), Some(y)) if x != y);
    }
    let places_agree = match (a.place, b.place) {
        (Some(x), Some(y)) => {
            x == y || {
                let (px, py) = (&analysis.places[x], &analysis.places[y]);
                px.specificity != py.specificity
                    && px.country == py.country
                    && px.specificity.min(py.specificity) <= 2
            }
        }
        _ => true,
    };
    let times_agree = match (&a.time, &b.time) {
        (Some(x), Some(y)) => match (x.date, y.date) {
            (Some(dx), Some(dy))
                if dx.precision() == Precision::Day && dy.precision() == Precision::Day =>
            {
                dx == dy
            }
            _ => time_core(&x.text) == time_core(&y.text),
        },
        (None, None) => adjacent,
        _ => adjacent || a.trigger.sentence == b.trigger.sentence,
    };
    places_agree && times_agree
}

/// The words of a time expression that identify it ("ce samedi" and "samedi" → "samedi").
fn time_core(text: &str) -> String {
    const NOISE: &[&str] = &[
        "ce", "cette", "le", "la", "on", "early", "late", "this", "the", "en", "in", "depuis",
        "since", "soir", "matin", "night", "morning",
    ];
    crate::text::fold(text)
        .split(' ')
        .filter(|w| !NOISE.contains(w))
        .collect::<Vec<_>>()
        .join(" ")
}

fn absorb(analysis: &Analysis, host: &mut Told, other: Told) {
    let specificity = |p: Option<usize>| p.map_or(0, |p| analysis.places[p].specificity);
    host.sentences.extend(other.sentences);
    let (host, other) = (&mut host.event, other.event);
    if specificity(other.place) > specificity(host.place) {
        host.place = other.place;
    }
    let precision =
        |t: &Option<TimeExpression>| t.as_ref().and_then(|t| t.date).map(|d| d.precision());
    if host.time.is_none() || precision(&other.time) > precision(&host.time) {
        host.time = other.time.or(host.time.take());
    }
    for p in other.participants {
        match host.participants.iter_mut().find(|h| h.actor == p.actor) {
            Some(h) if h.side.is_none() => h.side = p.side,
            Some(_) => {}
            None => host.participants.push(p),
        }
    }
    host.confidence = host.confidence.max(other.confidence);
}
