//! The knowledge graph: the only user of oxigraph's store and SPARQL engine.
//!
//! Each article lives in its own named graph, replaced in one transaction, so
//! ingesting is idempotent. RocksDB transactions in oxigraph do not detect
//! conflicts between concurrent writers, so every write goes through one lock.
//! Queries see the union of all graphs as their default graph unless the query
//! or the request names graphs.

use crate::vocab::ag;
use oxigraph::io::{RdfFormat, RdfParser, RdfSerializer};
use oxigraph::model::{
    GraphName, Literal, NamedNode, NamedNodeRef, NamedOrBlankNode, Quad, Term, Triple,
};
use oxigraph::sparql::{QueryEvaluationError, QueryResults, SparqlEvaluator};
use oxigraph::store::{LoaderError, StorageError, Store};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

mod backup;
mod batch;
pub mod changes;
mod graph_store;
pub mod guard;
pub mod remote;
mod storage;
mod update;

pub use batch::ArticleGraph;
pub use changes::{ChangeLog, Dependencies};
pub use graph_store::{GraphTarget, LoadMode};
pub use oxigraph::sparql::results::QueryResultsFormat;
pub use oxigraph::sparql::CancellationToken;
pub use remote::{Remote, RemoteAuth, RemoteConfig, RemoteError};
pub use storage::{KgStore, Storage};
pub use update::SparqlUpdate;

/// An error raised while writing to or querying the knowledge graph.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The underlying storage (RocksDB) failed.
    #[error("storage error: {0}")]
    Storage(#[from] StorageError),
    /// The SPARQL text did not parse.
    #[error("invalid sparql: {0}")]
    Syntax(#[from] spargebra::SparqlSyntaxError),
    /// The query failed while running.
    #[error("query evaluation failed: {0}")]
    Evaluation(QueryEvaluationError),
    /// The query was cancelled (timeout, client gone).
    #[error("query cancelled")]
    Cancelled,
    /// An ontology or gazetteer file could not be read or parsed.
    #[error("cannot load {path}: {source}")]
    Load {
        /// The file.
        path: PathBuf,
        /// The cause.
        #[source]
        source: LoaderError,
    },
    /// A directory or file could not be read.
    #[error("cannot read {path}: {source}")]
    Io {
        /// The file or directory.
        path: PathBuf,
        /// The cause.
        #[source]
        source: std::io::Error,
    },
    /// Writing results failed (usually: the client went away).
    #[error("cannot write results: {0}")]
    Write(#[source] std::io::Error),
    /// The requested format does not fit the query form (e.g. Turtle for a SELECT).
    #[error("format {format} cannot serialise {form} results")]
    FormatMismatch {
        /// The format's name.
        format: &'static str,
        /// The query form.
        form: QueryForm,
    },
    /// A graph IRI given with the request is not an absolute IRI.
    #[error("invalid graph iri {0:?}")]
    BadGraphIri(String),
    /// The request names graphs (`using-graph-uri`…) and the update names its own
    /// (`USING`, `WITH`): the protocol forbids both at once.
    #[error("the update has USING or WITH clauses: it cannot take using-graph-uri or using-named-graph-uri parameters too")]
    DatasetConflict,
    /// The operation is valid SPARQL but cannot be done here (a `CREATE` of a
    /// graph that exists, a `SERVICE` or `LOAD` of a remote document…).
    #[error("{0}")]
    Refused(String),
    /// RDF data sent to be stored does not parse.
    #[error("invalid rdf: {0}")]
    BadData(String),
    /// The format cannot hold what is asked (named graphs in a format for one graph).
    #[error("format {0} cannot hold named graphs")]
    NotADatasetFormat(&'static str),
    /// An update failed while running.
    #[error("update failed: {0}")]
    Update(oxigraph::sparql::UpdateEvaluationError),
    /// The SPARQL text nests or chains beyond what the server evaluates safely.
    #[error("the sparql operation is too complex: {0}")]
    TooComplex(String),
    /// The remote backend failed (unreachable, timeout, error status), after its retries.
    #[error("remote store: {0}")]
    Remote(#[from] RemoteError),
}

impl From<QueryEvaluationError> for StoreError {
    fn from(error: QueryEvaluationError) -> Self {
        match error {
            QueryEvaluationError::Cancelled => StoreError::Cancelled,
            // Valid queries this store cannot run: SERVICE needs an HTTP client, which is off.
            QueryEvaluationError::UnsupportedService(_)
            | QueryEvaluationError::UnboundService
            | QueryEvaluationError::InvalidServiceName(_)
            | QueryEvaluationError::Service(_) => StoreError::Refused(error.to_string()),
            other => StoreError::Evaluation(other),
        }
    }
}

/// The embedded store: oxigraph on RocksDB (or in memory), in this process.
/// Cheap to clone: clones share the same database.
#[derive(Clone)]
pub struct Embedded {
    store: Store,
    /// Serialises writers: oxigraph's RocksDB transactions do not detect write conflicts.
    writer: Arc<Mutex<()>>,
    /// Counts committed writes and what each touched, so that views computed from
    /// the store (the REST search index, relations) know when to refresh.
    changes: Arc<ChangeLog>,
}

/// The form of a SPARQL query, known before evaluation (for content negotiation).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QueryForm {
    /// `SELECT`: solutions.
    Select,
    /// `ASK`: a boolean.
    Ask,
    /// `CONSTRUCT`: triples.
    Construct,
    /// `DESCRIBE`: triples.
    Describe,
}

impl QueryForm {
    /// Whether the query returns triples (CONSTRUCT, DESCRIBE) rather than solutions or a boolean.
    pub fn returns_graph(self) -> bool {
        matches!(self, QueryForm::Construct | QueryForm::Describe)
    }
}

impl std::fmt::Display for QueryForm {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            QueryForm::Select => "select",
            QueryForm::Ask => "ask",
            QueryForm::Construct => "construct",
            QueryForm::Describe => "describe",
        })
    }
}

