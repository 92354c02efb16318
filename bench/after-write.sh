#!/usr/bin/env bash
# What a write costs the next reads: a server on a new store of N articles (`load
# --bulk` of the seed-3 corpus) takes WRITES new articles (another seed) one at a
# time over POST /api/articles; after each, the first search and the first relations
# page of the most-mentioned actors are timed, those the article touched apart from
# the others. Before the change log, every write made each of them pay the cold
# cost again (printed first, for comparison).
#   bench/after-write.sh [N] [WRITES] [STORE]   (default 10000 articles, 20 writes)
# With STORE (an existing store, e.g. the 100k one of bench/ingest.sh), the server
# opens it instead of a new one, and the articles posted are deleted at the end.
# TOP (default 20) is the number of most-mentioned actors timed.
# Prints:  after-write what=… n=… p50_ms=… p90_ms=… max_ms=…
set -euo pipefail
source "$(dirname "$0")/lib.sh"
size="${1:-10000}"
writes="${2:-20}"
build
[ -n "${3:-}" ] || corpus_file="$(corpus "$size")"
new_dir="$work/after-write-new-$writes"
[ -s "$new_dir/corpus.jsonl" ] || "$actorgraph" gen-corpus "$writes" "$new_dir" --seed 11 \
    --format jsonl --ontology "$root/ontology" >&2
port="$(free_port)"
server_pid=""
if [ -n "${3:-}" ]; then
    store="$(cd "$3" && pwd)"
    trap 'stop "$server_pid"' EXIT
else
    store="$work/after-write-store-$size"
    rm -rf "$store"
    log "load --bulk $size articles into $store"
    "$actorgraph" load --bulk --location "$store" --ontology "$root/ontology" "$corpus_file" > /dev/null
    trap 'stop "$server_pid"; rm -rf "$store"' EXIT
fi
RUST_LOG=warn "$actorgraph" serve --location "$store" --ontology "$root/ontology" \
    --bind "127.0.0.1:$port" --write-token bench > "$work/after-write-server.log" 2>&1 &
server_pid=$!
wait_http "http://127.0.0.1:$port/health"
TOP="${TOP:-20}" python3 "$root/bench/after_write.py" "http://127.0.0.1:$port" bench "$new_dir/corpus.jsonl"
