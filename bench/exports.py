#!/usr/bin/env python3
"""Exports against DuckDB and openpyxl on the same data, in one run.

gov-db exports a database made from a canonical CSV (`bench/run.sh`'s synthetic file) as CSV,
parquet and xlsx; the peers write the same rows from the same CSV loaded once: DuckDB's `COPY
... TO` (CSV, parquet; a fresh Python process each, the table kept in a DuckDB file) and
openpyxl's write-only workbook of the long rows of one year (gov-db's xlsx holds more: a laid-out
sheet per report, the long sheet and the comparison sheet). Round by round, the tools
alternating; wall and CPU time (the process and its children), medians, ratios, sizes.

    cargo build --release --bin gov-db --example gen
    target/release/examples/gen --agencies 2000 --years 5 --out bench/out/synth-2000x5.csv
    python3 bench/exports.py --bin target/release/gov-db --csv bench/out/synth-2000x5.csv

Needs the duckdb and openpyxl Python modules. Not run by CI or the tests.
"""

import argparse
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from measure import fmt, median, remove, run_timed, size_mb  # noqa: E402


def python(code, *args):
    return [sys.executable, "-c", code, *args]


DUCK_COPY = """
import duckdb, sys
con = duckdb.connect(sys.argv[1], read_only=True)
con.execute(f"COPY (SELECT * FROM cells {sys.argv[3]}) TO '{sys.argv[2]}' {sys.argv[4]}")
"""

OPENPYXL_LONG = """
import duckdb, openpyxl, sys
con = duckdb.connect(sys.argv[1], read_only=True)
rows = con.execute("SELECT * FROM cells WHERE year = 2024").fetchall()
wb = openpyxl.Workbook(write_only=True)
ws = wb.create_sheet("long")
ws.append([d[0] for d in con.description])
for r in rows:
    ws.append(list(r))
wb.save(sys.argv[2])
"""


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", required=True)
    ap.add_argument("--csv", required=True)
    ap.add_argument("--work", default="bench/out")
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    os.makedirs(args.work, exist_ok=True)
    gov_db = os.path.join(args.work, "exports-gov.db")
    duck_db = os.path.join(args.work, "exports-duck.db")
    if not os.path.exists(gov_db):
        subprocess.run([args.bin, "--db", gov_db, "import", args.csv], check=True,
                       stdout=subprocess.DEVNULL)
    if not os.path.exists(duck_db):
        load = "import duckdb, sys; duckdb.connect(sys.argv[1]).execute(" \
               "f\"CREATE TABLE cells AS SELECT * FROM read_csv('{sys.argv[2]}', all_varchar=false)\")"
        subprocess.run(python(load, duck_db, args.csv), check=True)
    out = lambda name: os.path.join(args.work, name)  # noqa: E731
    jobs = {
        "csv": [
            ("gov-db export -o F.csv", [args.bin, "--db", gov_db, "export", "-o", out("e.csv")],
             out("e.csv")),
            ("DuckDB COPY TO F.csv", python(DUCK_COPY, duck_db, out("d.csv"), "", "(HEADER)"),
             out("d.csv")),
        ],
        "parquet": [
            ("gov-db export -o F.parquet",
             [args.bin, "--db", gov_db, "export", "-o", out("e.parquet")], out("e.parquet")),
            ("DuckDB COPY TO F.parquet",
             python(DUCK_COPY, duck_db, out("d.parquet"), "", "(FORMAT parquet)"),
             out("d.parquet")),
        ],
        "xlsx, one year": [
            ("gov-db export --year 2024 -o F.xlsx",
             [args.bin, "--db", gov_db, "export", "--year", "2024", "-o", out("e.xlsx")],
             out("e.xlsx")),
            ("openpyxl, long rows only", python(OPENPYXL_LONG, duck_db, out("o.xlsx")),
             out("o.xlsx")),
        ],
    }
    results = {}
    for r in range(args.runs):
        for kind, tools in jobs.items():
            order = tools if r % 2 == 0 else tools[::-1]
            for name, cmd, path in order:
                remove(path)
                wall, cpu, rss, rc = run_timed(cmd)
                if rc != 0:
                    sys.exit(f"{name} failed ({rc})")
                results.setdefault(name, []).append((wall, cpu, rss, size_mb(path)))
        print(f"round {r + 1} of {args.runs} done", file=sys.stderr)
    print(f"exports, median of {args.runs} rounds (wall s, CPU s, peak RSS MB, file MB):")
    for kind, tools in jobs.items():
        print(f"  {kind}")
        meds = []
        for name, _, _ in tools:
            rows = results[name]
            m = [median([x[i] for x in rows]) for i in range(4)]
            meds.append(m)
            print(f"    {name:36} {fmt(m[0]):>7} s {fmt(m[1]):>7} s cpu {fmt(m[2], 0):>6} MB "
                  f"{fmt(m[3], 1):>8} MB")
        (w0, c0, _, s0), (w1, c1, _, s1) = meds
        print(f"    ratio gov-db / peer: wall {w0 / w1:.2f}x, CPU {c0 / c1:.2f}x, size {s0 / s1:.2f}x")


if __name__ == "__main__":
    main()
