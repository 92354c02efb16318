//! Fixtures and helpers shared by the integration tests.

use actorgraph::api::{self, ApiConfig, AppState};
use actorgraph::store::{KgStore, QueryOutput};
use std::path::{Path, PathBuf};

/// The repository root.
pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The seed article, as shipped in `seeds/`.
pub fn seed_path() -> PathBuf {
    root().join("seeds/000_c4c148fc28c04675.txt")
}

/// The seed article's bytes.
pub fn seed_bytes() -> Vec<u8> {
    std::fs::read(seed_path()).expect("the seed article is readable")
}

/// The ontology data folder of the source tree.
pub fn ontology_dir() -> PathBuf {
    root().join("ontology")
}

/// The `actorgraph` binary, with logs quiet.
pub fn actorgraph() -> assert_cmd::Command {
    let mut command = assert_cmd::Command::cargo_bin("actorgraph").expect("the binary is built");
    command
        .env("RUST_LOG", "warn")
        .env_remove("ACTORGRAPH_LOCATION");
    command
}

/// A folder with one good article (the seed) and three bad ones.
pub fn mixed_folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("good.txt"), seed_bytes()).unwrap();
    std::fs::write(
        dir.path().join("latin1.txt"),
        b"date 2024-07\nL'arm\xe9e malienne",
    )
    .unwrap();
    std::fs::write(dir.path().join("empty.txt"), b"").unwrap();
    std::fs::write(dir.path().join("baddate.md"), "date 2024-13-45 Le texte.").unwrap();
    std::fs::write(dir.path().join(".hidden.txt"), b"").unwrap();
    std::fs::write(dir.path().join("notes.csv"), b"").unwrap();
    dir
}

/// A backend the core tests run on: a store, empty but for the ontology graphs a
/// remote may keep from an earlier test.
pub struct Backend {
    /// `embedded` or `virtuoso`, for assertion messages.
    pub name: &'static str,
    /// The store.
    pub store: KgStore,
    _dir: Option<tempfile::TempDir>,
    /// Tests share the one remote server: each holds it alone.
    _exclusive: Option<std::sync::MutexGuard<'static, ()>>,
}

impl Backend {
    /// A new on-disk embedded store.
    pub fn embedded() -> Self {
        let dir = tempfile::tempdir().unwrap();
        Self {
            name: "embedded",
            store: KgStore::open(dir.path().join("store")).unwrap(),
            _dir: Some(dir),
            _exclusive: None,
        }
    }

    /// The Virtuoso named by `ACTORGRAPH_TEST_VIRTUOSO`, if set, taken for this test
    /// alone and emptied of every article (and of the tests' `http://example…` graphs).
    /// The ontology graphs stay: reloading the gazetteer at every test is slow, and
    /// `load_ontology` finds them current.
    pub fn virtuoso() -> Option<Self> {
        static EXCLUSIVE: std::sync::Mutex<()> = std::sync::Mutex::new(());
        let config = virtuoso_config()?;
        let exclusive = EXCLUSIVE
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let store = KgStore::remote(config).unwrap();
        let QueryOutput::Solutions { rows, .. } = store
            .query(
                "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } \
                 FILTER(STRSTARTS(STR(?g), \"https://w3id.org/actorgraph/article/\") || STRSTARTS(STR(?g), \"http://example.\")) }",
            )
            .expect("the test virtuoso answers")
        else {
            panic!("a select gives solutions")
        };
        for row in rows {
            if let Some(Some(oxigraph::model::Term::NamedNode(graph))) = row.into_iter().next() {
                store.remove_article(&graph).unwrap();
            }
        }
        Some(Self {
            name: "virtuoso",
            store,
            _dir: None,
            _exclusive: Some(exclusive),
        })
    }
}

/// The backends to run the core tests on: the embedded store always, and the test
/// Virtuoso when `ACTORGRAPH_TEST_VIRTUOSO` names one (`make test` starts it).
pub fn backends() -> Vec<Backend> {
    let mut backends = vec![Backend::embedded()];
    backends.extend(Backend::virtuoso());
    backends
}

/// How to reach the test Virtuoso (`scripts/virtuoso.sh`): SPARQL at `/sparql`,
/// updates at `/sparql-auth` and the Graph Store at `/sparql-graph-crud-auth`,
/// both with digest authentication as `dba`.
pub fn virtuoso_config() -> Option<actorgraph::store::RemoteConfig> {
    let base = std::env::var("ACTORGRAPH_TEST_VIRTUOSO").ok()?;
    let base = base.trim_end_matches('/');
    let url = |path: &str| reqwest::Url::parse(&format!("{base}{path}")).unwrap();
    let mut config = actorgraph::store::RemoteConfig::new(url("/sparql"));
    config.update_url = url("/sparql-auth");
    config.graph_store_url = Some(url("/sparql-graph-crud-auth"));
    config.auth = actorgraph::store::RemoteAuth::Digest {
        user: "dba".into(),
        password: std::env::var("ACTORGRAPH_TEST_VIRTUOSO_PASSWORD")
            .unwrap_or_else(|_| "dba".into()),
    };
    Some(config)
}