/// A parsed SPARQL query.
#[derive(Debug, Clone)]
pub struct SparqlQuery {
    query: spargebra::Query,
    /// The text as given, for a remote backend.
    text: String,
}

impl SparqlQuery {
    /// Parses a SPARQL query.
    pub fn parse(text: &str) -> Result<Self, StoreError> {
        Self::parse_with_base(text, None)
    }

    /// Parses a SPARQL query, resolving relative IRIs against `base_iri` (the
    /// endpoint's IRI, for the protocol). An invalid base IRI is ignored.
    pub fn parse_with_base(text: &str, base_iri: Option<&str>) -> Result<Self, StoreError> {
        guard::check_complexity(text)?;
        Ok(Self {
            query: sparql_parser(base_iri).parse_query(text)?,
            text: text.to_owned(),
        })
    }

    /// The query's text, as given.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The query's form.
    pub fn form(&self) -> QueryForm {
        match self.query {
            spargebra::Query::Select { .. } => QueryForm::Select,
            spargebra::Query::Ask { .. } => QueryForm::Ask,
            spargebra::Query::Construct { .. } => QueryForm::Construct,
            spargebra::Query::Describe { .. } => QueryForm::Describe,
        }
    }

    fn names_graphs(&self) -> bool {
        match &self.query {
            spargebra::Query::Select { dataset, .. }
            | spargebra::Query::Ask { dataset, .. }
            | spargebra::Query::Construct { dataset, .. }
            | spargebra::Query::Describe { dataset, .. } => dataset.is_some(),
        }
    }
}

/// A SPARQL parser that resolves relative IRIs against `base_iri` when it is a valid IRI.
fn sparql_parser(base_iri: Option<&str>) -> spargebra::SparqlParser {
    match base_iri {
        Some(base_iri) => spargebra::SparqlParser::new()
            .with_base_iri(base_iri)
            .unwrap_or_else(|_| spargebra::SparqlParser::new()),
        None => spargebra::SparqlParser::new(),
    }
}

