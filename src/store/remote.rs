//! The remote backend: any SPARQL 1.1 server (Virtuoso, GraphDB, Stardog,
//! Neptune, QLever…) through the standard Protocol, Update and Graph Store HTTP
//! Protocol.
//!
//! An article's graph is replaced by one Graph Store `PUT` (or, without a Graph
//! Store endpoint, one update request `DROP SILENT GRAPH …; INSERT DATA …`),
//! which the server applies as a whole: an article is never half-written. RDF
//! sent to the remote is parsed and re-serialised here first, so bad data is
//! refused before anything is sent. Queries go to the query endpoint with the
//! protocol's dataset parameters; without them the server must use the union of
//! its graphs as the default graph, as ours does (Virtuoso does by default).
//! Backups, dumps and restores are the remote's business, and refused here.

mod http;

use super::{
    ontology_parser, rdf_serializer, read_graph_files, storage::Storage, GraphFiles,
    GraphSelection, GraphTarget, LoadMode, OntologyReport, QueryForm, QueryOutput, ResultsFormat,
    SparqlQuery, SparqlUpdate, StoreError,
};
use crate::vocab::ag;
use http::{Call, Http};
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{NamedNode, NamedNodeRef, Quad, Term, Triple, TripleRef};
use oxigraph::sparql::results::{
    QueryResultsFormat, QueryResultsParser, QueryResultsSerializer, ReaderQueryResultsParserOutput,
    SliceQueryResultsParserOutput,
};
use oxigraph::sparql::CancellationToken;
use oxigraph::store::LoaderError;
use reqwest::{Method, StatusCode, Url};
use std::collections::HashSet;
use std::io::Write;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

/// How to reach a remote SPARQL 1.1 server.
#[derive(Clone)]
pub struct RemoteConfig {
    /// The SPARQL 1.1 Protocol query endpoint (`…/sparql`).
    pub query_url: Url,
    /// The SPARQL 1.1 Update endpoint (often the query endpoint).
    pub update_url: Url,
    /// The Graph Store HTTP Protocol endpoint; without one, graphs are written
    /// with updates and read with `CONSTRUCT`.
    pub graph_store_url: Option<Url>,
    /// The credentials sent with every request.
    pub auth: RemoteAuth,
    /// How long one request may take (between two reads, for streamed results).
    pub timeout: Duration,
    /// How many times a failed request is sent again (5xx, timeouts, connection errors).
    pub retries: u32,
    /// The wait before the first retry, doubled each time.
    pub backoff: Duration,
}

impl RemoteConfig {
    /// Every operation on one endpoint URL (`query_url` and `update_url`), no Graph
    /// Store endpoint, no credentials, 30 s timeout, 3 retries from 200 ms.
    pub fn new(endpoint: Url) -> Self {
        Self {
            query_url: endpoint.clone(),
            update_url: endpoint,
            graph_store_url: None,
            auth: RemoteAuth::None,
            timeout: Duration::from_secs(30),
            retries: 3,
            backoff: Duration::from_millis(200),
        }
    }
}

impl std::fmt::Debug for RemoteConfig {
    // Credentials are never printed.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RemoteConfig")
            .field("query_url", &http::redact(&self.query_url))
            .field("update_url", &http::redact(&self.update_url))
            .field(
                "graph_store_url",
                &self.graph_store_url.as_ref().map(http::redact),
            )
            .field("auth", &self.auth)
            .field("timeout", &self.timeout)
            .field("retries", &self.retries)
            .field("backoff", &self.backoff)
            .finish()
    }
}

/// The credentials for the remote.
#[derive(Clone, Default)]
pub enum RemoteAuth {
    /// None.
    #[default]
    None,
    /// `Authorization: Bearer TOKEN`.
    Bearer(String),
    /// HTTP basic authentication.
    Basic {
        /// The user name.
        user: String,
        /// The password.
        password: String,
    },
    /// HTTP digest authentication (RFC 7616), as Virtuoso asks on `/sparql-auth`.
    Digest {
        /// The user name.
        user: String,
        /// The password.
        password: String,
    },
}

