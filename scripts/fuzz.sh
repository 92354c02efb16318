#!/usr/bin/env bash
# Runs each cargo-fuzz target (fuzz/fuzz_targets/) for a few minutes.
#   scripts/fuzz.sh [MINUTES_PER_TARGET] [TARGET...]     (default: 3 minutes, every target)
# Not part of `make test`: it takes a while and wants the CPU. Crashes land in
# fuzz/artifacts/<target>/; once fixed, copy each into fuzz/regressions/<target>/,
# where `cargo test` (tests/fuzz_regressions.rs) replays it.
#
# cargo-fuzz needs nightly-only compiler flags; on a stable toolchain
# RUSTC_BOOTSTRAP=1 unlocks them. The sanitizer is off (`--sanitizer none`):
# AddressSanitizer needs nightly's standard library; the fuzzers still find
# panics, overflows and stack exhaustion, and the checks in fuzz/src/checks.rs
# assert the invariants. The fuzz crate builds without RocksDB, in its own target dir.
set -euo pipefail
cd "$(dirname "$0")/.."
minutes="${1:-3}"
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    targets=(article extract rdf sparql)
fi
if ! cargo fuzz --version >/dev/null 2>&1; then
    cargo install cargo-fuzz --locked
fi
export RUSTC_BOOTSTRAP=1
export CARGO_TARGET_DIR="${FUZZ_TARGET_DIR:-$PWD/fuzz/target}"
cd fuzz
cargo fuzz build --sanitizer none -O
for target in "${targets[@]}"; do
    mkdir -p "corpus/$target"
    # Seed the corpora with our own inputs: the hostile corpus and the seed article, or queries.
    if [ "$target" = sparql ]; then
        cp -n seeds/sparql/* "corpus/$target/"
    else
        cp -n ../tests/hostile/* ../seeds/* "corpus/$target/"
    fi
    # Extraction costs tens of microseconds a character: short inputs keep it fast
    # enough to explore (the long-input cost is bounded by the article size limit).
    max_len=65536
    case "$target" in extract|rdf) max_len=4096 ;; esac
    echo "== $target: $minutes min"
    cargo fuzz run --sanitizer none -O "$target" "corpus/$target" -- \
        -max_total_time=$((minutes * 60)) -max_len=$max_len -timeout=20 -rss_limit_mb=4096 \
        -print_final_stats=1 2>&1 | tail -n 25
done
