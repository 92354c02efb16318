//! The storage interface and the facade every caller uses.
//!
//! [`Storage`] is what a backend does for the rest of the crate: replace or
//! delete one article's graph atomically, run queries (streaming their
//! results) and updates, and the Graph Store operations the API needs. Two
//! backends implement it: [`Embedded`] (oxigraph in this process, the default)
//! and [`Remote`] (any SPARQL 1.1 server, over the Protocol, Update and Graph
//! Store HTTP Protocol). [`KgStore`] holds one of them behind an `Arc`, so
//! `extract`, `rdf`, `api` and `cli` do not change when the backend does.

use super::remote::{Remote, RemoteConfig};
use super::{
    ArticleGraph, Dependencies, Embedded, GraphSelection, GraphTarget, LoadMode, OntologyReport,
    QueryOutput, ResultsFormat, SparqlQuery, SparqlUpdate, StoreError,
};
use crate::vocab::graphs;
use oxigraph::io::RdfFormat;
use oxigraph::model::{NamedNode, NamedNodeRef, Quad};
use oxigraph::sparql::CancellationToken;
use std::collections::HashSet;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// What a storage backend does. Every method is synchronous: call it from a
/// blocking thread (the API runs store calls on tokio's blocking pool).
///
/// **Invariant:** an article's graph is replaced or removed atomically: after an
/// error it holds either its old content or its new one, never a mix.
pub trait Storage: Send + Sync {
    /// A short description for logs (never with credentials).
    fn describe(&self) -> String;

    /// The number of writes committed through this handle since it was opened.
    fn generation(&self) -> u64;

    /// The actors, places and sources that writes after `generation` touched, or
    /// `None` when that is not known (see [`super::ChangeLog`]). By default: unknown.
    fn touched_since(&self, generation: u64) -> Option<HashSet<String>> {
        (generation >= self.generation()).then(HashSet::new)
    }

    /// The article graphs that writes after `generation` wrote or removed, or `None`
    /// when that is not known. By default: unknown.
    fn articles_since(&self, generation: u64) -> Option<HashSet<String>> {
        (generation >= self.generation()).then(HashSet::new)
    }

    /// Whether no write after `generation` touched what a view read then depends on.
    /// By default: only when there was no write at all.
    fn untouched_since(&self, generation: u64, dependencies: &Dependencies) -> bool {
        let _ = dependencies;
        generation >= self.generation()
    }

    /// Replaces the content of an article's graph with `quads` (all in that graph),
    /// atomically. Returns whether the graph existed before.
    fn replace_article(&self, article_iri: &NamedNode, quads: &[Quad]) -> Result<bool, StoreError>;

    /// Replaces several articles' graphs, each one atomically (not the batch as a
    /// whole), and answers one result per article, in order: a failed article is
    /// left as it was and can be retried. Backends may write a batch faster than
    /// one article at a time.
    fn replace_articles(&self, batch: &[ArticleGraph]) -> Vec<Result<bool, StoreError>> {
        batch
            .iter()
            .map(|article| self.replace_article(&article.iri, &article.quads))
            .collect()
    }

    /// Removes an article's graph. Returns whether it existed.
    fn remove_article(&self, article_iri: &NamedNode) -> Result<bool, StoreError>;

    /// Whether the store holds this article.
    fn contains_article(&self, article_iri: &NamedNode) -> Result<bool, StoreError>;

    /// Replaces `graph` by the triples of the Turtle `files`, unless it was loaded
    /// from the same files before (see [`KgStore::load_ontology`]).
    fn replace_graph_from_files(
        &self,
        graph: NamedNodeRef<'_>,
        files: &[PathBuf],
        report: &mut OntologyReport,
    ) -> Result<(), StoreError>;

    /// The number of articles (article graphs).
    fn article_count(&self) -> Result<usize, StoreError>;

    /// The number of quads (a full count: not for hot paths).
    fn len(&self) -> Result<usize, StoreError>;

    /// Whether the store holds no quad.
    fn is_empty(&self) -> Result<bool, StoreError>;

    /// Evaluates a query and writes its results to `writer` in `format`, as they come.
    fn query_to_writer(
        &self,
        query: SparqlQuery,
        graphs: &GraphSelection,
        format: ResultsFormat,
        cancellation: Option<CancellationToken>,
        writer: &mut dyn Write,
    ) -> Result<(), StoreError>;