/// The graphs a request names (SPARQL protocol `default-graph-uri` and `named-graph-uri`,
/// or `using-graph-uri` and `using-named-graph-uri` for updates).
/// When both are empty the operation's own `FROM` (`USING`) clauses apply, or else
/// the union of all graphs is the default graph. When either is given, the dataset is
/// exactly what they name: naming only named graphs leaves the default graph empty.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GraphSelection {
    /// The graphs merged into the default graph.
    pub default_graphs: Vec<String>,
    /// The graphs available to `GRAPH` patterns.
    pub named_graphs: Vec<String>,
}

impl GraphSelection {
    /// Whether the request names no graph.
    pub fn is_empty(&self) -> bool {
        self.default_graphs.is_empty() && self.named_graphs.is_empty()
    }
}

/// How to write query results.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResultsFormat {
    /// A SPARQL results format, for SELECT and ASK.
    Solutions(QueryResultsFormat),
    /// An RDF format, for CONSTRUCT and DESCRIBE.
    Graph(RdfFormat),
}

impl ResultsFormat {
    /// The media type to announce.
    pub fn media_type(self) -> &'static str {
        match self {
            ResultsFormat::Solutions(format) => format.media_type(),
            ResultsFormat::Graph(format) => format.media_type(),
        }
    }

    /// Whether this format can carry the results of a query of this form.
    pub fn fits(self, form: QueryForm) -> bool {
        matches!(self, ResultsFormat::Graph(_)) == form.returns_graph()
    }

    fn name(self) -> &'static str {
        match self {
            ResultsFormat::Solutions(format) => format.name(),
            ResultsFormat::Graph(format) => format.name(),
        }
    }
}

/// Query results read to the end: convenient for small results (the CLI table).
#[derive(Debug, Clone, PartialEq)]
pub enum QueryOutput {
    /// SELECT results: the variables and one row of optional bindings per solution.
    Solutions {
        /// The variable names, without `?`.
        variables: Vec<String>,
        /// The rows, one value per variable.
        rows: Vec<Vec<Option<Term>>>,
    },
    /// An ASK result.
    Boolean(bool),
    /// CONSTRUCT or DESCRIBE results.
    Graph(Vec<Triple>),
}

/// What [`KgStore::load_ontology`] loaded.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OntologyReport {
    /// The files read.
    pub files: Vec<PathBuf>,
    /// The quads loaded: 0 for a graph whose files had not changed since the last load.
    pub quads: usize,
    /// The graphs left as they were, their files unchanged.
    pub unchanged: usize,
}

/// The prefixes used when writing Turtle and TriG.
pub const PREFIXES: &[(&str, &str)] = &[
    ("ag", "https://w3id.org/actorgraph/ns#"),
    ("aga", "https://w3id.org/actorgraph/actor/"),
    ("agp", "https://w3id.org/actorgraph/place/"),
    ("rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"),
    ("rdfs", "http://www.w3.org/2000/01/rdf-schema#"),
    ("skos", "http://www.w3.org/2004/02/skos/core#"),
    ("prov", "http://www.w3.org/ns/prov#"),
    ("schema", "https://schema.org/"),
    ("xsd", "http://www.w3.org/2001/XMLSchema#"),
];

/// An RDF serializer with our prefixes (formats without prefixes ignore them).
pub fn rdf_serializer(format: RdfFormat) -> RdfSerializer {
    let mut serializer = RdfSerializer::from_format(format);
    for (name, iri) in PREFIXES {
        serializer = serializer
            .with_prefix(*name, *iri)
            .expect("prefix IRIs are valid");
    }
    serializer
}

/// The error of on-disk operations in a build without RocksDB (the fuzz targets).
#[cfg(not(feature = "rocksdb"))]
fn without_disk(path: &Path) -> StoreError {
    StoreError::Refused(format!(
        "cannot use {}: built without on-disk storage",
        path.display()
    ))
}

const ARTICLE_GRAPH_PREFIX: &str = "https://w3id.org/actorgraph/article/";

impl Embedded {
    /// Opens (or creates) an on-disk store (RocksDB) in `path`.
    pub fn open(path: impl AsRef<Path>) -> Result<Self, StoreError> {
        #[cfg(feature = "rocksdb")]
        return Ok(Self::wrap(Store::open(path)?));
        #[cfg(not(feature = "rocksdb"))]
        return Err(without_disk(path.as_ref()));
    }

