//! Loading many articles: read the inputs, extract on every core, write in order
//! through the store's one writer.
//!
//! ```text
//! reader thread ──articles──▶ N extraction workers ──graphs──▶ writer (the caller)
//! ```
//!
//! The reader streams files (JSON Lines line by line), so the corpus is never
//! held in memory; both channels are bounded. Workers finish out of order; the
//! writer puts their graphs back in input order and writes them in batches, so
//! an interrupted load always leaves a prefix of the input, each article whole.

use crate::article::{self, Article, ArticleError};
use crate::ontology::Knowledge;
use crate::store::{ArticleGraph, KgStore, StoreError};
use crate::{extract, rdf};
use oxigraph::model::NamedNode;
use std::collections::BTreeMap;
use std::io::{BufRead, Read};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, SyncSender, TryRecvError};
use std::sync::Arc;

/// How to load.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LoadOptions {
    /// Extraction workers (threads).
    pub jobs: usize,
    /// Write new articles with oxigraph's bulk loader instead of transactions: much
    /// faster for large loads. Articles already in the store are still replaced in
    /// a transaction. Each commit is atomic: an interrupted load keeps whole articles.
    pub bulk: bool,
}

impl Default for LoadOptions {
    fn default() -> Self {
        Self {
            jobs: default_jobs(),
            bulk: false,
        }
    }
}

/// The number of cores, the default number of extraction workers.
pub fn default_jobs() -> usize {
    std::thread::available_parallelism().map_or(1, usize::from)
}

/// What a load did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct LoadSummary {
    /// Articles written.
    pub loaded: usize,
    /// Of which replaced an earlier version.
    pub replaced: usize,
    /// Quads written.
    pub quads: usize,
    /// Inputs, lines or articles refused (each reported).
    pub errors: usize,
    /// Whether the stop flag ended the load before the last article.
    pub interrupted: bool,
}

/// Where a problem is: a file (or `-`), and a line for JSON Lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    /// The file's path as given, or `-` for stdin.
    pub file: Arc<str>,
    /// The line, when the error has one.
    pub line: Option<usize>,
}

impl std::fmt::Display for Location {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{line}", self.file),
            None => f.write_str(&self.file),
        }
    }
}

/// What the load tells its caller as it goes.
pub trait LoadObserver: Sync {
    /// An input, line or article was refused; the load goes on.
    fn refused(&self, at: &Location, message: &str);
    /// An article was written (called after its commit), with its graph's IRI.
    fn written(&self, _at: &Location, _graph: &NamedNode) {}
}

/// One input: a file, or stdin.
pub enum Input {
    /// The standard input.
    Stdin,
    /// A file.
    File(PathBuf),
}

impl Input {
    /// The name errors give: the path as given, or `-`.
    pub fn name(&self) -> String {
        match self {
            Input::Stdin => "-".to_owned(),
            Input::File(path) => path.display().to_string(),
        }
    }

    fn has_extension(&self, wanted: &str) -> bool {
        matches!(self, Input::File(path) if path.extension().is_some_and(|ext| ext.eq_ignore_ascii_case(wanted)))
    }

    /// Whether the input holds one article per line.
    pub fn is_json_lines(&self) -> bool {
        self.has_extension("jsonl")
    }

    /// A `.json` file is JSON, even when it does not start with `{`.
    pub fn is_json(&self) -> bool {
        self.has_extension("json")
    }

    fn open(&self) -> std::io::Result<Box<dyn Read + Send>> {
        Ok(match self {
            Input::Stdin => Box::new(std::io::stdin()),
            Input::File(path) => Box::new(std::fs::File::open(path)?),
        })
    }

    /// Reads the whole input.
    pub fn read(&self) -> std::io::Result<Vec<u8>> {
        let mut bytes = Vec::new();
        self.open()?.read_to_end(&mut bytes)?;
        Ok(bytes)
    }
}

const ARTICLE_EXTENSIONS: &[&str] = &["txt", "md", "json", "jsonl"];

