//! What each committed write touched: the store's generation counter, and for the
//! writes of whole articles, the actors and places whose graphs changed.
//!
//! Views computed from the store (the REST search index, an actor's relations) are
//! tagged with the generation they were read at. [`ChangeLog::touched_since`] lets them
//! outlive writes that touched none of the resources they depend on, instead of being
//! recomputed after every write. A write whose reach is not known (a SPARQL update, a
//! Graph Store request, a restore) is recorded as touching everything.

use oxigraph::model::{NamedOrBlankNode, Quad, Term};
use std::collections::{HashSet, VecDeque};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

/// The IRIs whose changes are tracked: actors, places and described sources (other resources an article
/// mints, such as events and sentences, live only in that article's graph).
const TRACKED_PREFIXES: [&str; 3] = ["actor/", "place/", "source/"];

/// Log entries kept: older writes are forgotten, and views older than them rebuilt.
const MAX_ENTRIES: usize = 4096;

/// Tracked IRIs kept over all entries.
const MAX_RESOURCES: usize = 1_000_000;

/// The generation counter and, for recent writes, what each touched.
#[derive(Debug, Default)]
pub struct ChangeLog {
    generation: AtomicU64,
    log: Mutex<Log>,
}

#[derive(Debug, Default)]
struct Log {
    /// `(generation after the write, what it touched; None: unknown)`, oldest first.
    entries: VecDeque<(u64, Option<Arc<HashSet<String>>>)>,
    /// The tracked IRIs held in `entries`.
    resources: usize,
    /// The generation before the oldest entry: changes since an older one are unknown.
    floor: u64,
}

impl ChangeLog {
    /// The number of writes recorded since the store was opened.
    pub fn generation(&self) -> u64 {
        self.generation.load(Ordering::Acquire)
    }

    /// Records a committed write that touched `resources` (`None`: anything). Call it
    /// under the writer lock, right after the commit.
    pub fn record(&self, resources: Option<HashSet<String>>) {
        let mut log = self.log.lock().unwrap_or_else(PoisonError::into_inner);
        let generation = self.generation.load(Ordering::Acquire) + 1;
        log.resources += resources.as_ref().map_or(0, HashSet::len);
        log.entries.push_back((generation, resources.map(Arc::new)));
        while log.entries.len() > MAX_ENTRIES || log.resources > MAX_RESOURCES {
            let Some((dropped, touched)) = log.entries.pop_front() else {
                break;
            };
            log.resources -= touched.as_ref().map_or(0, |set| set.len());
            log.floor = dropped;
        }
        // Published after the entry, so a reader that sees the generation finds its entry.
        self.generation.store(generation, Ordering::Release);
    }

    /// The tracked resources that writes after `generation` touched (up to the
    /// current generation), or `None` when one of them may have touched anything or
    /// the log no longer reaches back that far.
    pub fn touched_since(&self, generation: u64) -> Option<HashSet<String>> {
        let log = self.log.lock().unwrap_or_else(PoisonError::into_inner);
        if generation < log.floor {
            return None;
        }
        let mut touched = HashSet::new();
        for (_, resources) in log.entries.iter().filter(|(after, _)| *after > generation) {
            touched.extend(resources.as_ref()?.iter().cloned());
        }
        Some(touched)
    }

    /// Whether no write after `generation` touched any of `resources`.
    pub fn untouched_since(&self, generation: u64, resources: &[String]) -> bool {
        if generation >= self.generation() {
            return true;
        }
        let log = self.log.lock().unwrap_or_else(PoisonError::into_inner);
        if generation < log.floor {
            return false;
        }
        log.entries
            .iter()
            .filter(|(after, _)| *after > generation)
            .all(|(_, touched)| {
                touched
                    .as_ref()
                    .is_some_and(|set| resources.iter().all(|iri| !set.contains(iri)))
            })
    }
}

/// Adds to `touched` the tracked IRIs (actors and places) among the subjects and
/// objects of `quads`.
pub fn collect_tracked<'a>(
    quads: impl IntoIterator<Item = &'a Quad>,
    touched: &mut HashSet<String>,
) {
    let base = crate::rdf::BASE;
    let mut add = |iri: &str| {
        let tracked = iri
            .strip_prefix(base)
            .is_some_and(|rest| TRACKED_PREFIXES.iter().any(|p| rest.starts_with(p)));
        if tracked && !touched.contains(iri) {
            touched.insert(iri.to_owned());
        }
    };
    for quad in quads {
        if let NamedOrBlankNode::NamedNode(node) = &quad.subject {
            add(node.as_str());
        }
        if let Term::NamedNode(node) = &quad.object {
            add(node.as_str());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(iris: &[&str]) -> HashSet<String> {
        iris.iter().map(|iri| (*iri).to_owned()).collect()
    }

    #[test]
    fn known_writes_leave_other_resources_untouched() {
        let log = ChangeLog::default();
        assert_eq!(log.generation(), 0);
        log.record(Some(set(&["a", "b"])));
        log.record(Some(set(&["c"])));
        assert_eq!(log.generation(), 2);
        assert!(log.untouched_since(0, &["d".into()]));
        assert!(!log.untouched_since(0, &["d".into(), "c".into()]));
        assert!(
            log.untouched_since(1, &["a".into()]),
            "a was touched before 1"
        );
        assert!(log.untouched_since(2, &["c".into()]), "nothing since 2");
        assert_eq!(log.touched_since(0), Some(set(&["a", "b", "c"])));
        assert_eq!(log.touched_since(1), Some(set(&["c"])));
        // An unknown write touches everything after it, not before.
        log.record(None);
        assert!(!log.untouched_since(1, &["d".into()]));
        assert_eq!(log.touched_since(1), None);
        assert_eq!(log.touched_since(3), Some(HashSet::new()));
    }

    #[test]
    fn forgotten_writes_count_as_unknown() {
        let log = ChangeLog::default();
        for _ in 0..=MAX_ENTRIES {
            log.record(Some(set(&["a"])));
        }
        assert!(
            !log.untouched_since(0, &["z".into()]),
            "the first write is forgotten"
        );
        assert_eq!(log.touched_since(0), None);
        assert!(log.untouched_since(2, &["z".into()]));
    }

    #[test]
    fn only_actors_and_places_are_tracked() {
        use oxigraph::model::{GraphName, Literal, NamedNode};
        let node = |path: &str| NamedNode::new(format!("{}{path}", crate::rdf::BASE)).unwrap();
        let graph = GraphName::NamedNode(node("article/x"));
        let quads = [
            Quad::new(
                node("event/e"),
                node("p"),
                node("actor/wagner"),
                graph.clone(),
            ),
            Quad::new(
                node("place/gao"),
                node("p"),
                Literal::from("Gao"),
                graph.clone(),
            ),
            Quad::new(node("article/x"), node("p"), node("sentence/s"), graph),
        ];
        let mut touched = HashSet::new();
        collect_tracked(&quads, &mut touched);
        let expected = [
            format!("{}actor/wagner", crate::rdf::BASE),
            format!("{}place/gao", crate::rdf::BASE),
        ];
        assert_eq!(touched, expected.into_iter().collect());
    }
}
