//! What each committed write touched: the store's generation counter, and for the
//! writes of whole articles, the actors and places whose graphs changed.
//!
//! Views computed from the store (the REST search index, an actor's relations) are
//! tagged with the generation they were read at. [`ChangeLog::touched_since`] and
//! [`ChangeLog::untouched_since`] let them outlive writes that touched none of the
//! resources they depend on, instead of being recomputed after every write. A write
//! whose reach is not known (a SPARQL update, a Graph Store request, a restore, a
//! bulk load) is recorded as touching everything.

use oxigraph::model::vocab::rdfs;
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
const MAX_RESOURCES: usize = 200_000;

/// The generation counter and, for recent writes, what each touched.
#[derive(Debug, Default)]
pub struct ChangeLog {
    generation: AtomicU64,
    log: Mutex<Log>,
}

/// What one write touched: tracked IRIs (actors, places, sources).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Touched {
    /// Those in a subject or object of a quad written or removed.
    pub resources: HashSet<String>,
    /// Those whose `rdfs:label` appeared in the store or left it.
    pub labelled: HashSet<String>,
    /// The IRIs of the article graphs written or removed.
    pub articles: HashSet<String>,
}

/// What a view was read from.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Dependencies {
    /// Resources any change to which can change the view.
    pub read: Vec<String>,
    /// Resources of which the view shows only the name (`rdfs:label`).
    pub named: Vec<String>,
}

impl Touched {
    fn len(&self) -> usize {
        self.resources.len() + self.labelled.len() + self.articles.len()
    }

    fn reaches(&self, dependencies: &Dependencies) -> bool {
        dependencies
            .read
            .iter()
            .any(|iri| self.resources.contains(iri))
            || dependencies
                .named
                .iter()
                .any(|iri| self.labelled.contains(iri))
    }
}

#[derive(Debug, Default)]
struct Log {
    /// `(generation after the write, what it touched; None: unknown)`, oldest first.
    entries: VecDeque<(u64, Option<Arc<Touched>>)>,
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
    pub fn record(&self, touched: Option<Touched>) {
        let mut log = self.log.lock().unwrap_or_else(PoisonError::into_inner);
        let generation = self.generation.load(Ordering::Acquire) + 1;
        log.resources += touched.as_ref().map_or(0, Touched::len);
        log.entries.push_back((generation, touched.map(Arc::new)));
        while log.entries.len() > MAX_ENTRIES || log.resources > MAX_RESOURCES {
            let Some((dropped, touched)) = log.entries.pop_front() else {
                break;
            };
            log.resources -= touched.as_ref().map_or(0, |touched| touched.len());
            log.floor = dropped;
        }
        // Published after the entry, so a reader that sees the generation finds its entry.
        self.generation.store(generation, Ordering::Release);
    }

    /// The tracked resources that writes after `generation` touched (up to the
    /// current generation), or `None` when one of them may have touched anything or
    /// the log no longer reaches back that far.
    pub fn touched_since(&self, generation: u64) -> Option<HashSet<String>> {
        self.union_since(generation, |touched| &touched.resources)
    }

    /// The article graphs that writes after `generation` wrote or removed, or `None`
    /// when a write of unknown reach came since or the log no longer reaches back.
    pub fn articles_since(&self, generation: u64) -> Option<HashSet<String>> {
        self.union_since(generation, |touched| &touched.articles)
    }

    /// The union of one part of what each write after `generation` touched.
    fn union_since(
        &self,
        generation: u64,
        part: impl Fn(&Touched) -> &HashSet<String>,
    ) -> Option<HashSet<String>> {
        let log = self.log.lock().unwrap_or_else(PoisonError::into_inner);
        if generation < log.floor {
            return None;
        }
        let mut union = HashSet::new();
        for (_, write) in log.entries.iter().filter(|(after, _)| *after > generation) {
            union.extend(part(write.as_ref()?).iter().cloned());
        }
        Some(union)
    }

    /// Whether no write after `generation` touched what a view read at `generation`
    /// depends on.
    pub fn untouched_since(&self, generation: u64, dependencies: &Dependencies) -> bool {
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
                    .is_some_and(|touched| !touched.reaches(dependencies))
            })
    }
}

/// Whether changes to this IRI are tracked.
fn is_tracked(iri: &str) -> bool {
    iri.strip_prefix(crate::rdf::BASE)
        .is_some_and(|rest| TRACKED_PREFIXES.iter().any(|p| rest.starts_with(p)))
}