impl std::fmt::Debug for RemoteAuth {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            RemoteAuth::None => "None",
            RemoteAuth::Bearer(_) => "Bearer(<set>)",
            RemoteAuth::Basic { .. } => "Basic(<set>)",
            RemoteAuth::Digest { .. } => "Digest(<set>)",
        })
    }
}

/// A request to the remote that failed, after its retries.
#[derive(Debug, thiserror::Error)]
#[error("{operation}: {url}: {kind}")]
pub struct RemoteError {
    /// What was being done ("write article <…>").
    pub operation: String,
    /// The endpoint, without credentials.
    pub url: String,
    /// How it failed.
    pub kind: RemoteErrorKind,
}

/// How a remote request failed.
#[derive(Debug, thiserror::Error)]
pub enum RemoteErrorKind {
    /// No connection (refused, reset, DNS…).
    #[error("cannot reach the server: {0}")]
    Unreachable(String),
    /// No answer in time.
    #[error("no answer within {0:?}")]
    Timeout(Duration),
    /// The server answered with an error status.
    #[error("the server answered {status}: {message}")]
    Status {
        /// The HTTP status.
        status: u16,
        /// The start of its body.
        message: String,
    },
    /// The answer is not in a format we read, or does not parse.
    #[error("unreadable answer: {0}")]
    Unreadable(String),
    /// The operation was cancelled (timeout of the API, client gone).
    #[error("cancelled")]
    Cancelled,
    /// The request task stopped unexpectedly.
    #[error("the request was lost")]
    Internal,
}

impl RemoteError {
    /// Whether the remote refused the request itself (4xx other than authentication
    /// and rate limits): the operation is at fault, not the remote's health.
    pub fn is_rejection(&self) -> bool {
        matches!(self.kind, RemoteErrorKind::Status { status, .. }
            if (400..500).contains(&status) && ![401, 403, 408, 429].contains(&status))
    }
}

/// A remote SPARQL 1.1 server as the store.
pub struct Remote {
    config: RemoteConfig,
    http: Arc<Http>,
    generation: AtomicU64,
}

impl Remote {
    /// A backend for `config`. Sends nothing yet.
    pub fn new(config: RemoteConfig) -> Result<Self, StoreError> {
        let http = Http::new(
            config.auth.clone(),
            config.timeout,
            config.retries,
            config.backoff,
        )
        .map_err(|error| StoreError::Refused(format!("cannot set up the http client: {error}")))?;
        Ok(Self {
            config,
            http: Arc::new(http),
            generation: AtomicU64::new(0),
        })
    }

    fn changed(&self) {
        self.generation.fetch_add(1, Ordering::AcqRel);
    }

    /// A query call with the protocol's dataset parameters, as a form POST.
    fn query_call(
        &self,
        text: &str,
        graphs: &GraphSelection,
        accept: &str,
        operation: &str,
    ) -> Call {
        let mut fields = vec![("query", text)];
        fields.extend(
            graphs
                .default_graphs
                .iter()
                .map(|g| ("default-graph-uri", g.as_str())),
        );
        fields.extend(
            graphs
                .named_graphs
                .iter()
                .map(|g| ("named-graph-uri", g.as_str())),
        );
        Call::new(Method::POST, self.config.query_url.clone(), operation)
            .accept(accept)
            .form(&fields)
    }

