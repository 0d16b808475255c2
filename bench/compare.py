#!/usr/bin/env python3
"""Side-by-side build benchmark: careerbook against Hugo on the same guides.

    python3 bench/compare.py [--sizes 1000 10000] [--runs 5] [--shared ../shared]

For each size N it writes the same N synthetic guides twice with the shared
corpus generator (careerbook's format and an equivalent Hugo site whose
templates render every field), on tmpfs, then alternates runs: careerbook,
Hugo, careerbook, Hugo, ... so machine noise hits both alike. It prints the
median wall time and peak memory of each, their ratio, and the I/O floor
(read every input byte, copy the output tree), plus `careerbook check`.

Needs: hugo (apt-get install hugo), GNU time at /usr/bin/time (apt-get
install time), a release build (cargo build --release).
"""

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WORK = "/dev/shm/careerbook-bench"


def run_timed(cmd):
    """Runs cmd under GNU time; returns (wall seconds, peak RSS in MiB)."""
    out = subprocess.run(
        ["/usr/bin/time", "-f", "%e %M", *cmd],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    if out.returncode != 0:
        sys.exit(f"failed: {' '.join(cmd)}\n{out.stderr}")
    wall, rss = out.stderr.strip().splitlines()[-1].split()
    return float(wall), int(rss) / 1024


def floor(src, out_tree):
    """Reads every input byte and copies an output tree: the I/O floor."""
    dest = os.path.join(WORK, "floor-copy")
    shutil.rmtree(dest, ignore_errors=True)
    t0 = time.perf_counter()
    for dirpath, _, files in os.walk(src):
        for f in files:
            with open(os.path.join(dirpath, f), "rb") as fh:
                fh.read()
    shutil.copytree(out_tree, dest)
    t = time.perf_counter() - t0
    shutil.rmtree(dest, ignore_errors=True)
    return t


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--shared", default=os.path.join(ROOT, "..", "shared"))
    args = ap.parse_args()
    gen = os.path.join(args.shared, "bench", "gen.py")
    if not os.path.exists(gen):
        sys.exit(f"corpus generator not found at {gen} (pass --shared DIR)")
    for tool in ("hugo", "/usr/bin/time"):
        if not shutil.which(tool):
            sys.exit(f"{tool} not found: apt-get install -y hugo time")
    cb = os.path.join(ROOT, "target", "release", "careerbook")
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    hugo_version = subprocess.run(["hugo", "version"], capture_output=True, text=True).stdout.split()[1]
    print(f"machine: {os.cpu_count()} cores; hugo {hugo_version}; {args.runs} alternating runs; tmpfs {WORK}")
    rows = []
    for n in args.sizes:
        corpus = os.path.join(WORK, f"g{n}")
        for fmt in ("careerbook", "hugo"):
            if not os.path.isdir(os.path.join(corpus, fmt)):
                subprocess.run([sys.executable, gen, "--n", str(n), "--out", os.path.join(corpus, fmt), "--format", fmt],
                               check=True, stdout=subprocess.DEVNULL)
        cb_out, hugo_out = os.path.join(WORK, f"o-cb-{n}"), os.path.join(WORK, f"o-hugo-{n}")
        cb_cmd = [cb, "build", "--root", os.path.join(corpus, "careerbook"), "--output", cb_out]
        hugo_cmd = ["hugo", "--quiet", "-s", os.path.join(corpus, "hugo"), "-d", hugo_out]
        check_cmd = [cb, "check", "--root", os.path.join(corpus, "careerbook")]
        res = {"cb": [], "hugo": [], "check": [], "floor": []}
        run_timed(cb_cmd), run_timed(hugo_cmd)  # warm-up
        for _ in range(args.runs):
            res["cb"].append(run_timed(cb_cmd))
            res["hugo"].append(run_timed(hugo_cmd))
            res["check"].append(run_timed(check_cmd))
            res["floor"].append((floor(os.path.join(corpus, "careerbook"), cb_out), 0))
        med = {k: statistics.median(t for t, _ in v) for k, v in res.items()}
        mem = {k: max(m for _, m in v) for k, v in res.items()}
        rows.append((n, med, mem))
        print(f"\nN = {n}")
        print(f"  careerbook build  {med['cb']:7.3f} s  peak {mem['cb']:7.0f} MiB")
        print(f"  hugo              {med['hugo']:7.3f} s  peak {mem['hugo']:7.0f} MiB")
        print(f"  careerbook check  {med['check']:7.3f} s  peak {mem['check']:7.0f} MiB")
        print(f"  I/O floor         {med['floor']:7.3f} s")
        print(f"  ratios: careerbook/hugo time {med['cb'] / med['hugo']:.3f}x, "
              f"memory {mem['cb'] / mem['hugo']:.3f}x, careerbook/floor {med['cb'] / med['floor']:.1f}x")
    if len(rows) >= 2:
        (n0, m0, _), (n1, m1, _) = rows[0], rows[-1]
        print(f"\nscaling {n0} -> {n1}: careerbook {m1['cb'] / m0['cb']:.1f}x, hugo {m1['hugo'] / m0['hugo']:.1f}x")


if __name__ == "__main__":
    main()
