#!/usr/bin/env python3
"""Published reports imported per second, by format, on one core and on two.

Called by bench/reports.sh, which builds this tree's gov-db and a baseline's. A folder per
format holds COPIES copies of each fixture report of that format (text: the .txt reports;
HTML; PDF); each round imports each folder into a fresh database with each binary, pinned
with taskset to one core (cpu 0) and to two (cpus 0-1), the binaries alternating. Printed:
median wall time, median CPU time (user + system of gov-db and its children, pdftotext
included), reports per second (by wall and by CPU), the two-core/one-core ratio of each
binary, and this/baseline on one core. With --callgrind, the instructions of one import of a
smaller folder per format on one core (valgrind --tool=callgrind, children not traced).
"""

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time

FORMATS = {
    "text": lambda n: n.endswith(".txt"),
    "html": lambda n: n.endswith(".html"),
    "pdf": lambda n: n.endswith(".pdf"),
}
CORES = {"1 core": "0", "2 cores": "0,1"}


def folder(work, fixtures, fmt, copies):
    """COPIES copies of each fixture report of the format, interleaved by copy."""
    d = os.path.join(work, f"reports-{fmt}-{copies}")
    names = sorted(n for n in os.listdir(fixtures) if FORMATS[fmt](n))
    if os.path.isdir(d) and len(os.listdir(d)) == copies * len(names):
        return d, len(names) * copies
    shutil.rmtree(d, ignore_errors=True)
    os.makedirs(d)
    for c in range(copies):
        for n in names:
            shutil.copy(os.path.join(fixtures, n), os.path.join(d, f"{c:04d}-{n}"))
    return d, len(names) * copies


def remove(db):
    for suffix in ("", "-wal", "-shm", "-journal"):
        if os.path.exists(db + suffix):
            os.remove(db + suffix)


def run(cmd, env=None):
    """Runs cmd; returns (wall s, cpu s of it and its children)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    p = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if p.returncode != 0:
        sys.stderr.write(p.stderr.decode("utf-8", "replace")[-2000:])
        raise SystemExit(f"failed: {' '.join(cmd)}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def callgrind(work, binary, d):
    db = os.path.join(work, "callgrind.db")
    remove(db)
    out = os.path.join(work, "callgrind.out")
    p = subprocess.run(
        ["taskset", "-c", "0", "valgrind", "--tool=callgrind", f"--callgrind-out-file={out}",
         binary, "--db", db, "import", d],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    remove(db)
    for line in p.stderr.decode("utf-8", "replace").splitlines():
        if "Collected :" in line:
            return int(line.split(":")[-1].strip())
    sys.stderr.write(p.stderr.decode("utf-8", "replace")[-2000:])
    return None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", action="append", required=True, help="NAME=PATH")
    ap.add_argument("--fixtures", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--copies", type=int, default=100)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--callgrind", action="store_true")
    args = ap.parse_args()
    bins = [b.split("=", 1) for b in args.bin]
    env = dict(os.environ)
    env.pop("GOV_DB_JOBS", None)
    env.pop("GOV_DB", None)
    # PDFs take about 20 times as long as a text report: fewer of them.
    folders = {}
    for fmt in FORMATS:
        copies = args.copies if fmt != "pdf" else max(1, args.copies // 5)
        folders[fmt] = folder(args.work, args.fixtures, fmt, copies)
    db = os.path.join(args.work, "reports.db")
    results = {}
    for r in range(args.runs):
        for fmt, (d, _) in folders.items():
            for cores, cpus in CORES.items():
                # Alternating which binary goes first, round by round.
                order = bins if r % 2 == 0 else bins[::-1]
                for name, path in order:
                    remove(db)
                    t = run(["taskset", "-c", cpus, path, "--db", db, "import", d], env)
                    results.setdefault((fmt, cores, name), []).append(t)
        print(f"round {r + 1} of {args.runs} done", file=sys.stderr)
    remove(db)

    med = {k: (statistics.median(w for w, _ in v), statistics.median(c for _, c in v))
           for k, v in results.items()}
    print(f"published reports imported, median of {args.runs} rounds "
          f"(wall s / cpu s; reports per second by wall and by cpu):")
    for fmt, (_, n) in folders.items():
        print(f"  {fmt} ({n} reports)")
        for cores in CORES:
            for name, _ in bins:
                w, c = med[(fmt, cores, name)]
                print(f"    {cores:8} {name:10} {w:7.2f} s wall {c:7.2f} s cpu "
                      f"{n / w:8.1f}/s {n / c:8.1f}/s cpu")
    print("ratios (medians):")
    this, base = bins[0][0], bins[1][0]
    for fmt in folders:
        line = []
        for name, _ in bins:
            line.append(f"{name} 2 cores/1 core {med[(fmt, '1 core', name)][0] / med[(fmt, '2 cores', name)][0]:.2f}x")
        w1, c1 = med[(fmt, "1 core", this)]
        w0, c0 = med[(fmt, "1 core", base)]
        line.append(f"1 core {this}/{base}: speed {w0 / w1:.2f}x by wall, {c0 / c1:.2f}x by cpu")
        print(f"  {fmt + ':':6}" + "; ".join(line))

    if args.callgrind:
        if not shutil.which("valgrind"):
            print("callgrind: valgrind is not installed (apt-get install valgrind)")
            return
        print("instructions of one import on one core (callgrind; gov-db only, not pdftotext):")
        for fmt in ("text", "html"):
            d, n = folder(args.work, args.fixtures, fmt, 5)
            counts = {name: callgrind(args.work, path, d) for name, path in bins}
            shown = ", ".join(f"{name} {c:,}" for name, c in counts.items() if c)
            ratio = ""
            if counts[this] and counts[base]:
                ratio = f"; {this}/{base} {counts[this] / counts[base]:.3f}"
            print(f"  {fmt} ({n} reports): {shown}{ratio}")


if __name__ == "__main__":
    main()
