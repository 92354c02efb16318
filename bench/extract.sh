#!/usr/bin/env bash
# Extraction throughput on one core (examples/extract_throughput: ontology loaded
# once, no I/O, best of 3 rounds) over ARTICLES synthetic articles (default 10000,
# French and English, seed 3).
#   bench/extract.sh [ARTICLES]
# Prints: extract articles=… chars=… bytes=… seconds=… chars_per_s=… mb_per_s=… articles_per_s=…
set -euo pipefail
source "$(dirname "$0")/lib.sh"
build
echo "extract $("$target/release/examples/extract_throughput" --rounds 3 "$(corpus "${1:-10000}")")"
