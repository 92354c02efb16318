//! Prints synthetic articles as JSON Lines, for the load test (`bench/loadtest.sh`):
//! `synthetic_articles N [SEED]`. The generator is the tests' (`tests/synthetic.rs`).

#[path = "../tests/synthetic.rs"]
mod synthetic;

fn main() {
    let mut args = std::env::args().skip(1);
    let n_articles = args.next().and_then(|n| n.parse().ok()).unwrap_or(1000);
    let seed = args.next().and_then(|n| n.parse().ok()).unwrap_or(1);
    print!("{}", synthetic::json_lines(seed, n_articles));
}
