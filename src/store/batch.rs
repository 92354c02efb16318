//! Writing many articles at once: one transaction per batch, or oxigraph's bulk loader.

use super::changes::{collect_tracked, label_quads, note_relabelled, Touched};
use super::{Embedded, StoreError};
use oxigraph::model::{NamedNode, Quad};
use std::collections::HashMap;
use std::sync::PoisonError;

/// One article's graph, ready to be written: its IRI and every quad of it (all in that graph).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleGraph {
    /// The article's graph IRI ([`crate::rdf::article_iri`]).
    pub iri: NamedNode,
    /// The graph's content.
    pub quads: Vec<Quad>,
}

/// The memory the bulk loader may use for one commit, in megabytes (its default is 2 GB per thread).
const BULK_MEMORY_MB: usize = 256;

impl Embedded {
    /// Replaces the graphs of `articles`, in order, in one transaction: all are
    /// written or none. Returns, for each, whether its graph existed before (an
    /// article given twice replaces its first version).
    pub fn replace_articles(&self, articles: &[ArticleGraph]) -> Result<Vec<bool>, StoreError> {
        let _writer = self.writer.lock().unwrap_or_else(PoisonError::into_inner);
        let pending = self.pending_changes(articles.iter().map(|a| (&a.iri, &a.quads[..])))?;
        let mut transaction = self.store.start_transaction()?;
        let mut existed = Vec::with_capacity(articles.len());
        for article in articles {
            let exists = transaction.contains_named_graph(&article.iri)?;
            if exists {
                transaction.remove_named_graph(&article.iri)?;
            }
            transaction.extend(&article.quads);
            existed.push(exists);
        }
        transaction.commit()?;
        self.record_changes(pending);
        Ok(existed)
    }

    /// Writes `articles` as [`Self::replace_articles`] does, but those not in the
    /// store yet go through oxigraph's bulk loader (sorted files ingested at once,
    /// far faster than transactions), in one commit: all of them are written or
    /// none. Articles already stored are replaced in a transaction first. For
    /// large loads by one process: readers may see the two commits apart.
    /// Takes the graphs by value: the loader consumes their quads instead of copying them.
    pub fn bulk_load_articles(
        &self,
        mut articles: Vec<ArticleGraph>,
    ) -> Result<Vec<bool>, StoreError> {
        let _writer = self.writer.lock().unwrap_or_else(PoisonError::into_inner);
        // An article given twice counts as replaced the second time; only its last version is written.
        let mut in_store: HashMap<&NamedNode, bool> = HashMap::new();
        let mut last_version = HashMap::new();
        let mut existed = Vec::with_capacity(articles.len());
        for (index, article) in articles.iter().enumerate() {
            last_version.insert(&article.iri, index);
            match in_store.get(&article.iri) {
                Some(_) => existed.push(true),
                None => {
                    let stored = self.store.contains_named_graph(&article.iri)?;
                    in_store.insert(&article.iri, stored);
                    existed.push(stored);
                }
            }
        }
        let (stored, new): (Vec<usize>, Vec<usize>) = (0..articles.len())
            .filter(|&index| last_version[&articles[index].iri] == index)
            .partition(|&index| in_store[&articles[index].iri]);
        if !stored.is_empty() {
            let mut transaction = self.store.start_transaction()?;
            for &index in &stored {
                transaction.remove_named_graph(&articles[index].iri)?;
                transaction.extend(&articles[index].quads);
            }
            transaction.commit()?;
        }
        if !new.is_empty() {
            let threads = crate::load::default_jobs();
            let mut loader = self
                .store
                .bulk_loader()
                .with_num_threads(threads)
                .with_max_memory_size_in_megabytes(BULK_MEMORY_MB);
            let quads = new
                .iter()
                .flat_map(|&index| std::mem::take(&mut articles[index].quads));
            loader.load_quads(quads)?;
            loader.commit()?;
        }
        // Recorded as of unknown reach: views are read again after a bulk load. Working
        // out what it touched raised the load's peak RSS by about 100 MB at 10k articles.
        self.changed();
        Ok(existed)
    }

    /// What replacing these graphs (IRI, new content) in a transaction will touch,
    /// read before the write, under the writer lock: the tracked resources of the old
    /// and new contents, and their label triples with whether each is in the store now.
    pub(super) fn pending_changes<'a>(
        &self,
        graphs: impl IntoIterator<Item = (&'a NamedNode, &'a [Quad])>,
    ) -> Result<PendingChanges, StoreError> {
        let mut touched = Touched::default();
        let mut labels = Vec::new();
        for (iri, quads) in graphs {
            touched.articles.insert(iri.as_str().to_owned());
            let old = self
                .store
                .quads_for_pattern(None, None, None, Some(iri.as_ref().into()))
                .collect::<Result<Vec<_>, _>>()?;
            for content in [&old[..], quads] {
                collect_tracked(content, &mut touched);
                labels.extend(label_quads(content).cloned());
            }
        }
        let present_before = self.label_presence(&labels)?;
        Ok(PendingChanges {
            touched,
            labels,
            present_before,
        })
    }

    /// Records a committed write with what it touched (of unknown reach if the store
    /// cannot be read now).
    pub(super) fn record_changes(&self, pending: PendingChanges) {
        let PendingChanges {
            mut touched,
            labels,
            present_before,
        } = pending;
        match self.label_presence(&labels) {
            Ok(present_after) => {
                note_relabelled(&mut touched, &labels, &present_before, &present_after);
                self.changes.record(Some(touched));
            }
            Err(error) => {
                tracing::warn!(%error, "reading labels after a write; counted as touching everything");
                self.changes.record(None);
            }
        }
    }

    /// Whether each triple is in the store, in any graph.
    fn label_presence(&self, labels: &[Quad]) -> Result<Vec<bool>, StoreError> {
        labels
            .iter()
            .map(|quad| {
                let found = self
                    .store
                    .quads_for_pattern(
                        Some(quad.subject.as_ref()),
                        Some(quad.predicate.as_ref()),
                        Some(quad.object.as_ref()),
                        None,
                    )
                    .next()
                    .transpose()?;
                Ok(found.is_some())
            })
            .collect()
    }
}

/// What a write will touch, read before it: see [`Embedded::pending_changes`].
pub(super) struct PendingChanges {
    touched: Touched,
    labels: Vec<Quad>,
    present_before: Vec<bool>,
}