    /// Runs an internal query and parses its results (JSON for solutions, N-Triples for graphs).
    fn read_query(
        &self,
        text: &str,
        form: QueryForm,
        operation: &str,
    ) -> Result<QueryOutput, StoreError> {
        let accept = if form.returns_graph() {
            "application/n-triples, text/turtle;q=0.9"
        } else {
            "application/sparql-results+json, application/sparql-results+xml;q=0.9"
        };
        let call = self.query_call(text, &GraphSelection::default(), accept, operation);
        let unreadable = |message: String| {
            StoreError::Remote(RemoteError {
                operation: operation.to_owned(),
                url: http::redact(&self.config.query_url),
                kind: RemoteErrorKind::Unreadable(message),
            })
        };
        let answer = self.http.fetch(call, false, None)?;
        let media_type = answer.media_type.as_deref().unwrap_or_default();
        if form.returns_graph() {
            let format = RdfFormat::from_media_type(media_type)
                .ok_or_else(|| unreadable(format!("media type {media_type:?}")))?;
            let triples = RdfParser::from_format(format)
                .for_slice(&answer.body)
                .map(|quad| quad.map(Triple::from))
                .collect::<Result<Vec<_>, _>>()
                .map_err(|error| unreadable(error.to_string()))?;
            return Ok(QueryOutput::Graph(triples));
        }
        let format = QueryResultsFormat::from_media_type(media_type)
            .ok_or_else(|| unreadable(format!("media type {media_type:?}")))?;
        match QueryResultsParser::from_format(format)
            .for_slice(&answer.body)
            .map_err(|error| unreadable(error.to_string()))?
        {
            SliceQueryResultsParserOutput::Boolean(value) => Ok(QueryOutput::Boolean(value)),
            SliceQueryResultsParserOutput::Solutions(solutions) => {
                let variables: Vec<String> = solutions
                    .variables()
                    .iter()
                    .map(|variable| variable.as_str().to_owned())
                    .collect();
                let mut rows = Vec::new();
                for solution in solutions {
                    let solution = solution.map_err(|error| unreadable(error.to_string()))?;
                    rows.push(
                        variables
                            .iter()
                            .map(|variable| solution.get(variable.as_str()).cloned())
                            .collect(),
                    );
                }
                Ok(QueryOutput::Solutions { variables, rows })
            }
        }
    }

    fn ask(&self, text: &str, operation: &str) -> Result<bool, StoreError> {
        match self.read_query(text, QueryForm::Ask, operation)? {
            QueryOutput::Boolean(value) => Ok(value),
            _ => Err(self.unreadable_query(operation, "not a boolean")),
        }
    }

    fn count(&self, text: &str, operation: &str) -> Result<usize, StoreError> {
        if let QueryOutput::Solutions { rows, .. } =
            self.read_query(text, QueryForm::Select, operation)?
        {
            if let Some(Some(Term::Literal(count))) = rows.first().and_then(|row| row.first()) {
                if let Ok(count) = count.value().parse() {
                    return Ok(count);
                }
            }
        }
        Err(self.unreadable_query(operation, "not a count"))
    }

    fn unreadable_query(&self, operation: &str, message: &str) -> StoreError {
        StoreError::Remote(RemoteError {
            operation: operation.to_owned(),
            url: http::redact(&self.config.query_url),
            kind: RemoteErrorKind::Unreadable(message.to_owned()),
        })
    }

    fn graph_has_triples(&self, graph: &NamedNode, operation: &str) -> Result<bool, StoreError> {
        self.ask(
            &format!("ASK {{ GRAPH {graph} {{ ?s ?p ?o }} }}"),
            operation,
        )
    }

    /// The Graph Store URL for a graph (`?graph=IRI`, or `?default`).
    fn graph_store_url(&self, target: &GraphTarget) -> Option<Url> {
        let mut url = self.config.graph_store_url.clone()?;
        match target {
            GraphTarget::Named(graph) => {
                url.query_pairs_mut().append_pair("graph", graph.as_str());
            }
            GraphTarget::Default => url.set_query(Some("default")),
        }
        Some(url)
    }

    /// Replaces a named graph by `ntriples`, in one request. Returns whether the
    /// remote said the graph existed (Graph Store: 201 Created for a new graph).
    fn put_graph(
        &self,
        graph: &NamedNode,
        ntriples: Vec<u8>,
        operation: &str,
    ) -> Result<bool, StoreError> {
        if let Some(url) = self.graph_store_url(&GraphTarget::Named(graph.clone())) {
            let call =
                Call::new(Method::PUT, url, operation).body("application/n-triples", ntriples);
            let answer = self.http.fetch(call, false, None)?;
            self.changed();
            return Ok(answer.status != StatusCode::CREATED);
        }
        let existed = self.graph_has_triples(graph, operation)?;
        let mut update =
            format!("DROP SILENT GRAPH {graph} ;\nINSERT DATA {{ GRAPH {graph} {{\n").into_bytes();
        update.extend_from_slice(&ntriples);
        update.extend_from_slice(b"} }");
        let call = Call::new(Method::POST, self.config.update_url.clone(), operation)
            .body("application/sparql-update", update);
        self.http.fetch(call, false, None)?;
        self.changed();
        Ok(existed)
    }

