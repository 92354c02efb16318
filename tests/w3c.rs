//! The W3C SPARQL 1.1 test manifests (`tests/w3c/`, W3C licence) run against a live
//! server on a real socket over a real on-disk store. See docs/CONFORMANCE.md.
//!
//! * Protocol: each test is a list of HTTP requests with expected status classes,
//!   result kinds and booleans, read from the manifest (`ht:`, `mf:` terms).
//! * Graph Store Protocol: each test's request and response are written out in its
//!   `rdfs:comment`; they are read from there and run in the manifest's order,
//!   as the tests build on each other.
//! * Service Description: the manifest gives names only; the checks are the ones
//!   the names state.
//!
//! Every request carries our bearer token, since writes need one and the manifests
//! predate access control. Each suite asserts its exact list of passing tests, so a
//! regression (or a fix not yet recorded) fails the build.

use crate::util::{root, Server};
use actorgraph::api::ApiConfig;
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::dataset::CanonicalizationAlgorithm;
use oxigraph::model::vocab::rdf;
use oxigraph::model::{Graph, NamedNode, NamedNodeRef, NamedOrBlankNodeRef, Term, TermRef, Triple};
use oxigraph::sparql::results::{
    QueryResultsFormat, QueryResultsParser, SliceQueryResultsParserOutput,
};
use reqwest::{Method, StatusCode};
use std::collections::BTreeSet;
use std::path::Path;

const TOKEN: &str = "w3c-token";

/// The protocol tests we pass: all of them.
const PROTOCOL_PASS: &[&str] = &[
    "query_post_form",
    "query_dataset_default_graphs_get",
    "query_dataset_default_graphs_post",
    "query_dataset_named_graphs_post",
    "query_dataset_named_graphs_get",
    "query_dataset_full",
    "query_multiple_dataset",
    "query_get",
    "query_content_type_select",
    "query_content_type_ask",
    "query_content_type_describe",
    "query_content_type_construct",
    "update_dataset_default_graph",
    "update_dataset_default_graphs",
    "update_dataset_named_graphs",
    "update_dataset_full",
    "update_post_form",
    "update_post_direct",
    "update_base_uri",
    "query_post_direct",
    "bad_query_method",
    "bad_multiple_queries",
    "bad_query_wrong_media_type",
    "bad_query_missing_form_type",
    "bad_query_missing_direct_type",
    "bad_query_non_utf8",
    "bad_query_syntax",
    "bad_update_get",
    "bad_multiple_updates",
    "bad_update_wrong_media_type",
    "bad_update_missing_form_type",
    "bad_update_non_utf8",
    "bad_update_syntax",
    "bad_update_dataset_conflict",
];

/// The Graph Store Protocol tests we pass: all but `get_of_post__existing_graph`,
/// whose expected body ("John Doe", no `foaf:name`) contradicts the tests before
/// it (which replaced it with "Jane Doe" and added `foaf:name`). Two pass only with
/// an erratum applied to their bodies: see [`add_missing_final_dots`].
const GRAPH_STORE_PASS: &[&str] = &[
    "put__initial_state",
    "get_of_put__initial_state",
    "put__graph_already_in_store",
    "get_of_put__graph_already_in_store",
    "put__default_graph",
    "get_of_put__default_graph",
    "delete__existing_graph",
    "get_of_delete__existing_graph",
    "delete__nonexistent_graph",
    "post__existing_graph",     // with the erratum
    "post__multipart_formdata", // with the erratum
    "get_of_post__multipart_formdata",
    "post__create__new_graph",
    "get_of_post__create__new_graph",
    "get_of_post__after_noop",
    "head_on_an_existing_graph",
    "head_on_a_nonexisting_graph",
];

/// The Service Description tests we pass: all of them.
const SERVICE_DESCRIPTION_PASS: &[&str] =
    &["has-endpoint-triple", "returns-rdf", "conforms-to-schema"];

mod ns {
    pub const MF: &str = "http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#";
    pub const HT: &str = "http://www.w3.org/2011/http#";
    pub const CNT: &str = "http://www.w3.org/2011/content#";
    pub const HTS: &str = "http://www.w3.org/2011/http-statusCodes#";
    pub const UT: &str = "http://www.w3.org/2009/sparql/tests/test-update#";
    pub const RDFS: &str = "http://www.w3.org/2000/01/rdf-schema#";
    pub const SD: &str = "http://www.w3.org/ns/sparql-service-description#";
}

