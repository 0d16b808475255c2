#!/usr/bin/env python3
"""Times `careerbook check` and `build` on inputs built to be slow: many
equal headings, deep raw HTML, deep quotes and lists, long lines, huge
lists, alias bombs, all under the 4 MiB guide limit.

Usage: bench/hostile_inputs.py [CAREERBOOK_BINARY] [RUNS]

Each case is one guide in a fresh `careerbook init` site; the table shows
the input size, the exit code and the median wall time of RUNS runs of
`check` and of `build` (a refusal counts: it must be quick too).
"""
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

BIN = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else "target/release/careerbook")
RUNS = int(sys.argv[2]) if len(sys.argv) > 2 else 3
GUIDE = "guides/site-reliability-engineer.md"


def body(text):
    return lambda fm, b: (fm, b + "\n" + text)


def front(edit):
    return lambda fm, b: (edit(fm), b)


def nest(n, open_, close):
    return open_ * n + "x" + close * n


CASES = [
    ("20,000 equal headings", body("## Same\n\n" * 20_000), False),
    ("100,000 equal headings", body("## Same\n\n" * 100_000), False),
    ("100,000 nested <div>, raw HTML on", body(nest(100_000, "<div>", "</div>")), True),
    ("200,000 nested <div>, raw HTML on", body(nest(200_000, "<div>", "</div>")), True),
    ("100,000 nested <div>, raw HTML off", body(nest(100_000, "<div>", "</div>")), False),
    ("100,000 nested block quotes", body("> " * 100_000 + "x\n"), False),
    ("1,000 nested and 49,000 flat list items", body("".join("  " * i + "- x\n" for i in range(1_000)) + "- x\n" * 49_000), False),
    ("1,000,000 emphasis openers", body("*a " * 1_000_000), False),
    ("500,000 link openers", body("[a" * 500_000), False),
    ("one 3.5 MB paragraph", body("word " * 700_000), False),
    ("3.5 MB line in a field", front(lambda fm: fm.replace("summary: ", "summary: " + "x" * 3_500_000, 1)), False),
    ("3.5 MB unclosed quote (error)", front(lambda fm: fm.replace("summary: ", "summary: \"" + "x" * 3_500_000, 1)), False),
    ("100,000 skills", front(lambda fm: fm.replace("skills:\n", "skills:\n" + "  - Skill\n" * 100_000, 1)), False),
    ("alias bomb (error)", front(lambda fm: fm.replace("tags:", "a: &a [x,x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e,*e]\ntags:", 1)), False),
    ("60 levels of nested flow lists", front(lambda fm: fm.replace("tags: [", "x: " + "[" * 60 + "]" * 60 + "\ntags: [", 1)), False),
    # YAML errors that the explanation reads the whole text for, and parses
    # again with each fix it tries.
    ("100,000 skills, the last dedented (error)", front(lambda fm: fm.replace("skills:\n", "skills:\n" + "  - Skill\n" * 100_000 + " - Odd\n", 1)), False),
    ("100,000 skills, then no colon (error)", front(lambda fm: fm.replace("skills:\n", "skills:\n" + "  - Skill\n" * 100_000 + "oops here\n", 1)), False),
    ("a list left open over 100,000 lines (error)", front(lambda fm: fm.replace("tags: [", "x: [\n" + "  a,\n" * 100_000 + "tags: [", 1)), False),
]


def timed(args):
    start = time.perf_counter()
    proc = subprocess.run(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start, proc.returncode


def main():
    print(f"| input | guide size | check exit | check median | build exit | build median |")
    print(f"|---|---|---|---|---|---|")
    for name, make, raw in CASES:
        with tempfile.TemporaryDirectory() as tmp:
            subprocess.run([BIN, "init", tmp], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            if raw:
                with open(os.path.join(tmp, "site.yaml"), "a") as f:
                    f.write("allow_raw_html: true\n")
            path = os.path.join(tmp, GUIDE)
            text = open(path).read()
            _, fm, b = text.split("---\n", 2)
            fm, b = make(fm, b)
            data = f"---\n{fm}---\n{b}"
            open(path, "w").write(data)
            size = len(data.encode())
            row = [name, f"{size / 1024 / 1024:.2f} MiB" if size > 1 << 20 else f"{size // 1024} KiB"]
            for cmd in ("check", "build"):
                times, codes = [], set()
                for _ in range(RUNS):
                    t, code = timed([BIN, cmd, "--root", tmp])
                    times.append(t)
                    codes.add(code)
                    shutil.rmtree(os.path.join(tmp, "output"), ignore_errors=True)
                row += [",".join(map(str, sorted(codes))), f"{statistics.median(times) * 1000:.0f} ms"]
            print("| " + " | ".join(row) + " |", flush=True)


main()