    /// Adds N-Triples to a named graph. `repeatable` says whether sending them twice
    /// is harmless (triples without blank nodes), so that a failed request may be retried.
    fn add_to_graph(
        &self,
        graph: &NamedNode,
        ntriples: Vec<u8>,
        operation: &str,
        repeatable: bool,
    ) -> Result<(), StoreError> {
        let call = match self.graph_store_url(&GraphTarget::Named(graph.clone())) {
            Some(url) => {
                Call::new(Method::POST, url, operation).body("application/n-triples", ntriples)
            }
            None => {
                let mut update = format!("INSERT DATA {{ GRAPH {graph} {{\n").into_bytes();
                update.extend_from_slice(&ntriples);
                update.extend_from_slice(b"} }");
                Call::new(Method::POST, self.config.update_url.clone(), operation)
                    .body("application/sparql-update", update)
            }
        };
        let call = if repeatable {
            call
        } else {
            call.not_idempotent()
        };
        self.http.fetch(call, false, None)?;
        self.changed();
        Ok(())
    }

    /// Removes a named graph. Returns whether it existed.
    fn drop_graph(&self, graph: &NamedNode, operation: &str) -> Result<bool, StoreError> {
        if let Some(url) = self.graph_store_url(&GraphTarget::Named(graph.clone())) {
            let answer = self
                .http
                .fetch(Call::new(Method::DELETE, url, operation), true, None)?;
            let existed = answer.status != StatusCode::NOT_FOUND;
            if existed {
                self.changed();
            }
            return Ok(existed);
        }
        let existed = self.graph_has_triples(graph, operation)?;
        let call = Call::new(Method::POST, self.config.update_url.clone(), operation).body(
            "application/sparql-update",
            format!("DROP SILENT GRAPH {graph}"),
        );
        self.http.fetch(call, false, None)?;
        self.changed();
        Ok(existed)
    }

    /// Streams a response to `writer`, as is when the remote answered `wanted`,
    /// else converted from the format it answered.
    fn relay(
        &self,
        call: Call,
        wanted: ResultsFormat,
        cancellation: Option<CancellationToken>,
        writer: &mut dyn Write,
    ) -> Result<(), StoreError> {
        let operation = call.operation.clone();
        let url = http::redact(&call.url);
        let (media_type, mut reader) = self.http.stream(call, cancellation)?;
        let media_type = media_type.unwrap_or_default();
        // Compared without parameters: ours say `charset=utf-8` for CSV and TSV.
        let wanted_type = wanted.media_type().split(';').next().unwrap_or_default();
        let result = if media_type == wanted_type {
            std::io::copy(&mut reader, writer)
                .map(drop)
                .map_err(StoreError::Write)
        } else {
            let unreadable = |message: String| {
                StoreError::Remote(RemoteError {
                    operation: operation.clone(),
                    url: url.clone(),
                    kind: RemoteErrorKind::Unreadable(message),
                })
            };
            match wanted {
                ResultsFormat::Solutions(format) => {
                    let from = QueryResultsFormat::from_media_type(&media_type)
                        .ok_or_else(|| unreadable(format!("media type {media_type:?}")))?;
                    transcode_solutions(from, format, &mut reader, writer, &unreadable)
                }
                ResultsFormat::Graph(format) => {
                    let from = RdfFormat::from_media_type(&media_type)
                        .ok_or_else(|| unreadable(format!("media type {media_type:?}")))?;
                    transcode_graph(from, format, &mut reader, writer, &unreadable)
                }
            }
        };
        // A failure of the remote while streaming, or a cancellation, comes first.
        if let Some(error) = reader.take_error() {
            return Err(StoreError::Remote(error));
        }
        if reader.cancelled() {
            return Err(StoreError::Cancelled);
        }
        result
    }
}

