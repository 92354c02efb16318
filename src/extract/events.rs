//! Events: triggers, their participants and sides, place and time; then
//! event coreference (the same battle told in several sentences is one event).

use super::analysis::{Analysis, Referent, TOWN_SPECIFICITY};
use super::temporal::time_expressions_in;
use super::{
    ActorKind, Event, EventKind, Evidence, Participant, RelationKind, Role, TimeExpression,
};
use super::{EntityKey, Lang};
use crate::date::Precision;
use crate::ontology::EventTrigger;
use std::ops::Range;

/// A relation an event shows between two actors (sides of a battle oppose each
/// other; parties to a pact are allies), with the sentence that says so.
pub struct EventRelation {
    /// The subject actor.
    pub subject: usize,
    /// `Opposes`, `AllyOf` or `MemberOf`.
    pub kind: RelationKind,
    /// The object actor.
    pub object: usize,
    /// The sentence of the event.
    pub evidence: Evidence,
    /// How sure the derivation is.
    pub confidence: f32,
}

/// An event and the sentences that tell it (several once merged).
pub struct Told {
    /// The event.
    pub event: Event,
    /// The sentences that tell it.
    pub sentences: Vec<usize>,
    /// How its trigger refers: to a new event, to one told before, or either.
    reference: Reference,
}

/// How an event noun is determined, which decides event coreference.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Reference {
    /// "une frappe", "another attack", "une frappe séparée": a new event.
    New,
    /// "cette attaque", "the strike": an event told before, if there is one.
    Anaphoric,
    /// No determiner ("frappes israéliennes", "clashes"): decided by place and time.
    Open,
}

/// Finds the events of the article, merged across sentences, and the relations they show.
pub fn find(analysis: &mut Analysis) -> (Vec<Told>, Vec<EventRelation>) {
    let mut events = Vec::new();
    for s in 0..analysis.doc.sentences.len() {
        let range = analysis.doc.sentence_range(s);
        let times = time_expressions_in(
            &analysis.doc.chars,
            &analysis.doc.tokens[range.clone()],
            analysis.doc.lang,
            analysis.date,
        );
        // The last event built in this sentence: (index, kind, end of its trigger).
        let mut last: Option<(usize, EventKind, usize)> = None;
        let found = analysis
            .doc
            .find_forms(&analysis.kb.lexicon.trigger_forms, range.clone());
        // Killing verbs ("killed", "tués par") stand for an event only alone in their clause
        // (see `agent_required`): beside another trigger they are its toll. Either way they
        // do not divide the sentence's places between triggers.
        let (starts, ends): (Vec<usize>, Vec<usize>) = found
            .iter()
            .filter(|(i, _)| !analysis.kb.lexicon.triggers[*i].agent_required)
            .map(|(_, r)| (r.start, r.end))
            .unzip();
        for (trigger_index, trigger_range) in found {
            if analysis.occupied[trigger_range.clone()].iter().any(|&o| o)
                || hedged(analysis, trigger_range.start, range.start)
            {
                continue;
            }
            // Borrowed from the knowledge, not the analysis, which is changed below.
            let kb = analysis.kb;
            let trigger = &kb.lexicon.triggers[trigger_index];
            // "the attack killed 12", "ISWAP killed five soldiers in a raid": a killing verb
            // beside another trigger in its clause is that event's toll, not an event.
            if trigger.agent_required {
                let clause = analysis.clause_around(trigger_range.start);
                if starts.iter().any(|&t| clause.contains(&t)) {
                    continue;
                }
            }
            // Places after the trigger belong to it up to the next trigger.
            let next_trigger = starts
                .iter()
                .copied()
                .find(|&t| t >= trigger_range.end)
                .unwrap_or(range.end);
            // … and places before it belong to it back to the previous trigger's place.
            let previous_trigger = ends
                .iter()
                .copied()
                .filter(|&t| t <= trigger_range.start)
                .max()
                .unwrap_or(range.start);
            let reference = reference(analysis, &trigger_range);
            let trigger_end = trigger_range.end;
            // "signed a security treaty", "ont lancé une attaque": a noun of the same kind
            // right after a verb trigger is its object, the same event.
            let continues = last
                .filter(|&(_, kind, end)| {
                    kind == trigger.kind
                        && trigger_range.start <= end + 3
                        && (end..trigger_range.start).all(|t| analysis.doc.tokens[t].is_word())
                        // "sanctions following the coup": a background event is another one.
                        && !is_background(analysis, &trigger_range)
                })
                .map(|(index, _, _)| index);
            if let Some(event) = build_event(
                analysis,
                trigger,
                trigger_range,
                previous_trigger..next_trigger,
                s,
                &times,
            ) {
                match continues {
                    Some(index) => {
                        let host: &mut (Event, Reference) = &mut events[index];
                        absorb_event(analysis, &mut host.0, event);
                    }
                    None => {
                        events.push((event, reference));
                        last = Some((events.len() - 1, trigger.kind, trigger_end));
                        continue;
                    }
                }
            }
            if let Some(entry) = last.as_mut().filter(|(_, kind, _)| *kind == trigger.kind) {
                entry.2 = entry.2.max(trigger_end);
            }
        }
    }
    let mut relations: Vec<EventRelation> = events
        .iter()
        .flat_map(|(e, _)| oppositions(analysis, e))
        .collect();
    let told = events
        .into_iter()
        .map(|(event, reference)| Told {
            sentences: vec![event.trigger.sentence],
            event,
            reference,
        })
        .collect();
    let mut merged = merge(analysis, told);
    inherit_from_context(&mut merged);
    merge_lone(analysis, &mut merged);
    refine_places(analysis, &mut merged);
    for told in &merged {
        relations.extend(alliances(analysis, told));
    }
    (merged, relations)
}

