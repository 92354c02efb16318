//! Relations between actors: stated (in an article, or in the gazetteer) and derived
//! from events, where actors on one side of a fight are allies and actors on
//! opposite sides (or attacker and target) oppose each other.
//!
//! Symmetric relations (`allyOf`, `opposes`) read the same from both ends; the
//! others say `incoming` when the actor asked about is their object.

use super::dto::{EvidenceDto, Link, Names};
use super::queries::{self, is_symmetric, EventRecord, Scope, StatedRelation};
use crate::store::KgStore;
use serde::{Serialize, Serializer};
use std::collections::BTreeMap;
use utoipa::openapi::schema::{ObjectBuilder, OneOfBuilder, Schema, Type};
use utoipa::openapi::RefOr;
use utoipa::ToSchema;

/// One relation between two actors, with what supports it.
#[derive(Debug, Clone)]
pub struct Edge {
    /// The subject's IRI.
    pub subject: String,
    /// The property's local name.
    pub predicate: String,
    /// The object's IRI.
    pub object: String,
    /// Since when it holds, as stated.
    pub since: Option<String>,
    /// Until when it held, as stated.
    pub until: Option<String>,
    /// What supports it (none for the gazetteer).
    pub evidence: Option<EvidenceDto>,
    /// Those the supporting sentence is attributed to.
    pub claimed_by: Vec<String>,
    /// Whether it was derived from an event rather than stated.
    pub derived: bool,
    /// Whether the gazetteer (reference data) states it.
    pub reference: bool,
    /// The IRI of the article it was read from (none for the gazetteer).
    pub article: Option<String>,
}

fn stated_edge(relation: StatedRelation) -> Edge {
    let text = relation
        .evidence_text
        .clone()
        .or_else(|| relation.sentence_text.clone());
    let evidence = text.map(|text| EvidenceDto {
        text,
        sentence: relation.sentence_text,
        article: relation.article.as_deref().map(queries::local_id),
        article_iri: relation.article.clone(),
        date: relation.article_date,
        event: None,
    });
    Edge {
        reference: relation.node.is_none(),
        article: relation.article.clone(),
        subject: relation.subject,
        predicate: relation.predicate,
        object: relation.object,
        since: relation.since,
        until: relation.until,
        evidence,
        claimed_by: relation.claimed_by,
        derived: false,
    }
}

/// Relations that the sides of combat events show: same side → `allyOf`,
/// opposite sides or attacker and target → `opposes`. Each pair once per event.
pub fn derived_edges(events: &[EventRecord]) -> Vec<Edge> {
    let mut edges = Vec::new();
    for event in events.iter().filter(|event| event.is_combat()) {
        let mut seen = std::collections::BTreeSet::new();
        for (i, a) in event.participants.iter().enumerate() {
            for b in &event.participants[i + 1..] {
                if a.actor == b.actor {
                    continue;
                }
                let predicate = match (a.side, b.side, a.role.as_deref(), b.role.as_deref()) {
                    (Some(x), Some(y), _, _) if x == y => "allyOf",
                    (Some(_), Some(_), _, _) => "opposes",
                    (_, _, Some("Attacker"), Some("Target"))
                    | (_, _, Some("Target"), Some("Attacker")) => "opposes",
                    (_, _, Some("Attacker"), Some("Attacker")) => "allyOf",
                    _ => continue,
                };
                let (first, second) = if a.actor < b.actor {
                    (&a.actor, &b.actor)
                } else {
                    (&b.actor, &a.actor)
                };
                if !seen.insert((first.clone(), second.clone(), predicate)) {
                    continue;
                }
                edges.push(Edge {
                    subject: first.clone(),
                    predicate: predicate.to_owned(),
                    object: second.clone(),
                    since: None,
                    until: None,
                    evidence: Some(EvidenceDto {
                        text: event
                            .sentence_text
                            .clone()
                            .or_else(|| event.trigger.clone())
                            .unwrap_or_default(),
                        sentence: event.sentence_text.clone(),
                        article: event.article.as_deref().map(queries::local_id),
                        article_iri: event.article.clone(),
                        date: event.effective_date().map(str::to_owned),
                        event: Some(event.id()),
                    }),
                    claimed_by: Vec::new(),
                    derived: true,
                    reference: false,
                    article: event.article.clone(),
                });
            }
        }
    }
    edges
}

/// Every relation in `scope` (all of them, or an actor's), stated and derived.
pub fn edges(store: &KgStore, scope: &Scope) -> Result<Vec<Edge>, crate::store::StoreError> {
    let mut edges: Vec<Edge> = queries::stated_relations(store, scope)?
        .into_iter()
        .map(stated_edge)
        .collect();
    edges.extend(derived_edges(&queries::combat_events(store, scope)?));
    Ok(edges)
}

/// Whether a relation was derived, and from what: `false`, or `"co-participation"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Derived {
    /// Stated in an article or in the gazetteer.
    No,
    /// Shown by the sides the actors took in an event.
    CoParticipation,
}

