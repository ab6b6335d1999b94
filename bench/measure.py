#!/usr/bin/env python3
"""Measures gov-db against the tools people would otherwise reach for, on one canonical CSV.

Called by bench/run.sh, which builds and generates the data. In one run, alternating the
tools round by round: `gov-db import` (everything it does by default: validation,
normalisation, checks, summaries), the sqlite3 shell's `.import` into one bare table, and
DuckDB's `CREATE TABLE AS SELECT * FROM read_csv(...)` when the duckdb Python module is
installed. Then the first-run latency of each canned view in a fresh process. Prints medians
and ratios.
"""

import argparse
import os
import resource
import signal
import statistics
import subprocess
import sys
import time


def run_timed(cmd, stdout=subprocess.DEVNULL, timeout=None, env=None, quiet=False):
    """Runs cmd under /usr/bin/time; returns (wall s, cpu s, peak RSS MB, returncode)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    timed = ["/usr/bin/time", "-f", "%M", "-o", "/dev/stderr"] if HAVE_TIME else []
    # Its own process group, so that a timeout ends the tool too, not only /usr/bin/time.
    p = subprocess.Popen(
        timed + cmd, stdout=stdout, stderr=subprocess.PIPE, env=env, start_new_session=True
    )
    try:
        _, stderr = p.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(p.pid, signal.SIGKILL)
        p.communicate()
        return None, None, None, "timeout"
    p.stderr_text = stderr
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    rss = None
    err = p.stderr_text.decode("utf-8", "replace").strip().splitlines()
    if HAVE_TIME and err and err[-1].strip().isdigit():
        rss = int(err[-1].strip()) / 1024
        err = err[:-1]
    if p.returncode != 0 and not quiet:
        sys.stderr.write("\n".join(err[-5:]) + "\n")
    LAST_STDERR[0] = "\n".join(err)
    return wall, cpu, rss, p.returncode


def size_mb(path):
    total = 0
    for suffix in ("", "-wal", ".wal"):
        if os.path.exists(path + suffix):
            total += os.path.getsize(path + suffix)
    return total / 1e6


def remove(path):
    for suffix in ("", "-wal", "-shm", "-journal", ".wal"):
        if os.path.exists(path + suffix):
            os.remove(path + suffix)


DUCKDB_SCRIPT = """
import duckdb, sys, time
con = duckdb.connect(sys.argv[1])
con.execute("SET enable_progress_bar = false")
t0 = time.perf_counter()
con.execute("CREATE TABLE facts AS SELECT * FROM read_csv(?)", [sys.argv[2]])
con.close()
print(time.perf_counter() - t0)
"""


def have_duckdb():
    try:
        import duckdb  # noqa: F401

        return True
    except ImportError:
        return False


def median(xs):
    xs = [x for x in xs if x is not None]
    return statistics.median(xs) if xs else None


def fmt(x, digits=2):
    return "-" if x is None else f"{x:.{digits}f}"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", required=True)
    ap.add_argument("--csv", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--view-timeout", type=float, default=60)
    ap.add_argument("--skip-duckdb", action="store_true")
    ap.add_argument("--skip-sqlite3", action="store_true",
                    help="leave out the sqlite3 shell's .import (the slowest peer, 40 s a round at 200k)")
    ap.add_argument("--no-listings", action="store_true",
                    help="ad hoc analysis: the aggregates only, not the per-cell listings")
    ap.add_argument("--views-only", action="store_true",
                    help="only the views, on the database of the last run")
    ap.add_argument("--adhoc-only", action="store_true",
                    help="only the ad hoc analysis against DuckDB, on the databases of the last run")
    ap.add_argument("--baseline", help="another gov-db binary (an earlier build) measured "
                    "alongside, round by round, with the ratios")
    ap.add_argument("--versions", nargs="*", default=[],
                    help="more CSVs of the same reports (other seeds), imported one after "
                    "another over the first: every report gets a version per file")
    args = ap.parse_args()

    with open(args.csv, "rb") as f:
        lines = sum(chunk.count(b"\n") for chunk in iter(lambda: f.read(1 << 24), b"")) - 1
    csv_mb = os.path.getsize(args.csv) / 1e6
    print(f"input: {args.csv}: {lines:,} lines, {csv_mb:,.0f} MB")
    print(f"machine: {os.cpu_count()} cores; load average before: {os.getloadavg()}")

    gov_db = os.path.join(args.work, "bench-gov.db")
    base_db = os.path.join(args.work, "bench-baseline.db")
    sq_db = os.path.join(args.work, "bench-sqlite3.db")
    dk_db = os.path.join(args.work, "bench-duckdb.duckdb")
    tools = ["gov-db"] if args.skip_sqlite3 else ["gov-db", "sqlite3"]
    if args.baseline:
        tools.insert(1, "baseline")
    if not args.skip_duckdb and have_duckdb():
        tools.append("duckdb")
    else:
        print("duckdb: the Python module is not installed (pip install duckdb); skipped")

    def run_tool(tool):
        if tool == "gov-db":
            remove(gov_db)
            r = run_timed([args.bin, "--db", gov_db, "import", args.csv])
            return r + (size_mb(gov_db),)
        if tool == "baseline":
            remove(base_db)
            r = run_timed([args.baseline, "--db", base_db, "import", args.csv])
            return r + (size_mb(base_db),)
        if tool == "sqlite3":
            remove(sq_db)
            r = run_timed(["sqlite3", sq_db, "-cmd", ".mode csv", f".import {args.csv} facts"])
            return r + (size_mb(sq_db),)
        remove(dk_db)
        out = os.path.join(args.work, "duckdb-time.txt")
        with open(out, "w") as f:
            r = run_timed([sys.executable, "-c", DUCKDB_SCRIPT, dk_db, args.csv], stdout=f)
        with open(out) as f:
            lines_out = f.read().strip().splitlines()
            statement = float(lines_out[-1]) if lines_out else float("nan")
        # The statement's own time: the Python start-up is not DuckDB's.
        return (statement, r[1], r[2], r[3], size_mb(dk_db))

    results = {t: [] for t in tools}
    if args.adhoc_only:
        adhoc(args, gov_db, dk_db, lines)
        return
    for i in range(0 if args.views_only else args.runs):
        order = tools[i % len(tools):] + tools[: i % len(tools)]
        for tool in order:
            wall, cpu, rss, rc, size = run_tool(tool)
            if rc != 0:
                sys.exit(f"{tool} failed (exit {rc})")
            results[tool].append((wall, cpu, rss, size))
            print(
                f"  run {i + 1} {tool:8} {wall:7.2f} s wall  {cpu:7.2f} s cpu  "
                f"{fmt(rss, 0):>6} MB peak RSS  {size:8.1f} MB db",
                flush=True,
            )

    if args.views_only:
        views(args, gov_db, base_db)
        return
    print()
    print(f"import, median of {args.runs} runs:")
    print(f"  {'tool':8} {'wall s':>8} {'lines/s':>12} {'cpu s':>8} {'peak RSS MB':>12} {'db MB':>9}")
    med = {}
    for tool in tools:
        wall = median(r[0] for r in results[tool])
        cpu = median(r[1] for r in results[tool])
        rss = max((r[2] for r in results[tool] if r[2] is not None), default=None)
        size = median(r[3] for r in results[tool])
        med[tool] = (wall, cpu, rss, size)
        print(
            f"  {tool:8} {wall:8.2f} {lines / wall:12,.0f} {cpu:8.2f} {fmt(rss, 0):>12} {size:9.1f}"
        )
    g = med["gov-db"]
    print()
    print("ratios (medians):")
    s = med.get("sqlite3")
    if s:
        print(f"  gov-db import vs sqlite3 .import: {s[0] / g[0]:.2f}x faster (wall), "
              f"{s[1] / g[1]:.2f}x less CPU   [target >= 2.5x]")
    if "duckdb" in med:
        d = med["duckdb"]
        print(f"  gov-db import vs DuckDB read_csv: {g[0] / d[0]:.2f}x DuckDB's time (wall), "
              f"{g[1] / d[1]:.2f}x its CPU (process)   [target <= 1.5x]")
        print(f"  database size: gov-db {g[3]:.1f} MB = {g[3] / d[3]:.2f}x DuckDB's {d[3]:.1f} MB   "
              f"[target <= 1.5x]" + (f"; sqlite3 bare table {s[3]:.1f} MB" if s else ""))
    else:
        print(f"  database size: gov-db {g[3]:.1f} MB" + (f"; sqlite3 bare table {s[3]:.1f} MB" if s else ""))
    print(f"  gov-db peak RSS: {fmt(g[2], 0)} MB   [target < 200 MB]")
    if "baseline" in med:
        b = med["baseline"]
        print(f"  gov-db vs the baseline build: {g[0] / b[0]:.3f}x its time (wall), "
              f"{g[1] / b[1]:.3f}x its CPU, database {g[3] / b[3]:.3f}x its size")

    views(args, gov_db, base_db)
    if args.versions:
        versions(args, gov_db, base_db)
    if "duckdb" in tools:
        adhoc(args, gov_db, dk_db, lines)


def versions(args, gov_db, base_db):
    """Imports each further CSV over the database of the last round: one more version of
    every report per file. Times each import and prints the database's size after each."""
    print()
    print(f"versions: {len(args.versions)} more readings of every report, imported in turn")
    bins = [("gov-db", args.bin, gov_db)]
    if args.baseline:
        bins.append(("baseline", args.baseline, base_db))
    for i, csv in enumerate(args.versions):
        for name, binary, db in bins:
            # One step of the baseline is enough to compare: a build before history took
            # minutes for each (its replacements grew quadratically with the file).
            if name == "baseline" and i > 0:
                continue
            wall, cpu, rss, rc = run_timed([binary, "--db", db, "import", csv])
            if rc != 0:
                sys.exit(f"{name} failed on {csv} (exit {rc})")
            print(f"  version {i + 2} {name:8} {wall:7.2f} s wall  {cpu:7.2f} s cpu  "
                  f"{fmt(rss, 0):>6} MB peak RSS  {size_mb(db):8.1f} MB db", flush=True)
    for name, binary, db in bins:
        subprocess.run([binary, "--db", db, "sql", "--write", "PRAGMA wal_checkpoint(TRUNCATE)"],
                       capture_output=True)
        if name == "baseline":
            print(f"  baseline: {size_mb(db):.1f} MB after one more reading (it keeps none)")
        else:
            print(f"  {name}: {size_mb(db):.1f} MB with {len(args.versions) + 1} readings of "
                  f"every report (after a checkpoint)")


