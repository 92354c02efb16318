//! The query operation: parse, negotiate the results format, evaluate and stream.

use super::negotiation::{negotiate, GRAPH_FORMATS, SOLUTION_FORMATS};
use super::stream::Operation;
use super::SparqlError;
use crate::api::AppState;
use crate::store::{GraphSelection, QueryForm, ResultsFormat, SparqlQuery};
use axum::http::HeaderMap;
use axum::response::Response;

/// Picks the results format for a query of this form from the `Accept` header.
fn results_format(
    headers: &HeaderMap,
    form: QueryForm,
) -> Result<(&'static str, ResultsFormat), SparqlError> {
    if form.returns_graph() {
        // Announce the format's own media type, whatever alias was asked for.
        let (_, format) = negotiate(headers, GRAPH_FORMATS)?;
        Ok((format.media_type(), ResultsFormat::Graph(format)))
    } else {
        let (_, format) = negotiate(headers, SOLUTION_FORMATS)?;
        Ok((format.media_type(), ResultsFormat::Solutions(format)))
    }
}

/// Runs a query and streams its results: 400 before any work if it does not parse,
/// 406 if no accepted format fits its form.
pub(super) async fn run(
    state: AppState,
    query_text: &str,
    graphs: GraphSelection,
    base_iri: &str,
    headers: &HeaderMap,
) -> Result<Response, SparqlError> {
    let query = SparqlQuery::parse_with_base(query_text, Some(base_iri))?;
    let (media_type, format) = results_format(headers, query.form())?;
    tracing::debug!(form = %query.form(), media_type, ?graphs, "sparql query");
    let store = state.store.clone();
    Operation::start(&state)?
        .stream(media_type, move |writer, cancellation| {
            store.query_to_writer(query, &graphs, format, Some(cancellation), writer)
        })
        .await
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::QueryResultsFormat;
    use axum::http::{header, HeaderValue};
    use oxigraph::io::RdfFormat;

    fn accept(value: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(header::ACCEPT, HeaderValue::from_str(value).unwrap());
        headers
    }

    #[test]
    fn the_form_chooses_the_offers() {
        let format = |value: &str, form| results_format(&accept(value), form).ok().map(|(_, f)| f);
        assert_eq!(
            format("*/*", QueryForm::Ask),
            Some(ResultsFormat::Solutions(QueryResultsFormat::Json))
        );
        assert_eq!(
            format("*/*", QueryForm::Describe),
            Some(ResultsFormat::Graph(RdfFormat::Turtle))
        );
        assert_eq!(format("text/csv", QueryForm::Construct), None);
        assert_eq!(format("text/turtle", QueryForm::Select), None);
        assert_eq!(
            format("application/sparql-results+xml", QueryForm::Select),
            Some(ResultsFormat::Solutions(QueryResultsFormat::Xml))
        );
    }
}