/// Expands folders (recursively, skipping hidden entries) into article files,
/// sorted; `-` is stdin. A folder that cannot be walked is an error item.
pub fn collect_inputs(paths: &[PathBuf]) -> Vec<Result<Input, (String, String)>> {
    let mut inputs = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            inputs.push(Ok(Input::Stdin));
        } else if path.is_dir() {
            let walker = walkdir::WalkDir::new(path)
                .sort_by_file_name()
                .into_iter()
                .filter_entry(|entry| {
                    entry.depth() == 0 || !entry.file_name().to_string_lossy().starts_with('.')
                });
            for entry in walker {
                match entry {
                    Ok(entry) if entry.file_type().is_file() => {
                        let wanted = entry
                            .path()
                            .extension()
                            .and_then(|ext| ext.to_str())
                            .is_some_and(|ext| {
                                ARTICLE_EXTENSIONS.contains(&ext.to_ascii_lowercase().as_str())
                            });
                        if wanted {
                            inputs.push(Ok(Input::File(entry.into_path())));
                        }
                    }
                    Ok(_) => {}
                    Err(error) => inputs.push(Err((path.display().to_string(), error.to_string()))),
                }
            }
        } else {
            // A file named explicitly is read whatever its extension.
            inputs.push(Ok(Input::File(path.clone())));
        }
    }
    inputs
}

/// Parses a whole input holding one article (text or JSON).
pub fn parse_single(input: &Input, bytes: &[u8]) -> Result<Article, ArticleError> {
    if input.is_json() {
        article::parse_json_bytes(bytes)
    } else {
        article::parse_bytes(bytes)
    }
}

/// What the reader hands the workers, numbered in input order.
enum Work {
    Article(Location, Article),
    Refused(Location, String),
}

/// What the workers hand the writer.
enum Done {
    Graph(Location, ArticleGraph, Vec<String>),
    Refused(Location, String),
}

/// Articles, or quads, the writer gathers at most before writing them.
const MAX_BATCH_ARTICLES: usize = 4096;
/// Quads per transaction at most (a transaction holds its changes in memory).
const MAX_TRANSACTION_QUADS: usize = 50_000;
/// Quads per bulk-loader commit at most.
const MAX_BULK_QUADS: usize = 250_000;

/// Loads every article under `paths` into `store`, extracting with `options.jobs`
/// workers, reporting bad inputs to `observer` and going on, until `stop` is set:
/// then the articles already extracted in order are written and the load returns.
/// Fails only when the store fails; what was committed before stays.
pub fn load_paths(
    store: &KgStore,
    knowledge: &Knowledge,
    paths: &[PathBuf],
    options: LoadOptions,
    stop: &AtomicBool,
    observer: &dyn LoadObserver,
) -> Result<LoadSummary, LoadError> {
    let inputs = collect_inputs(paths);
    let jobs = options.jobs.max(1);
    let (work_sender, work_receiver) = mpsc::sync_channel::<(u64, Work)>(jobs * 32);
    // Shared by the workers and dropped with the last one, so the reader never waits on a load that ended.
    let work_receiver = Arc::new(std::sync::Mutex::new(work_receiver));
    let (done_sender, done_receiver) = mpsc::sync_channel::<(u64, Done)>(jobs * 32);
    std::thread::scope(|scope| {
        scope.spawn(move || read_inputs(inputs, &work_sender, stop));
        for _ in 0..jobs {
            let done_sender = done_sender.clone();
            let work_receiver = work_receiver.clone();
            scope.spawn(move || extract_work(knowledge, &work_receiver, &done_sender));
        }
        drop(done_sender);
        drop(work_receiver);
        // One batch is written while the next is gathered.
        let (batch_sender, batch_receiver) = mpsc::sync_channel::<Batch>(1);
        let writer = Writer {
            store,
            bulk: options.bulk,
            observer,
            summary: LoadSummary::default(),
        };
        let writing = scope.spawn(move || writer.run(batch_receiver));
        // Dropping the receivers (when `order` returns) stops the workers, and then the reader.
        let order = order(done_receiver, &batch_sender, options.bulk, stop, observer);
        drop(batch_sender);
        let (mut summary, failure) = match writing.join() {
            Ok(result) => result,
            Err(panic) => std::panic::resume_unwind(panic),
        };
        summary.errors += order.errors;
        summary.interrupted = order.interrupted;
        match failure {
            None => Ok(summary),
            Some(error) => Err(LoadError {
                summary,
                error: Box::new(error),
            }),
        }
    })
}