def views(args, gov_db, base_db):
    """First run of each canned view in a fresh process, on the database gov-db wrote (and,
    with --baseline, on the baseline's, alternating)."""
    print()
    listing = subprocess.run(
        [args.bin, "--db", gov_db, "query", "--list", "--format", "csv"],
        capture_output=True, text=True, check=True,
    ).stdout.splitlines()[1:]
    names = [l.split(",")[0] for l in listing if l]
    def scalar(sql):
        return subprocess.run(
            [args.bin, "--db", gov_db, "sql", sql, "--format", "csv"],
            capture_output=True, text=True, check=True,
        ).stdout.splitlines()[1]

    year = scalar("SELECT max(year) FROM report")
    agency = scalar("SELECT a.name FROM report r JOIN agency a ON a.id = r.agency_id "
                    "ORDER BY r.id LIMIT 1")
    province = scalar("SELECT substr(region_code, 1, 2) FROM agency WHERE region_code IS NOT NULL "
                      "GROUP BY 1 ORDER BY count(*) DESC LIMIT 1")
    # The level of most agencies: the largest answer a --level filter gives.
    level = scalar("SELECT level FROM agencies WHERE level IS NOT NULL "
                   "GROUP BY 1 ORDER BY count(*) DESC LIMIT 1")
    cases = []
    for n in names:
        cases.append((n, []))
        cases.append((n, ["--year", year]))
        cases.append((n, ["--agency", agency]))
        cases.append((n, ["--region", province]))
        cases.append((n, ["--level", level]))
    cases.append(("ranking", ["--year", year, "--limit", "20"]))
    print(f"views, first run in a fresh process (gov-db query NAME --format csv > /dev/null), "
          f"timeout {args.view_timeout:.0f} s:")
    print(f"  {'query':60} {'ms':>9} {'cpu ms':>8} {'rows':>10}"
          + ("  baseline ms   cpu ms  cpu ratio" if args.baseline else ""))
    for name, extra in cases:
        out = os.path.join(args.work, "view.csv")
        base = ""
        if args.baseline and os.path.exists(base_db):
            with open(os.devnull, "wb") as f:
                bwall, bcpu, _, brc = run_timed(
                    [args.baseline, "--db", base_db, "query", name, "--format", "csv"] + extra,
                    stdout=f, timeout=args.view_timeout, quiet=True,
                )
            base = (bwall, brc, bcpu)
        with open(out, "wb") as f:
            wall, cpu, _, rc = run_timed(
                [args.bin, "--db", gov_db, "query", name, "--format", "csv"] + extra,
                stdout=f, timeout=args.view_timeout, quiet=True,
            )
        label = " ".join([name] + extra)
        if rc == "timeout":
            print(f"  {label:60} {'> ' + str(int(args.view_timeout * 1000)):>9}")
            continue
        if rc != 0:
            why = "n/a" if "does not take" in LAST_STDERR[0] else "error"
            print(f"  {label:60} {why:>9}")
            continue
        with open(out, "rb") as f:
            rows = sum(1 for _ in f) - 1
        tail = ""
        if base and base[1] == 0 and base[0]:
            tail = (f"  {base[0] * 1000:11.1f} {base[2] * 1000:8.1f}  "
                    f"{cpu / max(base[2], 1e-6):9.2f}")
        print(f"  {label:60} {wall * 1000:9.1f} {cpu * 1000:8.1f} {rows:10,}{tail}")
    print()
    print(f"load average after: {os.getloadavg()}")


