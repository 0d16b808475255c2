#!/usr/bin/env bash
# How big the published site's files grow with the number of guides.
#
#   bench/site_size.sh [N ...]        (default: 10000 100000)
#
# For each N, generates N synthetic guides with the shared corpus generator
# (gen.py, on tmpfs when /dev/shm exists), builds them with the release
# binary and prints: the build's wall time and peak memory, the largest
# HTML page (path and KB), how many HTML pages are over 200 KB, the size of
# feed.xml and its entries, each sitemap file with its URL count, and the
# bytes a search for "platform" and "data engineer" transfers.
#
# Needs: python3; the generator at ../shared/bench/gen.py (or $GEN).
# CAREERBOOK_BIN=path uses that binary instead of building release;
# TMP_BASE=dir writes there instead of /dev/shm.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
GEN=${GEN:-"$ROOT/../shared/bench/gen.py"}
SIZES=("$@")
[ ${#SIZES[@]} -gt 0 ] || SIZES=(10000 100000)
# TMP_BASE=dir puts the corpus and its output there (100,000 guides write
# some gigabytes: more than a small tmpfs holds).
if [ -z "${TMP_BASE:-}" ]; then
    TMP_BASE=/tmp
    [ -d /dev/shm ] && TMP_BASE=/dev/shm
fi

# CAREERBOOK_BIN: a binary already built, instead of building release.
BIN=${CAREERBOOK_BIN:-}
if [ -z "$BIN" ]; then
    cargo build --release --quiet --manifest-path "$ROOT/Cargo.toml"
    BIN="$ROOT/target/release/careerbook"
fi

for n in "${SIZES[@]}"; do
    dir=$(mktemp -d "$TMP_BASE/careerbook-size-XXXXXX")
    trap 'rm -rf "$dir"' EXIT
    python3 "$GEN" --n "$n" --out "$dir" --format careerbook >/dev/null
    echo "== $n guides"
    start=$(date +%s.%N)
    if [ -x /usr/bin/time ]; then
        /usr/bin/time -f "peak memory: %M KB" "$BIN" build --root "$dir" 2>"$dir/build.err" >/dev/null \
            || { tail -20 "$dir/build.err"; exit 1; }
        grep "peak memory" "$dir/build.err"
    else
        "$BIN" build --root "$dir" >/dev/null 2>"$dir/build.err" || { tail -20 "$dir/build.err"; exit 1; }
    fi
    end=$(date +%s.%N)
    python3 - "$dir/output" "$start" "$end" <<'PY'
import os, re, sys
out, start, end = sys.argv[1], float(sys.argv[2]), float(sys.argv[3])
print(f"build time: {end - start:.1f} s")
largest, over, html, big = (0, ""), 0, 0, []
for d, _, files in os.walk(out):
    for f in files:
        if f.endswith(".html"):
            p = os.path.join(d, f)
            size = os.path.getsize(p)
            html += 1
            largest = max(largest, (size, os.path.relpath(p, out)))
            if size > 200 * 1024:
                over += 1
                big.append((size, os.path.relpath(p, out)))
print(f"html pages: {html}")
print(f"largest html page: {largest[1]} {largest[0] / 1024:.1f} KB")
print(f"html pages over 200 KB: {over}")
for size, path in sorted(big, reverse=True)[:10]:
    print(f"  {path} {size / 1024:.1f} KB")
others = [(s, p) for s, p in big if not p.startswith(("paths/", "salaries/"))]
print(f"html pages over 200 KB outside paths/ and salaries/: {len(others)}")
feed = open(os.path.join(out, "feed.xml"), encoding="utf-8").read()
print(f"feed.xml: {len(feed.encode()) / 1024:.1f} KB, {feed.count('<entry>')} entries")
sitemaps = sorted(
    (f for f in os.listdir(out) if re.fullmatch(r"sitemap(-\d+)?\.xml", f)),
    key=lambda f: (len(f), f),
)
for f in sitemaps:
    text = open(os.path.join(out, f), encoding="utf-8").read()
    kind = "index of" if "<sitemapindex" in text else "urls:"
    count = text.count("<sitemap>") if kind == "index of" else text.count("<url>")
    print(f"{f}: {os.path.getsize(os.path.join(out, f)) / 1024:.1f} KB, {kind} {count}")
PY
    # What a search transfers, as a reader's browser fetches it (needs the
    # site checks installed: ../shared/site-checks/install.sh).
    SEARCH_BYTES="$ROOT/../shared/site-checks/search-bytes.js"
    if [ -f "$SEARCH_BYTES" ] && command -v node >/dev/null; then
        base=$(python3 -c "import re,sys; m=re.search(r'^base_url:\s*(\S+)', open(sys.argv[1]).read(), re.M); from urllib.parse import urlparse; print(urlparse(m.group(1)).path if m else '/')" "$dir/site.yaml")
        page=$(python3 -c "import os,sys; print('guides/' + sorted(os.listdir(sys.argv[1]))[0] + '/index.html')" "$dir/output/guides")
        for q in "platform" "data engineer"; do
            line=$(node "$SEARCH_BYTES" "$dir/output" "$base" "$page" "$q" 2>&1 | grep '^SEARCH' || echo "SEARCH failed")
            echo "search \"$q\": $line"
        done
    fi
    rm -rf "$dir"
    trap - EXIT
done
