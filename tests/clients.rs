//! Clients no one here wrote, against the `actorgraph serve` binary on an on-disk store:
//! Python's SPARQLWrapper and rdflib (scripts in `tests/clients/`; `make test`
//! installs them), and curl for each media type.

use crate::util::{root, ServerProcess};
use std::process::Command;

const TOKEN: &str = "client-token";

fn serve() -> ServerProcess {
    ServerProcess::start(&["--write-token", TOKEN])
}

/// Runs a Python script of `tests/clients/` against `base`; it prints "ok" when it passes.
fn python(script: &str, base: &str) {
    let output = Command::new("python3")
        .arg(root().join("tests/clients").join(script))
        .args([base, TOKEN])
        .output()
        .expect("python3 runs (make test installs SPARQLWrapper and rdflib)");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success() && stdout.trim() == "ok",
        "{script} failed:\n{stdout}\n{stderr}"
    );
}

#[test]
fn sparqlwrapper() {
    let server = serve();
    python("sparqlwrapper_client.py", &server.base);
}

#[test]
fn rdflib_sparql_store() {
    let server = serve();
    python("rdflib_client.py", &server.base);
}

/// What curl got: status, content type, body.
struct Curl {
    status: u16,
    content_type: String,
    body: String,
}

fn curl(args: &[&str]) -> Curl {
    let output = Command::new("curl")
        .args([
            "--silent",
            "--show-error",
            "--write-out",
            "\n%{http_code} %{content_type}",
        ])
        .args(args)
        .output()
        .expect("curl runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let text = String::from_utf8(output.stdout).unwrap();
    let (body, trailer) = text.rsplit_once('\n').unwrap();
    let (status, content_type) = trailer.split_once(' ').unwrap();
    Curl {
        status: status.parse().unwrap(),
        content_type: content_type.to_owned(),
        body: body.to_owned(),
    }
}

#[test]
fn curl_gets_every_media_type() {
    let server = serve();
    let endpoint = format!("{}/sparql", server.base);
    let select = "query=SELECT ?a WHERE { ?a a <https://w3id.org/actorgraph/ns#Article> }";
    let construct =
        "query=CONSTRUCT { ?a ?p ?o } WHERE { ?a a <https://w3id.org/actorgraph/ns#Article> ; ?p ?o }";
    let cases: &[(&str, &str, &str, &str)] = &[
        // (query, Accept, expected content type, a piece of the body)
        (
            select,
            "application/sparql-results+json",
            "application/sparql-results+json",
            "\"bindings\"",
        ),
        (
            select,
            "application/sparql-results+xml",
            "application/sparql-results+xml",
            "<sparql",
        ),
        (select, "text/csv", "text/csv; charset=utf-8", "a\r\n"),
        (
            select,
            "text/tab-separated-values",
            "text/tab-separated-values; charset=utf-8",
            "?a\n",
        ),
        (
            "query=ASK {}",
            "application/sparql-results+json",
            "application/sparql-results+json",
            "true",
        ),
        (
            "query=ASK {}",
            "application/sparql-results+xml",
            "application/sparql-results+xml",
            "<boolean>true</boolean>",
        ),
        (construct, "text/turtle", "text/turtle", "ag:Article"),
        (
            construct,
            "application/n-triples",
            "application/n-triples",
            "<https://w3id.org/actorgraph/ns#Article> .",
        ),
        (
            construct,
            "application/rdf+xml",
            "application/rdf+xml",
            "<rdf:RDF",
        ),
        (
            construct,
            "application/ld+json",
            "application/ld+json",
            "\"@id\"",
        ),
        (
            construct,
            "application/trig",
            "application/trig",
            "ag:Article",
        ),
        (
            construct,
            "application/n-quads",
            "application/n-quads",
            "<https://w3id.org/actorgraph/ns#Article> .",
        ),
    ];
    for (query, accept, content_type, piece) in cases {
        let answer = curl(&[
            "--get",
            "--data-urlencode",
            query,
            "--header",
            &format!("Accept: {accept}"),
            &endpoint,
        ]);
        assert_eq!(answer.status, 200, "{accept}: {}", answer.body);
        assert_eq!(&answer.content_type, content_type, "{accept}");
        assert!(answer.body.contains(piece), "{accept}: {}", answer.body);
    }
    let refused = curl(&[
        "--get",
        "--data-urlencode",
        select,
        "--header",
        "Accept: image/png",
        &endpoint,
    ]);
    assert_eq!(refused.status, 406);
    assert_eq!(refused.content_type, "text/plain; charset=utf-8");
}

#[test]
fn curl_writes_with_the_token() {
    let server = serve();
    let update = format!("{}/update", server.base);
    let insert = "update=INSERT DATA { GRAPH <http://example.com/curl> { <http://example.com/s> <http://example.com/p> 1 } }";
    let refused = curl(&["--data-urlencode", insert, &update]);
    assert_eq!(refused.status, 401);
    let done = curl(&[
        "--header",
        &format!("Authorization: Bearer {TOKEN}"),
        "--data-urlencode",
        insert,
        &update,
    ]);
    assert_eq!(done.status, 204, "{}", done.body);

    let graph = format!(
        "{}/store?graph=http%3A%2F%2Fexample.com%2Fcurl",
        server.base
    );
    let put = curl(&[
        "--request",
        "PUT",
        "--header",
        &format!("Authorization: Bearer {TOKEN}"),
        "--header",
        "Content-Type: text/turtle",
        "--data-binary",
        "<http://example.com/s> <http://example.com/p> 2 .",
        &graph,
    ]);
    assert_eq!(put.status, 204, "{}", put.body);
    let got = curl(&["--header", "Accept: application/n-triples", &graph]);
    assert_eq!(got.status, 200);
    assert_eq!(
        got.body.trim(),
        "<http://example.com/s> <http://example.com/p> \"2\"^^<http://www.w3.org/2001/XMLSchema#integer> ."
    );
}
