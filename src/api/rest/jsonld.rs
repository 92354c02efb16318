//! JSON-LD on request: the same documents with a schema.org-based `@context`.
//!
//! A client that sends `Accept: application/ld+json` gets the JSON it would have
//! got, plus an inline `@context` (no network fetch needed to expand it): `iri`
//! is the node's `@id`, `type` its `@type` in the actorgraph vocabulary, names,
//! texts and dates map to schema.org, and the rest to `ag:` terms.

use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use serde_json::{json, Value};

/// The media type of JSON-LD.
pub const LD_JSON: &str = "application/ld+json";

/// The `@context` of every JSON-LD answer.
pub fn context_value() -> Value {
    json!({
        "@vocab": "https://w3id.org/actorgraph/ns#",
        "ag": "https://w3id.org/actorgraph/ns#",
        "schema": "https://schema.org/",
        "xsd": "http://www.w3.org/2001/XMLSchema#",
        "iri": "@id",
        "type": "@type",
        "id": "schema:identifier",
        "name": "schema:name",
        "aliases": "schema:alternateName",
        "description": "schema:description",
        "title": "schema:headline",
        "text": "schema:text",
        "lang": "schema:inLanguage",
        "source": "schema:url",
        "wikidata": { "@id": "schema:sameAs", "@type": "@id" },
        "article_iri": { "@id": "schema:isBasedOn", "@type": "@id" },
        "items": { "@id": "schema:itemListElement", "@container": "@list" },
        "next": "schema:nextItem",
        "latitude": "schema:latitude",
        "longitude": "schema:longitude",
        "coordinates": "schema:geo",
        "country": "schema:containedInPlace",
        "part_of": "schema:containedInPlace",
        "place": "schema:location",
        "participants": "schema:participant",
        "first_seen": "schema:startDate",
        "last_seen": "schema:endDate",
        "predicate": { "@id": "ag:relationPredicate", "@type": "@vocab" },
        "role": { "@id": "ag:role", "@type": "@vocab" },
        "claimed_by": "ag:claimedBy",
        "evidence": "ag:evidence",
    })
}

/// `GET /api/context.jsonld`: the context, for clients that want to cache it.
pub async fn context() -> Response {
    let body = json!({ "@context": context_value() });
    (
        [(header::CONTENT_TYPE, HeaderValue::from_static(LD_JSON))],
        body.to_string(),
    )
        .into_response()
}

/// Whether the client asked for JSON-LD.
pub fn wants_jsonld(headers: &HeaderMap) -> bool {
    headers
        .get_all(header::ACCEPT)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .any(|media| {
            let mut parts = media.split(';');
            let is_ld = parts
                .next()
                .is_some_and(|name| name.trim().eq_ignore_ascii_case(LD_JSON));
            // `q=0` means "not this one".
            let refused = parts.any(|param| {
                param
                    .trim()
                    .strip_prefix("q=")
                    .and_then(|q| q.parse::<f32>().ok())
                    .is_some_and(|q| q <= 0.0)
            });
            is_ld && !refused
        })
}

/// Answers `body` as JSON, or as JSON-LD when the client asked for it.
pub fn respond<T: Serialize>(headers: &HeaderMap, status: StatusCode, body: &T) -> Response {
    let Ok(mut value) = serde_json::to_value(body) else {
        return super::problem::Problem::new(StatusCode::INTERNAL_SERVER_ERROR, "internal error")
            .into_response();
    };
    if wants_jsonld(headers) {
        if let Value::Object(map) = &mut value {
            map.insert("@context".to_owned(), context_value());
        }
        let mut response = (status, value.to_string()).into_response();
        response
            .headers_mut()
            .insert(header::CONTENT_TYPE, HeaderValue::from_static(LD_JSON));
        return response;
    }
    (status, axum::Json(value)).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn accept(value: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(header::ACCEPT, HeaderValue::from_str(value).unwrap());
        headers
    }

    #[test]
    fn negotiation() {
        assert!(wants_jsonld(&accept("application/ld+json")));
        assert!(wants_jsonld(&accept(
            "application/json;q=0.5, application/ld+json"
        )));
        assert!(!wants_jsonld(&accept("application/json")));
        assert!(!wants_jsonld(&accept("application/ld+json;q=0")));
        assert!(!wants_jsonld(&HeaderMap::new()));
    }
}
