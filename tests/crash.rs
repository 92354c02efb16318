//! Crash safety, tested for real: a bulk load or a server is killed with SIGKILL
//! at a random moment, the store is reopened, and every graph in it is compared
//! with a clean full load of the same articles. SIGTERM stops both gracefully.
//!
//! The moment is drawn from the clock and printed (`crash seed …`), so a failure
//! can be replayed with `ACTORGRAPH_CRASH_SEED`.

use crate::synthetic;
use crate::util;
use actorgraph::article::{parse_json_lines, Article};
use actorgraph::ontology::Knowledge;
use actorgraph::store::KgStore;
use std::collections::BTreeMap;
use std::io::BufRead;
use std::time::Duration;

/// Articles in the bulk-load file.
const N_ARTICLES: usize = 2000;

fn crash_seed() -> u64 {
    let seed = std::env::var("ACTORGRAPH_CRASH_SEED")
        .ok()
        .and_then(|seed| seed.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .as_nanos() as u64
        });
    eprintln!("crash seed {seed} (set ACTORGRAPH_CRASH_SEED to replay)");
    seed
}

/// A clean load of `articles`, in order, into a new in-memory store with the ontology.
fn clean_load(articles: &[Article]) -> BTreeMap<String, Vec<String>> {
    let store = KgStore::in_memory().unwrap();
    store.load_ontology(&util::ontology_dir()).unwrap();
    let knowledge = Knowledge::load(&util::ontology_dir()).unwrap();
    for article in articles {
        actorgraph::ingest(&store, &knowledge, article).unwrap();
    }
    util::quads_by_graph(&store)
}

fn graph_of(article: &Article) -> String {
    format!("<{}>", actorgraph::rdf::article_iri(&article.id).as_str())
}

/// Every graph of `crashed` is the same graph of `clean`, whole.
fn assert_graphs_complete(
    crashed: &BTreeMap<String, Vec<String>>,
    clean: &BTreeMap<String, Vec<String>>,
) {
    for (graph, quads) in crashed {
        let expected = clean
            .get(graph)
            .unwrap_or_else(|| panic!("graph {graph} is not in a clean load"));
        assert_eq!(
            quads.len(),
            expected.len(),
            "graph {graph} is torn: {} quads, {} in a clean load",
            quads.len(),
            expected.len()
        );
        assert_eq!(quads, expected, "graph {graph} differs from a clean load");
    }
}

/// Starts `actorgraph load` on `file` with per-article logs, and returns it with
/// a channel that receives one message per article committed.
fn start_load(
    store: &std::path::Path,
    file: &std::path::Path,
    extra_args: &[&str],
) -> (std::process::Child, std::sync::mpsc::Receiver<()>) {
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("actorgraph"))
        .args(["load", "--location"])
        .arg(store)
        .args(extra_args)
        .arg(file)
        .env("RUST_LOG", "actorgraph=debug")
        .env("NO_COLOR", "1")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = child.stderr.take().unwrap();
    let (sender, receiver) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in std::io::BufReader::new(stderr).lines() {
            let Ok(line) = line else { break };
            // `ingest` logs "ingested" once its transaction is committed.
            if line.contains("ingested") && sender.send(()).is_err() {
                break;
            }
        }
    });
    (child, receiver)
}

fn wait_for_commits(receiver: &std::sync::mpsc::Receiver<()>, n: usize) {
    for _ in 0..n {
        receiver
            .recv_timeout(Duration::from_secs(120))
            .expect("the load goes on");
    }
}

fn bulk_file(dir: &std::path::Path, seed: u64) -> (std::path::PathBuf, Vec<Article>) {
    let text = synthetic::json_lines(seed, N_ARTICLES);
    let path = dir.join("articles.jsonl");
    std::fs::write(&path, &text).unwrap();
    let articles: Vec<Article> = parse_json_lines(&text)
        .into_iter()
        .map(Result::unwrap)
        .collect();
    assert_eq!(articles.len(), N_ARTICLES);
    (path, articles)
}

/// The article graphs of `graphs` are those of the first `n` articles of the file, for some `n`.
fn surviving_prefix(graphs: &BTreeMap<String, Vec<String>>, articles: &[Article]) -> usize {
    let n_articles = graphs
        .keys()
        .filter(|graph| graph.starts_with("<https://w3id.org/actorgraph/article/"))
        .count();
    for (index, article) in articles.iter().enumerate() {
        assert_eq!(
            graphs.contains_key(&graph_of(article)),
            index < n_articles,
            "article {index} breaks the order of the load ({n_articles} in the store)"
        );
    }
    n_articles
}

#[test]
fn a_load_killed_at_a_random_moment_leaves_only_whole_articles() {
    let seed = crash_seed();
    let dir = tempfile::tempdir().unwrap();
    let (file, articles) = bulk_file(dir.path(), seed);
    let kill_after = 1 + (seed % 1500) as usize;
    let store_path = dir.path().join("store");
    let (mut child, commits) = start_load(&store_path, &file, &[]);
    wait_for_commits(&commits, kill_after);
    // And a little more, so the kill may land inside the next transaction.
    std::thread::sleep(Duration::from_micros(seed % 20_000));
    child.kill().unwrap();
    child.wait().unwrap();

    let store = KgStore::open(&store_path).expect("a killed store opens");
    let crashed = util::quads_by_graph(&store);
    let n_survivors = surviving_prefix(&crashed, &articles);
    assert!(
        n_survivors >= kill_after,
        "{n_survivors} articles, {kill_after} were committed"
    );
    assert!(n_survivors < N_ARTICLES, "the load ended before the kill");
    assert_graphs_complete(&crashed, &clean_load(&articles));
}

