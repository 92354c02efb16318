//! The library flow on a real on-disk store: parse → ingest → count.

use crate::util;
use actorgraph::article::{parse_bytes, ArticleError};
use actorgraph::ontology::Knowledge;
use actorgraph::store::{KgStore, QueryOutput};

fn open() -> (tempfile::TempDir, KgStore, Knowledge) {
    let dir = tempfile::tempdir().unwrap();
    let store = KgStore::open(dir.path().join("store")).unwrap();
    store.load_ontology(&util::ontology_dir()).unwrap();
    let knowledge = Knowledge::load(&util::ontology_dir()).unwrap();
    (dir, store, knowledge)
}

/// Each backend ([`util::backends`]) with the ontology loaded.
fn each_backend() -> (Vec<util::Backend>, Knowledge) {
    let backends = util::backends();
    for backend in &backends {
        backend.store.load_ontology(&util::ontology_dir()).unwrap();
    }
    (backends, Knowledge::load(&util::ontology_dir()).unwrap())
}

#[test]
fn the_seed_loads_once_however_often_it_is_ingested() {
    let (backends, knowledge) = each_backend();
    for backend in backends {
        eprintln!("backend: {}", backend.name);
        the_seed_loads_once(&backend.store, &knowledge);
    }
}

fn the_seed_loads_once(store: &KgStore, knowledge: &Knowledge) {
    let before = store.len().unwrap();
    let article = parse_bytes(&util::seed_bytes()).unwrap();
    let first = actorgraph::ingest(store, knowledge, &article).unwrap();
    assert!(first.quads > 0);
    assert!(!first.replaced);
    let after_one = store.len().unwrap();
    assert_eq!(after_one, before + first.quads);

    let second = actorgraph::ingest(store, knowledge, &article).unwrap();
    assert!(second.replaced);
    assert_eq!(store.len().unwrap(), after_one);
    assert_eq!(store.article_count().unwrap(), 1);

    let QueryOutput::Solutions { rows, .. } = store
        .query("SELECT ?date WHERE { ?a a <https://w3id.org/actorgraph/ns#Article> ; <https://w3id.org/actorgraph/ns#date> ?date }")
        .unwrap()
    else {
        panic!("a select gives solutions")
    };
    assert_eq!(rows.len(), 1);
    assert_eq!(
        rows[0][0].as_ref().unwrap().to_string(),
        "\"2024-07\"^^<http://www.w3.org/2001/XMLSchema#gYearMonth>"
    );
}

#[test]
fn a_removed_article_leaves_nothing_behind() {
    let (backends, knowledge) = each_backend();
    let article = parse_bytes(&util::seed_bytes()).unwrap();
    let article_iri = actorgraph::rdf::article_iri(&article.id);
    for backend in backends {
        eprintln!("backend: {}", backend.name);
        let store = &backend.store;
        let before = store.len().unwrap();
        actorgraph::ingest(store, &knowledge, &article).unwrap();
        assert!(store.contains_article(&article_iri).unwrap());
        assert!(store.remove_article(&article_iri).unwrap(), "it was there");
        assert!(!store.contains_article(&article_iri).unwrap());
        assert_eq!(store.article_count().unwrap(), 0);
        assert_eq!(store.len().unwrap(), before, "not a quad of it is left");
        assert!(!store.remove_article(&article_iri).unwrap(), "it is gone");
    }
}

#[test]
fn a_batch_replaces_each_article_and_answers_for_each() {
    let (backends, knowledge) = each_backend();
    let articles: Vec<_> = [
        "Les combats ont repris à Kidal.",
        "Le JNIM a attaqué Djibo.",
    ]
    .iter()
    .map(|text| actorgraph::article::parse_text(&format!("date 2024-07 {text}")).unwrap())
    .collect();
    let batch: Vec<_> = articles
        .iter()
        .map(|article| {
            let facts = actorgraph::extract::extract(article, &knowledge);
            actorgraph::store::ArticleGraph {
                iri: actorgraph::rdf::article_iri(&article.id),
                quads: actorgraph::rdf::article_quads(article, &facts),
            }
        })
        .collect();
    for backend in backends {
        eprintln!("backend: {}", backend.name);
        let store = &backend.store;
        let first: Vec<bool> = store
            .replace_articles(&batch)
            .into_iter()
            .map(Result::unwrap)
            .collect();
        assert_eq!(first, [false, false], "both new");
        let again: Vec<bool> = store
            .replace_articles(&batch)
            .into_iter()
            .map(Result::unwrap)
            .collect();
        assert_eq!(again, [true, true], "both replaced");
        assert_eq!(store.article_count().unwrap(), 2);
    }
}

#[test]
fn the_store_survives_reopening() {
    let dir = tempfile::tempdir().unwrap();
    let knowledge = Knowledge::load(&util::ontology_dir()).unwrap();
    let article = parse_bytes(&util::seed_bytes()).unwrap();
    let quads = {
        let store = KgStore::open(dir.path()).unwrap();
        actorgraph::ingest(&store, &knowledge, &article).unwrap();
        store.len().unwrap()
    };
    let store = KgStore::open(dir.path()).unwrap();
    assert_eq!(store.len().unwrap(), quads);
    assert_eq!(store.article_count().unwrap(), 1);
}

