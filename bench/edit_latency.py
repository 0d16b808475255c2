#!/usr/bin/env python3
"""Save-to-rebuilt latency of `careerbook serve`, per kind of edit.

Copies a site to a temporary folder (on /dev/shm when there is one), starts
`careerbook serve` on a free port (release build), listens to its
live-reload stream as a browser tab does, and makes edits of each kind one
after another: body, summary, title, family, salary figure, progression
link, add a guide, delete a guide, rename a guide file. Each edit is timed
from the moment the file is written to the last live-reload event it
causes (waiting until the server has been quiet for `--quiet` ms): this is
what an author waits for, file system event, debounce, rebuild and the
event reaching the page. The time serve itself prints ("rebuilt in N ms",
summed over the rebuilds an edit caused) is shown next to it. After each
edit the page concerned is fetched to check that it shows the edit.

    python3 ../shared/bench/gen.py --n 10000 --out /tmp/g10k --format careerbook
    python3 bench/edit_latency.py /tmp/g10k [--edits 7] [--bin PATH] [--kinds title,family]

Prints one row per kind: median and max of save-to-reload, median of the
rebuild time serve reports, in milliseconds.
"""

import argparse
import os
import queue
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
KINDS = [
    "body",
    "summary",
    "title",
    "family",
    "salary",
    "progression",
    "add",
    "delete",
    "rename",
]


def events(url, out):
    """Puts the arrival time of every live-reload `state` event on `out`."""
    with urllib.request.urlopen(url) as stream:
        for raw in stream:
            line = raw.decode("utf-8").strip()
            if line.startswith("data:") and '"generation"' in line:
                out.put(time.perf_counter())


def stderr_lines(pipe, out):
    """Puts (arrival time, line) for every line serve prints on standard
    error on `out`."""
    for line in pipe:
        out.put((time.perf_counter(), line.rstrip("\n")))


def first_line(proc, seconds):
    """The first line `proc` prints, or exits the script after `seconds`
    (a serve that fails to start prints nothing and keeps its stdout open)."""
    lines = queue.Queue()
    threading.Thread(target=lambda: lines.put(proc.stdout.readline()), daemon=True).start()
    try:
        return lines.get(timeout=seconds)
    except queue.Empty:
        sys.exit(f"`careerbook serve` printed nothing in {seconds} s (exit code {proc.poll()})")


def wait_quiet(got, log, quiet):
    """Waits for a rebuild line, then until neither queue has had anything
    for `quiet` seconds. Returns the time of the last rebuild line or
    event, and the lines."""
    lines, last = [], None
    deadline = time.perf_counter() + 120
    while time.perf_counter() < deadline:
        try:
            at, line = log.get(timeout=0.005)
            lines.append(line)
            if "rebuil" in line:
                last = at
        except queue.Empty:
            pass
        try:
            last = max(last or 0, got.get_nowait())
        except queue.Empty:
            pass
        if last is not None and time.perf_counter() - last > quiet:
            return last, lines
    sys.exit("no rebuild within 120 s:\n" + "\n".join(lines))


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def fetch(url):
    """(status, text) of a page of the served site."""
    try:
        with urllib.request.urlopen(url, timeout=30) as r:
            return r.status, r.read().decode("utf-8")
    except urllib.error.HTTPError as e:
        return e.code, ""


def sub_line(text, key, make):
    """Replaces the first top-level `key: value` line of the front matter."""
    m = re.search(rf"^{key}: (.*)$", text, re.M)
    if not m:
        return None
    return text[: m.start()] + f"{key}: {make(m.group(1))}" + text[m.end() :]


class Site:
    """The copied site and what the edits need to know of it."""

    def __init__(self, root):
        self.root = root
        self.guides = os.path.join(root, "guides")
        self.files = sorted(f for f in os.listdir(self.guides) if f.endswith(".md"))
        self.families = sorted(
            {
                m.group(1)
                for f in self.files[:500]
                for m in [re.search(r"^family: (.*)$", read(self.path(f)), re.M)]
                if m
            }
        )
        self.added = []
        self.rng = random.Random(7)

    def path(self, name):
        return os.path.join(self.guides, name)

    def pick(self, k, n, need=None):
        """The k-th of n guides spread over the site, having `need` in it."""
        step = len(self.files) // (n + 1)
        i = (k + 1) * step
        while need and need not in read(self.path(self.files[i])):
            i += 1
        return self.files[i]

    def slug(self, name):
        m = re.search(r"^slug: (\S+)$", read(self.path(name)), re.M)
        return m.group(1) if m else name[:-3]

    def edit(self, kind, k, n):
        """Makes edit k of n of `kind`; returns (page slug, text it must
        show or None, whether the page must exist)."""
        mark = f"Benchmark edit {kind} {k}"
        if kind in ("body", "summary", "title", "family", "salary", "progression"):
            need = {"salary": "      min: ", "progression": "      guide: "}.get(kind)
            name = self.pick(k, n, need)
            path = self.path(name)
            text = read(path)
            shows = mark
            if kind == "body":
                new = f"{text}\n{mark}.\n"
            elif kind == "summary":
                new = sub_line(text, "summary", lambda v: f"{mark}. {v}")
            elif kind == "title":
                new = sub_line(text, "title", lambda v: f"{v} {mark}")
            elif kind == "family":
                new = sub_line(
                    text,
                    "family",
                    lambda v: [f for f in self.families if f != v][k % (len(self.families) - 1)],
                )
                shows = None
            elif kind == "salary":
                m = re.search(r"^      min: (\d+)$", text, re.M)
                figure = int(m.group(1)) - 1000 * (k + 1)
                new = text[: m.start()] + f"      min: {figure}" + text[m.end() :]
                shows = None
            else:
                m = re.search(r"^      guide: (\S+)$", text, re.M)
                target = self.slug(self.files[(self.files.index(name) + 97) % len(self.files)])
                new = text[: m.start()] + f"      guide: {target}" + text[m.end() :]
                shows = None
            with open(path, "w", encoding="utf-8") as f:
                f.write(new)
            return self.slug(name), shows, True
        if kind == "add":
            source = read(self.path(self.pick(k, n)))
            slug = f"bench-added-{k}"
            text = sub_line(source, "slug", lambda v: slug)
            text = sub_line(text, "title", lambda v: f"{v} {mark}")
            with open(self.path(slug + ".md"), "w", encoding="utf-8") as f:
                f.write(text)
            self.added.append(slug)
            return slug, mark, True
        if kind == "delete":
            slug = self.added.pop(0) if self.added else self.slug(self.pick(k, n))
            os.remove(self.path(slug + ".md"))
            return slug, None, False
        if kind == "rename":
            name = self.pick(k, n)
            slug = self.slug(name)
            new = name[:-3] + "-renamed.md"
            os.rename(self.path(name), self.path(new))
            self.files[self.files.index(name)] = new
            return slug, None, True
        raise ValueError(kind)


