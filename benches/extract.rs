//! Extraction on synthetic articles of several sizes (`cargo bench --bench extract`).
//!
//! Articles come from `actorgraph::corpus` (seeded, so every run measures the same
//! text); the larger sizes join several generated bodies into one article, which
//! shows whether the cost per character grows with the length.

use actorgraph::article;
use actorgraph::corpus::CorpusGenerator;
use actorgraph::extract;
use actorgraph::ontology::{self, Knowledge};
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};

/// One article of about `bodies` generated bodies, in one language.
fn article_of(knowledge: &Knowledge, bodies: usize, french: bool) -> article::Article {
    let mut generator = CorpusGenerator::new(knowledge, 42);
    let mut text = String::new();
    let mut n = 0;
    while n < bodies {
        let generated = generator.article(n);
        if generated.contains("\nlang fr\n") == french {
            let body = generated.split_once("\n\n").map_or("", |(_, b)| b);
            text.push_str(body);
            text.push('\n');
            n += 1;
        }
    }
    let lang = if french { "fr" } else { "en" };
    article::parse_text(&format!("date 2024-01-15\nlang {lang}\n\n{text}"))
        .expect("a generated article parses")
}

fn extraction(c: &mut Criterion) {
    let knowledge = Knowledge::load(&ontology::default_dir()).expect("the ontology loads");
    let mut group = c.benchmark_group("extract");
    for bodies in [1, 8, 64] {
        for french in [true, false] {
            let article = article_of(&knowledge, bodies, french);
            let lang = if french { "fr" } else { "en" };
            group.throughput(Throughput::Bytes(article.text.len() as u64));
            group.bench_with_input(
                BenchmarkId::new(lang, article.text.len()),
                &article,
                |b, article| b.iter(|| extract::extract(article, &knowledge)),
            );
        }
    }
    group.finish();
}

criterion_group!(benches, extraction);
criterion_main!(benches);
