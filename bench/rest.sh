#!/usr/bin/env bash
# REST latency under load: our `serve --read-only` on STORE, and wrk over loopback
# with CONNECTIONS connections (default 32) for SECONDS (default 20) on each of
#   search     /api/actors?q=… and /api/places?q=… (ten names)
#   relations  /api/actors/{id}/relations for the 40 actors most mentioned
# Each path is asked once before timing, so the figures are those of a warm
# server (the first search after start or after a write builds the search index;
# that time is printed apart).
#   bench/rest.sh STORE [SECONDS] [CONNECTIONS]
# Prints:  rest mix=… requests_per_s=… p50_ms=… p90_ms=… p99_ms=… max_ms=… ok=… 4xx=… 5xx=… errors=…
set -euo pipefail
source "$(dirname "$0")/lib.sh"
store="${1:?usage: bench/rest.sh STORE [SECONDS] [CONNECTIONS]}"
store="$(cd "$store" && pwd)"
seconds="${2:-20}"
connections="${3:-32}"
apt_package wrk
build

port="$(free_port)"
server_pid=""
trap 'stop "$server_pid"' EXIT
# Operation slots for every connection: the default (16) would answer 503 to some of the 32.
RUST_LOG=warn "$actorgraph" serve --read-only --location "$store" --ontology "$root/ontology" \
    --bind "127.0.0.1:$port" --max-operations "$((connections * 2))" > "$work/rest-server.log" 2>&1 &
server_pid=$!
base="http://127.0.0.1:$port"
wait_http "$base/health"

# The actors most mentioned: those with the most relations and evidence, the slowest to answer.
curl -sf -H "Accept: text/tab-separated-values" --data-urlencode query@- "$base/query" > "$work/rest-actors.tsv" <<'SPARQL'
PREFIX ag: <https://w3id.org/actorgraph/ns#>
SELECT ?actor (COUNT(*) AS ?n) WHERE {
  ?article ag:mentions ?actor FILTER(STRSTARTS(STR(?actor), "https://w3id.org/actorgraph/actor/"))
} GROUP BY ?actor ORDER BY DESC(?n) LIMIT 40
SPARQL
sed -n 's|^<https://w3id.org/actorgraph/actor/\([^>]*\)>.*|/api/actors/\1/relations|p' "$work/rest-actors.tsv" \
    > "$work/rest-relations"
for q in jnim wagner "armee malienne" "boko haram" "islamic state" fama; do
    echo "/api/actors?q=${q// /+}"
done > "$work/rest-search"
for q in kidal gao tombouctou niamey; do echo "/api/places?q=$q"; done >> "$work/rest-search"
log "$(wc -l < "$work/rest-relations") actors, $(wc -l < "$work/rest-search") searches, store $store"

# Cold: the first search builds the index (actors and places with folded names).
log "first search (builds the search index): $(curl -s -o /dev/null -w '%{http_code} %{time_total}s' "$base/api/actors?q=jnim")"
log "first places search: $(curl -s -o /dev/null -w '%{http_code} %{time_total}s' "$base/api/places?q=gao")"
# Warm-up: each path until it answers 200 (a cold relations page of a much-mentioned
# actor can outlast the request timeout: the server answers 503 and keeps computing it),
# and the slowest of them: seconds to the first 200, attempts, bytes, path.
warm() {
    local path="$1" start attempts=0 answer
    start="$(date +%s.%N)"
    while [ "$attempts" -lt 20 ]; do
        attempts=$((attempts + 1))
        answer="$(curl -s -o /dev/null -w "%{http_code} %{size_download}" "$base$path")"
        [ "${answer%% *}" = 200 ] && break
        sleep 1
    done
    echo "$(awk -v s="$start" -v e="$(date +%s.%N)" "BEGIN { printf \"%.3f\", e - s }") $attempts ${answer#* } $path"
}
for mix in search relations; do
    slowest="$(while read -r path; do warm "$path"; done < "$work/rest-$mix" | sort -rn | head -n 1)"
    log "$mix, one at a time, slowest to answer 200: ${slowest} (seconds, attempts, bytes, path)"
done

for mix in search relations; do
    PATHS="$work/rest-$mix" ACCEPT="application/json" timeout $((seconds + 60)) \
        wrk -t2 -c"$connections" -d"${seconds}s" --timeout 30s -s "$root/bench/paths.lua" "$base" |
        sed -n "s/^result /rest mix=$mix /p"
done