/// A running server; stops when dropped.
pub struct Server {
    /// `http://127.0.0.1:<port>`.
    pub base: String,
    /// A client for it.
    pub client: reqwest::Client,
    /// The backend's name, for assertion messages.
    pub backend: &'static str,
    _shutdown: tokio::sync::oneshot::Sender<()>,
    _backend: Backend,
}

impl Server {
    /// Starts a server whose on-disk store holds the seed.
    pub async fn start(config: ApiConfig) -> Self {
        Self::start_with(config, 0).await
    }

    /// Starts a server whose on-disk store holds the seed and `n_more` small articles.
    pub async fn start_with(config: ApiConfig, n_more: usize) -> Self {
        Self::start_on(config, Some(n_more)).await
    }

    /// Starts a server on an empty on-disk store.
    pub async fn empty(config: ApiConfig) -> Self {
        Self::start_on(config, None).await
    }

    /// Starts a server on a new on-disk store holding, if `articles` is `Some(n_more)`,
    /// the seed and `n_more` small articles.
    async fn start_on(config: ApiConfig, articles: Option<usize>) -> Self {
        Self::start_on_backend(Backend::embedded(), config, articles).await
    }

    /// One server per backend ([`backends`]), each holding the seed.
    pub async fn each(config: ApiConfig) -> Vec<Self> {
        let mut servers = Vec::new();
        for backend in backends() {
            servers.push(Self::start_on_backend(backend, config.clone(), Some(0)).await);
        }
        servers
    }

    /// Starts a server on `backend`, holding, if `articles` is `Some(n_more)`, the
    /// seed and `n_more` small articles.
    async fn start_on_backend(
        backend: Backend,
        config: ApiConfig,
        articles: Option<usize>,
    ) -> Self {
        let store = backend.store.clone();
        if let Some(n_more) = articles {
            load_articles(&store, n_more);
        }
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let (shutdown, stopped) = tokio::sync::oneshot::channel::<()>();
        let knowledge = actorgraph::ontology::Knowledge::load(&ontology_dir()).unwrap();
        let state = AppState::new(store, std::sync::Arc::new(knowledge), config);
        tokio::spawn(api::serve(listener, state, async {
            let _ = stopped.await;
        }));
        Self {
            base,
            client: reqwest::Client::new(),
            backend: backend.name,
            _shutdown: shutdown,
            _backend: backend,
        }
    }

    /// `GET /sparql?query=…` with this `Accept`.
    pub async fn sparql(&self, query: &str, accept: &str) -> reqwest::Response {
        self.client
            .get(format!("{}/sparql", self.base))
            .query(&[("query", query)])
            .header("accept", accept)
            .send()
            .await
            .unwrap()
    }

    /// The URL of `path` on this server.
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }
}

/// Ingests the seed and `n_more` small articles.
fn load_articles(store: &KgStore, n_more: usize) {
    let knowledge = actorgraph::ontology::Knowledge::load(&ontology_dir()).unwrap();
    let article = actorgraph::article::parse_bytes(&seed_bytes()).unwrap();
    actorgraph::ingest(store, &knowledge, &article).unwrap();
    for n in 0..n_more {
        let article =
            actorgraph::article::parse_text(&format!("date 2024 Article numéro {n}.")).unwrap();
        actorgraph::ingest(store, &knowledge, &article).unwrap();
    }
}

/// The `actorgraph serve` binary running on a temporary on-disk store; killed when dropped.
pub struct ServerProcess {
    child: std::process::Child,
    /// `http://127.0.0.1:<port>`.
    pub base: String,
    /// Everything the server wrote to stderr so far.
    stderr: std::sync::Arc<std::sync::Mutex<String>>,
    dir: tempfile::TempDir,
}

impl ServerProcess {
    /// Starts `actorgraph serve` on a free port, with the seeds and these extra arguments,
    /// and waits until it listens.
    pub fn start(extra_args: &[&str]) -> Self {
        Self::start_with_env(extra_args, &[("RUST_LOG", "warn")])
    }

    /// [`ServerProcess::start`] with these environment variables.
    pub fn start_with_env(extra_args: &[&str], env: &[(&str, &str)]) -> Self {
        Self::start_in(tempfile::tempdir().unwrap(), extra_args, env)
    }

