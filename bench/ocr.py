#!/usr/bin/env python3
"""OCR pages per second, and where an OCR page's time goes.

Called by bench/ocr.sh, which builds this tree's gov-db and (unless the baseline is `none`) a
baseline's. Each round imports each scan (`--dry-run`) with each binary, the binaries
alternating, with `--jobs 1` pinned with taskset to one core (cpu 0) and `--jobs 2` to two
(cpus 0-1). Printed: median wall time and median CPU time (user + system of gov-db and its
children: pdftoppm and tesseract included; the machine may be shared, so CPU is the steadier
figure), pages per second by wall and by CPU, and the ratios.

Then one more import of each scan per binary on one core, with every program gov-db starts
(tesseract, pdftoppm, pdfinfo, pdftotext) run through a wrapper that logs its CPU time and,
for tesseract, how many images it was given: tesseract runs per page and CPU per page by kind
of run (the page's words, digits by each model, labels read alone), and gov-db's own CPU per
page (the image work: straightening, grid, ink, cutting cells).
"""

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time

CORES = {"1 core": ("0", "1"), "2 cores": ("0,1", "2")}
# The scans: (file under tests/fixtures/scans, extra import arguments).
SCANS = {
    "huaian-2024-scan.pdf": ["--agency", "淮安市人民政府"],
}
PROGRAMS = ["tesseract", "pdftoppm", "pdfinfo", "pdftotext"]


def pages_of(pdf):
    out = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True, check=True).stdout
    return int(next(l.split()[1] for l in out.splitlines() if l.startswith("Pages:")))


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
    # A scan refused (the damaged fixtures) still measures the reading.
    if p.returncode not in (0, 1):
        sys.stderr.write(p.stderr.decode("utf-8", "replace")[-2000:])
        raise SystemExit(f"failed: {' '.join(cmd)}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def wrappers(work):
    """A folder of wrappers, one per program gov-db starts, each logging its CPU time."""
    d = os.path.join(work, "wrapped")
    os.makedirs(d, exist_ok=True)
    for prog in PROGRAMS:
        real = shutil.which(prog)
        if not real:
            continue
        path = os.path.join(d, prog)
        with open(path, "w") as f:
            f.write(
                "#!/bin/sh\n"
                # Images in the run: a list file holds one a line.
                'n=1; case "$1" in *.txt) n=$(wc -l < "$1");; esac\n'
                f'exec /usr/bin/time -a -o "$OCR_BENCH_LOG" -f "%U %S %e {prog} $n $*" '
                f'{real} "$@"\n'
            )
        os.chmod(path, 0o755)
    return d


def kind(prog, args):
    """What a logged run was for."""
    if prog != "tesseract":
        return prog
    if "--list-langs" in args:
        return "tesseract --list-langs"
    if any("whitelist" in a for a in args):
        lang = args[args.index("-l") + 1]
        return f"tesseract digits {lang}"
    psm = args[args.index("--psm") + 1] if "--psm" in args else "?"
    what = {"11": "page words", "6": "labels alone"}.get(psm, f"psm {psm}")
    return f"tesseract {what}"


def breakdown(work, path, pdf, extra, pages, env):
    """One import on one core with every program logged: (kinds, total cpu)."""
    log = os.path.join(work, "programs.log")
    if os.path.exists(log):
        os.remove(log)
    wrapped = dict(env)
    wrapped["PATH"] = wrappers(work) + os.pathsep + env.get("PATH", "")
    wrapped["OCR_BENCH_LOG"] = log
    db = os.path.join(work, "ocr.db")
    remove(db)
    _, total = run(["taskset", "-c", "0", path, "--db", db, "import", "--jobs", "1",
                    "--dry-run", *extra, pdf], wrapped)
    kinds = {}
    with open(log) as f:
        for line in f:
            parts = line.split()
            if len(parts) < 5 or not parts[0][0].isdigit():
                continue  # time's notes ("Command exited with non-zero status")
            u, s, _, prog, n, *args = parts
            k = kinds.setdefault(kind(prog, args), [0, 0, 0.0])
            k[0] += 1
            k[1] += int(n)
            k[2] += float(u) + float(s)
    return kinds, total


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", action="append", required=True, help="NAME=PATH")
    ap.add_argument("--scans", required=True, help="the folder of scans")
    ap.add_argument("--work", required=True)
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    bins = [b.split("=", 1) for b in args.bin]
    env = dict(os.environ)
    for var in ("GOV_DB_JOBS", "GOV_DB", "RAYON_NUM_THREADS"):
        env.pop(var, None)
    scans = {name: (os.path.join(args.scans, name), extra, pages_of(os.path.join(args.scans, name)))
             for name, extra in SCANS.items()}
    db = os.path.join(args.work, "ocr.db")
    results = {}
    for r in range(args.runs):
        for name, (pdf, extra, _) in scans.items():
            for cores, (cpus, jobs) in CORES.items():
                order = bins if r % 2 == 0 else bins[::-1]
                for b, path in order:
                    remove(db)
                    t = run(["taskset", "-c", cpus, path, "--db", db, "import", "--jobs", jobs,
                             "--dry-run", *extra, pdf], env)
                    results.setdefault((name, cores, b), []).append(t)
        print(f"round {r + 1} of {args.runs} done", file=sys.stderr)
    remove(db)

    med = {k: (statistics.median(w for w, _ in v), statistics.median(c for _, c in v))
           for k, v in results.items()}
    print(f"OCR, median of {args.runs} rounds (wall s / cpu s; pages per second by wall and by cpu):")
    this = bins[0][0]
    for name, (_, _, n) in scans.items():
        print(f"  {name} ({n} pages)")
        for cores in CORES:
            for b, _ in bins:
                w, c = med[(name, cores, b)]
                print(f"    {cores:8} {b:10} {w:7.2f} s wall {c:7.2f} s cpu "
                      f"{n / w:6.3f} pages/s {n / c:6.3f} pages/cpu-s")
        for b, _ in bins:
            print(f"    {b}: 2 cores/1 core {med[(name, '1 core', b)][0] / med[(name, '2 cores', b)][0]:.2f}x by wall")
        if len(bins) > 1:
            base = bins[1][0]
            for cores in CORES:
                w1, c1 = med[(name, cores, this)]
                w0, c0 = med[(name, cores, base)]
                print(f"    {cores}: {this}/{base} speed {w0 / w1:.2f}x by wall, {c0 / c1:.2f}x by cpu")

    print("where a page's time goes (one import on one core, every program logged; cpu s per page):")
    for name, (pdf, extra, n) in scans.items():
        print(f"  {name}")
        for b, path in bins:
            kinds, total = breakdown(args.work, path, pdf, extra, n, env)
            programs = sum(k[2] for k in kinds.values())
            runs = sum(k[0] for kd, k in kinds.items() if kd.startswith("tesseract"))
            print(f"    {b}: {total / n:.2f} s cpu per page, of which gov-db's own "
                  f"{(total - programs) / n:.2f}; {runs / n:.1f} tesseract runs per page")
            for kd, (count, images, cpu) in sorted(kinds.items()):
                print(f"      {kd:26} {count / n:5.1f} runs {images / n:7.1f} images "
                      f"{cpu / n:6.2f} s cpu per page")


if __name__ == "__main__":
    main()
