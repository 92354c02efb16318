//! Who may write: every write request carries `Authorization: Bearer <token>`,
//! compared in constant time with the configured write token.
//!
//! Both tokens are first reduced to fixed-length digests (name-based UUIDs,
//! SHA-1), then compared with `subtle`: a plain constant-time comparison of
//! slices returns early when the lengths differ, which would tell the length.
//! Tokens are never logged: `ApiConfig`'s `Debug` hides it, and the request
//! traces carry no headers.

use super::{ApiConfig, ApiError};
use axum::http::{header, HeaderMap};
use subtle::ConstantTimeEq;

/// Allows a write request, or says why not: 403 when the server has no write
/// token (read-only), 401 when the token is missing or wrong.
pub fn require_write(config: &ApiConfig, headers: &HeaderMap) -> Result<(), ApiError> {
    let Some(expected) = config.write_token.as_deref() else {
        return Err(ApiError::Forbidden(
            "this server is read-only: start it with --write-token to allow writes".into(),
        ));
    };
    let given = headers
        .get(header::AUTHORIZATION)
        .and_then(|value| value.to_str().ok())
        .and_then(bearer_token)
        .ok_or_else(|| {
            ApiError::Unauthorized("a write needs the header Authorization: Bearer <token>".into())
        })?;
    if bool::from(digest(given).ct_eq(&digest(expected))) {
        Ok(())
    } else {
        Err(ApiError::Unauthorized("the bearer token is wrong".into()))
    }
}

/// A fixed-length digest of a token, so comparing two takes the same time whatever their lengths.
fn digest(token: &str) -> [u8; 16] {
    uuid::Uuid::new_v5(&uuid::Uuid::NAMESPACE_OID, token.as_bytes()).into_bytes()
}

/// The token of an `Authorization: Bearer <token>` value (scheme case-insensitive).
fn bearer_token(value: &str) -> Option<&str> {
    let (scheme, token) = value.trim().split_once(' ')?;
    let token = token.trim();
    (scheme.eq_ignore_ascii_case("bearer") && !token.is_empty()).then_some(token)
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn headers(authorization: Option<&str>) -> HeaderMap {
        let mut headers = HeaderMap::new();
        if let Some(value) = authorization {
            headers.insert(header::AUTHORIZATION, HeaderValue::from_str(value).unwrap());
        }
        headers
    }

    fn config(token: Option<&str>) -> ApiConfig {
        ApiConfig {
            write_token: token.map(str::to_owned),
            ..ApiConfig::default()
        }
    }

    #[test]
    fn without_a_configured_token_writes_are_forbidden() {
        let error = require_write(&config(None), &headers(Some("Bearer x"))).unwrap_err();
        assert!(matches!(error, ApiError::Forbidden(_)));
    }

    #[test]
    fn a_missing_or_wrong_token_is_unauthorized() {
        let config = config(Some("s3cret"));
        for given in [
            None,
            Some("Bearer nope"),
            Some("Basic s3cret"),
            Some("Bearer "),
            Some("Bearer s3cre"),
            Some("Bearer s3cret2"),
            Some("Bearer S3CRET"),
        ] {
            let error = require_write(&config, &headers(given)).unwrap_err();
            assert!(matches!(error, ApiError::Unauthorized(_)), "{given:?}");
        }
    }

    #[test]
    fn the_right_token_is_accepted_whatever_the_scheme_case() {
        let config = config(Some("s3cret"));
        require_write(&config, &headers(Some("Bearer s3cret"))).unwrap();
        require_write(&config, &headers(Some("bearer  s3cret"))).unwrap();
    }
}