    /// Creates a store held in memory, gone when dropped.
    pub fn in_memory() -> Result<Self, StoreError> {
        Ok(Self::wrap(Store::new()?))
    }

    fn wrap(store: Store) -> Self {
        Self {
            store,
            writer: Arc::new(Mutex::new(())),
            changes: Arc::new(ChangeLog::default()),
        }
    }

    /// The number of writes committed through this store since it was opened. A view
    /// computed after reading generation `g` is current as long as it is still `g`.
    pub fn generation(&self) -> u64 {
        self.changes.generation()
    }

    /// What the writes after `generation` did: see [`ChangeLog`].
    pub fn changes(&self) -> &ChangeLog {
        &self.changes
    }

    /// Records a committed write whose reach is not known (it may touch anything).
    fn changed(&self) {
        self.changes.record(None);
    }

    /// Replaces the content of an article's graph with `quads`, in one transaction.
    /// Returns whether the graph existed before. `quads` must all be in that graph.
    pub fn replace_article(
        &self,
        article_iri: &NamedNode,
        quads: &[Quad],
    ) -> Result<bool, StoreError> {
        let article = ArticleGraph {
            iri: article_iri.clone(),
            quads: quads.to_vec(),
        };
        Ok(Embedded::replace_articles(self, std::slice::from_ref(&article))?[0])
    }

    /// Removes an article's graph. Returns whether it existed.
    pub fn remove_article(&self, article_iri: &NamedNode) -> Result<bool, StoreError> {
        let _writer = self.writer.lock().unwrap_or_else(PoisonError::into_inner);
        let pending = self.pending_changes([(article_iri, &[][..])])?;
        let mut transaction = self.store.start_transaction()?;
        let existed = transaction.contains_named_graph(article_iri)?;
        if existed {
            transaction.remove_named_graph(article_iri)?;
        }
        transaction.commit()?;
        self.record_changes(pending);
        Ok(existed)
    }

    /// Whether the store holds this article.
    pub fn contains_article(&self, article_iri: &NamedNode) -> Result<bool, StoreError> {
        Ok(self.store.contains_named_graph(article_iri)?)
    }

    /// Replaces a graph by the triples of the files, unless the graph was loaded from
    /// the same files (same names, same bytes) before: the gazetteer is large, and
    /// `serve` and `load` call this at every start.
    pub fn replace_graph_from_files(
        &self,
        graph: NamedNodeRef<'_>,
        files: &[PathBuf],
        report: &mut OntologyReport,
    ) -> Result<(), StoreError> {
        // Read everything first: no file I/O while holding the writer lock.
        let GraphFiles { contents, marker } = read_graph_files(graph, files)?;
        // Unchanged since the last load (the usual start-up): nothing to parse. Checked
        // again under the writer lock below, in case another load ran in between.
        if self.store.contains(&marker)? {
            report.unchanged += 1;
            return Ok(());
        }
        // Parse everything before writing: a bad file leaves the graph as it was.
        let mut quads = Vec::new();
        for (path, bytes) in &contents {
            for quad in ontology_parser(path, graph).for_slice(bytes) {
                quads.push(quad.map_err(|error| StoreError::Load {
                    path: (*path).clone(),
                    source: LoaderError::Parsing(error.into()),
                })?);
            }
        }
        quads.push(marker.clone());
        let _writer = self.writer.lock().unwrap_or_else(PoisonError::into_inner);
        if self.store.contains(&marker)? {
            report.unchanged += 1;
            return Ok(());
        }
        let empty = self
            .store
            .quads_for_pattern(None, None, None, Some(graph.into()))
            .next()
            .is_none();
        if empty {
            // A first load (a new store): the bulk loader is many times faster, and its commit atomic.
            let mut loader = self.store.bulk_loader();
            loader.load_quads(quads)?;
            loader.commit()?;
        } else {
            let mut transaction = self.store.start_transaction()?;
            transaction.clear_graph(graph)?;
            transaction.extend(&quads);
            transaction.commit()?;
        }
        report.quads += self
            .store
            .quads_for_pattern(None, None, None, Some(graph.into()))
            .count();
        self.changed();
        Ok(())
    }

