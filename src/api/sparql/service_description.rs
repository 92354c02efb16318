//! The SPARQL 1.1 Service Description answered by `GET` on an endpoint without an operation.

use super::negotiation::{negotiate, GRAPH_FORMATS, SOLUTION_FORMATS};
use super::{Operations, SparqlError};
use crate::vocab::sd;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::vocab::rdf;
use oxigraph::model::{BlankNode, NamedNode, NamedNodeRef, Term, TripleRef};

/// Describes the endpoint at `endpoint_iri` in the format the client accepts (Turtle by default).
pub(super) fn respond(
    headers: &HeaderMap,
    endpoint_iri: &str,
    operations: Operations,
) -> Result<Response, SparqlError> {
    let (_, format) = negotiate(headers, GRAPH_FORMATS)?;
    let endpoint = NamedNode::new(endpoint_iri)
        .map_err(|_| SparqlError::bad_request(format!("invalid endpoint iri {endpoint_iri}")))?;
    let body = describe(format, &endpoint, operations).map_err(|error| {
        SparqlError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            format!("cannot write the service description: {error}"),
        )
    })?;
    Ok((
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static(format.media_type()),
        )],
        body,
    )
        .into_response())
}

fn describe(
    format: RdfFormat,
    endpoint: &NamedNode,
    operations: Operations,
) -> std::io::Result<Vec<u8>> {
    let service = BlankNode::default();
    let mut triples: Vec<(NamedNodeRef<'static>, Term)> = vec![
        (rdf::TYPE, sd::SERVICE.into_owned().into()),
        (sd::ENDPOINT, endpoint.clone().into()),
        (
            sd::DEFAULT_ENTAILMENT_REGIME,
            sd::SIMPLE_ENTAILMENT.into_owned().into(),
        ),
        (sd::FEATURE, sd::UNION_DEFAULT_GRAPH.into_owned().into()),
        (sd::FEATURE, sd::EMPTY_GRAPHS.into_owned().into()),
    ];
    if operations.query {
        triples.push((
            sd::SUPPORTED_LANGUAGE,
            sd::SPARQL10_QUERY.into_owned().into(),
        ));
        triples.push((
            sd::SUPPORTED_LANGUAGE,
            sd::SPARQL11_QUERY.into_owned().into(),
        ));
        let mut result_formats: Vec<&str> = SOLUTION_FORMATS
            .iter()
            .map(|(_, format)| format.iri())
            .chain(GRAPH_FORMATS.iter().map(|(_, format)| format.iri()))
            .collect();
        result_formats.dedup();
        for iri in result_formats {
            triples.push((sd::RESULT_FORMAT, NamedNode::new_unchecked(iri).into()));
        }
    }
    if operations.update {
        triples.push((
            sd::SUPPORTED_LANGUAGE,
            sd::SPARQL11_UPDATE.into_owned().into(),
        ));
    }
    let mut serializer = RdfSerializer::from_format(format)
        .with_prefix("sd", sd::NAMESPACE)
        .expect("the sd namespace is a valid iri")
        .for_writer(Vec::new());
    for (predicate, object) in &triples {
        serializer.serialize_triple(TripleRef::new(&service, *predicate, object))?;
    }
    serializer.finish()
}
