//! The SPARQL 1.1 endpoints: Protocol (query and update), Graph Store, Service Description.
//!
//! * `/sparql`: queries by `GET` and `POST`, updates by `POST`; `GET` without an
//!   operation answers the service description.
//! * `/query`: queries only. `/update`: updates only (`POST`).
//! * `/store`, `/store/{*path}`: the Graph Store HTTP Protocol.
//!
//! Errors are `text/plain` ([`SparqlError`]). Every write needs the bearer token.
//!
//! # Layout
//! * `query`, `update`: the two protocol operations.
//! * `graph_store`: `/store`.
//! * `service_description`: what `GET /sparql` says of the service.
//! * `negotiation`: `Accept` and `Content-Type`.
//! * `stream`: blocking work with a slot, a timeout, cancellation and streamed output.
//! * `error`: [`SparqlError`].

mod error;
mod graph_store;
mod negotiation;
mod query;
mod service_description;
mod stream;
mod update;

pub use error::SparqlError;

use super::AppState;
use crate::store::GraphSelection;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{header, HeaderMap, Uri};
use axum::response::Response;
use axum::routing::{get, post};
use axum::Router;

/// Which operations an endpoint runs.
#[derive(Debug, Clone, Copy)]
struct Operations {
    query: bool,
    update: bool,
}

const SPARQL: Operations = Operations {
    query: true,
    update: true,
};
const QUERY: Operations = Operations {
    query: true,
    update: false,
};
const UPDATE: Operations = Operations {
    query: false,
    update: true,
};

/// The SPARQL routes, to merge into the application's router.
pub(super) fn routes() -> Router<AppState> {
    let graph_store = get(graph_store::get)
        .head(graph_store::head)
        .put(graph_store::put)
        .post(graph_store::post)
        .delete(graph_store::delete);
    Router::new()
        .route("/sparql", get(sparql_get).post(sparql_post))
        .route("/query", get(query_get).post(query_post))
        .route("/update", post(update_post))
        .route(graph_store::PATH, graph_store.clone())
        .route(&format!("{}/{{*path}}", graph_store::PATH), graph_store)
}

/// The protocol parameters, from the URL and a form body.
#[derive(Debug, Default)]
struct Params {
    query: Vec<String>,
    update: Vec<String>,
    default_graphs: Vec<String>,
    named_graphs: Vec<String>,
    using_graphs: Vec<String>,
    using_named_graphs: Vec<String>,
}

impl Params {
    fn add(&mut self, urlencoded: &str) -> Result<(), SparqlError> {
        let pairs: Vec<(String, String)> = serde_urlencoded::from_str(urlencoded)
            .map_err(|error| SparqlError::bad_request(format!("invalid parameters: {error}")))?;
        for (name, value) in pairs {
            match name.as_str() {
                "query" => self.query.push(value),
                "update" => self.update.push(value),
                "default-graph-uri" => self.default_graphs.push(value),
                "named-graph-uri" => self.named_graphs.push(value),
                "using-graph-uri" => self.using_graphs.push(value),
                "using-named-graph-uri" => self.using_named_graphs.push(value),
                _ => {} // other parameters are not ours to refuse
            }
        }
        Ok(())
    }

    fn from_url(uri: &Uri) -> Result<Self, SparqlError> {
        let mut params = Self::default();
        params.add(uri.query().unwrap_or(""))?;
        Ok(params)
    }

    fn query_graphs(&self) -> GraphSelection {
        GraphSelection {
            default_graphs: self.default_graphs.clone(),
            named_graphs: self.named_graphs.clone(),
        }
    }

    fn using_graphs(&self) -> GraphSelection {
        GraphSelection {
            default_graphs: self.using_graphs.clone(),
            named_graphs: self.using_named_graphs.clone(),
        }
    }
}

/// The one value of a parameter that must be given once.
fn single(values: &[String], name: &str) -> Result<String, SparqlError> {
    match values {
        [value] => Ok(value.clone()),
        [] => Err(SparqlError::bad_request(format!(
            "missing {name} parameter"
        ))),
        _ => Err(SparqlError::bad_request(format!(
            "the {name} parameter is given {} times: give it once",
            values.len()
        ))),
    }
}

/// `http://<host>`, from the `Host` header: the base of the endpoint and graph IRIs.
fn base_url(headers: &HeaderMap) -> String {
    let host = headers
        .get(header::HOST)
        .and_then(|value| value.to_str().ok())
        .unwrap_or("localhost");
    format!("http://{host}")
}

