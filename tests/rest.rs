//! The REST API under `/api` on a real socket, over a real on-disk store holding
//! the ontology, the gazetteer and the seed article.

use crate::util;
use actorgraph::api::{self, ApiConfig, AppState};
use actorgraph::ontology::Knowledge;
use serde_json::Value;
use std::sync::Arc;

const TOKEN: &str = "s3cret";

/// A running server over a store loaded like `serve` does; stops when dropped.
struct Server {
    base: String,
    client: reqwest::Client,
    _shutdown: tokio::sync::oneshot::Sender<()>,
    _backend: Option<util::Backend>,
    store: actorgraph::store::KgStore,
}

impl Server {
    async fn start() -> Self {
        Self::start_with(ApiConfig {
            write_token: Some(TOKEN.into()),
            ..ApiConfig::default()
        })
        .await
    }

    /// One server per backend ([`util::backends`]), each with the write token.
    async fn each() -> Vec<Self> {
        let mut servers = Vec::new();
        for backend in util::backends() {
            let config = ApiConfig {
                write_token: Some(TOKEN.into()),
                ..ApiConfig::default()
            };
            servers.push(Self::start_on(backend, config).await);
        }
        servers
    }

    async fn start_with(config: ApiConfig) -> Self {
        Self::start_on(util::Backend::embedded(), config).await
    }

    async fn start_on(backend: util::Backend, config: ApiConfig) -> Self {
        eprintln!("backend: {}", backend.name);
        let store = backend.store.clone();
        store.load_ontology(&util::ontology_dir()).unwrap();
        let knowledge = Knowledge::load(&util::ontology_dir()).unwrap();
        let article = actorgraph::article::parse_bytes(&util::seed_bytes()).unwrap();
        actorgraph::ingest(&store, &knowledge, &article).unwrap();
        let mut server = Self::serve(store, knowledge, config).await;
        server._backend = Some(backend);
        server
    }

    /// A server on `store` as it is.
    async fn serve(
        store: actorgraph::store::KgStore,
        knowledge: Knowledge,
        config: ApiConfig,
    ) -> Self {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let (shutdown, stopped) = tokio::sync::oneshot::channel::<()>();
        let state = AppState::new(store.clone(), Arc::new(knowledge), config);
        tokio::spawn(api::serve(listener, state, async {
            let _ = stopped.await;
        }));
        Self {
            base,
            client: reqwest::Client::new(),
            _shutdown: shutdown,
            _backend: None,
            store,
        }
    }

    /// Checks that `paths` answer as they do from another server on the same store
    /// with nothing kept from earlier requests, which reads them afresh.
    async fn reads_as_afresh(&self, paths: &[&str]) {
        let knowledge = Knowledge::load(&util::ontology_dir()).unwrap();
        let fresh = Self::serve(self.store.clone(), knowledge, ApiConfig::default()).await;
        for path in paths {
            assert_eq!(
                self.json(path, 200).await,
                fresh.json(path, 200).await,
                "{path}"
            );
        }
    }

    async fn get(&self, path: &str) -> reqwest::Response {
        self.client
            .get(format!("{}{path}", self.base))
            .send()
            .await
            .unwrap()
    }

    /// GETs `path`, checks the status, and reads the JSON body.
    async fn json(&self, path: &str, status: u16) -> Value {
        let response = self.get(path).await;
        assert_eq!(response.status(), status, "GET {path}");
        response.json().await.unwrap()
    }

    async fn post_article(&self, token: Option<&str>, body: &str) -> reqwest::Response {
        let mut request = self
            .client
            .post(format!("{}/api/articles", self.base))
            .header("content-type", "text/plain; charset=utf-8")
            .body(body.to_owned());
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        request.send().await.unwrap()
    }
}

/// The ids of a page's items.
fn ids(page: &Value) -> Vec<&str> {
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|item| item["id"].as_str().unwrap())
        .collect()
}

