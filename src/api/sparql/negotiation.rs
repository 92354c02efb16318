//! Content negotiation (`Accept` with q-values) and request media types (`Content-Type`).

use super::SparqlError;
use crate::store::QueryResultsFormat;
use axum::http::{header, HeaderMap, StatusCode};
use oxigraph::io::{JsonLdProfileSet, RdfFormat};

/// JSON-LD, without a profile.
const JSON_LD: RdfFormat = RdfFormat::JsonLd {
    profile: JsonLdProfileSet::empty(),
};

/// The formats of SELECT and ASK results, by media type; the first is the default.
pub(super) const SOLUTION_FORMATS: &[(&str, QueryResultsFormat)] = &[
    ("application/sparql-results+json", QueryResultsFormat::Json),
    ("application/json", QueryResultsFormat::Json),
    ("application/sparql-results+xml", QueryResultsFormat::Xml),
    ("application/xml", QueryResultsFormat::Xml),
    ("text/xml", QueryResultsFormat::Xml),
    ("text/csv", QueryResultsFormat::Csv),
    ("text/tab-separated-values", QueryResultsFormat::Tsv),
];

/// The formats of graphs (CONSTRUCT, DESCRIBE, a Graph Store graph, the service
/// description), by media type; the first is the default.
pub(super) const GRAPH_FORMATS: &[(&str, RdfFormat)] = &[
    ("text/turtle", RdfFormat::Turtle),
    ("application/x-turtle", RdfFormat::Turtle),
    ("application/n-triples", RdfFormat::NTriples),
    ("application/rdf+xml", RdfFormat::RdfXml),
    ("application/ld+json", JSON_LD),
    ("application/trig", RdfFormat::TriG),
    ("application/n-quads", RdfFormat::NQuads),
];

/// The formats of a whole dataset (Graph Store `GET` without a graph); the first is the default.
pub(super) const DATASET_FORMATS: &[(&str, RdfFormat)] = &[
    ("application/n-quads", RdfFormat::NQuads),
    ("application/trig", RdfFormat::TriG),
    ("application/ld+json", JSON_LD),
];

/// One media range of an `Accept` header.
struct MediaRange {
    /// `type/subtype`, `type/*` or `*/*`, lowercase.
    media: String,
    quality: f32,
}

impl MediaRange {
    /// How specifically this range matches `media_type`: 3 exactly, 2 by type, 1 by `*/*`.
    fn specificity(&self, media_type: &str) -> Option<u8> {
        if self.media == media_type {
            Some(3)
        } else if self.media == "*/*" {
            Some(1)
        } else {
            let kind = self.media.strip_suffix("/*")?;
            (media_type.split('/').next() == Some(kind)).then_some(2)
        }
    }
}

fn accept_ranges(headers: &HeaderMap) -> Vec<MediaRange> {
    headers
        .get_all(header::ACCEPT)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .filter_map(|range| {
            let mut parts = range.split(';');
            let media = parts.next()?.trim().to_ascii_lowercase();
            let quality = parts
                .filter_map(|param| param.trim().strip_prefix("q="))
                .find_map(|q| q.trim().parse::<f32>().ok())
                .unwrap_or(1.0);
            (!media.is_empty()).then_some(MediaRange { media, quality })
        })
        .collect()
}