    /// The number of articles (article graphs) in the store.
    pub fn article_count(&self) -> Result<usize, StoreError> {
        let mut count = 0;
        for graph in self.store.named_graphs() {
            if let NamedOrBlankNode::NamedNode(graph) = graph? {
                count += usize::from(graph.as_str().starts_with(ARTICLE_GRAPH_PREFIX));
            }
        }
        Ok(count)
    }

    /// The number of quads in the store (a full scan: not for hot paths).
    pub fn len(&self) -> Result<usize, StoreError> {
        Ok(self.store.len()?)
    }

    /// Whether the store holds no quad.
    pub fn is_empty(&self) -> Result<bool, StoreError> {
        Ok(self.store.is_empty()?)
    }

    /// Evaluates a query and writes its results to `writer` in `format`, as they come.
    ///
    /// The default graph is the union of all graphs unless the query (`FROM`) or
    /// `graphs` names some. Cancelling `cancellation` stops the evaluation with
    /// [`StoreError::Cancelled`]. Runs synchronously: call it from a blocking thread.
    pub fn query_to_writer<W: Write>(
        &self,
        query: SparqlQuery,
        graphs: &GraphSelection,
        format: ResultsFormat,
        cancellation: Option<CancellationToken>,
        writer: W,
    ) -> Result<W, StoreError> {
        let form = query.form();
        if !format.fits(form) {
            return Err(StoreError::FormatMismatch {
                format: format.name(),
                form,
            });
        }
        let results = self.evaluate(query, graphs, cancellation)?;
        match (results, format) {
            (QueryResults::Boolean(value), ResultsFormat::Solutions(format)) => {
                oxigraph::sparql::results::QueryResultsSerializer::from_format(format)
                    .serialize_boolean_to_writer(writer, value)
                    .map_err(StoreError::Write)
            }
            (QueryResults::Solutions(solutions), ResultsFormat::Solutions(format)) => {
                let mut serializer =
                    oxigraph::sparql::results::QueryResultsSerializer::from_format(format)
                        .serialize_solutions_to_writer(writer, solutions.variables().to_vec())
                        .map_err(StoreError::Write)?;
                for solution in solutions {
                    serializer
                        .serialize(&solution?)
                        .map_err(StoreError::Write)?;
                }
                serializer.finish().map_err(StoreError::Write)
            }
            (QueryResults::Graph(triples), ResultsFormat::Graph(format)) => {
                let mut serializer = rdf_serializer(format).for_writer(writer);
                for triple in triples {
                    serializer
                        .serialize_triple(&triple?)
                        .map_err(StoreError::Write)?;
                }
                serializer.finish().map_err(StoreError::Write)
            }
            (_, format) => Err(StoreError::FormatMismatch {
                format: format.name(),
                form,
            }),
        }
    }

    /// Evaluates a query (union default graph) and reads all its results.
    pub fn query(&self, sparql: &str) -> Result<QueryOutput, StoreError> {
        let query = SparqlQuery::parse(sparql)?;
        Ok(
            match self.evaluate(query, &GraphSelection::default(), None)? {
                QueryResults::Boolean(value) => QueryOutput::Boolean(value),
                QueryResults::Solutions(solutions) => {
                    let variables = solutions
                        .variables()
                        .iter()
                        .map(|variable| variable.as_str().to_owned())
                        .collect();
                    let mut rows = Vec::new();
                    for solution in solutions {
                        rows.push(solution?.values().to_vec());
                    }
                    QueryOutput::Solutions { variables, rows }
                }
                QueryResults::Graph(triples) => {
                    QueryOutput::Graph(triples.collect::<Result<Vec<_>, _>>()?)
                }
            },
        )
    }