# Ad hoc analysis: (label, gov-db SQL, DuckDB SQL). DuckDB reads the canonical CSV's table
# `facts` (every stated cell, zeros included) and `agencies` (gov-db's agencies view); gov-db
# its own database. `cell_values` is what a user had before V13 (every stated cell, zeros
# included, looked up one by one), `cell_counts` the non-zero cells of `fact` alone,
# `region_cells` the totals kept per year, province and level.
ADHOC = [
    ("row sums of requests/total, cell_values (as before)",
     """SELECT "row", sum(value) FROM cell_values WHERE section = 'requests' AND "column" = 'total' GROUP BY 1""",
     """SELECT "row", sum(value) FROM facts WHERE section = 'requests' AND "column" = 'total' GROUP BY 1"""),
    ("row sums of requests/total, cell_counts",
     """SELECT "row", sum(value) FROM cell_counts WHERE section = 'requests' AND "column" = 'total' GROUP BY 1""",
     None),
    ("withheld per agency, cell_values (as before)",
     """SELECT agency, sum(value) FROM cell_values WHERE section = 'requests' AND "column" = 'total' AND grp = 'withheld' GROUP BY 1""",
     """SELECT agency, sum(value) FROM facts WHERE section = 'requests' AND "column" = 'total' AND "row" LIKE 'withheld%' GROUP BY 1"""),
    ("withheld per agency, cell_counts",
     """SELECT agency, sum(value) FROM cell_counts WHERE section = 'requests' AND "column" = 'total' AND grp = 'withheld' GROUP BY 1""",
     None),
    ("new requests per year and applicant, cell_values (as before)",
     """SELECT year, "column", sum(value) FROM cell_values WHERE section = 'requests' AND "row" = 'received_new' GROUP BY 1, 2""",
     """SELECT year, "column", sum(value) FROM facts WHERE section = 'requests' AND "row" = 'received_new' GROUP BY 1, 2"""),
    ("new requests per year and applicant, cell_counts",
     """SELECT year, "column", sum(value) FROM cell_counts WHERE section = 'requests' AND "row" = 'received_new' GROUP BY 1, 2""",
     None),
    ("by province: requests/total per year and row, cell_values + agencies (as before)",
     """SELECT c.year, substr(g.region_code, 1, 2), c."row", sum(c.value) FROM cell_values c JOIN agencies g ON g.agency = c.agency WHERE c.section = 'requests' AND c."column" = 'total' GROUP BY 1, 2, 3""",
     """SELECT f.year, substr(g.region_code, 1, 2), f."row", sum(f.value) FROM facts f JOIN agencies g ON g.agency = f.agency WHERE f.section = 'requests' AND f."column" = 'total' GROUP BY 1, 2, 3"""),
    ("by province: requests/total per year and row, region_cells",
     """SELECT year, province, "row", sum(value) FROM region_cells WHERE section = 'requests' AND "column" = 'total' GROUP BY 1, 2, 3""",
     None),
    ("by level: requests/total per year and row, cell_values + agencies (as before)",
     """SELECT c.year, g.level, c."row", sum(c.value) FROM cell_values c JOIN agencies g ON g.agency = c.agency WHERE c.section = 'requests' AND c."column" = 'total' GROUP BY 1, 2, 3""",
     """SELECT f.year, g.level, f."row", sum(f.value) FROM facts f JOIN agencies g ON g.agency = f.agency WHERE f.section = 'requests' AND f."column" = 'total' GROUP BY 1, 2, 3"""),
    ("by level: requests/total per year and row, region_cells",
     """SELECT year, level, "row", sum(value) FROM region_cells WHERE section = 'requests' AND "column" = 'total' GROUP BY 1, 2, 3""",
     None),
]

