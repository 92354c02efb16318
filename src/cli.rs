//! The command-line interface: `load`, `extract`, `query`, `serve`, `backup`, `dump`, `restore`, `gen-corpus`.
//!
//! The only code that reads arguments, environment and paths. Doc comments on
//! the clap types are the `--help` text.

use crate::api::facts::FactsDto;
use crate::api::{self, ApiConfig, AppState};
use crate::article::{self, Article, ArticleError};
use crate::extract::{self, ClaimSource, EntityRef, Facts};
use crate::load::{self, LoadOptions};
use crate::ontology::{self, Knowledge};
use crate::store::{
    self, GraphSelection, KgStore, QueryOutput, QueryResultsFormat, ResultsFormat, SparqlQuery,
};
use anyhow::Context;
use clap::{Parser, Subcommand, ValueEnum};
use oxigraph::io::RdfFormat;
use oxigraph::model::Term;
use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// actorgraph: a knowledge-graph store for news about armed conflicts.
#[derive(Debug, Parser)]
#[command(version, about)]
pub struct Args {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Load articles (files, folders, `-` for stdin) into the store
    Load(LoadArgs),
    /// Print the facts extracted from one article, without storing them
    Extract(ExtractArgs),
    /// Run a SPARQL query against the store
    Query(QueryArgs),
    /// Start the HTTP server (SPARQL endpoint)
    Serve(ServeArgs),
    /// Copy the store into a new directory, which opens as a store of its own
    Backup(BackupArgs),
    /// Write every quad of the store as N-Quads or TriG
    Dump(DumpArgs),
    /// Load a dump into a new, empty store
    Restore(RestoreArgs),
    /// Write N synthetic articles (French and English, from the gazetteer) into a directory, for benchmarks
    GenCorpus(GenCorpusArgs),
}

/// Layouts of `gen-corpus`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CorpusFormat {
    /// One text file an article, with header lines
    Txt,
    /// One JSON Lines file, `corpus.jsonl`
    Jsonl,
}

/// Arguments of `gen-corpus`.
#[derive(Debug, clap::Args)]
pub struct GenCorpusArgs {
    /// How many articles
    pub count: usize,
    /// The directory to write into (created if missing)
    pub dir: PathBuf,
    /// Seed of the generator: the same seed and ontology give the same corpus
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Layout of the output
    #[arg(long, value_enum, default_value_t = CorpusFormat::Txt)]
    pub format: CorpusFormat,
    /// Directory of the ontology data
    #[arg(long)]
    pub ontology: Option<PathBuf>,
}

/// Arguments of `backup`.
#[derive(Debug, clap::Args)]
pub struct BackupArgs {
    /// Directory of the on-disk store
    #[arg(long, env = "ACTORGRAPH_LOCATION", default_value = "data")]
    pub location: PathBuf,
    /// The directory to create for the copy (must not exist)
    pub target: PathBuf,
}

/// Formats of `dump` and `restore`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DumpFormat {
    /// One quad a line
    Nquads,
    /// Turtle with named graphs
    Trig,
}

impl DumpFormat {
    fn rdf_format(self) -> RdfFormat {
        match self {
            DumpFormat::Nquads => RdfFormat::NQuads,
            DumpFormat::Trig => RdfFormat::TriG,
        }
    }
}

/// Arguments of `dump`.
#[derive(Debug, clap::Args)]
pub struct DumpArgs {
    /// Directory of the on-disk store
    #[arg(long, env = "ACTORGRAPH_LOCATION", default_value = "data")]
    pub location: PathBuf,
    /// Output format
    #[arg(long, value_enum, default_value_t = DumpFormat::Nquads)]
    pub format: DumpFormat,
    /// The file to write (default: standard output)
    #[arg(long, short)]
    pub output: Option<PathBuf>,
}

/// Arguments of `restore`.
#[derive(Debug, clap::Args)]
pub struct RestoreArgs {
    /// Directory of the new store (created; must hold no data)
    #[arg(long, env = "ACTORGRAPH_LOCATION", default_value = "data")]
    pub location: PathBuf,
    /// Format of the dump (default: from the file's extension, .nq or .trig; N-Quads for stdin)
    #[arg(long, value_enum)]
    pub format: Option<DumpFormat>,
    /// The dump file, or `-` for stdin
    pub file: PathBuf,
}

/// Where the store lives.
#[derive(Debug, clap::Args)]
pub struct StoreArgs {
    /// Directory of the on-disk store (created if missing)
    #[arg(
        long,
        env = "ACTORGRAPH_LOCATION",
        default_value = "data",
        conflicts_with = "memory"
    )]
    pub location: PathBuf,
    /// Keep the store in memory (lost on exit)
    #[arg(long)]
    pub memory: bool,
    /// A remote SPARQL 1.1 server to use instead of the on-disk store
    #[command(flatten)]
    pub remote: BackendArgs,
}