/// Checks an error is problem+json with this status, and returns its detail.
async fn problem(response: reqwest::Response, status: u16) -> String {
    assert_eq!(response.status(), status);
    assert_eq!(
        response.headers()["content-type"],
        "application/problem+json"
    );
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["status"], status);
    assert!(body["title"].is_string());
    body["detail"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn search_ignores_case_and_accents() {
    for server in Server::each().await {
        for (query, id) in [
            ("wagner", "wagner"),
            ("FAMa", "fama"),
            ("armee malienne", "fama"),
            ("CSP-DPA", "csp-dpa"),
        ] {
            let page = server
                .json(&format!("/api/actors?q={}", query.replace(' ', "+")), 200)
                .await;
            assert_eq!(ids(&page).first(), Some(&id), "{query}: {page}");
        }
        let page = server.json("/api/actors?q=wagner", 200).await;
        let wagner = &page["items"][0];
        assert_eq!(wagner["iri"], "https://w3id.org/actorgraph/actor/wagner");
        assert_eq!(wagner["type"], "ArmedGroup");
        assert!(wagner["mentions"].as_u64().unwrap() >= 1);
        assert!(wagner["aliases"]
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a == "Wagner"));

        // Type filter and pagination.
        let page = server.json("/api/actors?type=Country&limit=2", 200).await;
        assert_eq!(ids(&page).len(), 2);
        let next = page["next"].as_str().unwrap();
        let second = server
            .json(
                &format!("/api/actors?type=Country&limit=2&cursor={next}"),
                200,
            )
            .await;
        assert_ne!(ids(&page), ids(&second));
        let page = server.json("/api/actors?q=zzzzzz", 200).await;
        assert!(ids(&page).is_empty());
        assert!(page["next"].is_null());
    }
}

#[tokio::test]
async fn an_actor_with_its_counts() {
    for server in Server::each().await {
        let fama = server.json("/api/actors/fama", 200).await;
        assert_eq!(fama["id"], "fama");
        assert_eq!(fama["type"], "StateArmedForce");
        assert_eq!(fama["articles"], 1);
        assert!(fama["events"].as_u64().unwrap() >= 2, "{fama}");
        assert_eq!(fama["first_seen"], "2024-07");
        assert_eq!(fama["last_seen"], "2024-07");
        assert_eq!(fama["country"]["id"], "ml");
        let csp = server.json("/api/actors/csp-dpa", 200).await;
        assert_eq!(csp["valid_from"], "2024");
        // Countries are actors too, under their place id.
        let mali = server.json("/api/actors/ml", 200).await;
        assert_eq!(mali["type"], "Country");
        assert!(mali["wikidata"]
            .as_str()
            .unwrap()
            .starts_with("http://www.wikidata.org/entity/Q"));

        let detail = problem(server.get("/api/actors/nobody").await, 404).await;
        assert!(detail.contains("nobody"), "{detail}");
        problem(server.get("/api/actors/a%3Eb").await, 404).await;
    }
}