#[test]
fn bad_files_are_refused_and_store_nothing() {
    let (_dir, store, _knowledge) = open();
    let before = store.len().unwrap();
    let cases: &[(&[u8], ArticleError)] = &[
        (
            b"date 2024-07\nLes forces\n arm\xe9es",
            ArticleError::NotUtf8 { line: 3 },
        ),
        (b"", ArticleError::Empty),
        (b"date 2024\n\n", ArticleError::Empty),
        (
            b" date 2024-13 Le texte",
            ArticleError::BadDate {
                line: 1,
                value: "2024-13".into(),
            },
        ),
        (b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", ArticleError::Binary),
    ];
    for (bytes, expected) in cases {
        let error = parse_bytes(bytes).unwrap_err();
        assert_eq!(&error, expected);
    }
    assert_eq!(store.len().unwrap(), before);
}

#[test]
fn concurrent_writers_do_not_interleave() {
    let (backends, knowledge) = each_backend();
    let knowledge = std::sync::Arc::new(knowledge);
    for backend in backends {
        eprintln!("backend: {}", backend.name);
        concurrent_writers(&backend.store, &knowledge);
    }
}

fn concurrent_writers(store: &KgStore, knowledge: &std::sync::Arc<Knowledge>) {
    let threads: Vec<_> = (0..4)
        .map(|thread| {
            let store = store.clone();
            let knowledge = knowledge.clone();
            std::thread::spawn(move || {
                for round in 0..5 {
                    let text = format!(
                        "Article {} du fil {thread}. Les combats continuent dans la ville.",
                        round % 2
                    );
                    let article = actorgraph::article::parse_text(&text).unwrap();
                    actorgraph::ingest(&store, &knowledge, &article).unwrap();
                }
            })
        })
        .collect();
    for thread in threads {
        thread.join().unwrap();
    }
    assert_eq!(store.article_count().unwrap(), 8);
}

/// The REST views outlive writes that touch none of what they read: the store must
/// say which actors and places each write touched, and count a write of unknown reach
/// as touching everything.
#[test]
fn writes_record_the_actors_and_places_they_touch() {
    use actorgraph::store::{ArticleGraph, Dependencies, GraphSelection, SparqlUpdate};
    let (_dir, store, knowledge) = open();
    let iri = |path: &str| format!("{}{path}", actorgraph::rdf::BASE);
    let (wagner, isgs, dori) = (iri("actor/wagner"), iri("actor/isgs"), iri("place/dori"));
    let read = |iris: &[&String]| Dependencies {
        read: iris.iter().map(|iri| (*iri).clone()).collect(),
        named: Vec::new(),
    };
    let graph = |text: &[u8]| {
        let article = parse_bytes(text).unwrap();
        let facts = actorgraph::extract::extract(&article, &knowledge);
        ArticleGraph {
            iri: actorgraph::rdf::article_iri(&article.id),
            quads: actorgraph::rdf::article_quads(&article, &facts),
        }
    };
    let others = graph(
        "date 2024-10\nL'armée burkinabè a affronté des combattants de l'EIGS près de Dori."
            .as_bytes(),
    );
    let about_wagner = graph(
        "date 2024-10\nLes combattants du JNIM ont attaqué une colonne du groupe Wagner."
            .as_bytes(),
    );

    let start = store.generation();
    assert_eq!(store.touched_since(start), Some(Default::default()));
    assert!(store.replace_articles(std::slice::from_ref(&others))[0].is_ok());
    let touched = store
        .touched_since(start)
        .expect("an article write is known");
    assert!(
        touched.contains(&isgs) && touched.contains(&dori),
        "{touched:?}"
    );
    assert!(!touched.contains(&wagner), "{touched:?}");
    assert!(store.untouched_since(start, &read(&[&wagner])));
    assert!(!store.untouched_since(start, &read(&[&wagner, &isgs])));

    // So are a transaction's writes of several articles.
    let batch = store.generation();
    assert!(store.replace_articles(std::slice::from_ref(&about_wagner))[0].is_ok());
    assert!(!store.untouched_since(batch, &read(&[&wagner])));
    assert!(store.untouched_since(batch, &read(&[&isgs])));

    // Removing (or replacing) an article touches what its old graph held.
    let removal = store.generation();
    assert!(store.remove_article(&others.iri).unwrap());
    assert!(!store.untouched_since(removal, &read(&[&isgs])));
    assert!(store.untouched_since(removal, &read(&[&wagner])));

    // A bulk load counts as touching anything (for large loads, after which views
    // are read again), as does a SPARQL update.
    let bulk = store.generation();
    store
        .bulk_load_articles(vec![about_wagner.clone()])
        .unwrap();
    assert_eq!(store.touched_since(bulk), None);
    assert!(!store.untouched_since(bulk, &read(&[&isgs])));
    let update = store.generation();
    let text = "INSERT DATA { GRAPH <http://example.org/g> { <http://example.org/a> <http://example.org/b> 1 } }";
    store
        .update(
            SparqlUpdate::parse(text, None).unwrap(),
            &GraphSelection::default(),
            None,
        )
        .unwrap();
    assert_eq!(store.touched_since(update), None);
    assert!(!store.untouched_since(update, &read(&[&isgs])));
    assert!(store.untouched_since(store.generation(), &read(&[&isgs])));
}
