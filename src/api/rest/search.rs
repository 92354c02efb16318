//! Name search: case- and accent-insensitive matching of labels and aliases, ranked.

use super::queries::EntityRecord;
use crate::text::fold;
use std::collections::HashSet;
use std::sync::{Arc, Mutex, PoisonError};

/// How well `query` matches one name (higher is better; 0 is no match). Both are folded.
fn score_name(query: &str, name: &str) -> u32 {
    if name == query {
        return 100;
    }
    if name.starts_with(query) {
        return 80;
    }
    let words: Vec<&str> = name
        .split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .collect();
    let query_words: Vec<&str> = query
        .split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .collect();
    if query_words.is_empty() {
        return 0;
    }
    if query_words
        .iter()
        .all(|q| words.iter().any(|word| word == q))
    {
        return 70;
    }
    if query_words
        .iter()
        .all(|q| words.iter().any(|word| word.starts_with(q)))
    {
        return 50;
    }
    if name.contains(query) {
        return 30;
    }
    0
}

/// How well `query` (already folded) matches an entity; the scan [`Indexed`] replaced,
/// kept as the tests' reference: its best name, labels weighing a
/// little more than aliases.
#[cfg(test)]
fn score(query: &str, record: &EntityRecord) -> u32 {
    let labels = record
        .labels
        .iter()
        .map(|label| score_name(query, &fold(&label.value)) + 1);
    let aliases = record
        .aliases
        .iter()
        .map(|alias| score_name(query, &fold(&alias.value)));
    let id = std::iter::once(score_name(query, &fold(&record.id().replace('-', " "))));
    labels
        .chain(aliases)
        .chain(id)
        .filter(|&score| score > 1)
        .max()
        .unwrap_or(0)
}

/// The records matching `query`, best first; ties go to the most mentioned, then by name.
/// An empty query matches everything, most mentioned first. The scan [`rank_indexed`]
/// replaced, kept as the tests' reference.
#[cfg(test)]
fn rank(query: &str, records: Vec<EntityRecord>) -> Vec<EntityRecord> {
    let query = fold(query.trim());
    let mut scored: Vec<(u32, String, EntityRecord)> = records
        .into_iter()
        .filter_map(|record| {
            let score = if query.is_empty() {
                1
            } else {
                score(&query, &record)
            };
            (score > 0).then(|| (score, fold(&record.name()), record))
        })
        .collect();
    scored.sort_by(|a, b| {
        b.0.cmp(&a.0)
            .then_with(|| b.2.mentions.cmp(&a.2.mentions))
            .then_with(|| a.1.cmp(&b.1))
            .then_with(|| a.2.iri.cmp(&b.2.iri))
    });
    scored.into_iter().map(|(_, _, record)| record).collect()
}

/// An entity with its names folded once, so that a search folds only the query.
#[derive(Debug, Clone)]
pub struct Indexed {
    /// The entity.
    pub record: EntityRecord,
    /// Folded labels.
    labels: Vec<String>,
    /// Folded aliases.
    aliases: Vec<String>,
    /// Folded id, hyphens as spaces.
    id: String,
    /// Folded name, for ordering ties.
    name: String,
}

impl Indexed {
    /// Folds the names of `record`.
    pub fn new(record: EntityRecord) -> Self {
        Self {
            labels: record.labels.iter().map(|l| fold(&l.value)).collect(),
            aliases: record.aliases.iter().map(|a| fold(&a.value)).collect(),
            id: fold(&record.id().replace('-', " ")),
            name: fold(&record.name()),
            record,
        }
    }

    /// As [`score`], on the folded names.
    fn score(&self, query: &str) -> u32 {
        let labels = self.labels.iter().map(|l| score_name(query, l) + 1);
        let aliases = self.aliases.iter().map(|a| score_name(query, a));
        labels
            .chain(aliases)
            .chain(std::iter::once(score_name(query, &self.id)))
            .filter(|&score| score > 1)
            .max()
            .unwrap_or(0)
    }
}

/// Entities with their names folded, and all those names in one text, so that a
/// search finds its candidates in one pass over that text instead of testing every
/// name of every entity.
#[derive(Debug)]
pub struct SearchIndex {
    entities: Vec<Indexed>,
    /// Every entity's folded names (labels, aliases, id), each followed by a newline.
    names: String,
    /// Where each entity's names start in `names`, in entity order.
    starts: Vec<usize>,
}