fn iri(namespace: &str, local: &str) -> NamedNode {
    NamedNode::new(format!("{namespace}{local}")).unwrap()
}

/// A manifest: its graph and its base IRI.
struct Manifest {
    graph: Graph,
    base: String,
}

impl Manifest {
    fn load(path: &Path) -> Self {
        let base = format!("file://{}", path.display());
        let parser = RdfParser::from_format(RdfFormat::Turtle)
            .with_base_iri(&base)
            .unwrap();
        let bytes = std::fs::read(path).unwrap();
        let graph = parser
            .for_slice(&bytes)
            .map(|quad| Triple::from(quad.unwrap()))
            .collect();
        Self { graph, base }
    }

    fn object<'a>(
        &'a self,
        subject: NamedOrBlankNodeRef<'a>,
        predicate: &NamedNode,
    ) -> Option<TermRef<'a>> {
        self.graph.object_for_subject_predicate(subject, predicate)
    }

    fn objects<'a>(
        &'a self,
        subject: NamedOrBlankNodeRef<'a>,
        predicate: &NamedNode,
    ) -> Vec<TermRef<'a>> {
        self.graph
            .objects_for_subject_predicate(subject, predicate)
            .collect()
    }

    fn string(&self, subject: TermRef<'_>, predicate: &NamedNode) -> Option<String> {
        match self.object(as_subject(subject), predicate)? {
            TermRef::Literal(literal) => Some(literal.value().to_owned()),
            TermRef::NamedNode(node) => Some(node.as_str().to_owned()),
            _ => None,
        }
    }

    /// The items of an RDF list.
    fn list<'a>(&'a self, mut head: TermRef<'a>) -> Vec<TermRef<'a>> {
        let mut items = Vec::new();
        while head != TermRef::NamedNode(rdf::NIL) {
            let node = as_subject(head);
            items.push(
                self.graph
                    .object_for_subject_predicate(node, rdf::FIRST)
                    .unwrap(),
            );
            head = self
                .graph
                .object_for_subject_predicate(node, rdf::REST)
                .unwrap();
        }
        items
    }

    /// The entries, as (local name, test node).
    fn entries(&self) -> Vec<(String, TermRef<'_>)> {
        let manifest = NamedNodeRef::new(&self.base).unwrap();
        let entries = self
            .object(manifest.into(), &iri(ns::MF, "entries"))
            .unwrap();
        self.list(entries)
            .into_iter()
            .map(|entry| {
                let TermRef::NamedNode(node) = entry else {
                    panic!("an entry is not an iri")
                };
                let name = node.as_str().rsplit_once('#').unwrap().1.to_owned();
                (name, entry)
            })
            .collect()
    }
}

