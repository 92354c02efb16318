//! `GET /health`: whether the store answers, and how much it holds.

use super::{ApiError, AppState};
use axum::extract::State;
use axum::Json;
use serde::Serialize;

/// The health report.
#[derive(Debug, Serialize)]
pub(super) struct Health {
    status: &'static str,
    articles: usize,
    quads: usize,
}

/// Counts articles and quads (on the blocking pool: RocksDB is synchronous).
pub(super) async fn get(State(state): State<AppState>) -> Result<Json<Health>, ApiError> {
    let store = state.store.clone();
    let (articles, quads) = tokio::task::spawn_blocking(move || {
        Ok::<_, crate::store::StoreError>((store.article_count()?, store.len()?))
    })
    .await??;
    Ok(Json(Health {
        status: "ok",
        articles,
        quads,
    }))
}
