# Helpers shared by the bench scripts: sourced, not run.
# Every script works from the repository's root and writes under $BENCH_WORK
# (default bench/.work): corpora, stores, logs. bench/.tools holds oxigraph-cli,
# bench/.venv spaCy; reruns reuse all three.

cd "$(dirname "${BASH_SOURCE[0]}")/.."
root="$PWD"
target="${CARGO_TARGET_DIR:-$root/target}"
actorgraph="$target/release/actorgraph"
work="${BENCH_WORK:-$root/bench/.work}"
mkdir -p "$work"

log() { echo "== $*" >&2; }

# apt_package PACKAGE: installs the Debian package unless it is installed.
apt_package() {
    if ! dpkg -s "$1" >/dev/null 2>&1; then
        local sudo=""
        [ "$(id -u)" = 0 ] || sudo=sudo
        log "installing $1"
        $sudo apt-get update -qq && $sudo apt-get install -y -qq "$1" >/dev/null
    fi
}

# The release build, as the Makefile makes it (--all-targets: one RocksDB build for
# tests and binaries). SKIP_BUILD=1 uses the binaries already there.
build() {
    if [ "${SKIP_BUILD:-0}" != 1 ]; then
        apt_package libclang-dev
        log "cargo build --release --all-targets"
        cargo build --release --all-targets --quiet >&2
    fi
    [ -x "$actorgraph" ] || { echo "no $actorgraph: build first" >&2; exit 1; }
}

# corpus N: a JSON Lines corpus of N synthetic articles (seed 3), generated once.
corpus() {
    local dir="$work/corpus-$1"
    if [ ! -s "$dir/corpus.jsonl" ]; then
        log "generating $1 articles"
        "$actorgraph" gen-corpus "$1" "$dir" --seed 3 --format jsonl --ontology "$root/ontology" >&2
    fi
    echo "$dir/corpus.jsonl"
}

# free_port: a loopback port nobody listens on (probably).
free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# wait_http URL [SECONDS]: waits until URL answers (any status).
wait_http() {
    local deadline=$((SECONDS + ${2:-600}))
    until curl -s -o /dev/null "$1"; do
        [ "$SECONDS" -lt "$deadline" ] || { echo "no answer from $1" >&2; return 1; }
        sleep 0.2
    done
}

# The oxigraph version in Cargo.lock: the CLI we compare with must read the same store.
oxigraph_version() {
    awk '/^name = "oxigraph"$/ { getline; gsub(/"/, "", $3); print $3; exit }' "$root/Cargo.lock"
}

# oxigraph_cli: path of `oxigraph`, the CLI and server of the oxigraph release in
# Cargo.lock (the server we compare with must read the same store), installed once
# into bench/.tools. By default from PyPI's `oxigraph` package, the project's own
# build of the same CLI (a wheel: seconds); OXIGRAPH_SOURCE=crates compiles the
# `oxigraph-cli` crate from crates.io instead (RocksDB: from ten minutes to more than
# an hour on two busy cores).
oxigraph_cli() {
    local version tools="$root/bench/.tools"
    version="$(oxigraph_version)"
    if [ "${OXIGRAPH_SOURCE:-pypi}" = crates ]; then
        if [ ! -x "$tools/bin/oxigraph" ] || [ "$(cat "$tools/oxigraph.version" 2>/dev/null)" != "$version" ]; then
            apt_package libclang-dev
            log "cargo install oxigraph-cli $version into $tools"
            cargo install oxigraph-cli --version "=$version" --locked --root "$tools" --quiet >&2
            echo "$version" > "$tools/oxigraph.version"
        fi
        echo "$tools/bin/oxigraph"
    else
        if [ "$("$tools/venv/bin/oxigraph" --version 2>/dev/null)" != "oxigraph $version" ]; then
            log "pip install oxigraph==$version into $tools/venv"
            python3 -m venv "$tools/venv"
            "$tools/venv/bin/pip" install --quiet --disable-pip-version-check "oxigraph==$version" >&2
        fi
        echo "$tools/venv/bin/oxigraph"
    fi
}

# stop PID: ends a server this script started.
stop() {
    if [ -n "${1:-}" ] && kill -0 "$1" 2>/dev/null; then
        kill "$1" 2>/dev/null || true
        wait "$1" 2>/dev/null || true
    fi
}
