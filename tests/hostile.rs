//! Hostile and broken input, from the command line and over HTTP: the corpus in
//! `tests/hostile/` (plus a 50 MB single line and other large inputs made here).
//! Each gets an error that names the file and line (or the field) and the right
//! status; nothing panics; the store is left as it was; good input beside bad
//! input still loads.

use crate::util::{self, actorgraph, Server};
use actorgraph::api::ApiConfig;
use actorgraph::store::KgStore;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Each bad file of the corpus, the line its error names (if any) and the message.
const BAD_FILES: &[(&str, Option<usize>, &str)] = &[
    ("empty.txt", None, "the article has no body text"),
    ("only-headers.txt", None, "the article has no body text"),
    ("binary.txt", None, "binary content (NUL bytes)"),
    ("latin1.txt", Some(2), "invalid utf-8"),
    ("mixed-encodings.txt", Some(3), "invalid utf-8"),
    ("nonsense-date.txt", Some(1), "invalid date \"demain\""),
    (
        "impossible-date.txt",
        Some(1),
        "invalid date \"2024-02-30\"",
    ),
    ("overflowing-date.txt", Some(1), "invalid date \"9999999"),
    ("control-character.txt", Some(2), "control character U+0007"),
    ("unknown-language.txt", Some(1), "bad lang header"),
    (
        "wrong-type-text.json",
        None,
        "field \"text\" must be a string",
    ),
    (
        "wrong-type-date.json",
        None,
        "field \"date\" must be a string",
    ),
    (
        "not-an-object.json",
        None,
        "field \"(root)\" must be an object",
    ),
    ("missing-text.json", None, "missing field \"text\""),
    (
        "escaped-control.json",
        None,
        "field \"text\": control character U+0007",
    ),
    ("broken.json", Some(3), "invalid json"),
    (
        "deeply-nested.json",
        Some(1),
        "invalid json: recursion limit exceeded",
    ),
];

/// The bad lines of `some-bad-lines.jsonl` (lines 1 and 5 are good).
const BAD_LINES: &[(usize, &str)] = &[
    (2, "invalid json"),
    (3, "field \"text\" must be a string"),
    (6, "field \"date\""),
];

fn corpus() -> PathBuf {
    util::root().join("tests/hostile")
}

/// A single line of 50 MB.
fn huge_line() -> Vec<u8> {
    "Le JNIM a attaqué Djibo. ".repeat(2_100_000).into_bytes()
}

/// The corpus and a 50 MB single-line file, in a temporary folder.
fn corpus_with_huge_file() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(corpus()).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, dir.path().join(path.file_name().unwrap())).unwrap();
    }
    std::fs::write(dir.path().join("huge.txt"), huge_line()).unwrap();
    dir
}

/// The good articles of the corpus, as a clean load stores them.
fn good_articles() -> Vec<actorgraph::article::Article> {
    let mut good =
        vec![
            actorgraph::article::parse_bytes(&std::fs::read(corpus().join("good.txt")).unwrap())
                .unwrap(),
        ];
    let lines = std::fs::read_to_string(corpus().join("some-bad-lines.jsonl")).unwrap();
    good.extend(
        actorgraph::article::parse_json_lines(&lines)
            .into_iter()
            .flatten(),
    );
    assert_eq!(good.len(), 3);
    good
}

fn error_line(dir: &Path, file: &str, line: Option<usize>, message: &str) -> String {
    match line {
        Some(line) => format!("error: {}:{line}: {message}", dir.join(file).display()),
        None => format!("error: {}: {message}", dir.join(file).display()),
    }
}

#[test]
fn load_names_each_bad_file_and_line_and_stores_only_the_good_articles() {
    let dir = corpus_with_huge_file();
    let store_dir = tempfile::tempdir().unwrap();
    let output = actorgraph()
        .arg("load")
        .arg("--location")
        .arg(store_dir.path())
        .arg(dir.path())
        .timeout(Duration::from_secs(300))
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stdout}\n{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    for (file, line, message) in BAD_FILES {
        let expected = error_line(dir.path(), file, *line, message);
        assert!(stderr.contains(&expected), "{expected}\nnot in\n{stderr}");
    }
    for (line, message) in BAD_LINES {
        let expected = error_line(dir.path(), "some-bad-lines.jsonl", Some(*line), message);
        assert!(stderr.contains(&expected), "{expected}\nnot in\n{stderr}");
    }
    let huge = format!("the article is too large: {} bytes", huge_line().len());
    let huge = error_line(dir.path(), "huge.txt", None, &huge);
    assert!(stderr.contains(&huge), "{huge}\nnot in\n{stderr}");
    let n_errors = BAD_FILES.len() + BAD_LINES.len() + 1;
    assert!(
        stdout.contains("loaded 3 articles (0 replaced)")
            && stdout.contains(&format!("{n_errors} errors")),
        "{stdout}"
    );

    // Exactly the good articles are stored, each as a clean load stores it.
    let store = KgStore::open(store_dir.path()).unwrap();
    let clean = KgStore::in_memory().unwrap();
    clean.load_ontology(&util::ontology_dir()).unwrap();
    let knowledge = actorgraph::ontology::Knowledge::load(&util::ontology_dir()).unwrap();
    for article in good_articles() {
        actorgraph::ingest(&clean, &knowledge, &article).unwrap();
    }
    assert_eq!(util::quads_by_graph(&store), util::quads_by_graph(&clean));
}