# The old definitions of the rewritten per-cell views (as tests/cli/rollups.rs keeps them).
OLD_CELLS = ("""SELECT report_id, agency, year, template, section, "row", "column", grp, row_label, """
             """column_label, value FROM cell_values {where} ORDER BY agency, year, row_id, col_id""")
OLD_PROACTIVE = ("""SELECT agency, year, template, "row", row_label, "column", column_label, value """
                 """FROM cell_values WHERE section = 'proactive' {also} ORDER BY agency, year, row_id, col_id""")


def adhoc(args, gov_db, dk_db, lines):
    """Ad hoc analysis side by side with DuckDB on the same data, medians of args.runs runs.

    gov-db: `gov-db sql QUERY --format csv > file` in a fresh process (start-up and opening
    included), wall and CPU. DuckDB: the statement's time inside one Python process (its
    start-up is not DuckDB's), wall and process CPU (two threads). Then the per-cell views
    over a year and a province against `export` of the same reports, and the old view
    definitions on the same database.
    """
    import duckdb
    print()
    print(f"ad hoc analysis, median of {args.runs} runs, gov-db in a fresh process vs DuckDB "
          f"in process, on the same data:")
    agencies_csv = os.path.join(args.work, "agencies.csv")
    with open(agencies_csv, "wb") as f:
        subprocess.run([args.bin, "--db", gov_db, "query", "agencies", "--format", "csv"],
                       stdout=f, check=True)
    con = duckdb.connect(dk_db)
    con.execute("SET enable_progress_bar = false")
    con.execute("CREATE OR REPLACE TABLE agencies AS SELECT * FROM read_csv(?, all_varchar = true)",
                [agencies_csv])
    out = os.path.join(args.work, "adhoc.csv")

    def gov(cmd):
        walls, cpus = [], []
        rows = 0
        for _ in range(args.runs):
            with open(out, "wb") as f:
                wall, cpu, _, rc = run_timed([args.bin, "--db", gov_db] + cmd, stdout=f,
                                             timeout=args.view_timeout * 4)
            if rc != 0:
                return None, None, rc
            walls.append(wall)
            cpus.append(cpu)
        with open(out, "rb") as f:
            rows = sum(1 for _ in f) - 1
        return median(walls), median(cpus), rows

    def duck(sql):
        walls, cpus = [], []
        for _ in range(args.runs):
            t0, c0 = time.perf_counter(), time.process_time()
            con.execute(sql).fetchall()
            walls.append(time.perf_counter() - t0)
            cpus.append(time.process_time() - c0)
        return median(walls), median(cpus)

    print(f"  {'query':84} {'gov-db ms':>10} {'cpu ms':>8} {'DuckDB ms':>10} {'cpu ms':>8} "
          f"{'wall ratio':>10} {'cpu ratio':>9}")
    peer = None
    for label, gsql, dsql in ADHOC:
        gw, gc, rows = gov(["sql", gsql, "--format", "csv"])
        if gw is None:
            print(f"  {label:84} {'error':>10}")
            continue
        if dsql is not None:
            peer = duck(dsql)
        dw, dc = peer
        print(f"  {label:84} {gw * 1000:10.1f} {gc * 1000:8.1f} {dw * 1000:10.1f} {dc * 1000:8.1f} "
              f"{gw / dw:9.1f}x {gc / max(dc, 1e-6):8.1f}x")

    if args.no_listings:
        con.close()
        return
    scalar = lambda sql: subprocess.run(
        [args.bin, "--db", gov_db, "sql", sql, "--format", "csv"],
        capture_output=True, text=True, check=True).stdout.splitlines()[1]
    year = scalar("SELECT max(year) FROM report")
    province = scalar("SELECT substr(region_code, 1, 2) FROM agency WHERE region_code IS NOT NULL "
                      "GROUP BY 1 ORDER BY count(*) DESC LIMIT 1")
    in_region = f"agency IN (SELECT agency FROM agencies WHERE region_code LIKE '{province}%')"
    print()
    print(f"per-cell listings (CSV to a file), median of {args.runs} runs; rate = rows/s; "
          f"peer = export of the same reports, and DuckDB's COPY of the same rows to CSV:")
    print(f"  {'listing':64} {'wall s':>8} {'cpu s':>7} {'rows':>10} {'rows/s':>11} {'vs export':>10}")
    cases = [
        ("all cells", [], "", ""),
        (f"--year {year}", ["--year", year], f"WHERE year = {year}", f"AND year = {year}"),
        (f"--year {year} --region {province}", ["--year", year, "--region", province],
         f"WHERE year = {year} AND {in_region}", f"AND year = {year} AND {in_region}"),
    ]
    for label, filt, where, also in cases:
        ew, ec, erows = gov(["export"] + filt)
        rate_e = erows / ew if ew else None
        print(f"  {'export ' + label:64} {ew:8.2f} {ec:7.2f} {erows:10,} {rate_e:11,.0f}")
        for name, cmd in [
            ("query cells " + label, ["query", "cells", "--format", "csv"] + filt),
            ("  old cells definition " + label, ["sql", OLD_CELLS.format(where=where), "--format", "csv"]),
            ("query proactive " + label, ["query", "proactive", "--format", "csv"] + filt),
            ("  old proactive definition " + label,
             ["sql", OLD_PROACTIVE.format(also=also), "--format", "csv"]),
        ]:
            w, c, rows = gov(cmd)
            if w is None:
                print(f"  {name:64} {'error/timeout':>8}")
                continue
            rate = rows / w if w else None
            print(f"  {name:64} {w:8.2f} {c:7.2f} {rows:10,} {rate:11,.0f} "
                  f"{(rate_e / rate) if rate else 0:9.2f}x")
        dsql = "SELECT * FROM facts f"
        if filt:
            dsql += f" WHERE f.year = {year}"
        if len(filt) > 2:
            dsql += (f" AND f.agency IN (SELECT agency FROM agencies "
                     f"WHERE region_code LIKE '{province}%')")
        dsql += " ORDER BY f.agency, f.year"
        copy = os.path.join(args.work, "duckdb-copy.csv")
        dw, dc = duck(f"COPY ({dsql}) TO '{copy}' (HEADER, DELIMITER ',')")
        print(f"  {'DuckDB COPY ' + label:64} {dw:8.2f} {dc:7.2f}")
    con.close()


HAVE_TIME = os.path.exists("/usr/bin/time")
LAST_STDERR = [""]

if __name__ == "__main__":
    main()