impl SearchIndex {
    /// The entities that may match `needle`: those with a name containing it.
    fn candidates<'a>(&'a self, needle: &str) -> Vec<&'a Indexed> {
        if needle.contains('\n') {
            // A match could then span two entities' names: test them all.
            return self.entities.iter().collect();
        }
        let mut found: Vec<&Indexed> = Vec::new();
        let mut last = usize::MAX;
        for (at, _) in self.names.match_indices(needle) {
            let entity = self.starts.partition_point(|&start| start <= at) - 1;
            if entity != last {
                found.push(&self.entities[entity]);
                last = entity;
            }
        }
        found
    }
}

/// As [`rank`], over an index. Records are borrowed: callers clone the page they
/// answer, not every match.
pub fn rank_indexed<'a>(query: &str, index: &'a SearchIndex) -> Vec<&'a EntityRecord> {
    let query = fold(query.trim());
    let mut scored: Vec<(u32, &Indexed)> = if query.is_empty() {
        index.entities.iter().map(|entity| (1, entity)).collect()
    } else {
        // Every name `score_name` matches contains the query's first word (or, for a
        // query without words, the query): the others need no scoring.
        let needle = query
            .split(|c: char| !c.is_alphanumeric())
            .find(|word| !word.is_empty())
            .unwrap_or(&query);
        index
            .candidates(needle)
            .into_iter()
            .filter_map(|entity| {
                let score = entity.score(&query);
                (score > 0).then_some((score, entity))
            })
            .collect()
    };
    scored.sort_by(|(score_a, a), (score_b, b)| {
        score_b
            .cmp(score_a)
            .then_with(|| b.record.mentions.cmp(&a.record.mentions))
            .then_with(|| a.name.cmp(&b.name))
            .then_with(|| a.record.iri.cmp(&b.record.iri))
    });
    scored
        .into_iter()
        .map(|(_, entity)| &entity.record)
        .collect()
}

/// A view computed from the store (the searchable actors or places), kept across
/// store generations ([`crate::store::KgStore::generation`]) rather than recomputed
/// at every request. After writes that touched known resources (articles written or
/// removed), the view is patched: only the records of those resources are read again.
/// After a write of unknown reach, or too many touched resources, it is rebuilt. Either
/// way it never disagrees with the store.
#[derive(Debug)]
pub struct GenerationCache<T> {
    current: Mutex<Option<(u64, Arc<T>)>>,
}

impl<T> Default for GenerationCache<T> {
    fn default() -> Self {
        Self {
            current: Mutex::new(None),
        }
    }
}

/// Past this many touched resources, a view is rebuilt rather than patched.
const MAX_PATCHED: usize = 2_000;

impl<T> GenerationCache<T> {
    /// The view as of `generation` (read before calling). A view read at an older
    /// generation `g` is kept when `touched_since(g)` is empty, patched by `patch`
    /// with the touched resources when it names few enough, else rebuilt by `build`.
    /// Concurrent requests wait for one build.
    pub fn get<E>(
        &self,
        generation: u64,
        touched_since: impl FnOnce(u64) -> Option<HashSet<String>>,
        build: impl FnOnce() -> Result<T, E>,
        patch: impl FnOnce(&T, &HashSet<String>) -> Result<T, E>,
    ) -> Result<Arc<T>, E> {
        let mut current = self.current.lock().unwrap_or_else(PoisonError::into_inner);
        let view = match current.as_ref() {
            Some((built, view)) if *built >= generation => return Ok(view.clone()),
            Some((built, view)) => match touched_since(*built) {
                Some(touched) if touched.is_empty() => view.clone(),
                Some(touched) if touched.len() <= MAX_PATCHED => Arc::new(patch(view, &touched)?),
                _ => Arc::new(build()?),
            },
            None => Arc::new(build()?),
        };
        *current = Some((generation, view.clone()));
        Ok(view)
    }
}

/// The searchable places and each place's `ag:placeType`.
pub type PlaceView = (SearchIndex, std::collections::HashMap<String, String>);

/// Folds the names of every record and lays them out for search.
pub fn index(records: Vec<EntityRecord>) -> SearchIndex {
    lay_out(records.into_iter().map(Indexed::new).collect())
}

