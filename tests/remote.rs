//! The remote backend when the remote fails: a server that is down, answers 5xx
//! or 4xx, never answers, or loses the connection half-way through an article.
//! Each failure is an error that names the article, after retries where a retry
//! is safe, and leaves no article half-written.

use crate::util;
use actorgraph::store::remote::RemoteErrorKind;
use actorgraph::store::{KgStore, RemoteConfig, StoreError};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// The seed article's IRI and quads.
fn seed_graph() -> (oxigraph::model::NamedNode, Vec<oxigraph::model::Quad>) {
    let knowledge = actorgraph::ontology::Knowledge::load(&util::ontology_dir()).unwrap();
    let article = actorgraph::article::parse_bytes(&util::seed_bytes()).unwrap();
    let facts = actorgraph::extract::extract(&article, &knowledge);
    (
        actorgraph::rdf::article_iri(&article.id),
        actorgraph::rdf::article_quads(&article, &facts),
    )
}

/// A remote at `base` with every endpoint there, quick retries and a short timeout.
fn remote(base: &str) -> KgStore {
    let url = reqwest::Url::parse(&format!("{base}/sparql")).unwrap();
    let mut config = RemoteConfig::new(url.clone());
    config.graph_store_url = Some(url);
    config.retries = 2;
    config.backoff = Duration::from_millis(20);
    config.timeout = Duration::from_millis(700);
    KgStore::remote(config).unwrap()
}

/// A port nothing listens on.
fn closed_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.local_addr().unwrap().port()
}

/// An HTTP server on its own thread answering every request with `status`
/// after `delay`; counts the requests.
fn stub(status: u16, delay: Duration) -> (String, Arc<AtomicUsize>) {
    stub_with(move |_| (status, delay))
}

/// An HTTP server on its own thread answering each request as `answer` says from
/// its method (status and delay); a 200 to a POST is the SPARQL answer `true`.
fn stub_with(
    answer: impl Fn(&axum::http::Method) -> (u16, Duration) + Clone + Send + Sync + 'static,
) -> (String, Arc<AtomicUsize>) {
    let requests = Arc::new(AtomicUsize::new(0));
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.set_nonblocking(true).unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let counter = requests.clone();
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        runtime.block_on(async move {
            let listener = tokio::net::TcpListener::from_std(listener).unwrap();
            let app = axum::Router::new().fallback(move |method: axum::http::Method| {
                let counter = counter.clone();
                let (status, delay) = answer(&method);
                async move {
                    counter.fetch_add(1, Ordering::SeqCst);
                    tokio::time::sleep(delay).await;
                    let status = axum::http::StatusCode::from_u16(status).unwrap();
                    if status.is_success() && method == axum::http::Method::POST {
                        return (
                            status,
                            [("content-type", "application/sparql-results+json")],
                            r#"{"head":{},"boolean":true}"#,
                        );
                    }
                    (status, [("content-type", "text/plain")], "stub answer")
                }
            });
            axum::serve(listener, app).await.unwrap();
        });
    });
    (base, requests)
}

#[track_caller]
fn remote_error(result: Result<bool, StoreError>) -> actorgraph::store::RemoteError {
    match result {
        Err(StoreError::Remote(error)) => error,
        other => panic!("a remote error, not {other:?}"),
    }
}

#[test]
fn a_server_that_is_down_is_a_clear_error_naming_the_article() {
    let store = remote(&format!("http://127.0.0.1:{}", closed_port()));
    let (iri, quads) = seed_graph();
    let error = remote_error(store.replace_article(&iri, &quads));
    assert!(
        matches!(error.kind, RemoteErrorKind::Unreachable(_)),
        "{error}"
    );
    let message = StoreError::Remote(error).to_string();
    assert!(message.contains(iri.as_str()), "{message}");
    assert!(message.contains("cannot reach"), "{message}");
}

#[test]
fn a_5xx_is_retried_then_reported() {
    let (base, requests) = stub(503, Duration::ZERO);
    let store = remote(&base);
    let (iri, quads) = seed_graph();
    let error = remote_error(store.replace_article(&iri, &quads));
    assert!(
        matches!(error.kind, RemoteErrorKind::Status { status: 503, .. }),
        "{error}"
    );
    assert!(error.to_string().contains(iri.as_str()), "{error}");
    assert_eq!(
        requests.load(Ordering::SeqCst),
        3,
        "one try and two retries"
    );
}

