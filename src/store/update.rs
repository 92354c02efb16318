//! SPARQL 1.1 Update: each request is one transaction, taken under the store's writer lock.

use super::{sparql_parser, Embedded, GraphSelection, StoreError};
use oxigraph::sparql::{
    CancellationToken, QueryEvaluationError, SparqlEvaluator, UpdateEvaluationError,
};
use std::sync::PoisonError;

/// A parsed SPARQL update: one or more operations, run together or not at all.
#[derive(Debug, Clone)]
pub struct SparqlUpdate {
    update: spargebra::Update,
    /// The text as given, for a remote backend.
    text: String,
}

impl SparqlUpdate {
    /// Parses a SPARQL update, resolving relative IRIs against `base_iri` (the
    /// endpoint's IRI, for the protocol). An invalid base IRI is ignored.
    pub fn parse(text: &str, base_iri: Option<&str>) -> Result<Self, StoreError> {
        super::guard::check_complexity(text)?;
        Ok(Self {
            update: sparql_parser(base_iri).parse_update(text)?,
            text: text.to_owned(),
        })
    }

    /// The update's text, as given.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Whether the update has a `LOAD` that is not `SILENT` (refused: the server
    /// fetches nothing from the network).
    pub fn loads_documents(&self) -> bool {
        self.update.operations.iter().any(|operation| {
            matches!(
                operation,
                spargebra::GraphUpdateOperation::Load { silent: false, .. }
            )
        })
    }
}

impl Embedded {
    /// Runs an update in one transaction: either every operation is applied or none is.
    ///
    /// `graphs` are the protocol's `using-graph-uri` and `using-named-graph-uri`:
    /// when given, they are the dataset of every `DELETE`/`INSERT … WHERE`, and an
    /// update with its own `USING` or `WITH` is refused ([`StoreError::DatasetConflict`]).
    /// Without them, a `WHERE` without `USING` or `WITH` matches the union of all
    /// graphs, as queries do. Cancelling `cancellation` stops the `WHERE` evaluation
    /// and leaves the store unchanged. Runs synchronously: call it from a blocking thread.
    pub fn update(
        &self,
        update: SparqlUpdate,
        graphs: &GraphSelection,
        cancellation: Option<CancellationToken>,
    ) -> Result<(), StoreError> {
        // Built without an HTTP client, oxigraph cannot fetch documents: say so plainly.
        let loads = update.update.operations.iter().any(|operation| {
            matches!(
                operation,
                spargebra::GraphUpdateOperation::Load { silent: false, .. }
            )
        });
        if loads {
            return Err(StoreError::Refused(
                "LOAD is not supported: this server fetches nothing from the network".into(),
            ));
        }
        let mut evaluator = SparqlEvaluator::new();
        if let Some(token) = cancellation {
            evaluator = evaluator.with_cancellation_token(token);
        }
        let mut prepared = evaluator.for_update(update.update);
        let protocol_dataset = if graphs.is_empty() {
            None
        } else {
            Some(graphs.parse()?)
        };
        for dataset in prepared.using_datasets_mut() {
            let own_dataset = !dataset.is_default_dataset();
            match &protocol_dataset {
                Some(_) if own_dataset => return Err(StoreError::DatasetConflict),
                Some((default_graphs, named_graphs)) => {
                    dataset.set_default_graph(default_graphs.clone());
                    dataset.set_available_named_graphs(named_graphs.clone());
                }
                None if own_dataset => {}
                None => dataset.set_default_graph_as_union(),
            }
        }
        let _writer = self.writer.lock().unwrap_or_else(PoisonError::into_inner);
        let mut transaction = self.store.start_transaction()?;
        prepared
            .on_transaction(&mut transaction)
            .execute()
            .map_err(update_error)?;
        // Dropping the transaction uncommitted (on any error above) discards it.
        transaction.commit()?;
        self.changed();
        Ok(())
    }
}

