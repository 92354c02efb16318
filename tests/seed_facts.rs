//! What the graph knows after loading the seed article, asked in SPARQL on a
//! real on-disk store: who fought whom, where, when, allied with whom, says who.

use crate::util;
use actorgraph::article::parse_bytes;
use actorgraph::ontology::Knowledge;
use actorgraph::store::{KgStore, QueryOutput};

const PREFIXES: &str = "PREFIX ag: <https://w3id.org/actorgraph/ns#>
PREFIX aga: <https://w3id.org/actorgraph/actor/>
PREFIX agp: <https://w3id.org/actorgraph/place/>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
";

/// Each backend ([`util::backends`]) with the ontology and the seed loaded.
fn seeded() -> Vec<util::Backend> {
    let knowledge = Knowledge::load(&util::ontology_dir()).unwrap();
    let article = parse_bytes(&util::seed_bytes()).unwrap();
    let backends = util::backends();
    for backend in &backends {
        backend.store.load_ontology(&util::ontology_dir()).unwrap();
        actorgraph::ingest(&backend.store, &knowledge, &article).unwrap();
    }
    backends
}

/// A store on disk with the ontology and the seed loaded.
fn seeded_on_disk() -> (tempfile::TempDir, KgStore) {
    let dir = tempfile::tempdir().unwrap();
    let store = KgStore::open(dir.path().join("store")).unwrap();
    store.load_ontology(&util::ontology_dir()).unwrap();
    let knowledge = Knowledge::load(&util::ontology_dir()).unwrap();
    let article = parse_bytes(&util::seed_bytes()).unwrap();
    actorgraph::ingest(&store, &knowledge, &article).unwrap();
    (dir, store)
}

#[track_caller]
fn ask(store: &KgStore, query: &str) -> bool {
    match store.query(&format!("{PREFIXES}{query}")).unwrap() {
        QueryOutput::Boolean(answer) => answer,
        other => panic!("an ASK query gives a boolean, not {other:?}"),
    }
}

#[track_caller]
fn select(store: &KgStore, query: &str) -> Vec<Vec<String>> {
    match store.query(&format!("{PREFIXES}{query}")).unwrap() {
        QueryOutput::Solutions { rows, .. } => rows
            .into_iter()
            .map(|row| {
                row.into_iter()
                    .map(|t| t.map(|t| t.to_string()).unwrap_or_default())
                    .collect()
            })
            .collect(),
        other => panic!("a SELECT query gives solutions, not {other:?}"),
    }
}

#[test]
fn malian_army_is_allied_with_wagner_and_both_oppose_the_csp_dpa() {
    for backend in seeded() {
        eprintln!("backend: {}", backend.name);
        let store = &backend.store;
        assert!(ask(store, "ASK { aga:fama ag:allyOf aga:wagner }"));
        assert!(
            ask(store, "ASK { aga:wagner ag:allyOf aga:fama }"),
            "allyOf is stated both ways"
        );
        assert!(ask(
            store,
            "ASK { aga:fama ag:opposes aga:csp-dpa . aga:wagner ag:opposes aga:csp-dpa }"
        ));
        // The alliance is also a relationship node with its evidence and source article.
        assert!(ask(
            store,
            "ASK { ?r a ag:Relationship ; ag:relationSubject aga:fama ; ag:relationPredicate ag:allyOf ;
                      ag:relationObject aga:wagner ; ag:evidenceText ?text ; prov:wasDerivedFrom ?article .
                   ?article a ag:Article . FILTER(CONTAINS(?text, \"alliés russes\")) }"
        ));
    }
}

#[test]
fn a_battle_at_tinzaouatene_with_its_participants() {
    for backend in seeded() {
        eprintln!("backend: {}", backend.name);
        let store = &backend.store;
        assert!(ask(
            store,
            "ASK { ?battle a ag:Battle ; ag:place agp:tinzaouatene ; ag:participant aga:fama , aga:csp-dpa }"
        ));
    }
}

#[test]
fn the_capture_of_kidal_is_dated_2023_at_year_precision() {
    for backend in seeded() {
        eprintln!("backend: {}", backend.name);
        let store = &backend.store;
        let rows = select(
            store,
            "SELECT ?date ?precision WHERE { ?e a ag:Capture ; ag:place agp:kidal ; ag:date ?date ; ag:datePrecision ?precision }",
        );
        assert_eq!(
            rows,
            [[
                "\"2023\"^^<http://www.w3.org/2001/XMLSchema#gYear>",
                "\"year\""
            ]]
        );
    }
}

#[test]
fn members_and_leaders() {
    for backend in seeded() {
        eprintln!("backend: {}", backend.name);
        let store = &backend.store;
        assert!(ask(store, "ASK { ?almou ag:memberOf aga:csp-dpa ; rdfs:label ?name FILTER(STR(?name) = \"Almou ag Mohamed\") }"));
        assert!(ask(
            store,
            "ASK { aga:assimi-goita ag:leads aga:mali-junta }"
        ));
    }
}

#[test]
fn the_two_helicopter_claims_are_kept_each_with_its_source() {
    for backend in seeded() {
        eprintln!("backend: {}", backend.name);
        let store = &backend.store;
        let rows = select(
            store,
            "SELECT ?source WHERE {
                ?crash a ag:Crash .
                ?claim a ag:Claim ; ag:about ?crash ; prov:wasAttributedTo ?source .
             } ORDER BY ?source",
        );
        let sources: Vec<&str> = rows.iter().map(|r| r[0].as_str()).collect();
        assert_eq!(
            sources,
            [
                "<https://w3id.org/actorgraph/actor/csp-dpa>",
                "<https://w3id.org/actorgraph/actor/fama>"
            ],
            "the army's emergency landing and the rebels' shooting-down are both kept, attributed"
        );
    }
}

#[test]
fn a_bad_file_changes_nothing() {
    let (dir, store) = seeded_on_disk();
    let before = store.len().unwrap();
    drop(store); // RocksDB allows one process at a time
    let bad = tempfile::tempdir().unwrap();
    std::fs::write(
        bad.path().join("latin1.txt"),
        b"date 2024-07\nL'arm\xe9e malienne",
    )
    .unwrap();
    std::fs::write(bad.path().join("empty.txt"), b"").unwrap();
    std::fs::write(bad.path().join("baddate.txt"), "date 2024-99 Le texte.").unwrap();
    let output = util::actorgraph()
        .arg("load")
        .arg("--location")
        .arg(dir.path().join("store"))
        .arg(bad.path())
        .output()
        .unwrap();
    assert_eq!(
        output.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let store = KgStore::open(dir.path().join("store")).unwrap();
    assert_eq!(
        store.len().unwrap(),
        before,
        "the refused files left the store as it was"
    );
    assert_eq!(store.article_count().unwrap(), 1);
}
