//! `GET`/`POST /sparql`: the query operation of the SPARQL 1.1 Protocol.
//!
//! Oxigraph's result iterators are not `Send`, so a query is evaluated and
//! serialised on a blocking thread that streams chunks through a channel into
//! the response body. A tokio timer cancels the query through oxigraph's
//! cancellation token; dropping the body (client gone) cancels it too.

use super::{ApiError, AppState};
use crate::store::{
    CancellationToken, GraphSelection, QueryForm, QueryResultsFormat, ResultsFormat, SparqlQuery,
    StoreError,
};
use axum::body::{Body, Bytes};
use axum::extract::{RawQuery, State};
use axum::http::{header, HeaderMap, HeaderValue};
use axum::response::{IntoResponse, Response};
use oxigraph::io::RdfFormat;
use std::io::{self, Write};
use tokio::sync::mpsc;

/// Chunks sent to the client: large enough to amortise the channel, small enough to stream.
const CHUNK_SIZE: usize = 64 * 1024;

/// The formats for SELECT and ASK results, the first being the default.
const SOLUTION_FORMATS: &[(&str, QueryResultsFormat)] = &[
    ("application/sparql-results+json", QueryResultsFormat::Json),
    ("application/json", QueryResultsFormat::Json),
    ("application/sparql-results+xml", QueryResultsFormat::Xml),
    ("application/xml", QueryResultsFormat::Xml),
    ("text/csv", QueryResultsFormat::Csv),
    ("text/tab-separated-values", QueryResultsFormat::Tsv),
];

/// The formats for CONSTRUCT and DESCRIBE results, the first being the default.
const GRAPH_FORMATS: &[(&str, RdfFormat)] = &[
    ("text/turtle", RdfFormat::Turtle),
    ("application/n-triples", RdfFormat::NTriples),
    ("application/rdf+xml", RdfFormat::RdfXml),
    ("application/n-quads", RdfFormat::NQuads),
    ("application/trig", RdfFormat::TriG),
];

/// The protocol parameters: `query`, `default-graph-uri`, `named-graph-uri`.
#[derive(Debug, Default)]
struct Params {
    query: Option<String>,
    graphs: GraphSelection,
}

impl Params {
    fn read(pairs: Vec<(String, String)>) -> Result<Self, ApiError> {
        let mut params = Params::default();
        for (name, value) in pairs {
            match name.as_str() {
                "query" if params.query.is_some() => {
                    return Err(ApiError::BadRequest(
                        "the query parameter is given twice".into(),
                    ))
                }
                "query" => params.query = Some(value),
                "default-graph-uri" => params.graphs.default_graphs.push(value),
                "named-graph-uri" => params.graphs.named_graphs.push(value),
                _ => {} // other parameters are not ours to refuse
            }
        }
        Ok(params)
    }

    fn from_urlencoded(text: &str) -> Result<Self, ApiError> {
        let pairs = serde_urlencoded::from_str(text)
            .map_err(|error| ApiError::BadRequest(format!("invalid parameters: {error}")))?;
        Self::read(pairs)
    }
}

/// `GET /sparql?query=…`.
pub(super) async fn get(
    State(state): State<AppState>,
    RawQuery(raw_query): RawQuery,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let params = Params::from_urlencoded(raw_query.as_deref().unwrap_or(""))?;
    let query = params
        .query
        .ok_or_else(|| ApiError::BadRequest("missing query parameter".into()))?;
    run(state, &query, params.graphs, &headers).await
}