/// Converts streamed query results from one results format to another.
fn transcode_solutions(
    from: QueryResultsFormat,
    to: QueryResultsFormat,
    reader: &mut http::BodyReader,
    writer: &mut dyn Write,
    unreadable: &dyn Fn(String) -> StoreError,
) -> Result<(), StoreError> {
    let serializer = QueryResultsSerializer::from_format(to);
    match QueryResultsParser::from_format(from)
        .for_reader(reader)
        .map_err(|error| unreadable(error.to_string()))?
    {
        ReaderQueryResultsParserOutput::Boolean(value) => serializer
            .serialize_boolean_to_writer(writer, value)
            .map(drop)
            .map_err(StoreError::Write),
        ReaderQueryResultsParserOutput::Solutions(solutions) => {
            let mut serializer = serializer
                .serialize_solutions_to_writer(writer, solutions.variables().to_vec())
                .map_err(StoreError::Write)?;
            for solution in solutions {
                let solution = solution.map_err(|error| unreadable(error.to_string()))?;
                serializer.serialize(&solution).map_err(StoreError::Write)?;
            }
            serializer.finish().map(drop).map_err(StoreError::Write)
        }
    }
}

/// Converts a streamed RDF document from one format to another.
fn transcode_graph(
    from: RdfFormat,
    to: RdfFormat,
    reader: &mut http::BodyReader,
    writer: &mut dyn Write,
    unreadable: &dyn Fn(String) -> StoreError,
) -> Result<(), StoreError> {
    let mut serializer = rdf_serializer(to).for_writer(writer);
    for quad in RdfParser::from_format(from).for_reader(reader) {
        let quad = quad.map_err(|error| unreadable(error.to_string()))?;
        serializer
            .serialize_triple(TripleRef::from(quad.as_ref()))
            .map_err(StoreError::Write)?;
    }
    serializer.finish().map(drop).map_err(StoreError::Write)
}

/// The triples as N-Triples.
/// Triples per request when an ontology graph is loaded into a remote store.
const GRAPH_CHUNK_TRIPLES: usize = 20_000;

fn ntriples<'a>(triples: impl IntoIterator<Item = TripleRef<'a>>) -> Vec<u8> {
    let mut serializer = RdfSerializerNt::new();
    for triple in triples {
        serializer.push(triple);
    }
    serializer.finish()
}

/// Writes N-Triples into memory (writing to a `Vec` cannot fail).
struct RdfSerializerNt(oxigraph::io::WriterQuadSerializer<Vec<u8>>);

impl RdfSerializerNt {
    fn new() -> Self {
        Self(oxigraph::io::RdfSerializer::from_format(RdfFormat::NTriples).for_writer(Vec::new()))
    }

    fn push(&mut self, triple: TripleRef<'_>) {
        let _ = self.0.serialize_triple(triple);
    }

    fn finish(self) -> Vec<u8> {
        self.0.finish().unwrap_or_default()
    }
}

/// Parses RDF documents into the triples of one graph, refusing what does not parse.
fn parse_documents(
    documents: &[(RdfFormat, &[u8])],
    base_iri: Option<&str>,
) -> Result<Vec<Triple>, StoreError> {
    let mut triples = Vec::new();
    for (format, data) in documents {
        let mut parser = RdfParser::from_format(*format).without_named_graphs();
        if let Some(base_iri) = base_iri {
            parser = parser.with_base_iri(base_iri).map_err(|error| {
                StoreError::BadData(format!("invalid base iri {base_iri}: {error}"))
            })?;
        }
        for quad in parser.for_slice(data) {
            let quad = quad.map_err(|error| StoreError::BadData(error.to_string()))?;
            triples.push(Triple::from(quad));
        }
    }
    Ok(triples)
}

fn refused(what: &str) -> StoreError {
    StoreError::Refused(format!(
        "{what} is not supported on a remote backend: use the remote server's own tools"
    ))
}

impl Storage for Remote {
    fn describe(&self) -> String {
        format!(
            "remote SPARQL store at {}",
            http::redact(&self.config.query_url)
        )
    }

