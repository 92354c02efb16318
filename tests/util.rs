//! Fixtures and helpers shared by the integration tests.

use std::path::{Path, PathBuf};

/// The repository root.
pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The seed article, as shipped in `seeds/`.
pub fn seed_path() -> PathBuf {
    root().join("seeds/000_c4c148fc28c04675.txt")
}

/// The seed article's bytes.
pub fn seed_bytes() -> Vec<u8> {
    std::fs::read(seed_path()).expect("the seed article is readable")
}

/// The ontology data folder of the source tree.
pub fn ontology_dir() -> PathBuf {
    root().join("ontology")
}

/// The `actorgraph` binary, with logs quiet.
pub fn actorgraph() -> assert_cmd::Command {
    let mut command = assert_cmd::Command::cargo_bin("actorgraph").expect("the binary is built");
    command
        .env("RUST_LOG", "warn")
        .env_remove("ACTORGRAPH_LOCATION");
    command
}

/// A folder with one good article (the seed) and three bad ones.
pub fn mixed_folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("good.txt"), seed_bytes()).unwrap();
    std::fs::write(
        dir.path().join("latin1.txt"),
        b"date 2024-07\nL'arm\xe9e malienne",
    )
    .unwrap();
    std::fs::write(dir.path().join("empty.txt"), b"").unwrap();
    std::fs::write(dir.path().join("baddate.md"), "date 2024-13-45 Le texte.").unwrap();
    std::fs::write(dir.path().join(".hidden.txt"), b"").unwrap();
    std::fs::write(dir.path().join("notes.csv"), b"").unwrap();
    dir
}
