//! What the SPARQL 1.1 Graph Store Protocol does to the store: read, replace, add to
//! or delete one graph, and read or load the whole dataset. Writes take the writer
//! lock and one transaction, so a body that does not parse leaves the store unchanged.

use super::{rdf_serializer, Embedded, StoreError};
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{GraphNameRef, NamedNode};
use oxigraph::sparql::CancellationToken;
use oxigraph::store::LoaderError;
use std::io::Write;
use std::sync::PoisonError;

/// How often (in quads) a dump checks its cancellation token.
const CANCELLATION_CHECK_INTERVAL: usize = 1024;

/// The graph a Graph Store request is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GraphTarget {
    /// The store's own default graph (not the union of all graphs that queries see).
    Default,
    /// A named graph.
    Named(NamedNode),
}

impl GraphTarget {
    fn graph_name(&self) -> GraphNameRef<'_> {
        match self {
            GraphTarget::Default => GraphNameRef::DefaultGraph,
            GraphTarget::Named(graph) => graph.as_ref().into(),
        }
    }
}

/// Whether loaded data replaces what is there (`PUT`) or is added to it (`POST`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LoadMode {
    /// Clear first, then load.
    Replace,
    /// Load next to what is there.
    Add,
}

impl Embedded {
    /// Whether the graph exists: the default graph always does; a named graph
    /// does once created, even empty.
    pub fn graph_exists(&self, target: &GraphTarget) -> Result<bool, StoreError> {
        Ok(match target {
            GraphTarget::Default => true,
            GraphTarget::Named(graph) => self.store.contains_named_graph(graph)?,
        })
    }

    /// Writes the triples of one graph to `writer` in `format`, as they are read.
    pub fn graph_to_writer<W: Write>(
        &self,
        target: &GraphTarget,
        format: RdfFormat,
        cancellation: Option<&CancellationToken>,
        writer: W,
    ) -> Result<W, StoreError> {
        let mut serializer = rdf_serializer(format).for_writer(writer);
        let quads = self
            .store
            .quads_for_pattern(None, None, None, Some(target.graph_name()));
        for (n_quads, quad) in quads.enumerate() {
            check_cancellation(n_quads, cancellation)?;
            serializer
                .serialize_triple(quad?.as_ref())
                .map_err(StoreError::Write)?;
        }
        serializer.finish().map_err(StoreError::Write)
    }

    /// Writes every quad of the store to `writer` in `format` (one that holds named graphs).
    pub fn dataset_to_writer<W: Write>(
        &self,
        format: RdfFormat,
        cancellation: Option<&CancellationToken>,
        writer: W,
    ) -> Result<W, StoreError> {
        if !format.supports_datasets() {
            return Err(StoreError::NotADatasetFormat(format.name()));
        }
        let mut serializer = rdf_serializer(format).for_writer(writer);
        for (n_quads, quad) in self.store.iter().enumerate() {
            check_cancellation(n_quads, cancellation)?;
            serializer
                .serialize_quad(quad?.as_ref())
                .map_err(StoreError::Write)?;
        }
        serializer.finish().map_err(StoreError::Write)
    }

    /// Parses `documents` (each a format and its bytes) and stores their triples in
    /// one graph, in one transaction. Returns whether the graph existed before (for the
    /// default graph: whether it held a triple). Named graphs in the documents are
    /// refused; blank nodes get fresh names.
    pub fn load_graph(
        &self,
        target: &GraphTarget,
        mode: LoadMode,
        documents: &[(RdfFormat, &[u8])],
        base_iri: Option<&str>,
    ) -> Result<bool, StoreError> {
        let parsers = documents
            .iter()
            .map(|(format, data)| {
                let parser = parser(*format, base_iri)?
                    .without_named_graphs()
                    .with_default_graph(target.graph_name());
                Ok((parser, *data))
            })
            .collect::<Result<Vec<_>, StoreError>>()?;
        let _writer = self.writer.lock().unwrap_or_else(PoisonError::into_inner);
        let mut transaction = self.store.start_transaction()?;
        let existed = match target {
            GraphTarget::Default => transaction
                .quads_for_pattern(None, None, None, Some(GraphNameRef::DefaultGraph))
                .next()
                .is_some(),
            GraphTarget::Named(graph) => transaction.contains_named_graph(graph)?,
        };
        if mode == LoadMode::Replace {
            transaction.clear_graph(target.graph_name())?;
        }
        if let GraphTarget::Named(graph) = target {
            // An empty body still creates the graph.
            transaction.insert_named_graph(graph);
        }
        for (parser, data) in parsers {
            transaction
                .load_from_slice(parser, data)
                .map_err(loader_error)?;
        }
        transaction.commit()?;
        self.changed();
        Ok(existed)
    }

    /// Parses `data` (a format with named graphs) and stores its quads, in one transaction;
    /// [`LoadMode::Replace`] empties the whole store first.
    pub fn load_dataset(
        &self,
        mode: LoadMode,
        format: RdfFormat,
        data: &[u8],
        base_iri: Option<&str>,
    ) -> Result<(), StoreError> {
        if !format.supports_datasets() {
            return Err(StoreError::NotADatasetFormat(format.name()));
        }
        let parser = parser(format, base_iri)?;
        let _writer = self.writer.lock().unwrap_or_else(PoisonError::into_inner);
        let mut transaction = self.store.start_transaction()?;
        if mode == LoadMode::Replace {
            transaction.clear()?;
        }
        transaction
            .load_from_slice(parser, data)
            .map_err(loader_error)?;
        transaction.commit()?;
        self.changed();
        Ok(())
    }