impl Serialize for Derived {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Derived::No => serializer.serialize_bool(false),
            Derived::CoParticipation => serializer.serialize_str("co-participation"),
        }
    }
}

fn derived_schema() -> RefOr<Schema> {
    OneOfBuilder::new()
        .item(
            ObjectBuilder::new()
                .schema_type(Type::Boolean)
                .enum_values(Some([false])),
        )
        .item(
            ObjectBuilder::new()
                .schema_type(Type::String)
                .enum_values(Some(["co-participation"])),
        )
        .description(Some(
            "false when stated; \"co-participation\" when derived from the sides actors took in events",
        ))
        .into()
}

/// A relation as seen from one actor.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RelationDto {
    /// `allyOf`, `opposes`, `memberOf`, `leads`, `affiliatedWith`, `brokeAllianceWith`,
    /// `succeededBy`, `armedForces` or `government`.
    pub predicate: String,
    /// `outgoing` when the actor asked about is the subject (always, for symmetric
    /// relations), `incoming` when it is the object.
    pub direction: String,
    /// The actor at the other end.
    pub actor: Link,
    /// Since when it holds, when stated.
    pub since: Option<String>,
    /// Until when it held, when stated.
    pub until: Option<String>,
    /// What supports it, one entry per statement or event: all of them, or the
    /// newest `evidence` (the request's parameter) when there are more.
    pub evidence: Vec<EvidenceDto>,
    /// How many entries support it in all, those left out of `evidence` included.
    pub evidence_count: usize,
    /// Those who claim it (the sources the supporting sentences are attributed to).
    pub claimed_by: Vec<Link>,
    /// `false` when stated, `"co-participation"` when derived from events.
    #[schema(schema_with = derived_schema)]
    pub derived: Derived,
    /// Whether the gazetteer (reference data) states it.
    pub reference: bool,
}

impl RelationDto {
    /// A copy with only the first `count` evidence entries (`evidence_count` unchanged).
    pub fn with_newest_evidence(&self, count: usize) -> RelationDto {
        RelationDto {
            predicate: self.predicate.clone(),
            direction: self.direction.clone(),
            actor: self.actor.clone(),
            since: self.since.clone(),
            until: self.until.clone(),
            evidence: self.evidence.iter().take(count).cloned().collect(),
            evidence_count: self.evidence_count,
            claimed_by: self.claimed_by.clone(),
            derived: self.derived,
            reference: self.reference,
        }
    }
}

/// Every relation of one actor, as [`for_actor`] gives them, and the edges they were
/// made from (kept to bring the list up to date after writes).
#[derive(Debug)]
pub struct ActorRelations {
    /// The actor.
    pub actor: Link,
    /// Its relations, with all their evidence.
    pub items: Vec<RelationDto>,
    /// The edges read: the actor's stated relations and those derived from its events.
    pub edges: Vec<Edge>,
}

impl ActorRelations {
    /// About how many bytes it holds (the memo's measure).
    pub fn weight(&self) -> usize {
        let strings = |evidence: &EvidenceDto| {
            evidence.text.len()
                + [
                    &evidence.sentence,
                    &evidence.article,
                    &evidence.article_iri,
                    &evidence.date,
                    &evidence.event,
                ]
                .iter()
                .map(|field| field.as_ref().map_or(0, String::len))
                .sum::<usize>()
        };
        let items: usize = self
            .items
            .iter()
            .map(|item| {
                256 + item
                    .evidence
                    .iter()
                    .map(|e| 128 + strings(e))
                    .sum::<usize>()
            })
            .sum();
        let edges: usize = self
            .edges
            .iter()
            .map(|edge| 256 + edge.evidence.as_ref().map_or(0, |e| 128 + strings(e)))
            .sum();
        items + edges
    }
}