    fn generation(&self) -> u64 {
        self.generation.load(Ordering::Acquire)
    }

    fn replace_article(&self, article_iri: &NamedNode, quads: &[Quad]) -> Result<bool, StoreError> {
        let body = ntriples(quads.iter().map(|quad| TripleRef::from(quad.as_ref())));
        self.put_graph(article_iri, body, &format!("write article {article_iri}"))
    }

    fn remove_article(&self, article_iri: &NamedNode) -> Result<bool, StoreError> {
        self.drop_graph(article_iri, &format!("remove article {article_iri}"))
    }

    fn contains_article(&self, article_iri: &NamedNode) -> Result<bool, StoreError> {
        self.graph_has_triples(article_iri, &format!("look up article {article_iri}"))
    }

    fn replace_graph_from_files(
        &self,
        graph: NamedNodeRef<'_>,
        files: &[PathBuf],
        report: &mut OntologyReport,
    ) -> Result<(), StoreError> {
        let GraphFiles { contents, marker } = read_graph_files(graph, files)?;
        let operation = format!("load graph {graph}");
        let loaded = format!(
            "ASK {{ GRAPH {graph} {{ {} {} {} }} }}",
            marker.subject, marker.predicate, marker.object
        );
        if self.ask(&loaded, &operation)? {
            report.unchanged += 1;
            return Ok(());
        }
        let mut triples = HashSet::new();
        for (path, bytes) in &contents {
            for quad in ontology_parser(path, graph).for_slice(bytes) {
                let quad = quad.map_err(|error| StoreError::Load {
                    path: (*path).clone(),
                    source: LoaderError::Parsing(error.into()),
                })?;
                triples.insert(Triple::from(quad));
            }
        }
        let graph = graph.into_owned();
        // One request per chunk, so that a large gazetteer never needs one request longer
        // than the timeout. Triples with blank nodes go in the first chunk (a blank node's
        // label is scoped to its document), and the marker goes last: a load cut short
        // leaves no marker, and the next one replaces the graph again.
        let (with_blanks, plain): (Vec<&Triple>, Vec<&Triple>) = triples
            .iter()
            .partition(|t| t.subject.is_blank_node() || t.object.is_blank_node());
        let mut chunks = plain.chunks(GRAPH_CHUNK_TRIPLES);
        let first = with_blanks
            .into_iter()
            .chain(chunks.next().unwrap_or_default().iter().copied());
        self.put_graph(&graph, ntriples(first.map(Triple::as_ref)), &operation)?;
        for chunk in chunks {
            let body = ntriples(chunk.iter().map(|t| t.as_ref()));
            self.add_to_graph(&graph, body, &operation, true)?;
        }
        let marker = Triple::from(marker);
        self.add_to_graph(&graph, ntriples([marker.as_ref()]), &operation, true)?;
        report.quads += triples.len() + 1;
        Ok(())
    }

    fn article_count(&self) -> Result<usize, StoreError> {
        // Each article graph holds `<article> a ag:Article`, the graph being named by the article.
        self.count(
            &format!(
                "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE {{ GRAPH ?g {{ ?g a {} }} }}",
                ag::ARTICLE
            ),
            "count articles",
        )
    }

    fn len(&self) -> Result<usize, StoreError> {
        self.count(
            "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }",
            "count quads",
        )
    }

    fn is_empty(&self) -> Result<bool, StoreError> {
        Ok(!self.ask("ASK { GRAPH ?g { ?s ?p ?o } }", "look for any quad")?)
    }

    fn query_to_writer(
        &self,
        query: SparqlQuery,
        graphs: &GraphSelection,
        format: ResultsFormat,
        cancellation: Option<CancellationToken>,
        writer: &mut dyn Write,
    ) -> Result<(), StoreError> {
        let form = query.form();
        if !format.fits(form) {
            return Err(StoreError::FormatMismatch {
                format: format.name(),
                form,
            });
        }
        // TSV is asked as JSON and converted here: servers differ on SPARQL TSV (Virtuoso
        // writes IRIs and variables as quoted strings), and ours must be the standard one.
        let accept = match format {
            ResultsFormat::Solutions(QueryResultsFormat::Tsv) => {
                QueryResultsFormat::Json.media_type()
            }
            other => other.media_type(),
        };
        let call = self.query_call(query.text(), graphs, accept, "run query");
        self.relay(call, format, cancellation, writer)
    }

