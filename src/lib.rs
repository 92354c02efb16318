//! actorgraph: a knowledge-graph store for news.
//!
//! It reads news articles, extracts actors, places, events, relations and
//! claims, turns them into RDF and keeps them in an embedded oxigraph store
//! served over SPARQL and a REST API.
//!
//! # Layout
//! * `article`: input model and parsing (text with headers, JSON, JSON Lines).
//! * `date`: calendar dates with a precision.
//! * `ontology`: reads the data files under `ontology/` (gazetteer, lexicon) into plain structs.
//! * `extract`: text → [`extract::Facts`], plain Rust structs, no RDF.
//! * `rdf`: facts → quads; the only place that mints IRIs.
//! * `vocab`: the ontology's terms as typed constants.
//! * `text`: case- and accent-folding, tokens with character offsets.
//! * `store`: the only user of oxigraph's store and SPARQL engine.
//! * `api`: the axum router (SPARQL endpoint, REST API, health), the only HTTP code.
//! * `load`: many articles at once: streamed inputs, extraction on every core, batched writes.
//! * `cli`: the command-line interface.
//! * `corpus`: synthetic articles from the gazetteer, for benchmarks (`gen-corpus`).

pub mod api;
pub mod article;
pub mod cli;
pub mod corpus;
pub mod date;
pub mod extract;
pub mod load;
pub mod ontology;
pub mod rdf;
pub mod store;
pub mod text;
pub mod vocab;

use article::{Article, ArticleError};
use ontology::Knowledge;
use store::{KgStore, StoreError};

/// What [`ingest`] did with one article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IngestReport {
    /// The article's id.
    pub article_id: uuid::Uuid,
    /// The quads now in its graph.
    pub quads: usize,
    /// Whether an earlier version of the article was replaced.
    pub replaced: bool,
    /// Extracted actors.
    pub n_actors: usize,
    /// Extracted places.
    pub n_places: usize,
    /// Extracted events.
    pub n_events: usize,
    /// Extracted relations.
    pub n_relations: usize,
    /// Extracted claims.
    pub n_claims: usize,
    /// What the extractor could not use.
    pub warnings: Vec<String>,
}

/// An error while ingesting an article.
#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    /// The article itself is unusable.
    #[error(transparent)]
    Article(#[from] ArticleError),
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// The whole flow for one article: extract → rdf → replace its graph in one transaction.
#[tracing::instrument(skip_all, fields(article = %article.id))]
pub fn ingest(
    store: &KgStore,
    knowledge: &Knowledge,
    article: &Article,
) -> Result<IngestReport, IngestError> {
    let facts = extract::extract(article, knowledge);
    let quads = rdf::article_quads(article, &facts);
    let replaced = store.replace_article(&rdf::article_iri(&article.id), &quads)?;
    tracing::debug!(
        n_quads = quads.len(),
        replaced,
        n_warnings = facts.warnings.len(),
        "ingested"
    );
    Ok(IngestReport {
        article_id: article.id,
        quads: quads.len(),
        replaced,
        n_actors: facts.actors.len(),
        n_places: facts.places.len(),
        n_events: facts.events.len(),
        n_relations: facts.relations.len(),
        n_claims: facts.claims.len(),
        warnings: facts.warnings,
    })
}
