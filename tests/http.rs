//! The HTTP API on a real socket, over a real on-disk store holding the seed.

use crate::util::{self, Server};
use actorgraph::api::{self, ApiConfig, AppState};
use actorgraph::store::KgStore;
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::sparql::results::{
    QueryResultsFormat, QueryResultsParser, ReaderQueryResultsParserOutput,
};
use std::time::Duration;

const ARTICLES: &str = "SELECT ?a ?date WHERE { ?a a <https://w3id.org/actorgraph/ns#Article> ; <https://w3id.org/actorgraph/ns#date> ?date }";

#[tokio::test]
async fn health() {
    for server in Server::each(ApiConfig::default()).await {
        eprintln!("backend: {}", server.backend);
        let response = server
            .client
            .get(format!("{}/health", server.base))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200);
        let health: serde_json::Value = response.json().await.unwrap();
        assert_eq!(health["status"], "ok");
        assert_eq!(health["articles"], 1);
        assert!(health["quads"].as_u64().unwrap() > 0);
    }
}

/// The seed's facts over `/sparql`, in every results format, on every backend:
/// the same answers, whoever evaluates the query.
#[tokio::test]
async fn the_seed_facts_over_sparql_in_each_format() {
    let opposes = "SELECT ?x ?y WHERE { ?x <https://w3id.org/actorgraph/ns#opposes> ?y }";
    let construct =
        "CONSTRUCT { ?e ?p ?o } WHERE { ?e a <https://w3id.org/actorgraph/ns#Battle> ; ?p ?o }";
    let mut graphs = Vec::new();
    for server in Server::each(ApiConfig::default()).await {
        eprintln!("backend: {}", server.backend);
        // CSV is lossy (sparesults does not read it back): its text is checked.
        let csv = server.sparql(opposes, "text/csv").await;
        assert_eq!(csv.status(), 200);
        let csv = csv.text().await.unwrap();
        assert!(
            csv.contains("https://w3id.org/actorgraph/actor/wagner"),
            "{csv}"
        );
        for accept in [
            "application/sparql-results+json",
            "application/sparql-results+xml",
            "text/tab-separated-values",
        ] {
            let response = server.sparql(opposes, accept).await;
            assert_eq!(response.status(), 200, "{accept}");
            let format = QueryResultsFormat::from_media_type(accept).unwrap();
            let body = response.bytes().await.unwrap();
            let ReaderQueryResultsParserOutput::Solutions(solutions) =
                QueryResultsParser::from_format(format)
                    .for_reader(body.as_ref())
                    .unwrap()
            else {
                panic!("solutions")
            };
            let pairs: std::collections::BTreeSet<(String, String)> = solutions
                .map(|solution| {
                    let solution = solution.unwrap();
                    let local = |name: &str| {
                        let value = solution.get(name).unwrap().to_string();
                        value
                            .trim_matches(['<', '>'])
                            .rsplit('/')
                            .next()
                            .unwrap()
                            .to_owned()
                    };
                    (local("x"), local("y"))
                })
                .collect();
            for (x, y) in [
                ("fama", "csp-dpa"),
                ("wagner", "csp-dpa"),
                ("csp-dpa", "fama"),
            ] {
                assert!(pairs.contains(&(x.into(), y.into())), "{accept}: {pairs:?}");
            }
        }
        let response = server.sparql(construct, "text/turtle").await;
        assert_eq!(response.status(), 200);
        let turtle = response.bytes().await.unwrap();
        let triples: std::collections::BTreeSet<String> = RdfParser::from_format(RdfFormat::Turtle)
            .for_slice(&turtle)
            .map(|quad| {
                let quad = quad.unwrap();
                format!("{} {} {}", quad.subject, quad.predicate, quad.object)
            })
            .collect();
        assert!(!triples.is_empty());
        graphs.push(triples);
    }
    assert!(
        graphs.windows(2).all(|pair| pair[0] == pair[1]),
        "every backend answers the same triples"
    );
}

