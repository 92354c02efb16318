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
//! * `api`: the axum router (SPARQL endpoint, health), the only HTTP code.
//! * `cli`: the command-line interface.

pub mod api;
pub mod article;
pub mod cli;
pub mod date;
pub mod extract;
pub mod ontology;
pub mod rdf;
pub mod store;
pub mod text;
pub mod vocab;