    fn evaluate(
        &self,
        query: SparqlQuery,
        graphs: &GraphSelection,
        cancellation: Option<CancellationToken>,
    ) -> Result<QueryResults<'static>, StoreError> {
        let names_graphs = query.names_graphs();
        let mut evaluator = SparqlEvaluator::new();
        if let Some(token) = cancellation {
            evaluator = evaluator.with_cancellation_token(token);
        }
        let mut prepared = evaluator.for_query(query.query);
        let dataset = prepared.dataset_mut();
        if !graphs.is_empty() {
            // The protocol's dataset replaces the query's own (SPARQL 1.1 Protocol, 2.1.4).
            let (default_graphs, named_graphs) = graphs.parse()?;
            dataset.set_default_graph(default_graphs);
            dataset.set_available_named_graphs(named_graphs);
        } else if !names_graphs {
            // Facts live in per-article graphs: without the union, a plain query would see nothing.
            dataset.set_default_graph_as_union();
        }
        Ok(prepared.on_store(&self.store).execute()?)
    }
}

/// The files of one ontology graph, read, and the quad that marks the graph as
/// loaded from exactly these files (their digest).
pub(crate) struct GraphFiles<'a> {
    /// Each file with its bytes.
    pub contents: Vec<(&'a PathBuf, Vec<u8>)>,
    /// `<graph> ag:sourceHash "digest" <graph>`.
    pub marker: Quad,
}

/// Reads the files of an ontology graph and computes their digest marker.
pub(crate) fn read_graph_files<'a>(
    graph: NamedNodeRef<'_>,
    files: &'a [PathBuf],
) -> Result<GraphFiles<'a>, StoreError> {
    let mut contents = Vec::with_capacity(files.len());
    let mut digest_input = Vec::new();
    for path in files {
        let bytes = std::fs::read(path).map_err(|source| StoreError::Io {
            path: path.clone(),
            source,
        })?;
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
        digest_input.extend_from_slice(name.unwrap_or_default().as_bytes());
        digest_input.push(0);
        digest_input.extend_from_slice(&(bytes.len() as u64).to_le_bytes());
        digest_input.extend_from_slice(&bytes);
        contents.push((path, bytes));
    }
    // A name-based UUID is a SHA-1 digest, stable across builds and platforms.
    let digest = uuid::Uuid::new_v5(&uuid::Uuid::NAMESPACE_URL, &digest_input).to_string();
    let marker = Quad::new(
        graph.into_owned(),
        ag::SOURCE_HASH,
        Literal::new_simple_literal(&digest),
        graph.into_owned(),
    );
    Ok(GraphFiles { contents, marker })
}

/// A Turtle parser for an ontology file, putting its triples in `graph`.
pub(crate) fn ontology_parser(path: &Path, graph: NamedNodeRef<'_>) -> RdfParser {
    RdfParser::from_format(RdfFormat::Turtle)
        .with_base_iri(format!("file://{}", path.display()))
        .unwrap_or_else(|_| RdfParser::from_format(RdfFormat::Turtle))
        .without_named_graphs()
        .with_default_graph(graph)
        .rename_blank_nodes()
}

impl GraphSelection {
    /// The graph IRIs as oxigraph terms: (default graphs, named graphs).
    fn parse(&self) -> Result<(Vec<GraphName>, Vec<NamedOrBlankNode>), StoreError> {
        let default_graphs = self
            .default_graphs
            .iter()
            .map(|iri| parse_graph_iri(iri).map(GraphName::NamedNode))
            .collect::<Result<_, _>>()?;
        let named_graphs = self
            .named_graphs
            .iter()
            .map(|iri| parse_graph_iri(iri).map(NamedOrBlankNode::NamedNode))
            .collect::<Result<_, _>>()?;
        Ok((default_graphs, named_graphs))
    }
}

