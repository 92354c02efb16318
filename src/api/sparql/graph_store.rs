//! `/store`: the SPARQL 1.1 Graph Store HTTP Protocol.
//!
//! A graph is named indirectly (`/store?graph=IRI`, `/store?default`) or directly
//! (`/store/some/path` is the graph `http://<host>/store/some/path`). `/store` alone
//! is the whole dataset: `GET` dumps it, `PUT` replaces it, `POST` adds to it (a
//! body without named graphs becomes a new graph, answered 201 with its
//! `Location`). Writes need the bearer token.

use super::negotiation::{
    content_type, negotiate, request_media_type, DATASET_FORMATS, GRAPH_FORMATS,
};
use super::stream::Operation;
use super::{base_url, SparqlError};
use crate::api::{auth, AppState};
use crate::store::{GraphTarget, LoadMode};
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use oxigraph::io::RdfFormat;
use oxigraph::model::NamedNode;

/// The path of the graph store.
pub(super) const PATH: &str = "/store";

/// The graph a request names, or `None` for the whole dataset.
fn target(uri: &Uri, base_url: &str) -> Result<Option<GraphTarget>, SparqlError> {
    if uri.path() != PATH {
        // Direct identification: the request's own IRI names the graph.
        let iri = format!("{base_url}{}", uri.path());
        return NamedNode::new(&iri)
            .map(|graph| Some(GraphTarget::Named(graph)))
            .map_err(|_| SparqlError::bad_request(format!("invalid graph iri {iri:?}")));
    }
    let pairs: Vec<(String, String)> = serde_urlencoded::from_str(uri.query().unwrap_or(""))
        .map_err(|error| SparqlError::bad_request(format!("invalid parameters: {error}")))?;
    let mut graphs = pairs.iter().filter(|(name, _)| name == "graph");
    let default = pairs.iter().any(|(name, _)| name == "default");
    match (graphs.next(), graphs.next(), default) {
        (None, _, false) => Ok(None),
        (None, _, true) => Ok(Some(GraphTarget::Default)),
        (Some((_, iri)), None, false) => NamedNode::new(iri)
            .map(|graph| Some(GraphTarget::Named(graph)))
            .map_err(|_| {
                SparqlError::bad_request(format!("the graph must be an absolute iri: {iri:?}"))
            }),
        _ => Err(SparqlError::bad_request(
            "name one graph: either one graph=IRI or default",
        )),
    }
}

fn describe(target: &GraphTarget) -> String {
    match target {
        GraphTarget::Default => "the default graph".into(),
        GraphTarget::Named(graph) => format!("the graph {graph}"),
    }
}

async fn graph_exists(state: &AppState, target: &GraphTarget) -> Result<(), SparqlError> {
    let store = state.store.clone();
    let target_for_job = target.clone();
    let exists = tokio::task::spawn_blocking(move || store.graph_exists(&target_for_job)).await??;
    if exists {
        Ok(())
    } else {
        Err(SparqlError::new(
            StatusCode::NOT_FOUND,
            format!("{} does not exist", describe(target)),
        ))
    }
}

/// `GET`: one graph (Turtle by default) or the whole dataset (N-Quads by default), streamed.
pub(super) async fn get(
    State(state): State<AppState>,
    uri: Uri,
    headers: HeaderMap,
) -> Result<Response, SparqlError> {
    let store = state.store.clone();
    match target(&uri, &base_url(&headers))? {
        None => {
            let (_, format) = negotiate(&headers, DATASET_FORMATS)?;
            Operation::start(&state)?
                .stream(format.media_type(), move |writer, cancellation| {
                    store.dataset_to_writer(format, Some(&cancellation), writer)
                })
                .await
        }
        Some(target) => {
            let (_, format) = negotiate(&headers, GRAPH_FORMATS)?;
            graph_exists(&state, &target).await?;
            Operation::start(&state)?
                .stream(format.media_type(), move |writer, cancellation| {
                    store.graph_to_writer(&target, format, Some(&cancellation), writer)
                })
                .await
        }
    }
}

/// `HEAD`: what `GET` would answer, without the body.
pub(super) async fn head(
    State(state): State<AppState>,
    uri: Uri,
    headers: HeaderMap,
) -> Result<Response, SparqlError> {
    let format = match target(&uri, &base_url(&headers))? {
        None => negotiate(&headers, DATASET_FORMATS)?.1,
        Some(target) => {
            let format = negotiate(&headers, GRAPH_FORMATS)?.1;
            graph_exists(&state, &target).await?;
            format
        }
    };
    Ok((
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static(format.media_type()),
        )],
        (),
    )
        .into_response())
}

