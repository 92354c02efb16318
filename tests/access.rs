//! Access control: every write needs the bearer token, a server without one is
//! read-only, `--read-only` opens the store read-only, `serve` will not listen
//! beyond this machine without a token, and tokens never reach the logs.

use crate::util::{self, Server, ServerProcess};
use actorgraph::api::ApiConfig;

const TOKEN: &str = "Zq8-access-test-token-4f1c";

/// One write request of each kind: (method, path, content type, body).
fn writes(article_id: &str) -> Vec<(reqwest::Method, String, &'static str, String)> {
    use reqwest::Method;
    let graph = "graph=http%3A%2F%2Fexample.com%2Fg";
    let triple = "<http://example.com/s> <http://example.com/p> \"o\" .".to_owned();
    let insert = "INSERT DATA { GRAPH <http://example.com/g> { <http://example.com/s> <http://example.com/p> \"u\" } }";
    vec![
        (
            Method::POST,
            "/update".into(),
            "application/sparql-update",
            insert.into(),
        ),
        (
            Method::POST,
            "/sparql".into(),
            "application/sparql-update",
            insert.into(),
        ),
        (
            Method::POST,
            "/sparql".into(),
            "application/x-www-form-urlencoded",
            format!(
                "update={}",
                insert
                    .replace(' ', "+")
                    .replace('{', "%7B")
                    .replace('}', "%7D")
            ),
        ),
        (
            Method::PUT,
            format!("/store?{graph}"),
            "text/turtle",
            triple.clone(),
        ),
        (
            Method::POST,
            format!("/store?{graph}"),
            "text/turtle",
            triple.clone(),
        ),
        (
            Method::PUT,
            "/store?default".into(),
            "text/turtle",
            triple.clone(),
        ),
        (Method::DELETE, format!("/store?{graph}"), "", String::new()),
        (
            Method::POST,
            "/api/articles".into(),
            "text/plain",
            "date 2024-07\nLe JNIM a attaqué un poste près de Djibo.".into(),
        ),
        (
            Method::DELETE,
            format!("/api/articles/{article_id}"),
            "",
            String::new(),
        ),
    ]
}

async fn send(
    server: &Server,
    (method, path, content_type, body): &(reqwest::Method, String, &'static str, String),
    authorization: Option<&str>,
) -> reqwest::Response {
    let mut request = server.client.request(method.clone(), server.url(path));
    if !content_type.is_empty() {
        request = request.header("content-type", *content_type);
    }
    if let Some(value) = authorization {
        request = request.header("authorization", value);
    }
    request.body(body.clone()).send().await.unwrap()
}

async fn health(server: &Server) -> serde_json::Value {
    let response = server
        .client
        .get(server.url("/health"))
        .send()
        .await
        .unwrap();
    response.json().await.unwrap()
}

async fn seed_id(server: &Server) -> String {
    let page: serde_json::Value = server
        .client
        .get(server.url("/api/articles"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    page["items"][0]["id"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn every_write_needs_the_right_bearer_token() {
    let server = Server::start(ApiConfig {
        write_token: Some(TOKEN.into()),
        ..ApiConfig::default()
    })
    .await;
    let before = health(&server).await;
    let writes = writes(&seed_id(&server).await);
    let wrong = [
        None,
        Some("Bearer".to_owned()),
        Some("Bearer wrong".to_owned()),
        Some(format!("Bearer {}", &TOKEN[..TOKEN.len() - 1])),
        Some(format!("Bearer {TOKEN}x")),
        Some(format!("Basic {TOKEN}")),
        Some(format!("Bearer {}", TOKEN.to_uppercase())),
        Some(TOKEN.to_owned()),
    ];
    for write in &writes {
        for authorization in &wrong {
            let response = send(&server, write, authorization.as_deref()).await;
            assert_eq!(
                response.status(),
                401,
                "{} {} with {authorization:?}",
                write.0,
                write.1
            );
            assert_eq!(response.headers()["www-authenticate"], "Bearer");
        }
    }
    assert_eq!(
        health(&server).await,
        before,
        "a refused write changed the store"
    );
    // With the token, each one writes.
    for write in &writes {
        let response = send(&server, write, Some(&format!("Bearer {TOKEN}"))).await;
        assert!(
            response.status().is_success(),
            "{} {}: {}",
            write.0,
            write.1,
            response.status()
        );
    }
}

#[tokio::test]
async fn without_a_token_the_server_is_read_only() {
    let server = Server::start(ApiConfig::default()).await;
    let before = health(&server).await;
    for write in &writes(&seed_id(&server).await) {
        let response = send(&server, write, Some("Bearer anything")).await;
        assert_eq!(response.status(), 403, "{} {}", write.0, write.1);
    }
    assert_eq!(health(&server).await, before);
    // Reads still work.
    assert_eq!(server.sparql("ASK { ?s ?p ?o }", "*/*").await.status(), 200);
}

#[test]
fn serve_will_not_listen_beyond_this_machine_without_a_token() {
    let dir = tempfile::tempdir().unwrap();
    let output = util::actorgraph()
        .args(["serve", "--bind", "0.0.0.0:0", "--location"])
        .arg(dir.path().join("store"))
        .env_remove("ACTORGRAPH_WRITE_TOKEN")
        .timeout(std::time::Duration::from_secs(60))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("refusing to listen on 0.0.0.0:0"),
        "{stderr}"
    );
    assert!(
        !dir.path().join("store").exists(),
        "it opened the store first"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn read_only_serves_the_store_and_refuses_every_write() {
    let server = ServerProcess::start(&["--write-token", TOKEN]).reopen(&["--read-only"]);
    let client = reqwest::Client::new();
    let health: serde_json::Value = client
        .get(server.url("/health"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(health["articles"], 1);
    let response = client
        .post(server.url("/api/articles"))
        .bearer_auth(TOKEN)
        .body("Le JNIM a attaqué Djibo.")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 403);
    let response = client
        .post(server.url("/update"))
        .bearer_auth(TOKEN)
        .header("content-type", "application/sparql-update")
        .body("CLEAR ALL")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 403);
    // And the flag cannot be combined with a token.
    let output = util::actorgraph()
        .args(["serve", "--read-only", "--write-token", "x"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tokens_never_reach_the_logs() {
    let dir = tempfile::tempdir().unwrap();
    let token_file = dir.path().join("token");
    std::fs::write(&token_file, format!("{TOKEN}\n")).unwrap();
    let server = ServerProcess::start_with_env(
        &["--write-token-file", token_file.to_str().unwrap()],
        &[("RUST_LOG", "trace")],
    );
    let client = reqwest::Client::new();
    for token in [TOKEN, "Wr0ng-token-that-must-not-be-logged"] {
        let response = client
            .post(server.url("/update"))
            .bearer_auth(token)
            .header("content-type", "application/sparql-update")
            .body("INSERT DATA { <http://example.com/s> <http://example.com/p> 1 }")
            .send()
            .await
            .unwrap();
        let expected = if token == TOKEN { 204 } else { 401 };
        assert_eq!(response.status(), expected);
    }
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    let logs = server.stderr();
    assert!(
        logs.contains("/update"),
        "the requests were not traced: {logs}"
    );
    assert!(!logs.contains(TOKEN), "the token is in the logs");
    assert!(
        !logs.contains("Wr0ng-token"),
        "a wrong token is in the logs"
    );
}
