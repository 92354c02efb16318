//! The HTTP API: SPARQL endpoints and a health check. The only code that knows HTTP.
//!
//! # Layout
//! * `sparql`: `/sparql`, `/query`, `/update` (SPARQL 1.1 Protocol, query and update),
//!   `/store` (Graph Store HTTP Protocol), the service description; text/plain errors.
//! * `health`: `GET /health`.
//! * `facts`: the JSON shape of extracted facts (also printed by `extract --json`).
//! * `auth`: the bearer token every write needs.
//! * `error`: [`ApiError`], the one error type of the handlers.
//! * `rest`: the REST API under `/api` (actors, relations, events, places, articles, OpenAPI).
//! * `web`: the browser UI (`web/dist`, embedded at build time), the fallback of every other path.

pub mod auth;
mod error;
pub mod facts;
mod health;
pub mod rest;
mod sparql;
pub mod web;

pub use error::ApiError;
pub use sparql::SparqlError;

use crate::ontology::Knowledge;
use crate::store::KgStore;
use axum::extract::DefaultBodyLimit;
use axum::routing::get;
use axum::Router;
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;
use tower_http::cors::{Any, CorsLayer};
use tower_http::trace::TraceLayer;

/// Settings of the HTTP layer.
#[derive(Clone, PartialEq, Eq)]
pub struct ApiConfig {
    /// How long a query may run before it is cancelled.
    pub query_timeout: Duration,
    /// The bearer token writes need; `None` makes the server read-only.
    pub write_token: Option<String>,
    /// The largest request body accepted, in bytes (413 beyond).
    pub max_body: usize,
    /// Whether browsers on other origins may call the API (CORS).
    pub cors: bool,
    /// How many SPARQL operations (queries, updates, graph store requests) may run at
    /// once; beyond, requests are refused with 503 and `Retry-After`.
    pub max_operations: usize,
}

impl Default for ApiConfig {
    fn default() -> Self {
        Self {
            query_timeout: Duration::from_secs(30),
            write_token: None,
            max_body: 16 * 1024 * 1024,
            cors: false,
            max_operations: 16,
        }
    }
}

impl std::fmt::Debug for ApiConfig {
    // The token is a secret: never printed.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ApiConfig")
            .field("query_timeout", &self.query_timeout)
            .field("write_token", &self.write_token.as_ref().map(|_| "<set>"))
            .field("max_body", &self.max_body)
            .field("cors", &self.cors)
            .field("max_operations", &self.max_operations)
            .finish()
    }
}

/// What every handler can reach.
#[derive(Clone)]
pub struct AppState {
    /// The knowledge graph.
    pub store: KgStore,
    /// The gazetteer and lexicon, to extract facts from posted articles.
    pub knowledge: Arc<Knowledge>,
    /// The settings.
    pub config: Arc<ApiConfig>,
    /// One permit per SPARQL operation allowed to run at once (`max_operations`):
    /// oxigraph only checks for cancellation as it reads, so timeouts alone cannot bound the load.
    pub operation_slots: Arc<tokio::sync::Semaphore>,
    /// Actors with their names folded, for `/api/actors?q=`.
    pub(crate) actor_search: Arc<rest::search::GenerationCache<rest::search::SearchIndex>>,
    /// Places with their names folded and their types, for `/api/places?q=`.
    pub(crate) place_search: Arc<rest::search::GenerationCache<rest::search::PlaceView>>,
    /// Actors' relations pages as sent, kept until the next write, for `/api/actors/{id}/relations`.
    pub(crate) relation_pages: Arc<rest::memo::GenerationMemo<rest::Rendered>>,
    /// Every relation of an actor, kept until the next write: the pages above are cut from them.
    pub(crate) relation_lists: Arc<rest::memo::GenerationMemo<rest::relations::ActorRelations>>,
}

impl AppState {
    /// A state over `store`, reading posted articles with `knowledge`, with `config`.
    pub fn new(store: KgStore, knowledge: Arc<Knowledge>, config: ApiConfig) -> Self {
        Self {
            store,
            operation_slots: Arc::new(tokio::sync::Semaphore::new(config.max_operations.max(1))),
            knowledge,
            config: Arc::new(config),
            actor_search: Arc::default(),
            place_search: Arc::default(),
            relation_pages: Arc::new(rest::memo::GenerationMemo::new(rest::RELATION_PAGES_BUDGET)),
            relation_lists: Arc::new(rest::memo::GenerationMemo::new(rest::RELATION_LISTS_BUDGET)),
        }
    }
}

/// The application: every route, with the body limit, CORS when asked, and tracing.
pub fn router(state: AppState) -> Router {
    let config = state.config.clone();
    let mut router = Router::new()
        .merge(sparql::routes())
        .route("/health", get(health::get))
        .merge(rest::router())
        .fallback(web::serve)
        .layer(DefaultBodyLimit::max(config.max_body));
    if config.cors {
        router = router.layer(
            CorsLayer::new()
                .allow_origin(Any)
                .allow_methods(Any)
                .allow_headers(Any)
                .expose_headers(Any),
        );
    }
    router.layer(TraceLayer::new_for_http()).with_state(state)
}

/// Serves the application on `listener` until `shutdown` resolves, then lets
/// running requests finish.
pub async fn serve(
    listener: tokio::net::TcpListener,
    state: AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    // Without TCP_NODELAY, a response written in two parts (headers, then a streamed
    // body) waits for the client's delayed ACK (about 40 ms) before its second part.
    let listener = axum::serve::ListenerExt::tap_io(listener, |stream| {
        if let Err(error) = stream.set_nodelay(true) {
            tracing::debug!(%error, "cannot set TCP_NODELAY");
        }
    });
    axum::serve(listener, router(state))
        .with_graceful_shutdown(shutdown)
        .await
}