    /// Stops the server (SIGTERM) and starts another on the same store with these arguments.
    pub fn reopen(mut self, extra_args: &[&str]) -> Self {
        self.terminate(std::time::Duration::from_secs(30))
            .expect("the server stops");
        let dir = tempfile::tempdir().unwrap();
        let kept = std::mem::replace(&mut self.dir, dir);
        Self::start_in(kept, extra_args, &[("RUST_LOG", "warn")])
    }

    fn start_in(dir: tempfile::TempDir, extra_args: &[&str], env: &[(&str, &str)]) -> Self {
        use std::io::BufRead;
        let mut command = std::process::Command::new(assert_cmd::cargo::cargo_bin("actorgraph"));
        command
            .args(["serve", "--bind", "127.0.0.1:0", "--location"])
            .arg(dir.path().join("store"))
            .arg("--seeds")
            .arg(root().join("seeds"))
            .args(extra_args)
            .env_remove("ACTORGRAPH_WRITE_TOKEN")
            .env_remove("ACTORGRAPH_BIND")
            .stderr(std::process::Stdio::piped());
        for (name, value) in env {
            command.env(name, value);
        }
        let mut child = command.spawn().unwrap();
        let stderr = child.stderr.take().unwrap();
        let collected = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
        let (sender, receiver) = std::sync::mpsc::channel();
        std::thread::spawn({
            let collected = collected.clone();
            move || {
                let mut sender = Some(sender);
                // Keep reading to the end, so the server never blocks on a full pipe.
                for line in std::io::BufReader::new(stderr).lines() {
                    let Ok(line) = line else { break };
                    if let Some(address) = line.strip_prefix("listening on ") {
                        if let Some(sender) = sender.take() {
                            let _ = sender.send(address.to_owned());
                        }
                    }
                    let mut collected = collected.lock().unwrap();
                    collected.push_str(&line);
                    collected.push('\n');
                }
            }
        });
        let base = receiver
            .recv_timeout(std::time::Duration::from_secs(120))
            .expect("the server listens");
        Self {
            child,
            base,
            stderr: collected,
            dir,
        }
    }

    /// The URL of `path` on this server.
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// The directory of the server's store.
    pub fn store_path(&self) -> PathBuf {
        self.dir.path().join("store")
    }

    /// What the server wrote to stderr so far.
    pub fn stderr(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }

    /// Kills the server with SIGKILL, as a crash would, and waits for it to go.
    pub fn kill_9(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    /// Sends SIGTERM and waits (at most `patience`) for the exit status.
    pub fn terminate(&mut self, patience: std::time::Duration) -> Option<std::process::ExitStatus> {
        send_signal(self.child.id(), "TERM");
        wait_for_exit(&mut self.child, patience)
    }
}

impl Drop for ServerProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Sends a signal (`TERM`, `INT`, `KILL`) to a process, with the shell's `kill`
/// built-in (a fresh machine may lack the kill(1) program).
pub fn send_signal(pid: u32, signal: &str) {
    let status = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!("kill -{signal} {pid}"))
        .status()
        .expect("sh runs");
    assert!(status.success(), "kill -{signal} {pid}");
}

/// Waits at most `patience` for `child` to exit.
pub fn wait_for_exit(
    child: &mut std::process::Child,
    patience: std::time::Duration,
) -> Option<std::process::ExitStatus> {
    let deadline = std::time::Instant::now() + patience;
    while std::time::Instant::now() < deadline {
        if let Some(status) = child.try_wait().unwrap() {
            return Some(status);
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    None
}

/// Every quad of the store by graph, as sorted N-Quads lines, blank nodes
/// written `_:` (their names differ from one load to the next).
pub fn quads_by_graph(store: &KgStore) -> std::collections::BTreeMap<String, Vec<String>> {
    use oxigraph::io::{RdfFormat, RdfParser};
    use oxigraph::model::{NamedOrBlankNode, Term};
    let dump = store.dump(RdfFormat::NQuads, Vec::new()).unwrap();
    let mut graphs = std::collections::BTreeMap::<String, Vec<String>>::new();
    for quad in RdfParser::from_format(RdfFormat::NQuads).for_slice(&dump) {
        let quad = quad.unwrap();
        let subject = match &quad.subject {
            NamedOrBlankNode::BlankNode(_) => "_:".to_owned(),
            other => other.to_string(),
        };
        let object = match &quad.object {
            Term::BlankNode(_) => "_:".to_owned(),
            other => other.to_string(),
        };
        graphs
            .entry(quad.graph_name.to_string())
            .or_default()
            .push(format!("{subject} {} {object}", quad.predicate));
    }
    for quads in graphs.values_mut() {
        quads.sort();
    }
    graphs
}
