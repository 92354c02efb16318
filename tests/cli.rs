//! The `actorgraph` binary, run as a user would.

use crate::util::{self, actorgraph};

#[test]
fn load_a_folder_skips_bad_files_and_exits_1() {
    let articles = util::mixed_folder();
    let store = tempfile::tempdir().unwrap();
    let output = actorgraph()
        .arg("load")
        .arg("--location")
        .arg(store.path())
        .arg(articles.path())
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stdout}\n{stderr}");
    let latin1 = articles.path().join("latin1.txt");
    assert!(
        stderr.contains(&format!("error: {}:2: invalid utf-8", latin1.display())),
        "{stderr}"
    );
    let bad_date = articles.path().join("baddate.md");
    assert!(
        stderr.contains(&format!(
            "error: {}:1: invalid date \"2024-13-45\"",
            bad_date.display()
        )),
        "{stderr}"
    );
    assert!(
        stderr.contains("empty.txt: the article has no body text"),
        "{stderr}"
    );
    assert!(
        !stderr.contains("hidden") && !stderr.contains("notes.csv"),
        "{stderr}"
    );
    assert!(
        stdout.contains("loaded 1 articles (0 replaced)"),
        "{stdout}"
    );
    assert!(stdout.contains("3 errors"), "{stdout}");

    // The good article is there, once.
    let count = actorgraph()
        .args(["query", "--format", "csv", "--location"])
        .arg(store.path())
        .arg("SELECT (COUNT(?a) AS ?n) WHERE { ?a a <https://w3id.org/actorgraph/ns#Article> }")
        .output()
        .unwrap();
    assert!(
        count.status.success(),
        "{}",
        String::from_utf8_lossy(&count.stderr)
    );
    assert_eq!(String::from_utf8_lossy(&count.stdout), "n\r\n1\r\n");
}

#[test]
fn load_twice_replaces() {
    let store = tempfile::tempdir().unwrap();
    for expected in [
        "loaded 1 articles (0 replaced)",
        "loaded 1 articles (1 replaced)",
    ] {
        let output = actorgraph()
            .arg("load")
            .arg("--location")
            .arg(store.path())
            .arg(util::seed_path())
            .output()
            .unwrap();
        assert!(output.status.success());
        assert!(String::from_utf8_lossy(&output.stdout).contains(expected));
    }
}

#[test]
fn load_json_lines_and_stdin() {
    let dir = tempfile::tempdir().unwrap();
    let lines = dir.path().join("articles.jsonl");
    std::fs::write(
        &lines,
        "{\"text\": \"Les combats ont repris à Kidal.\", \"date\": \"2024-08\"}\n{\"text\": 3}\n{\"text\": \"The army said it took the town.\", \"lang\": \"en\"}\n",
    )
    .unwrap();
    let output = actorgraph()
        .args(["load", "--memory"])
        .arg(&lines)
        .arg("-")
        .write_stdin("date 2024-07-01 Un autre article.")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr.contains(&format!(
            "error: {}:2: field \"text\" must be a string",
            lines.display()
        )),
        "{stderr}"
    );
    assert!(String::from_utf8_lossy(&output.stdout).contains("loaded 3 articles"));
}

#[test]
fn extract_json_has_the_schema_keys() {
    let output = actorgraph()
        .arg("extract")
        .arg("--json")
        .arg(util::seed_path())
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    // The keys facts.schema.json requires, with their types.
    for key in ["actors", "places", "events", "relations", "claims"] {
        assert!(json[key].is_array(), "{key} missing in {json}");
    }
    assert_eq!(json["language"], "fr");
    assert_eq!(json["date"], "2024-07");
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string("/work/shared/eval/facts.schema.json")
            .unwrap_or_else(|_| "{}".into()),
    )
    .unwrap();
    if let Some(required) = schema["required"].as_array() {
        for key in required {
            assert!(json[key.as_str().unwrap()].is_array(), "{key}");
        }
    }
}

#[test]
fn extract_text_and_turtle() {
    let text = actorgraph()
        .arg("extract")
        .arg(util::seed_path())
        .output()
        .unwrap();
    assert!(text.status.success());
    assert!(String::from_utf8_lossy(&text.stdout).contains("(fr, date 2024-07)"));

    let turtle = actorgraph()
        .args(["extract", "--turtle", "-"])
        .write_stdin(util::seed_bytes())
        .output()
        .unwrap();
    assert!(turtle.status.success());
    let turtle = String::from_utf8_lossy(&turtle.stdout);
    assert!(turtle.contains("ag:Article"), "{turtle}");
    assert!(turtle.contains("\"2024-07\"^^xsd:gYearMonth"), "{turtle}");
}

#[test]
fn extract_a_bad_file_names_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.txt");
    std::fs::write(&path, "\n\ndate demain\nLe texte").unwrap();
    let output = actorgraph().arg("extract").arg(&path).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains(&format!("{}:3: invalid date \"demain\"", path.display())),
        "{stderr}"
    );
}

#[test]
fn query_formats() {
    let store = tempfile::tempdir().unwrap();
    actorgraph()
        .arg("load")
        .arg("--location")
        .arg(store.path())
        .arg(util::seed_path())
        .assert()
        .success();
    let run = |format: &str, query: &str| {
        let output = actorgraph()
            .args(["query", "--format", format, "--location"])
            .arg(store.path())
            .arg(query)
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8(output.stdout).unwrap()
    };
    let table = run(
        "table",
        "SELECT ?lang WHERE { ?a <https://w3id.org/actorgraph/ns#language> ?lang }",
    );
    assert_eq!(table, "?lang\n-----\n\"fr\"\n(1 rows)\n");
    assert_eq!(run("table", "ASK { ?a ?b ?c }"), "true\n");
    let json = run(
        "json",
        "SELECT ?lang WHERE { ?a <https://w3id.org/actorgraph/ns#language> ?lang }",
    );
    assert!(json.contains("\"value\":\"fr\""), "{json}");
    let tsv = run(
        "tsv",
        "SELECT ?lang WHERE { ?a <https://w3id.org/actorgraph/ns#language> ?lang }",
    );
    assert_eq!(tsv, "?lang\n\"fr\"\n");
    let graph = run(
        "table",
        "CONSTRUCT { ?a a ?t } WHERE { ?a a ?t FILTER(?t = <https://w3id.org/actorgraph/ns#Article>) }",
    );
    assert!(graph.contains("a ag:Article"), "{graph}");

    let bad = actorgraph()
        .args(["query", "--location"])
        .arg(store.path())
        .arg("SELEC nothing")
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("invalid sparql"));
}

#[test]
fn query_without_a_store_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nothing-here");
    let output = actorgraph()
        .args(["query", "--location"])
        .arg(&missing)
        .arg("ASK {}")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("no store in"));
    assert!(!missing.exists());
}