impl StoreArgs {
    fn open(&self) -> anyhow::Result<KgStore> {
        if let Some(store) = self.remote.open()? {
            return Ok(store);
        }
        if self.memory {
            return Ok(KgStore::in_memory()?);
        }
        KgStore::open(&self.location)
            .with_context(|| format!("cannot open the store in {}", self.location.display()))
    }
}

/// Authentication schemes of the remote backend with a user name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum BackendAuth {
    /// HTTP basic
    Basic,
    /// HTTP digest (Virtuoso's `/sparql-auth`)
    Digest,
}

/// A remote SPARQL 1.1 server (Virtuoso, GraphDB, Stardog, Neptune, QLever…) as the store.
#[derive(clap::Args)]
pub struct BackendArgs {
    /// SPARQL 1.1 query endpoint of a remote server to use instead of the on-disk store
    #[arg(long, env = "ACTORGRAPH_BACKEND")]
    pub backend: Option<reqwest::Url>,
    /// SPARQL 1.1 Update endpoint of the remote (default: the query endpoint)
    #[arg(long, env = "ACTORGRAPH_BACKEND_UPDATE", requires = "backend")]
    pub backend_update: Option<reqwest::Url>,
    /// Graph Store HTTP Protocol endpoint of the remote (default: none; graphs are written by updates)
    #[arg(long, env = "ACTORGRAPH_BACKEND_GRAPH_STORE", requires = "backend")]
    pub backend_graph_store: Option<reqwest::Url>,
    /// User name for the remote
    #[arg(long, env = "ACTORGRAPH_BACKEND_USER", requires = "backend")]
    pub backend_user: Option<String>,
    /// How the user name and password are sent
    #[arg(long, value_enum, default_value_t = BackendAuth::Basic)]
    pub backend_auth: BackendAuth,
    /// Password for the remote (better: the environment variable, or --backend-password-file)
    #[arg(
        long,
        env = "ACTORGRAPH_BACKEND_PASSWORD",
        hide_env_values = true,
        requires = "backend_user"
    )]
    pub backend_password: Option<String>,
    /// File holding the remote's password (its first line)
    #[arg(long, conflicts_with = "backend_password", requires = "backend_user")]
    pub backend_password_file: Option<PathBuf>,
    /// Bearer token for the remote (or the environment variable, or --backend-token-file)
    #[arg(
        long,
        env = "ACTORGRAPH_BACKEND_TOKEN",
        hide_env_values = true,
        requires = "backend",
        conflicts_with = "backend_user"
    )]
    pub backend_token: Option<String>,
    /// File holding the remote's bearer token (its first line)
    #[arg(long, conflicts_with_all = ["backend_token", "backend_user"], requires = "backend")]
    pub backend_token_file: Option<PathBuf>,
    /// Seconds one request to the remote may take (between two reads, for streamed results)
    #[arg(long, default_value_t = 30)]
    pub backend_timeout: u64,
    /// Times a failed request to the remote is sent again (5xx, timeouts, connection errors; never 4xx)
    #[arg(long, default_value_t = 3)]
    pub backend_retries: u32,
}

impl std::fmt::Debug for BackendArgs {
    // The password and the token are secrets: never printed.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let set = |value: bool| if value { "<set>" } else { "<none>" };
        f.debug_struct("BackendArgs")
            .field("backend", &self.backend.as_ref().map(|url| url.as_str()))
            .field(
                "backend_update",
                &self.backend_update.as_ref().map(|url| url.as_str()),
            )
            .field(
                "backend_graph_store",
                &self.backend_graph_store.as_ref().map(|url| url.as_str()),
            )
            .field("backend_user", &self.backend_user)
            .field("backend_auth", &self.backend_auth)
            .field("backend_password", &set(self.backend_password.is_some()))
            .field("backend_password_file", &self.backend_password_file)
            .field("backend_token", &set(self.backend_token.is_some()))
            .field("backend_token_file", &self.backend_token_file)
            .field("backend_timeout", &self.backend_timeout)
            .field("backend_retries", &self.backend_retries)
            .finish()
    }
}

impl BackendArgs {
    /// The remote store, when `--backend` is given.
    fn open(&self) -> anyhow::Result<Option<KgStore>> {
        let Some(endpoint) = &self.backend else {
            return Ok(None);
        };
        let mut config = store::RemoteConfig::new(endpoint.clone());
        if let Some(update) = &self.backend_update {
            config.update_url = update.clone();
        }
        config.graph_store_url = self.backend_graph_store.clone();
        config.timeout = Duration::from_secs(self.backend_timeout.max(1));
        config.retries = self.backend_retries;
        let token = match &self.backend_token_file {
            Some(path) => Some(first_line(path)?),
            None => self.backend_token.clone(),
        };
        config.auth = match (&self.backend_user, token) {
            (Some(user), _) => {
                let password = match &self.backend_password_file {
                    Some(path) => first_line(path)?,
                    None => self.backend_password.clone().unwrap_or_default(),
                };
                let user = user.clone();
                match self.backend_auth {
                    BackendAuth::Basic => store::RemoteAuth::Basic { user, password },
                    BackendAuth::Digest => store::RemoteAuth::Digest { user, password },
                }
            }
            (None, Some(token)) => store::RemoteAuth::Bearer(token),
            (None, None) => store::RemoteAuth::None,
        };
        let store = KgStore::remote(config)?;
        tracing::info!(backend = %store.describe(), "remote backend");
        Ok(Some(store))
    }
}

