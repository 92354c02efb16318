#!/usr/bin/env bash
# A throw-away Virtuoso (Debian's virtuoso-opensource 7) for the remote-backend tests.
#
#   scripts/virtuoso.sh start DIR   installs the package if missing, creates a database in DIR,
#                                   starts virtuoso-t on loopback ports with a random dba
#                                   password, waits until SPARQL answers, and writes DIR/env
#                                   (ACTORGRAPH_TEST_VIRTUOSO, ACTORGRAPH_TEST_VIRTUOSO_PASSWORD)
#   scripts/virtuoso.sh stop DIR    stops it (the database stays in DIR until DIR is removed)
#
# Both ports are bound to 127.0.0.1, and the database lives in DIR only: nothing
# touches the packaged instance under /var/lib.
set -euo pipefail

command=${1:?usage: $0 start|stop DIR}
dir=${2:?usage: $0 start|stop DIR}
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)

sudo_prefix() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

case "$command" in
start)
    if ! command -v virtuoso-t >/dev/null 2>&1; then
        echo "installing virtuoso-opensource"
        sudo_prefix apt-get update
        sudo_prefix env DEBIAN_FRONTEND=noninteractive apt-get install -y virtuoso-opensource
    fi
    if [ -f "$dir/virtuoso.pid" ] && kill -0 "$(cat "$dir/virtuoso.pid")" 2>/dev/null; then
        echo "virtuoso already runs in $dir"
        exit 0
    fi
    sql_port=$(free_port)
    http_port=$(free_port)
    password=$(python3 -c 'import secrets; print(secrets.token_hex(12))')
    # The packaged ini, with every file in $dir, both ports on loopback, no
    # truncated results (the REST API reads whole result sets), no plugins, and
    # Virtuoso's buffers for 2 GB of memory (the packaged 80 MB made the tests'
    # gazetteer graph, 41k places, thrash and hold locks long enough for the
    # remote tests to time out).
    sed -e "s|/var/lib/virtuoso-opensource-7/db|$dir|g" \
        -e "s|^ServerPort *= *1111|ServerPort = 127.0.0.1:$sql_port|" \
        -e "s|^ServerPort *= *8890|ServerPort = 127.0.0.1:$http_port|" \
        -e "s|^ResultSetMaxRows .*|ResultSetMaxRows = 10000000|" \
        -e "s|^MaxQueryExecutionTime .*|MaxQueryExecutionTime = 0|" \
        -e "s|^MaxQueryCostEstimationTime .*|MaxQueryCostEstimationTime = 0|" \
        -e "s|^DirsAllowed .*|DirsAllowed = ., $dir, /usr/share/virtuoso-opensource-7/vad|" \
        -e "s|^NumberOfBuffers .*|NumberOfBuffers = 170000|" \
        -e "s|^MaxDirtyBuffers .*|MaxDirtyBuffers = 130000|" \
        /etc/virtuoso-opensource-7/virtuoso.ini >"$dir/virtuoso.ini"
    (cd "$dir" && exec virtuoso-t +foreground +configfile "$dir/virtuoso.ini" >"$dir/stdout.log" 2>&1) &
    echo $! >"$dir/virtuoso.pid"
    url="http://127.0.0.1:$http_port"
    for _ in $(seq 1 120); do
        if curl -sf -o /dev/null "$url/sparql?query=ASK%7B%7D"; then
            # A new database's dba password is "dba": replace it (the tests read it from DIR/env).
            isql-vt "127.0.0.1:$sql_port" dba dba exec="user_set_password('dba', '$password');" >/dev/null
            # Deleting a graph that does not exist answers 404 once the password is right (401 if not).
            status=$(curl -s -o /dev/null -w '%{http_code}' --digest -u "dba:$password" -X DELETE \
                "$url/sparql-graph-crud-auth?graph=urn:actorgraph:none")
            [ "$status" = 404 ] || { echo "cannot set the dba password (status $status)" >&2; exit 1; }
            printf 'export ACTORGRAPH_TEST_VIRTUOSO=%s\nexport ACTORGRAPH_TEST_VIRTUOSO_PASSWORD=%s\n' \
                "$url" "$password" >"$dir/env"
            echo "virtuoso serves SPARQL at $url/sparql (sql port $sql_port)"
            exit 0
        fi
        if ! kill -0 "$(cat "$dir/virtuoso.pid")" 2>/dev/null; then
            echo "virtuoso stopped while starting:" >&2
            tail -20 "$dir/stdout.log" "$dir/virtuoso.log" >&2 || true
            exit 1
        fi
        sleep 1
    done
    echo "virtuoso did not answer in 120 s" >&2
    exit 1
    ;;
stop)
    if [ -f "$dir/virtuoso.pid" ]; then
        pid=$(cat "$dir/virtuoso.pid")
        if kill "$pid" 2>/dev/null; then
            for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
            kill -9 "$pid" 2>/dev/null || true
        fi
        rm -f "$dir/virtuoso.pid"
    fi
    ;;
*)
    echo "usage: $0 start|stop DIR" >&2
    exit 2
    ;;
esac