impl SearchIndex {
    /// This index with the records of `touched` IRIs replaced by `fresh`, their current
    /// records (a touched IRI without one is no longer an instance, and goes).
    pub fn patched(&self, touched: &HashSet<String>, fresh: Vec<EntityRecord>) -> SearchIndex {
        let mut entities: Vec<Indexed> = self
            .entities
            .iter()
            .filter(|entity| !touched.contains(&entity.record.iri))
            .cloned()
            .chain(fresh.into_iter().map(Indexed::new))
            .collect();
        // The order a full build gives (IRI order), so ties rank alike.
        entities.sort_by(|a, b| a.record.iri.cmp(&b.record.iri));
        lay_out(entities)
    }
}

/// Lays out the folded names of `entities` (in that order) for search.
fn lay_out(entities: Vec<Indexed>) -> SearchIndex {
    let mut names = String::new();
    let mut starts = Vec::with_capacity(entities.len());
    for entity in &entities {
        starts.push(names.len());
        for name in entity
            .labels
            .iter()
            .chain(&entity.aliases)
            .chain(std::iter::once(&entity.id))
        {
            names.push_str(name);
            names.push('\n');
        }
    }
    SearchIndex {
        entities,
        names,
        starts,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::rest::queries::Label;

    fn record(id: &str, labels: &[&str], aliases: &[&str], mentions: u64) -> EntityRecord {
        let label = |value: &&str| Label {
            value: (*value).to_owned(),
            lang: None,
        };
        EntityRecord {
            iri: format!("https://w3id.org/actorgraph/actor/{id}"),
            classes: vec!["ArmedGroup".into()],
            labels: labels.iter().map(label).collect(),
            aliases: aliases.iter().map(label).collect(),
            mentions,
            articles: 0,
        }
    }

    fn ids(query: &str, records: Vec<EntityRecord>) -> Vec<String> {
        rank(query, records).iter().map(EntityRecord::id).collect()
    }

    #[test]
    fn case_and_accents_do_not_matter() {
        let records = || {
            vec![
                record(
                    "fama",
                    &["Forces armées maliennes"],
                    &["FAMa", "armée malienne"],
                    3,
                ),
                record("wagner", &["Groupe Wagner"], &["Wagner"], 2),
                record("mali-junta", &["Junte malienne"], &[], 1),
            ]
        };
        assert_eq!(ids("wagner", records()), ["wagner"]);
        assert_eq!(ids("FAMA", records()), ["fama"]);
        assert_eq!(ids("armee malienne", records())[0], "fama");
        let mut malienne = ids("MALIENNE", records());
        malienne.sort();
        assert_eq!(malienne, ["fama", "mali-junta"]);
        assert_eq!(ids("", records()), ["fama", "wagner", "mali-junta"]);
        assert!(ids("zzz", records()).is_empty());
    }

    #[test]
    fn the_index_ranks_as_the_scan() {
        let records = || {
            vec![
                record(
                    "fama",
                    &["Forces armées maliennes"],
                    &["FAMa", "armée malienne"],
                    3,
                ),
                record("wagner", &["Groupe Wagner"], &["Wagner"], 2),
                record("mali-junta", &["Junte malienne"], &[], 1),
                record("csp-psd", &["CSP-PSD"], &["CSP PSD"], 5),
                record("csp-dpa", &["CSP-DPA"], &["CSP"], 1),
                record("csp-dpb", &["CSP-DPA"], &["CSP"], 1),
            ]
        };
        let index = index(records());
        for query in [
            "",
            "wagner",
            "FAMA",
            "malienne",
            "csp",
            "dp",
            "zzz",
            " Armée ",
            "psd csp",
            "-csp",
            "-",
            "p-d",
            "armée  malienne",
            "ienne",
        ] {
            let scan: Vec<String> = rank(query, records())
                .iter()
                .map(|r| r.iri.clone())
                .collect();
            let indexed: Vec<String> = rank_indexed(query, &index)
                .iter()
                .map(|r| r.iri.clone())
                .collect();
            assert_eq!(scan, indexed, "{query:?}");
        }
    }

    #[test]
    fn exact_names_rank_before_partial_ones() {
        let records = vec![
            record("csp-psd", &["CSP-PSD"], &["CSP PSD"], 5),
            record("csp-dpa", &["CSP-DPA"], &["CSP"], 1),
        ];
        assert_eq!(ids("csp", records), ["csp-dpa", "csp-psd"]);
    }
}
