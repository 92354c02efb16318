//! Text → facts: actors, places, events, relations and claims, as plain structs.
//!
//! This module knows nothing about RDF or the store. The pipeline:
//! tokens and sentences (`document`) → mentions from the gazetteer, state
//! bodies, descriptions and cues, with in-article coreference (`mentions`)
//! → claims (`claims`) → events and their merging (`events`), with their death
//! tolls (`casualties`) → relations
//! (`relations`) → [`Facts`].

mod analysis;
mod casualties;
mod claims;
mod document;
mod events;
mod facts;
mod mentions;
mod organisations;
mod relations;
pub mod temporal;

pub use facts::*;

use crate::article::Article;
use crate::ontology::Knowledge;
use analysis::{Analysis, Referent};
use document::Document;
use std::collections::HashMap;

/// Extracts the facts of one article. Never fails: what cannot be used becomes a warning.
pub fn extract(article: &Article, knowledge: &Knowledge) -> Facts {
    let doc = Document::new(&article.text, article.lang);
    let mut analysis = Analysis::new(doc, knowledge, article.date);
    mentions::find(&mut analysis);
    let mut claims = claims::find(&mut analysis);
    for (backer, _, _) in relations::backings(&analysis) {
        let tokens = analysis.mentions[backer].tokens.clone();
        analysis.claim_sources.push(tokens);
    }
    let (mut told, event_relations) = events::find(&mut analysis);
    casualties::attach(&analysis, &mut told);
    let mut relations = relations::find(&mut analysis, event_relations);
    for claim in &mut claims {
        claim.about = told
            .iter()
            .position(|t| t.sentences.contains(&claim.evidence.sentence));
    }
    let mut events: Vec<Event> = told.into_iter().map(|t| t.event).collect();
    // A toll in reported words is that source's claim, not the article's own.
    for event in &mut events {
        if let Some(fatalities) = &mut event.fatalities {
            fatalities.claim = claims
                .iter()
                .position(|c| c.evidence.sentence == fatalities.evidence.sentence);
        }
    }
    assemble(analysis, &mut events, &mut relations, &mut claims)
}

/// Whether a country mention names where something is: after a locative word
/// ("au Mali"), as the complement of a place ("le nord du Mali"), or in a list
/// that follows one ("entre le Niger, le Burkina Faso et le Mali").
fn locates(analysis: &Analysis, mention: usize) -> bool {
    let tokens = &analysis.mentions[mention].tokens;
    let keys = &analysis.doc.keys;
    let inside_place = analysis.mentions.iter().any(|m| {
        matches!(m.referent, Referent::Place(_))
            && m.tokens.start <= tokens.start
            && tokens.end <= m.tokens.end
            && m.tokens != *tokens
    });
    if inside_place {
        return true;
    }
    let mut start = tokens.start;
    loop {
        if events::is_locative(analysis, start) {
            return true;
        }
        let Some(before) = start.checked_sub(1) else {
            return false;
        };
        let directions = analysis.kb.lexicon.class("direction");
        match keys[before].as_str() {
            // "le nord du Mali", "the north of Mali"
            "de" | "of" => {
                return before >= 1
                    && analysis
                        .doc
                        .form_at(directions, before - 1, before)
                        .is_some()
            }
            // A list: step back over the previous item.
            "," | "et" | "and" | "le" | "les" | "the" => {
                let previous = analysis.mentions.iter().find(|m| {
                    m.tokens.end == before
                        || (m.tokens.end + 1 == before
                            && matches!(keys[before].as_str(), "le" | "les" | "the"))
                        || (m.tokens.end + 1 == before && keys[m.tokens.end] == ",")
                });
                match previous {
                    Some(m) if matches!(m.referent, Referent::Country(_) | Referent::Place(_)) => {
                        start = m.tokens.start
                    }
                    _ if matches!(keys[before].as_str(), "le" | "les" | "the") => start = before,
                    _ => return false,
                }
            }
            _ => return false,
        }
    }
}

