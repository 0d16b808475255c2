#!/usr/bin/env python3
"""Keystroke-to-diagnostics latency of `careerbook lsp`, end to end.

Starts `careerbook lsp` as an editor does, opens a guide of SITE_DIR and
then edits it over and over, alternating an edit that breaks it (`title:`
becomes `titel:`) and one that mends it: each edit changes the guide's
diagnostics, so each is answered by a `publishDiagnostics`, timed from the
moment the `didChange` is written. A second series edits another guide, the
one the first links to, renaming its slug and back: the first guide's link
breaks and mends, which only the site-wide rules see. Nothing is written to
SITE_DIR. `careerbook check` on the same site is timed for comparison.

    python3 ../shared/bench/gen.py --n 1000 --out /tmp/g1k --format careerbook
    python3 bench/lsp_edit.py /tmp/g1k [--edits 40]
"""

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


class Server:
    """One `careerbook lsp` process and its JSON-RPC stream."""

    def __init__(self, binary):
        self.proc = subprocess.Popen(
            [binary, "lsp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE
        )
        self.next_id = 0

    def send(self, message):
        body = json.dumps(dict(message, jsonrpc="2.0")).encode()
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n%s" % (len(body), body))
        self.proc.stdin.flush()

    def read(self):
        length = None
        while True:
            line = self.proc.stdout.readline()
            if not line:
                sys.exit("careerbook lsp closed its output")
            if line == b"\r\n":
                break
            name, _, value = line.decode().partition(":")
            if name.lower() == "content-length":
                length = int(value)
        return json.loads(self.proc.stdout.read(length))

    def request(self, method, params):
        self.next_id += 1
        self.send({"id": self.next_id, "method": method, "params": params})
        while True:
            m = self.read()
            if m.get("id") == self.next_id and "method" not in m:
                return m

    def diagnostics(self, uri):
        """Waits for the next diagnostics of `uri`; returns them."""
        while True:
            m = self.read()
            if m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri:
                return m["params"]["diagnostics"]


def summary(times):
    times = sorted(times)
    p90 = times[min(len(times) - 1, int(len(times) * 0.9))]
    return f"median {statistics.median(times):.1f} ms, p90 {p90:.1f} ms, max {times[-1]:.1f} ms"


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("site")
    ap.add_argument("--edits", type=int, default=40)
    ap.add_argument("--binary", default=str(ROOT / "target" / "release" / "careerbook"))
    args = ap.parse_args()
    site = Path(args.site).resolve()
    guides = sorted((site / "guides").rglob("*.md"))
    print(f"{len(guides)} guides in {site}")

    runs = []
    for _ in range(3):
        start = time.perf_counter()
        subprocess.run([args.binary, "check", "--root", str(site)], capture_output=True)
        runs.append((time.perf_counter() - start) * 1000)
    print(f"careerbook check, whole site: {summary(runs)} (3 runs)")

    # A guide that links to another one by slug.
    first, target = None, None
    for g in guides:
        m = re.search(r"^\s+guide: (\S+)", g.read_text(encoding="utf-8"), re.M)
        if m and (site / "guides" / f"{m.group(1)}.md").exists():
            first, target = g, site / "guides" / f"{m.group(1)}.md"
            break
    if first is None:
        sys.exit("no guide links to another one by its file name's slug")

    server = Server(args.binary)
    server.request("initialize", {"processId": os.getpid(), "rootUri": site.as_uri(), "capabilities": {}})
    server.send({"method": "initialized", "params": {}})
    uri = first.as_uri()
    text = first.read_text(encoding="utf-8")
    start = time.perf_counter()
    server.send({"method": "textDocument/didOpen", "params": {"textDocument": {
        "uri": uri, "languageId": "markdown", "version": 1, "text": text}}})
    server.diagnostics(uri)
    print(f"first diagnostics after opening a guide (every guide read): {(time.perf_counter() - start) * 1000:.0f} ms")

    broken = text.replace("title:", "titel:", 1)
    version = 1
    times = []
    for i in range(args.edits):
        version += 1
        new = broken if i % 2 == 0 else text
        start = time.perf_counter()
        server.send({"method": "textDocument/didChange", "params": {
            "textDocument": {"uri": uri, "version": version},
            "contentChanges": [{"text": new}]}})
        found = server.diagnostics(uri)
        times.append((time.perf_counter() - start) * 1000)
        codes = {d["code"] for d in found}
        assert ("E0101" in codes) == (new is broken), codes
    print(f"edit of the open guide -> its diagnostics: {summary(times)} ({args.edits} edits)")

    turi = target.as_uri()
    ttext = target.read_text(encoding="utf-8")
    server.send({"method": "textDocument/didOpen", "params": {"textDocument": {
        "uri": turi, "languageId": "markdown", "version": 1, "text": ttext}}})
    renamed = re.sub(r"^title: .*$", lambda m: m.group(0) + "\nslug: renamed-for-the-bench", ttext, count=1, flags=re.M)
    times = []
    for i in range(args.edits):
        version += 1
        new = renamed if i % 2 == 0 else ttext
        start = time.perf_counter()
        server.send({"method": "textDocument/didChange", "params": {
            "textDocument": {"uri": turi, "version": version},
            "contentChanges": [{"text": new}]}})
        found = server.diagnostics(uri)
        times.append((time.perf_counter() - start) * 1000)
        codes = {d["code"] for d in found}
        assert ("E0305" in codes) == (new is renamed), codes
    print(f"edit of another guide -> the linking guide's diagnostics: {summary(times)} ({args.edits} edits)")

    server.request("shutdown", None)
    server.send({"method": "exit"})
    code = server.proc.wait(timeout=10)
    print(f"exit code {code}")


if __name__ == "__main__":
    main()