/// An update and the Graph Store, with the write token, on every backend.
#[tokio::test]
async fn updates_and_the_graph_store_on_each_backend() {
    let config = ApiConfig {
        write_token: Some("s3cret".into()),
        ..ApiConfig::default()
    };
    for server in Server::each(config).await {
        eprintln!("backend: {}", server.backend);
        let update = server
            .client
            .post(server.url("/update"))
            .bearer_auth("s3cret")
            .form(&[(
                "update",
                "INSERT DATA { GRAPH <http://example.org/notes> { <http://example.org/n1> <http://example.org/says> \"checked\" } }",
            )])
            .send()
            .await
            .unwrap();
        assert_eq!(update.status(), 204, "{}", update.text().await.unwrap());
        let ask = "ASK { <http://example.org/n1> <http://example.org/says> \"checked\" }";
        let answer = server.sparql(ask, "application/sparql-results+json").await;
        let answer: serde_json::Value = answer.json().await.unwrap();
        assert_eq!(answer["boolean"], true);

        let graph = server.url("/store?graph=http%3A%2F%2Fexample.org%2Fnotes");
        let put = server
            .client
            .put(&graph)
            .bearer_auth("s3cret")
            .header("content-type", "text/turtle")
            .body("<http://example.org/n1> <http://example.org/says> \"replaced\" .")
            .send()
            .await
            .unwrap();
        assert!(put.status().is_success(), "{}", put.status());
        let get = server
            .client
            .get(&graph)
            .header("accept", "application/n-triples")
            .send()
            .await
            .unwrap();
        assert_eq!(get.status(), 200);
        let ntriples = get.text().await.unwrap();
        assert!(ntriples.contains("\"replaced\""), "{ntriples}");
        assert!(!ntriples.contains("\"checked\""), "{ntriples}");
        let delete = server
            .client
            .delete(&graph)
            .bearer_auth("s3cret")
            .send()
            .await
            .unwrap();
        assert_eq!(delete.status(), 204);
        let gone = server.client.get(&graph).send().await.unwrap();
        assert_eq!(gone.status(), 404);
    }
}

#[tokio::test]
async fn select_as_json_and_csv() {
    let server = Server::start(ApiConfig::default()).await;
    let response = server
        .sparql(ARTICLES, "application/sparql-results+json")
        .await;
    assert_eq!(response.status(), 200);
    assert_eq!(
        response.headers()["content-type"],
        "application/sparql-results+json"
    );
    let results: serde_json::Value = response.json().await.unwrap();
    let bindings = results["results"]["bindings"].as_array().unwrap();
    assert_eq!(bindings.len(), 1);
    assert_eq!(bindings[0]["date"]["value"], "2024-07");

    let response = server.sparql(ARTICLES, "text/csv").await;
    assert_eq!(response.status(), 200);
    assert_eq!(
        response.headers()["content-type"],
        "text/csv; charset=utf-8"
    );
    let csv = response.text().await.unwrap();
    assert!(
        csv.starts_with("a,date\r\nhttps://w3id.org/actorgraph/article/"),
        "{csv}"
    );

    // No Accept header: JSON.
    let response = server
        .client
        .get(format!("{}/sparql", server.base))
        .query(&[("query", "ASK {}")])
        .send()
        .await
        .unwrap();
    assert_eq!(
        response.text().await.unwrap(),
        r#"{"head":{},"boolean":true}"#
    );
}

#[tokio::test]
async fn post_bodies() {
    let server = Server::start(ApiConfig::default()).await;
    let direct = server
        .client
        .post(format!("{}/sparql", server.base))
        .header("content-type", "application/sparql-query")
        .header("accept", "text/tab-separated-values")
        .body("SELECT ?l WHERE { ?a <https://w3id.org/actorgraph/ns#language> ?l }")
        .send()
        .await
        .unwrap();
    assert_eq!(direct.status(), 200);
    assert_eq!(direct.text().await.unwrap(), "?l\n\"fr\"\n");

    let form = server
        .client
        .post(format!("{}/sparql", server.base))
        .header("content-type", "application/x-www-form-urlencoded")
        .body("query=ASK%20%7B%20GRAPH%20%3Fg%20%7B%20%3Fs%20%3Fp%20%3Fo%20%7D%20%7D&named-graph-uri=http%3A%2F%2Fexample.com%2Fnone")
        .send()
        .await
        .unwrap();
    assert_eq!(form.status(), 200);
    assert_eq!(form.text().await.unwrap(), r#"{"head":{},"boolean":false}"#);

    let wrong = server
        .client
        .post(format!("{}/sparql", server.base))
        .header("content-type", "text/plain")
        .body("ASK {}")
        .send()
        .await
        .unwrap();
    assert_eq!(wrong.status(), 415);
}

#[tokio::test]
async fn construct_as_turtle_and_others() {
    let server = Server::start(ApiConfig::default()).await;
    let query =
        "CONSTRUCT { ?a ?p ?o } WHERE { ?a a <https://w3id.org/actorgraph/ns#Article> ; ?p ?o }";
    let response = server.sparql(query, "text/turtle").await;
    assert_eq!(response.status(), 200);
    assert!(response.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/turtle"));
    let turtle = response.text().await.unwrap();
    assert!(
        turtle.contains("@prefix ag: <https://w3id.org/actorgraph/ns#>"),
        "{turtle}"
    );
    assert!(turtle.contains("ag:Article"), "{turtle}");

    let response = server.sparql(query, "application/n-triples").await;
    assert_eq!(response.status(), 200);
    let ntriples = response.text().await.unwrap();
    assert!(
        ntriples.lines().all(|line| line.ends_with(" .")),
        "{ntriples}"
    );
}

#[tokio::test]
async fn errors() {
    let server = Server::start(ApiConfig::default()).await;
    let bad = server.sparql("SELECT ?x WHERE { ?x ", "*/*").await;
    assert_eq!(bad.status(), 400);
    assert_eq!(bad.headers()["content-type"], "text/plain; charset=utf-8");
    let message = bad.text().await.unwrap();
    assert!(message.contains("error at 1:"), "{message}");

    let refused = server.sparql(ARTICLES, "image/png").await;
    assert_eq!(refused.status(), 406);
    let refused = server
        .sparql("CONSTRUCT WHERE { ?s ?p ?o }", "text/csv")
        .await;
    assert_eq!(refused.status(), 406);

    let update_by_get = server
        .client
        .get(format!("{}/sparql", server.base))
        .query(&[("update", "CLEAR ALL")])
        .send()
        .await
        .unwrap();
    assert_eq!(update_by_get.status(), 400);
    let bad_graph = server
        .client
        .get(format!("{}/sparql", server.base))
        .query(&[("query", "ASK {}"), ("default-graph-uri", "not an iri")])
        .send()
        .await
        .unwrap();
    assert_eq!(bad_graph.status(), 400);
}

#[tokio::test]
async fn slow_queries_time_out() {
    let server = Server::start_with(
        ApiConfig {
            query_timeout: Duration::from_millis(300),
            ..ApiConfig::default()
        },
        200,
    )
    .await;
    // A three-way cross product of over a thousand quads: billions of rows to count, and
    // nothing to stream before the end. Oxigraph checks its cancellation token as it reads quads.
    let query = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }";
    let started = std::time::Instant::now();
    let response = server
        .client
        .post(format!("{}/sparql", server.base))
        .header("content-type", "application/sparql-query")
        .body(query)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 503);
    assert!(started.elapsed() < Duration::from_secs(10));
}