/// `PUT`: replaces a graph (201 if it is new, 204 if it existed), or the whole dataset.
pub(super) async fn put(
    State(state): State<AppState>,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, SparqlError> {
    auth::require_write(&state.config, &headers)?;
    let base_url = base_url(&headers);
    let target = target(&uri, &base_url)?;
    let format = body_format(&headers)?;
    let store = state.store.clone();
    match target {
        Some(target) => {
            let base_iri = base_iri(&target, &base_url);
            let existed = Operation::start(&state)?
                .run(move |_| {
                    store.load_graph(
                        &target,
                        LoadMode::Replace,
                        &[(format, &body[..])],
                        Some(&base_iri),
                    )
                })
                .await?;
            Ok(created_or_replaced(existed))
        }
        None => {
            require_dataset_format(format)?;
            let base_iri = format!("{base_url}{PATH}");
            Operation::start(&state)?
                .run(move |_| store.load_dataset(LoadMode::Replace, format, &body, Some(&base_iri)))
                .await?;
            Ok(StatusCode::NO_CONTENT.into_response())
        }
    }
}

/// `POST`: adds to a graph (201 if it is new, 204 if it existed); to `/store`, adds
/// a dataset, or makes a new graph of a body without named graphs (201 + `Location`).
/// Takes one RDF document, or several as `multipart/form-data`, all in one transaction.
pub(super) async fn post(
    State(state): State<AppState>,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, SparqlError> {
    auth::require_write(&state.config, &headers)?;
    let base_url = base_url(&headers);
    let target = target(&uri, &base_url)?;
    let is_multipart = request_media_type(&headers)?.as_deref() == Some("multipart/form-data");
    let documents: Vec<(RdfFormat, Bytes)> = if is_multipart {
        multipart::documents(content_type(&headers).unwrap_or(""), &body)?
    } else {
        vec![(body_format(&headers)?, body)]
    };
    let store = state.store.clone();
    let (target, location) = match target {
        Some(target) => (target, None),
        None => match documents.as_slice() {
            [(format, body)] if format.supports_datasets() => {
                let (format, body) = (*format, body.clone());
                let base_iri = format!("{base_url}{PATH}");
                Operation::start(&state)?
                    .run(move |_| store.load_dataset(LoadMode::Add, format, &body, Some(&base_iri)))
                    .await?;
                return Ok(StatusCode::NO_CONTENT.into_response());
            }
            _ => {
                let iri = format!("{base_url}{PATH}/{}", uuid::Uuid::new_v4().simple());
                let graph = NamedNode::new(&iri)
                    .map_err(|_| SparqlError::bad_request(format!("invalid graph iri {iri:?}")))?;
                (GraphTarget::Named(graph), Some(iri))
            }
        },
    };
    let base_iri = base_iri(&target, &base_url);
    let existed = Operation::start(&state)?
        .run(move |_| {
            let documents: Vec<(RdfFormat, &[u8])> = documents
                .iter()
                .map(|(format, data)| (*format, &data[..]))
                .collect();
            store.load_graph(&target, LoadMode::Add, &documents, Some(&base_iri))
        })
        .await?;
    let mut response = created_or_replaced(existed);
    if let Some(location) = location.and_then(|iri| HeaderValue::from_str(&iri).ok()) {
        response.headers_mut().insert(header::LOCATION, location);
    }
    Ok(response)
}

/// `DELETE`: removes a named graph (404 if there is none) or empties the default graph.
pub(super) async fn delete(
    State(state): State<AppState>,
    uri: Uri,
    headers: HeaderMap,
) -> Result<Response, SparqlError> {
    auth::require_write(&state.config, &headers)?;
    let target = target(&uri, &base_url(&headers))?.ok_or_else(|| {
        SparqlError::bad_request("name the graph to delete: ?graph=IRI or ?default")
    })?;
    let store = state.store.clone();
    let target_for_job = target.clone();
    let existed = Operation::start(&state)?
        .run(move |_| store.delete_graph(&target_for_job))
        .await?;
    if existed {
        Ok(StatusCode::NO_CONTENT.into_response())
    } else {
        Err(SparqlError::new(
            StatusCode::NOT_FOUND,
            format!("{} does not exist", describe(&target)),
        ))
    }
}

fn created_or_replaced(existed: bool) -> Response {
    if existed {
        StatusCode::NO_CONTENT.into_response()
    } else {
        StatusCode::CREATED.into_response()
    }
}

/// Relative IRIs in a graph's body resolve against the graph's IRI.
fn base_iri(target: &GraphTarget, base_url: &str) -> String {
    match target {
        GraphTarget::Named(graph) => graph.as_str().to_owned(),
        GraphTarget::Default => format!("{base_url}{PATH}"),
    }
}

/// The RDF format of the request body, from its `Content-Type` (415 if unknown or missing).
fn body_format(headers: &HeaderMap) -> Result<RdfFormat, SparqlError> {
    request_media_type(headers)?;
    let content_type = content_type(headers).ok_or_else(|| {
        SparqlError::unsupported_media_type("the request has no content type: send an RDF format")
    })?;
    RdfFormat::from_media_type(content_type).ok_or_else(|| {
        SparqlError::unsupported_media_type(format!("unsupported rdf format {content_type:?}"))
    })
}

fn require_dataset_format(format: RdfFormat) -> Result<(), SparqlError> {
    if format.supports_datasets() {
        Ok(())
    } else {
        Err(SparqlError::unsupported_media_type(format!(
            "replacing the whole store needs a format with named graphs (N-Quads, TriG, JSON-LD), not {}",
            format.name()
        )))
    }
}

/// Just enough of `multipart/form-data` (RFC 7578) for the Graph Store Protocol:
/// each part is an RDF document with its own `Content-Type` (or a file name whose
/// extension tells the format).
mod multipart {
    use super::SparqlError;
    use axum::body::Bytes;
    use oxigraph::io::RdfFormat;

    /// The RDF documents of a multipart body.
    pub(super) fn documents(
        content_type: &str,
        body: &Bytes,
    ) -> Result<Vec<(RdfFormat, Bytes)>, SparqlError> {
        let boundary = content_type
            .split(';')
            .skip(1)
            .filter_map(|param| param.split_once('='))
            .find(|(name, _)| name.trim().eq_ignore_ascii_case("boundary"))
            .map(|(_, value)| value.trim().trim_matches('"').to_owned())
            .filter(|boundary| !boundary.is_empty())
            .ok_or_else(|| SparqlError::bad_request("multipart body without a boundary"))?;
        let delimiter = format!("--{boundary}");
        let malformed = || SparqlError::bad_request("malformed multipart body");
        let mut rest = &body[..];
        let start = find(rest, delimiter.as_bytes()).ok_or_else(malformed)?;
        rest = &rest[start + delimiter.len()..];
        let mut documents = Vec::new();
        loop {
            if rest.starts_with(b"--") {
                break; // the closing delimiter
            }
            rest = strip_line_break(rest).ok_or_else(malformed)?;
            let end = find(rest, format!("\n{delimiter}").as_bytes()).ok_or_else(malformed)?;
            let part = &rest[..end];
            let part = part.strip_suffix(b"\r").unwrap_or(part);
            documents.push(document(body.slice_ref(part))?);
            rest = &rest[end + 1 + delimiter.len()..];
        }
        if documents.is_empty() {
            return Err(SparqlError::bad_request("multipart body without parts"));
        }
        Ok(documents)
    }

    fn document(part: Bytes) -> Result<(RdfFormat, Bytes), SparqlError> {
        let (headers_end, body_start) = match (find(&part, b"\r\n\r\n"), find(&part, b"\n\n")) {
            (Some(crlf), Some(lf)) if lf < crlf => (lf, lf + 2),
            (Some(crlf), _) => (crlf, crlf + 4),
            (None, Some(lf)) => (lf, lf + 2),
            (None, None) => (part.len(), part.len()),
        };
        let headers = std::str::from_utf8(&part[..headers_end])
            .map_err(|_| SparqlError::bad_request("multipart part headers are not utf-8"))?;
        let mut format = None;
        for line in headers.lines() {
            let Some((name, value)) = line.split_once(':') else {
                continue;
            };
            if name.trim().eq_ignore_ascii_case("content-type") {
                format = Some(RdfFormat::from_media_type(value.trim()).ok_or_else(|| {
                    SparqlError::unsupported_media_type(format!(
                        "unsupported rdf format {:?} in a multipart part",
                        value.trim()
                    ))
                })?);
            } else if name.trim().eq_ignore_ascii_case("content-disposition") && format.is_none() {
                format = value
                    .split(';')
                    .filter_map(|param| param.trim().strip_prefix("filename="))
                    .filter_map(|name| name.trim_matches('"').rsplit_once('.'))
                    .find_map(|(_, extension)| RdfFormat::from_extension(extension));
            }
        }
        let format = format.ok_or_else(|| {
            SparqlError::unsupported_media_type("a multipart part has no rdf content type")
        })?;
        Ok((format, part.slice(body_start.min(part.len())..)))
    }

    fn strip_line_break(bytes: &[u8]) -> Option<&[u8]> {
        bytes
            .strip_prefix(b"\r\n")
            .or_else(|| bytes.strip_prefix(b"\n"))
    }

    fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
        haystack
            .windows(needle.len())
            .position(|window| window == needle)
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn parts_with_crlf_or_lf() {
            let body = "--b\r\nContent-Disposition: form-data; name=\"a\"; filename=\"a.ttl\"\r\nContent-Type: text/turtle\r\n\r\n<s> <p> 1 .\r\n--b\nContent-Disposition: form-data; name=\"b\"; filename=\"b.nt\"\n\n<s> <p> 2 .\n--b--\r\n";
            let documents =
                documents("multipart/form-data; boundary=b", &Bytes::from(body)).unwrap();
            assert_eq!(documents.len(), 2);
            assert_eq!(documents[0].0, RdfFormat::Turtle);
            assert_eq!(&documents[0].1[..], b"<s> <p> 1 .");
            assert_eq!(documents[1].0, RdfFormat::NTriples);
            assert_eq!(&documents[1].1[..], b"<s> <p> 2 .");
        }

        #[test]
        fn malformed_bodies_are_refused() {
            for body in [
                "",
                "--b",
                "--b\r\nContent-Type: text/turtle\r\n\r\n<s> <p> 1 .",
            ] {
                assert!(documents("multipart/form-data; boundary=b", &Bytes::from(body)).is_err());
            }
            assert!(documents("multipart/form-data", &Bytes::from("--b--")).is_err());
        }
    }
}