#[tokio::test]
async fn wagner_is_allied_with_the_malian_army_and_both_oppose_the_csp_dpa() {
    for server in Server::each().await {
        let relations = server.json("/api/actors/wagner/relations", 200).await;
        let items = relations["items"].as_array().unwrap();
        let ally = items
            .iter()
            .find(|r| {
                r["predicate"] == "allyOf" && r["actor"]["id"] == "fama" && r["derived"] == false
            })
            .unwrap_or_else(|| panic!("no allyOf fama: {relations}"));
        let evidence = &ally["evidence"][0];
        assert!(
            evidence["text"].as_str().unwrap().contains("alliés russes"),
            "{evidence}"
        );
        let articles = server.json("/api/articles", 200).await;
        assert_eq!(evidence["article"], articles["items"][0]["id"]);
        assert_eq!(evidence["date"], "2024-07");
        assert!(!ally["claimed_by"].as_array().unwrap().is_empty(), "{ally}");

        let csp = server.json("/api/actors/csp-dpa/relations", 200).await;
        for other in ["fama", "wagner"] {
            assert!(
                csp["items"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|r| r["predicate"] == "opposes" && r["actor"]["id"] == other),
                "csp-dpa opposes {other}: {csp}"
            );
        }
        // Filters.
        let only = server
            .json("/api/actors/csp-dpa/relations?predicate=allyOf", 200)
            .await;
        assert!(only["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|r| r["predicate"] == "allyOf"));
        let later = server
            .json("/api/actors/wagner/relations?since=2025", 200)
            .await;
        assert!(
            later["items"]
                .as_array()
                .unwrap()
                .iter()
                .all(|r| r["evidence"].as_array().unwrap().is_empty()),
            "{later}"
        );
        problem(
            server
                .get("/api/actors/wagner/relations?predicate=likes")
                .await,
            400,
        )
        .await;
        problem(
            server.get("/api/actors/wagner/relations?since=July").await,
            400,
        )
        .await;
    }
}

#[tokio::test]
async fn relations_come_in_pages_best_supported_first() {
    let server = Server::start().await;
    let all = server
        .json("/api/actors/fama/relations?limit=500", 200)
        .await;
    let items = all["items"].as_array().unwrap();
    let total = all["total"].as_u64().unwrap() as usize;
    assert_eq!(items.len(), total, "{all}");
    assert!(
        total >= 3,
        "the seed relates the Malian army to several actors: {all}"
    );
    assert!(all["next"].is_null(), "{all}");
    let counts: Vec<u64> = items
        .iter()
        .map(|item| item["evidence_count"].as_u64().unwrap())
        .collect();
    assert!(
        counts.windows(2).all(|pair| pair[0] >= pair[1]),
        "most evidence first: {counts:?}"
    );

    // One by one, following `next`, the same relations in the same order.
    let mut walked = Vec::new();
    let mut path = "/api/actors/fama/relations?limit=1".to_owned();
    loop {
        let page = server.json(&path, 200).await;
        assert_eq!(page["total"].as_u64(), Some(total as u64), "{page}");
        let page_items = page["items"].as_array().unwrap();
        assert_eq!(page_items.len(), 1, "{page}");
        walked.push(page_items[0].clone());
        match page["next"].as_str() {
            Some(cursor) => path = format!("/api/actors/fama/relations?limit=1&cursor={cursor}"),
            None => break,
        }
    }
    assert_eq!(&walked, items);

    // `with`: only the relations with one actor.
    let other = items[0]["actor"]["id"].as_str().unwrap();
    let with = server
        .json(&format!("/api/actors/fama/relations?with={other}"), 200)
        .await;
    let with_items = with["items"].as_array().unwrap();
    assert!(!with_items.is_empty(), "{with}");
    assert!(
        with_items.iter().all(|item| item["actor"]["id"] == other),
        "{with}"
    );
    let nobody = server
        .json("/api/actors/fama/relations?with=nobody", 200)
        .await;
    assert_eq!(nobody["total"], 0, "{nobody}");

    // `evidence` keeps the count whole and cuts the entries.
    let none = server
        .json("/api/actors/fama/relations?limit=500&evidence=0", 200)
        .await;
    for (cut, whole) in none["items"].as_array().unwrap().iter().zip(items) {
        assert_eq!(cut["evidence"].as_array().unwrap().len(), 0, "{cut}");
        assert_eq!(cut["evidence_count"], whole["evidence_count"]);
    }
    for bad in ["limit=0", "limit=501", "cursor=x", "evidence=1001"] {
        problem(
            server
                .get(&format!("/api/actors/fama/relations?{bad}"))
                .await,
            400,
        )
        .await;
    }
}

#[tokio::test]
async fn relations_derived_from_events_are_flagged() {
    let server = Server::start().await;
    let relations = server.json("/api/actors/fama/relations", 200).await;
    for item in relations["items"].as_array().unwrap() {
        let derived = &item["derived"];
        assert!(
            *derived == false || *derived == "co-participation",
            "{item}"
        );
        if *derived == "co-participation" {
            assert!(item["evidence"][0]["event"].is_string(), "{item}");
        }
    }
}

#[tokio::test]
async fn the_tinzaouatene_battle_with_its_participants() {
    for server in Server::each().await {
        let page = server
            .json("/api/events?place=tinzaouatene&type=Battle", 200)
            .await;
        let battle = &page["items"][0];
        assert_eq!(battle["type"], "Battle");
        assert_eq!(battle["place"]["id"], "tinzaouatene");
        let participants: Vec<&str> = battle["participants"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["actor"]["id"].as_str().unwrap())
            .collect();
        assert!(participants.contains(&"fama"), "{battle}");
        assert!(participants.contains(&"csp-dpa"), "{battle}");

        let event = server
            .json(
                &format!("/api/events/{}", battle["id"].as_str().unwrap()),
                200,
            )
            .await;
        assert_eq!(event["date"], "2024-07");
        assert_eq!(event["date_precision"], "month");
        assert_eq!(event["sides"].as_array().unwrap().len(), 2, "{event}");
        assert!((event["place"]["coordinates"]["latitude"].as_f64().unwrap() - 19.93).abs() < 0.01);
        assert!(event["evidence"][0]["text"]
            .as_str()
            .unwrap()
            .contains("Tinzaouatene"));
        assert!(!event["claims"].as_array().unwrap().is_empty(), "{event}");

        // The same battle found by region, by distance, by actor and by dates.
        for filter in [
            "place=kidal-region",
            "near=19.9,2.9,50",
            "actor=csp-dpa",
            "from=2024-07-01&to=2024-07-31",
        ] {
            let page = server.json(&format!("/api/events?{filter}"), 200).await;
            assert!(
                ids(&page).contains(&battle["id"].as_str().unwrap()),
                "{filter}: {page}"
            );
        }
        for filter in ["near=0,0,10", "from=2025", "actor=nobody"] {
            let page = server.json(&format!("/api/events?{filter}"), 200).await;
            assert!(
                !ids(&page).contains(&battle["id"].as_str().unwrap()),
                "{filter}"
            );
        }
        let by_actor = server.json("/api/actors/csp-dpa/events", 200).await;
        assert!(ids(&by_actor).contains(&battle["id"].as_str().unwrap()));
        problem(server.get("/api/events/nope").await, 404).await;
        problem(server.get("/api/events?near=north").await, 400).await;
        problem(server.get("/api/events?type=Party").await, 400).await;
    }
}

#[tokio::test]
async fn places_with_coordinates_and_events() {
    for server in Server::each().await {
        let page = server.json("/api/places?q=tinzaouatène", 200).await;
        assert!(ids(&page).contains(&"tinzaouatene"), "{page}");
        let place = server.json("/api/places/tinzaouatene", 200).await;
        assert_eq!(place["type"], "Town");
        assert_eq!(place["country"]["id"], "ml");
        assert!((place["coordinates"]["longitude"].as_f64().unwrap() - 2.95).abs() < 0.01);
        assert!(!place["events"].as_array().unwrap().is_empty());
        let region = server.json("/api/places/kidal-region", 200).await;
        assert!(!region["events"].as_array().unwrap().is_empty());
        problem(server.get("/api/places/atlantis").await, 404).await;
    }
}

#[tokio::test]
async fn an_article_with_mentions_to_highlight() {
    for server in Server::each().await {
        let page = server.json("/api/articles", 200).await;
        assert_eq!(ids(&page).len(), 1);
        let id = ids(&page)[0].to_owned();
        let article = server.json(&format!("/api/articles/{id}"), 200).await;
        assert_eq!(article["date"], "2024-07");
        let text: Vec<char> = article["text"].as_str().unwrap().chars().collect();
        let mentions = article["facts"]["mentions"].as_array().unwrap();
        assert!(mentions.len() > 10);
        for mention in mentions {
            let start = mention["start"].as_u64().unwrap() as usize;
            let end = mention["end"].as_u64().unwrap() as usize;
            let written: String = text[start..end].iter().collect();
            assert_eq!(written, mention["text"].as_str().unwrap());
        }
        let facts = &article["facts"];
        assert!(facts["actors"]
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a["id"] == "wagner"));
        assert!(facts["relations"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["predicate"] == "allyOf"));
        assert!(!facts["events"].as_array().unwrap().is_empty());
        assert!(!facts["claims"].as_array().unwrap().is_empty());
        problem(
            server
                .get("/api/articles/00000000-0000-0000-0000-000000000000")
                .await,
            404,
        )
        .await;
        problem(server.get("/api/articles/not-a-uuid").await, 404).await;
    }
}

const NEW_ARTICLE: &str = "date 2024-09\nLe groupe armé Katiba Serma a attaqué un poste de l'armée burkinabè près de Djibo, a déclaré le JNIM.";

#[tokio::test]
async fn posting_an_article_makes_its_actors_searchable_at_once_and_twice_changes_nothing() {
    for server in Server::each().await {
        let before = server.json("/api/actors?q=serma", 200).await;
        assert!(ids(&before).is_empty(), "{before}");

        let created = server.post_article(Some(TOKEN), NEW_ARTICLE).await;
        assert_eq!(created.status(), 201);
        let location = created.headers()["location"].to_str().unwrap().to_owned();
        let created: Value = created.json().await.unwrap();
        let id = created["id"].as_str().unwrap().to_owned();
        assert_eq!(location, format!("/api/articles/{id}"));
        assert!(created["facts"]["actors"]
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a["id"] == "jnim"));

        let after = server.json("/api/actors?q=serma", 200).await;
        // "Katiba" is the head noun of the name (a unit), so the discovered actor is "Katiba Serma".
        assert_eq!(ids(&after), ["katiba-serma"], "{after}");
        let health = server.json("/health", 200).await;

        let again = server.post_article(Some(TOKEN), NEW_ARTICLE).await;
        assert_eq!(again.status(), 200);
        let again: Value = again.json().await.unwrap();
        assert_eq!(again["id"], id.as_str());
        assert_eq!(server.json("/health", 200).await, health);

        // JSON works too, and is the same article when the text is.
        let json = server
            .client
            .post(format!("{}/api/articles", server.base))
            .bearer_auth(TOKEN)
            .json(&serde_json::json!({ "text": "Les FAMa ont repris Kidal.", "date": "2023-11" }))
            .send()
            .await
            .unwrap();
        assert_eq!(json.status(), 201);

        // Delete, then it is gone.
        let delete = |id: String| {
            server
                .client
                .delete(format!("{}/api/articles/{id}", server.base))
                .bearer_auth(TOKEN)
                .send()
        };
        assert_eq!(delete(id.clone()).await.unwrap().status(), 204);
        problem(server.get(&format!("/api/articles/{id}")).await, 404).await;
        problem(delete(id).await.unwrap(), 404).await;
        let gone = server.json("/api/actors?q=serma", 200).await;
        assert!(ids(&gone).is_empty(), "{gone}");
    }
}

