//! [`SparqlError`]: how the SPARQL routes answer errors — plain text, as SPARQL
//! clients expect, with the parser's message and position for syntax errors.

use crate::api::ApiError;
use crate::store::StoreError;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

/// An error answered by a SPARQL route, as `text/plain`.
#[derive(Debug)]
pub struct SparqlError {
    status: StatusCode,
    message: String,
    /// Seconds after which a refused client may try again (`Retry-After`).
    retry_after: Option<u32>,
}

impl SparqlError {
    /// An error with this status and message.
    pub(super) fn new(status: StatusCode, message: impl Into<String>) -> Self {
        Self {
            status,
            message: message.into(),
            retry_after: None,
        }
    }

    /// 400: the request is malformed.
    pub(super) fn bad_request(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, message)
    }

    /// 415: the body's media type is not one we read.
    pub(super) fn unsupported_media_type(message: impl Into<String>) -> Self {
        Self::new(StatusCode::UNSUPPORTED_MEDIA_TYPE, message)
    }

    /// 503 with `Retry-After`: every operation slot is taken.
    pub(super) fn busy() -> Self {
        Self {
            retry_after: Some(1),
            ..Self::new(
                StatusCode::SERVICE_UNAVAILABLE,
                "the server is running as many operations as it may: retry shortly",
            )
        }
    }

    /// The status answered.
    pub fn status(&self) -> StatusCode {
        self.status
    }
}

impl std::fmt::Display for SparqlError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl From<StoreError> for SparqlError {
    fn from(error: StoreError) -> Self {
        let status = match &error {
            StoreError::Syntax(_)
            | StoreError::TooComplex(_)
            | StoreError::BadGraphIri(_)
            | StoreError::DatasetConflict
            | StoreError::Refused(_)
            | StoreError::BadData(_) => StatusCode::BAD_REQUEST,
            // The remote refused the operation itself (its parser, its limits): the client's to fix.
            // Neither message names the remote: its address is none of the client's business.
            StoreError::Remote(remote) if remote.is_rejection() => {
                return Self::new(
                    StatusCode::BAD_REQUEST,
                    format!("the remote store refused the operation: {}", remote.kind),
                )
            }
            StoreError::Remote(remote) => {
                tracing::error!(error = %remote, "remote store failed");
                return Self::new(
                    StatusCode::SERVICE_UNAVAILABLE,
                    crate::api::error::UNAVAILABLE,
                );
            }
            StoreError::NotADatasetFormat(_) => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            StoreError::FormatMismatch { .. } => StatusCode::NOT_ACCEPTABLE,
            StoreError::Cancelled => {
                return Self::new(
                    StatusCode::SERVICE_UNAVAILABLE,
                    "the operation was cancelled: it ran longer than the server allows",
                )
            }
            _ => StatusCode::INTERNAL_SERVER_ERROR,
        };
        Self::new(status, error.to_string())
    }
}

impl From<ApiError> for SparqlError {
    fn from(error: ApiError) -> Self {
        let status = match &error {
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
        Self::new(status, error.to_string())
    }
}

impl From<tokio::task::JoinError> for SparqlError {
    fn from(error: tokio::task::JoinError) -> Self {
        Self::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            format!("blocking task failed: {error}"),
        )
    }
}

impl IntoResponse for SparqlError {
    fn into_response(self) -> Response {
        let message =
            if self.status.is_server_error() && self.status != StatusCode::SERVICE_UNAVAILABLE {
                // Log once here; the client gets no internals.
                tracing::error!(error = %self.message, "sparql request failed");
                "internal error".to_owned()
            } else {
                self.message
            };
        let mut response = (
            self.status,
            [(
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/plain; charset=utf-8"),
            )],
            format!("{message}\n"),
        )
            .into_response();
        let headers = response.headers_mut();
        if self.status == StatusCode::UNAUTHORIZED {
            headers.insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        }
        if let Some(seconds) = self.retry_after {
            headers.insert(header::RETRY_AFTER, HeaderValue::from(seconds));
        }
        response
    }
}