/// The first line of a secret's file, trimmed.
fn first_line(path: &Path) -> anyhow::Result<String> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    Ok(text.lines().next().unwrap_or_default().trim().to_owned())
}

/// Arguments of `load`.
#[derive(Debug, clap::Args)]
pub struct LoadArgs {
    /// Where the store lives
    #[command(flatten)]
    pub store: StoreArgs,
    /// Directory of the ontology data (actorgraph.ttl, gazetteer/, lexicon/)
    #[arg(long)]
    pub ontology: Option<PathBuf>,
    /// Extraction workers (default: one per core)
    #[arg(long, short = 'j')]
    pub jobs: Option<usize>,
    /// Write new articles with oxigraph's bulk loader (many times faster; for large
    /// loads by this process alone: each commit of up to a million quads is atomic)
    #[arg(long)]
    pub bulk: bool,
    /// Files or folders (searched recursively for .txt, .md, .json, .jsonl), or `-` for stdin
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
}

/// Arguments of `extract`.
#[derive(Debug, clap::Args)]
pub struct ExtractArgs {
    /// Print the facts as JSON (the evaluation schema, plus ids and confidences)
    #[arg(long, conflicts_with = "turtle")]
    pub json: bool,
    /// Print the article's quads as TriG
    #[arg(long)]
    pub turtle: bool,
    /// Directory of the ontology data
    #[arg(long)]
    pub ontology: Option<PathBuf>,
    /// The article file, or `-` for stdin
    pub file: PathBuf,
}

/// Output formats of `query`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum QueryFormat {
    /// Aligned columns (SELECT), true/false (ASK), Turtle (CONSTRUCT)
    Table,
    /// SPARQL results JSON (CONSTRUCT: Turtle)
    Json,
    /// SPARQL results CSV (CONSTRUCT: N-Triples)
    Csv,
    /// SPARQL results TSV (CONSTRUCT: N-Triples)
    Tsv,
}

/// Arguments of `query`.
#[derive(Debug, clap::Args)]
pub struct QueryArgs {
    /// Directory of the on-disk store
    #[arg(long, env = "ACTORGRAPH_LOCATION", default_value = "data")]
    pub location: PathBuf,
    /// Output format
    #[arg(long, value_enum, default_value_t = QueryFormat::Table)]
    pub format: QueryFormat,
    /// The SPARQL query (the default graph is the union of all graphs)
    pub query: String,
    /// A remote SPARQL 1.1 server to ask instead of the on-disk store
    #[command(flatten)]
    pub remote: BackendArgs,
}

/// Arguments of `serve`.
#[derive(Debug, clap::Args)]
pub struct ServeArgs {
    /// Where the store lives
    #[command(flatten)]
    pub store: StoreArgs,
    /// Address to listen on
    #[arg(long, env = "ACTORGRAPH_BIND", default_value = "127.0.0.1:7878")]
    pub bind: String,
    /// Directory of the ontology data
    #[arg(long)]
    pub ontology: Option<PathBuf>,
    /// Articles loaded when the store holds none (default: ./seeds, else the source tree's)
    #[arg(long)]
    pub seeds: Option<PathBuf>,
    /// Seconds a SPARQL query or update may run before it is cancelled
    #[arg(long, default_value_t = 30)]
    pub query_timeout: u64,
    /// SPARQL operations (queries, updates, graph store requests) that may run at once; more get 503
    #[arg(long, default_value_t = 16)]
    pub max_operations: usize,
    /// Bearer token that writes (SPARQL Update, Graph Store, article posts) need; without it the server is read-only
    #[arg(long, env = "ACTORGRAPH_WRITE_TOKEN", hide_env_values = true)]
    pub write_token: Option<String>,
    /// File holding the write token (its first line), so the token is not on the command line
    #[arg(long, conflicts_with = "write_token")]
    pub write_token_file: Option<PathBuf>,
    /// Open the store read-only: no seeds, no ontology refresh, every write refused (403)
    #[arg(long, conflicts_with_all = ["write_token", "write_token_file", "memory"])]
    pub read_only: bool,
    /// Largest request body accepted, in bytes
    #[arg(long, default_value_t = 16 * 1024 * 1024)]
    pub max_body: usize,
    /// Let browser pages on other origins call the server (CORS)
    #[arg(long)]
    pub cors: bool,
}

