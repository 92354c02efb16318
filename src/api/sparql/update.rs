//! The update operation: check the bearer token, parse, run in one transaction.

use super::stream::Operation;
use super::SparqlError;
use crate::api::{auth, AppState};
use crate::store::{GraphSelection, SparqlUpdate};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};

/// Runs an update: 401/403 without the right token, 400 if it does not parse,
/// 204 once committed. A failed update leaves the store as it was.
pub(super) async fn run(
    state: AppState,
    update_text: &str,
    graphs: GraphSelection,
    base_iri: &str,
    headers: &HeaderMap,
) -> Result<Response, SparqlError> {
    auth::require_write(&state.config, headers)?;
    let update = SparqlUpdate::parse(update_text, Some(base_iri))?;
    tracing::debug!(?graphs, "sparql update");
    let store = state.store.clone();
    Operation::start(&state)?
        .run(move |cancellation| store.update(update, &graphs, Some(cancellation)))
        .await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}