/// Kills the spawned server when the test ends, however it ends.
struct Child(std::process::Child);

impl Drop for Child {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[tokio::test]
async fn the_binary_serves_the_seeds_on_an_empty_store() {
    use std::io::BufRead;
    let dir = tempfile::tempdir().unwrap();
    let mut child = Child(
        std::process::Command::new(assert_cmd::cargo::cargo_bin("actorgraph"))
            .args(["serve", "--bind", "127.0.0.1:0", "--location"])
            .arg(dir.path().join("store"))
            .arg("--seeds")
            .arg(util::root().join("seeds"))
            .env("RUST_LOG", "warn")
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap(),
    );
    let stderr = child.0.stderr.take().unwrap();
    let address = tokio::task::spawn_blocking(move || {
        for line in std::io::BufReader::new(stderr).lines() {
            let line = line.unwrap();
            if let Some(address) = line.strip_prefix("listening on ") {
                return address.to_owned();
            }
        }
        panic!("the server stopped before listening")
    });
    let address = tokio::time::timeout(Duration::from_secs(60), address)
        .await
        .unwrap()
        .unwrap();
    let health: serde_json::Value = reqwest::get(format!("{address}/health"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(health["articles"], 1, "{health}");
}

/// The router alone, without a socket: how handler tests can be written.
#[tokio::test]
async fn router_without_a_socket() {
    use http_body_util::BodyExt;
    use tower::ServiceExt;
    let store = KgStore::in_memory().unwrap();
    let router = api::router(AppState::new(
        store,
        Default::default(),
        ApiConfig::default(),
    ));
    let request = axum::http::Request::get("/sparql?query=ASK%20%7B%7D")
        .header("accept", "text/csv")
        .body(axum::body::Body::empty())
        .unwrap();
    let response = router.oneshot(request).await.unwrap();
    assert_eq!(response.status(), 200);
    let body = response.into_body().collect().await.unwrap().to_bytes();
    assert_eq!(&body[..], b"true");
}

#[tokio::test]
async fn a_body_over_the_limit_is_refused_with_413() {
    let server = Server::start(ApiConfig {
        max_body: 1024,
        ..ApiConfig::default()
    })
    .await;
    let query = format!("ASK {{}} # {}", "x".repeat(2048));
    let response = server
        .client
        .post(format!("{}/sparql", server.base))
        .header("content-type", "application/sparql-query")
        .body(query)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 413);
    // The limit is on the body only: a small query still works.
    let response = server
        .client
        .post(format!("{}/sparql", server.base))
        .header("content-type", "application/sparql-query")
        .body("ASK {}")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
}

#[tokio::test]
async fn cors_headers_only_when_asked() {
    for cors in [false, true] {
        let server = Server::start(ApiConfig {
            cors,
            ..ApiConfig::default()
        })
        .await;
        let response = server
            .client
            .get(format!("{}/sparql", server.base))
            .query(&[("query", "ASK {}")])
            .header("origin", "https://example.org")
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200);
        let allowed = response.headers().get("access-control-allow-origin");
        assert_eq!(allowed.map(|v| v.to_str().unwrap()), cors.then_some("*"));
    }
}