/// Turns the drafts into facts, keeping only entities something refers to, and renumbering them.
fn assemble(
    mut analysis: Analysis,
    events: &mut [Event],
    relations: &mut [Relation],
    claims: &mut [Claim],
) -> Facts {
    // A country not used as an actor is a place where the text locates something
    // in it ("à Bamako, au Mali", "in Niger"); elsewhere ("U.S.-owned", "Mali and
    // Niger, members of…") it is neither.
    for i in 0..analysis.mentions.len() {
        if let Referent::Country(c) = analysis.mentions[i].referent {
            if !locates(&analysis, i) {
                continue;
            }
            let place = analysis.country_place(c);
            analysis.mentions[i].referent = Referent::Place(place);
        }
    }
    let sentences: Vec<Sentence> = analysis
        .doc
        .sentences
        .iter()
        .map(|s| Sentence {
            span: s.span,
            text: analysis.doc.slice(s.span),
        })
        .collect();
    let mut actor_index: HashMap<usize, usize> = HashMap::new();
    let mut place_index: HashMap<usize, usize> = HashMap::new();
    let mut actors: Vec<Actor> = Vec::new();
    let mut places: Vec<Place> = Vec::new();
    let gazetteer = &analysis.kb.gazetteer;
    let mut actor_slot = |draft: usize, actors: &mut Vec<Actor>| -> usize {
        *actor_index.entry(draft).or_insert_with(|| {
            let d = &analysis.actors[draft];
            actors.push(Actor {
                key: d.key.clone(),
                name: d.name.clone(),
                kind: d.kind,
                mentions: Vec::new(),
                confidence: d.confidence,
            });
            actors.len() - 1
        })
    };
    let mut place_slot = |draft: usize, places: &mut Vec<Place>| -> usize {
        *place_index.entry(draft).or_insert_with(|| {
            let d = &analysis.places[draft];
            let country = d.country.map(|c| &gazetteer.places[c]);
            places.push(Place {
                key: d.key.clone(),
                name: d.name.clone(),
                country: country
                    .map(|c| crate::ontology::best_label(&c.labels, analysis.doc.lang).to_owned()),
                country_key: country.map(|c| EntityKey::Known(c.id.clone())),
                mentions: Vec::new(),
                confidence: d.confidence,
            });
            places.len() - 1
        })
    };
    for mention in &analysis.mentions {
        let span = analysis.doc.span_of(mention.tokens.clone());
        let found = Mention {
            span,
            text: analysis.doc.slice(span),
            sentence: mention.sentence,
        };
        match mention.referent {
            Referent::Actor(a) => {
                let slot = actor_slot(a, &mut actors);
                if mention.surface {
                    actors[slot].mentions.push(found);
                }
            }
            Referent::Place(p) => {
                let slot = place_slot(p, &mut places);
                places[slot].mentions.push(found);
            }
            _ => {}
        }
    }
    for event in events.iter_mut() {
        for participant in &mut event.participants {
            participant.actor = actor_slot(participant.actor, &mut actors);
        }
        event.place = event.place.map(|p| place_slot(p, &mut places));
    }
    let mut entity = |r: EntityRef, actors: &mut Vec<Actor>, places: &mut Vec<Place>| match r {
        EntityRef::Actor(a) => EntityRef::Actor(actor_slot(a, actors)),
        EntityRef::Place(p) => EntityRef::Place(place_slot(p, places)),
    };
    for relation in relations.iter_mut() {
        relation.subject = entity(relation.subject, &mut actors, &mut places);
        relation.object = entity(relation.object, &mut actors, &mut places);
    }
    for claim in claims.iter_mut() {
        if let ClaimSource::Actor(a) = claim.source {
            claim.source = ClaimSource::Actor(
                match entity(EntityRef::Actor(a), &mut actors, &mut places) {
                    EntityRef::Actor(slot) => slot,
                    EntityRef::Place(_) => unreachable!("an actor maps to an actor"),
                },
            );
        }
    }
    Facts {
        lang: analysis.doc.lang,
        date: analysis.date,
        sentences,
        actors,
        places,
        events: events.to_vec(),
        relations: relations.to_vec(),
        claims: claims.to_vec(),
        warnings: Vec::new(),
    }
}
#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_claims;
#[cfg(test)]
mod tests_coref;
#[cfg(test)]
mod tests_general;
