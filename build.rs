//! Embeds the built web UI (`web/dist`, made by `npm run build` in `web/`) in the binary.
//!
//! It writes `$OUT_DIR/web_assets.rs`: one `(path, bytes, etag)` entry per file, the
//! bytes taken with `include_bytes!`. When `web/dist` is missing the list is empty, the
//! build still succeeds (with a warning) and the server answers `/` with a page saying
//! how to build the UI: the Rust build never needs node. Cargo reruns this script when
//! anything under `web/dist` changes, files added or removed included.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn main() {
    let manifest_dir =
        PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets it"));
    let dist = manifest_dir.join("web").join("dist");
    println!("cargo:rerun-if-changed=build.rs");

    let mut files = Vec::new();
    if dist.join("index.html").is_file() {
        // Cargo scans a directory for changes, files added or removed included.
        println!("cargo:rerun-if-changed=web/dist");
        collect(&dist, &dist, &mut files);
        files.sort();
    } else {
        // A missing path would make cargo rerun this script at every build: watch
        // web/, whose listing changes when the bundle appears.
        println!("cargo:rerun-if-changed=web");
        println!(
            "cargo:warning=web/dist is missing: the binary will serve no web UI (run `make web` or `npm ci && npm run build` in web/)"
        );
    }

    let mut code = String::from("/// The built web UI: (path under `/`, bytes, ETag).\npub static ASSETS: &[(&str, &[u8], &str)] = &[\n");
    for (relative, absolute) in &files {
        let bytes = std::fs::read(absolute).expect("readable asset");
        writeln!(
            code,
            "    ({relative:?}, include_bytes!({:?}), \"\\\"{:016x}\\\"\"),",
            absolute.display().to_string(),
            fnv1a(&bytes)
        )
        .expect("writing to a string");
    }
    code.push_str("];\n");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets it"));
    std::fs::write(out.join("web_assets.rs"), code).expect("writable OUT_DIR");
}

/// Every file under `dir`, as (path relative to `root` with `/`, absolute path).
fn collect(root: &Path, dir: &Path, files: &mut Vec<(String, PathBuf)>) {
    let entries = std::fs::read_dir(dir).expect("readable web/dist");
    for entry in entries {
        let path = entry.expect("readable entry").path();
        if path.is_dir() {
            collect(root, &path, files);
        } else if path.is_file() {
            let relative = path
                .strip_prefix(root)
                .expect("under root")
                .components()
                .map(|part| part.as_os_str().to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join("/");
            files.push((relative, path));
        }
    }
}

/// A content hash for the ETag (64-bit FNV-1a: a cache validator, not a security check).
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    })
}
