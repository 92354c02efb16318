//! Limits that hold under load: body size (413), query timeout, result rows of
//! the REST API, and operation slots shared by SPARQL and REST (503 with
//! `Retry-After`); the server stays healthy after each.

use crate::util::Server;
use actorgraph::api::ApiConfig;
use std::time::Duration;

async fn assert_healthy(server: &Server) {
    let response = server
        .client
        .get(server.url("/health"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(server.sparql("ASK { ?s ?p ?o }", "*/*").await.status(), 200);
    // With one operation slot, the ASK's slot is freed a moment after its last
    // byte reached us: a 503 with Retry-After then is the server working as
    // designed, so retry for a while; never answering 200 is the failure.
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    loop {
        let response = server
            .client
            .get(server.url("/api/actors?limit=1"))
            .send()
            .await
            .unwrap();
        if response.status() == 200 {
            break;
        }
        assert_eq!(response.status(), 503, "only a busy server may refuse");
        assert!(response.headers().contains_key("retry-after"));
        assert!(std::time::Instant::now() < deadline, "never healthy again");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// A count over a three-way cross product: billions of rows, nothing streamed before the end.
const SLOW_COUNT: &str = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }";

#[tokio::test]
async fn rest_and_sparql_share_the_slots_and_busy_means_503_with_retry_after() {
    let server = Server::start_with(
        ApiConfig {
            max_operations: 1,
            query_timeout: Duration::from_secs(3),
            ..ApiConfig::default()
        },
        50,
    )
    .await;
    let slow = {
        let client = server.client.clone();
        let url = server.url("/sparql");
        tokio::spawn(async move {
            client
                .post(url)
                .header("content-type", "application/sparql-query")
                .body(SLOW_COUNT)
                .send()
                .await
                .unwrap()
                .status()
        })
    };
    tokio::time::sleep(Duration::from_millis(500)).await;
    let response = server
        .client
        .get(server.url("/api/actors"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 503);
    assert_eq!(response.headers()["retry-after"], "1");
    assert_eq!(
        response.headers()["content-type"],
        "application/problem+json"
    );
    // Health is never refused: monitoring must see a busy server.
    let response = server
        .client
        .get(server.url("/health"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(slow.await.unwrap(), 503, "the slow query was not timed out");
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    loop {
        let status = server
            .client
            .get(server.url("/api/actors"))
            .send()
            .await
            .unwrap()
            .status();
        if status == 200 {
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the slot was never freed"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_healthy(&server).await;
}

#[tokio::test]
async fn oversized_bodies_get_413_everywhere_and_the_server_stays_up() {
    let server = Server::start(ApiConfig {
        max_body: 64 * 1024,
        write_token: Some("t".into()),
        ..ApiConfig::default()
    })
    .await;
    let body = "x".repeat(65 * 1024);
    for (path, content_type) in [
        ("/sparql", "application/sparql-query"),
        ("/update", "application/sparql-update"),
        ("/store?default", "text/turtle"),
        ("/api/articles", "text/plain"),
    ] {
        let response = server
            .client
            .post(server.url(path))
            .bearer_auth("t")
            .header("content-type", content_type)
            .body(body.clone())
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 413, "{path}");
    }
    assert_healthy(&server).await;
}

#[tokio::test]
async fn slow_queries_are_cancelled_at_the_timeout_and_the_server_stays_up() {
    let server = Server::start_with(
        ApiConfig {
            query_timeout: Duration::from_secs(1),
            ..ApiConfig::default()
        },
        50,
    )
    .await;
    for _ in 0..3 {
        let started = std::time::Instant::now();
        let response = server
            .client
            .post(server.url("/sparql"))
            .header("content-type", "application/sparql-query")
            .body(SLOW_COUNT)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 503);
        assert!(started.elapsed() < Duration::from_secs(15));
    }
    assert_healthy(&server).await;
}

#[tokio::test]
async fn rest_pages_hold_at_most_500_rows() {
    let server = Server::start_with(ApiConfig::default(), 600).await;
    let response = server
        .client
        .get(server.url("/api/articles?limit=501"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 400);
    let page: serde_json::Value = server
        .client
        .get(server.url("/api/articles?limit=500"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(page["items"].as_array().unwrap().len(), 500);
    assert!(page["next"].is_string(), "{}", page["next"]);
    assert_healthy(&server).await;
}