/// Adds to `touched` the tracked IRIs among the subjects and objects of `quads`.
pub fn collect_tracked<'a>(quads: impl IntoIterator<Item = &'a Quad>, touched: &mut Touched) {
    let mut add = |iri: &str| {
        if is_tracked(iri) && !touched.resources.contains(iri) {
            touched.resources.insert(iri.to_owned());
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

/// The quads among `quads` that give a tracked resource an `rdfs:label`.
pub fn label_quads(quads: &[Quad]) -> impl Iterator<Item = &Quad> {
    quads.iter().filter(|quad| {
        quad.predicate == rdfs::LABEL
            && matches!(&quad.subject, NamedOrBlankNode::NamedNode(node) if is_tracked(node.as_str()))
    })
}

/// Marks as relabelled the subjects of the label triples whose presence in the
/// store (in any graph) differs before and after a write: the name a view shows
/// changes only then (an article repeating a label another holds changes nothing).
pub fn note_relabelled(touched: &mut Touched, labels: &[Quad], before: &[bool], after: &[bool]) {
    for ((quad, before), after) in labels.iter().zip(before).zip(after) {
        if before != after {
            if let NamedOrBlankNode::NamedNode(node) = &quad.subject {
                touched.labelled.insert(node.as_str().to_owned());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(iris: &[&str]) -> HashSet<String> {
        iris.iter().map(|iri| (*iri).to_owned()).collect()
    }

    fn touched(iris: &[&str]) -> Option<Touched> {
        Some(Touched {
            resources: set(iris),
            articles: set(&[&format!("article-{}", iris.join("-"))]),
            ..Touched::default()
        })
    }

    fn read(iris: &[&str]) -> Dependencies {
        Dependencies {
            read: iris.iter().map(|iri| (*iri).to_owned()).collect(),
            named: Vec::new(),
        }
    }

    #[test]
    fn known_writes_leave_other_resources_untouched() {
        let log = ChangeLog::default();
        assert_eq!(log.generation(), 0);
        log.record(touched(&["a", "b"]));
        log.record(touched(&["c"]));
        assert_eq!(log.generation(), 2);
        assert!(log.untouched_since(0, &read(&["d"])));
        assert!(!log.untouched_since(0, &read(&["d", "c"])));
        assert!(
            log.untouched_since(1, &read(&["a"])),
            "a was touched before 1"
        );
        assert!(log.untouched_since(2, &read(&["c"])), "nothing since 2");
        assert_eq!(log.touched_since(0), Some(set(&["a", "b", "c"])));
        assert_eq!(log.touched_since(1), Some(set(&["c"])));
        assert_eq!(
            log.articles_since(0),
            Some(set(&["article-a-b", "article-c"]))
        );
        // A name depends on labels only.
        let named = Dependencies {
            read: Vec::new(),
            named: vec!["c".into()],
        };
        assert!(
            log.untouched_since(0, &named),
            "c was touched, not its label"
        );
        log.record(Some(Touched {
            resources: set(&["c"]),
            labelled: set(&["c"]),
            articles: set(&["article-c2"]),
        }));
        assert!(!log.untouched_since(2, &named));
        assert!(log.untouched_since(3, &named));
        // An unknown write touches everything after it, not before.
        log.record(None);
        assert!(!log.untouched_since(3, &read(&["d"])));
        assert_eq!(log.touched_since(3), None);
        assert_eq!(log.articles_since(3), None);
        assert_eq!(log.touched_since(4), Some(HashSet::new()));
        assert_eq!(log.articles_since(4), Some(HashSet::new()));
    }

    #[test]
    fn forgotten_writes_count_as_unknown() {
        let log = ChangeLog::default();
        for _ in 0..=MAX_ENTRIES {
            log.record(touched(&["a"]));
        }
        assert!(
            !log.untouched_since(0, &read(&["z"])),
            "the first write is forgotten"
        );
        assert_eq!(log.touched_since(0), None);
        assert!(log.untouched_since(2, &read(&["z"])));
    }

    #[test]
    fn actors_places_and_sources_are_tracked_and_new_labels_rename() {
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
                rdfs::LABEL,
                Literal::from("Gao"),
                graph.clone(),
            ),
            Quad::new(
                node("source/witness"),
                node("p"),
                node("sentence/s"),
                graph.clone(),
            ),
            Quad::new(node("article/x"), node("p"), node("sentence/s"), graph),
        ];
        let mut touched = Touched::default();
        collect_tracked(&quads, &mut touched);
        let iri = |path: &str| format!("{}{path}", crate::rdf::BASE);
        assert_eq!(
            touched.resources,
            [iri("actor/wagner"), iri("place/gao"), iri("source/witness")]
                .into_iter()
                .collect()
        );
        assert!(touched.labelled.is_empty());
        let labels: Vec<Quad> = label_quads(&quads).cloned().collect();
        assert_eq!(labels, [quads[1].clone()]);
        // Only a label that appears or disappears renames.
        note_relabelled(&mut touched, &labels, &[true], &[true]);
        assert!(touched.labelled.is_empty());
        note_relabelled(&mut touched, &labels, &[false], &[true]);
        assert_eq!(touched.labelled, [iri("place/gao")].into_iter().collect());
    }
}
