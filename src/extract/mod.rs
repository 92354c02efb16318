//! Text → facts: actors, places, events, relations and claims, as plain structs.
//!
//! This module knows nothing about RDF or the store.

mod facts;
pub mod temporal;

pub use facts::*;

use crate::article::Article;
use crate::ontology::Knowledge;

/// Extracts the facts of one article. Never fails: what cannot be used becomes a warning.
pub fn extract(article: &Article, knowledge: &Knowledge) -> Facts {
    let _ = knowledge;
    Facts {
        lang: article.lang,
        date: article.date,
        sentences: Vec::new(),
        actors: Vec::new(),
        places: Vec::new(),
        events: Vec::new(),
        relations: Vec::new(),
        claims: Vec::new(),
        warnings: Vec::new(),
    }
}