def drain(q):
    items = []
    while True:
        try:
            items.append(q.get_nowait())
        except queue.Empty:
            return items


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("site")
    ap.add_argument("--edits", type=int, default=7, help="edits per kind (median of these)")
    ap.add_argument("--bin", help="careerbook binary (default: build target/release)")
    ap.add_argument("--kinds", default=",".join(KINDS))
    ap.add_argument("--quiet", type=int, default=400, help="ms without events that end an edit")
    args = ap.parse_args()
    kinds = args.kinds.split(",")
    cb = args.bin
    if not cb:
        cb = os.path.join(ROOT, "target", "release", "careerbook")
        subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    tmp_parent = "/dev/shm" if os.path.isdir("/dev/shm") else None
    rows = []
    with tempfile.TemporaryDirectory(prefix="careerbook-edit-", dir=tmp_parent) as tmp:
        root = os.path.join(tmp, "site")
        shutil.copytree(args.site, root)
        site = Site(root)
        server = subprocess.Popen(
            [cb, "serve", "--root", root, "--port", "0"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        got, log = queue.Queue(), queue.Queue()
        # Read standard error from the start: the first build's warnings
        # would otherwise fill the pipe and stop the server.
        threading.Thread(target=stderr_lines, args=(server.stderr, log), daemon=True).start()
        try:
            line = first_line(server, 600)
            m = re.search(r"Serving at (\S+)", line)
            if not m:
                sys.exit(f"unexpected first line from serve: {line!r}")
            base = m.group(1)
            origin = re.match(r"(https?://[^/]+)", base).group(1)
            threading.Thread(
                target=events, args=(origin + "/__careerbook/livereload", got), daemon=True
            ).start()
            try:
                got.get(timeout=120)  # the current state, sent on connect
            except queue.Empty:
                sys.exit("the live-reload stream sent nothing within 120 s")
            time.sleep(0.5)
            drain(log)
            for kind in kinds:
                waits, rebuilds = [], []
                for k in range(args.edits):
                    drain(got)
                    start = time.perf_counter()
                    slug, shows, exists = site.edit(kind, k, args.edits)
                    # The edit is done when serve has printed its rebuild and
                    # sent its reload event (none when no page changed, as
                    # for a rename), and stays quiet for `--quiet` ms.
                    last, lines = wait_quiet(got, log, args.quiet / 1000)
                    waits.append((last - start) * 1000)
                    failed = [x for x in lines if "failed" in x or x.startswith("error")]
                    if failed:
                        sys.exit(f"{kind} edit {k}: {failed[0]}\n" + "\n".join(lines))
                    rebuilds.append(
                        sum(int(m.group(1)) for x in lines for m in [re.search(r"rebuilt in (\d+) ms", x)] if m)
                    )
                    status, page = fetch(f"{base}guides/{slug}/")
                    if exists != (status == 200) or (shows and shows not in page):
                        sys.exit(f"{kind} edit {k}: guides/{slug}/ gave {status}, edit not shown")
                rows.append((kind, statistics.median(waits), max(waits), statistics.median(rebuilds)))
                print(
                    f"{kind:12} save-to-reload median {rows[-1][1]:6.1f} ms (max {rows[-1][2]:6.1f}), "
                    f"rebuild median {rows[-1][3]:5.0f} ms",
                    file=sys.stderr,
                    flush=True,
                )
        finally:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
    print(f"{len(site.files)} guides, {args.edits} edits per kind, `careerbook serve` ({cb}):")
    print("| edit | save to reload, median | max | rebuild (serve's own), median |")
    print("| --- | ---: | ---: | ---: |")
    for kind, med, mx, reb in rows:
        print(f"| {kind} | {med:.0f} ms | {mx:.0f} ms | {reb:.0f} ms |")


if __name__ == "__main__":
    main()
