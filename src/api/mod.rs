//! The HTTP API: a SPARQL endpoint and a health check. The only code that knows HTTP.
//!
//! # Layout
//! * `sparql`: `GET`/`POST /sparql` (SPARQL 1.1 Protocol, query operation).
//! * `health`: `GET /health`.
//! * `facts`: the JSON shape of extracted facts (also printed by `extract --json`).
//! * `error`: [`ApiError`], the one error type of the handlers.

mod error;
pub mod facts;
mod health;
mod sparql;

pub use error::ApiError;

use crate::store::KgStore;
use axum::routing::get;
use axum::Router;
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;
use tower_http::trace::TraceLayer;

/// Settings of the HTTP layer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiConfig {
    /// How long a query may run before it is cancelled.
    pub query_timeout: Duration,
}

impl Default for ApiConfig {
    fn default() -> Self {
        Self {
            query_timeout: Duration::from_secs(30),
        }
    }
}

/// What every handler can reach.
#[derive(Clone)]
pub struct AppState {
    /// The knowledge graph.
    pub store: KgStore,
    /// The settings.
    pub config: Arc<ApiConfig>,
}

impl AppState {
    /// A state over `store` with `config`.
    pub fn new(store: KgStore, config: ApiConfig) -> Self {
        Self {
            store,
            config: Arc::new(config),
        }
    }
}

/// The application: every route, with tracing.
pub fn router(state: AppState) -> Router {
    Router::new()
        .route("/sparql", get(sparql::get).post(sparql::post))
        .route("/health", get(health::get))
        .layer(TraceLayer::new_for_http())
        .with_state(state)
}

/// Serves the application on `listener` until `shutdown` resolves, then lets
/// running requests finish.
pub async fn serve(
    listener: tokio::net::TcpListener,
    state: AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(listener, router(state))
        .with_graceful_shutdown(shutdown)
        .await
}