fn as_subject(term: TermRef<'_>) -> NamedOrBlankNodeRef<'_> {
    match term {
        TermRef::NamedNode(node) => node.into(),
        TermRef::BlankNode(node) => node.into(),
        other => panic!("not a subject: {other}"),
    }
}

/// Prints the results of a suite and asserts that exactly the expected tests pass.
fn assert_suite(suite: &str, results: Vec<(String, Result<(), String>)>, expected: &[&str]) {
    let mut passed = BTreeSet::new();
    let mut report = Vec::new();
    for (name, result) in results {
        match result {
            Ok(()) => {
                report.push(format!("PASS {suite} {name}"));
                passed.insert(name);
            }
            Err(why) => report.push(format!("FAIL {suite} {name}: {why}")),
        }
    }
    println!("{}", report.join("\n"));
    let expected: BTreeSet<String> = expected.iter().map(|name| (*name).to_owned()).collect();
    assert_eq!(
        passed,
        expected,
        "the {suite} tests that pass are not the expected ones:\n{}",
        report.join("\n")
    );
}

async fn empty_server() -> Server {
    Server::empty(ApiConfig {
        write_token: Some(TOKEN.into()),
        ..ApiConfig::default()
    })
    .await
}

// ---------------------------------------------------------------- Protocol

#[tokio::test]
async fn w3c_protocol() {
    let dir = root().join("tests/w3c/protocol");
    let manifest = Manifest::load(&dir.join("manifest.ttl"));
    let server = empty_server().await;
    let mut results = Vec::new();
    for (name, test) in manifest.entries() {
        let result = run_protocol_test(&server, &manifest, &dir, test).await;
        results.push((name, result));
    }
    assert_suite("protocol", results, PROTOCOL_PASS);
}

async fn run_protocol_test(
    server: &Server,
    manifest: &Manifest,
    dir: &Path,
    test: TermRef<'_>,
) -> Result<(), String> {
    // A clean store, then the test's data, through the Graph Store Protocol.
    send(
        server,
        Method::POST,
        "/update",
        &[("content-type", "application/sparql-update")],
        "DROP ALL",
    )
    .await
    .check_status(StatusCode::NO_CONTENT)?;
    for data in manifest.objects(as_subject(test), &iri(ns::UT, "graphData")) {
        let file = manifest
            .object(as_subject(data), &iri(ns::UT, "graph"))
            .unwrap();
        let TermRef::NamedNode(file) = file else {
            return Err("graph data is not a file".into());
        };
        let graph = manifest.string(data, &iri(ns::RDFS, "label")).unwrap();
        let file_name = file.as_str().rsplit('/').next().unwrap();
        let body = std::fs::read_to_string(dir.join(file_name)).unwrap();
        let path = format!("/store?graph={}", urlencode(&graph));
        send(
            server,
            Method::PUT,
            &path,
            &[("content-type", "application/n-triples")],
            &body,
        )
        .await
        .check_status(StatusCode::CREATED)?;
    }

    let action = manifest
        .object(as_subject(test), &iri(ns::MF, "action"))
        .unwrap();
    let requests = manifest
        .object(as_subject(action), &iri(ns::HT, "requests"))
        .unwrap();
    for (n_request, request) in manifest.list(requests).into_iter().enumerate() {
        let request_node = as_subject(request);
        let path = manifest
            .string(request, &iri(ns::HT, "absolutePath"))
            .unwrap();
        let path = path.replacen("/sparql/", "/sparql", 1);
        let method = manifest
            .string(request, &iri(ns::HT, "methodName"))
            .unwrap();
        let body = manifest
            .object(request_node, &iri(ns::HT, "body"))
            .and_then(|body| manifest.string(body, &iri(ns::CNT, "chars")))
            .unwrap_or_default();
        let headers: Vec<(String, String)> = manifest
            .object(request_node, &iri(ns::HT, "headers"))
            .map(|headers| manifest.list(headers))
            .unwrap_or_default()
            .into_iter()
            .map(|header| {
                (
                    manifest.string(header, &iri(ns::HT, "fieldName")).unwrap(),
                    manifest.string(header, &iri(ns::HT, "fieldValue")).unwrap(),
                )
            })
            .collect();
        let headers: Vec<(&str, &str)> = headers
            .iter()
            .map(|(name, value)| (name.as_str(), value.as_str()))
            .collect();
        let method = Method::from_bytes(method.as_bytes()).unwrap();
        let response = send(server, method, &path, &headers, &body).await;

        let expected = manifest.object(request_node, &iri(ns::HT, "resp")).unwrap();
        let classes: Vec<String> = manifest
            .objects(as_subject(expected), &iri(ns::MF, "expectedStatus"))
            .into_iter()
            .map(|class| class.to_string())
            .collect();
        let class = format!(
            "<{}StatusCode{}xx>",
            ns::HTS,
            response.status.as_u16() / 100
        );
        if !classes.contains(&class) {
            return Err(format!(
                "request {n_request}: status {} not in {classes:?}: {}",
                response.status,
                response.body_text()
            ));
        }
        let expected_format = manifest.string(expected, &iri(ns::MF, "expectedFormat"));
        let expected_boolean = manifest.string(expected, &iri(ns::MF, "expectedBoolean"));
        match expected_format.as_deref() {
            None => {}
            Some("boolean") => {
                let value = response.boolean()?;
                if let Some(expected) = expected_boolean {
                    if value.to_string() != expected {
                        return Err(format!("request {n_request}: {value}, not {expected}"));
                    }
                }
            }
            Some("tabular") => response.solutions()?,
            Some("RDF") => {
                response.rdf(&server.base)?;
            }
            Some(other) => return Err(format!("unknown expected format {other}")),
        }
    }
    Ok(())
}

fn urlencode(text: &str) -> String {
    serde_urlencoded::to_string([("", text)]).unwrap()[1..].to_owned()
}

/// A response, read whole.
struct Answer {
    status: StatusCode,
    media_type: String,
    location: Option<String>,
    body: Vec<u8>,
}

impl Answer {
    fn body_text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    fn check_status(&self, expected: StatusCode) -> Result<(), String> {
        if self.status == expected {
            Ok(())
        } else {
            Err(format!(
                "status {}, not {expected}: {}",
                self.status,
                self.body_text()
            ))
        }
    }

    fn results_format(&self) -> Result<QueryResultsFormat, String> {
        QueryResultsFormat::from_media_type(&self.media_type)
            .ok_or_else(|| format!("{} is not a results format", self.media_type))
    }

    fn boolean(&self) -> Result<bool, String> {
        match QueryResultsParser::from_format(self.results_format()?)
            .for_slice(&self.body)
            .map_err(|error| error.to_string())?
        {
            SliceQueryResultsParserOutput::Boolean(value) => Ok(value),
            SliceQueryResultsParserOutput::Solutions(_) => Err("solutions, not a boolean".into()),
        }
    }

    fn solutions(&self) -> Result<(), String> {
        match QueryResultsParser::from_format(self.results_format()?)
            .for_slice(&self.body)
            .map_err(|error| error.to_string())?
        {
            SliceQueryResultsParserOutput::Solutions(solutions) => {
                for solution in solutions {
                    solution.map_err(|error| error.to_string())?;
                }
                Ok(())
            }
            SliceQueryResultsParserOutput::Boolean(_) => Err("a boolean, not solutions".into()),
        }
    }

    fn rdf(&self, base: &str) -> Result<Graph, String> {
        let format = RdfFormat::from_media_type(&self.media_type)
            .ok_or_else(|| format!("{} is not an rdf format", self.media_type))?;
        parse_graph(format, &self.body, base)
    }
}

fn parse_graph(format: RdfFormat, data: &[u8], base: &str) -> Result<Graph, String> {
    RdfParser::from_format(format)
        .with_base_iri(base)
        .map_err(|error| error.to_string())?
        .for_slice(data)
        .map(|quad| quad.map(Triple::from).map_err(|error| error.to_string()))
        .collect()
}

async fn send(
    server: &Server,
    method: Method,
    path: &str,
    headers: &[(&str, &str)],
    body: &str,
) -> Answer {
    let mut request = server
        .client
        .request(method, server.url(path))
        .bearer_auth(TOKEN)
        .body(body.to_owned());
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let response = request.send().await.unwrap();
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .map(|value| value.to_str().unwrap().to_owned())
    };
    let media_type = header("content-type")
        .map(|value| value.split(';').next().unwrap().trim().to_owned())
        .unwrap_or_default();
    let location = header("location");
    let status = response.status();
    let body = response.bytes().await.unwrap().to_vec();
    Answer {
        status,
        media_type,
        location,
        body,
    }
}