#[test]
fn a_bulk_load_killed_at_a_random_moment_leaves_only_whole_articles() {
    let seed = crash_seed();
    let dir = tempfile::tempdir().unwrap();
    let (file, articles) = bulk_file(dir.path(), seed);
    let store_path = dir.path().join("store");
    let (mut child, commits) = start_load(&store_path, &file, &["--bulk"]);
    // Bulk batches are large: kill at a random moment after the first commit,
    // perhaps inside the next one.
    wait_for_commits(&commits, 1);
    std::thread::sleep(Duration::from_millis(seed % 3000));
    child.kill().unwrap();
    child.wait().unwrap();

    let store = KgStore::open(&store_path).expect("a killed store opens");
    let crashed = util::quads_by_graph(&store);
    let n_survivors = surviving_prefix(&crashed, &articles);
    assert!(n_survivors >= 1, "the first commit is lost");
    assert_graphs_complete(&crashed, &clean_load(&articles[..n_survivors]));
}

#[test]
fn sigterm_stops_a_load_after_the_current_article() {
    let seed = crash_seed();
    let dir = tempfile::tempdir().unwrap();
    let (file, articles) = bulk_file(dir.path(), seed);
    let store_path = dir.path().join("store");
    let (mut child, commits) = start_load(&store_path, &file, &[]);
    wait_for_commits(&commits, 1 + (seed % 200) as usize);
    util::send_signal(child.id(), "TERM");
    let status = util::wait_for_exit(&mut child, Duration::from_secs(60)).expect("the load stops");
    let mut stdout = String::new();
    std::io::Read::read_to_string(&mut child.stdout.take().unwrap(), &mut stdout).unwrap();
    assert_eq!(status.code(), Some(0), "{stdout}");
    assert!(stdout.contains("interrupted"), "{stdout}");
    let loaded: usize = stdout
        .split("loaded ")
        .nth(1)
        .and_then(|rest| rest.split(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no count in {stdout:?}"));

    let store = KgStore::open(&store_path).unwrap();
    let graphs = util::quads_by_graph(&store);
    assert_eq!(surviving_prefix(&graphs, &articles), loaded, "{stdout}");
    assert_graphs_complete(&graphs, &clean_load(&articles[..loaded]));
}

/// Posts articles from several clients until told to stop; returns the ids acknowledged.
async fn post_until_refused(
    client: reqwest::Client,
    url: String,
    articles: std::sync::Arc<Vec<String>>,
    next: std::sync::Arc<std::sync::atomic::AtomicUsize>,
    acknowledged: tokio::sync::mpsc::UnboundedSender<String>,
) {
    loop {
        let index = next.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        let Some(text) = articles.get(index) else {
            return;
        };
        let response = client
            .post(&url)
            .bearer_auth("crash-test-token")
            .header("content-type", "text/plain")
            .body(text.clone())
            .send()
            .await;
        let Ok(response) = response else { return };
        if response.status() != 201 {
            return;
        }
        let Ok(body) = response.json::<serde_json::Value>().await else {
            return;
        };
        let _ = acknowledged.send(body["id"].as_str().unwrap_or_default().to_owned());
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_server_killed_while_articles_are_posted_keeps_every_acknowledged_one_whole() {
    let seed = crash_seed();
    let mut generator = synthetic::Generator::new(seed);
    let texts: Vec<String> = (0..400).map(|n| generator.article(n)).collect();
    let mut server = util::ServerProcess::start(&["--write-token", "crash-test-token"]);
    let next = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let (sender, mut acknowledged) = tokio::sync::mpsc::unbounded_channel();
    let texts = std::sync::Arc::new(texts);
    for _ in 0..4 {
        tokio::spawn(post_until_refused(
            reqwest::Client::new(),
            server.url("/api/articles"),
            texts.clone(),
            next.clone(),
            sender.clone(),
        ));
    }
    drop(sender);
    let kill_after = 5 + (seed % 150) as usize;
    let mut ids = Vec::new();
    while ids.len() < kill_after {
        let id = tokio::time::timeout(Duration::from_secs(120), acknowledged.recv())
            .await
            .expect("articles are acknowledged")
            .expect("the posts go on");
        ids.push(id);
    }
    server.kill_9();
    while let Some(id) = acknowledged.recv().await {
        ids.push(id);
    }

    let store = KgStore::open(server.store_path()).expect("a killed store opens");
    let crashed = util::quads_by_graph(&store);
    let mut all: Vec<Article> =
        vec![actorgraph::article::parse_bytes(&util::seed_bytes()).unwrap()];
    all.extend(
        texts
            .iter()
            .map(|text| actorgraph::article::parse_text(text).unwrap()),
    );
    for id in &ids {
        let graph = format!("<https://w3id.org/actorgraph/article/{id}>");
        assert!(
            crashed.contains_key(&graph),
            "acknowledged article {id} is lost"
        );
    }
    assert_graphs_complete(&crashed, &clean_load(&all));
}

#[test]
fn sigterm_stops_the_server_after_its_requests() {
    let mut server = util::ServerProcess::start(&["--write-token", "t"]);
    let status = server
        .terminate(Duration::from_secs(30))
        .expect("the server stops");
    assert_eq!(status.code(), Some(0));
    // The store is closed cleanly: it opens, with the seed.
    let store = KgStore::open(server.store_path()).unwrap();
    assert_eq!(store.article_count().unwrap(), 1);
}
