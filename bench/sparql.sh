#!/usr/bin/env bash
# SPARQL throughput and latency: our `serve --read-only` and oxigraph's CLI
# `serve-read-only --union-default-graph` (the oxigraph version in Cargo.lock,
# installed once into bench/.tools) open the same store at once, both read-only,
# and wrk sends each query of bench/sparql/*.rq (GET with ?query=…, JSON results: to
# our /sparql, to oxigraph's /query)
# to one, then the other (the order alternates from query to query), then the
# whole mix. Before timing, both must give the same number of rows for each query.
#   bench/sparql.sh STORE [SECONDS] [CONNECTIONS]     (default: 10 s a run, 8 connections)
# Prints one line per query and server, then the ratios ours / oxigraph:
#   sparql query=… server=… requests_per_s=… p50_ms=… p99_ms=… …
set -euo pipefail
source "$(dirname "$0")/lib.sh"
store="${1:?usage: bench/sparql.sh STORE [SECONDS] [CONNECTIONS]}"
store="$(cd "$store" && pwd)"
seconds="${2:-10}"
connections="${3:-8}"
apt_package wrk
build
oxigraph="$(oxigraph_cli)"

ours_port="$(free_port)"
theirs_port="$(free_port)"
ours_pid="" theirs_pid=""
trap 'stop "$ours_pid"; stop "$theirs_pid"' EXIT
# Enough operation slots that none of the wrk connections is told 503 (oxigraph has no such limit).
RUST_LOG=warn "$actorgraph" serve --read-only --location "$store" --ontology "$root/ontology" \
    --bind "127.0.0.1:$ours_port" --max-operations 256 > "$work/sparql-ours.log" 2>&1 &
ours_pid=$!
"$oxigraph" serve-read-only --location "$store" --bind "127.0.0.1:$theirs_port" \
    --union-default-graph > "$work/sparql-oxigraph.log" 2>&1 &
theirs_pid=$!
wait_http "http://127.0.0.1:$ours_port/health"  # a few seconds: the ontology is read at start
wait_http "http://127.0.0.1:$theirs_port/"
declare -A base=([actorgraph]="http://127.0.0.1:$ours_port/sparql" [oxigraph]="http://127.0.0.1:$theirs_port/query")

# paths ENDPOINT FILE…: the GET paths of these queries, one a line.
paths() {
    python3 -c '
import sys, urllib.parse
endpoint = urllib.parse.urlparse(sys.argv[1]).path
for name in sys.argv[2:]:
    print(endpoint + "?query=" + urllib.parse.quote(open(name, encoding="utf-8").read(), safe=""))' "$@"
}

# rows SERVER FILE: how many solutions the server gives for the query.
rows() {
    curl -sf -H "Accept: application/sparql-results+json" "${base[$1]%/*}$(paths "${base[$1]}" "$2")" |
        python3 -c 'import json, sys; print(len(json.load(sys.stdin)["results"]["bindings"]))'
}

queries=("$root"/bench/sparql/*.rq)
for query in "${queries[@]}"; do
    ours="$(rows actorgraph "$query")" theirs="$(rows oxigraph "$query")"
    log "$(basename "$query" .rq): $ours rows (actorgraph), $theirs rows (oxigraph)"
    [ "$ours" = "$theirs" ] || { echo "the servers disagree on $query" >&2; exit 1; }
done

# run NAME SERVER FILE…: wrk on these queries; prints the result line.
run() {
    local name="$1" server="$2"
    shift 2
    paths "${base[$server]}" "$@" > "$work/sparql-paths"
    PATHS="$work/sparql-paths" timeout $((seconds + 60)) wrk -t2 -c"$connections" -d"${seconds}s" \
        --timeout 30s -s "$root/bench/paths.lua" "${base[$server]%/*}" |
        sed -n "s/^result /sparql query=$name server=$server /p" | tee -a "$work/sparql-results"
}

: > "$work/sparql-results"
log "wrk: 2 threads, $connections connections, ${seconds} s a run, store $store"
order=(actorgraph oxigraph)
for query in "${queries[@]}" mix; do
    if [ "$query" = mix ]; then files=("${queries[@]}"); name=mix; else files=("$query"); name="$(basename "$query" .rq)"; fi
    for server in "${order[@]}"; do run "$name" "$server" "${files[@]}"; done
    order=("${order[1]}" "${order[0]}")
done

python3 - "$work/sparql-results" <<'PY'
import re, sys
runs = {}
for line in open(sys.argv[1]):
    fields = dict(re.findall(r"(\S+)=(\S+)", line))
    runs[(fields["query"], fields["server"])] = fields
for (query, server), fields in runs.items():
    if server != "actorgraph" or (query, "oxigraph") not in runs:
        continue
    theirs = runs[(query, "oxigraph")]
    if float(theirs["requests_per_s"]) == 0 or float(fields["requests_per_s"]) == 0:
        # No request finished within the run: a longer run (SECONDS) is needed for a ratio.
        print(f"sparql-ratio query={query} actorgraph_rps={fields['requests_per_s']} "
              f"oxigraph_rps={theirs['requests_per_s']} ratio=none target=unmeasured")
        continue
    ratio = float(fields["requests_per_s"]) / float(theirs["requests_per_s"])
    print(f"sparql-ratio query={query} actorgraph_rps={fields['requests_per_s']} "
          f"oxigraph_rps={theirs['requests_per_s']} ratio={ratio:.3f} "
          f"p99_ms={fields['p99_ms']}/{theirs['p99_ms']} "
          f"target={'met' if ratio >= 0.95 else 'missed'}")
PY
