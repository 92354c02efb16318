//! The one error type of the HTTP handlers, and how each becomes a response.

use crate::store::StoreError;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;

/// An error answered to an HTTP client.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// The SPARQL text does not parse: the parser's message.
    #[error("{0}")]
    BadQuery(String),
    /// The request is malformed (missing parameter, body not UTF-8, bad graph IRI).
    #[error("{0}")]
    BadRequest(String),
    /// No format the client accepts fits the results.
    #[error("{0}")]
    NotAcceptable(String),
    /// The request body's media type is not one we read.
    #[error("{0}")]
    UnsupportedMediaType(String),
    /// A write without the right bearer token.
    #[error("{0}")]
    Unauthorized(String),
    /// A write to a server that has no write token (read-only).
    #[error("{0}")]
    Forbidden(String),
    /// No such resource.
    #[error("{0}")]
    NotFound(String),
    /// The request body is larger than the configured limit.
    #[error("{0}")]
    PayloadTooLarge(String),
    /// The query ran longer than the configured timeout.
    #[error("the query timed out")]
    Timeout,
    /// The remote store failed (down, 5xx, no answer in time): logged, answered 503
    /// without details, since the same request may work later.
    #[error("{0}")]
    Unavailable(String),
    /// Anything else: logged, and answered without details.
    #[error("{0}")]
    Internal(String),
}

/// What a client is told when the remote store fails (the details are logged).
pub(crate) const UNAVAILABLE: &str = "the store is unavailable: retry later";

impl From<StoreError> for ApiError {
    fn from(error: StoreError) -> Self {
        match error {
            StoreError::Syntax(error) => ApiError::BadQuery(error.to_string()),
            StoreError::BadGraphIri(_) | StoreError::TooComplex(_) => {
                ApiError::BadRequest(error.to_string())
            }
            StoreError::FormatMismatch { .. } => ApiError::NotAcceptable(error.to_string()),
            StoreError::Cancelled => ApiError::Timeout,
            StoreError::Remote(error) if error.is_rejection() => ApiError::BadRequest(format!(
                "the remote store refused the request: {}",
                error.kind
            )),
            StoreError::Remote(error) => ApiError::Unavailable(error.to_string()),
            other => ApiError::Internal(other.to_string()),
        }
    }
}

impl From<tokio::task::JoinError> for ApiError {
    fn from(error: tokio::task::JoinError) -> Self {
        ApiError::Internal(format!("blocking task failed: {error}"))
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = match &self {
            ApiError::BadQuery(_) | ApiError::BadRequest(_) => StatusCode::BAD_REQUEST,
            ApiError::NotAcceptable(_) => StatusCode::NOT_ACCEPTABLE,
            ApiError::UnsupportedMediaType(_) => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ApiError::Unauthorized(_) => StatusCode::UNAUTHORIZED,
            ApiError::Forbidden(_) => StatusCode::FORBIDDEN,
            ApiError::NotFound(_) => StatusCode::NOT_FOUND,
            ApiError::PayloadTooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            ApiError::Timeout | ApiError::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            ApiError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        };
        if let ApiError::Unavailable(_) = &self {
            tracing::error!(error = %self, "request failed");
            return (status, Json(serde_json::json!({ "error": UNAVAILABLE }))).into_response();
        }
        if status.is_server_error() && !matches!(self, ApiError::Timeout) {
            // Log once here; the client gets no internals.
            tracing::error!(error = %self, "request failed");
            return (
                status,
                Json(serde_json::json!({ "error": "internal error" })),
            )
                .into_response();
        }
        let mut response = (
            status,
            Json(serde_json::json!({ "error": self.to_string() })),
        )
            .into_response();
        if status == StatusCode::UNAUTHORIZED {
            response.headers_mut().insert(
                axum::http::header::WWW_AUTHENTICATE,
                axum::http::HeaderValue::from_static("Bearer"),
            );
        }
        response
    }
}
