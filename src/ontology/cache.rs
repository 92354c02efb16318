//! A prebuilt gazetteer, so that a start-up need not parse the Turtle files.
//!
//! Parsing `gazetteer/*.ttl` (tens of thousands of GeoNames places) and indexing
//! their names costs about a second; reading back the built [`Gazetteer`] from a
//! compact binary file costs a tenth of that. The file is named after a digest of
//! the gazetteer files' names and contents and of the running binary, so that any
//! change to the data (or to the code that builds it) makes a new one: there is no
//! staleness to detect. It is kept in `ONTOLOGY_DIR/.cache/` when that is writable,
//! else under `$XDG_CACHE_HOME/actorgraph/` (or `~/.cache/actorgraph/`).
//!
//! The cache is only ever an optimisation: a file that is missing, unreadable,
//! truncated or corrupt (its checksum is verified) is ignored and the Turtle is
//! parsed; a cache that cannot be written is not written. Setting
//! `ACTORGRAPH_NO_CACHE` turns it off.

use super::gazetteer::Gazetteer;
use std::hash::Hasher;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

/// Bumped whenever the encoding changes.
const MAGIC: &[u8; 8] = b"AGGAZ\x00\x00\x02";
/// Files kept per cache directory (others are removed, oldest first).
const KEEP_FILES: usize = 4;
const PREFIX: &str = "gazetteer-";
const SUFFIX: &str = ".bin";

/// The digest that names a cache file: the gazetteer files (name, length, bytes), in
/// order, and the identity of the running binary (a rebuild may build entries differently).
pub fn digest(files: &[(PathBuf, Vec<u8>)]) -> String {
    let mut input = Vec::with_capacity(files.iter().map(|(_, b)| b.len() + 64).sum::<usize>() + 64);
    input.extend_from_slice(MAGIC);
    input.extend_from_slice(binary_identity().as_bytes());
    input.push(0);
    for (path, bytes) in files {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
        input.extend_from_slice(name.unwrap_or_default().as_bytes());
        input.push(0);
        input.extend_from_slice(&(bytes.len() as u64).to_le_bytes());
        input.extend_from_slice(bytes);
    }
    // A name-based UUID is a SHA-1 digest (as for the store's ag:sourceHash).
    uuid::Uuid::new_v5(&uuid::Uuid::NAMESPACE_URL, &input)
        .simple()
        .to_string()
}

/// The running binary: its version, size and modification time.
fn binary_identity() -> String {
    let exe = std::env::current_exe().and_then(std::fs::metadata);
    let (len, modified) = match exe {
        Ok(meta) => (
            meta.len(),
            meta.modified()
                .ok()
                .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                .map_or(0, |d| d.as_nanos()),
        ),
        Err(_) => (0, 0),
    };
    format!("{} {len} {modified}", env!("CARGO_PKG_VERSION"))
}

/// Where caches go for an ontology directory, in order of preference (none if turned off).
pub fn directories(ontology_dir: &Path) -> Vec<PathBuf> {
    if std::env::var_os("ACTORGRAPH_NO_CACHE").is_some() {
        return Vec::new();
    }
    let mut dirs = vec![ontology_dir.join(".cache")];
    let user = std::env::var_os("XDG_CACHE_HOME")
        .filter(|d| !d.is_empty())
        .map(PathBuf::from)
        .or_else(|| {
            std::env::var_os("HOME")
                .filter(|d| !d.is_empty())
                .map(|home| PathBuf::from(home).join(".cache"))
        });
    if let Some(user) = user {
        dirs.push(user.join("actorgraph"));
    }
    dirs
}

fn file_name(digest: &str) -> String {
    format!("{PREFIX}{digest}{SUFFIX}")
}

/// The cached gazetteer of this digest from the first directory that has a sound one.
pub fn read(dirs: &[PathBuf], digest: &str) -> Option<Gazetteer> {
    dirs.iter().find_map(|dir| {
        let bytes = std::fs::read(dir.join(file_name(digest))).ok()?;
        let gazetteer = decode(&bytes, digest);
        if gazetteer.is_none() {
            tracing::warn!(dir = %dir.display(), "ignoring a corrupt gazetteer cache");
        }
        gazetteer
    })
}

