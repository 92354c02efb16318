//! Keeping the data safe: online backups, dumps and their restore, read-only
//! opening and flushing to disk.
//!
//! A backup is RocksDB's checkpoint (hard links where the file system allows,
//! taken while the store serves), and opens as a store of its own. A dump is
//! every quad as N-Quads or TriG, from one snapshot, so writers running at the
//! same time leave no half-written article in it. A restore reads a dump into
//! an empty store in one atomic bulk load, keeping blank-node names so a
//! restored store dumps to the same text.

use super::{Embedded, StoreError};
use oxigraph::io::{RdfFormat, RdfParser};
use std::io::{Read, Write};
use std::path::Path;

impl Embedded {
    /// Opens an existing on-disk store for reading only: writes fail, and no
    /// lock is taken against other readers.
    pub fn open_read_only(path: impl AsRef<Path>) -> Result<Self, StoreError> {
        #[cfg(feature = "rocksdb")]
        return Ok(Self::wrap(oxigraph::store::Store::open_read_only(path)?));
        #[cfg(not(feature = "rocksdb"))]
        return Err(super::without_disk(path.as_ref()));
    }

    /// Writes what RocksDB still holds in memory to disk. Commits are durable
    /// without it (the write-ahead log); it makes the next opening faster.
    pub fn flush(&self) -> Result<(), StoreError> {
        #[cfg(feature = "rocksdb")]
        self.store.flush()?;
        Ok(())
    }

    /// Copies the store, as it is now, into `target` (a directory that must not
    /// exist yet), while it keeps serving. The copy opens with [`Embedded::open`].
    pub fn backup(&self, target: &Path) -> Result<(), StoreError> {
        #[cfg(feature = "rocksdb")]
        return Ok(self.store.backup(target)?);
        #[cfg(not(feature = "rocksdb"))]
        return Err(super::without_disk(target));
    }

    /// Writes every quad, from one snapshot, to `writer` as N-Quads or TriG.
    pub fn dump<W: Write>(&self, format: RdfFormat, writer: W) -> Result<W, StoreError> {
        self.dataset_to_writer(format, None, writer)
    }

    /// Loads a dump (N-Quads or TriG) into this store, which must be empty, all
    /// or nothing: the whole dump is parsed before anything is written. Returns
    /// the number of quads loaded.
    pub fn restore(&self, format: RdfFormat, reader: impl Read) -> Result<usize, StoreError> {
        if !format.supports_datasets() {
            return Err(StoreError::NotADatasetFormat(format.name()));
        }
        let _writer = self
            .writer
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if !self.store.is_empty()? {
            return Err(StoreError::Refused(
                "the store is not empty: restore into a new location".into(),
            ));
        }
        let quads = RdfParser::from_format(format)
            .for_reader(reader)
            .collect::<Result<Vec<_>, _>>()
            .map_err(|error| StoreError::BadData(error.to_string()))?;
        let n_quads = quads.len();
        let mut loader = self.store.bulk_loader();
        loader.load_quads(quads)?;
        loader.commit()?;
        self.changed();
        Ok(n_quads)
    }
}

#[cfg(all(test, feature = "rocksdb"))]
mod tests {
    use super::*;

    #[test]
    fn a_dump_restores_to_the_same_dump_and_a_backup_opens() {
        let dir = tempfile::tempdir().unwrap();
        let store = Embedded::open(dir.path().join("a")).unwrap();
        let data = "<http://e.com/s> <http://e.com/p> _:b1 <http://e.com/g> .\n\
                    _:b1 <http://e.com/p> \"x\"@fr .\n";
        store.restore(RdfFormat::NQuads, data.as_bytes()).unwrap();
        let dump = store.dump(RdfFormat::NQuads, Vec::new()).unwrap();

        let restored = Embedded::open(dir.path().join("b")).unwrap();
        assert_eq!(restored.restore(RdfFormat::NQuads, &dump[..]).unwrap(), 2);
        assert_eq!(restored.dump(RdfFormat::NQuads, Vec::new()).unwrap(), dump);
        assert!(matches!(
            restored.restore(RdfFormat::NQuads, &dump[..]),
            Err(StoreError::Refused(_))
        ));

        store.backup(&dir.path().join("c")).unwrap();
        drop(store);
        let copy = Embedded::open_read_only(dir.path().join("c")).unwrap();
        assert_eq!(copy.dump(RdfFormat::NQuads, Vec::new()).unwrap(), dump);
    }

    #[test]
    fn a_bad_dump_loads_nothing() {
        let store = Embedded::in_memory().unwrap();
        let data = "<http://e.com/s> <http://e.com/p> \"ok\" .\n<http://e.com/s> oops\n";
        assert!(matches!(
            store.restore(RdfFormat::NQuads, data.as_bytes()),
            Err(StoreError::BadData(_))
        ));
        assert!(store.is_empty().unwrap());
    }
}
