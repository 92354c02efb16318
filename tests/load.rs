//! `actorgraph load` in every mode (one worker, all cores, bulk) stores exactly
//! what a clean article-by-article ingest stores, in a real on-disk store.

use crate::synthetic;
use crate::util::{self, actorgraph};
use actorgraph::article::parse_json_lines;
use actorgraph::ontology::Knowledge;
use actorgraph::store::KgStore;
use std::collections::BTreeMap;

/// The graphs of a clean load of `lines` (JSON Lines), one article at a time, in order.
fn clean_load(lines: &str) -> BTreeMap<String, Vec<String>> {
    let store = KgStore::in_memory().unwrap();
    store.load_ontology(&util::ontology_dir()).unwrap();
    let knowledge = Knowledge::load(&util::ontology_dir()).unwrap();
    for article in parse_json_lines(lines).into_iter().flatten() {
        actorgraph::ingest(&store, &knowledge, &article).unwrap();
    }
    util::quads_by_graph(&store)
}

/// Runs `actorgraph load` with `args` on `file` into `store`; returns stdout and stderr.
fn load(store: &std::path::Path, file: &std::path::Path, args: &[&str]) -> (String, String) {
    let output = actorgraph()
        .args(["load", "--location"])
        .arg(store)
        .args(args)
        .arg(file)
        .output()
        .unwrap();
    (
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn every_mode_stores_what_a_clean_load_stores() {
    let dir = tempfile::tempdir().unwrap();
    let mut lines = synthetic::json_lines(7, 300);
    // An article given twice (replaced by itself) and a bad line in the middle.
    let first = lines.lines().next().unwrap().to_owned();
    lines.push_str("{\"text\": 12}\n");
    lines.push_str(&first);
    lines.push('\n');
    let file = dir.path().join("articles.jsonl");
    std::fs::write(&file, &lines).unwrap();
    let expected = clean_load(&lines);
    for (name, args) in [
        ("one worker", &["--jobs", "1"][..]),
        ("all cores", &[][..]),
        ("four workers", &["--jobs", "4"][..]),
        ("bulk", &["--bulk"][..]),
        ("bulk, one worker", &["--bulk", "--jobs", "1"][..]),
    ] {
        let store = dir.path().join(name.replace([' ', ','], "-"));
        let (stdout, stderr) = load(&store, &file, args);
        assert!(
            stdout.contains("loaded 301 articles (1 replaced)") && stdout.contains("1 errors"),
            "{name}: {stdout}\n{stderr}"
        );
        assert!(
            stderr.contains(&format!(
                "error: {}:301: field \"text\" must be a string",
                file.display()
            )),
            "{name}: {stderr}"
        );
        let stored = util::quads_by_graph(&KgStore::open(&store).unwrap());
        assert_eq!(stored.len(), expected.len(), "{name}: graph count");
        assert!(
            stored == expected,
            "{name}: the graphs differ from a clean load"
        );
    }
}

#[test]
fn bulk_replaces_articles_already_stored() {
    let dir = tempfile::tempdir().unwrap();
    let lines = synthetic::json_lines(11, 120);
    let half: String = lines
        .lines()
        .take(60)
        .map(|line| format!("{line}\n"))
        .collect();
    let half_file = dir.path().join("half.jsonl");
    let all_file = dir.path().join("all.jsonl");
    std::fs::write(&half_file, &half).unwrap();
    std::fs::write(&all_file, &lines).unwrap();
    let store = dir.path().join("store");
    let (stdout, _) = load(&store, &half_file, &[]);
    assert!(
        stdout.contains("loaded 60 articles (0 replaced)"),
        "{stdout}"
    );
    let (stdout, stderr) = load(&store, &all_file, &["--bulk"]);
    assert!(
        stdout.contains("loaded 120 articles (60 replaced)"),
        "{stdout}\n{stderr}"
    );
    let stored = util::quads_by_graph(&KgStore::open(&store).unwrap());
    assert!(
        stored == clean_load(&lines),
        "the graphs differ from a clean load"
    );
}
