//! SPARQL 1.1 Update, Graph Store, service description and limits, on a real socket
//! over a real on-disk store.

use crate::util::Server;
use actorgraph::api::ApiConfig;
use reqwest::StatusCode;
use std::time::{Duration, Instant};

const TOKEN: &str = "s3cret";

fn writable() -> ApiConfig {
    ApiConfig {
        write_token: Some(TOKEN.into()),
        ..ApiConfig::default()
    }
}

impl Server {
    async fn update(&self, path: &str, update: &str, token: Option<&str>) -> reqwest::Response {
        let mut request = self
            .client
            .post(self.url(path))
            .header("content-type", "application/sparql-update")
            .body(update.to_owned());
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        request.send().await.unwrap()
    }

    async fn ask(&self, query: &str) -> bool {
        let response = self.sparql(query, "application/sparql-results+json").await;
        assert_eq!(response.status(), StatusCode::OK);
        let results: serde_json::Value = response.json().await.unwrap();
        results["boolean"].as_bool().unwrap()
    }
}

const PROBE: &str = "ASK { GRAPH <http://example.com/g> { <http://example.com/s> ?p ?o } }";

#[tokio::test]
async fn updates_need_the_token() {
    let read_only = Server::start(ApiConfig::default()).await;
    let insert = "INSERT DATA { GRAPH <http://example.com/g> { <http://example.com/s> <http://example.com/p> 1 } }";
    let response = read_only.update("/sparql", insert, Some(TOKEN)).await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    assert_eq!(
        response.headers()["content-type"],
        "text/plain; charset=utf-8"
    );

    let server = Server::start(writable()).await;
    let response = server.update("/sparql", insert, None).await;
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(response.headers()["www-authenticate"], "Bearer");
    let response = server.update("/sparql", insert, Some("wrong")).await;
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    assert!(!server.ask(PROBE).await);

    let response = server.update("/update", insert, Some(TOKEN)).await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    assert!(server.ask(PROBE).await);

    // A form, on /sparql.
    let response = server
        .client
        .post(server.url("/sparql"))
        .bearer_auth(TOKEN)
        .form(&[("update", "DROP GRAPH <http://example.com/g>")])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    assert!(!server.ask(PROBE).await);
}

#[tokio::test]
async fn a_failed_update_changes_nothing() {
    let server = Server::start(writable()).await;
    let count = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }";
    let before = server.sparql(count, "text/csv").await.text().await.unwrap();

    // The second operation fails (the graph exists): the first is not applied either.
    let update = "INSERT DATA { GRAPH <http://example.com/g> { <http://example.com/s> <http://example.com/p> 1 } } ; \
                  CREATE GRAPH <http://example.com/g>";
    let response = server.update("/update", update, Some(TOKEN)).await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    assert!(!server.ask(PROBE).await);

    let response = server
        .update("/update", "INSERT DATA { <s> <p> ", Some(TOKEN))
        .await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    assert_eq!(
        response.headers()["content-type"],
        "text/plain; charset=utf-8"
    );
    let message = response.text().await.unwrap();
    assert!(message.contains("error at 1:"), "{message}");

    // USING in the update and using-graph-uri in the request: refused.
    let response = server
        .client
        .post(server.url("/update?using-graph-uri=http%3A%2F%2Fexample.com%2Fg"))
        .bearer_auth(TOKEN)
        .header("content-type", "application/sparql-update")
        .body("WITH <http://example.com/g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);

    let after = server.sparql(count, "text/csv").await.text().await.unwrap();
    assert_eq!(before, after);
}