#[test]
fn a_4xx_is_not_retried() {
    let (base, requests) = stub(400, Duration::ZERO);
    let store = remote(&base);
    let (iri, quads) = seed_graph();
    let error = remote_error(store.replace_article(&iri, &quads));
    assert!(
        matches!(error.kind, RemoteErrorKind::Status { status: 400, .. }),
        "{error}"
    );
    assert!(error.is_rejection());
    assert_eq!(requests.load(Ordering::SeqCst), 1, "never retried");
}

#[test]
fn a_server_that_does_not_answer_times_out() {
    let (base, requests) = stub(200, Duration::from_secs(30));
    let store = remote(&base);
    let (iri, quads) = seed_graph();
    let started = Instant::now();
    let error = remote_error(store.replace_article(&iri, &quads));
    assert!(matches!(error.kind, RemoteErrorKind::Timeout(_)), "{error}");
    // Three tries of 0.7 s and the waits between them, far from the stub's 30 s.
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(requests.load(Ordering::SeqCst), 3);
}

#[test]
fn load_reports_each_article_the_remote_lost_and_exits_1() {
    // Queries answer (the ontology looks loaded already); every graph write fails.
    let (base, _requests) = stub_with(|method| {
        let status = if method == axum::http::Method::PUT {
            500
        } else {
            200
        };
        (status, Duration::ZERO)
    });
    let output = util::actorgraph()
        .args(["load", "--backend-retries", "1", "--backend"])
        .arg(format!("{base}/sparql"))
        .arg("--backend-graph-store")
        .arg(format!("{base}/sparql"))
        .arg(util::seed_path())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    let path = util::seed_path().display().to_string();
    let reported = stderr
        .lines()
        .find(|line| line.starts_with("error: ") && line.contains(&path))
        .unwrap_or_else(|| panic!("the article is named: {stderr}"));
    assert!(
        reported.contains("write article <https://w3id.org/actorgraph/article/"),
        "{reported}"
    );
    assert!(reported.contains("500"), "{reported}");
    assert!(stdout.contains("loaded 0 articles"), "{stdout}");
}

#[tokio::test]
async fn the_rest_api_answers_503_when_the_remote_is_down_and_stores_nothing() {
    let store = remote(&format!("http://127.0.0.1:{}", closed_port()));
    let knowledge = actorgraph::ontology::Knowledge::load(&util::ontology_dir()).unwrap();
    let config = actorgraph::api::ApiConfig {
        write_token: Some("s3cret".into()),
        ..Default::default()
    };
    let state = actorgraph::api::AppState::new(store, Arc::new(knowledge), config);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(actorgraph::api::serve(
        listener,
        state,
        std::future::pending(),
    ));
    let client = reqwest::Client::new();
    let posted = client
        .post(format!("{base}/api/articles"))
        .bearer_auth("s3cret")
        .header("content-type", "text/plain")
        .body(util::seed_bytes())
        .send()
        .await
        .unwrap();
    assert_eq!(posted.status(), 503);
    let problem: serde_json::Value = posted.json().await.unwrap();
    assert_eq!(problem["status"], 503, "{problem}");
    let sparql = client
        .get(format!("{base}/sparql"))
        .query(&[("query", "ASK { ?s ?p ?o }")])
        .send()
        .await
        .unwrap();
    assert_eq!(sparql.status(), 503);
    let message = sparql.text().await.unwrap();
    assert!(message.contains("unavailable"), "{message}");
    assert!(
        !message.contains("127.0.0.1"),
        "no backend address leaks: {message}"
    );
}

/// A TCP proxy to `upstream` that forwards the first `cut` bytes of each request,
/// then drops the connection: the remote sees a request that stops half-way.
fn cutting_proxy(upstream: String, cut: usize) -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for client in listener.incoming() {
            let Ok(mut client) = client else { return };
            let upstream = upstream.clone();
            std::thread::spawn(move || {
                use std::io::{Read, Write};
                let Ok(mut server) = std::net::TcpStream::connect(&upstream) else {
                    return;
                };
                let mut forwarded = 0;
                let mut buffer = [0; 4096];
                while forwarded < cut {
                    let Ok(n) = client.read(&mut buffer) else {
                        return;
                    };
                    if n == 0 {
                        return;
                    }
                    let n = n.min(cut - forwarded);
                    if server.write_all(&buffer[..n]).is_err() {
                        return;
                    }
                    forwarded += n;
                }
                let _ = server.shutdown(std::net::Shutdown::Both);
                let _ = client.shutdown(std::net::Shutdown::Both);
            });
        }
    });
    base
}