/// Runs a command; the exit code is 1 when some input was refused.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    match args.command {
        Command::Load(args) => load(args),
        Command::Extract(args) => extract_command(args),
        Command::Query(args) => query(args),
        Command::Serve(args) => serve(args),
        Command::Backup(args) => backup(args),
        Command::Dump(args) => dump(args),
        Command::Restore(args) => restore(args),
        Command::GenCorpus(args) => gen_corpus(args),
    }
}

/// Writes the corpus one article at a time, so its size does not bound memory.
fn gen_corpus(args: GenCorpusArgs) -> anyhow::Result<ExitCode> {
    let dir = ontology_dir(args.ontology);
    let knowledge = Knowledge::load(&dir)
        .with_context(|| format!("cannot read the ontology data in {}", dir.display()))?;
    std::fs::create_dir_all(&args.dir)
        .with_context(|| format!("cannot create {}", args.dir.display()))?;
    let mut generator = crate::corpus::CorpusGenerator::new(&knowledge, args.seed);
    match args.format {
        CorpusFormat::Txt => {
            for n in 0..args.count {
                let path = args.dir.join(format!("{n:07}.txt"));
                std::fs::write(&path, generator.article(n))
                    .with_context(|| format!("cannot write {}", path.display()))?;
            }
        }
        CorpusFormat::Jsonl => {
            let path = args.dir.join("corpus.jsonl");
            let file = std::fs::File::create(&path)
                .with_context(|| format!("cannot create {}", path.display()))?;
            let mut out = std::io::BufWriter::new(file);
            for n in 0..args.count {
                writeln!(out, "{}", generator.json_line(n))?;
            }
            out.flush()?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn ontology_dir(given: Option<PathBuf>) -> PathBuf {
    given.unwrap_or_else(ontology::default_dir)
}

/// Loads the ontology graphs into the store and the knowledge for the extractor.
fn prepare(store: &KgStore, ontology_dir: &Path) -> anyhow::Result<Knowledge> {
    let report = store.load_ontology(ontology_dir)?;
    tracing::info!(files = report.files.len(), quads = report.quads, unchanged_graphs = report.unchanged, dir = %ontology_dir.display(), "ontology loaded");
    Knowledge::load(ontology_dir).with_context(|| {
        format!(
            "cannot read the ontology data in {}",
            ontology_dir.display()
        )
    })
}

/// Reports a load's progress on a terminal and its refusals on stderr.
struct LoadProgress {
    bar: indicatif::ProgressBar,
}

impl LoadProgress {
    /// A bar over the files when each holds one article, else a counter of articles.
    fn new(paths: &[PathBuf]) -> Self {
        if !std::io::stderr().is_terminal() {
            return Self {
                bar: indicatif::ProgressBar::hidden(),
            };
        }
        let inputs = load::collect_inputs(paths);
        let one_per_file = inputs
            .iter()
            .all(|input| matches!(input, Ok(input) if !input.is_json_lines() && !matches!(input, load::Input::Stdin)));
        let (bar, template) = if one_per_file {
            (
                indicatif::ProgressBar::new(inputs.len() as u64),
                "{bar:40} {pos}/{len} articles, {per_sec} {wide_msg}",
            )
        } else {
            (
                indicatif::ProgressBar::no_length(),
                "{spinner} {pos} articles, {per_sec} {wide_msg}",
            )
        };
        bar.set_style(
            indicatif::ProgressStyle::with_template(template)
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        Self { bar }
    }
}

impl load::LoadObserver for LoadProgress {
    fn refused(&self, at: &load::Location, message: &str) {
        self.bar.suspend(|| eprintln!("error: {at}: {message}"));
    }

    fn written(&self, _at: &load::Location, _graph: &oxigraph::model::NamedNode) {
        self.bar.inc(1);
    }
}

/// Watches for Ctrl-C and SIGTERM while a load runs: the first sets the returned
/// flag (the load finishes the article it is writing, flushes and exits 0), a
/// second one exits at once. Each article is one transaction, so even that
/// leaves no half-written article.
fn stop_on_signal() -> anyhow::Result<Arc<AtomicBool>> {
    let stop = Arc::new(AtomicBool::new(false));
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    // Register the handlers now, on this thread, so no signal slips in before the watcher runs.
    #[cfg(unix)]
    let mut signals = {
        use tokio::signal::unix::{signal, SignalKind};
        let _context = runtime.enter();
        (
            signal(SignalKind::terminate())?,
            signal(SignalKind::interrupt())?,
        )
    };
    let flag = stop.clone();
    std::thread::spawn(move || {
        runtime.block_on(async move {
            for round in 0..2 {
                #[cfg(unix)]
                tokio::select! {
                    _ = signals.0.recv() => {},
                    _ = signals.1.recv() => {},
                }
                #[cfg(not(unix))]
                if tokio::signal::ctrl_c().await.is_err() {
                    return;
                }
                if round == 0 {
                    flag.store(true, Ordering::SeqCst);
                    eprintln!("stopping after the current article (signal again to stop now)");
                }
            }
            std::process::exit(130);
        });
    });
    Ok(stop)
}

fn load(args: LoadArgs) -> anyhow::Result<ExitCode> {
    let started = Instant::now();
    let stop = stop_on_signal()?;
    let store = args.store.open()?;
    if args.bulk && !store.is_embedded() {
        anyhow::bail!(
            "--bulk writes with oxigraph's bulk loader: it needs the embedded store, not {}",
            store.describe()
        );
    }
    let knowledge = prepare(&store, &ontology_dir(args.ontology))?;
    let options = LoadOptions {
        jobs: args.jobs.unwrap_or_else(load::default_jobs).max(1),
        bulk: args.bulk,
    };
    let progress = LoadProgress::new(&args.paths);
    let result = load::load_paths(&store, &knowledge, &args.paths, options, &stop, &progress);
    progress.bar.finish_and_clear();
    let summary = match result {
        Ok(summary) => summary,
        Err(error) => {
            // Committed articles stay: flush them before saying what failed.
            let _ = store.flush();
            return Err(error.into());
        }
    };
    store.flush()?;
    if summary.interrupted {
        println!("interrupted: the articles below are complete, the rest were not loaded");
    }
    let elapsed = started.elapsed();
    println!(
        "loaded {} articles ({} replaced), {} quads, {} errors in {:.2?} ({:.0} articles/s)",
        summary.loaded,
        summary.replaced,
        summary.quads,
        summary.errors,
        elapsed,
        summary.loaded as f64 / elapsed.as_secs_f64().max(1e-9)
    );
    Ok(if summary.errors > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

fn read_article(file: &Path) -> anyhow::Result<Article> {
    let input = if file.as_os_str() == "-" {
        load::Input::Stdin
    } else {
        load::Input::File(file.to_owned())
    };
    let name = input.name();
    let bytes = input
        .read()
        .with_context(|| format!("cannot read {name}"))?;
    let parsed = if input.is_json_lines() {
        match std::str::from_utf8(&bytes) {
            Ok(text) => article::parse_json_lines(text)
                .into_iter()
                .next()
                .unwrap_or(Err(ArticleError::Empty)),
            Err(error) => Err(ArticleError::NotUtf8 {
                line: bytes[..error.valid_up_to()]
                    .iter()
                    .filter(|&&b| b == b'\n')
                    .count()
                    + 1,
            }),
        }
    } else {
        load::parse_single(&input, &bytes)
    };
    let article = parsed.map_err(|error| match error.line() {
        Some(line) => anyhow::anyhow!("{name}:{line}: {error}"),
        None => anyhow::anyhow!("{name}: {error}"),
    })?;
    Ok(article)
}

fn extract_command(args: ExtractArgs) -> anyhow::Result<ExitCode> {
    let dir = ontology_dir(args.ontology);
    let knowledge = Knowledge::load(&dir)
        .with_context(|| format!("cannot read the ontology data in {}", dir.display()))?;
    let article = read_article(&args.file)?;
    let facts = extract::extract(&article, &knowledge);
    let mut stdout = std::io::stdout().lock();
    if args.json {
        serde_json::to_writer_pretty(&mut stdout, &FactsDto::new(&article, &facts))?;
        writeln!(stdout)?;
    } else if args.turtle {
        let quads = crate::rdf::article_quads(&article, &facts);
        let mut serializer = store::rdf_serializer(RdfFormat::TriG).for_writer(&mut stdout);
        for quad in &quads {
            serializer.serialize_quad(quad)?;
        }
        serializer.finish()?;
    } else {
        write!(stdout, "{}", facts_listing(&article, &facts))?;
    }
    Ok(ExitCode::SUCCESS)
}

/// A readable listing of the facts.
fn facts_listing(article: &Article, facts: &Facts) -> String {
    use std::fmt::Write as _;
    let mut out = String::new();
    let date = facts
        .date
        .map_or_else(|| "unknown".to_owned(), |d| d.to_string());
    let _ = writeln!(
        out,
        "article {} ({}, date {date})",
        article.id,
        facts.lang.code()
    );
    let actor = |index: usize| facts.actors.get(index).map_or("?", |a| a.name.as_str());
    let place = |index: usize| facts.places.get(index).map_or("?", |p| p.name.as_str());
    let entity = |entity: EntityRef| match entity {
        EntityRef::Actor(index) => actor(index),
        EntityRef::Place(index) => place(index),
    };
    let _ = writeln!(out, "\nactors ({})", facts.actors.len());
    for a in &facts.actors {
        let _ = writeln!(
            out,
            "  {} [{}] ×{} ({:.2})",
            a.name,
            a.kind.class_name(),
            a.mentions.len(),
            a.confidence
        );
    }
    let _ = writeln!(out, "\nplaces ({})", facts.places.len());
    for p in &facts.places {
        let country = p
            .country
            .as_deref()
            .map(|c| format!(", {c}"))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "  {}{country} ×{} ({:.2})",
            p.name,
            p.mentions.len(),
            p.confidence
        );
    }
    let _ = writeln!(out, "\nevents ({})", facts.events.len());
    for e in &facts.events {
        let participants: Vec<&str> = e.participants.iter().map(|p| actor(p.actor)).collect();
        let at = e
            .place
            .map(|i| format!(" at {}", place(i)))
            .unwrap_or_default();
        let when = e
            .time
            .as_ref()
            .map(|t| format!(" on {:?}", t.text))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "  {} {:?}: {}{at}{when} ({:.2})",
            e.kind.eval_name(),
            e.trigger.text,
            participants.join(", "),
            e.confidence
        );
    }
    let _ = writeln!(out, "\nrelations ({})", facts.relations.len());
    for r in &facts.relations {
        let _ = writeln!(
            out,
            "  {} {} {} ({:.2})",
            entity(r.subject),
            r.kind.property_name(),
            entity(r.object),
            r.confidence
        );
    }
    let _ = writeln!(out, "\nclaims ({})", facts.claims.len());
    for c in &facts.claims {
        let source = match &c.source {
            ClaimSource::Actor(index) => actor(*index).to_owned(),
            ClaimSource::Described(text) => text.clone(),
        };
        let verb = if c.denial { "denies" } else { "says" };
        let _ = writeln!(out, "  {source} {verb}: {:?}", c.statement);
    }
    for warning in &facts.warnings {
        let _ = writeln!(out, "warning: {warning}");
    }
    out
}

fn query(args: QueryArgs) -> anyhow::Result<ExitCode> {
    let store = match args.remote.open()? {
        Some(store) => store,
        None => {
            // Opening a missing location would create an empty store and answer nothing: say so instead.
            if !args.location.is_dir() {
                anyhow::bail!(
                    "no store in {}: load articles first",
                    args.location.display()
                );
            }
            KgStore::open(&args.location)
                .with_context(|| format!("cannot open the store in {}", args.location.display()))?
        }
    };
    let parsed = SparqlQuery::parse(&args.query)?;
    let graph = parsed.form().returns_graph();
    let format = match args.format {
        QueryFormat::Table => {
            print!("{}", table(&store.query(&args.query)?)?);
            return Ok(ExitCode::SUCCESS);
        }
        QueryFormat::Json if graph => ResultsFormat::Graph(RdfFormat::Turtle),
        QueryFormat::Csv | QueryFormat::Tsv if graph => ResultsFormat::Graph(RdfFormat::NTriples),
        QueryFormat::Json => ResultsFormat::Solutions(QueryResultsFormat::Json),
        QueryFormat::Csv => ResultsFormat::Solutions(QueryResultsFormat::Csv),
        QueryFormat::Tsv => ResultsFormat::Solutions(QueryResultsFormat::Tsv),
    };
    let mut stdout = std::io::stdout().lock();
    store.query_to_writer(
        parsed,
        &GraphSelection::default(),
        format,
        None,
        &mut stdout,
    )?;
    if args.format == QueryFormat::Json {
        writeln!(stdout)?;
    }
    Ok(ExitCode::SUCCESS)
}

/// Shortens IRIs with the usual prefixes for display.
fn compact(term: &Term) -> String {
    if let Term::NamedNode(node) = term {
        for (prefix, namespace) in store::PREFIXES {
            if let Some(local) = node.as_str().strip_prefix(namespace) {
                if !local.is_empty()
                    && local
                        .chars()
                        .all(|c| c.is_alphanumeric() || c == '-' || c == '_')
                {
                    return format!("{prefix}:{local}");
                }
            }
        }
    }
    term.to_string()
}

/// Query results as text: aligned columns, `true`/`false`, or Turtle.
fn table(output: &QueryOutput) -> anyhow::Result<String> {
    match output {
        QueryOutput::Boolean(value) => Ok(format!("{value}\n")),
        QueryOutput::Graph(triples) => {
            let mut serializer = store::rdf_serializer(RdfFormat::Turtle).for_writer(Vec::new());
            for triple in triples {
                serializer.serialize_triple(triple)?;
            }
            Ok(String::from_utf8(serializer.finish()?)?)
        }
        QueryOutput::Solutions { variables, rows } => {
            let cells: Vec<Vec<String>> = rows
                .iter()
                .map(|row| {
                    row.iter()
                        .map(|value| value.as_ref().map(compact).unwrap_or_default())
                        .collect()
                })
                .collect();
            let mut widths: Vec<usize> = variables.iter().map(|v| v.chars().count() + 1).collect();
            for row in &cells {
                for (width, cell) in widths.iter_mut().zip(row) {
                    *width = (*width).max(cell.chars().count());
                }
            }
            let line = |values: Vec<String>| {
                let padded: Vec<String> = values
                    .iter()
                    .zip(&widths)
                    .map(|(value, width)| format!("{value:<width$}"))
                    .collect();
                format!("{}\n", padded.join("  ").trim_end())
            };
            let mut out = line(variables.iter().map(|v| format!("?{v}")).collect());
            out.push_str(&line(widths.iter().map(|w| "-".repeat(*w)).collect()));
            for row in cells {
                out.push_str(&line(row));
            }
            out.push_str(&format!("({} rows)\n", rows.len()));
            Ok(out)
        }
    }
}

/// The seeds folder: the one given, else `./seeds` if it exists, else the source tree's.
fn seeds_dir(given: Option<PathBuf>) -> PathBuf {
    given.unwrap_or_else(|| {
        let local = PathBuf::from("seeds");
        if local.is_dir() {
            local
        } else {
            Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds")
        }
    })
}

/// The write token from `--write-token`, `ACTORGRAPH_WRITE_TOKEN` or `--write-token-file`.
fn write_token(args: &ServeArgs) -> anyhow::Result<Option<String>> {
    let token = match &args.write_token_file {
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .with_context(|| format!("cannot read the write token in {}", path.display()))?;
            let token = text.lines().next().unwrap_or_default().trim().to_owned();
            if token.is_empty() {
                anyhow::bail!("{}: the write token file is empty", path.display());
            }
            Some(token)
        }
        None => args.write_token.clone().filter(|token| !token.is_empty()),
    };
    Ok(token)
}

/// Refuses to listen beyond this machine without a decision about writes: a
/// token, or `--read-only`.
fn check_exposure(bind: &str, writable: bool) -> anyhow::Result<()> {
    use std::net::ToSocketAddrs;
    let addresses: Vec<_> = bind
        .to_socket_addrs()
        .with_context(|| format!("invalid address {bind}"))?
        .collect();
    let local = addresses.iter().all(|address| address.ip().is_loopback());
    if !local && !writable {
        anyhow::bail!(
            "refusing to listen on {bind}, beyond this machine, without --write-token: \
             give a token to accept writes, or --read-only"
        );
    }
    Ok(())
}

fn serve(args: ServeArgs) -> anyhow::Result<ExitCode> {
    let token = write_token(&args)?;
    if !args.read_only {
        check_exposure(&args.bind, token.is_some())?;
    }
    let ontology = ontology_dir(args.ontology.clone());
    let (store, knowledge) = if args.read_only && args.store.remote.backend.is_some() {
        // Read-only on a remote: no seeds, no ontology refresh; writes get 403 (no token).
        let store = args.store.open()?;
        let knowledge = Knowledge::load(&ontology)
            .with_context(|| format!("cannot read the ontology data in {}", ontology.display()))?;
        (store, knowledge)
    } else if args.read_only {
        if !args.store.location.is_dir() {
            anyhow::bail!("no store in {}", args.store.location.display());
        }
        let store = KgStore::open_read_only(&args.store.location).with_context(|| {
            format!(
                "cannot open the store in {} read-only",
                args.store.location.display()
            )
        })?;
        let knowledge = Knowledge::load(&ontology)
            .with_context(|| format!("cannot read the ontology data in {}", ontology.display()))?;
        (store, knowledge)
    } else {
        let store = args.store.open()?;
        let knowledge = prepare(&store, &ontology)?;
        if store.article_count()? == 0 {
            let seeds = seeds_dir(args.seeds.clone());
            if seeds.is_dir() {
                let never = AtomicBool::new(false);
                let seeds_list = std::slice::from_ref(&seeds);
                let progress = LoadProgress {
                    bar: indicatif::ProgressBar::hidden(),
                };
                let summary = load::load_paths(
                    &store,
                    &knowledge,
                    seeds_list,
                    LoadOptions::default(),
                    &never,
                    &progress,
                )?;
                tracing::info!(dir = %seeds.display(), articles = summary.loaded, errors = summary.errors, "seeds loaded");
            } else {
                tracing::warn!(dir = %seeds.display(), "no seeds folder");
            }
        }
        (store, knowledge)
    };
    let config = ApiConfig {
        query_timeout: Duration::from_secs(args.query_timeout.max(1)),
        write_token: token,
        max_body: args.max_body,
        cors: args.cors,
        max_operations: args.max_operations.max(1),
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async move {
        // Registered before the server says it listens: a SIGTERM from then on stops it
        // gracefully, never by the signal's default action.
        let shutdown = shutdown_signal().context("cannot register for SIGTERM and Ctrl-C")?;
        let listener = tokio::net::TcpListener::bind(&args.bind)
            .await
            .with_context(|| format!("cannot listen on {}", args.bind))?;
        tracing::info!(address = %listener.local_addr()?, "listening");
        eprintln!("listening on http://{}", listener.local_addr()?);
        api::serve(
            listener,
            AppState::new(store.clone(), Arc::new(knowledge), config),
            shutdown,
        )
        .await?;
        // Every request has finished: its article is committed. Flush for a fast reopening.
        if !args.read_only {
            store.flush()?;
        }
        tracing::info!("stopped");
        Ok(ExitCode::SUCCESS)
    })
}

/// Opens an existing on-disk store for `backup` and `dump`. It takes the store's
/// lock, so no other process writes meanwhile; a running server holds that lock
/// (then use its `GET /store`, a consistent snapshot).
fn open_existing(location: &Path) -> anyhow::Result<KgStore> {
    if !location.is_dir() {
        anyhow::bail!("no store in {}", location.display());
    }
    KgStore::open(location).with_context(|| {
        format!(
            "cannot open the store in {} (is a server or a load using it?)",
            location.display()
        )
    })
}

fn backup(args: BackupArgs) -> anyhow::Result<ExitCode> {
    if args.target.exists() {
        anyhow::bail!(
            "{} exists: a backup goes into a new directory",
            args.target.display()
        );
    }
    let store = open_existing(&args.location)?;
    store
        .backup(&args.target)
        .with_context(|| format!("cannot back up into {}", args.target.display()))?;
    println!(
        "backed up {} articles into {}",
        store.article_count()?,
        args.target.display()
    );
    Ok(ExitCode::SUCCESS)
}

fn dump(args: DumpArgs) -> anyhow::Result<ExitCode> {
    let store = open_existing(&args.location)?;
    let format = args.format.rdf_format();
    match &args.output {
        Some(path) => {
            let file = std::fs::File::create(path)
                .with_context(|| format!("cannot create {}", path.display()))?;
            let mut writer = store.dump(format, std::io::BufWriter::new(file))?;
            writer.flush()?;
        }
        None => {
            let mut writer =
                store.dump(format, std::io::BufWriter::new(std::io::stdout().lock()))?;
            writer.flush()?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn restore(args: RestoreArgs) -> anyhow::Result<ExitCode> {
    let from_stdin = args.file.as_os_str() == "-";
    let format = args.format.map(DumpFormat::rdf_format).unwrap_or_else(|| {
        match args.file.extension().and_then(|ext| ext.to_str()) {
            Some("trig") => RdfFormat::TriG,
            _ => RdfFormat::NQuads,
        }
    });
    let reader: Box<dyn Read> = if from_stdin {
        Box::new(std::io::stdin().lock())
    } else {
        Box::new(
            std::fs::File::open(&args.file)
                .with_context(|| format!("cannot read {}", args.file.display()))?,
        )
    };
    let store = KgStore::open(&args.location)
        .with_context(|| format!("cannot open the store in {}", args.location.display()))?;
    let n_quads = store
        .restore(format, std::io::BufReader::new(reader))
        .with_context(|| format!("cannot restore {}", args.file.display()))?;
    store.flush()?;
    println!(
        "restored {n_quads} quads, {} articles, into {}",
        store.article_count()?,
        args.location.display()
    );
    Ok(ExitCode::SUCCESS)
}

/// Registers for Ctrl-C and SIGTERM at once (needs the runtime), and resolves on the first of them.
fn shutdown_signal() -> std::io::Result<impl std::future::Future<Output = ()>> {
    #[cfg(unix)]
    let (mut terminate, mut interrupt) = {
        use tokio::signal::unix::{signal, SignalKind};
        (
            signal(SignalKind::terminate())?,
            signal(SignalKind::interrupt())?,
        )
    };
    Ok(async move {
        #[cfg(unix)]
        tokio::select! {
            _ = terminate.recv() => {},
            _ = interrupt.recv() => {},
        }
        #[cfg(not(unix))]
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
        tracing::info!("shutting down");
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn clap_debug() {
        Args::command().debug_assert();
    }

    #[test]
    fn table_aligns_columns() {
        let output = QueryOutput::Solutions {
            variables: vec!["a".into(), "b".into()],
            rows: vec![vec![
                Some(
                    oxigraph::model::NamedNode::new_unchecked(
                        "https://w3id.org/actorgraph/ns#allyOf",
                    )
                    .into(),
                ),
                None,
            ]],
        };
        expect_test::expect![[r#"
            ?a         ?b
            ---------  --
            ag:allyOf
            (1 rows)
        "#]]
        .assert_eq(&table(&output).unwrap());
    }
}