    /// Evaluates a query (union default graph) and reads all its results.
    fn query(&self, sparql: &str) -> Result<QueryOutput, StoreError>;

    /// Runs a SPARQL update, all or nothing.
    fn update(
        &self,
        update: SparqlUpdate,
        graphs: &GraphSelection,
        cancellation: Option<CancellationToken>,
    ) -> Result<(), StoreError>;

    /// Whether the graph exists (the default graph always does).
    fn graph_exists(&self, target: &GraphTarget) -> Result<bool, StoreError>;

    /// Writes the triples of one graph to `writer`.
    fn graph_to_writer(
        &self,
        target: &GraphTarget,
        format: RdfFormat,
        cancellation: Option<&CancellationToken>,
        writer: &mut dyn Write,
    ) -> Result<(), StoreError>;

    /// Writes every quad to `writer` in a dataset format.
    fn dataset_to_writer(
        &self,
        format: RdfFormat,
        cancellation: Option<&CancellationToken>,
        writer: &mut dyn Write,
    ) -> Result<(), StoreError>;

    /// Replaces or adds to one graph with the documents, all or nothing. Returns
    /// whether the graph existed (held triples, for the default graph) before.
    fn load_graph(
        &self,
        target: &GraphTarget,
        mode: LoadMode,
        documents: &[(RdfFormat, &[u8])],
        base_iri: Option<&str>,
    ) -> Result<bool, StoreError>;

    /// Replaces or adds to the whole dataset with a document in a dataset format.
    fn load_dataset(
        &self,
        mode: LoadMode,
        format: RdfFormat,
        data: &[u8],
        base_iri: Option<&str>,
    ) -> Result<(), StoreError>;

    /// Deletes a graph (empties the default graph). Returns whether it existed.
    fn delete_graph(&self, target: &GraphTarget) -> Result<bool, StoreError>;

    /// The embedded store, for what only it can do (backup, dump, restore, flush).
    fn embedded(&self) -> Option<&Embedded> {
        None
    }
}

impl Storage for Embedded {
    /// One transaction for the whole batch: all written, or (on a storage error) none.
    fn replace_articles(&self, batch: &[ArticleGraph]) -> Vec<Result<bool, StoreError>> {
        match Embedded::replace_articles(self, batch) {
            Ok(existed) => existed.into_iter().map(Ok).collect(),
            Err(error) => {
                let message = error.to_string();
                let mut results = vec![Err(error)];
                results.extend((1..batch.len()).map(|_| {
                    Err(StoreError::Refused(format!(
                        "not written: the batch's transaction failed: {message}"
                    )))
                }));
                results
            }
        }
    }

    fn describe(&self) -> String {
        "embedded oxigraph store".into()
    }

    fn generation(&self) -> u64 {
        Embedded::generation(self)
    }

    fn touched_since(&self, generation: u64) -> Option<HashSet<String>> {
        self.changes().touched_since(generation)
    }

    fn articles_since(&self, generation: u64) -> Option<HashSet<String>> {
        self.changes().articles_since(generation)
    }

    fn untouched_since(&self, generation: u64, dependencies: &Dependencies) -> bool {
        self.changes().untouched_since(generation, dependencies)
    }

    fn replace_article(&self, article_iri: &NamedNode, quads: &[Quad]) -> Result<bool, StoreError> {
        Embedded::replace_article(self, article_iri, quads)
    }

    fn remove_article(&self, article_iri: &NamedNode) -> Result<bool, StoreError> {
        Embedded::remove_article(self, article_iri)
    }

    fn contains_article(&self, article_iri: &NamedNode) -> Result<bool, StoreError> {
        Embedded::contains_article(self, article_iri)
    }

    fn replace_graph_from_files(
        &self,
        graph: NamedNodeRef<'_>,
        files: &[PathBuf],
        report: &mut OntologyReport,
    ) -> Result<(), StoreError> {
        Embedded::replace_graph_from_files(self, graph, files, report)
    }

    fn article_count(&self) -> Result<usize, StoreError> {
        Embedded::article_count(self)
    }

    fn len(&self) -> Result<usize, StoreError> {
        Embedded::len(self)
    }

    fn is_empty(&self) -> Result<bool, StoreError> {
        Embedded::is_empty(self)
    }

    fn query_to_writer(
        &self,
        query: SparqlQuery,
        graphs: &GraphSelection,
        format: ResultsFormat,
        cancellation: Option<CancellationToken>,
        writer: &mut dyn Write,
    ) -> Result<(), StoreError> {
        Embedded::query_to_writer(self, query, graphs, format, cancellation, writer).map(drop)
    }

