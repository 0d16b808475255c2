#!/usr/bin/env python3
"""Save-to-reload latency of `careerbook serve`, end to end.

Copies a site into a temporary folder on tmpfs, starts `careerbook serve` on
a free port, listens to its live-reload stream (Server-Sent Events) as a
browser tab does, then edits guides one after another. Each edit is timed
from the moment the file is written to the moment the reload event arrives;
the edited page is then fetched to check that it shows the edit. This counts
everything an author waits for: the file system event, the debounce, the
rebuild and the event reaching the browser.

    python3 bench/serve_edit.py SITE_DIR [--edits 20]
    python3 ../shared/bench/gen.py --n 10000 --out /dev/shm/g10k --format careerbook
    python3 bench/serve_edit.py /dev/shm/g10k
"""

import argparse
import os
import queue
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def events(url, out):
    """Puts (arrival time, generation) for every `state` event on `out`."""
    with urllib.request.urlopen(url) as stream:
        for raw in stream:
            line = raw.decode("utf-8").strip()
            if line.startswith("data:"):
                m = re.search(r'"generation":\s*(\d+)', line)
                if m:
                    out.put((time.perf_counter(), int(m.group(1))))


def first_line(proc, seconds):
    """The first line `proc` prints, or exits the script after `seconds`
    (a serve that fails to start prints nothing and keeps its stdout open)."""
    lines = queue.Queue()
    threading.Thread(target=lambda: lines.put(proc.stdout.readline()), daemon=True).start()
    try:
        return lines.get(timeout=seconds)
    except queue.Empty:
        sys.exit(f"`careerbook serve` printed nothing in {seconds} s (exit code {proc.poll()})")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("site")
    ap.add_argument("--edits", type=int, default=20)
    args = ap.parse_args()
    cb = os.path.join(ROOT, "target", "release", "careerbook")
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    tmp_parent = "/dev/shm" if os.path.isdir("/dev/shm") else None
    with tempfile.TemporaryDirectory(prefix="careerbook-serve-", dir=tmp_parent) as tmp:
        site = os.path.join(tmp, "site")
        shutil.copytree(args.site, site)
        guides = sorted(
            os.path.join(dp, f)
            for dp, _, fs in os.walk(os.path.join(site, "guides"))
            for f in fs
            if f.endswith(".md")
        )
        server = subprocess.Popen(
            [cb, "serve", "--root", site, "--port", "0"],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        try:
            line = first_line(server, 600)
            m = re.search(r"Serving at (\S+)", line)
            if not m:
                sys.exit(f"unexpected first line from serve: {line!r}")
            base = m.group(1)
            origin = re.match(r"(https?://[^/]+)", base).group(1)
            got = queue.Queue()
            threading.Thread(
                target=events, args=(origin + "/__careerbook/livereload", got), daemon=True
            ).start()
            try:
                got.get(timeout=60)  # the current state, sent on connect
            except queue.Empty:
                sys.exit("the live-reload stream sent nothing within 60 s")
            latencies = []
            for k in range(args.edits):
                path = guides[k * len(guides) // args.edits]
                with open(path, encoding="utf-8") as f:
                    text = f.read()
                marker = f"Edited for the benchmark, {k}."
                # A late event of the previous edit must not end this one.
                while not got.empty():
                    got.get_nowait()
                start = time.perf_counter()
                with open(path, "w", encoding="utf-8") as f:
                    f.write(f"{text}\n{marker}\n")
                try:
                    arrived, _ = got.get(timeout=60)
                except queue.Empty:
                    sys.exit(f"no reload event within 60 s of editing {path} (serve exit code {server.poll()})")
                latencies.append(arrived - start)
                slug = os.path.splitext(os.path.basename(path))[0]
                with urllib.request.urlopen(f"{base}guides/{slug}/", timeout=30) as page:
                    if marker not in page.read().decode("utf-8"):
                        sys.exit(f"the page of {slug} does not show the edit")
                time.sleep(0.2)  # let the next edit be a separate save
        finally:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
    ms = sorted(x * 1000 for x in latencies)
    print(f"{len(guides)} guides, {args.edits} one-guide body edits through `careerbook serve`:")
    print(f"  save to reload event: median {statistics.median(ms):.1f} ms, min {ms[0]:.1f} ms, max {ms[-1]:.1f} ms")


if __name__ == "__main__":
    main()
