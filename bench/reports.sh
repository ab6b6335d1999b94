#!/usr/bin/env bash
# The report-reading benchmark: published reports (text, HTML, PDF, .docx, .xlsx, .doc through
# LibreOffice, and scanned pages through OCR) imported per second, with --jobs 1 on one core
# and --jobs 2 on two (the ratio), by this tree's build and by a baseline revision's (default
# main; `--baseline none` for this tree alone), measured in the same run, round by round,
# medians printed. CPU time is given beside wall time (the machine may be shared), and with
# --callgrind the instructions of one import of each format on one core (valgrind; exact
# from run to run).
#
#   bench/reports.sh                    # 100 copies of each fixture report, 5 rounds
#   bench/reports.sh --copies 20 --runs 3 --baseline HEAD~3 --callgrind
#   bench/reports.sh --runs 3 --baseline none --formats docx,xlsx,doc,scan
#   bench/reports.sh --runs 3 --baseline none --formats metafile,wordocr   # Word pictures
#
# Needs taskset (util-linux), pdftotext (poppler-utils), soffice (libreoffice-writer-nogui)
# and tesseract (tesseract-ocr, tesseract-ocr-chi-sim); valgrind for --callgrind. The
# baseline's source is exported with `git archive` into bench/out/ (or $BENCH_DIR) and built
# there with this tree's target directory, so only gov-db itself is compiled again. Not run by
# CI or the tests.
set -euo pipefail
cd "$(dirname "$0")/.."

baseline=main
extra=()
while [ $# -gt 0 ]; do
    case "$1" in
        --baseline) baseline="$2"; shift ;;
        --copies|--runs|--formats) extra+=("$1" "$2"); shift ;;
        --callgrind) extra+=("$1") ;;
        *) echo "usage: bench/reports.sh [--baseline REV|none] [--copies N] [--runs R] [--formats F,G] [--callgrind]" >&2; exit 2 ;;
    esac
    shift
done

command -v taskset >/dev/null || { echo "bench: taskset is needed (apt-get install util-linux)" >&2; exit 1; }
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
    # The target directory's binary is this tree's again.
    cargo build --release --quiet --bin gov-db
    bins+=(--bin "$baseline=$work/gov-db-base")
fi

python3 bench/reports.py "${bins[@]}" --fixtures tests/fixtures --work "$work" "${extra[@]}"
