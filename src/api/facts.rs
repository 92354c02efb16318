//! The JSON shape of extracted facts: the evaluation schema
//! (`facts.schema.json`) plus extra fields (ids, IRIs, confidences).
//!
//! These DTOs live here, not on the domain types, so that the fact structs stay
//! plain data and the JSON can change without touching the extractor.

use crate::article::Article;
use crate::extract::{ClaimSource, EntityKey, EntityRef, Facts, Role};
use crate::rdf;
use serde::Serialize;

/// All facts of one article.
#[derive(Debug, Serialize, utoipa::ToSchema)]
#[schema(as = ExtractedFacts)]
pub struct FactsDto {
    /// ISO 639-1 code of the article's language.
    pub language: &'static str,
    /// Publication date: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    pub date: Option<String>,
    /// The article's IRI.
    pub article: String,
    /// The actors.
    pub actors: Vec<ActorDto>,
    /// The places.
    pub places: Vec<PlaceDto>,
    /// The events.
    pub events: Vec<EventDto>,
    /// The relations.
    pub relations: Vec<RelationDto>,
    /// The claims.
    pub claims: Vec<ClaimDto>,
    /// What the extractor could not use.
    pub warnings: Vec<String>,
}

/// An actor.
#[derive(Debug, Serialize, utoipa::ToSchema)]
#[schema(as = ExtractedActor)]
pub struct ActorDto {
    /// Canonical name.
    pub name: String,
    /// Ontology class local name.
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// Surface forms, deduplicated, in text order.
    pub mentions: Vec<String>,
    /// Gazetteer id or discovered slug.
    pub id: String,
    /// Whether it comes from the gazetteer.
    pub known: bool,
    /// Its IRI.
    pub iri: String,
    /// Confidence in [0, 1].
    pub confidence: f32,
}

/// A place.
#[derive(Debug, Serialize, utoipa::ToSchema)]
#[schema(as = ExtractedPlace)]
pub struct PlaceDto {
    /// Canonical name.
    pub name: String,
    /// Country name, when known.
    pub country: Option<String>,
    /// Surface forms, deduplicated, in text order.
    pub mentions: Vec<String>,
    /// Gazetteer id or discovered slug.
    pub id: String,
    /// Whether it comes from the gazetteer.
    pub known: bool,
    /// Its IRI.
    pub iri: String,
    /// Confidence in [0, 1].
    pub confidence: f32,
}

/// An actor's part in an event.
#[derive(Debug, Serialize, utoipa::ToSchema)]
#[schema(as = ExtractedRole)]
pub struct RoleDto {
    /// The actor's name.
    pub actor: String,
    /// `Attacker`, `Target`, `Side` or `Participant`.
    pub role: &'static str,
    /// The side number, when known.
    pub side: Option<u8>,
}

/// An event.
#[derive(Debug, Serialize, utoipa::ToSchema)]
#[schema(as = ExtractedEvent)]
pub struct EventDto {
    /// Evaluation name of the kind (`Battle`, …, `Other`).
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// The trigger words.
    pub trigger: Option<String>,
    /// Participant names.
    pub participants: Vec<String>,
    /// Place name.
    pub place: Option<String>,
    /// The time expression as written.
    pub date_text: Option<String>,
    /// The resolved date.
    pub date: Option<String>,
    /// Each participant's role.
    pub roles: Vec<RoleDto>,
    /// Confidence in [0, 1].
    pub confidence: f32,
    /// People killed, when stated (the lowest figure).
    pub fatalities: Option<u32>,
    /// Who states the death toll, when it is someone's reported words.
    pub fatalities_source: Option<String>,
    /// Its IRI.
    pub iri: String,
}

/// A relation.
#[derive(Debug, Serialize, utoipa::ToSchema)]
#[schema(as = ExtractedRelation)]
pub struct RelationDto {
    /// Subject name.
    pub subject: String,
    /// Property local name.
    pub predicate: &'static str,
    /// Object name.
    pub object: String,
    /// The supporting text.
    pub evidence: Option<String>,
    /// Since when it holds.
    pub since: Option<String>,
    /// Until when it held.
    pub until: Option<String>,
    /// Confidence in [0, 1].
    pub confidence: f32,
}

/// A claim.
#[derive(Debug, Serialize, utoipa::ToSchema)]
#[schema(as = ExtractedClaim)]
pub struct ClaimDto {
    /// Actor name or described source.
    pub source: String,
    /// What is said.
    pub statement: Option<String>,
    /// The reporting words.
    pub cue: String,
    /// Whether it is a denial.
    pub denial: bool,
    /// Confidence in [0, 1].
    pub confidence: f32,
}