fn update_error(error: UpdateEvaluationError) -> StoreError {
    match error {
        UpdateEvaluationError::Storage(error) => StoreError::Storage(error),
        // Oxigraph boxes the query error of a WHERE clause, cancellation included.
        UpdateEvaluationError::Unexpected(inner)
            if matches!(
                inner.downcast_ref::<QueryEvaluationError>(),
                Some(QueryEvaluationError::Cancelled)
            ) =>
        {
            StoreError::Cancelled
        }
        UpdateEvaluationError::GraphAlreadyExists(_)
        | UpdateEvaluationError::GraphDoesNotExist(_)
        | UpdateEvaluationError::GraphParsing(_)
        | UpdateEvaluationError::Service(_)
        | UpdateEvaluationError::UnboundService
        | UpdateEvaluationError::InvalidServiceName(_)
        | UpdateEvaluationError::UnsupportedService(_)
        | UpdateEvaluationError::UnsupportedContentType(_) => {
            StoreError::Refused(error.to_string())
        }
        other => StoreError::Update(other),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::QueryOutput;

    fn ask(store: &Embedded, query: &str) -> bool {
        match store.query(query).unwrap() {
            QueryOutput::Boolean(value) => value,
            other => panic!("not a boolean: {other:?}"),
        }
    }

    #[test]
    fn an_update_is_all_or_nothing() {
        let store = Embedded::in_memory().unwrap();
        let update = SparqlUpdate::parse(
            "INSERT DATA { GRAPH <http://example.com/g> { <http://example.com/s> <http://example.com/p> 1 } } ; \
             CREATE GRAPH <http://example.com/g>",
            None,
        )
        .unwrap();
        let error = store
            .update(update, &GraphSelection::default(), None)
            .unwrap_err();
        assert!(matches!(error, StoreError::Refused(_)), "{error:?}");
        assert!(store.is_empty().unwrap());
    }

    #[test]
    fn where_sees_the_union_unless_the_request_names_graphs() {
        let store = Embedded::in_memory().unwrap();
        let run = |text: &str, graphs: &GraphSelection| {
            store
                .update(SparqlUpdate::parse(text, None).unwrap(), graphs, None)
                .unwrap()
        };
        run(
            "INSERT DATA { GRAPH <http://example.com/g> { <http://example.com/s> a <http://example.com/C> } }",
            &GraphSelection::default(),
        );
        run(
            "INSERT { GRAPH <http://example.com/out> { ?s a <http://example.com/D> } } WHERE { ?s a <http://example.com/C> }",
            &GraphSelection::default(),
        );
        assert!(ask(&store, "ASK { GRAPH <http://example.com/out> { <http://example.com/s> a <http://example.com/D> } }"));
        let elsewhere = GraphSelection {
            default_graphs: vec!["http://example.com/other".into()],
            ..Default::default()
        };
        run(
            "INSERT { GRAPH <http://example.com/out2> { ?s a <http://example.com/D> } } WHERE { ?s a <http://example.com/C> }",
            &elsewhere,
        );
        assert!(!ask(
            &store,
            "ASK { GRAPH <http://example.com/out2> { ?s ?p ?o } }"
        ));
        let conflict = store.update(
            SparqlUpdate::parse(
                "WITH <http://example.com/g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
                None,
            )
            .unwrap(),
            &elsewhere,
            None,
        );
        assert!(matches!(conflict, Err(StoreError::DatasetConflict)));
    }

    #[test]
    fn load_is_refused() {
        let store = Embedded::in_memory().unwrap();
        let update = SparqlUpdate::parse("LOAD <http://example.com/data.ttl>", None).unwrap();
        let error = store
            .update(update, &GraphSelection::default(), None)
            .unwrap_err();
        assert!(matches!(error, StoreError::Refused(_)), "{error:?}");
        let silent =
            SparqlUpdate::parse("LOAD SILENT <http://example.com/data.ttl>", None).unwrap();
        store
            .update(silent, &GraphSelection::default(), None)
            .unwrap();
    }

    #[test]
    fn relative_iris_resolve_against_the_base() {
        let store = Embedded::in_memory().unwrap();
        let update = SparqlUpdate::parse(
            "INSERT DATA { <s> <http://example.com/p> <o> }",
            Some("http://example.com/sparql"),
        )
        .unwrap();
        store
            .update(update, &GraphSelection::default(), None)
            .unwrap();
        assert!(ask(
            &store,
            "ASK { <http://example.com/s> <http://example.com/p> <http://example.com/o> }"
        ));
    }
}
