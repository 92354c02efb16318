//! Name search: case- and accent-insensitive matching of labels and aliases, ranked.

use super::queries::EntityRecord;
use crate::text::fold;

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

/// How well `query` (already folded) matches an entity: its best name, labels weighing a
/// little more than aliases.
pub fn score(query: &str, record: &EntityRecord) -> u32 {
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
/// An empty query matches everything, most mentioned first.
pub fn rank(query: &str, records: Vec<EntityRecord>) -> Vec<EntityRecord> {
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
    fn exact_names_rank_before_partial_ones() {
        let records = vec![
            record("csp-psd", &["CSP-PSD"], &["CSP PSD"], 5),
            record("csp-dpa", &["CSP-DPA"], &["CSP"], 1),
        ];
        assert_eq!(ids("csp", records), ["csp-dpa", "csp-psd"]);
    }
}
