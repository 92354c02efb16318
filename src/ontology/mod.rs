//! Reads the data files under `ontology/` (gazetteer and lexicon) into plain structs.
//!
//! The extractor never sees RDF: this module turns the Turtle files into
//! [`Gazetteer`] and [`Lexicon`] values once, at start-up.

mod cache;
mod form_index;
mod gazetteer;
mod lexicon;
/// Lexicon forms, their parser and their index, for the extractor.
pub mod lexicon_form {
    pub use super::form_index::FormIndex;
    pub use super::lexicon::{form, Form};
}
mod turtle;

pub use gazetteer::{
    best_label, Gazetteer, KnownActor, KnownPlace, Label, NameEntry, NameTarget, PlaceType,
};
pub use lexicon::{
    BodyKind, ClaimCue, CueFrame, Description, DiscoveryCue, EventTrigger, Lexicon, RelationCue,
    StateBody, WordClass,
};

use std::path::{Path, PathBuf};

/// Everything the extractor knows before reading an article: the gazetteer and the lexicon.
#[derive(Debug, Default, Clone)]
pub struct Knowledge {
    /// Known actors and places.
    pub gazetteer: Gazetteer,
    /// Event triggers, relation and claim cues, descriptions.
    pub lexicon: Lexicon,
}

/// An error while reading the ontology directory.
#[derive(Debug, thiserror::Error)]
pub enum OntologyError {
    /// A file or directory could not be read.
    #[error("cannot read {path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        #[source]
        source: std::io::Error,
    },
    /// A file is not valid Turtle.
    #[error("{path}: {message}")]
    Syntax {
        /// The file.
        path: PathBuf,
        /// The parser's message, with its position.
        message: String,
    },
    /// A file is valid Turtle but an entry is unusable.
    #[error("{path}: entry {subject}: {message}")]
    Entry {
        /// The file.
        path: PathBuf,
        /// The entry's subject.
        subject: String,
        /// What is wrong.
        message: String,
    },
}

impl Knowledge {
    /// Loads `gazetteer/*.ttl` and `lexicon/*.ttl` from `dir`.
    ///
    /// The built gazetteer is cached (see `cache.rs`): a start-up whose gazetteer
    /// files have not changed reads it back instead of parsing them. The lexicon is
    /// small and always parsed.
    pub fn load(dir: &Path) -> Result<Self, OntologyError> {
        Self::load_with_cache(dir, &cache::directories(dir))
    }

    /// [`Knowledge::load`] with the cache in the first of `cache_dirs` that works (none: no cache).
    pub(crate) fn load_with_cache(
        dir: &Path,
        cache_dirs: &[PathBuf],
    ) -> Result<Self, OntologyError> {
        let gazetteer_files = turtle_files(&dir.join("gazetteer"))?;
        let lexicon_files = turtle_files(&dir.join("lexicon"))?;
        let gazetteer = if cache_dirs.is_empty() {
            let mut gazetteer = Gazetteer::default();
            for path in &gazetteer_files {
                gazetteer.add_file(path)?;
            }
            gazetteer.finish()?;
            gazetteer
        } else {
            let mut contents = Vec::with_capacity(gazetteer_files.len());
            for path in gazetteer_files {
                let bytes = std::fs::read(&path).map_err(|source| OntologyError::Io {
                    path: path.clone(),
                    source,
                })?;
                contents.push((path, bytes));
            }
            let digest = cache::digest(&contents);
            match cache::read(cache_dirs, &digest) {
                Some(gazetteer) => gazetteer,
                None => {
                    let mut gazetteer = Gazetteer::default();
                    for (path, bytes) in &contents {
                        gazetteer.add_bytes(path, bytes)?;
                    }
                    drop(contents);
                    gazetteer.finish()?;
                    cache::write(cache_dirs, &digest, &gazetteer);
                    gazetteer
                }
            }
        };
        let mut lexicon = Lexicon::default();
        for path in &lexicon_files {
            lexicon.add_file(path)?;
        }
        lexicon.finish();
        Ok(Self { gazetteer, lexicon })
    }
}

/// The `.ttl` files of a directory, sorted by name; none if it does not exist.
pub fn turtle_files(dir: &Path) -> Result<Vec<PathBuf>, OntologyError> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(source) => {
            return Err(OntologyError::Io {
                path: dir.to_owned(),
                source,
            })
        }
    };
    let mut files = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|source| OntologyError::Io {
            path: dir.to_owned(),
            source,
        })?;
        let path = entry.path();
        if path.extension().is_some_and(|e| e == "ttl") {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
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