/// The relations of `actor` among `edges`, one item per predicate, other actor and
/// direction. A relation derived from events is left out when an article or the
/// gazetteer states it already.
pub fn for_actor(actor: &str, edges: Vec<Edge>, names: &Names) -> Vec<RelationDto> {
    type Key = (String, String, &'static str, bool);
    let mut groups: BTreeMap<Key, (Vec<Edge>, bool)> = BTreeMap::new();
    for edge in edges {
        let (other, direction) = if edge.subject == actor {
            (edge.object.clone(), "outgoing")
        } else if edge.object == actor {
            let direction = if is_symmetric(&edge.predicate) {
                "outgoing"
            } else {
                "incoming"
            };
            (edge.subject.clone(), direction)
        } else {
            continue;
        };
        if other == actor {
            continue;
        }
        let key = (edge.predicate.clone(), other, direction, edge.derived);
        let group = groups.entry(key).or_default();
        group.1 |= edge.reference;
        group.0.push(edge);
    }
    let stated: Vec<(String, String, &str)> = groups
        .keys()
        .filter(|key| !key.3)
        .map(|(predicate, other, direction, _)| (predicate.clone(), other.clone(), *direction))
        .collect();
    groups
        .into_iter()
        .filter(|((predicate, other, direction, derived), _)| {
            !derived || !stated.contains(&(predicate.clone(), other.clone(), *direction))
        })
        .map(
            |((predicate, other, direction, derived), (edges, reference))| {
                let mut claimed_by: Vec<Link> = edges
                    .iter()
                    .flat_map(|edge| edge.claimed_by.iter().map(|iri| names.link(iri)))
                    .collect();
                claimed_by.sort();
                claimed_by.dedup();
                RelationDto {
                    predicate,
                    direction: direction.to_owned(),
                    actor: names.link(&other),
                    since: edges.iter().filter_map(|edge| edge.since.clone()).min(),
                    until: edges.iter().filter_map(|edge| edge.until.clone()).max(),
                    evidence_count: edges.iter().filter(|edge| edge.evidence.is_some()).count(),
                    evidence: edges.into_iter().filter_map(|edge| edge.evidence).collect(),
                    claimed_by,
                    derived: if derived {
                        Derived::CoParticipation
                    } else {
                        Derived::No
                    },
                    reference,
                }
            },
        )
        .collect()
}

/// The IRIs a set of edges links to.
pub fn edge_iris(edges: &[Edge]) -> Vec<String> {
    edges
        .iter()
        .flat_map(|edge| {
            [edge.subject.clone(), edge.object.clone()]
                .into_iter()
                .chain(edge.claimed_by.iter().cloned())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::rest::queries::ParticipantRecord;

    fn event(kind: &str, participants: &[(&str, Option<&str>, Option<u8>)]) -> EventRecord {
        EventRecord {
            iri: "https://w3id.org/actorgraph/event/e".into(),
            kind: kind.into(),
            date: Some("2024-07".into()),
            precision: None,
            date_text: None,
            since: None,
            until: None,
            place: None,
            article: None,
            article_date: None,
            trigger: Some("combats".into()),
            sentence_text: None,
            fatalities: None,
            confidence: None,
            participants: participants
                .iter()
                .map(|(actor, role, side)| ParticipantRecord {
                    actor: (*actor).into(),
                    role: role.map(str::to_owned),
                    side: *side,
                })
                .collect(),
        }
    }

    fn summary(edges: &[Edge]) -> Vec<(String, String, String)> {
        edges
            .iter()
            .map(|edge| {
                (
                    edge.subject.clone(),
                    edge.predicate.clone(),
                    edge.object.clone(),
                )
            })
            .collect()
    }

    #[test]
    fn sides_make_allies_and_opponents() {
        let battle = event(
            "Battle",
            &[
                ("fama", Some("Side"), Some(0)),
                ("wagner", Some("Side"), Some(0)),
                ("csp", Some("Side"), Some(1)),
            ],
        );
        let edges = derived_edges(&[battle]);
        assert_eq!(
            summary(&edges),
            [
                ("fama".into(), "allyOf".into(), "wagner".into()),
                ("csp".into(), "opposes".into(), "fama".into()),
                ("csp".into(), "opposes".into(), "wagner".into()),
            ]
        );
        assert!(edges.iter().all(|edge| edge.derived));
    }

    #[test]
    fn attackers_oppose_targets_and_agreements_derive_nothing() {
        let attack = event(
            "Attack",
            &[("a", Some("Attacker"), None), ("b", Some("Target"), None)],
        );
        assert_eq!(
            summary(&derived_edges(&[attack])),
            [("a".into(), "opposes".into(), "b".into())]
        );
        let agreement = event(
            "Agreement",
            &[("a", Some("Side"), Some(0)), ("b", Some("Side"), Some(1))],
        );
        assert!(derived_edges(&[agreement]).is_empty());
    }

    #[test]
    fn symmetric_relations_read_from_both_ends_and_stated_ones_win() {
        let stated = Edge {
            subject: "fama".into(),
            predicate: "allyOf".into(),
            object: "wagner".into(),
            since: None,
            until: None,
            evidence: None,
            claimed_by: Vec::new(),
            derived: false,
            reference: false,
            article: None,
        };
        let led = Edge {
            subject: "goita".into(),
            predicate: "leads".into(),
            object: "wagner".into(),
            reference: true,
            ..stated.clone()
        };
        let derived = Edge {
            derived: true,
            ..stated.clone()
        };
        let names = Names(Default::default());
        let relations = for_actor("wagner", vec![stated, led, derived], &names);
        let seen: Vec<(&str, &str, &str, Derived)> = relations
            .iter()
            .map(|r| {
                (
                    r.predicate.as_str(),
                    r.direction.as_str(),
                    r.actor.id.as_str(),
                    r.derived,
                )
            })
            .collect();
        assert_eq!(
            seen,
            [
                ("allyOf", "outgoing", "fama", Derived::No),
                ("leads", "incoming", "goita", Derived::No)
            ]
        );
    }
}