/// A load the store stopped: what was written before stays.
#[derive(Debug, thiserror::Error)]
#[error("the store failed after {} articles were written: {error}", summary.loaded)]
pub struct LoadError {
    /// What was done before the failure.
    pub summary: LoadSummary,
    /// The store's error.
    #[source]
    pub error: Box<StoreError>,
}

/// Streams the articles of `inputs` to the workers, numbered, until `stop`.
fn read_inputs(
    inputs: Vec<Result<Input, (String, String)>>,
    sender: &SyncSender<(u64, Work)>,
    stop: &AtomicBool,
) {
    let mut sequence = 0u64;
    let mut send = |work: Work| {
        sequence += 1;
        !stop.load(Ordering::SeqCst) && sender.send((sequence, work)).is_ok()
    };
    for input in inputs {
        let input = match input {
            Ok(input) => input,
            Err((name, message)) => {
                let at = Location {
                    file: name.into(),
                    line: None,
                };
                if !send(Work::Refused(at, message)) {
                    return;
                }
                continue;
            }
        };
        let file: Arc<str> = input.name().into();
        let whole = Location {
            file: file.clone(),
            line: None,
        };
        let going_on = if input.is_json_lines() {
            match input.open() {
                Ok(reader) => read_json_lines(&file, reader, &mut send),
                Err(error) => send(Work::Refused(whole, format!("cannot read: {error}"))),
            }
        } else {
            match input.read() {
                Ok(bytes) => match parse_single(&input, &bytes) {
                    Ok(article) => send(Work::Article(whole, article)),
                    Err(error) => {
                        let at = Location {
                            file,
                            line: error.line(),
                        };
                        send(Work::Refused(at, error.to_string()))
                    }
                },
                Err(error) => send(Work::Refused(whole, format!("cannot read: {error}"))),
            }
        };
        if !going_on {
            return;
        }
    }
}

/// Sends each line of a JSON Lines stream as an article; a bad line spoils only
/// itself. A line longer than an article may be is skipped unread. Returns
/// whether to go on.
fn read_json_lines(
    file: &Arc<str>,
    reader: Box<dyn Read + Send>,
    send: &mut impl FnMut(Work) -> bool,
) -> bool {
    let mut reader = std::io::BufReader::with_capacity(1 << 16, reader);
    let mut line = Vec::new();
    for number in 1.. {
        line.clear();
        let at = Location {
            file: file.clone(),
            line: Some(number),
        };
        // Room for the longest JSON document accepted, plus its line end.
        let limit = (article::MAX_ARTICLE_BYTES + 2) as u64;
        match (&mut reader).take(limit).read_until(b'\n', &mut line) {
            Ok(0) => return true,
            Ok(_) if line.len() as u64 == limit && line.last() != Some(&b'\n') => {
                let rest = skip_line(&mut reader);
                let error = ArticleError::TooLarge {
                    bytes: line.len() + rest,
                    max: article::MAX_ARTICLE_BYTES,
                };
                if !send(Work::Refused(at, error.to_string())) {
                    return false;
                }
            }
            Ok(_) => {
                if line.iter().all(u8::is_ascii_whitespace) {
                    continue;
                }
                let work = match article::parse_json_bytes(&line) {
                    Ok(article) => Work::Article(at, article),
                    Err(error) => Work::Refused(at, error.to_string()),
                };
                if !send(work) {
                    return false;
                }
            }
            Err(error) => return send(Work::Refused(at, format!("cannot read: {error}"))),
        }
    }
    true
}

/// Reads up to the next line feed; returns the bytes skipped.
fn skip_line(reader: &mut impl BufRead) -> usize {
    let mut skipped = 0;
    loop {
        let Ok(buffer) = reader.fill_buf() else {
            return skipped;
        };
        if buffer.is_empty() {
            return skipped;
        }
        match buffer.iter().position(|&b| b == b'\n') {
            Some(end) => {
                reader.consume(end + 1);
                return skipped + end;
            }
            None => {
                let n = buffer.len();
                reader.consume(n);
                skipped += n;
            }
        }
    }
}

