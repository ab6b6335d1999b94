#!/usr/bin/env python3
"""Published reports imported per second, by format, on one core and on two.

Called by bench/reports.sh, which builds this tree's gov-db and (unless the baseline is
`none`) a baseline's. A folder per format holds copies of each fixture report of that format
(text: the .txt reports; HTML; PDF; Word .docx; Excel .xlsx; Word 97 .doc, which includes
LibreOffice's conversion; the clean scanned PDF, read by OCR, counted in pages; `metafile`,
the Word reports whose tables are EMF or WMF, printed by LibreOffice, and `wordocr`, the same
report with its tables as PNG pictures, read by OCR: not in the default set); each round
imports each folder into a fresh database with each binary, with `--jobs 1` pinned with
taskset to one core (cpu 0) and `--jobs 2` to two (cpus 0-1), the binaries alternating.
Printed: median wall time, median CPU time (user + system of gov-db and its children:
pdftotext, soffice, tesseract included), reports (or pages) per second by wall and by CPU,
the two-core/one-core ratio of each binary, and this/baseline on one core. With --callgrind,
the instructions of one import of a smaller folder per format on one core (valgrind
--tool=callgrind, children not traced).
"""

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time

# Format: (folder under tests/fixtures, which files, copies per COPIES, extra import
# arguments, pages a file). The slow formats get fewer copies: a PDF takes about 20 times as
# long as a text report, a .doc (LibreOffice starting) and a scanned page (OCR) seconds.
FORMATS = {
    "text": ("reports", lambda n: n.endswith(".txt"), 1, [], 1),
    "html": ("reports", lambda n: n.endswith(".html"), 1, [], 1),
    "pdf": ("reports", lambda n: n.endswith(".pdf"), 1 / 5, [], 1),
    "docx": ("office", lambda n: n.endswith(".docx"), 1 / 2, [], 1),
    # 淮安's workbook names neither agency nor year (it asks for --agency): left out.
    "xlsx": ("office", lambda n: n.endswith(".xlsx") and not n.startswith("huaian"), 1 / 2, [], 1),
    "doc": ("office", lambda n: n.endswith(".doc"), 1 / 50, [], 1),
    "scan": ("scans", lambda n: n == "huaian-2024-scan.pdf", 1 / 50,
             ["--agency", "淮安市人民政府"], 3),
    # Word reports whose tables are metafiles (EMF, WMF; .docx and .doc), printed by LibreOffice,
    # and the same report with its tables as pixels (PNG), read by OCR: the two ways a Word
    # report's pictures of tables are read.
    "metafile": ("pictures", lambda n: "-word-emf." in n or "-word-wmf." in n, 1 / 50, [], 1),
    "wordocr": ("pictures", lambda n: n == "pingtan-2024-word-pictures.docx", 1 / 50, [], 1),
}
CORES = {"1 core": ("0", "1"), "2 cores": ("0,1", "2")}


def folder(work, fixtures, fmt, copies):
    """COPIES copies of each fixture report of the format, interleaved by copy."""
    d = os.path.join(work, f"reports-{fmt}-{copies}")
    sub = os.path.join(fixtures, FORMATS[fmt][0])
    names = sorted(n for n in os.listdir(sub) if FORMATS[fmt][1](n))
    if os.path.isdir(d) and len(os.listdir(d)) == copies * len(names):
        return d, len(names) * copies
    shutil.rmtree(d, ignore_errors=True)
    os.makedirs(d)
    for c in range(copies):
        for n in names:
            shutil.copy(os.path.join(sub, n), os.path.join(d, f"{c:04d}-{n}"))
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
    default = [f for f in FORMATS if f not in ("metafile", "wordocr")]
    ap.add_argument("--formats", default=",".join(default), help="a comma-separated subset")
    args = ap.parse_args()
    formats = [f for f in args.formats.split(",") if f]
    bins = [b.split("=", 1) for b in args.bin]
    env = dict(os.environ)
    env.pop("GOV_DB_JOBS", None)
    env.pop("GOV_DB", None)
    folders = {}
    for fmt in formats:
        copies = max(1, int(args.copies * FORMATS[fmt][2]))
        folders[fmt] = folder(args.work, args.fixtures, fmt, copies)
    db = os.path.join(args.work, "reports.db")
    results = {}
    for r in range(args.runs):
        for fmt, (d, _) in folders.items():
            for cores, (cpus, jobs) in CORES.items():
                # Alternating which binary goes first, round by round.
                order = bins if r % 2 == 0 else bins[::-1]
                for name, path in order:
                    remove(db)
                    t = run(["taskset", "-c", cpus, path, "--db", db, "import", "--jobs", jobs,
                             *FORMATS[fmt][3], d], env)
                    results.setdefault((fmt, cores, name), []).append(t)
        print(f"round {r + 1} of {args.runs} done", file=sys.stderr)
    remove(db)

    med = {k: (statistics.median(w for w, _ in v), statistics.median(c for _, c in v))
           for k, v in results.items()}
    print(f"published reports imported, median of {args.runs} rounds "
          f"(wall s / cpu s; reports, or scanned pages, per second by wall and by cpu):")
    for fmt, (_, files) in folders.items():
        n = files * FORMATS[fmt][4]
        unit = "pages" if FORMATS[fmt][4] > 1 else "reports"
        print(f"  {fmt} ({files} files, {n} {unit})")
        for cores in CORES:
            for name, _ in bins:
                w, c = med[(fmt, cores, name)]
                print(f"    {cores:8} {name:10} {w:7.2f} s wall {c:7.2f} s cpu "
                      f"{n / w:8.2f}/s {n / c:8.2f}/s cpu")
    print("ratios (medians):")
    this = bins[0][0]
    for fmt in folders:
        line = []
        for name, _ in bins:
            line.append(f"{name} 2 cores/1 core {med[(fmt, '1 core', name)][0] / med[(fmt, '2 cores', name)][0]:.2f}x")
        if len(bins) > 1:
            base = bins[1][0]
            w1, c1 = med[(fmt, "1 core", this)]
            w0, c0 = med[(fmt, "1 core", base)]
            line.append(f"1 core {this}/{base}: speed {w0 / w1:.2f}x by wall, {c0 / c1:.2f}x by cpu")
        print(f"  {fmt + ':':6}" + "; ".join(line))

    if args.callgrind:
        if not shutil.which("valgrind"):
            print("callgrind: valgrind is not installed (apt-get install valgrind)")
            return
        print("instructions of one import on one core (callgrind; gov-db only, not pdftotext):")
        for fmt in [f for f in ("text", "html") if f in folders]:
            d, n = folder(args.work, args.fixtures, fmt, 5)
            counts = {name: callgrind(args.work, path, d) for name, path in bins}
            shown = ", ".join(f"{name} {c:,}" for name, c in counts.items() if c)
            ratio = ""
            base = bins[-1][0]
            if len(bins) > 1 and counts[this] and counts[base]:
                ratio = f"; {this}/{base} {counts[this] / counts[base]:.3f}"
            print(f"  {fmt} ({n} reports): {shown}{ratio}")


if __name__ == "__main__":
    main()