/// "seized the town of Paletwa in Chin State", "à Boni, dans la région de Mopti": where
/// the place found is the container of a more specific place named just before it
/// (a containment word, or a comma and one, between), the event is at the inner one.
fn inner_place(analysis: &Analysis, mention: usize) -> usize {
    let containment = analysis.kb.lexicon.class("containment");
    let outer = &analysis.mentions[mention];
    let Referent::Place(outer_place) = outer.referent else {
        return mention;
    };
    let sentence_start = analysis.doc.sentence_range(outer.sentence).start;
    // A containment word a few words before the container, with only words (an article,
    // "la région de" inside the name) between.
    let lead_start = (outer.tokens.start.saturating_sub(4).max(sentence_start)..outer.tokens.start)
        .find(|&t| {
            analysis
                .doc
                .form_at(containment, t, outer.tokens.start)
                .is_some_and(|end| {
                    (end..outer.tokens.start).all(|k| analysis.doc.tokens[k].is_word())
                })
        });
    let Some(mut before) = lead_start else {
        return mention;
    };
    if before > sentence_start && analysis.doc.tokens[before - 1].is_punct(',') {
        before -= 1;
    }
    let inner = before
        .checked_sub(1)
        .and_then(|end| analysis.mention_ending_at(end))
        .and_then(|m| analysis.mentions.iter().position(|x| x == m));
    match inner.map(|i| (i, &analysis.mentions[i].referent)) {
        Some((i, Referent::Place(p)))
            if analysis.places[*p].specificity > analysis.places[outer_place].specificity =>
        {
            i
        }
        _ => mention,
    }
}

/// Wire copy names the country or the region in the lead and the town in the next
/// sentence ("… dans l'extrême nord du Cameroun. Le poste visé se situe à Soueram"): a
/// fight, attack or strike placed no finer than a region takes the first town or site
/// named in the sentence after its first telling (or between its tellings), in the same
/// country, where that sentence tells no event of its own.
fn refine_places(analysis: &Analysis, events: &mut [Told]) {
    let telling: Vec<Vec<usize>> = events.iter().map(|t| t.sentences.clone()).collect();
    for (index, told) in events.iter_mut().enumerate() {
        let event = &mut told.event;
        if !matches!(
            event.kind,
            EventKind::Battle | EventKind::Attack | EventKind::Airstrike
        ) {
            continue;
        }
        let Some(place) = event.place else { continue };
        let current = &analysis.places[place];
        if current.specificity >= TOWN_SPECIFICITY || current.country.is_none() {
            continue;
        }
        let first = told.sentences.iter().copied().min().unwrap_or(0);
        let last = told.sentences.iter().copied().max().unwrap_or(0);
        let elaborations = (first + 1)..=(last.max(first + 1));
        let found = elaborations
            .filter(|s| !told.sentences.contains(s))
            .filter(|s| {
                telling
                    .iter()
                    .enumerate()
                    .all(|(other, sentences)| other == index || !sentences.contains(s))
            })
            .find_map(|s| {
                analysis.mentions.iter().find_map(|m| match m.referent {
                    Referent::Place(p)
                        if m.sentence == s
                            && analysis.places[p].specificity >= TOWN_SPECIFICITY
                            && (analysis.places[p].country == current.country
                                // a town the gazetteer does not know has only a guessed country
                                || matches!(analysis.places[p].key, EntityKey::Discovered(_))) =>
                    {
                        Some(p)
                    }
                    _ => None,
                })
            });
        if let Some(town) = found {
            event.place = Some(town);
        }
    }
}