    fn query(&self, sparql: &str) -> Result<QueryOutput, StoreError> {
        Embedded::query(self, sparql)
    }

    fn update(
        &self,
        update: SparqlUpdate,
        graphs: &GraphSelection,
        cancellation: Option<CancellationToken>,
    ) -> Result<(), StoreError> {
        Embedded::update(self, update, graphs, cancellation)
    }

    fn graph_exists(&self, target: &GraphTarget) -> Result<bool, StoreError> {
        Embedded::graph_exists(self, target)
    }

    fn graph_to_writer(
        &self,
        target: &GraphTarget,
        format: RdfFormat,
        cancellation: Option<&CancellationToken>,
        writer: &mut dyn Write,
    ) -> Result<(), StoreError> {
        Embedded::graph_to_writer(self, target, format, cancellation, writer).map(drop)
    }

    fn dataset_to_writer(
        &self,
        format: RdfFormat,
        cancellation: Option<&CancellationToken>,
        writer: &mut dyn Write,
    ) -> Result<(), StoreError> {
        Embedded::dataset_to_writer(self, format, cancellation, writer).map(drop)
    }

    fn load_graph(
        &self,
        target: &GraphTarget,
        mode: LoadMode,
        documents: &[(RdfFormat, &[u8])],
        base_iri: Option<&str>,
    ) -> Result<bool, StoreError> {
        Embedded::load_graph(self, target, mode, documents, base_iri)
    }

    fn load_dataset(
        &self,
        mode: LoadMode,
        format: RdfFormat,
        data: &[u8],
        base_iri: Option<&str>,
    ) -> Result<(), StoreError> {
        Embedded::load_dataset(self, mode, format, data, base_iri)
    }

    fn delete_graph(&self, target: &GraphTarget) -> Result<bool, StoreError> {
        Embedded::delete_graph(self, target)
    }

    fn embedded(&self) -> Option<&Embedded> {
        Some(self)
    }
}

/// The knowledge-graph store, on whichever backend it was opened with. Cheap to
/// clone: clones share the same backend.
///
/// ```
/// use actorgraph::article::parse_text;
/// use actorgraph::store::KgStore;
///
/// let store = KgStore::in_memory()?;
/// let article = parse_text("date 2024-07 Les combats ont repris à Kidal.")?;
/// let quads = actorgraph::rdf::article_quads(&article, &actorgraph::extract::extract(&article, &Default::default()));
/// let article_iri = actorgraph::rdf::article_iri(&article.id);
/// assert!(!store.replace_article(&article_iri, &quads)?); // new
/// assert!(store.replace_article(&article_iri, &quads)?); // replaced, not duplicated
/// assert_eq!(store.article_count()?, 1);
/// assert_eq!(store.len()?, quads.len());
/// # Ok::<_, Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone)]
pub struct KgStore {
    backend: Arc<dyn Storage>,
}

impl KgStore {
    /// Opens (or creates) an embedded on-disk store (RocksDB) in `path`.
    pub fn open(path: impl AsRef<Path>) -> Result<Self, StoreError> {
        Ok(Self::with_backend(Embedded::open(path)?))
    }

    /// Creates an embedded store held in memory, gone when dropped.
    pub fn in_memory() -> Result<Self, StoreError> {
        Ok(Self::with_backend(Embedded::in_memory()?))
    }

    /// Opens an existing embedded on-disk store for reading only.
    pub fn open_read_only(path: impl AsRef<Path>) -> Result<Self, StoreError> {
        Ok(Self::with_backend(Embedded::open_read_only(path)?))
    }

    /// A store on a remote SPARQL 1.1 server. Nothing is sent until it is used.
    pub fn remote(config: RemoteConfig) -> Result<Self, StoreError> {
        Ok(Self::with_backend(Remote::new(config)?))
    }

    /// A store on any backend.
    pub fn with_backend(backend: impl Storage + 'static) -> Self {
        Self {
            backend: Arc::new(backend),
        }
    }

    /// The backend, for logs (never with credentials).
    pub fn describe(&self) -> String {
        self.backend.describe()
    }

    /// Whether the store is the embedded one (so backups, dumps and restores work).
    pub fn is_embedded(&self) -> bool {
        self.backend.embedded().is_some()
    }