/// Writes the gazetteer to the first directory that takes it; failures are only logged.
pub fn write(dirs: &[PathBuf], digest: &str, gazetteer: &Gazetteer) {
    let bytes = encode(gazetteer, digest);
    for dir in dirs {
        match write_in(dir, digest, &bytes) {
            Ok(()) => {
                prune(dir, digest);
                return;
            }
            Err(error) => {
                tracing::debug!(dir = %dir.display(), %error, "cannot write the gazetteer cache here");
            }
        }
    }
}

/// Writes to a temporary file renamed into place, so a reader never sees half a file.
fn write_in(dir: &Path, digest: &str, bytes: &[u8]) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    let target = dir.join(file_name(digest));
    // Unique to this process and call: threads of one process may write at once.
    static WRITES: AtomicUsize = AtomicUsize::new(0);
    let temporary = dir.join(format!(
        ".{}.{}-{}.tmp",
        file_name(digest),
        std::process::id(),
        WRITES.fetch_add(1, Ordering::Relaxed)
    ));
    let result = (|| {
        let mut file = std::fs::File::create(&temporary)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        std::fs::rename(&temporary, &target)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&temporary);
    }
    result
}

/// Removes all but the newest cache files of a directory (other data, other binaries).
fn prune(dir: &Path, keep: &str) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut files: Vec<(std::time::SystemTime, PathBuf)> = entries
        .filter_map(Result::ok)
        .filter(|e| {
            let name = e.file_name();
            let name = name.to_string_lossy();
            name.starts_with(PREFIX) && name.ends_with(SUFFIX) && name != file_name(keep)
        })
        .filter_map(|e| Some((e.metadata().ok()?.modified().ok()?, e.path())))
        .collect();
    files.sort_by_key(|f| std::cmp::Reverse(f.0));
    for (_, path) in files.into_iter().skip(KEEP_FILES - 1) {
        let _ = std::fs::remove_file(path);
    }
}

/// Header: magic, digest (32 hex digits), payload length, payload checksum.
fn encode(gazetteer: &Gazetteer, digest: &str) -> Vec<u8> {
    let mut payload = Writer::default();
    gazetteer.encode(&mut payload);
    let payload = payload.bytes;
    let mut out = Vec::with_capacity(payload.len() + 64);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&(digest.len() as u32).to_le_bytes());
    out.extend_from_slice(digest.as_bytes());
    out.extend_from_slice(&(payload.len() as u64).to_le_bytes());
    out.extend_from_slice(&checksum(&payload).to_le_bytes());
    out.extend_from_slice(&payload);
    out
}

fn decode(bytes: &[u8], digest: &str) -> Option<Gazetteer> {
    let mut header = Reader::new(bytes);
    if header.take(MAGIC.len())? != MAGIC {
        return None;
    }
    let digest_len = header.u32()? as usize;
    if header.take(digest_len)? != digest.as_bytes() {
        return None;
    }
    let payload_len = usize::try_from(header.u64()?).ok()?;
    let sum = header.u64()?;
    let payload = header.take(payload_len)?;
    if !header.at_end() || checksum(payload) != sum {
        return None;
    }
    let mut reader = Reader::new(payload);
    let gazetteer = Gazetteer::decode(&mut reader)?;
    reader.at_end().then_some(gazetteer)
}

fn checksum(bytes: &[u8]) -> u64 {
    let mut hasher = rustc_hash::FxHasher::default();
    hasher.write(bytes);
    hasher.finish()
}

/// Little-endian encoding of the gazetteer's values.
#[derive(Default)]
pub struct Writer {
    bytes: Vec<u8>,
}

impl Writer {
    pub fn u8(&mut self, value: u8) {
        self.bytes.push(value);
    }

    pub fn bool(&mut self, value: bool) {
        self.u8(u8::from(value));
    }

    pub fn u32(&mut self, value: u32) {
        self.bytes.extend_from_slice(&value.to_le_bytes());
    }

    /// A length or an index (the gazetteer's counts fit in 32 bits).
    pub fn len(&mut self, value: usize) {
        self.u32(u32::try_from(value).expect("gazetteer counts fit in 32 bits"));
    }

    pub fn u64(&mut self, value: u64) {
        self.bytes.extend_from_slice(&value.to_le_bytes());
    }

    pub fn f64(&mut self, value: f64) {
        self.u64(value.to_bits());
    }

    pub fn str(&mut self, value: &str) {
        self.len(value.len());
        self.bytes.extend_from_slice(value.as_bytes());
    }

