//! Fixtures and helpers shared by the integration tests.

use actorgraph::api::{self, ApiConfig, AppState};
use actorgraph::store::KgStore;
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

/// A running server; stops when dropped.
pub struct Server {
    /// `http://127.0.0.1:<port>`.
    pub base: String,
    /// A client for it.
    pub client: reqwest::Client,
    _shutdown: tokio::sync::oneshot::Sender<()>,
    _dir: tempfile::TempDir,
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
        let dir = tempfile::tempdir().unwrap();
        let store = KgStore::open(dir.path()).unwrap();
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
            _shutdown: shutdown,
            _dir: dir,
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
    _dir: tempfile::TempDir,
}

impl ServerProcess {
    /// Starts `actorgraph serve` on a free port, with the seeds and these extra arguments,
    /// and waits until it listens.
    pub fn start(extra_args: &[&str]) -> Self {
        use std::io::BufRead;
        let dir = tempfile::tempdir().unwrap();
        let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("actorgraph"))
            .args(["serve", "--bind", "127.0.0.1:0", "--location"])
            .arg(dir.path().join("store"))
            .arg("--seeds")
            .arg(root().join("seeds"))
            .args(extra_args)
            .env("RUST_LOG", "warn")
            .env_remove("ACTORGRAPH_WRITE_TOKEN")
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let stderr = child.stderr.take().unwrap();
        let (sender, receiver) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let mut sender = Some(sender);
            // Keep reading to the end, so the server never blocks on a full pipe.
            for line in std::io::BufReader::new(stderr).lines() {
                let Ok(line) = line else { break };
                if let Some(address) = line.strip_prefix("listening on ") {
                    if let Some(sender) = sender.take() {
                        let _ = sender.send(address.to_owned());
                    }
                }
            }
        });
        let base = receiver
            .recv_timeout(std::time::Duration::from_secs(120))
            .expect("the server listens");
        Self {
            child,
            base,
            _dir: dir,
        }
    }
}

impl Drop for ServerProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