    /// The embedded store, or an error naming what needs it.
    fn embedded(&self, what: &str) -> Result<&Embedded, StoreError> {
        self.backend.embedded().ok_or_else(|| {
            StoreError::Refused(format!(
                "{what} works on the embedded store only: {} keeps its data itself, use its own tools",
                self.backend.describe()
            ))
        })
    }

    /// The number of writes committed through this store since it was opened. A view
    /// computed after reading generation `g` is current as long as it is still `g`.
    pub fn generation(&self) -> u64 {
        self.backend.generation()
    }

    /// The actors, places and described sources that writes after `generation`
    /// touched, or `None` when that is not known (a SPARQL update, a remote store…):
    /// views read at `generation` that depend on none of them are still current.
    pub fn touched_since(&self, generation: u64) -> Option<HashSet<String>> {
        self.backend.touched_since(generation)
    }

    /// The article graphs that writes after `generation` wrote or removed, or `None`
    /// when that is not known (a SPARQL update, a remote store…).
    pub fn articles_since(&self, generation: u64) -> Option<HashSet<String>> {
        self.backend.articles_since(generation)
    }

    /// Whether no write after `generation` touched what a view read then depends on
    /// (see [`Dependencies`]).
    pub fn untouched_since(&self, generation: u64, dependencies: &Dependencies) -> bool {
        self.backend.untouched_since(generation, dependencies)
    }

    /// Replaces the content of an article's graph with `quads`, atomically.
    /// Returns whether the graph existed before. `quads` must all be in that graph.
    pub fn replace_article(
        &self,
        article_iri: &NamedNode,
        quads: &[Quad],
    ) -> Result<bool, StoreError> {
        self.backend.replace_article(article_iri, quads)
    }

    /// Replaces several articles' graphs, each atomically, with one result per
    /// article (see [`Storage::replace_articles`]).
    pub fn replace_articles(&self, batch: &[ArticleGraph]) -> Vec<Result<bool, StoreError>> {
        self.backend.replace_articles(batch)
    }

    /// Writes new articles with oxigraph's bulk loader, in one atomic commit
    /// (articles already stored are replaced in a transaction). Embedded store only.
    pub fn bulk_load_articles(&self, batch: Vec<ArticleGraph>) -> Result<Vec<bool>, StoreError> {
        self.embedded("bulk loading")?.bulk_load_articles(batch)
    }

    /// Removes an article's graph. Returns whether it existed.
    pub fn remove_article(&self, article_iri: &NamedNode) -> Result<bool, StoreError> {
        self.backend.remove_article(article_iri)
    }

    /// Whether the store holds this article.
    pub fn contains_article(&self, article_iri: &NamedNode) -> Result<bool, StoreError> {
        self.backend.contains_article(article_iri)
    }

    /// Loads `dir/actorgraph.ttl` into the ontology graph and `dir/gazetteer/*.ttl`
    /// into the gazetteer graph, replacing each graph atomically, so that
    /// editing the data and restarting refreshes them. A missing file or folder
    /// leaves its graph empty: the data may not be written yet.
    pub fn load_ontology(&self, dir: &Path) -> Result<OntologyReport, StoreError> {
        let mut report = OntologyReport::default();
        let ontology_file = dir.join("actorgraph.ttl");
        let ontology_files: Vec<PathBuf> = ontology_file
            .is_file()
            .then_some(ontology_file)
            .into_iter()
            .collect();
        self.backend
            .replace_graph_from_files(graphs::ONTOLOGY, &ontology_files, &mut report)?;
        report.files.extend(ontology_files);

        let gazetteer_dir = dir.join("gazetteer");
        let mut gazetteer_files = Vec::new();
        if gazetteer_dir.is_dir() {
            let entries = std::fs::read_dir(&gazetteer_dir).map_err(|source| StoreError::Io {
                path: gazetteer_dir.clone(),
                source,
            })?;
            for entry in entries {
                let path = entry
                    .map_err(|source| StoreError::Io {
                        path: gazetteer_dir.clone(),
                        source,
                    })?
                    .path();
                if path.extension().is_some_and(|ext| ext == "ttl") {
                    gazetteer_files.push(path);
                }
            }
        }
        gazetteer_files.sort(); // a stable order, so errors come out the same each time
        self.backend
            .replace_graph_from_files(graphs::GAZETTEER, &gazetteer_files, &mut report)?;
        report.files.extend(gazetteer_files);
        Ok(report)
    }

