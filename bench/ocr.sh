#!/usr/bin/env bash
# OCR pages per second: `gov-db import --dry-run` of the clean 3-page scan
# (tests/fixtures/scans/huaian-2024-scan.pdf) on one core and on two, by this tree's build and
# by a baseline revision's (default main; `--baseline none` for this tree alone), measured in
# the same run, the binaries alternating round by round; medians of wall and CPU time, pages
# per second, the ratios; then tesseract runs per page and CPU per page by kind of run
# (bench/ocr.py says how).
#
#   bench/ocr.sh                       # 5 rounds against main
#   bench/ocr.sh --runs 3 --baseline HEAD~2
#   bench/ocr.sh --baseline none
#
# Needs taskset (util-linux), /usr/bin/time (time), poppler-utils and tesseract with chi_sim.
# The baseline's source is exported with `git archive` into bench/out/ (or $BENCH_DIR) and
# built there with this tree's target directory, so only gov-db itself is compiled again.
# Not run by CI or the tests.
set -euo pipefail
cd "$(dirname "$0")/.."

baseline=main
runs=5
while [ $# -gt 0 ]; do
    case "$1" in
        --baseline) baseline="$2"; shift ;;
        --runs) runs="$2"; shift ;;
        *) echo "usage: bench/ocr.sh [--baseline REV|none] [--runs R]" >&2; exit 2 ;;
    esac
    shift
done

command -v taskset >/dev/null || { echo "bench: taskset is needed (apt-get install util-linux)" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "bench: /usr/bin/time is needed (apt-get install time)" >&2; exit 1; }
target="$(realpath "${CARGO_TARGET_DIR:-target}")"
work="${BENCH_DIR:-bench/out}"
mkdir -p "$work"
work="$(realpath "$work")"

cargo build --release --quiet --bin gov-db
cp "$target/release/gov-db" "$work/gov-db-this"

bins=(--bin "this=$work/gov-db-this")
if [ "$baseline" != none ]; then
    rev="$(git rev-parse --verify "$baseline^{commit}")"
    src="$work/baseline-src"
    if [ "$(cat "$src/.rev" 2>/dev/null)" != "$rev" ]; then
        rm -rf "$src"
        mkdir -p "$src"
        git archive "$rev" | tar -x -C "$src"
        echo "$rev" > "$src/.rev"
    fi
    CARGO_TARGET_DIR="$target" cargo build --release --quiet --bin gov-db --manifest-path "$src/Cargo.toml"
    cp "$target/release/gov-db" "$work/gov-db-base"
    if [ "$(git rev-parse HEAD)" != "$rev" ] && cmp -s "$work/gov-db-this" "$work/gov-db-base"; then
        echo "bench: the baseline's binary is this tree's; remove $src and run again" >&2
        exit 1
    fi
    # The target directory's binary is this tree's again.
    cargo build --release --quiet --bin gov-db
    bins+=(--bin "$baseline=$work/gov-db-base")
fi

python3 bench/ocr.py "${bins[@]}" --scans tests/fixtures/scans --work "$work" --runs "$runs"
