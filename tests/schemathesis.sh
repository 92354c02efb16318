#!/usr/bin/env bash
# Fuzzes the REST API against its own OpenAPI document with schemathesis (pinned):
# a live server on a fresh on-disk store holding the seed; every response must be
# free of server errors and match the documented status codes, media types,
# headers and schemas, and malformed input must be refused with a 4xx.
# Run by `make test` after the Rust tests; needs the release binary built.
set -euo pipefail
cd "$(dirname "$0")/.."

SCHEMATHESIS_VERSION=4.32.5
target_dir="${CARGO_TARGET_DIR:-target}"
binary="$target_dir/release/actorgraph"
venv="$target_dir/schemathesis-venv"

if ! "$venv/bin/st" --version 2>/dev/null | grep -q "$SCHEMATHESIS_VERSION"; then
    echo "installing schemathesis $SCHEMATHESIS_VERSION in $venv"
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION"
fi

work=$(mktemp -d)
token=schemathesis-token
RUST_LOG=warn "$binary" serve --bind 127.0.0.1:0 --location "$work/store" \
    --write-token "$token" 2>"$work/server.log" &
server=$!
cleanup() {
    kill "$server" 2>/dev/null || true
    wait "$server" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

address=""
for _ in $(seq 1 240); do
    address=$(sed -n 's/^listening on //p' "$work/server.log")
    [ -n "$address" ] && break
    kill -0 "$server" 2>/dev/null || break
    sleep 0.5
done
if [ -z "$address" ]; then
    echo "the server did not start:" >&2
    cat "$work/server.log" >&2
    exit 1
fi

# Bounded in time: few examples per operation, and a hard stop. One worker:
# with two, hypothesis parses lambda sources with `ast.parse` from two threads at
# once, which CPython 3.11 does not support (SystemError "AST constructor
# recursion depth mismatch", reported by schemathesis as a runtime error).
timeout 900 "$venv/bin/st" run "$address/api/openapi.json" \
    --checks not_a_server_error,status_code_conformance,content_type_conformance,response_headers_conformance,response_schema_conformance,negative_data_rejection \
    --phases examples,coverage,fuzzing \
    --max-examples "${SCHEMATHESIS_MAX_EXAMPLES:-25}" \
    --seed 1 \
    --workers 1 \
    --header "Authorization: Bearer $token" \
    --report-dir "$work/report"
