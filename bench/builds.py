#!/usr/bin/env python3
"""Times gov-db commands for two builds on one database, alternating, medians of N runs.

    python3 bench/builds.py --db bench/out/bench-gov.db --new target/release/gov-db \
        --old /path/to/main/gov-db [--runs 3] [--timeout 120]

Each command runs in a fresh process with its output to a file (as a user's redirection
would), for each build in turn, round after round; the order of the two builds alternates from
round to round. Prints per command the rows out, the median wall and CPU (user + system) time
of each build, and the ratios new/old. On a shared machine the CPU time is the figure to read.
The commands are the ones issue 15's goals name (the per-cell listings, compare with peers);
the agency and province are read from the database. With --views, instead, the listings of
many rows a year with each one filter (--year, --agency, --region, --level: the level of most
agencies). --old-db gives the old build a database of its own (a copy made before the new
build migrated --db to a schema the old one refuses). The last column says whether the two
builds wrote the same bytes (first round). Not run by CI or the tests.
"""

import argparse
import filecmp
import os
import resource
import statistics
import subprocess
import time


def timed(cmd, out, timeout):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    with open(out, "wb") as f:
        try:
            p = subprocess.run(cmd, stdout=f, stderr=subprocess.PIPE, timeout=timeout)
        except subprocess.TimeoutExpired:
            return None, None, "timeout"
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if p.returncode != 0:
        return None, None, p.stderr.decode("utf-8", "replace").strip().splitlines()[-1:]
    return wall, cpu, None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", required=True)
    ap.add_argument("--new", required=True)
    ap.add_argument("--old", required=True)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--timeout", type=float, default=120)
    ap.add_argument("--work", default="bench/out")
    ap.add_argument("--only", help="only the commands whose text contains this")
    ap.add_argument("--old-db", help="the old build's database, where the new build's schema "
                    "is newer (a copy of --db before the new build migrated it); default --db")
    ap.add_argument("--views", action="store_true",
                    help="instead: the listings of many rows per year (refusal-reasons, "
                    "outcomes-by-applicant, applicant-mix, proactive) with each one filter")
    args = ap.parse_args()

    def scalar(sql):
        return subprocess.run([args.new, "--db", args.db, "sql", sql, "--format", "csv"],
                              capture_output=True, text=True, check=True).stdout.splitlines()[1]

    year = scalar("SELECT max(year) FROM report")
    agency = scalar("SELECT a.name FROM report r JOIN agency a ON a.id = r.agency_id "
                    "ORDER BY r.id LIMIT 1")
    province = scalar("SELECT substr(region_code, 1, 2) FROM agency WHERE region_code IS NOT NULL "
                      "GROUP BY 1 ORDER BY count(*) DESC LIMIT 1")
    cases = [
        ["query", "refusal-reasons", "--year", year, "--format", "csv"],
        ["query", "refusal-reasons", "--year", year, "--format", "json"],
        ["query", "refusal-reasons", "--year", year],
        ["query", "proactive", "--year", year, "--format", "csv"],
        ["query", "compare", "--year", year, "--format", "csv"],
        ["query", "compare", "--agency", agency, "--peers", "level", "--format", "csv"],
        ["query", "compare", "--agency", agency, "--peers", "level,province", "--format", "csv"],
        ["query", "compare", "--region", province, "--year", year, "--peers", "province",
         "--format", "csv"],
        ["query", "compare", "--year", year, "--peers", "level", "--format", "csv"],
        ["query", "cells", "--year", year, "--format", "csv"],
        ["export", "--year", year],
    ]
    if args.views:
        level = scalar("SELECT level FROM agencies WHERE level IS NOT NULL "
                       "GROUP BY 1 ORDER BY count(*) DESC LIMIT 1")
        cases = [["query", view, "--format", "csv"] + f
                 for view in ["refusal-reasons", "outcomes-by-applicant", "applicant-mix",
                              "proactive"]
                 for f in [["--year", year], ["--agency", agency], ["--region", province],
                           ["--level", level]]]
    if args.only:
        cases = [c for c in cases if args.only in " ".join(c)]
    os.makedirs(args.work, exist_ok=True)
    print(f"machine: {os.cpu_count()} cores; load average before: {os.getloadavg()}")
    print(f"agency {agency}, province {province}, year {year}; medians of {args.runs}")
    print(f"  {'command':72} {'lines':>9} {'new wall':>9} {'cpu':>7} {'old wall':>9} {'cpu':>7} "
          f"{'wall x':>7} {'cpu x':>6}  same bytes")
    for case in cases:
        res = {"new": [], "old": []}
        failed = {}
        rows = None
        same = None
        for i in range(args.runs):
            order = ["new", "old"] if i % 2 == 0 else ["old", "new"]
            for build in order:
                binary = args.new if build == "new" else args.old
                db = args.db if build == "new" else (args.old_db or args.db)
                out = os.path.join(args.work, f"builds-{build}.out")
                wall, cpu, err = timed([binary, "--db", db] + case, out, args.timeout)
                if err:
                    failed[build] = err
                    continue
                res[build].append((wall, cpu))
                if build == "new" and rows is None:
                    with open(out, "rb") as f:
                        rows = sum(1 for _ in f)
            if i == 0 and not failed:
                same = filecmp.cmp(*(os.path.join(args.work, f"builds-{b}.out")
                                     for b in ("new", "old")), shallow=False)
        med = {b: (statistics.median(w for w, _ in r), statistics.median(c for _, c in r))
               if r else (None, None) for b, r in res.items()}
        fmt = lambda x, k=1000: "-" if x is None else f"{x * k:.0f}"
        (nw, nc), (ow, oc) = med["new"], med["old"]
        ratio = lambda a, b: "-" if a is None or b is None else f"{a / b:.2f}"
        label = " ".join(c if " " not in c else repr(c) for c in case)
        print(f"  {label[:72]:72} {rows or 0:>9,} {fmt(nw):>9} {fmt(nc):>7} {fmt(ow):>9} "
              f"{fmt(oc):>7} {ratio(nw, ow):>7} {ratio(nc, oc):>6}  {'-' if same is None else same}"
              + (f"  failed: {failed}" if failed else ""), flush=True)
    print(f"load average after: {os.getloadavg()}")


if __name__ == "__main__":
    main()