#[tokio::test]
async fn writes_need_the_token_and_bad_articles_change_nothing() {
    for server in Server::each().await {
        let health = server.json("/health", 200).await;
        problem(server.post_article(None, NEW_ARTICLE).await, 401).await;
        problem(server.post_article(Some("wrong"), NEW_ARTICLE).await, 401).await;
        let detail = problem(
            server
                .post_article(Some(TOKEN), "date 2024-13 Le texte.")
                .await,
            400,
        )
        .await;
        assert!(detail.contains("2024-13"), "{detail}");
        let bad_json = server
            .client
            .post(format!("{}/api/articles", server.base))
            .bearer_auth(TOKEN)
            .header("content-type", "application/json")
            .body(r#"{"text": 3}"#)
            .send()
            .await
            .unwrap();
        assert!(problem(bad_json, 400).await.contains("text"));
        let image = server
            .client
            .post(format!("{}/api/articles", server.base))
            .bearer_auth(TOKEN)
            .header("content-type", "image/png")
            .body("x")
            .send()
            .await
            .unwrap();
        problem(image, 415).await;
        let id = ids(&server.json("/api/articles", 200).await)[0].to_owned();
        let delete = server
            .client
            .delete(format!("{}/api/articles/{id}", server.base))
            .send()
            .await
            .unwrap();
        problem(delete, 401).await;
        assert_eq!(server.json("/health", 200).await, health);

        let read_only = Server::start_with(ApiConfig::default()).await;
        problem(read_only.post_article(Some(TOKEN), NEW_ARTICLE).await, 403).await;
    }
}

#[tokio::test]
async fn an_oversized_body_is_a_413_problem() {
    let server = Server::start_with(ApiConfig {
        write_token: Some(TOKEN.into()),
        max_body: 1024,
        ..ApiConfig::default()
    })
    .await;
    let body = format!("Les FAMa. {}", "x".repeat(4096));
    problem(server.post_article(Some(TOKEN), &body).await, 413).await;
}

#[tokio::test]
async fn parameters_are_checked() {
    let server = Server::start().await;
    for path in [
        "/api/actors?limit=0",
        "/api/actors?limit=501",
        "/api/actors?limit=ten",
        "/api/actors?cursor=bogus",
        "/api/actors?type=Alien",
        "/api/graph",
        "/api/graph?actor=wagner&depth=4",
    ] {
        let detail = problem(server.get(path).await, 400).await;
        assert!(!detail.is_empty(), "{path}");
    }
    problem(server.get("/api/nothing-here").await, 404).await;
    let put = server
        .client
        .put(format!("{}/api/actors", server.base))
        .send()
        .await
        .unwrap();
    problem(put, 405).await;
}

#[tokio::test]
async fn a_neighbourhood_for_drawing() {
    for server in Server::each().await {
        let graph = server.json("/api/graph?actor=wagner&depth=2", 200).await;
        let nodes: Vec<&str> = graph["nodes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|n| n["id"].as_str().unwrap())
            .collect();
        assert_eq!(nodes[0], "wagner");
        assert!(
            nodes.contains(&"fama") && nodes.contains(&"csp-dpa"),
            "{graph}"
        );
        assert!(graph["edges"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["predicate"] == "allyOf"
                && [e["source"].as_str(), e["target"].as_str()].contains(&Some("wagner"))));
        problem(server.get("/api/graph?actor=nobody").await, 404).await;
    }
}

#[tokio::test]
async fn json_ld_on_request() {
    let server = Server::start().await;
    let response = server
        .client
        .get(format!("{}/api/actors/wagner", server.base))
        .header("accept", "application/ld+json")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"], "application/ld+json");
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["@context"]["name"], "schema:name");
    assert_eq!(body["@context"]["iri"], "@id");
    assert_eq!(body["iri"], "https://w3id.org/actorgraph/actor/wagner");
    // Plain JSON otherwise.
    let response = server.get("/api/actors/wagner").await;
    assert_eq!(response.headers()["content-type"], "application/json");
}

#[tokio::test]
async fn the_openapi_document_and_the_docs_page() {
    let server = Server::start().await;
    let spec = server.json("/api/openapi.json", 200).await;
    assert!(spec["openapi"].as_str().unwrap().starts_with("3.1"));
    for path in [
        "/api/actors",
        "/api/actors/{id}",
        "/api/actors/{id}/relations",
        "/api/actors/{id}/events",
        "/api/events",
        "/api/events/{id}",
        "/api/places",
        "/api/places/{id}",
        "/api/articles",
        "/api/articles/{id}",
        "/api/extract",
        "/api/graph",
    ] {
        assert!(spec["paths"][path].is_object(), "{path} is not documented");
    }
    let root = server.get("/api").await;
    assert!(root.url().path().ends_with("/api/docs"), "{}", root.url());
    let docs = server.get("/api/docs").await;
    assert_eq!(docs.status(), 200);
    let html = docs.text().await.unwrap();
    assert!(html.contains("/api/actors/{id}/relations"), "{html}");
    assert!(!html.contains("<script"), "the page needs no script");
}

#[tokio::test]
async fn graph_keeps_the_relations_of_a_date_window() {
    let server = Server::start().await;
    let count = |graph: &Value| graph["edges"].as_array().unwrap().len();
    let all = server.json("/api/graph?actor=wagner", 200).await;
    let july = server
        .json("/api/graph?actor=wagner&from=2024-07&to=2024-07-31", 200)
        .await;
    assert_eq!(
        count(&all),
        count(&july),
        "the seed's relations date from July 2024"
    );
    // After the seed, only undated relations (the gazetteer's) remain: none is an alliance.
    let later = server.json("/api/graph?actor=wagner&from=2025", 200).await;
    assert!(count(&later) < count(&all), "{later}");
    assert!(later["edges"]
        .as_array()
        .unwrap()
        .iter()
        .all(|edge| edge["predicate"] != "allyOf"));
    let detail = problem(server.get("/api/graph?actor=wagner&from=july").await, 400).await;
    assert!(detail.contains("from"), "{detail}");
}

#[tokio::test]
async fn extract_previews_without_storing() {
    let server = Server::start().await;
    let before = server.json("/api/articles", 200).await;
    let response = server
        .client
        .post(format!("{}/api/extract", server.base))
        .header("content-type", "text/plain; charset=utf-8")
        .body("date 2024-09\nLe JNIM a attaqué un poste de l'armée burkinabè près de Djibo.")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let facts: Value = response.json().await.unwrap();
    assert_eq!(facts["language"], "fr");
    assert_eq!(facts["date"], "2024-09");
    assert!(facts["places"]
        .as_array()
        .unwrap()
        .iter()
        .any(|place| place["name"] == "Djibo"));
    let after = server.json("/api/articles", 200).await;
    assert_eq!(ids(&before), ids(&after), "a preview stores nothing");
    let empty = server
        .client
        .post(format!("{}/api/extract", server.base))
        .header("content-type", "application/pdf")
        .body("x")
        .send()
        .await
        .unwrap();
    problem(empty, 415).await;
}

/// The web UI is the fallback of every path the APIs do not own; without a built
/// bundle it says how to build one. Either way the APIs keep their paths.
#[tokio::test]
async fn web_ui_is_served_beside_the_apis() {
    let server = Server::start().await;
    let page = server.get("/actor/wagner").await;
    let content_type = page.headers()["content-type"].to_str().unwrap().to_owned();
    assert!(content_type.starts_with("text/html"), "{content_type}");
    if actorgraph::api::web::is_bundled() {
        assert_eq!(page.status(), 200);
        assert_eq!(page.headers()["cache-control"], "no-cache");
        assert!(page.headers()["content-security-policy"]
            .to_str()
            .unwrap()
            .contains("default-src 'self'"));
        let etag = page.headers()["etag"].clone();
        let html = page.text().await.unwrap();
        let script = html
            .split("src=\"")
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .expect("a script in index.html");
        let asset = server.get(script).await;
        assert_eq!(asset.status(), 200);
        assert!(asset.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/javascript"));
        assert!(asset.headers()["cache-control"]
            .to_str()
            .unwrap()
            .contains("immutable"));
        let revalidated = server
            .client
            .get(format!("{}/", server.base))
            .header("if-none-match", etag)
            .send()
            .await
            .unwrap();
        assert_eq!(revalidated.status(), 304);
        assert_eq!(server.get("/assets/missing.js").await.status(), 404);
        assert_eq!(server.get("/favicon.ico").await.status(), 404);
        // Only the app's pages are the app: "/etc/passwd" (what "/x/../../etc/passwd"
        // becomes in a client) is no page.
        assert_eq!(server.get("/etc/passwd").await.status(), 404);
        assert_eq!(server.get("/no/such/page").await.status(), 404);
    } else {
        assert_eq!(page.status(), 503);
        assert!(page.text().await.unwrap().contains("make build"));
    }
    // The APIs' own paths are never the app.
    problem(server.get("/api/nothing").await, 404).await;
    assert_eq!(server.get("/health").await.status(), 200);
    assert_eq!(server.get("/sparql/x").await.status(), 404);
    assert_eq!(server.get("/query/x").await.status(), 404);
    let post = server
        .client
        .post(format!("{}/actor/wagner", server.base))
        .send()
        .await
        .unwrap();
    assert_eq!(post.status(), 405);
}

/// An article about actors other than Wagner (the Burkinabè army and the Islamic State in the Sahel).
const ARTICLE_ABOUT_OTHERS: &str =
    "date 2024-10\nL'armée burkinabè a affronté des combattants de l'EIGS près de Dori.";
/// An article where the JNIM attacks Wagner.
const ARTICLE_ABOUT_WAGNER: &str =
    "date 2024-10\nLes combattants du JNIM ont attaqué une colonne du groupe Wagner près de Tombouctou.";

/// The search result for `id` among the actors matching `q`.
async fn searched(server: &Server, q: &str, id: &str) -> Value {
    let page = server.json(&format!("/api/actors?q={q}"), 200).await;
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|item| item["id"] == id)
        .cloned()
        .unwrap_or_else(|| panic!("{id} not found by {q:?}: {page}"))
}

/// Search and relations are kept between requests (patched or kept after writes that
/// touch other actors): every answer must still be the store's.
#[tokio::test]
async fn search_and_relations_follow_the_writes_that_touch_them() {
    for server in Server::each().await {
        let relations = || server.json("/api/actors/wagner/relations?limit=500", 200);
        let before = relations().await;
        let with_jnim = |page: &Value| {
            page["items"]
                .as_array()
                .unwrap()
                .iter()
                .any(|r| r["actor"]["id"] == "jnim" && r["predicate"] == "opposes")
        };
        assert!(!with_jnim(&before), "{before}");
        let full_lists = [
            "/api/actors/wagner/relations?limit=500&evidence=1000",
            "/api/actors/jnim/relations?limit=500&evidence=1000",
            "/api/actors/fama/relations?limit=500&evidence=1000",
        ];
        for path in full_lists {
            server.json(path, 200).await;
        }
        let wagner = searched(&server, "wagner", "wagner").await;
        let isgs = searched(&server, "eigs", "isgs").await;

        // A write about others: Wagner's answers stay the same, the others' change.
        let others = server.post_article(Some(TOKEN), ARTICLE_ABOUT_OTHERS).await;
        assert_eq!(others.status(), 201);
        assert_eq!(relations().await, before);
        assert_eq!(searched(&server, "wagner", "wagner").await, wagner);
        let isgs_after = searched(&server, "eigs", "isgs").await;
        assert_eq!(
            isgs_after["mentions"].as_u64(),
            isgs["mentions"].as_u64().map(|n| n + 1)
        );

        // A write about Wagner: its relations and counts change at once.
        let about = server.post_article(Some(TOKEN), ARTICLE_ABOUT_WAGNER).await;
        assert_eq!(about.status(), 201);
        let about: Value = about.json().await.unwrap();
        let after = relations().await;
        assert!(with_jnim(&after), "{after}");
        // Brought up to date from the one article, the lists read as they do afresh.
        server.reads_as_afresh(&full_lists).await;
        let wagner_after = searched(&server, "wagner", "wagner").await;
        assert_eq!(
            wagner_after["mentions"].as_u64(),
            wagner["mentions"].as_u64().map(|n| n + 1)
        );
        let jnim = server
            .json("/api/actors/jnim/relations?with=wagner", 200)
            .await;
        assert_eq!(jnim["total"], 1, "{jnim}");

        // Removing the article takes its relation away.
        let id = about["id"].as_str().unwrap();
        let delete = server
            .client
            .delete(format!("{}/api/articles/{id}", server.base))
            .bearer_auth(TOKEN)
            .send()
            .await
            .unwrap();
        assert_eq!(delete.status(), 204);
        assert!(!with_jnim(&relations().await));
        server.reads_as_afresh(&full_lists).await;
        let jnim = server
            .json("/api/actors/jnim/relations?with=wagner", 200)
            .await;
        assert_eq!(jnim["total"], 0, "{jnim}");
        assert_eq!(
            searched(&server, "wagner", "wagner").await["mentions"],
            wagner["mentions"]
        );

        // A write of unknown reach (a SPARQL update) is seen too.
        let update = server
            .client
            .post(format!("{}/update", server.base))
            .bearer_auth(TOKEN)
            .form(&[(
                "update",
                "INSERT DATA { GRAPH <http://example.org/notes> { <https://w3id.org/actorgraph/actor/wagner> <http://www.w3.org/2004/02/skos/core#altLabel> \"Vagnerovtsy\" } }",
            )])
            .send()
            .await
            .unwrap();
        assert_eq!(update.status(), 204);
        searched(&server, "vagnerovtsy", "wagner").await;
    }
}