#[test]
fn extract_names_the_bad_file_and_exits_1() {
    for (file, line, message) in BAD_FILES {
        let output = actorgraph()
            .arg("extract")
            .arg(corpus().join(file))
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(1), "{file}: {stderr}");
        let expected = error_line(&corpus(), file, *line, message);
        assert!(stderr.contains(&expected), "{expected}\nnot in\n{stderr}");
    }
}

fn writable() -> ApiConfig {
    ApiConfig {
        write_token: Some("hostile-test-token".into()),
        ..ApiConfig::default()
    }
}

async fn health(server: &Server) -> serde_json::Value {
    let response = server
        .client
        .get(server.url("/health"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    response.json().await.unwrap()
}

async fn post(server: &Server, content_type: &str, body: Vec<u8>) -> (u16, serde_json::Value) {
    let response = server
        .client
        .post(server.url("/api/articles"))
        .bearer_auth("hostile-test-token")
        .header("content-type", content_type)
        .body(body)
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    let problem = response.json().await.unwrap_or_default();
    (status, problem)
}

#[tokio::test]
async fn posting_the_corpus_gets_400s_that_name_the_line_or_field_and_changes_nothing() {
    let server = Server::start(writable()).await;
    let before = health(&server).await;
    for (file, line, message) in BAD_FILES {
        let bytes = std::fs::read(corpus().join(file)).unwrap();
        let content_type = if file.ends_with(".json") {
            "application/json"
        } else {
            "text/plain"
        };
        let (status, problem) = post(&server, content_type, bytes).await;
        let detail = problem["detail"].as_str().unwrap_or_default();
        // Invalid UTF-8 in a JSON body is refused before the article parser sees it.
        let expected_status = 400;
        assert_eq!(status, expected_status, "{file}: {problem}");
        if content_type == "text/plain" || !message.contains("utf-8") {
            assert!(detail.contains(message), "{file}: {detail}");
        }
        if let Some(line) = line {
            assert!(
                detail.starts_with(&format!("line {line}: ")),
                "{file}: {detail}"
            );
        }
    }
    // Over the article limit but under the body limit: 413, named.
    let (status, problem) = post(
        &server,
        "text/plain",
        "Le JNIM a attaqué Djibo. ".repeat(50_000).into_bytes(),
    )
    .await;
    assert_eq!(status, 413, "{problem}");
    assert!(
        problem["detail"].as_str().unwrap().contains("too large"),
        "{problem}"
    );
    // The 50 MB line: over the body limit, 413 before it is read.
    let (status, _) = post(&server, "text/plain", huge_line()).await;
    assert_eq!(status, 413);
    // Another media type: 415.
    let (status, _) = post(&server, "application/pdf", b"%PDF-1.4".to_vec()).await;
    assert_eq!(status, 415);
    assert_eq!(health(&server).await, before, "the store changed");
}

#[tokio::test]
async fn ids_that_try_to_escape_are_not_found() {
    let server = Server::start(writable()).await;
    let before = health(&server).await;
    for path in [
        "/api/articles/..%2F..%2Fetc%2Fpasswd",
        "/api/articles/../../etc/passwd",
        "/api/actors/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
        "/api/actors/fama%3E%20%3Fp%20%3Fo%20%7D%20%23",
        "/api/events/x%22%29%20%7D",
        "/api/places/..%5C..%5Cwindows",
        "/api/articles/%00",
    ] {
        let response = server.client.get(server.url(path)).send().await.unwrap();
        assert_eq!(response.status(), 404, "{path}");
        let response = server
            .client
            .delete(server.url(path))
            .bearer_auth("hostile-test-token")
            .send()
            .await
            .unwrap();
        assert!(
            [404, 405].contains(&response.status().as_u16()),
            "{path}: {}",
            response.status()
        );
    }
    // The graph store reads graphs, not files.
    let response = server
        .client
        .get(server.url("/store"))
        .query(&[("graph", "file:///etc/passwd")])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 404);
    for update in [
        "LOAD <file:///etc/passwd>",
        "LOAD <file:///etc/passwd> INTO GRAPH <http://example.com/g>",
    ] {
        let response = server
            .client
            .post(server.url("/update"))
            .bearer_auth("hostile-test-token")
            .header("content-type", "application/sparql-update")
            .body(update)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 400, "{update}");
    }
    let response = server
        .sparql(
            "SELECT * WHERE { SERVICE <file:///etc/passwd> { ?s ?p ?o } }",
            "text/csv",
        )
        .await;
    assert_eq!(response.status(), 400);
    assert_eq!(health(&server).await, before, "the store changed");
}