/// `POST /sparql` with an `application/sparql-query` body (graphs in the URL)
/// or an `application/x-www-form-urlencoded` one.
pub(super) async fn post(
    State(state): State<AppState>,
    RawQuery(raw_query): RawQuery,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, ApiError> {
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .unwrap_or("");
    let media_type = content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    let body = std::str::from_utf8(&body)
        .map_err(|_| ApiError::BadRequest("the request body is not utf-8".into()))?;
    match media_type.as_str() {
        "application/sparql-query" => {
            let params = Params::from_urlencoded(raw_query.as_deref().unwrap_or(""))?;
            run(state, body, params.graphs, &headers).await
        }
        "application/x-www-form-urlencoded" => {
            let params = Params::from_urlencoded(body)?;
            let query = params
                .query
                .ok_or_else(|| ApiError::BadRequest("missing query parameter".into()))?;
            run(state, &query, params.graphs, &headers).await
        }
        other => Err(ApiError::UnsupportedMediaType(format!(
            "unsupported content type {other:?}: use application/sparql-query or application/x-www-form-urlencoded"
        ))),
    }
}

/// Picks the results format from the `Accept` header: the highest `q` wins,
/// ties go to the order the client wrote them in; `*/*` or no header gives the default.
fn negotiate(headers: &HeaderMap, form: QueryForm) -> Result<ResultsFormat, ApiError> {
    let candidates: Vec<(&str, ResultsFormat)> = if form.returns_graph() {
        GRAPH_FORMATS
            .iter()
            .map(|(media, format)| (*media, ResultsFormat::Graph(*format)))
            .collect()
    } else {
        SOLUTION_FORMATS
            .iter()
            .map(|(media, format)| (*media, ResultsFormat::Solutions(*format)))
            .collect()
    };
    let accept: Vec<&str> = headers
        .get_all(header::ACCEPT)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .collect();
    let accept = accept.join(",");
    if accept.trim().is_empty() {
        return Ok(candidates[0].1);
    }
    let mut ranges: Vec<(String, f32)> = accept
        .split(',')
        .filter_map(|range| {
            let mut parts = range.split(';');
            let media = parts.next()?.trim().to_ascii_lowercase();
            let quality = parts
                .filter_map(|param| param.trim().strip_prefix("q="))
                .find_map(|q| q.trim().parse::<f32>().ok())
                .unwrap_or(1.0);
            (!media.is_empty()).then_some((media, quality))
        })
        .collect();
    ranges.sort_by(|a, b| b.1.total_cmp(&a.1)); // stable: equal q keep their order
    for (media, quality) in ranges {
        if quality <= 0.0 {
            continue;
        }
        let found = if media == "*/*" {
            Some(candidates[0].1)
        } else if let Some(kind) = media.strip_suffix("/*") {
            candidates
                .iter()
                .find(|(candidate, _)| candidate.split('/').next() == Some(kind))
                .map(|(_, format)| *format)
        } else {
            candidates
                .iter()
                .find(|(candidate, _)| *candidate == media)
                .map(|(_, format)| *format)
        };
        if let Some(format) = found {
            return Ok(format);
        }
    }
    let offered: Vec<&str> = candidates.iter().map(|(media, _)| *media).collect();
    Err(ApiError::NotAcceptable(format!(
        "no acceptable format for {form} results: offered {}",
        offered.join(", ")
    )))
}

/// Buffers bytes and sends them as chunks through the channel.
struct ChannelWriter {
    buffer: Vec<u8>,
    sender: mpsc::Sender<Result<Bytes, StoreError>>,
}

impl ChannelWriter {
    fn send(&mut self) -> io::Result<()> {
        if self.buffer.is_empty() {
            return Ok(());
        }
        let chunk = Bytes::from(std::mem::replace(
            &mut self.buffer,
            Vec::with_capacity(CHUNK_SIZE),
        ));
        self.sender
            .blocking_send(Ok(chunk))
            .map_err(|_| io::Error::new(io::ErrorKind::BrokenPipe, "the client went away"))
    }
}

impl Write for ChannelWriter {
    fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        self.buffer.extend_from_slice(data);
        if self.buffer.len() >= CHUNK_SIZE {
            self.send()?;
        }
        Ok(data.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        // Serialisers flush often; sending tiny chunks would only cost. `send` at the end.
        Ok(())
    }
}

/// Cancels the query and stops its timer when the response body is dropped
/// (finished, or the client went away).
struct QueryGuard {
    cancellation: CancellationToken,
    timer: tokio::task::JoinHandle<()>,
}

impl Drop for QueryGuard {
    fn drop(&mut self) {
        self.cancellation.cancel();
        self.timer.abort();
    }
}

async fn run(
    state: AppState,
    query_text: &str,
    graphs: GraphSelection,
    headers: &HeaderMap,
) -> Result<Response, ApiError> {
    let query = SparqlQuery::parse(query_text)?;
    let format = negotiate(headers, query.form())?;
    tracing::debug!(form = %query.form(), media_type = format.media_type(), ?graphs, "sparql query");
    let cancellation = CancellationToken::new();
    let timeout = state.config.query_timeout;
    let timer = tokio::spawn({
        let cancellation = cancellation.clone();
        async move {
            tokio::time::sleep(timeout).await;
            cancellation.cancel();
        }
    });
    let guard = QueryGuard {
        cancellation: cancellation.clone(),
        timer,
    };

    let (sender, mut receiver) = mpsc::channel::<Result<Bytes, StoreError>>(8);
    let store = state.store.clone();
    tokio::task::spawn_blocking(move || {
        let writer = ChannelWriter {
            buffer: Vec::with_capacity(CHUNK_SIZE),
            sender: sender.clone(),
        };
        let result = store
            .query_to_writer(query, &graphs, format, Some(cancellation), writer)
            .and_then(|mut writer| writer.send().map_err(StoreError::Write));
        if let Err(error) = result {
            // The receiver may be gone already (client left): nothing more to do then.
            let _ = sender.blocking_send(Err(error));
        }
    });

    // Wait for the first chunk so that errors before any output get a proper status.
    let first = match receiver.recv().await {
        None => Bytes::new(),
        Some(Err(error)) => return Err(error.into()),
        Some(Ok(chunk)) => chunk,
    };
    let rest =
        futures_util::stream::unfold((receiver, guard), |(mut receiver, guard)| async move {
            let item = receiver.recv().await?;
            let item = item.map_err(|error| {
                // The status line is sent already: all we can do is cut the body short.
                tracing::warn!(%error, "query failed while streaming");
                io::Error::other(error.to_string())
            });
            Some((item, (receiver, guard)))
        });
    let body = futures_util::stream::once(async move { Ok::<_, io::Error>(first) });
    let body = Body::from_stream(futures_util::StreamExt::chain(body, rest));
    let media_type = HeaderValue::from_static(format.media_type());
    Ok(([(header::CONTENT_TYPE, media_type)], body).into_response())
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
        let solutions = |value: &str| negotiate(&accept(value), QueryForm::Select).ok();
        let graph = |value: &str| negotiate(&accept(value), QueryForm::Construct).ok();
        assert_eq!(
            solutions(""),
            Some(ResultsFormat::Solutions(QueryResultsFormat::Json))
        );
        assert_eq!(
            negotiate(&HeaderMap::new(), QueryForm::Ask).ok(),
            solutions("*/*")
        );
        assert_eq!(
            solutions("text/csv"),
            Some(ResultsFormat::Solutions(QueryResultsFormat::Csv))
        );
        assert_eq!(
            solutions("text/csv;q=0.5, application/sparql-results+xml"),
            Some(ResultsFormat::Solutions(QueryResultsFormat::Xml))
        );
        assert_eq!(solutions("text/turtle"), None);
        assert_eq!(
            graph("text/*"),
            Some(ResultsFormat::Graph(RdfFormat::Turtle))
        );
        assert_eq!(
            graph("application/n-triples"),
            Some(ResultsFormat::Graph(RdfFormat::NTriples))
        );
        assert_eq!(
            graph("image/png, */*;q=0.1"),
            Some(ResultsFormat::Graph(RdfFormat::Turtle))
        );
        assert_eq!(graph("text/csv"), None);
    }
}