fn parse_graph_iri(iri: &str) -> Result<NamedNode, StoreError> {
    NamedNode::new(iri).map_err(|_| StoreError::BadGraphIri(iri.to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use oxigraph::model::Literal;

    fn quad(graph: &str, object: &str) -> Quad {
        Quad::new(
            NamedNode::new_unchecked("http://example.com/s"),
            NamedNode::new_unchecked("http://example.com/p"),
            Literal::new_simple_literal(object),
            NamedNode::new_unchecked(graph),
        )
    }

    #[test]
    fn replace_is_idempotent_and_union_is_the_default() {
        let store = Embedded::in_memory().unwrap();
        let graph = NamedNode::new_unchecked(format!("{ARTICLE_GRAPH_PREFIX}1"));
        assert!(!store
            .replace_article(
                &graph,
                &[quad(graph.as_str(), "a"), quad(graph.as_str(), "b")]
            )
            .unwrap());
        assert!(store
            .replace_article(&graph, &[quad(graph.as_str(), "c")])
            .unwrap());
        assert_eq!(store.len().unwrap(), 1);
        assert_eq!(store.article_count().unwrap(), 1);
        let QueryOutput::Solutions { rows, .. } =
            store.query("SELECT ?o WHERE { ?s ?p ?o }").unwrap()
        else {
            panic!("not solutions")
        };
        assert_eq!(
            rows,
            vec![vec![Some(Literal::new_simple_literal("c").into())]]
        );
        assert!(store.remove_article(&graph).unwrap());
        assert_eq!(store.article_count().unwrap(), 0);
        assert!(store.is_empty().unwrap());
    }

    #[test]
    fn unchanged_ontology_files_are_not_reloaded() {
        let dir = tempfile::tempdir().unwrap();
        let write = |name: &str, object: &str| {
            let path = dir.path().join(name);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(
                path,
                format!("<http://example.com/s> <http://example.com/p> \"{object}\" ."),
            )
            .unwrap();
        };
        write("actorgraph.ttl", "vocabulary");
        write("gazetteer/places.ttl", "a");
        let store = KgStore::in_memory().unwrap();
        let first = store.load_ontology(dir.path()).unwrap();
        assert_eq!((first.quads, first.unchanged), (4, 0)); // two triples, two markers
        let again = store.load_ontology(dir.path()).unwrap();
        assert_eq!((again.quads, again.unchanged), (0, 2));
        write("gazetteer/places.ttl", "b");
        let changed = store.load_ontology(dir.path()).unwrap();
        assert_eq!((changed.quads, changed.unchanged), (2, 1));
        let ask = |object: &str| {
            let query = format!("ASK {{ GRAPH ?g {{ ?s <http://example.com/p> \"{object}\" }} }}");
            matches!(store.query(&query).unwrap(), QueryOutput::Boolean(true))
        };
        assert!(ask("b") && !ask("a"));
    }

    #[test]
    fn request_graphs_override_the_union() {
        let store = Embedded::in_memory().unwrap();
        let graph = NamedNode::new_unchecked("http://example.com/g");
        store
            .replace_article(&graph, &[quad(graph.as_str(), "a")])
            .unwrap();
        let query = || SparqlQuery::parse("ASK { ?s ?p ?o }").unwrap();
        let format = ResultsFormat::Solutions(QueryResultsFormat::Csv);
        let ask = |graphs: &GraphSelection| {
            String::from_utf8(
                store
                    .query_to_writer(query(), graphs, format, None, Vec::new())
                    .unwrap(),
            )
            .unwrap()
        };
        assert_eq!(ask(&GraphSelection::default()), "true");
        let other = GraphSelection {
            default_graphs: vec!["http://example.com/other".into()],
            ..Default::default()
        };
        assert_eq!(ask(&other), "false");
        assert!(matches!(
            store.query_to_writer(
                query(),
                &GraphSelection::default(),
                ResultsFormat::Graph(RdfFormat::Turtle),
                None,
                Vec::new()
            ),
            Err(StoreError::FormatMismatch { .. })
        ));
    }

    #[test]
    fn cancellation_stops_the_query() {
        let store = Embedded::in_memory().unwrap();
        let graph = NamedNode::new_unchecked("http://example.com/g");
        store
            .replace_article(&graph, &[quad(graph.as_str(), "a")])
            .unwrap();
        let token = CancellationToken::new();
        token.cancel();
        // Oxigraph checks the token as it reads quads.
        let result = store.query_to_writer(
            SparqlQuery::parse("SELECT * WHERE { ?s ?p ?o }").unwrap(),
            &GraphSelection::default(),
            ResultsFormat::Solutions(QueryResultsFormat::Json),
            Some(token),
            Vec::new(),
        );
        assert!(matches!(result, Err(StoreError::Cancelled)), "{result:?}");
    }
}