#[test]
fn a_connection_lost_half_way_leaves_the_old_article_whole() {
    let Some(virtuoso) = util::Backend::virtuoso() else {
        eprintln!("ACTORGRAPH_TEST_VIRTUOSO is not set: nothing to cut");
        return;
    };
    let (iri, quads) = seed_graph();
    assert!(!virtuoso.store.replace_article(&iri, &quads).unwrap());
    let count = |store: &KgStore| match store
        .query(&format!(
            "SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH {iri} {{ ?s ?p ?o }} }}"
        ))
        .unwrap()
    {
        actorgraph::store::QueryOutput::Solutions { rows, .. } => rows[0][0].clone(),
        other => panic!("{other:?}"),
    };
    let before = count(&virtuoso.store);

    // The same article, rewritten with one more triple, sent through a proxy that cuts it.
    let mut changed = quads.clone();
    changed.push(oxigraph::model::Quad::new(
        iri.clone(),
        oxigraph::model::NamedNode::new_unchecked("http://example.org/mark"),
        oxigraph::model::Literal::new_simple_literal("half"),
        iri.clone(),
    ));
    let mut config = util::virtuoso_config().unwrap();
    let upstream = config.graph_store_url.clone().unwrap();
    let proxy = cutting_proxy(
        format!(
            "{}:{}",
            upstream.host_str().unwrap(),
            upstream.port().unwrap()
        ),
        2000,
    );
    let mut through_proxy = reqwest::Url::parse(&proxy).unwrap();
    through_proxy.set_path(upstream.path());
    config.graph_store_url = Some(through_proxy);
    config.retries = 1;
    config.backoff = Duration::from_millis(20);
    let cut = KgStore::remote(config).unwrap();
    let error = remote_error(cut.replace_article(&iri, &changed));
    assert!(error.to_string().contains(iri.as_str()), "{error}");

    assert_eq!(count(&virtuoso.store), before, "the old version, whole");
    assert!(matches!(
        virtuoso
            .store
            .query(&format!(
                "ASK {{ GRAPH {iri} {{ ?s <http://example.org/mark> ?o }} }}"
            ))
            .unwrap(),
        actorgraph::store::QueryOutput::Boolean(false)
    ));
    // Retried once the remote is reachable, it is written.
    assert!(virtuoso.store.replace_article(&iri, &changed).unwrap());
}

/// `load --backend` and `query --backend` on the test Virtuoso, credentials from the environment.
#[test]
fn load_and_query_a_remote_from_the_command_line() {
    let Some(virtuoso) = util::Backend::virtuoso() else {
        eprintln!("ACTORGRAPH_TEST_VIRTUOSO is not set: no remote to load");
        return;
    };
    let config = util::virtuoso_config().unwrap();
    let password = std::env::var("ACTORGRAPH_TEST_VIRTUOSO_PASSWORD").unwrap_or_default();
    let remote_args = |command: &str| {
        vec![
            command.to_owned(),
            "--backend".to_owned(),
            config.query_url.to_string(),
            "--backend-update".to_owned(),
            config.update_url.to_string(),
            "--backend-graph-store".to_owned(),
            config.graph_store_url.as_ref().unwrap().to_string(),
            "--backend-user".to_owned(),
            "dba".to_owned(),
            "--backend-auth".to_owned(),
            "digest".to_owned(),
        ]
    };
    for round in ["new", "again"] {
        let output = util::actorgraph()
            .args(remote_args("load"))
            .arg(util::seed_path())
            .env("ACTORGRAPH_BACKEND_PASSWORD", &password)
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&output.stdout);
        assert!(
            output.status.success(),
            "{round}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        let replaced = if round == "new" { 0 } else { 1 };
        assert!(
            stdout.contains(&format!("loaded 1 articles ({replaced} replaced)")),
            "{round}: {stdout}"
        );
        assert!(
            !stdout.contains(&password)
                && !String::from_utf8_lossy(&output.stderr).contains(&password)
        );
    }
    assert_eq!(virtuoso.store.article_count().unwrap(), 1);
    let output = util::actorgraph()
        .args(remote_args("query"))
        .args(["--format", "csv"])
        .arg("SELECT ?y WHERE { <https://w3id.org/actorgraph/actor/wagner> <https://w3id.org/actorgraph/ns#allyOf> ?y }")
        .env("ACTORGRAPH_BACKEND_PASSWORD", &password)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        stdout.contains("https://w3id.org/actorgraph/actor/fama"),
        "{stdout}"
    );

    // A wrong password: refused, and said so.
    let output = util::actorgraph()
        .args(remote_args("load"))
        .arg(util::seed_path())
        .env("ACTORGRAPH_BACKEND_PASSWORD", "wrong")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("401"), "{stderr}");
}