#[tokio::test]
async fn each_endpoint_runs_its_operations() {
    let server = Server::start(writable()).await;
    // /query runs queries, not updates.
    let response = server
        .client
        .post(server.url("/query"))
        .header("content-type", "application/sparql-query")
        .body("ASK {}")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let response = server.update("/query", "CLEAR ALL", Some(TOKEN)).await;
    assert_eq!(response.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);
    let response = server
        .client
        .post(server.url("/query"))
        .bearer_auth(TOKEN)
        .form(&[("update", "CLEAR ALL")])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    // /update runs updates, by POST only.
    let response = server
        .client
        .get(server.url("/update?update=CLEAR%20ALL"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::METHOD_NOT_ALLOWED);
    let response = server
        .client
        .post(server.url("/update"))
        .header("content-type", "application/sparql-query")
        .body("ASK {}")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);
    // Nothing was cleared.
    assert!(server.ask("ASK { ?s ?p ?o }").await);
    // The server makes no outgoing requests: SERVICE and LOAD are refused as such.
    let response = server
        .sparql(
            "SELECT * WHERE { SERVICE <http://example.com/sparql> { ?s ?p ?o } }",
            "*/*",
        )
        .await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    let response = server
        .update("/update", "LOAD <http://example.com/data.ttl>", Some(TOKEN))
        .await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn graph_store_protocol() {
    let server = Server::start(writable()).await;
    let graph = server.url("/store?graph=http%3A%2F%2Fexample.com%2Fg");
    let put = |body: &'static str, content_type: &'static str, token: Option<&'static str>| {
        let mut request = server
            .client
            .put(&graph)
            .header("content-type", content_type)
            .body(body);
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        request.send()
    };
    let turtle = "<http://example.com/s> <http://example.com/p> 1 .";

    let response = put(turtle, "text/turtle", None).await.unwrap();
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    let response = server.client.get(&graph).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    let response = server.client.head(&graph).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::NOT_FOUND);

    let response = put(turtle, "text/turtle", Some(TOKEN)).await.unwrap();
    assert_eq!(response.status(), StatusCode::CREATED);
    let response = put(turtle, "text/turtle; charset=utf-8", Some(TOKEN))
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    let response = put(turtle, "image/png", Some(TOKEN)).await.unwrap();
    assert_eq!(response.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);
    let response = put("<http://example.com/s> <oops", "text/turtle", Some(TOKEN))
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    assert_eq!(
        response.headers()["content-type"],
        "text/plain; charset=utf-8"
    );

    let response = server
        .client
        .post(&graph)
        .bearer_auth(TOKEN)
        .header("content-type", "application/n-triples")
        .body("<http://example.com/s> <http://example.com/p> \"2\" .\n")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::NO_CONTENT);

    let response = server
        .client
        .get(&graph)
        .header("accept", "application/n-triples")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()["content-type"], "application/n-triples");
    let ntriples = response.text().await.unwrap();
    assert_eq!(ntriples.lines().count(), 2, "{ntriples}");
    let response = server.client.head(&graph).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()["content-type"], "text/turtle");

    // The whole dataset: N-Quads by default, TriG by request; never Turtle.
    let response = server
        .client
        .get(server.url("/store"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.headers()["content-type"], "application/n-quads");
    let nquads = response.text().await.unwrap();
    assert!(nquads.contains("<http://example.com/g> ."), "{nquads}");
    assert!(nquads.contains("<https://w3id.org/actorgraph/article/"));
    let response = server
        .client
        .get(server.url("/store"))
        .header("accept", "application/trig")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let response = server
        .client
        .get(server.url("/store"))
        .header("accept", "text/turtle")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::NOT_ACCEPTABLE);

    // A new graph by POST to the store, then found at its Location.
    let response = server
        .client
        .post(server.url("/store"))
        .bearer_auth(TOKEN)
        .header("content-type", "text/turtle")
        .body("<http://example.com/a> <http://example.com/b> <http://example.com/c> .")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::CREATED);
    let location = response.headers()["location"].to_str().unwrap().to_owned();
    assert!(location.starts_with(&server.url("/store/")), "{location}");
    let response = server.client.get(&location).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert!(response
        .text()
        .await
        .unwrap()
        .contains("<http://example.com/c>"));

    let delete = || server.client.delete(&graph).bearer_auth(TOKEN).send();
    assert_eq!(delete().await.unwrap().status(), StatusCode::NO_CONTENT);
    assert_eq!(delete().await.unwrap().status(), StatusCode::NOT_FOUND);
    let response = server
        .client
        .delete(server.url("/store"))
        .bearer_auth(TOKEN)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    let response = server
        .client
        .get(server.url("/store?graph=http%3A%2F%2Fa&default"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn service_description() {
    let server = Server::start(ApiConfig::default()).await;
    let response = server
        .client
        .get(server.url("/sparql"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()["content-type"], "text/turtle");
    let turtle = response.text().await.unwrap();
    assert!(turtle.contains("sd:Service"), "{turtle}");
    assert!(
        turtle.contains(&format!("<{}>", server.url("/sparql"))),
        "{turtle}"
    );
    assert!(turtle.contains("sd:UnionDefaultGraph"), "{turtle}");
    assert!(turtle.contains("sd:SPARQL11Update"), "{turtle}");
    for accept in [
        "application/n-triples",
        "application/rdf+xml",
        "application/ld+json",
    ] {
        let response = server
            .client
            .get(server.url("/query"))
            .header("accept", accept)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::OK, "{accept}");
        assert_eq!(response.headers()["content-type"], accept);
        let body = response.text().await.unwrap();
        assert!(body.contains(&server.url("/query")), "{body}");
        assert!(!body.contains("SPARQL11Update"), "{body}");
    }
}

#[tokio::test]
async fn cors_preflight_allows_posting_queries() {
    let server = Server::start(ApiConfig {
        cors: true,
        ..ApiConfig::default()
    })
    .await;
    let response = server
        .client
        .request(reqwest::Method::OPTIONS, server.url("/sparql"))
        .header("origin", "https://example.org")
        .header("access-control-request-method", "POST")
        .header("access-control-request-headers", "content-type")
        .send()
        .await
        .unwrap();
    assert!(response.status().is_success(), "{}", response.status());
    let headers = response.headers();
    assert_eq!(headers["access-control-allow-origin"], "*");
    let methods = headers["access-control-allow-methods"].to_str().unwrap();
    assert!(methods == "*" || methods.contains("POST"), "{methods}");
    let allowed = headers["access-control-allow-headers"].to_str().unwrap();
    assert!(
        allowed == "*" || allowed.contains("content-type"),
        "{allowed}"
    );
}

/// A query over a few thousand quads with billions of results.
const HUGE: &str = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }";

#[tokio::test]
async fn busy_servers_answer_503_with_retry_after() {
    let server = Server::start_with(
        ApiConfig {
            max_operations: 1,
            query_timeout: Duration::from_secs(3),
            ..ApiConfig::default()
        },
        50,
    )
    .await;
    let count = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }";
    let slow = {
        let client = server.client.clone();
        let url = server.url("/sparql");
        tokio::spawn(async move {
            client
                .post(url)
                .header("content-type", "application/sparql-query")
                .body(count)
                .send()
                .await
                .unwrap()
                .status()
        })
    };
    tokio::time::sleep(Duration::from_millis(500)).await;
    let response = server.sparql("ASK {}", "*/*").await;
    assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(response.headers()["retry-after"], "1");
    // The slow query times out, and frees its slot.
    assert_eq!(slow.await.unwrap(), StatusCode::SERVICE_UNAVAILABLE);
    wait_for_a_free_slot(&server, Duration::from_secs(5)).await;
}