/// A worker: extracts each article it receives into its graph.
fn extract_work(
    knowledge: &Knowledge,
    work: &std::sync::Mutex<Receiver<(u64, Work)>>,
    done: &SyncSender<(u64, Done)>,
) {
    loop {
        // The lock is held only while taking the next article.
        let next = work
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .recv();
        let Ok((sequence, work)) = next else { return };
        let result = match work {
            Work::Article(at, article) => {
                let facts = extract::extract(&article, knowledge);
                let graph = ArticleGraph {
                    iri: rdf::article_iri(&article.id),
                    quads: rdf::article_quads(&article, &facts),
                };
                Done::Graph(at, graph, facts.warnings)
            }
            Work::Refused(at, message) => Done::Refused(at, message),
        };
        if done.send((sequence, result)).is_err() {
            return;
        }
    }
}

/// Articles in input order, each with where it came from.
type Batch = Vec<(Location, ArticleGraph)>;

/// What the ordering stage counted.
struct Ordered {
    errors: usize,
    interrupted: bool,
}

/// Puts the workers' results back in input order, reports refusals, and hands
/// batches to the writer: whenever the writer is idle, or when a batch is full.
/// On `stop`, what is not handed over yet is dropped: it was not written.
fn order(
    done: Receiver<(u64, Done)>,
    writer: &SyncSender<Batch>,
    bulk: bool,
    stop: &AtomicBool,
    observer: &dyn LoadObserver,
) -> Ordered {
    let max_quads = if bulk {
        MAX_BULK_QUADS
    } else {
        MAX_TRANSACTION_QUADS
    };
    let mut counts = Ordered {
        errors: 0,
        interrupted: false,
    };
    let mut next = 1u64;
    let mut early = BTreeMap::new();
    let mut pending: Batch = Vec::new();
    let mut pending_quads = 0;
    loop {
        if stop.load(Ordering::SeqCst) {
            counts.interrupted = true;
            return counts;
        }
        let (sequence, result) = match done.try_recv() {
            Ok(received) => received,
            Err(TryRecvError::Disconnected) => break,
            Err(TryRecvError::Empty) => {
                // Nothing ready: hand over what is gathered if the writer is idle.
                if !pending.is_empty() {
                    match writer.try_send(std::mem::take(&mut pending)) {
                        Ok(()) => pending_quads = 0,
                        Err(mpsc::TrySendError::Full(batch)) => pending = batch,
                        Err(mpsc::TrySendError::Disconnected(_)) => return counts,
                    }
                }
                // Wake up now and then to try again, and to see `stop`.
                match done.recv_timeout(std::time::Duration::from_millis(20)) {
                    Ok(received) => received,
                    Err(mpsc::RecvTimeoutError::Timeout) => continue,
                    Err(mpsc::RecvTimeoutError::Disconnected) => break,
                }
            }
        };
        early.insert(sequence, result);
        while let Some(result) = early.remove(&next) {
            next += 1;
            match result {
                Done::Graph(at, graph, warnings) => {
                    for warning in warnings {
                        tracing::debug!(file = %at, %warning, "extraction warning");
                    }
                    pending_quads += graph.quads.len();
                    pending.push((at, graph));
                }
                Done::Refused(at, message) => {
                    counts.errors += 1;
                    observer.refused(&at, &message);
                }
            }
            if pending.len() >= MAX_BATCH_ARTICLES || pending_quads >= max_quads {
                pending_quads = 0;
                if writer.send(std::mem::take(&mut pending)).is_err() {
                    return counts;
                }
            }
        }
    }
    if !pending.is_empty() {
        let _ = writer.send(pending);
    }
    counts.interrupted = stop.load(Ordering::SeqCst);
    counts
}

