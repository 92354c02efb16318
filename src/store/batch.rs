//! Writing many articles at once: one transaction per batch, or oxigraph's bulk loader.

use super::changes::{collect_tracked, Touched};
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
        let mut transaction = self.store.start_transaction()?;
        let mut existed = Vec::with_capacity(articles.len());
        let mut touched = Touched::default();
        for article in articles {
            let exists = transaction.contains_named_graph(&article.iri)?;
            if exists {
                let old = transaction
                    .quads_for_pattern(None, None, None, Some(article.iri.as_ref().into()))
                    .collect::<Result<Vec<_>, _>>()?;
                collect_tracked(&old, &mut touched);
                transaction.remove_named_graph(&article.iri)?;
            }
            collect_tracked(&article.quads, &mut touched);
            transaction.extend(&article.quads);
            existed.push(exists);
        }
        transaction.commit()?;
        self.changes.record(Some(touched));
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
        let mut touched = Touched::default();
        if !stored.is_empty() {
            let mut transaction = self.store.start_transaction()?;
            for &index in &stored {
                let iri = &articles[index].iri;
                let old = transaction
                    .quads_for_pattern(None, None, None, Some(iri.as_ref().into()))
                    .collect::<Result<Vec<_>, _>>()?;
                collect_tracked(&old, &mut touched);
                transaction.remove_named_graph(iri)?;
                transaction.extend(&articles[index].quads);
            }
            transaction.commit()?;
        }
        for &index in stored.iter().chain(&new) {
            collect_tracked(&articles[index].quads, &mut touched);
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
        self.changes.record(Some(touched));
        Ok(existed)
    }
}
