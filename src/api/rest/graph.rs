//! `/api/graph`: an actor's neighbourhood (relations stated and derived, to a depth
//! of 1 to 3) as nodes and edges, the shape graph drawing libraries take.

use super::actors;
use super::jsonld::respond;
use super::problem::Problem;
use super::queries::{self, Scope};
use super::relations::{self, Edge};
use super::{blocking, date_param, overlaps, Params};
use crate::api::AppState;
use crate::date::PartialDate;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap, VecDeque};
use utoipa::{IntoParams, ToSchema};

/// The most nodes a neighbourhood holds; beyond, it is cut (and says so).
const MAX_NODES: usize = 300;

/// Neighbourhood parameters.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct GraphQuery {
    /// The actor at the centre (its id).
    #[param(example = "wagner")]
    actor: String,
    /// How many steps away from it to go.
    #[param(minimum = 1, maximum = 3, default = 1)]
    depth: Option<u8>,
    /// Only relations that may hold on or after this date (`YYYY`, `YYYY-MM` or
    /// `YYYY-MM-DD`): their stated span, else the date of their source; undated ones stay.
    #[param(example = "2024-01")]
    from: Option<String>,
    /// Only relations that may hold on or before this date.
    #[param(example = "2024-12-31")]
    to: Option<String>,
}

/// Whether an edge may hold within `[from, to]`: its stated span, else its source's date.
fn in_window(edge: &Edge, from: Option<PartialDate>, to: Option<PartialDate>) -> bool {
    if from.is_none() && to.is_none() {
        return true;
    }
    let dated = edge
        .evidence
        .as_ref()
        .and_then(|evidence| evidence.date.as_deref());
    let start = edge.since.as_deref().or(dated);
    let end = edge.until.as_deref().or(dated);
    overlaps(start, end, from, to)
}

/// A node: an actor.
#[derive(Debug, Serialize, ToSchema)]
pub struct GraphNode {
    /// Short id.
    pub id: String,
    /// The full IRI.
    pub iri: String,
    /// The name to show.
    pub name: String,
    /// Its class (`ArmedGroup`, `Country`, …).
    #[serde(rename = "type")]
    pub kind: String,
    /// Steps from the centre (0 for the centre).
    pub depth: u8,
}

/// An edge: one relation between two nodes, with how much supports it.
#[derive(Debug, Serialize, ToSchema)]
pub struct GraphEdge {
    /// The subject's id.
    pub source: String,
    /// The object's id.
    pub target: String,
    /// The relation.
    pub predicate: String,
    /// Whether it was derived from events rather than stated.
    pub derived: bool,
    /// How many statements or events support it.
    pub weight: u32,
}

/// An actor's neighbourhood.
#[derive(Debug, Serialize, ToSchema)]
pub struct GraphDto {
    /// The actors, the centre first.
    pub nodes: Vec<GraphNode>,
    /// The relations between them.
    pub edges: Vec<GraphEdge>,
    /// Whether nodes were left out to stay under the size limit.
    pub truncated: bool,
}

/// Breadth-first from `centre` over `edges`, to `depth` steps: each node's distance.
fn neighbourhood(centre: &str, edges: &[Edge], depth: u8) -> (BTreeMap<String, u8>, bool) {
    let mut adjacent: HashMap<&str, Vec<&str>> = HashMap::new();
    for edge in edges {
        adjacent
            .entry(&edge.subject)
            .or_default()
            .push(&edge.object);
        adjacent
            .entry(&edge.object)
            .or_default()
            .push(&edge.subject);
    }
    let mut distance = BTreeMap::from([(centre.to_owned(), 0u8)]);
    let mut queue = VecDeque::from([(centre, 0u8)]);
    let mut truncated = false;
    while let Some((node, steps)) = queue.pop_front() {
        if steps == depth {
            continue;
        }
        for &next in adjacent.get(node).into_iter().flatten() {
            if distance.contains_key(next) {
                continue;
            }
            if distance.len() >= MAX_NODES {
                truncated = true;
                break;
            }
            distance.insert(next.to_owned(), steps + 1);
            queue.push_back((next, steps + 1));
        }
    }
    (distance, truncated)
}

