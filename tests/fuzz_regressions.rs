//! The inputs the fuzzers found (kept in `fuzz/regressions/<target>/`), replayed
//! through the fuzz targets' own checks (`fuzz/src/checks.rs`) at every `cargo test`.

#[path = "../fuzz/src/checks.rs"]
mod checks;

fn replay(target: &str, check: fn(&[u8])) {
    let dir = crate::util::root().join("fuzz/regressions").join(target);
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return;
    };
    for entry in entries {
        let path = entry.unwrap().path();
        let data = std::fs::read(&path).unwrap();
        eprintln!("replaying {}", path.display());
        check(&data);
    }
}

#[test]
fn article_regressions() {
    replay("article", checks::article);
}

#[test]
fn extract_regressions() {
    replay("extract", checks::extract);
}

#[test]
fn rdf_regressions() {
    replay("rdf", checks::rdf);
}

#[test]
fn sparql_regressions() {
    replay("sparql", checks::sparql);
}