    pub fn opt_str(&mut self, value: Option<&str>) {
        match value {
            Some(value) => {
                self.u8(1);
                self.str(value);
            }
            None => self.u8(0),
        }
    }
}

/// Reads what a [`Writer`] wrote; `None` at the first thing that does not fit.
pub struct Reader<'b> {
    bytes: &'b [u8],
    at: usize,
}

impl<'b> Reader<'b> {
    pub fn new(bytes: &'b [u8]) -> Self {
        Self { bytes, at: 0 }
    }

    pub fn at_end(&self) -> bool {
        self.at == self.bytes.len()
    }

    fn take(&mut self, n: usize) -> Option<&'b [u8]> {
        let end = self.at.checked_add(n)?;
        let slice = self.bytes.get(self.at..end)?;
        self.at = end;
        Some(slice)
    }

    pub fn u8(&mut self) -> Option<u8> {
        Some(self.take(1)?[0])
    }

    pub fn bool(&mut self) -> Option<bool> {
        match self.u8()? {
            0 => Some(false),
            1 => Some(true),
            _ => None,
        }
    }

    pub fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }

    /// A length, refused when larger than what is left (a corrupt one would allocate wildly).
    pub fn len(&mut self) -> Option<usize> {
        let n = self.u32()? as usize;
        (n <= self.bytes.len() - self.at).then_some(n)
    }

    /// A count that is not a length (no bound but its 32 bits).
    pub fn number(&mut self) -> Option<usize> {
        Some(self.u32()? as usize)
    }

    /// An index below `bound`.
    pub fn index(&mut self, bound: usize) -> Option<usize> {
        let n = self.u32()? as usize;
        (n < bound).then_some(n)
    }

    pub fn u64(&mut self) -> Option<u64> {
        Some(u64::from_le_bytes(self.take(8)?.try_into().ok()?))
    }

    pub fn f64(&mut self) -> Option<f64> {
        Some(f64::from_bits(self.u64()?))
    }

    pub fn str(&mut self) -> Option<String> {
        let n = self.len()?;
        std::str::from_utf8(self.take(n)?).ok().map(str::to_owned)
    }

    pub fn opt_str(&mut self) -> Option<Option<String>> {
        match self.u8()? {
            0 => Some(None),
            1 => Some(Some(self.str()?)),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ontology::{default_dir, Knowledge};

    const PLACE: &str = r#"@prefix ag: <https://w3id.org/actorgraph/ns#> .
@prefix agp: <https://w3id.org/actorgraph/place/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix geo: <http://www.opengis.net/ont/geosparql#> .
agp:xx a ag:Place , ag:Country ; rdfs:label "Xland"@en , "Xlande"@fr ; ag:demonym "Xlandais"@fr .
agp:ytown a ag:Place ; ag:placeType ag:Town ; rdfs:label "Ytown" ; ag:country agp:xx ;
    ag:population 1234 ; ag:needsContext true ;
    geo:hasGeometry [ geo:asWKT "POINT(1.5 2.25)"^^geo:wktLiteral ] .
"#;

    /// An ontology directory with one gazetteer file, and a cache directory.
    fn ontology(places: &str) -> (tempfile::TempDir, PathBuf, Vec<PathBuf>) {
        let root = tempfile::tempdir().unwrap();
        let dir = root.path().join("ontology");
        std::fs::create_dir_all(dir.join("gazetteer")).unwrap();
        std::fs::write(dir.join("gazetteer/places.ttl"), places).unwrap();
        let caches = vec![root.path().join("cache")];
        (root, dir, caches)
    }

    fn cache_files(dir: &Path) -> Vec<PathBuf> {
        let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
            .map(|e| e.filter_map(Result::ok).map(|e| e.path()).collect())
            .unwrap_or_default();
        files.sort();
        files
    }

    fn town_names(knowledge: &Knowledge) -> Vec<String> {
        let mut names: Vec<String> = knowledge
            .gazetteer
            .places
            .iter()
            .flat_map(|p| p.labels.iter().map(|l| l.text.clone()))
            .collect();
        names.sort();
        names
    }

    #[test]
    fn the_shipped_gazetteer_reads_back_as_built() {
        let built = Knowledge::load_with_cache(&default_dir(), &[])
            .unwrap()
            .gazetteer;
        let digest = "0123";
        let read = decode(&encode(&built, digest), digest).expect("a sound cache");
        assert_eq!(read.actors, built.actors);
        assert_eq!(read.places, built.places);
        assert_eq!(read.names, built.names);
        assert_eq!(read.name_starts, built.name_starts);
        assert_eq!(read.longest_name, built.longest_name);
        for place in built.places.iter().take(50) {
            assert_eq!(read.place(&place.id), Some(place));
        }
        for actor in &built.actors {
            assert_eq!(read.actor(&actor.id), Some(actor));
        }
    }

    #[test]
    fn a_cache_is_written_then_read_and_a_changed_file_makes_a_new_one() {
        let (_root, dir, caches) = ontology(PLACE);
        let first = Knowledge::load_with_cache(&dir, &caches).unwrap();
        let written = cache_files(&caches[0]);
        assert_eq!(written.len(), 1, "{written:?}");
        let again = Knowledge::load_with_cache(&dir, &caches).unwrap();
        assert_eq!(again.gazetteer.places, first.gazetteer.places);
        assert_eq!(again.gazetteer.names, first.gazetteer.names);
        assert_eq!(cache_files(&caches[0]), written);

        // The data changes: the cache of the old data must not be used.
        std::fs::write(
            dir.join("gazetteer/places.ttl"),
            PLACE.replace("\"Ytown\"", "\"Ztown\""),
        )
        .unwrap();
        let changed = Knowledge::load_with_cache(&dir, &caches).unwrap();
        assert!(town_names(&changed).contains(&"Ztown".to_owned()));
        assert!(!town_names(&changed).contains(&"Ytown".to_owned()));
        assert_eq!(cache_files(&caches[0]).len(), 2);
        // And read back from its own cache.
        let again = Knowledge::load_with_cache(&dir, &caches).unwrap();
        assert_eq!(town_names(&again), town_names(&changed));
    }

    #[test]
    fn a_corrupt_cache_falls_back_to_parsing_and_is_replaced() {
        let (_root, dir, caches) = ontology(PLACE);
        let built = Knowledge::load_with_cache(&dir, &caches).unwrap();
        let [file] = cache_files(&caches[0]).try_into().unwrap();
        let bytes = std::fs::read(&file).unwrap();
        let damaged: Vec<Vec<u8>> = vec![
            Vec::new(),
            bytes[..bytes.len() / 2].to_vec(),
            {
                let mut flipped = bytes.clone();
                let last = flipped.len() - 3;
                flipped[last] ^= 0x20;
                flipped
            },
            b"not a cache at all".to_vec(),
        ];
        for damage in damaged {
            std::fs::write(&file, &damage).unwrap();
            let loaded = Knowledge::load_with_cache(&dir, &caches).unwrap();
            assert_eq!(loaded.gazetteer.places, built.gazetteer.places);
            assert_eq!(loaded.gazetteer.names, built.gazetteer.names);
            // Rewritten whole.
            assert_eq!(std::fs::read(&file).unwrap(), bytes);
        }
    }

    #[test]
    fn an_unwritable_cache_directory_is_no_error_and_the_next_one_is_used() {
        let (root, dir, mut caches) = ontology(PLACE);
        // A file where the directory should be: nothing can be created under it.
        let blocked = root.path().join("blocked");
        std::fs::write(&blocked, "").unwrap();
        caches.insert(0, blocked.join("cache"));
        let loaded = Knowledge::load_with_cache(&dir, &caches).unwrap();
        assert_eq!(town_names(&loaded), ["Xland", "Xlande", "Ytown"]);
        assert_eq!(cache_files(&caches[1]).len(), 1);
        let only_blocked = [blocked.join("cache")];
        let loaded = Knowledge::load_with_cache(&dir, &only_blocked).unwrap();
        assert_eq!(town_names(&loaded), ["Xland", "Xlande", "Ytown"]);
    }

    #[test]
    fn errors_name_the_file_and_entry_with_or_without_a_cache() {
        let bad = PLACE.replace("rdfs:label \"Ytown\" ;", "");
        for with_cache in [false, true] {
            let (_root, dir, caches) = ontology(&bad);
            let caches = if with_cache { caches } else { Vec::new() };
            let error = Knowledge::load_with_cache(&dir, &caches)
                .unwrap_err()
                .to_string();
            assert!(
                error.contains("places.ttl") && error.contains("ytown"),
                "{error}"
            );
            assert!(caches.iter().all(|c| cache_files(c).is_empty()));
        }
    }
}
