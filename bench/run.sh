#!/usr/bin/env bash
# The national-scale benchmark: gov-db import vs the sqlite3 shell's .import vs DuckDB's
# read_csv on the same synthetic canonical CSV, then each canned view's first-run latency.
#
#   bench/run.sh                # about 2M lines (2,000 agencies x 5 years): a minute or two
#   bench/run.sh --national     # about 40M lines (40,000 agencies x 5 years = 200k reports)
#   bench/run.sh --runs 5       # rounds per tool (medians are printed; default 3)
#   bench/run.sh --views-only   # only the view latencies, on the database of the last run
#   bench/run.sh --versions 5   # then 4 more readings of every report (other seeds), imported
#                               # in turn: time and database size with 5 versions (default 5;
#                               # 1 skips it)
#   bench/run.sh --baseline B   # also measure binary B (an earlier build) round by round
#   bench/run.sh --adhoc-only   # only ad hoc analysis vs DuckDB, on the databases of the last run
#
# Needs sqlite3 and python3; DuckDB is measured when `python3 -c 'import duckdb'` works
# (pip install duckdb), skipped otherwise. Data and databases go to bench/out/ (or
# $BENCH_DIR); the generated CSV is kept for the next run. Not run by CI or the tests.
set -euo pipefail
cd "$(dirname "$0")/.."

agencies=2000
years=5
runs=3
view_timeout=30
versions=5
baseline=""
extra=""
while [ $# -gt 0 ]; do
    case "$1" in
        --national) agencies=40000 ;;
        --agencies) agencies="$2"; shift ;;
        --years) years="$2"; shift ;;
        --runs) runs="$2"; shift ;;
        --views-only) extra="--views-only" ;;
        --adhoc-only) extra="--adhoc-only" ;;
        --versions) versions="$2"; shift ;;
        --baseline) baseline="$2"; shift ;;
        *) echo "usage: bench/run.sh [--national] [--agencies N] [--years Y] [--runs R] [--views-only|--adhoc-only] [--versions N] [--baseline BIN]" >&2; exit 2 ;;
    esac
    shift
done

command -v sqlite3 >/dev/null || { echo "bench: sqlite3 is needed (apt-get install sqlite3)" >&2; exit 1; }
target="${CARGO_TARGET_DIR:-target}"
cargo build --release --quiet --bin gov-db --example gen
work="${BENCH_DIR:-bench/out}"
mkdir -p "$work"
csv="$work/synth-${agencies}x${years}.csv"
if [ ! -s "$csv" ]; then
    echo "generating $csv ..."
    "$target/release/examples/gen" --agencies "$agencies" --years "$years" --out "$csv.tmp"
    mv "$csv.tmp" "$csv"
fi
more=()
if [ -z "$extra" ]; then
    for seed in $(seq 2 "$versions"); do
        next="$work/synth-${agencies}x${years}-seed${seed}.csv"
        if [ ! -s "$next" ]; then
            "$target/release/examples/gen" --agencies "$agencies" --years "$years" \
                --seed "$seed" --out "$next.tmp"
            mv "$next.tmp" "$next"
        fi
        more+=("$next")
    done
fi
if [ -n "$baseline" ]; then
    extra="$extra --baseline $baseline"
fi
python3 bench/measure.py --bin "$target/release/gov-db" --csv "$csv" --work "$work" \
    --runs "$runs" --view-timeout "$view_timeout" $extra ${more[@]+--versions "${more[@]}"}