/// The parties to a pact are allies, and members of the coalition it founds
/// ("Mali, Burkina Faso and Niger signed the charter establishing the Alliance of
/// Sahel States"). When states are among the parties, only they are parties (their
/// leaders and governments sign for them). A ceasefire or a peace deal makes no allies.
fn alliances(analysis: &Analysis, told: &Told) -> Vec<EventRelation> {
    let event = &told.event;
    if event.kind != EventKind::Agreement {
        return Vec::new();
    }
    // "accord de paix", "ceasefire agreement", "peace talks": near the trigger.
    let peace = analysis.kb.lexicon.class("peace-agreement");
    let trigger = analysis.doc.sentence_range(event.trigger.sentence);
    let at = analysis
        .doc
        .tokens
        .iter()
        .position(|t| t.start >= event.trigger.span.start)
        .unwrap_or(trigger.start);
    let is_peace = (at.saturating_sub(4).max(trigger.start)..(at + 8).min(trigger.end))
        .any(|t| analysis.doc.form_at(peace, t, trigger.end).is_some());
    if is_peace {
        return Vec::new();
    }
    let kind_of = |a: usize| analysis.actors[a].kind;
    let actors: Vec<usize> = event.participants.iter().map(|p| p.actor).collect();
    let states: Vec<usize> = actors
        .iter()
        .copied()
        .filter(|&a| kind_of(a) == ActorKind::Country)
        .collect();
    let parties: Vec<usize> = if states.len() >= 2 {
        states
    } else {
        actors
            .iter()
            .copied()
            .filter(|&a| !matches!(kind_of(a), ActorKind::Person | ActorKind::Coalition))
            .collect()
    };
    let coalitions: Vec<usize> = actors
        .iter()
        .copied()
        .filter(|&a| kind_of(a) == ActorKind::Coalition)
        .collect();
    let sentence = event.trigger.sentence;
    let evidence = Evidence {
        sentence,
        span: analysis.doc.sentences[sentence].span,
        text: analysis.doc.slice(analysis.doc.sentences[sentence].span),
    };
    let mut found = Vec::new();
    for (i, &a) in parties.iter().enumerate() {
        for &b in &parties[i + 1..] {
            found.push(EventRelation {
                subject: a,
                kind: RelationKind::AllyOf,
                object: b,
                evidence: evidence.clone(),
                confidence: 0.6,
            });
        }
        for &coalition in &coalitions {
            found.push(EventRelation {
                subject: a,
                kind: RelationKind::MemberOf,
                object: coalition,
                evidence: evidence.clone(),
                confidence: 0.6,
            });
        }
    }
    found
}

/// How the noun phrase of a trigger refers ("une frappe" new, "cette attaque" anaphoric).
fn reference(analysis: &Analysis, trigger: &Range<usize>) -> Reference {
    let lexicon = &analysis.kb.lexicon;
    let doc = &analysis.doc;
    let after = trigger.end;
    if after < doc.tokens.len()
        && doc
            .form_at(lexicon.class("new-event-after"), after, after + 2)
            .is_some()
    {
        return Reference::New;
    }
    // The determiner, possibly before one adjective ("une nouvelle attaque", "a deadly raid").
    for back in 1..=2 {
        let Some(at) = trigger.start.checked_sub(back) else {
            break;
        };
        if doc.sentence_of[at] != doc.sentence_of[trigger.start] {
            break;
        }
        if doc
            .form_at(lexicon.class("new-event"), at, trigger.start)
            .is_some_and(|end| end == at + 1)
        {
            return Reference::New;
        }
        if doc
            .form_at(lexicon.class("anaphoric-event"), at, trigger.start)
            .is_some_and(|end| end == at + 1)
        {
            return Reference::Anaphoric;
        }
    }
    Reference::Open
}

/// What the text leaves implicit, taken from the events told just before:
/// a strike without a named attacker was made by the attacker of the previous
/// strike; a conflict event without a place happened where the previous one,
/// told in the same or the previous sentence, did.
fn inherit_from_context(events: &mut [Told]) {
    for i in 1..events.len() {
        let (before, rest) = events.split_at_mut(i);
        let event = &mut rest[0].event;
        let conflict = matches!(
            event.kind,
            EventKind::Attack | EventKind::Airstrike | EventKind::Battle | EventKind::Other
        );
        if matches!(event.kind, EventKind::Attack | EventKind::Airstrike)
            && !event.participants.iter().any(|p| p.role == Role::Attacker)
        {
            let attackers = before
                .iter()
                .rev()
                .find(|t| {
                    t.event.kind == event.kind
                        && t.event
                            .participants
                            .iter()
                            .any(|p| p.role == Role::Attacker)
                })
                .map(|t| {
                    t.event
                        .participants
                        .iter()
                        .filter(|p| p.role == Role::Attacker)
                        .cloned()
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default();
            for attacker in attackers {
                if !event.participants.iter().any(|p| p.actor == attacker.actor) {
                    event.participants.insert(0, attacker);
                }
            }
        }
        if conflict && event.place.is_none() {
            let sentence = event.trigger.sentence;
            // In the same sentence, only an event of the same kind lends its place: another
            // kind of event there has its own (the place was left to it on purpose).
            let kind = event.kind;
            if let Some(previous) = before.iter().rev().find(|t| {
                t.event.place.is_some()
                    && match sentence.checked_sub(t.event.trigger.sentence) {
                        Some(0) => t.event.kind == kind,
                        // A country a development concerns is no battlefield.
                        Some(1) => t.event.kind != EventKind::Other,
                        _ => false,
                    }
            }) {
                event.place = previous.event.place;
            }
        }
    }
}

/// The pairs of actors an event puts on opposite sides, before events are merged (sides are per sentence).
fn oppositions(analysis: &Analysis, event: &Event) -> Vec<EventRelation> {
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
                pairs.push(EventRelation {
                    subject: a.actor,
                    kind: RelationKind::Opposes,
                    object: b.actor,
                    evidence,
                    confidence: 0.7,
                });
            }
        }
    }
    pairs
}

