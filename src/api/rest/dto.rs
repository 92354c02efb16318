//! DTOs shared by several resources, and the name lookup that builds links.

use super::problem::Problem;
use super::queries::{self, ClaimRecord, EventRecord};
use crate::store::KgStore;
use serde::Serialize;
use std::collections::{BTreeSet, HashMap};
use utoipa::ToSchema;

/// A link to an actor, a place, an event or a source: enough to show it and fetch it.
#[derive(Debug, Clone, Serialize, ToSchema, PartialEq, Eq, PartialOrd, Ord)]
pub struct Link {
    /// Short id: the IRI's local part (`fama`, `tinzaouatene`).
    pub id: String,
    /// The full IRI.
    pub iri: String,
    /// The name to show.
    pub name: String,
}

/// A name in a language.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct LabelDto {
    /// The name.
    pub value: String,
    /// Its language tag (`fr`, `en`), absent when the same in all languages.
    pub lang: Option<String>,
}

impl From<&queries::Label> for LabelDto {
    fn from(label: &queries::Label) -> Self {
        Self {
            value: label.value.clone(),
            lang: label.lang.clone(),
        }
    }
}

/// A point on the earth (WGS 84).
#[derive(Debug, Clone, Copy, Serialize, ToSchema)]
pub struct Coordinates {
    /// Degrees north.
    pub latitude: f64,
    /// Degrees east.
    pub longitude: f64,
}

/// The words that support a fact, and where they were read.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct EvidenceDto {
    /// The supporting words (or, without them, the sentence).
    pub text: String,
    /// The whole sentence.
    pub sentence: Option<String>,
    /// The article's id.
    pub article: Option<String>,
    /// The article's IRI.
    pub article_iri: Option<String>,
    /// The date the evidence speaks for (the event's, else the article's).
    pub date: Option<String>,
    /// For facts derived from an event: its id.
    pub event: Option<String>,
}

/// An actor's part in an event.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ParticipantDto {
    /// The actor.
    pub actor: Link,
    /// `Attacker`, `Target`, `Side` or `ParticipantRole`.
    pub role: Option<String>,
    /// The side number (0, 1, …): actors on one side fight together.
    pub side: Option<u8>,
}

/// An event in a list.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct EventSummary {
    /// Short id (a UUID).
    pub id: String,
    /// The full IRI.
    pub iri: String,
    /// `Battle`, `Attack`, `Airstrike`, `Capture`, `Crash`, `Agreement`, `Statement` or `OtherEvent`.
    #[serde(rename = "type")]
    pub kind: String,
    /// Its date: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    pub date: Option<String>,
    /// `year`, `month` or `day`.
    pub date_precision: Option<String>,
    /// Where it happened.
    pub place: Option<Link>,
    /// Who took part.
    pub participants: Vec<ParticipantDto>,
    /// The id of the article it was read from.
    pub article: Option<String>,
}

/// A claim: a statement attributed to a source, not asserted as fact.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ClaimDto {
    /// Its IRI.
    pub iri: String,
    /// Who says it (an actor, or a described source such as "une source humanitaire").
    pub source: Option<Link>,
    /// What is said.
    pub statement: Option<String>,
    /// The reporting words ("a déclaré").
    pub cue: Option<String>,
    /// Whether it is a denial.
    pub denial: bool,
    /// The id of the event it is about.
    pub about: Option<String>,
    /// The id of the article it was read from.
    pub article: Option<String>,
}

/// Names of the IRIs a response links to, fetched in one query.
pub struct Names(pub(super) HashMap<String, String>);

impl Names {
    /// Looks up the names of `iris`.
    pub fn fetch<'a>(
        store: &KgStore,
        iris: impl IntoIterator<Item = &'a String>,
    ) -> Result<Self, Problem> {
        let iris: BTreeSet<String> = iris.into_iter().cloned().collect();
        let iris: Vec<String> = iris.into_iter().collect();
        Ok(Self(queries::names(store, &iris)?))
    }

    /// The link to `iri`, named by its label (else by its id).
    pub fn link(&self, iri: &str) -> Link {
        let id = queries::local_id(iri);
        Link {
            name: self.0.get(iri).cloned().unwrap_or_else(|| id.clone()),
            id,
            iri: iri.to_owned(),
        }
    }
}

/// The IRIs an event links to.
pub fn event_iris(event: &EventRecord) -> impl Iterator<Item = &String> {
    event
        .participants
        .iter()
        .map(|participant| &participant.actor)
        .chain(event.place.as_ref())
}

/// The list form of an event.
pub fn event_summary(event: &EventRecord, names: &Names) -> EventSummary {
    EventSummary {
        id: event.id(),
        iri: event.iri.clone(),
        kind: event.kind.clone(),
        date: event.date.clone(),
        date_precision: event.precision.clone(),
        place: event.place.as_deref().map(|place| names.link(place)),
        participants: participants(event, names),
        article: event.article.as_deref().map(queries::local_id),
    }
}

/// An event's participants as DTOs.
pub fn participants(event: &EventRecord, names: &Names) -> Vec<ParticipantDto> {
    event
        .participants
        .iter()
        .map(|participant| ParticipantDto {
            actor: names.link(&participant.actor),
            role: participant.role.clone(),
            side: participant.side,
        })
        .collect()
}

/// A claim as a DTO.
pub fn claim(claim: &ClaimRecord, names: &Names) -> ClaimDto {
    ClaimDto {
        iri: claim.iri.clone(),
        source: claim.source.as_deref().map(|source| names.link(source)),
        statement: claim.statement.clone(),
        cue: claim.cue.clone(),
        denial: claim.denial,
        about: claim.about.as_deref().map(queries::local_id),
        article: claim.article.as_deref().map(queries::local_id),
    }
}