    fn query(&self, sparql: &str) -> Result<QueryOutput, StoreError> {
        let query = SparqlQuery::parse(sparql)?;
        self.read_query(query.text(), query.form(), "run query")
    }

    fn update(
        &self,
        update: SparqlUpdate,
        graphs: &GraphSelection,
        cancellation: Option<CancellationToken>,
    ) -> Result<(), StoreError> {
        if update.loads_documents() {
            return Err(StoreError::Refused(
                "LOAD is not supported: this server fetches nothing from the network".into(),
            ));
        }
        let mut fields = vec![("update", update.text())];
        fields.extend(
            graphs
                .default_graphs
                .iter()
                .map(|g| ("using-graph-uri", g.as_str())),
        );
        fields.extend(
            graphs
                .named_graphs
                .iter()
                .map(|g| ("using-named-graph-uri", g.as_str())),
        );
        // A user's update may not be idempotent (INSERT … WHERE): sent once unless it never left.
        let call = Call::new(Method::POST, self.config.update_url.clone(), "run update")
            .form(&fields)
            .not_idempotent();
        let result = self.http.fetch(call, false, cancellation);
        self.changed();
        result?;
        Ok(())
    }

    fn graph_exists(&self, target: &GraphTarget) -> Result<bool, StoreError> {
        match target {
            GraphTarget::Default => Ok(true),
            GraphTarget::Named(graph) => {
                self.graph_has_triples(graph, &format!("look up graph {graph}"))
            }
        }
    }

    fn graph_to_writer(
        &self,
        target: &GraphTarget,
        format: RdfFormat,
        cancellation: Option<&CancellationToken>,
        writer: &mut dyn Write,
    ) -> Result<(), StoreError> {
        let GraphTarget::Named(graph) = target else {
            return Err(refused("reading the default graph"));
        };
        let operation = format!("read graph {graph}");
        let call = match self.graph_store_url(target) {
            Some(url) => Call::new(Method::GET, url, operation).accept(format.media_type()),
            None => self.query_call(
                &format!("CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH {graph} {{ ?s ?p ?o }} }}"),
                &GraphSelection::default(),
                format.media_type(),
                &operation,
            ),
        };
        self.relay(
            call,
            ResultsFormat::Graph(format),
            cancellation.cloned(),
            writer,
        )
    }

    fn dataset_to_writer(
        &self,
        _format: RdfFormat,
        _cancellation: Option<&CancellationToken>,
        _writer: &mut dyn Write,
    ) -> Result<(), StoreError> {
        Err(refused("reading every graph at once"))
    }

    fn load_graph(
        &self,
        target: &GraphTarget,
        mode: LoadMode,
        documents: &[(RdfFormat, &[u8])],
        base_iri: Option<&str>,
    ) -> Result<bool, StoreError> {
        let GraphTarget::Named(graph) = target else {
            return Err(refused("writing the default graph"));
        };
        let triples = parse_documents(documents, base_iri)?;
        let body = ntriples(triples.iter().map(Triple::as_ref));
        let operation = format!("write graph {graph}");
        match mode {
            LoadMode::Replace => self.put_graph(graph, body, &operation),
            LoadMode::Add => {
                let existed = self.graph_has_triples(graph, &operation)?;
                self.add_to_graph(graph, body, &operation, false)?;
                Ok(existed)
            }
        }
    }

    fn load_dataset(
        &self,
        _mode: LoadMode,
        _format: RdfFormat,
        _data: &[u8],
        _base_iri: Option<&str>,
    ) -> Result<(), StoreError> {
        Err(refused("loading a whole dataset"))
    }

    fn delete_graph(&self, target: &GraphTarget) -> Result<bool, StoreError> {
        let GraphTarget::Named(graph) = target else {
            return Err(refused("clearing the default graph"));
        };
        self.drop_graph(graph, &format!("delete graph {graph}"))
    }
}
