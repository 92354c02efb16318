//! Extraction throughput on one core, without start-up or I/O: loads the
//! ontology once, reads every article given (files or folders of .txt, .json,
//! .jsonl), then extracts them all `--rounds` times and prints characters and
//! articles a second. Used by `bench/extract.sh`.
//!
//! `extract_throughput [--rounds N] [--per-article] PATH…`

use actorgraph::article::{self, Article};
use actorgraph::extract;
use actorgraph::ontology::{self, Knowledge};
use std::path::PathBuf;
use std::time::Instant;

fn main() -> anyhow::Result<()> {
    let mut rounds = 3;
    let mut per_article = false;
    let mut paths = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--rounds" => rounds = args.next().and_then(|n| n.parse().ok()).unwrap_or(3),
            "--per-article" => per_article = true,
            _ => paths.push(PathBuf::from(arg)),
        }
    }
    let knowledge = Knowledge::load(&ontology::default_dir())?;
    let mut articles: Vec<(String, Article)> = Vec::new();
    for root in &paths {
        for entry in walkdir::WalkDir::new(root).sort_by_file_name() {
            let entry = entry?;
            if !entry.file_type().is_file() {
                continue;
            }
            let path = entry.path();
            let bytes = std::fs::read(path)?;
            let name = path.display().to_string();
            match path.extension().and_then(|e| e.to_str()) {
                Some("jsonl") => {
                    let text = String::from_utf8_lossy(&bytes);
                    for (i, parsed) in article::parse_json_lines(&text).into_iter().enumerate() {
                        if let Ok(a) = parsed {
                            articles.push((format!("{name}:{}", i + 1), a));
                        }
                    }
                }
                Some("json") => articles.push((name, article::parse_json_bytes(&bytes)?)),
                _ => articles.push((name, article::parse_bytes(&bytes)?)),
            }
        }
    }
    let chars: usize = articles.iter().map(|(_, a)| a.text.chars().count()).sum();
    let bytes: usize = articles.iter().map(|(_, a)| a.text.len()).sum();
    let mut best = f64::INFINITY;
    for _ in 0..rounds {
        let start = Instant::now();
        for (name, a) in &articles {
            let one = Instant::now();
            let facts = extract::extract(a, &knowledge);
            std::hint::black_box(&facts);
            if per_article {
                let secs = one.elapsed().as_secs_f64();
                let n = a.text.chars().count();
                eprintln!(
                    "{name}: {n} chars, {:.1} ms, {:.2} µs/char",
                    secs * 1e3,
                    secs * 1e6 / n.max(1) as f64
                );
            }
        }
        best = best.min(start.elapsed().as_secs_f64());
    }
    println!(
        "articles={} chars={chars} bytes={bytes} best_of={rounds} seconds={best:.3} chars_per_s={:.0} mb_per_s={:.3} articles_per_s={:.1}",
        articles.len(),
        chars as f64 / best,
        bytes as f64 / best / 1e6,
        articles.len() as f64 / best
    );
    Ok(())
}
