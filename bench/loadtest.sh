#!/usr/bin/env bash
# Load test: a server holding a few thousand synthetic articles, driven over
# loopback by wrk (REST lookups, then SPARQL queries) while another process
# posts more articles. Passes with zero 5xx and zero lost articles; prints
# p50/p99 latencies (record them in docs/RELIABILITY.md).
#   bench/loadtest.sh [SECONDS_PER_MIX] [PRELOADED_ARTICLES]      (default: 30 s, 3000)
# Not part of `make test`. Installs wrk (Debian package) when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-30}"
preloaded="${2:-3000}"
posted="${POSTED:-600}"
token="loadtest-$RANDOM$RANDOM"
target="${CARGO_TARGET_DIR:-target}"

if ! command -v wrk >/dev/null; then
    sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo
    $sudo apt-get update -qq && $sudo apt-get install -y -qq wrk
fi
# --all-targets, as the Makefile builds: other feature sets would rebuild RocksDB.
cargo build --release --all-targets
work="$(mktemp -d)"
server_pid=""
cleanup() {
    if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT

"$target/release/examples/synthetic_articles" "$preloaded" 1 > "$work/preload.jsonl"
# Another seed: other articles to post during the test.
"$target/release/examples/synthetic_articles" "$posted" 2 | sed 's/Dépêche /Dépêche B/; s/Dispatch /Dispatch B/' > "$work/post.jsonl"
echo "== preloading $preloaded articles"
timeout 1200 "$target/release/actorgraph" load --location "$work/store" "$work/preload.jsonl" | tail -n 1

port=$((20000 + RANDOM % 20000))
RUST_LOG=warn ACTORGRAPH_WRITE_TOKEN="$token" "$target/release/actorgraph" serve \
    --location "$work/store" --bind "127.0.0.1:$port" 2> "$work/server.log" &
server_pid=$!
base="http://127.0.0.1:$port"
for _ in $(seq 300); do
    curl -sf "$base/health" >/dev/null 2>&1 && break
    sleep 0.5
done
echo "== server: $(curl -s "$base/health")"

python3 bench/ingest.py "$base" "$token" "$work/post.jsonl" > "$work/ingest.txt" &
ingest_pid=$!
status=0
for mix in rest sparql; do
    echo "== $mix mix, ${seconds} s, 2 threads, 8 connections, while articles are posted"
    MIX=$mix timeout $((seconds + 60)) wrk -t2 -c8 -d"${seconds}s" --timeout 30s --latency \
        -s bench/mix.lua "$base" | tee "$work/wrk-$mix.txt" | grep -E "Requests/sec|statuses|latency p50|Non-2xx|Socket errors" || true
    grep -q "5xx 0$" "$work/wrk-$mix.txt" || status=1
done
timeout 900 tail --pid="$ingest_pid" -f /dev/null || true
wait "$ingest_pid" || status=1
cat "$work/ingest.txt"
echo "== server: $(curl -s "$base/health")"
if [ "$status" = 0 ]; then echo "PASS: zero 5xx, zero lost articles"; else echo "FAIL"; fi
exit "$status"