/// Waits until a small query is answered 200 rather than 503 (busy).
async fn wait_for_a_free_slot(server: &Server, patience: Duration) {
    let deadline = Instant::now() + patience;
    loop {
        let status = server.sparql("ASK {}", "*/*").await.status();
        if status == StatusCode::OK {
            return;
        }
        assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
        assert!(Instant::now() < deadline, "no slot was freed");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::test]
async fn results_stream_and_a_client_leaving_cancels_its_query() {
    let server = Server::start_with(
        ApiConfig {
            max_operations: 1,
            query_timeout: Duration::from_secs(600),
            ..ApiConfig::default()
        },
        50,
    )
    .await;
    let started = Instant::now();
    let mut response = server.sparql(HUGE, "text/tab-separated-values").await;
    assert_eq!(response.status(), StatusCode::OK);
    assert!(response.content_length().is_none(), "not streamed");
    // The first chunk arrives long before the (astronomical) end.
    let mut received = 0;
    while received < 1024 * 1024 {
        let chunk = response.chunk().await.unwrap().expect("more results");
        received += chunk.len();
    }
    assert!(started.elapsed() < Duration::from_secs(60));
    drop(response);
    // The client left: its query is cancelled and its one slot freed well before the timeout.
    wait_for_a_free_slot(&server, Duration::from_secs(30)).await;

    // A small result goes out whole, with its length.
    let small = server
        .sparql(
            "SELECT ?x WHERE { VALUES ?x { 1 2 3 } }",
            "text/tab-separated-values",
        )
        .await;
    assert_eq!(small.status(), StatusCode::OK);
    let length = small.content_length();
    let body = small.text().await.unwrap();
    assert_eq!(length, Some(body.len() as u64), "{body}");
    assert_eq!(body.lines().count(), 4, "{body}");
}

#[tokio::test]
async fn request_datasets_replace_the_union() {
    let server = Server::start(writable()).await;
    let response = server
        .update(
            "/update",
            "INSERT DATA { GRAPH <http://example.com/g1> { <http://example.com/s> a <http://example.com/C> } }",
            Some(TOKEN),
        )
        .await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    let ask = "ASK { <http://example.com/s> a <http://example.com/C> }";
    assert!(server.ask(ask).await, "the union is the default graph");
    let with_graphs = |params: &'static str| {
        server
            .client
            .get(server.url(&format!("/sparql?{params}")))
            .query(&[("query", ask)])
            .send()
    };
    let text = |response: reqwest::Response| async move { response.text().await.unwrap() };
    let only_named = with_graphs("named-graph-uri=http%3A%2F%2Fexample.com%2Fg1")
        .await
        .unwrap();
    assert!(text(only_named).await.contains("false"));
    let default = with_graphs("default-graph-uri=http%3A%2F%2Fexample.com%2Fg1")
        .await
        .unwrap();
    assert!(text(default).await.contains("true"));
    // FROM in the query is honoured as written.
    assert!(
        !server
            .ask("ASK FROM <http://example.com/none> { ?s ?p ?o }")
            .await
    );
}