#[tokio::test]
async fn hostile_sparql_is_refused_or_bounded_and_the_server_stays_up() {
    let server = Server::start(ApiConfig {
        query_timeout: Duration::from_secs(5),
        ..writable()
    })
    .await;
    let before = health(&server).await;
    // Deep nesting and long chains: a clear 400 before parsing (this overflowed the stack).
    let deep = format!(
        "SELECT * WHERE {{ {} ?s ?p ?o {} }}",
        "{".repeat(100_000),
        "}".repeat(100_000)
    );
    let unions = format!(
        "ASK {{ {{ ?s ?p ?o }} {} }}",
        "UNION { ?s ?p ?o } ".repeat(5_000)
    );
    let sums = format!(
        "ASK {{ ?s ?p ?o FILTER(?o = 1 {}) }}",
        "+ 1 ".repeat(50_000)
    );
    let filters = format!(
        "ASK {{ ?s ?p ?o FILTER({}) }}",
        "(".repeat(10_000) + "true" + &")".repeat(10_000)
    );
    for query in [&deep, &unions, &sums, &filters] {
        let response = server
            .client
            .post(server.url("/sparql"))
            .header("content-type", "application/sparql-query")
            .body(query.clone())
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 400);
        let text = response.text().await.unwrap();
        assert!(text.contains("too complex"), "{text}");
    }
    let update = format!(
        "INSERT DATA {{ GRAPH <http://example.com/g> {{ <http://example.com/s> <http://example.com/p> {}1{} }} }}",
        "(".repeat(10_000),
        ")".repeat(10_000)
    );
    let response = server
        .client
        .post(server.url("/update"))
        .bearer_auth("hostile-test-token")
        .header("content-type", "application/sparql-update")
        .body(update)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 400);
    // An enormous query: over the body limit, 413.
    let enormous = format!(
        "SELECT * WHERE {{ VALUES ?x {{ {} }} }}",
        "1 ".repeat(9_000_000)
    );
    let response = server
        .client
        .post(server.url("/sparql"))
        .header("content-type", "application/sparql-query")
        .body(enormous)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 413);
    // Regex-heavy filters: the regex engine has no backtracking, and a pattern too
    // large to compile is an error, not a crash; the timeout bounds the rest.
    for pattern in [
        "^(a+)+$",
        "(a|aa|aaa|a*)*b",
        "(x{1000}){1000}",
        "[",
        "\\\\p{Nonsense}",
    ] {
        let query = format!(
            "SELECT (COUNT(*) AS ?n) WHERE {{ ?s ?p ?o FILTER(REGEX(STR(?o), \"{pattern}\")) }}"
        );
        let started = std::time::Instant::now();
        let response = server.sparql(&query, "text/csv").await;
        let status = response.status().as_u16();
        assert!([200, 400, 503].contains(&status), "{pattern}: {status}");
        assert!(started.elapsed() < Duration::from_secs(20), "{pattern}");
    }
    // A huge Accept header: negotiated (or refused), quickly.
    let accept = "application/x-nothing;q=0.5, ".repeat(2_000) + "text/csv";
    let started = std::time::Instant::now();
    let response = server.sparql("ASK { ?s ?p ?o }", &accept).await;
    assert_eq!(response.status(), 200);
    assert!(started.elapsed() < Duration::from_secs(5));
    let response = server
        .client
        .get(server.url("/api/actors"))
        .header("accept", accept.as_str())
        .send()
        .await
        .unwrap();
    assert!(response.status().as_u16() < 500);
    // Control characters and nonsense in parameters.
    for (path, status) in [
        ("/api/events?from=2024-13-45", 400),
        ("/api/events?from=%00%01", 400),
        ("/api/actors?limit=-1", 400),
        ("/api/actors?limit=99999999999999999999", 400),
        ("/api/actors?q=%00%1b%5b31m", 200),
        ("/api/events?near=1e999,nan,-5", 400),
    ] {
        let response = server.client.get(server.url(path)).send().await.unwrap();
        assert_eq!(response.status(), status, "{path}");
    }
    assert_eq!(health(&server).await, before, "the store changed");
}
