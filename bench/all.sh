#!/usr/bin/env bash
# Every benchmark of docs/BENCHMARKS.md in one run, so that ratios compare figures
# measured on the same machine at the same time. Output: bench/.work/all-DATE.txt.
#   bench/all.sh                    sizes 1000 10000 (SIZES="1000 10000 100000" for more)
# Long: about 10 minutes a 1,000 articles of plain load; the first run also
# installs oxigraph-cli (a RocksDB build) and spaCy.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
read -r -a sizes <<< "${SIZES:-1000 10000}"
out="$work/all-$(date +%Y%m%d-%H%M%S).txt"
build
export SKIP_BUILD=1
{
    echo "machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2-)"
    echo "commit: $(git rev-parse --short HEAD), $(date -u +%FT%TZ)"
    bench/extract.sh 10000
    bench/spacy.sh 1000
    bench/ingest.sh "${sizes[@]}"
    # Serve from the fastest mode's store of each size: bulk, else jobs, else plain.
    for n in "${sizes[@]}"; do
        for mode in bulk jobs plain; do
            if [ -d "$work/store-$mode-$n" ]; then
                bench/sparql.sh "$work/store-$mode-$n" 10 8
                bench/rest.sh "$work/store-$mode-$n" 20 32
                break
            fi
        done
        # Reads after writes: on a new store of its own up to 10k, on the one above past that
        # (the articles it posts are deleted at the end).
        if [ "$n" -le 10000 ]; then
            bench/after-write.sh "$n" 20
        else
            for mode in bulk jobs plain; do
                if [ -d "$work/store-$mode-$n" ]; then
                    TOP=8 bench/after-write.sh "$n" 20 "$work/store-$mode-$n"
                    break
                fi
            done
        fi
    done
} 2>&1 | tee "$out"
echo "written to $out"
