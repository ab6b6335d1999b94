#!/usr/bin/env bash
# OCR pages per second: `gov-db import --dry-run` of the clean 3-page scan
# (tests/fixtures/scans/huaian-2024-scan.pdf), on one core (RAYON_NUM_THREADS=1) and on all,
# alternating round by round; prints each run, the medians, pages per second and the ratio.
#
#   bench/ocr.sh               # release build, 3 rounds
#   bench/ocr.sh --runs 5
#   GOV_DB_BIN=target/debug/gov-db bench/ocr.sh   # an existing binary, no build
#
# Needs tesseract with chi_sim and poppler-utils. Not run by CI or the tests.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=3
if [ "${1:-}" = "--runs" ]; then runs="$2"; fi
bin="${GOV_DB_BIN:-}"
if [ -z "$bin" ]; then
    cargo build --release --quiet --bin gov-db
    bin="${CARGO_TARGET_DIR:-target}/release/gov-db"
fi
scan=tests/fixtures/scans/huaian-2024-scan.pdf
pages=$(pdfinfo "$scan" | awk '/^Pages:/ {print $2}')
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
one=()
all=()
for r in $(seq "$runs"); do
    for threads in 1 all; do
        t0=$(date +%s.%N)
        if [ "$threads" = 1 ]; then
            RAYON_NUM_THREADS=1 "$bin" --db "$work/b.db" import --dry-run --agency 淮安市人民政府 "$scan" >/dev/null
        else
            "$bin" --db "$work/b.db" import --dry-run --agency 淮安市人民政府 "$scan" >/dev/null
        fi
        t=$(echo "$(date +%s.%N) - $t0" | bc -l)
        printf 'round %d, %-3s cores: %.2f s\n' "$r" "$threads" "$t"
        if [ "$threads" = 1 ]; then one+=("$t"); else all+=("$t"); fi
    done
done
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
m1=$(median "${one[@]}")
ma=$(median "${all[@]}")
printf '%d pages; median 1 core %.2f s (%.3f pages/s), all %d cores %.2f s (%.3f pages/s); speed-up %.2fx\n' \
    "$pages" "$m1" "$(echo "$pages / $m1" | bc -l)" "$(nproc)" "$ma" "$(echo "$pages / $ma" | bc -l)" \
    "$(echo "$m1 / $ma" | bc -l)"
