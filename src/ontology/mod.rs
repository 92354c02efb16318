//! Reads the data files under `ontology/` (gazetteer and lexicon) into plain structs.

use std::path::{Path, PathBuf};

/// Everything the extractor knows before reading an article: the gazetteer and the lexicon.
#[derive(Debug, Default)]
pub struct Knowledge {}

/// An error while reading the ontology directory.
#[derive(Debug, thiserror::Error)]
pub enum OntologyError {
    /// A file could not be read.
    #[error("cannot read {path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        #[source]
        source: std::io::Error,
    },
}

impl Knowledge {
    /// Loads `actorgraph.ttl`, `gazetteer/*.ttl` and `lexicon/*.ttl` from `dir`.
    pub fn load(dir: &Path) -> Result<Self, OntologyError> {
        let _ = dir;
        Ok(Self {})
    }
}

/// The ontology directory to use when none is given: `./ontology` if it exists, else the one in the source tree.
pub fn default_dir() -> PathBuf {
    let local = PathBuf::from("ontology");
    if local.join("actorgraph.ttl").is_file() {
        local
    } else {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("ontology")
    }
}