    /// Deletes a named graph, or empties the default graph. Returns whether the graph existed.
    pub fn delete_graph(&self, target: &GraphTarget) -> Result<bool, StoreError> {
        let _writer = self.writer.lock().unwrap_or_else(PoisonError::into_inner);
        let mut transaction = self.store.start_transaction()?;
        let existed = match target {
            GraphTarget::Default => {
                transaction.clear_graph(GraphNameRef::DefaultGraph)?;
                true
            }
            GraphTarget::Named(graph) => {
                let existed = transaction.contains_named_graph(graph)?;
                if existed {
                    transaction.remove_named_graph(graph)?;
                }
                existed
            }
        };
        transaction.commit()?;
        self.changed();
        Ok(existed)
    }
}

fn parser(format: RdfFormat, base_iri: Option<&str>) -> Result<RdfParser, StoreError> {
    let parser = RdfParser::from_format(format);
    match base_iri {
        Some(base_iri) => parser
            .with_base_iri(base_iri)
            .map_err(|error| StoreError::BadData(format!("invalid base iri {base_iri}: {error}"))),
        None => Ok(parser),
    }
}

fn check_cancellation(
    n_quads: usize,
    cancellation: Option<&CancellationToken>,
) -> Result<(), StoreError> {
    let due = n_quads.is_multiple_of(CANCELLATION_CHECK_INTERVAL);
    if due && cancellation.is_some_and(CancellationToken::is_cancelled) {
        return Err(StoreError::Cancelled);
    }
    Ok(())
}

fn loader_error(error: LoaderError) -> StoreError {
    match error {
        LoaderError::Storage(error) => StoreError::Storage(error),
        other => StoreError::BadData(other.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn graph(name: &str) -> GraphTarget {
        GraphTarget::Named(NamedNode::new(format!("http://example.com/{name}")).unwrap())
    }

    fn dump(store: &Embedded, target: &GraphTarget) -> String {
        String::from_utf8(
            store
                .graph_to_writer(target, RdfFormat::NTriples, None, Vec::new())
                .unwrap(),
        )
        .unwrap()
    }

    #[test]
    fn put_post_delete() {
        let store = Embedded::in_memory().unwrap();
        let g = graph("g");
        let data = b"<http://example.com/s> <http://example.com/p> 1 .";
        assert!(!store.graph_exists(&g).unwrap());
        let existed = store
            .load_graph(
                &g,
                LoadMode::Replace,
                &[(RdfFormat::Turtle, &data[..])],
                None,
            )
            .unwrap();
        assert!(!existed);
        assert!(store.graph_exists(&g).unwrap());
        let more = b"<http://example.com/s> <http://example.com/p> 2 .";
        assert!(store
            .load_graph(&g, LoadMode::Add, &[(RdfFormat::Turtle, &more[..])], None)
            .unwrap());
        assert_eq!(dump(&store, &g).lines().count(), 2);
        assert!(store
            .load_graph(
                &g,
                LoadMode::Replace,
                &[(RdfFormat::Turtle, &more[..])],
                None
            )
            .unwrap());
        assert_eq!(dump(&store, &g).lines().count(), 1);
        assert!(store.delete_graph(&g).unwrap());
        assert!(!store.delete_graph(&g).unwrap());
        assert!(!store.graph_exists(&g).unwrap());
    }

    #[test]
    fn bad_data_leaves_the_store_unchanged() {
        let store = Embedded::in_memory().unwrap();
        let g = graph("g");
        let data = b"<http://example.com/s> <http://example.com/p> 1 .";
        store
            .load_graph(
                &g,
                LoadMode::Replace,
                &[(RdfFormat::Turtle, &data[..])],
                None,
            )
            .unwrap();
        let before = dump(&store, &g);
        let bad = b"<http://example.com/s> <http://example.com/p> 2 . <oops";
        let error = store
            .load_graph(
                &g,
                LoadMode::Replace,
                &[(RdfFormat::Turtle, &bad[..])],
                None,
            )
            .unwrap_err();
        assert!(matches!(error, StoreError::BadData(_)), "{error:?}");
        assert_eq!(dump(&store, &g), before);
        let quads = b"<http://example.com/s> <http://example.com/p> 3 <http://example.com/h> .";
        let error = store
            .load_graph(&g, LoadMode::Add, &[(RdfFormat::NQuads, &quads[..])], None)
            .unwrap_err();
        assert!(matches!(error, StoreError::BadData(_)), "{error:?}");
        assert_eq!(dump(&store, &g), before);
    }

    #[test]
    fn the_dataset_round_trips() {
        let store = Embedded::in_memory().unwrap();
        let data = "<http://example.com/s> <http://example.com/p> \"1\" <http://example.com/g> .\n<http://example.com/s> <http://example.com/p> \"2\" .\n";
        store
            .load_dataset(LoadMode::Replace, RdfFormat::NQuads, data.as_bytes(), None)
            .unwrap();
        let dumped = store
            .dataset_to_writer(RdfFormat::NQuads, None, Vec::new())
            .unwrap();
        assert_eq!(String::from_utf8(dumped).unwrap().lines().count(), 2);
        assert!(matches!(
            store.dataset_to_writer(RdfFormat::Turtle, None, Vec::new()),
            Err(StoreError::NotADatasetFormat(_))
        ));
    }
}