async fn sparql_get(
    State(state): State<AppState>,
    uri: Uri,
    headers: HeaderMap,
) -> Result<Response, SparqlError> {
    handle_get(state, uri, headers, SPARQL).await
}

async fn sparql_post(
    State(state): State<AppState>,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, SparqlError> {
    handle_post(state, uri, headers, body, SPARQL).await
}

async fn query_get(
    State(state): State<AppState>,
    uri: Uri,
    headers: HeaderMap,
) -> Result<Response, SparqlError> {
    handle_get(state, uri, headers, QUERY).await
}

async fn query_post(
    State(state): State<AppState>,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, SparqlError> {
    handle_post(state, uri, headers, body, QUERY).await
}

async fn update_post(
    State(state): State<AppState>,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, SparqlError> {
    handle_post(state, uri, headers, body, UPDATE).await
}

/// `GET`: a query (`?query=`), or the service description when there is no operation.
async fn handle_get(
    state: AppState,
    uri: Uri,
    headers: HeaderMap,
    operations: Operations,
) -> Result<Response, SparqlError> {
    let params = Params::from_url(&uri)?;
    let endpoint_iri = format!("{}{}", base_url(&headers), uri.path());
    if !params.update.is_empty() {
        return Err(SparqlError::bad_request(
            "an update must be sent with POST, not GET",
        ));
    }
    if params.query.is_empty() {
        return service_description::respond(&headers, &endpoint_iri, operations);
    }
    let query = single(&params.query, "query")?;
    query::run(
        state,
        &query,
        params.query_graphs(),
        &endpoint_iri,
        &headers,
    )
    .await
}

/// `POST`: a query or an update, directly (`application/sparql-query`,
/// `application/sparql-update`) or as a form (`application/x-www-form-urlencoded`).
async fn handle_post(
    state: AppState,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
    operations: Operations,
) -> Result<Response, SparqlError> {
    let endpoint_iri = format!("{}{}", base_url(&headers), uri.path());
    let media_type = negotiation::request_media_type(&headers)?.unwrap_or_default();
    let mut params = Params::from_url(&uri)?;
    let direct_body = || {
        String::from_utf8(body.to_vec())
            .map_err(|_| SparqlError::bad_request("the request body is not utf-8"))
    };
    match media_type.as_str() {
        "application/sparql-query" if operations.query => {
            if !params.query.is_empty() {
                return Err(SparqlError::bad_request(
                    "the query is in the body: the URL cannot have a query parameter too",
                ));
            }
            let query = direct_body()?;
            query::run(
                state,
                &query,
                params.query_graphs(),
                &endpoint_iri,
                &headers,
            )
            .await
        }
        "application/sparql-update" if operations.update => {
            if !params.update.is_empty() {
                return Err(SparqlError::bad_request(
                    "the update is in the body: the URL cannot have an update parameter too",
                ));
            }
            let update = direct_body()?;
            update::run(
                state,
                &update,
                params.using_graphs(),
                &endpoint_iri,
                &headers,
            )
            .await
        }
        "application/x-www-form-urlencoded" => {
            params.add(&direct_body()?)?;
            match (params.query.is_empty(), params.update.is_empty()) {
                (false, false) => Err(SparqlError::bad_request(
                    "a request carries a query or an update, not both",
                )),
                (false, true) if operations.query => {
                    let query = single(&params.query, "query")?;
                    query::run(
                        state,
                        &query,
                        params.query_graphs(),
                        &endpoint_iri,
                        &headers,
                    )
                    .await
                }
                (true, false) if operations.update => {
                    let update = single(&params.update, "update")?;
                    update::run(
                        state,
                        &update,
                        params.using_graphs(),
                        &endpoint_iri,
                        &headers,
                    )
                    .await
                }
                _ => Err(SparqlError::bad_request(missing_operation(operations))),
            }
        }
        other => Err(SparqlError::unsupported_media_type(format!(
            "unsupported content type {other:?}: send {}",
            accepted_media_types(operations)
        ))),
    }
}

fn missing_operation(operations: Operations) -> &'static str {
    match (operations.query, operations.update) {
        (true, true) => "missing query or update parameter",
        (true, false) => "missing query parameter (updates go to /update or /sparql)",
        _ => "missing update parameter (queries go to /query or /sparql)",
    }
}

fn accepted_media_types(operations: Operations) -> &'static str {
    match (operations.query, operations.update) {
        (true, true) => "application/sparql-query, application/sparql-update or application/x-www-form-urlencoded",
        (true, false) => "application/sparql-query or application/x-www-form-urlencoded",
        _ => "application/sparql-update or application/x-www-form-urlencoded",
    }
}
