//! The REST API under `/api`: actors, their relations, events, places, articles,
//! an actor's neighbourhood as a graph, and the OpenAPI document that describes it all.
//!
//! # Layout
//! * `actors`, `events`, `places`, `articles`, `graph`: one module per resource,
//!   with its handlers and DTOs.
//! * `relations`: relations stated in articles or the gazetteer, and those derived
//!   from events (sides of a battle), merged per actor.
//! * `queries`: the read model, plain SPARQL over the store, run on the blocking pool.
//! * `search`: case- and accent-insensitive ranking of names.
//! * `memo`: answers kept by key until the store's next write (an actor's relations).
//! * `dto`: DTOs shared by several resources; `jsonld`: the JSON-LD context and negotiation.
//! * `openapi`: the OpenAPI 3.1 document (generated from the handlers' annotations) and a docs page.
//! * `problem`: RFC 9457 problem details, the only error shape under `/api`.
//!
//! Ids in paths are the local part of our IRIs (`fama` for `…/actor/fama`).

mod actors;
mod articles;
mod dto;
mod events;
mod graph;
mod jsonld;
pub(crate) mod memo;
mod openapi;
mod places;
pub mod problem;
pub(crate) mod queries;
pub(crate) mod relations;
pub(crate) mod search;

use super::AppState;
use crate::date::PartialDate;
use crate::store::KgStore;
use axum::extract::rejection::QueryRejection;
use axum::extract::{FromRequestParts, Query};
use axum::http::request::Parts;
use axum::routing::{any, get};
use axum::Router;
use problem::Problem;
use serde::de::DeserializeOwned;
use std::sync::Arc;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// A response body kept as sent: its media type and bytes.
#[derive(Debug)]
pub(crate) struct Rendered {
    content_type: Option<axum::http::HeaderValue>,
    body: axum::body::Bytes,
}

impl Rendered {
    /// Reads the body of `response` (a complete one, made by `jsonld::respond`).
    async fn from_response(response: axum::response::Response) -> Result<Self, Problem> {
        let (parts, body) = response.into_parts();
        let body = axum::body::to_bytes(body, usize::MAX).await.map_err(|_| {
            Problem::new(
                axum::http::StatusCode::INTERNAL_SERVER_ERROR,
                "internal error",
            )
        })?;
        Ok(Self {
            content_type: parts.headers.get(axum::http::header::CONTENT_TYPE).cloned(),
            body,
        })
    }

    /// A 200 response with this body.
    fn to_response(&self) -> axum::response::Response {
        use axum::response::IntoResponse;
        let mut response = self.body.clone().into_response();
        if let Some(content_type) = &self.content_type {
            response
                .headers_mut()
                .insert(axum::http::header::CONTENT_TYPE, content_type.clone());
        }
        response
    }
}

/// How much the relations pages memo holds: bytes of rendered pages in all.
pub(crate) const RELATION_PAGES_BUDGET: usize = 64 << 20;
/// How much the memo of actors' whole relation lists holds, in bytes (about).
pub(crate) const RELATION_LISTS_BUDGET: usize = 256 << 20;

/// The `/api` routes, the OpenAPI document among them.
pub fn router() -> Router<AppState> {
    let (router, openapi) = OpenApiRouter::with_openapi(openapi::base())
        .routes(routes!(actors::list))
        .routes(routes!(actors::show))
        .routes(routes!(actors::relations))
        .routes(routes!(actors::events))
        .routes(routes!(events::list))
        .routes(routes!(events::show))
        .routes(routes!(places::list))
        .routes(routes!(places::show))
        .routes(routes!(articles::list, articles::create))
        .routes(routes!(articles::show, articles::delete))
        .routes(routes!(articles::extract))
        .routes(routes!(graph::show))
        .split_for_parts();
    let docs = Arc::new(openapi::docs_page(&openapi));
    let spec: Arc<str> = openapi.to_json().unwrap_or_default().into();
    router
        .route(
            "/api/openapi.json",
            get(move || {
                let json = [(axum::http::header::CONTENT_TYPE, "application/json")];
                std::future::ready((json, spec.to_string()))
            }),
        )
        .route(
            "/api/docs",
            get(move || std::future::ready(axum::response::Html(docs.to_string()))),
        )
        .route("/api/context.jsonld", get(jsonld::context))
        .route(
            "/api",
            get(|| std::future::ready(axum::response::Redirect::permanent("/api/docs"))),
        )
        .method_not_allowed_fallback(method_not_allowed)
        .route("/api/{*rest}", any(problem::no_route))
}

async fn method_not_allowed(method: axum::http::Method) -> Problem {
    Problem::new(
        axum::http::StatusCode::METHOD_NOT_ALLOWED,
        format!("{method} is not allowed here"),
    )
}

/// Runs `work` on the blocking pool with a handle on the store: RocksDB and oxigraph's
/// evaluator are synchronous, and a slow query must not hold up other requests.
///
/// The work takes one of the operation slots the SPARQL routes share (503 with
/// `Retry-After` when none is free), and keeps it until it is done, so that
/// runaway requests cannot pile up on the blocking pool. After the query timeout
/// the client gets a 503 and the slot is freed when the work ends.
async fn blocking<T: Send + 'static>(
    state: &AppState,
    work: impl FnOnce(&KgStore) -> Result<T, Problem> + Send + 'static,
) -> Result<T, Problem> {
    let permit = state
        .operation_slots
        .clone()
        .try_acquire_owned()
        .map_err(|_| {
            Problem::new(
                axum::http::StatusCode::SERVICE_UNAVAILABLE,
                "the server is running as many operations as it may: retry shortly",
            )
        })?;
    let store = state.store.clone();
    let job = tokio::task::spawn_blocking(move || {
        let _permit = permit;
        work(&store)
    });
    match tokio::time::timeout(state.config.query_timeout, job).await {
        Ok(joined) => joined?,
        Err(_) => Err(Problem::from(super::ApiError::Timeout)),
    }
}