    /// The number of articles (article graphs) in the store.
    pub fn article_count(&self) -> Result<usize, StoreError> {
        self.backend.article_count()
    }

    /// The number of quads in the store (a full scan: not for hot paths).
    pub fn len(&self) -> Result<usize, StoreError> {
        self.backend.len()
    }

    /// Whether the store holds no quad.
    pub fn is_empty(&self) -> Result<bool, StoreError> {
        self.backend.is_empty()
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
        mut writer: W,
    ) -> Result<W, StoreError> {
        self.backend
            .query_to_writer(query, graphs, format, cancellation, &mut writer)?;
        Ok(writer)
    }

    /// Evaluates a query (union default graph) and reads all its results.
    pub fn query(&self, sparql: &str) -> Result<QueryOutput, StoreError> {
        self.backend.query(sparql)
    }

    /// Runs a SPARQL update, all or nothing. `WHERE` clauses see the union of all
    /// graphs as the default graph unless the update (`USING`, `WITH`) or `graphs`
    /// names some. Cancelling `cancellation` stops it and changes nothing.
    pub fn update(
        &self,
        update: SparqlUpdate,
        graphs: &GraphSelection,
        cancellation: Option<CancellationToken>,
    ) -> Result<(), StoreError> {
        self.backend.update(update, graphs, cancellation)
    }

    /// Whether the graph exists (the default graph always does).
    pub fn graph_exists(&self, target: &GraphTarget) -> Result<bool, StoreError> {
        self.backend.graph_exists(target)
    }

    /// Writes the triples of one graph to `writer`, checking `cancellation` as it goes.
    pub fn graph_to_writer<W: Write>(
        &self,
        target: &GraphTarget,
        format: RdfFormat,
        cancellation: Option<&CancellationToken>,
        mut writer: W,
    ) -> Result<W, StoreError> {
        self.backend
            .graph_to_writer(target, format, cancellation, &mut writer)?;
        Ok(writer)
    }

    /// Writes every quad to `writer` in a dataset format (N-Quads, TriG…).
    pub fn dataset_to_writer<W: Write>(
        &self,
        format: RdfFormat,
        cancellation: Option<&CancellationToken>,
        mut writer: W,
    ) -> Result<W, StoreError> {
        self.backend
            .dataset_to_writer(format, cancellation, &mut writer)?;
        Ok(writer)
    }

    /// Replaces (`PUT`) or adds to (`POST`) one graph with the documents, all or
    /// nothing. Returns whether the graph existed before.
    pub fn load_graph(
        &self,
        target: &GraphTarget,
        mode: LoadMode,
        documents: &[(RdfFormat, &[u8])],
        base_iri: Option<&str>,
    ) -> Result<bool, StoreError> {
        self.backend.load_graph(target, mode, documents, base_iri)
    }

    /// Replaces or adds to the whole dataset with a document in a dataset format.
    pub fn load_dataset(
        &self,
        mode: LoadMode,
        format: RdfFormat,
        data: &[u8],
        base_iri: Option<&str>,
    ) -> Result<(), StoreError> {
        self.backend.load_dataset(mode, format, data, base_iri)
    }

    /// Deletes a graph (empties the default graph). Returns whether it existed.
    pub fn delete_graph(&self, target: &GraphTarget) -> Result<bool, StoreError> {
        self.backend.delete_graph(target)
    }

    /// Writes what RocksDB still holds in memory to disk (nothing to do on a remote).
    pub fn flush(&self) -> Result<(), StoreError> {
        match self.backend.embedded() {
            Some(embedded) => embedded.flush(),
            None => Ok(()),
        }
    }

    /// Copies the embedded store, as it is now, into `target` (a directory that
    /// must not exist yet). Refused on a remote backend.
    pub fn backup(&self, target: &Path) -> Result<(), StoreError> {
        self.embedded("backup")?.backup(target)
    }

    /// Writes every quad, from one snapshot, as N-Quads or TriG. Refused on a remote backend.
    pub fn dump<W: Write>(&self, format: RdfFormat, writer: W) -> Result<W, StoreError> {
        self.embedded("dump")?.dump(format, writer)
    }

    /// Loads a dump into this store, which must be empty, all or nothing. Refused
    /// on a remote backend.
    pub fn restore(&self, format: RdfFormat, reader: impl Read) -> Result<usize, StoreError> {
        self.embedded("restore")?.restore(format, reader)
    }
}