#[tokio::test]
async fn slow_updates_time_out_and_change_nothing() {
    let server = Server::start_with(
        ApiConfig {
            query_timeout: Duration::from_millis(300),
            ..writable()
        },
        100,
    )
    .await;
    // The WHERE clause counts a three-way cross product: far longer than the timeout.
    let update = "INSERT { GRAPH <http://example.com/g> { <http://example.com/s> <http://example.com/p> ?n } } \
                  WHERE { SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } }";
    let started = Instant::now();
    let response = server.update("/update", update, Some(TOKEN)).await;
    assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert!(started.elapsed() < Duration::from_secs(10));
    assert!(!server.ask(PROBE).await);
}

#[tokio::test]
async fn every_body_reading_route_has_the_limit() {
    let server = Server::start(ApiConfig {
        max_body: 1024,
        ..writable()
    })
    .await;
    let big = format!("# {}\n", "x".repeat(2048));
    for (method, path, content_type) in [
        (
            reqwest::Method::POST,
            "/sparql",
            "application/sparql-update",
        ),
        (
            reqwest::Method::POST,
            "/query",
            "application/x-www-form-urlencoded",
        ),
        (
            reqwest::Method::POST,
            "/update",
            "application/sparql-update",
        ),
        (reqwest::Method::PUT, "/store?default", "text/turtle"),
        (reqwest::Method::POST, "/store", "text/turtle"),
        (reqwest::Method::POST, "/store/a/graph", "text/turtle"),
    ] {
        let response = server
            .client
            .request(method.clone(), server.url(path))
            .bearer_auth(TOKEN)
            .header("content-type", content_type)
            .body(big.clone())
            .send()
            .await
            .unwrap();
        assert_eq!(
            response.status(),
            StatusCode::PAYLOAD_TOO_LARGE,
            "{method} {path}"
        );
    }
}
