#!/usr/bin/env bash
# End-to-end ingest: `actorgraph load` of N synthetic articles (JSON Lines, seed 3)
# into a new RocksDB store, timed from process start to exit, with peak RSS
# (GNU time) and the store's size on disk.
#   bench/ingest.sh [SIZE…]                      (default: 1000 10000)
# Modes, each run when `actorgraph load --help` lists its flag:
#   plain  `load`                (one article a transaction; only up to PLAIN_MAX articles, default 10000)
#   jobs   `load --jobs $(nproc)` (parallel extraction)
#   bulk   `load --bulk`          (oxigraph's bulk loader)
# MODES="plain bulk" picks some. The stores are kept as $BENCH_WORK/store-MODE-N for
# bench/sparql.sh and bench/rest.sh; KEEP=0 deletes them. MIN_FREE_GB (default 10):
# a load is stopped (and reported as such) when the disk has less free space.
# Prints one line per run:
#   ingest mode=… articles=… seconds=… articles_per_s=… quads=… quads_per_s=… peak_rss_mib=… store_mib=… status=…
set -euo pipefail
source "$(dirname "$0")/lib.sh"
sizes=("${@:-1000 10000}")
read -r -a sizes <<< "${sizes[*]}"
plain_max="${PLAIN_MAX:-10000}"
min_free_kb=$(( ${MIN_FREE_GB:-10} * 1024 * 1024 ))
apt_package time
build

help="$("$actorgraph" load --help)"
available=(plain)
grep -q -- "--jobs" <<< "$help" && available+=(jobs)
grep -q -- "--bulk" <<< "$help" && available+=(bulk)
read -r -a modes <<< "${MODES:-${available[*]}}"
log "load modes available: ${available[*]}; running: ${modes[*]}"

for n in "${sizes[@]}"; do
    file="$(corpus "$n")"
    for mode in "${modes[@]}"; do
        case "$mode" in
            plain) [ "$n" -le "$plain_max" ] || { log "plain load skipped at $n articles (PLAIN_MAX=$plain_max)"; continue; }
                   flags=() ;;
            jobs) flags=(--jobs "$(nproc)") ;;
            bulk) flags=(--bulk) ;;
            *) echo "unknown mode $mode" >&2; exit 2 ;;
        esac
        grep -qw "$mode" <<< "${available[*]}" || { log "$mode: not supported by this actorgraph"; continue; }
        store="$work/store-$mode-$n"
        rm -rf "$store"
        log "load ${flags[*]:-} $n articles into $store"
        /usr/bin/time -f "%e %M" -o "$work/time-$mode-$n" \
            "$actorgraph" load "${flags[@]}" --location "$store" --ontology "$root/ontology" "$file" \
            > "$work/load-$mode-$n.out" 2> "$work/load-$mode-$n.err" &
        load_pid=$!
        status=done
        # Watch the disk while it loads: a full disk would take the machine down with it.
        while kill -0 "$load_pid" 2>/dev/null; do
            if [ "$(df -k --output=avail "$work" | tail -n 1)" -lt "$min_free_kb" ]; then
                status="stopped:disk-below-${MIN_FREE_GB:-10}GB"
                log "less than ${MIN_FREE_GB:-10} GB free: stopping the load"
                pkill -TERM -P "$load_pid" 2>/dev/null || true
                break
            fi
            sleep 2
        done
        wait "$load_pid" || [ "$status" != done ] || status="failed:$(tail -n 1 "$work/load-$mode-$n.err")"
        read -r seconds peak_kb < <(grep -E '^[0-9.]+ [0-9]+$' "$work/time-$mode-$n")
        # "loaded N articles (R replaced), Q quads, E errors in T s"
        quads="$(grep -oE '[0-9]+ quads' "$work/load-$mode-$n.out" | tail -n 1 | cut -d' ' -f1)"
        loaded="$(grep -oE 'loaded [0-9]+ articles' "$work/load-$mode-$n.out" | tail -n 1 | cut -d' ' -f2)"
        store_mib=$(( $(du -sk "$store" | cut -f1) / 1024 ))
        python3 - "$mode" "${loaded:-}" "$seconds" "${quads:-0}" "$peak_kb" "$store_mib" "$status" <<'PY'
import sys
mode, n, seconds, quads, peak_kb, store_mib, status = sys.argv[1:]
seconds, quads = float(seconds), int(quads)
if not n:  # stopped before the end: no count of what was loaded
    print(f"ingest mode={mode} articles=? seconds={seconds:.1f} peak_rss_mib={int(peak_kb) / 1024:.0f} "
          f"store_mib={store_mib} status={status}")
    sys.exit()
n = int(n)
print(f"ingest mode={mode} articles={n} seconds={seconds:.1f} articles_per_s={n / seconds:.1f} "
      f"quads={quads} quads_per_s={quads / seconds:.0f} peak_rss_mib={int(peak_kb) / 1024:.0f} "
      f"store_mib={store_mib} status={status}")
PY
        [ "${KEEP:-1}" = 1 ] || rm -rf "$store"
    done
done
