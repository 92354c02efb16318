//! What each fuzz target checks, shared with the regression tests
//! (`tests/fuzz_regressions.rs` includes this file), so a crash input kept in
//! `fuzz/regressions/<target>/` is replayed through the very same code.
// Each fuzz target uses one of these checks.
#![allow(dead_code)]

use actorgraph::ontology::Knowledge;
use std::path::Path;
use std::sync::OnceLock;

/// The gazetteer and lexicon of the source tree, loaded once per process.
pub fn knowledge() -> &'static Knowledge {
    static KNOWLEDGE: OnceLock<Knowledge> = OnceLock::new();
    KNOWLEDGE.get_or_init(|| {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
            .ancestors()
            .map(|dir| dir.join("ontology"))
            .find(|dir| dir.join("gazetteer").is_dir())
            .expect("the ontology folder is in the source tree");
        Knowledge::load(&dir).expect("the ontology data loads")
    })
}

/// The article parsers: any bytes give an article or an error, never a panic;
/// an article has a body, and an error names a line when it says it does.
pub fn article(data: &[u8]) {
    match actorgraph::article::parse_bytes(data) {
        Ok(article) => assert!(!article.text.trim().is_empty()),
        Err(error) => {
            if let Some(line) = error.line() {
                assert!(line >= 1 && line <= data.len() + 1, "{error:?}");
            }
        }
    }
    if let Ok(text) = std::str::from_utf8(data) {
        for result in actorgraph::article::parse_json_lines(text) {
            let _ = result.map(|article| assert!(!article.text.trim().is_empty()));
        }
    }
}

/// The extractor: every fact's evidence lies inside the text.
pub fn extract(data: &[u8]) {
    let Ok(article) = actorgraph::article::parse_bytes(data) else {
        return;
    };
    let facts = actorgraph::extract::extract(&article, knowledge());
    let n_chars = article.text.chars().count();
    let mentions = facts
        .actors
        .iter()
        .flat_map(|actor| &actor.mentions)
        .chain(facts.places.iter().flat_map(|place| &place.mentions));
    for mention in mentions {
        let span = mention.span;
        assert!(span.start <= span.end && span.end <= n_chars, "{mention:?}");
        assert!(
            mention.sentence < facts.sentences.len().max(1),
            "{mention:?}"
        );
    }
}

/// The RDF mapping: every quad is in the article's graph, and the quads
/// survive a round trip through N-Quads unchanged.
pub fn rdf(data: &[u8]) {
    use oxigraph::io::{RdfFormat, RdfParser, RdfSerializer};
    let Ok(article) = actorgraph::article::parse_bytes(data) else {
        return;
    };
    let facts = actorgraph::extract::extract(&article, knowledge());
    let quads = actorgraph::rdf::article_quads(&article, &facts);
    let graph = actorgraph::rdf::article_iri(&article.id);
    let mut serializer = RdfSerializer::from_format(RdfFormat::NQuads).for_writer(Vec::new());
    for quad in &quads {
        assert_eq!(quad.graph_name, graph.clone().into(), "{quad}");
        serializer.serialize_quad(quad).expect("quads serialise");
    }
    let text = serializer.finish().expect("quads serialise");
    let parsed: Vec<_> = RdfParser::from_format(RdfFormat::NQuads)
        .for_slice(&text)
        .collect::<Result<_, _>>()
        .expect("our N-Quads parse");
    let mut expected = quads.clone();
    expected.sort_by_key(ToString::to_string);
    expected.dedup();
    let mut got = parsed;
    got.sort_by_key(ToString::to_string);
    got.dedup();
    assert_eq!(got, expected);
}

/// The SPARQL guard: whatever it lets through parses without overflowing the
/// stack (the fuzzer runs on a thread of the default size).
pub fn sparql(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let _ = actorgraph::store::SparqlQuery::parse(text);
    let _ = actorgraph::store::SparqlUpdate::parse(text, None);
}