/// Query parameters whose rejection is a problem+json 400 rather than axum's plain text.
struct Params<T>(T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequestParts<S> for Params<T> {
    type Rejection = Problem;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Problem> {
        let Query(params) = Query::<T>::from_request_parts(parts, state)
            .await
            .map_err(|rejection: QueryRejection| Problem::from(rejection))?;
        Ok(Params(params))
    }
}

/// The largest page.
pub const MAX_LIMIT: u32 = 500;
const DEFAULT_LIMIT: u32 = 50;

/// A page request: `limit` (1 to [`MAX_LIMIT`]) and the opaque `cursor` of the previous page.
struct Page {
    offset: usize,
    limit: usize,
}

impl Page {
    fn new(limit: Option<u32>, cursor: Option<&str>) -> Result<Self, Problem> {
        let limit = limit.unwrap_or(DEFAULT_LIMIT);
        if !(1..=MAX_LIMIT).contains(&limit) {
            return Err(Problem::bad_request(format!(
                "limit must be between 1 and {MAX_LIMIT}, not {limit}"
            )));
        }
        let offset = match cursor {
            None => 0,
            Some(cursor) => cursor
                .strip_prefix('o')
                .and_then(|offset| offset.parse().ok())
                .ok_or_else(|| {
                    Problem::bad_request(format!(
                        "invalid cursor {cursor:?}: pass the `next` value of the previous page"
                    ))
                })?,
        };
        Ok(Self {
            offset,
            limit: limit as usize,
        })
    }

    /// This page of `items`, and the cursor of the next one when there is more.
    fn slice<T>(&self, items: Vec<T>) -> (Vec<T>, Option<String>) {
        let total = items.len();
        let end = self.offset.saturating_add(self.limit);
        let page: Vec<T> = items
            .into_iter()
            .skip(self.offset)
            .take(self.limit)
            .collect();
        let next = (end < total).then(|| format!("o{end}"));
        (page, next)
    }
}

/// Reads a date parameter (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`).
fn date_param(name: &str, value: Option<&str>) -> Result<Option<PartialDate>, Problem> {
    value
        .map(|value| {
            // The date parser forgives surrounding spaces; a parameter must be exact.
            let exact = value.trim() == value;
            exact.then(|| value.parse().ok()).flatten().ok_or_else(|| {
                Problem::bad_request(format!(
                    "{name} must be a date as YYYY, YYYY-MM or YYYY-MM-DD, not {value:?}"
                ))
            })
        })
        .transpose()
}

/// The first and last day (day numbers) a date may stand for.
fn day_range(date: PartialDate) -> (i64, i64) {
    let first = date.first_day_number();
    let last = match (date.month, date.day) {
        (Some(_), Some(_)) => first,
        (Some(month), None) => first + i64::from(crate::date::days_in_month(date.year, month)) - 1,
        _ => PartialDate::day(date.year, 12, 31).map_or(first, |d| d.first_day_number()),
    };
    (first, last)
}

/// Whether a span `[start, end]` of dates as written in the store (either end may be
/// unknown, then unbounded) meets the window `[from, to]`.
fn overlaps(
    start: Option<&str>,
    end: Option<&str>,
    from: Option<PartialDate>,
    to: Option<PartialDate>,
) -> bool {
    let parse = |text: Option<&str>| text.and_then(|text| text.parse::<PartialDate>().ok());
    let start = parse(start).map(|date| day_range(date).0);
    let end = parse(end).map(|date| day_range(date).1);
    let from = from.map(|date| day_range(date).0);
    let to = to.map(|date| day_range(date).1);
    let after_from = match (end, from) {
        (Some(end), Some(from)) => end >= from,
        _ => true,
    };
    let before_to = match (start, to) {
        (Some(start), Some(to)) => start <= to,
        _ => true,
    };
    after_from && before_to
}

/// Checks an id taken from a request: 404 when it cannot name anything of ours.
fn checked_id(kind: &str, id: &str) -> Result<String, Problem> {
    if queries::valid_id(id) {
        Ok(id.to_owned())
    } else {
        Err(Problem::not_found(format!("no {kind} with id {id:?}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_and_cursors() {
        let page = Page::new(Some(2), None).unwrap();
        assert_eq!(page.slice(vec![1, 2, 3]), (vec![1, 2], Some("o2".into())));
        let page = Page::new(Some(2), Some("o2")).unwrap();
        assert_eq!(page.slice(vec![1, 2, 3]), (vec![3], None));
        let page = Page::new(Some(2), Some("o9")).unwrap();
        assert_eq!(page.slice(vec![1, 2, 3]), (vec![], None));
        assert!(Page::new(Some(0), None).is_err());
        assert!(Page::new(Some(MAX_LIMIT + 1), None).is_err());
        assert!(Page::new(None, Some("x")).is_err());
    }

    #[test]
    fn date_windows() {
        let date = |text: &str| Some(text.parse::<PartialDate>().unwrap());
        assert!(overlaps(Some("2024-07"), None, date("2024-07-15"), None));
        assert!(overlaps(
            Some("2024"),
            Some("2024"),
            None,
            date("2024-01-01")
        ));
        assert!(!overlaps(
            Some("2024-07"),
            Some("2024-07"),
            date("2024-08"),
            None
        ));
        assert!(!overlaps(Some("2024-07"), None, None, date("2023")));
        assert!(overlaps(None, None, date("2020"), date("2021")));
    }
}