/// Picks from `offers` (media type, format; the first is the default) by the `Accept` header.
///
/// Each offer gets the quality of the most specific range that matches it
/// (`text/csv` over `text/*` over `*/*`), so `*/*, text/csv;q=0` excludes CSV.
/// The highest quality wins; ties go to the more specific range, then to the
/// range the client wrote first, then to our order. No header means the default.
pub(super) fn negotiate<F: Copy>(
    headers: &HeaderMap,
    offers: &[(&'static str, F)],
) -> Result<(&'static str, F), SparqlError> {
    let ranges = accept_ranges(headers);
    if ranges.is_empty() {
        return Ok(offers[0]);
    }
    let mut best: Option<(f32, u8, usize, usize)> = None; // quality, specificity, range, offer
    for (offer_index, (media_type, _)) in offers.iter().enumerate() {
        let matched = ranges
            .iter()
            .enumerate()
            .filter_map(|(range_index, range)| {
                Some((range.specificity(media_type)?, range_index, range.quality))
            })
            .max_by_key(|(specificity, range_index, _)| (*specificity, usize::MAX - range_index));
        let Some((specificity, range_index, quality)) = matched else {
            continue;
        };
        if quality <= 0.0 {
            continue;
        }
        let better = match best {
            None => true,
            Some((best_quality, best_specificity, best_range, _)) => {
                quality > best_quality
                    || (quality == best_quality
                        && (specificity, usize::MAX - range_index)
                            > (best_specificity, usize::MAX - best_range))
            }
        };
        if better {
            best = Some((quality, specificity, range_index, offer_index));
        }
    }
    match best {
        Some((_, _, _, offer_index)) => Ok(offers[offer_index]),
        None => {
            let mut offered: Vec<&str> = offers.iter().map(|(media_type, _)| *media_type).collect();
            offered.dedup();
            Err(SparqlError::new(
                StatusCode::NOT_ACCEPTABLE,
                format!(
                    "no acceptable format: this resource is offered as {}",
                    offered.join(", ")
                ),
            ))
        }
    }
}

/// The request's media type (`type/subtype`, lowercase), after checking that any
/// `charset` is UTF-8. `None` when there is no `Content-Type`.
pub(super) fn request_media_type(headers: &HeaderMap) -> Result<Option<String>, SparqlError> {
    let Some(value) = headers.get(header::CONTENT_TYPE) else {
        return Ok(None);
    };
    let value = value
        .to_str()
        .map_err(|_| SparqlError::bad_request("the content type is not ascii"))?;
    let mut parts = value.split(';');
    let media_type = parts.next().unwrap_or("").trim().to_ascii_lowercase();
    for param in parts {
        if let Some((name, charset)) = param.split_once('=') {
            let charset = charset.trim().trim_matches('"');
            if name.trim().eq_ignore_ascii_case("charset")
                && !charset.eq_ignore_ascii_case("utf-8")
                && !charset.eq_ignore_ascii_case("utf8")
            {
                return Err(SparqlError::unsupported_media_type(format!(
                    "unsupported charset {charset:?}: send utf-8"
                )));
            }
        }
    }
    Ok(Some(media_type))
}

/// The full `Content-Type` value, for parsers that read its parameters.
pub(super) fn content_type(headers: &HeaderMap) -> Option<&str> {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn pick<F: Copy>(accept: &str, offers: &[(&'static str, F)]) -> Option<&'static str> {
        let mut headers = HeaderMap::new();
        if !accept.is_empty() {
            headers.insert(header::ACCEPT, HeaderValue::from_str(accept).unwrap());
        }
        negotiate(&headers, offers)
            .ok()
            .map(|(media_type, _)| media_type)
    }

    #[test]
    fn solutions() {
        let pick = |accept| pick(accept, SOLUTION_FORMATS);
        assert_eq!(pick(""), Some("application/sparql-results+json"));
        assert_eq!(pick("*/*"), Some("application/sparql-results+json"));
        assert_eq!(pick("text/csv"), Some("text/csv"));
        assert_eq!(
            pick("text/csv;q=0.5, application/sparql-results+xml"),
            Some("application/sparql-results+xml")
        );
        assert_eq!(pick("text/*"), Some("text/xml"));
        assert_eq!(pick("*/*, text/csv"), Some("text/csv"));
        assert_eq!(
            pick("application/sparql-results+json;q=0, application/json;q=0, */*;q=0.5"),
            Some("application/sparql-results+xml")
        );
        assert_eq!(pick("text/turtle"), None);
        assert_eq!(pick("text/csv;q=0"), None);
    }

    #[test]
    fn graphs() {
        let pick = |accept| pick(accept, GRAPH_FORMATS);
        assert_eq!(pick("text/*"), Some("text/turtle"));
        assert_eq!(pick("application/n-triples"), Some("application/n-triples"));
        assert_eq!(pick("image/png, */*;q=0.1"), Some("text/turtle"));
        assert_eq!(pick("application/ld+json"), Some("application/ld+json"));
        assert_eq!(
            pick("application/rdf+xml;q=0.9, text/turtle;q=0.8"),
            Some("application/rdf+xml")
        );
        assert_eq!(pick("text/csv"), None);
    }

    #[test]
    fn charsets() {
        let media_type = |value: &str| {
            let mut headers = HeaderMap::new();
            headers.insert(header::CONTENT_TYPE, HeaderValue::from_str(value).unwrap());
            request_media_type(&headers).map_err(|error| error.status())
        };
        assert_eq!(
            media_type("Application/SPARQL-Query; charset=UTF-8"),
            Ok(Some("application/sparql-query".into()))
        );
        assert_eq!(
            media_type("application/sparql-query; charset=UTF-16"),
            Err(StatusCode::UNSUPPORTED_MEDIA_TYPE)
        );
    }
}