/// Whether a hedge ("allégations de", "alleged") or an irrealis word ("si", "if",
/// "fréquentes") governs the trigger: no event is told as a fact.
fn hedged(analysis: &Analysis, trigger: usize, sentence_start: usize) -> bool {
    let lexicon = &analysis.kb.lexicon;
    (trigger.saturating_sub(5).max(sentence_start)..trigger).any(|t| {
        analysis
            .doc
            .form_at(lexicon.class("hedge"), t, trigger + 1)
            .is_some()
            || analysis
                .doc
                .form_at(lexicon.class("irrealis"), t, trigger + 1)
                .is_some()
    })
}

fn build_event(
    analysis: &mut Analysis,
    entry: &EventTrigger,
    trigger: Range<usize>,
    between_triggers: Range<usize>,
    sentence: usize,
    times: &[TimeExpression],
) -> Option<Event> {
    let (kind, confidence) = (entry.kind, entry.confidence);
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

    // Place: one attached to the trigger ("attaque … à Kidal", "quitte le Mali"), else
    // the most specific place in the clause, preferring one after the trigger; places
    // after the next trigger are that trigger's.
    let next_trigger = between_triggers.end;
    let reach = |range: &Range<usize>| {
        // A place before a previous trigger is that trigger's, unless it is attached to this one.
        let start = range.start.max(between_triggers.start.min(trigger.start));
        start..range.end.min(next_trigger.max(trigger.end))
    };
    // The most specific place wins: a neighbourhood or a camp named in the clause
    // ("à Beni, dans le quartier X") over the town attached to the trigger.
    let site = best_place(analysis, &reach(&clause), trigger.end).filter(|&m| {
        matches!(analysis.mentions[m].referent,
            Referent::Place(p) if analysis.places[p].specificity >= super::mentions::SITE_SPECIFICITY)
    });
    let place_mention = site
        .or_else(|| attached_place(analysis, kind, &trigger, next_trigger))
        .or_else(|| best_place(analysis, &reach(&clause), trigger.end))
        .or_else(|| {
            // A pact or a coup is not located by a place named elsewhere in the sentence.
            if matches!(
                kind,
                EventKind::Battle | EventKind::Attack | EventKind::Airstrike
            ) {
                best_place(analysis, &reach(&sentence_range), trigger.end)
            } else {
                None
            }
        });
    // "Kidal a été reprise par l'armée", "the town fell to the rebels": a capture told
    // from what was taken has that place as its subject, before the trigger.
    let passive_form = is_passive(analysis, &trigger);
    let taken_first = kind == EventKind::Capture
        && (passive_form || entry.subject_taken && ends_with_agent_word(analysis, &trigger));
    if entry.subject_taken && !taken_first {
        return None;
    }
    let place_mention = if taken_first {
        taken_subject(analysis, &clause, &trigger)
    } else {
        place_mention.filter(|&m| {
            kind != EventKind::Capture || analysis.mentions[m].tokens.start >= trigger.start
        })
    };
    // "ont repris Kidal": the place is the trigger's object, right after it.
    if entry.object_follows
        && !taken_first
        && !place_mention.is_some_and(|m| {
            let start = analysis.mentions[m].tokens.start;
            start >= trigger.end
                && start <= trigger.end + 3
                && (trigger.end..start).all(|t| analysis.doc.tokens[t].is_word())
                && !is_locative(analysis, start)
        })
    {
        return None;
    }
    // A capture names what was taken after its trigger: a place, or a site the text
    // does not name ("investi la base", "seized a military camp"); without it, it is not one.
    if kind == EventKind::Capture && place_mention.is_none() && !site_follows(analysis, &trigger) {
        return None;
    }
    let place_mention = place_mention.map(|m| inner_place(analysis, m));
    let place = place_mention.and_then(|m| analysis.place_of(m));

    // Participants: actors in the clause (else in the sentence), not claim sources. An
    // event told as background ("following the July coup", "depuis deux coups d'État")
    // is not done by the subject of the sentence: only actors after it take part.
    // (A background attack keeps the main clause's actors: "quinze soldats tués après une attaque".)
    let background = matches!(kind, EventKind::Other | EventKind::Agreement)
        && is_background(analysis, &trigger);
    let after_trigger = |range: &Range<usize>| {
        if background {
            range.start.max(trigger.end)..range.end
        } else {
            range.clone()
        }
    };
    let mut candidates =
        participant_mentions(analysis, &after_trigger(&clause), place_mention, conflict);
    // Outside its clause, an actor's role in the event is unknown.
    let roles_known = !candidates.is_empty();
    if candidates.is_empty() {
        candidates = participant_mentions(
            analysis,
            &after_trigger(&sentence_range),
            place_mention,
            conflict,
        );
    }
    let sides = sides(analysis, kind, &clause, &trigger);
    let passive = passive_form || taken_first;
    // "une attaque menée par le JNIM", "an attack carried out by ISWAP": an agent phrase
    // close after the trigger (no comma between) names the attacker, and the others are
    // its targets, wherever they stand.
    let agent_named = roles_known
        && candidates.iter().any(|&m| {
            let start = analysis.mentions[m].tokens.start;
            start >= trigger.end
                && start <= trigger.end + AGENT_REACH
                && is_agent(analysis, start)
                && !(trigger.end..start).any(|t| analysis.doc.tokens[t].is_punct(','))
        });
    if entry.agent_required && !has_agent(analysis, &candidates, &trigger, &clause, passive) {
        return None;
    }
    let mut participants: Vec<Participant> = Vec::new();
    // The previous candidate's end and role: "by Ethiopian and Eritrean troops" share one.
    let mut previous: Option<(usize, Role, Option<u8>)> = None;
    for m in candidates {
        let tokens = analysis.mentions[m].tokens.clone();
        let Some(actor) = analysis.actor_of(m) else {
            continue;
        };
        if participants.iter().any(|p| p.actor == actor) {
            continue;
        }
        let coordinated = previous.filter(|&(end, _, _)| {
            tokens.start == end + 1 && matches!(analysis.doc.keys[end].as_str(), "and" | "et" | ",")
        });
        let one_sided = matches!(
            kind,
            EventKind::Attack | EventKind::Airstrike | EventKind::Capture
        );
        let (role, side) = match kind {
            // In a battle "entre A et B" the conjunction separates the sides.
            _ if roles_known && one_sided && coordinated.is_some() => {
                let (_, role, side) = coordinated.expect("checked");
                (role, side)
            }
            _ if !roles_known => (Role::Participant, None),
            EventKind::Battle => match &sides {
                Some((split, end)) if tokens.start < *end => {
                    (Role::Side, Some(u8::from(tokens.start >= *split)))
                }
                _ => (Role::Side, None),
            },
            EventKind::Attack | EventKind::Airstrike | EventKind::Capture => {
                // "were attacked by", "ont été tués": before a passive trigger is its target.
                let before = tokens.end <= trigger.start && !passive;
                // "fell to the rebels", "tombée aux mains des jihadistes": the taker follows.
                let agent = is_agent(analysis, tokens.start)
                    || taken_first
                        && tokens.start >= trigger.end
                        && tokens.start <= trigger.end + 1;
                // "l'attaque du JNIM": the complement right after the event noun.
                let of = tokens.start >= trigger.end
                    && analysis.doc.keys[tokens.start - 1] == "de"
                    && tokens.start - trigger.end <= 1;
                if agent || (!agent_named && !lost && (before || of)) {
                    (Role::Attacker, Some(0))
                } else {
                    (Role::Target, Some(1))
                }
            }
            _ => (Role::Participant, None),
        };
        previous = Some((tokens.end, role, side));
        // An unarmed organisation (a monitor, an agency, a NGO) does not fight or attack:
        // it is named as a target or not at all ("clashes, the UN said").
        let unarmed = analysis.actors[actor].kind == ActorKind::Organisation;
        if unarmed && conflict && role != Role::Target {
            continue;
        }
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

/// A place right after the trigger: after a locative word within a few tokens
/// ("attaque … à Torodi", "strikes in Yemen"), or a country as its object
/// ("quitte le Mali", "left Niger").
fn attached_place(
    analysis: &Analysis,
    kind: EventKind,
    trigger: &Range<usize>,
    limit: usize,
) -> Option<usize> {
    const WINDOW: usize = 8;
    let end = limit.min(trigger.end + WINDOW);
    (0..analysis.mentions.len())
        .filter(|&i| {
            let m = &analysis.mentions[i];
            m.tokens.start >= trigger.end
                && m.tokens.end <= end
                && !is_destination(analysis, m.tokens.start)
        })
        .filter(|&i| {
            let start = analysis.mentions[i].tokens.start;
            match analysis.mentions[i].referent {
                Referent::Place(p) => {
                    analysis.places[p].specificity >= 2 && is_locative(analysis, start)
                }
                Referent::Country(_) => {
                    is_locative(analysis, start)
                        || kind == EventKind::Other
                            && (trigger.end..start).all(|t| {
                                matches!(analysis.doc.keys[t].as_str(), "le" | "les" | "the" | "de")
                            })
                }
                _ => false,
            }
        })
        .min_by_key(|&i| analysis.mentions[i].tokens.start)
}

/// Whether a word of `class` ends within `gap` words before the trigger, in its clause.
fn class_before(analysis: &Analysis, class: &str, trigger: &Range<usize>, gap: usize) -> bool {
    let forms = analysis.kb.lexicon.class(class);
    let sentence_start = analysis
        .doc
        .sentence_range(analysis.doc.sentence_of[trigger.start])
        .start;
    (trigger.start.saturating_sub(gap + 3).max(sentence_start)..trigger.start).any(|at| {
        analysis
            .doc
            .form_at(forms, at, trigger.start)
            .is_some_and(|end| {
                end + gap >= trigger.start
                    && (end..trigger.start).all(|t| analysis.doc.tokens[t].is_word())
            })
    })
}

/// Whether the event is told as the background of another ("after the coup", "en
/// représailles à l'attaque du Hamas"): words of the `background-event` class before it.
fn is_background(analysis: &Analysis, trigger: &Range<usize>) -> bool {
    class_before(analysis, "background-event", trigger, 3)
}

/// Whether a site noun ("la base", "a military camp", "cette garnison") follows a capture trigger.
fn site_follows(analysis: &Analysis, trigger: &Range<usize>) -> bool {
    let forms = analysis.kb.lexicon.class("site-noun");
    let sentence_end = analysis
        .doc
        .sentence_range(analysis.doc.sentence_of[trigger.start])
        .end;
    (trigger.end..(trigger.end + 6).min(sentence_end))
        .take_while(|&t| analysis.doc.tokens[t].is_word())
        .any(|t| analysis.doc.form_at(forms, t, sentence_end).is_some())
}

/// Whether a destination word ("vers", "towards") stands before a place: where
/// a convoy heads is not where its fighting happens.
fn is_destination(analysis: &Analysis, token: usize) -> bool {
    let forms = analysis.kb.lexicon.class("destination");
    let mut end = token;
    if end >= 1
        && matches!(
            analysis.doc.keys[end - 1].as_str(),
            "le" | "la" | "les" | "the"
        )
    {
        end -= 1;
    }
    (1..=3).any(|len| end >= len && analysis.doc.is_form(forms, end - len..end))
}

fn best_place(analysis: &Analysis, range: &Range<usize>, after: usize) -> Option<usize> {
    (0..analysis.mentions.len())
        .filter(|&i| {
            let m = &analysis.mentions[i];
            m.tokens.start >= range.start
                && m.tokens.end <= range.end
                && !is_destination(analysis, m.tokens.start)
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
            // A country that only locates ("in northeastern Nigeria", "au Mali") does not act.
            Referent::Country(_) => !super::locates(analysis, i),
            _ => false,
        })
        .collect();
    found.sort_by_key(|&i| analysis.mentions[i].tokens.start);
    found
}

/// The most tokens between a trigger and its agent phrase ("attaque coordonnée menée récemment par").
const AGENT_REACH: usize = 7;

/// Whether a mention is a passive's agent: "by", "par", possibly before a
/// determiner ("by the army", "par des hommes armés").
fn is_agent(analysis: &Analysis, start: usize) -> bool {
    let keys = &analysis.doc.keys;
    let mut t = start;
    for _ in 0..2 {
        let Some(before) = t.checked_sub(1) else {
            return false;
        };
        match keys[before].as_str() {
            "par" | "by" => return true,
            "the" | "a" | "an" | "le" | "les" | "de" | "un" | "une" => t = before,
            _ => return false,
        }
    }
    false
}

/// Whether a trigger ends on the word that introduces its agent ("fell to", "tombée aux
/// mains de", "passée sous le contrôle de").
fn ends_with_agent_word(analysis: &Analysis, trigger: &Range<usize>) -> bool {
    matches!(
        analysis.doc.keys[trigger.end - 1].as_str(),
        "to" | "of" | "de" | "par" | "by"
    )
}

/// The place a capture told from what was taken names: the last place of the clause
/// before the trigger ("la ville de Kidal a été reprise").
fn taken_subject(
    analysis: &Analysis,
    clause: &Range<usize>,
    trigger: &Range<usize>,
) -> Option<usize> {
    (0..analysis.mentions.len())
        .filter(|&i| {
            let m = &analysis.mentions[i];
            m.tokens.start >= clause.start
                && m.tokens.end <= trigger.start
                && matches!(m.referent, Referent::Place(_) | Referent::Country(_))
        })
        .max_by_key(|&i| analysis.mentions[i].tokens.end)
}

/// Whether one of the candidate mentions is the trigger's agent: a "by"/"par" phrase
/// after it, or, in the active, its subject before it in the clause, unless a figure
/// counts that subject ("Five soldiers killed" is a toll, not soldiers killing).
fn has_agent(
    analysis: &Analysis,
    candidates: &[usize],
    trigger: &Range<usize>,
    clause: &Range<usize>,
    passive: bool,
) -> bool {
    candidates.iter().any(|&m| {
        let tokens = &analysis.mentions[m].tokens;
        if tokens.start >= trigger.end {
            return tokens.start <= trigger.end + AGENT_REACH && is_agent(analysis, tokens.start);
        }
        let counted = (tokens.start.saturating_sub(COUNT_REACH).max(clause.start)..tokens.start)
            .any(|t| super::casualties::number_at(analysis, t, tokens.start).is_some());
        !passive
            && tokens.end <= trigger.start
            && tokens.start >= clause.start
            && !counted
            && active_verb(analysis, trigger)
    })
}

/// Whether a verb trigger is finite and active: after a "have" auxiliary ("ont tué",
/// "has killed"), a French finite form ("tuent"), or an English past with an object after
/// it ("killed five soldiers"). A participle after a noun is passive: "les soldats tués",
/// "the soldiers killed in the attack".
fn active_verb(analysis: &Analysis, trigger: &Range<usize>) -> bool {
    let keys = &analysis.doc.keys;
    let have = |t: usize| {
        matches!(
            keys[t].as_str(),
            "a" | "ont" | "avait" | "avaient" | "aurait" | "auraient" | "has" | "have" | "had"
        )
    };
    if (1..=2).any(|back| trigger.start >= back && have(trigger.start - back)) {
        return true;
    }
    match analysis.doc.lang {
        Lang::Fr => {
            // Accents matter here: "tue" is finite, "tué" a participle.
            let last = analysis.doc.tokens[trigger.end - 1].text.to_lowercase();
            !["é", "és", "ée", "ées", "u", "us", "ue", "ues"]
                .iter()
                .any(|ending| {
                    last.ends_with(ending) && last.chars().count() > ending.chars().count() + 2
                })
        }
        Lang::En => analysis.doc.tokens.get(trigger.end).is_some_and(|next| {
            next.is_word()
                && !analysis.doc.is_form(
                    analysis.kb.lexicon.class("locative"),
                    trigger.end..trigger.end + 1,
                )
                && !matches!(
                    keys[trigger.end].as_str(),
                    "on" | "during"
                        | "by"
                        | "when"
                        | "while"
                        | "after"
                        | "last"
                        | "overnight"
                        | "earlier"
                )
        }),
    }
}

/// The most words between a figure and the noun it counts ("five Nigerian soldiers").
const COUNT_REACH: usize = 3;

/// Whether the trigger is a passive participle ("were attacked", "ont été tués",
/// "a été prise"): its grammatical subject is what it was done to.
fn is_passive(analysis: &Analysis, trigger: &Range<usize>) -> bool {
    let keys = &analysis.doc.keys;
    let sentence_start = analysis
        .doc
        .sentence_range(analysis.doc.sentence_of[trigger.start])
        .start;
    let auxiliary = |k: &String| {
        matches!(
            k.as_str(),
            "was" | "were" | "been" | "being" | "ete" | "etaient" | "etait" | "sont"
        )
    };
    // The auxiliary inside the trigger ("ont été attaqués"), right before it, or before
    // one adverb ("were reportedly killed").
    if keys[trigger.clone()].iter().any(auxiliary) {
        return true;
    }
    (1..=2).any(|back| {
        trigger.start >= sentence_start + back
            && auxiliary(&keys[trigger.start - back])
            && (back == 1 || analysis.doc.tokens[trigger.start - 1].is_word())
    })
}

/// For a battle: "entre A et B", "opposant A à B", "between A and B", or
/// "A clashed with B", "A a affronté B", "A se sont battus contre B" →
/// (first token of side 1, end of the construction).
fn sides(
    analysis: &Analysis,
    kind: EventKind,
    clause: &Range<usize>,
    trigger: &Range<usize>,
) -> Option<(usize, usize)> {
    if kind != EventKind::Battle {
        return None;
    }
    let keys = &analysis.doc.keys;
    let Some(start) = (clause.start..clause.end).find(|&t| {
        matches!(
            keys[t].as_str(),
            "entre" | "between" | "opposant" | "pitting"
        )
    }) else {
        // A subject before the trigger fights what follows "with", "against", "contre"…
        // or the trigger's direct object.
        let subject_before = analysis.mentions.iter().any(|m| {
            m.tokens.start >= clause.start
                && m.tokens.end <= trigger.start
                && matches!(m.referent, Referent::Actor(_) | Referent::Country(_))
        });
        if !subject_before {
            return None;
        }
        let find = |words: &[&str], reach: usize| {
            (trigger.end..clause.end.min(trigger.end + reach))
                .find(|&t| words.contains(&keys[t].as_str()))
        };
        let against = find(&["against", "contre", "face"], 12);
        // "fought alongside the army against the TPLF": allies share the subject's side.
        let alongside = (trigger.end..clause.end).any(|t| {
            keys[t] == "alongside"
                || keys[t] == "aux" && keys.get(t + 1).is_some_and(|k| k == "cotes")
        });
        let split = if alongside {
            against.unwrap_or(clause.end)
        } else {
            against
                .or_else(|| find(&["with", "avec"], 4))
                .unwrap_or(trigger.end)
        };
        return Some((split, clause.end));
    };
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
        let position = match told.reference {
            Reference::New => None,
            reference => merged.iter().rposition(|m| {
                // A story retells an event over consecutive sentences: adjacency counts
                // from the last sentence that told it.
                let last_told = m
                    .sentences
                    .iter()
                    .copied()
                    .max()
                    .unwrap_or(m.event.trigger.sentence);
                same_event(
                    analysis,
                    &m.event,
                    last_told,
                    &told.event,
                    reference == Reference::Anaphoric,
                )
            }),
        };
        match position {
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
        if rank(event.kind) > 0 && told.reference != Reference::New {
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

/// An event told without its actors ("an end to the battle for Goma"), and not as a
/// new one, is the one of the same kind at the same place told with them, before or after.
fn merge_lone(analysis: &Analysis, events: &mut Vec<Told>) {
    let mut i = 0;
    while i < events.len() {
        let lone = &events[i].event;
        let host = (lone.participants.is_empty()
            && lone.place.is_some()
            && events[i].reference != Reference::New)
            .then(|| {
                (0..events.len()).find(|&j| {
                    let other = &events[j].event;
                    j != i
                        && other.kind == lone.kind
                        && other.place == lone.place
                        && !other.participants.is_empty()
                        && !dated_apart(lone, other)
                })
            })
            .flatten();
        match host {
            Some(j) => {
                let told = events.remove(i);
                absorb(analysis, &mut events[if j > i { j - 1 } else { j }], told);
            }
            None => i += 1,
        }
    }
}

/// Whether two events carry different dates to the day.
fn dated_apart(a: &Event, b: &Event) -> bool {
    let day = |t: &Option<TimeExpression>| {
        t.as_ref()
            .and_then(|t| t.date)
            .filter(|d| d.precision() == Precision::Day)
    };
    matches!((day(&a.time), day(&b.time)), (Some(x), Some(y)) if x != y)
}

fn same_event(
    analysis: &Analysis,
    a: &Event,
    a_last_told: usize,
    b: &Event,
    anaphoric: bool,
) -> bool {
    if a.kind != b.kind || a.kind == EventKind::Statement {
        return false;
    }
    // Other developments are unlike one another (a coup, a withdrawal, an operation):
    // only the same word again, or a noun pointing back, tells the same one.
    if a.kind == EventKind::Other && head_word(&a.trigger.text) != head_word(&b.trigger.text) {
        return false;
    }
    // An agreement is usually one per story ("signed a treaty" … "the charter"); an
    // anaphoric noun ("cette attaque") may point back further than the last sentence.
    let adjacent = anaphoric
        || a.kind == EventKind::Agreement
        || b.trigger.sentence.abs_diff(a_last_told) <= 1;
    // A place is captured once per story: two captures of it are one event unless dated apart.
    if a.kind == EventKind::Capture && a.place.is_some() && a.place == b.place {
        return !dated_apart(a, b);
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
    // One pact per story: "signed a treaty on Saturday" and "I have today signed the charter".
    places_agree && (times_agree || a.kind == EventKind::Agreement)
}

/// The first word of a trigger, folded and without a plural `s` ("coups d'État" → "coup").
fn head_word(trigger: &str) -> String {
    let folded = crate::text::fold(trigger);
    let word = folded.split([' ', '\'', '’']).next().unwrap_or_default();
    word.strip_suffix('s').unwrap_or(word).to_owned()
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
    host.sentences.extend(other.sentences);
    absorb_event(analysis, &mut host.event, other.event);
}

/// Folds what `other` tells of an event into `host`: the more specific place and
/// date, the participants it adds, the higher confidence.
fn absorb_event(analysis: &Analysis, host: &mut Event, other: Event) {
    let specificity = |p: Option<usize>| p.map_or(0, |p| analysis.places[p].specificity);
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