/// An actor's neighbourhood as nodes and edges.
#[utoipa::path(get, path = "/api/graph", tag = "graph", params(GraphQuery),
    responses(
        (status = 200, description = "Nodes and edges around the actor", content(
            (GraphDto = "application/json"), (GraphDto = "application/ld+json"))),
        (status = 400, description = "A malformed parameter", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such actor", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn show(
    State(state): State<AppState>,
    headers: HeaderMap,
    Params(query): Params<GraphQuery>,
) -> Result<Response, Problem> {
    let depth = query.depth.unwrap_or(1);
    if !(1..=3).contains(&depth) {
        return Err(Problem::bad_request(format!(
            "depth must be 1, 2 or 3, not {depth}"
        )));
    }
    let from = date_param("from", query.from.as_deref())?;
    let to = date_param("to", query.to.as_deref())?;
    let actor = query.actor;
    let body = blocking(&state, move |store| {
        let centre = actors::find(store, &actor)?;
        // Only actors are nodes: `locatedIn` and the like link places.
        let edges: Vec<Edge> = relations::edges(store, &Scope::All)?
            .into_iter()
            .filter(|edge| queries::RELATION_PREDICATES.contains(&edge.predicate.as_str()))
            .filter(|edge| in_window(edge, from, to))
            .collect();
        let (distance, truncated) = neighbourhood(&centre.iri, &edges, depth);
        let iris: Vec<String> = distance.keys().cloned().collect();
        let names = super::dto::Names::fetch(store, iris.iter())?;
        let classes = queries::classes_of(store, &iris)?;
        let kind = |iri: &str| {
            let classes = classes.get(iri);
            queries::ACTOR_CLASSES
                .iter()
                .find(|class| classes.is_some_and(|c| c.iter().any(|c| c == *class)))
                .map_or("Actor", |class| class)
                .to_owned()
        };
        let mut nodes: Vec<GraphNode> = distance
            .iter()
            .map(|(iri, &depth)| {
                let link = names.link(iri);
                GraphNode {
                    kind: kind(iri),
                    id: link.id,
                    iri: link.iri,
                    name: link.name,
                    depth,
                }
            })
            .collect();
        nodes.sort_by(|a, b| a.depth.cmp(&b.depth).then_with(|| a.name.cmp(&b.name)));
        let mut weights: BTreeMap<(String, String, String, bool), u32> = BTreeMap::new();
        for edge in edges {
            if !distance.contains_key(&edge.subject) || !distance.contains_key(&edge.object) {
                continue;
            }
            // Symmetric relations are one edge whichever way they were stated.
            let (source, target) =
                if queries::is_symmetric(&edge.predicate) && edge.object < edge.subject {
                    (edge.object, edge.subject)
                } else {
                    (edge.subject, edge.object)
                };
            *weights
                .entry((source, target, edge.predicate, edge.derived))
                .or_default() += 1;
        }
        let edges = weights
            .into_iter()
            .map(|((source, target, predicate, derived), weight)| GraphEdge {
                source: queries::local_id(&source),
                target: queries::local_id(&target),
                predicate,
                derived,
                weight,
            })
            .collect();
        Ok(GraphDto {
            nodes,
            edges,
            truncated,
        })
    })
    .await?;
    Ok(respond(&headers, StatusCode::OK, &body))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edge(subject: &str, object: &str) -> Edge {
        Edge {
            subject: subject.into(),
            predicate: "allyOf".into(),
            object: object.into(),
            since: None,
            until: None,
            evidence: None,
            claimed_by: Vec::new(),
            derived: false,
            reference: false,
            article: None,
        }
    }

    #[test]
    fn depth_bounds_the_walk() {
        let edges = [edge("a", "b"), edge("c", "b"), edge("c", "d")];
        let (one, _) = neighbourhood("a", &edges, 1);
        assert_eq!(one.keys().collect::<Vec<_>>(), ["a", "b"]);
        let (three, truncated) = neighbourhood("a", &edges, 3);
        assert_eq!(three["d"], 3);
        assert!(!truncated);
    }

    #[test]
    fn dated_edges_fall_in_or_out_of_the_window() {
        let date = |text: &str| Some(text.parse::<PartialDate>().unwrap());
        let mut dated = edge("a", "b");
        dated.since = Some("2024-07".into());
        dated.until = Some("2024-07".into());
        assert!(in_window(&dated, date("2024"), None));
        assert!(!in_window(&dated, date("2025"), None));
        assert!(!in_window(&dated, None, date("2023-12")));
        // Undated relations (the gazetteer's) are not ruled out by a window.
        assert!(in_window(&edge("a", "b"), date("2025"), date("2026")));
    }
}