fn key_parts(key: &EntityKey) -> (String, bool) {
    match key {
        EntityKey::Known(id) => (id.clone(), true),
        EntityKey::Discovered(slug) => (slug.clone(), false),
    }
}

fn dedup_mentions<'a>(mentions: impl Iterator<Item = &'a str>) -> Vec<String> {
    let mut seen = Vec::<String>::new();
    for mention in mentions {
        if !seen.iter().any(|s| s == mention) {
            seen.push(mention.to_owned());
        }
    }
    seen
}

impl FactsDto {
    /// The DTO of an article's facts. Indices out of range are left out, never a panic.
    pub fn new(article: &Article, facts: &Facts) -> Self {
        let actor_name = |index: usize| facts.actors.get(index).map(|actor| actor.name.clone());
        let place_name = |index: usize| facts.places.get(index).map(|place| place.name.clone());
        let entity_name = |entity: EntityRef| match entity {
            EntityRef::Actor(index) => actor_name(index),
            EntityRef::Place(index) => place_name(index),
        };
        FactsDto {
            language: facts.lang.code(),
            date: facts.date.map(|date| date.to_string()),
            article: rdf::article_iri(&article.id).as_str().to_owned(),
            actors: facts
                .actors
                .iter()
                .map(|actor| {
                    let (id, known) = key_parts(&actor.key);
                    ActorDto {
                        name: actor.name.clone(),
                        kind: actor.kind.class_name(),
                        mentions: dedup_mentions(actor.mentions.iter().map(|m| m.text.as_str())),
                        id,
                        known,
                        iri: rdf::actor_iri(&actor.key, actor.kind).as_str().to_owned(),
                        confidence: actor.confidence,
                    }
                })
                .collect(),
            places: facts
                .places
                .iter()
                .map(|place| {
                    let (id, known) = key_parts(&place.key);
                    PlaceDto {
                        name: place.name.clone(),
                        country: place.country.clone(),
                        mentions: dedup_mentions(place.mentions.iter().map(|m| m.text.as_str())),
                        id,
                        known,
                        iri: rdf::place_iri(&place.key).as_str().to_owned(),
                        confidence: place.confidence,
                    }
                })
                .collect(),
            events: facts
                .events
                .iter()
                .enumerate()
                .map(|(index, event)| EventDto {
                    kind: event.kind.eval_name(),
                    trigger: Some(event.trigger.text.clone()),
                    participants: event
                        .participants
                        .iter()
                        .filter_map(|participant| actor_name(participant.actor))
                        .collect(),
                    place: event.place.and_then(place_name),
                    date_text: event.time.as_ref().map(|time| time.text.clone()),
                    date: event
                        .time
                        .as_ref()
                        .and_then(|time| time.date)
                        .map(|d| d.to_string()),
                    roles: event
                        .participants
                        .iter()
                        .filter_map(|participant| {
                            Some(RoleDto {
                                actor: actor_name(participant.actor)?,
                                role: match participant.role {
                                    Role::Attacker => "Attacker",
                                    Role::Target => "Target",
                                    Role::Side => "Side",
                                    Role::Participant => "Participant",
                                },
                                side: participant.side,
                            })
                        })
                        .collect(),
                    confidence: event.confidence,
                    fatalities: event.fatalities.as_ref().map(|f| f.count),
                    fatalities_source: event
                        .fatalities
                        .as_ref()
                        .and_then(|f| f.claim)
                        .and_then(|c| facts.claims.get(c))
                        .and_then(|c| match &c.source {
                            ClaimSource::Actor(index) => actor_name(*index),
                            ClaimSource::Described(text) => Some(text.clone()),
                        }),
                    iri: rdf::event_iri(&article.id, index).as_str().to_owned(),
                })
                .collect(),
            relations: facts
                .relations
                .iter()
                .filter_map(|relation| {
                    Some(RelationDto {
                        subject: entity_name(relation.subject)?,
                        predicate: relation.kind.property_name(),
                        object: entity_name(relation.object)?,
                        evidence: Some(relation.evidence.text.clone()),
                        since: relation.since.map(|d| d.to_string()),
                        until: relation.until.map(|d| d.to_string()),
                        confidence: relation.confidence,
                    })
                })
                .collect(),
            claims: facts
                .claims
                .iter()
                .filter_map(|claim| {
                    Some(ClaimDto {
                        source: match &claim.source {
                            ClaimSource::Actor(index) => actor_name(*index)?,
                            ClaimSource::Described(text) => text.clone(),
                        },
                        statement: Some(claim.statement.clone()),
                        cue: claim.cue.clone(),
                        denial: claim.denial,
                        confidence: claim.confidence,
                    })
                })
                .collect(),
            warnings: facts.warnings.clone(),
        }
    }
}