// ---------------------------------------------------------------- Graph Store Protocol

/// A request or response written out in a Graph Store test's comment.
struct Message {
    /// The request line or the status line.
    start: String,
    headers: Vec<(String, String)>,
    body: String,
}

impl Message {
    /// Reads an indented message block of the comment.
    fn parse(block: &str) -> Self {
        let lines: Vec<&str> = block
            .lines()
            .map(|line| line.strip_prefix("    ").unwrap_or(line.trim_start()))
            .collect();
        let lines: Vec<&str> = lines
            .into_iter()
            .skip_while(|line| line.trim().is_empty())
            .collect();
        let start = lines[0].trim().to_owned();
        let mut headers = Vec::new();
        let mut rest = lines[1..].iter();
        for line in rest.by_ref() {
            if line.trim().is_empty() {
                break;
            }
            if let Some((name, value)) = line.split_once(':') {
                headers.push((name.trim().to_ascii_lowercase(), value.trim().to_owned()));
            }
        }
        let body = rest
            .copied()
            .collect::<Vec<_>>()
            .join("\n")
            .trim()
            .to_owned();
        Self {
            start,
            headers,
            body,
        }
    }

    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(header, _)| header == name)
            .map(|(_, value)| value.as_str())
    }
}

/// Erratum: two request bodies of the Graph Store manifest (`post__existing_graph`
/// and the parts of `post__multipart_formdata`) end a Turtle statement without the
/// `.` the grammar requires. A line that starts a triple and ends without a
/// terminator gets one; valid bodies are left as they are.
fn add_missing_final_dots(body: &str) -> String {
    body.lines()
        .map(|line| {
            let trimmed = line.trim_end();
            let unterminated = !trimmed.ends_with(['.', ';', ',', '[', '{']);
            if trimmed.starts_with('<') && unterminated {
                format!("{trimmed} .")
            } else {
                line.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Fills in the placeholders of the Graph Store manifest.
fn substitute(text: &str, host: &str, new_path: &str) -> String {
    text.replace("/$GRAPHSTORE$", "/store")
        .replace("$GRAPHSTORE$", "/store")
        .replace("$HOST$", host)
        .replace("$NEWPATH$", new_path)
}

#[tokio::test]
async fn w3c_graph_store_protocol() {
    let manifest = Manifest::load(&root().join("tests/w3c/http-rdf-update/manifest.ttl"));
    let server = empty_server().await;
    let host = server.base.strip_prefix("http://").unwrap().to_owned();
    let comment = iri(ns::RDFS, "comment");
    let mut new_path = String::from("$NEWPATH$");
    let mut results = Vec::new();
    for (name, test) in manifest.entries() {
        let text = manifest
            .objects(as_subject(test), &comment)
            .into_iter()
            .find_map(|comment| match comment {
                TermRef::Literal(literal) if literal.value().contains("#### Request") => {
                    Some(literal.value().to_owned())
                }
                _ => None,
            })
            .unwrap();
        if name == "delete__existing_graph" {
            // The manifest deletes person/2.ttl, which no test before creates.
            send(
                &server,
                Method::PUT,
                "/store/person/2.ttl",
                &[("content-type", "text/turtle")],
                "<http://example.org/s> <http://example.org/p> <http://example.org/o> .",
            )
            .await
            .check_status(StatusCode::CREATED)
            .unwrap();
        }
        let result = run_graph_store_test(&server, &text, &host, &mut new_path).await;
        results.push((name, result));
    }
    assert_suite("graph-store", results, GRAPH_STORE_PASS);
}

async fn run_graph_store_test(
    server: &Server,
    text: &str,
    host: &str,
    new_path: &mut String,
) -> Result<(), String> {
    let text = substitute(text, host, new_path);
    let (request, response) = text
        .split_once("#### Request")
        .unwrap()
        .1
        .split_once("#### Response")
        .unwrap();
    let request = Message::parse(request);
    let expected = Message::parse(response);
    let mut start = request.start.split_whitespace();
    let method = Method::from_bytes(start.next().unwrap().as_bytes()).unwrap();
    let target = start.next().unwrap();
    let headers: Vec<(&str, &str)> = request
        .headers
        .iter()
        .filter(|(name, _)| name != "host")
        .map(|(name, value)| (name.as_str(), value.as_str()))
        .collect();
    let body = add_missing_final_dots(&request.body);
    let body = if request
        .header("content-type")
        .is_some_and(|value| value.starts_with("multipart/"))
    {
        body.replace('\n', "\r\n") + "\r\n"
    } else {
        body
    };
    let answer = send(server, method, target, &headers, &body).await;

    let expected_status: u16 = expected
        .start
        .split_whitespace()
        .next()
        .unwrap()
        .parse()
        .unwrap();
    // 200 OK and 204 No Content both say "done" when no body is expected (GSP 5.3, 5.5).
    let same_status = answer.status.as_u16() == expected_status
        || (expected_status == 200
            && expected.body.is_empty()
            && answer.status == StatusCode::NO_CONTENT);
    if !same_status {
        return Err(format!(
            "status {}, not {expected_status}: {}",
            answer.status,
            answer.body_text()
        ));
    }
    if let Some(location) = &answer.location {
        *new_path = location
            .strip_prefix(&server.base)
            .unwrap_or(location)
            .to_owned();
    }
    if let Some(content_type) = expected.header("content-type") {
        let media_type = content_type.split(';').next().unwrap().trim();
        if answer.media_type != media_type {
            return Err(format!(
                "content type {}, not {media_type}",
                answer.media_type
            ));
        }
    }
    if !expected.body.is_empty() {
        let base = server.url(target);
        let mut expected_graph = parse_graph(RdfFormat::Turtle, expected.body.as_bytes(), &base)?;
        let mut graph = answer.rdf(&base)?;
        expected_graph.canonicalize(CanonicalizationAlgorithm::Unstable);
        graph.canonicalize(CanonicalizationAlgorithm::Unstable);
        if graph != expected_graph {
            return Err(format!(
                "the graph differs from the expected one:\n{}",
                answer.body_text()
            ));
        }
    }
    Ok(())
}

// ---------------------------------------------------------------- Service Description

#[tokio::test]
async fn w3c_service_description() {
    let manifest = Manifest::load(&root().join("tests/w3c/service-description/manifest.ttl"));
    let server = empty_server().await;
    let endpoint = server.url("/sparql");
    let answer = send(&server, Method::GET, "/sparql", &[], "").await;
    let results = manifest
        .entries()
        .into_iter()
        .map(|(name, _)| {
            let result = check_service_description(&name, &answer, &endpoint);
            (name, result)
        })
        .collect();
    assert_suite("service-description", results, SERVICE_DESCRIPTION_PASS);
}

fn check_service_description(name: &str, answer: &Answer, endpoint: &str) -> Result<(), String> {
    answer.check_status(StatusCode::OK)?;
    let graph = answer.rdf(endpoint)?;
    let sd = |local: &str| iri(ns::SD, local);
    let service_class = sd("Service");
    let services: Vec<_> = graph
        .subjects_for_predicate_object(rdf::TYPE, &service_class)
        .collect();
    match name {
        "returns-rdf" => Ok(()),
        "has-endpoint-triple" => {
            let endpoint = NamedNode::new(endpoint).unwrap();
            let property = sd("endpoint");
            let found = services.iter().any(|service| {
                graph
                    .objects_for_subject_predicate(*service, &property)
                    .any(|object| object == TermRef::NamedNode(endpoint.as_ref()))
            });
            found
                .then_some(())
                .ok_or_else(|| "no sd:endpoint for the endpoint".into())
        }
        "conforms-to-schema" => conforms(&graph, &services),
        other => Err(format!("unknown test {other}")),
    }
}

/// The service description schema's constraints on an `sd:Service`.
fn conforms(graph: &Graph, services: &[NamedOrBlankNodeRef<'_>]) -> Result<(), String> {
    let sd = |local: &str| iri(ns::SD, local);
    let [service] = services else {
        return Err(format!("{} sd:Service nodes, not one", services.len()));
    };
    let languages: Vec<Term> = graph
        .objects_for_subject_predicate(*service, &sd("supportedLanguage"))
        .map(TermRef::into_owned)
        .collect();
    let known: Vec<Term> = ["SPARQL10Query", "SPARQL11Query", "SPARQL11Update"]
        .into_iter()
        .map(|local| sd(local).into())
        .collect();
    if languages.is_empty() || languages.iter().any(|language| !known.contains(language)) {
        return Err(format!("sd:supportedLanguage {languages:?}"));
    }
    if graph
        .objects_for_subject_predicate(*service, &sd("endpoint"))
        .any(|endpoint| !endpoint.is_named_node())
    {
        return Err("an sd:endpoint is not an iri".into());
    }
    for property in [
        "resultFormat",
        "inputFormat",
        "feature",
        "defaultEntailmentRegime",
    ] {
        if graph
            .objects_for_subject_predicate(*service, &sd(property))
            .any(|object| !object.is_named_node())
        {
            return Err(format!("an sd:{property} is not an iri"));
        }
    }
    Ok(())
}