/// The writer: writes each batch it is handed, in one commit.
struct Writer<'a> {
    store: &'a KgStore,
    bulk: bool,
    observer: &'a dyn LoadObserver,
    summary: LoadSummary,
}

impl Writer<'_> {
    /// Writes batches until there are no more or the store fails.
    fn run(mut self, batches: Receiver<Batch>) -> (LoadSummary, Option<StoreError>) {
        for batch in batches {
            if let Err(error) = self.write(batch) {
                return (self.summary, Some(error));
            }
        }
        (self.summary, None)
    }

    fn write(&mut self, batch: Batch) -> Result<(), StoreError> {
        let (locations, graphs): (Vec<_>, Vec<_>) = batch.into_iter().unzip();
        let written: Vec<(NamedNode, usize)> = graphs
            .iter()
            .map(|graph| (graph.iri.clone(), graph.quads.len()))
            .collect();
        let started = std::time::Instant::now();
        let results: Vec<Result<bool, StoreError>> = if self.bulk {
            self.store
                .bulk_load_articles(graphs)?
                .into_iter()
                .map(Ok)
                .collect()
        } else {
            self.store.replace_articles(&graphs)
        };
        tracing::debug!(articles = written.len(), elapsed = ?started.elapsed(), "batch written");
        // A batch none of which could be written means the store is unusable: stop.
        // Otherwise each failed article is reported (it was left as it was) and the load goes on.
        let all_failed = results.iter().all(Result::is_err);
        let mut first_error = None;
        for ((at, (iri, n_quads)), result) in locations.iter().zip(&written).zip(results) {
            match result {
                Ok(existed) => {
                    self.summary.loaded += 1;
                    self.summary.replaced += usize::from(existed);
                    self.summary.quads += n_quads;
                    tracing::debug!(article = %iri, n_quads, replaced = existed, "ingested");
                    self.observer.written(at, iri);
                }
                Err(error) => {
                    self.summary.errors += 1;
                    self.observer
                        .refused(at, &format!("not stored (load it again): {error}"));
                    if all_failed {
                        first_error.get_or_insert(error);
                    }
                }
            }
        }
        if let Some(error) = first_error {
            return Err(error);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The items `read_json_lines` sends for `text`: (line, article text or error).
    fn read(text: &[u8]) -> Vec<(Option<usize>, Result<String, String>)> {
        let mut sent = Vec::new();
        let file: Arc<str> = "x.jsonl".into();
        let going_on = read_json_lines(
            &file,
            Box::new(std::io::Cursor::new(text.to_vec())),
            &mut |work| {
                sent.push(match work {
                    Work::Article(at, article) => (at.line, Ok(article.text)),
                    Work::Refused(at, message) => (at.line, Err(message)),
                });
                true
            },
        );
        assert!(going_on);
        sent
    }

    #[test]
    fn json_lines_are_read_one_by_one_and_a_bad_line_spoils_only_itself() {
        let long_line = format!(
            "{{\"text\": \"{}\"}}",
            "a".repeat(article::MAX_ARTICLE_BYTES + 10)
        );
        let text = format!(
            "\u{feff}{{\"text\": \"Un.\"}}\n\n  \n{long_line}\n{{\"text\": 1}}\n\u{0}\n{{\"text\": \"Deux.\"}}"
        );
        let sent = read(text.as_bytes());
        assert_eq!(sent.len(), 5, "{sent:?}");
        assert_eq!(sent[0], (Some(1), Ok("Un.".to_owned())));
        assert_eq!(sent[1].0, Some(4));
        assert!(
            sent[1].1.as_ref().unwrap_err().contains("too large"),
            "{sent:?}"
        );
        assert_eq!(sent[2].0, Some(5));
        assert_eq!(
            sent[3],
            (Some(6), Err("binary content (NUL bytes)".to_owned()))
        );
        assert_eq!(sent[4], (Some(7), Ok("Deux.".to_owned())));
    }

    #[test]
    fn invalid_utf8_names_its_line() {
        let sent = read(b"{\"text\": \"Un.\"}\n{\"text\": \"\xff\"}\n");
        assert_eq!(sent[1], (Some(2), Err("invalid utf-8".to_owned())));
    }
}
