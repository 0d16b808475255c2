#!/usr/bin/env bash
# Before/after benchmark of two careerbook builds on the same corpus.
#
#   bench/before_after.sh BEFORE_DIR AFTER_DIR SITE_DIR
#
# BEFORE_DIR and AFTER_DIR each hold the binaries `careerbook` and
# `bench_edit` (release builds: target/release/careerbook and
# target/release/examples/bench_edit) of the two versions to compare.
# SITE_DIR holds generated guides, e.g. from
# `python3 ../shared/bench/gen.py --n 10000 --out DIR --format careerbook`.
#
# Measures, alternating BEFORE and AFTER on every run (and swapping which goes
# first each round, ABBA style) so machine noise hits both alike:
#   (a) careerbook build --root SITE -o OUT   wall time (median of RUNS) and
#       peak RSS (max over runs, GNU time's "Maximum resident set size")
#   (b) careerbook check --root SITE          wall time (median) and peak RSS
#   (c) bench_edit SITE EDITS                 the medians the example prints
#       (body/summary/title edit wall and CPU, initial build, site_pages,
#       validate); with EDIT_RUNS > 1, the median over those runs
# One untimed warm-up build and check of each binary comes first; build
# output folders are reused between runs, as bench/compare.py does.
#
# Prints a Markdown table of medians and after/before ratios on stdout;
# progress and raw per-run numbers go to stderr.
#
# Environment (defaults):
#   RUNS=5        timed runs of build and of check, per binary
#   EDITS=20      the EDITS argument of bench_edit
#   EDIT_RUNS=1   bench_edit runs per binary (each takes ~1-3 min at 10k)
#   SKIP_EDIT=0   1 skips (c)
#   STAGE=1       copy SITE_DIR to tmpfs first and measure that copy (the
#                 disk's page cache on these machines is dropped
#                 unpredictably); 0 uses SITE_DIR in place
#   WORKDIR=      scratch folder (default: mktemp under /dev/shm, else /tmp);
#                 removed on exit unless KEEP=1
#
# Needs python3; uses /usr/bin/time for peak RSS when present (otherwise the
# kernel's rusage of the child, which is the same number).
set -euo pipefail

usage() { sed -n '2,38p' "$0" | sed 's/^# \{0,1\}//'; exit "${1:-2}"; }
[[ ${1:-} == -h || ${1:-} == --help ]] && usage 0
[[ $# -ge 2 && $# -le 3 ]] || usage 2

BEFORE=$(realpath "$1")
AFTER=$(realpath "$2")
SITE=$(realpath "${3:?usage: before_after.sh BEFORE_DIR AFTER_DIR SITE_DIR}")
for d in "$BEFORE" "$AFTER"; do
  for b in careerbook bench_edit; do
    [[ -x $d/$b ]] || { echo "missing executable $d/$b" >&2; exit 2; }
  done
done
[[ -f $SITE/site.yaml && -d $SITE/guides ]] || { echo "$SITE is not a careerbook site" >&2; exit 2; }

if [[ -n ${WORKDIR:-} ]]; then
  mkdir -p "$WORKDIR"; WORK=$(realpath "$WORKDIR")
elif [[ -d /dev/shm && -w /dev/shm ]]; then
  WORK=$(mktemp -d /dev/shm/cb-compare.XXXXXX)
else
  WORK=$(mktemp -d /tmp/cb-compare.XXXXXX)
fi
[[ ${KEEP:-0} == 1 ]] || trap 'rm -rf "$WORK"' EXIT

if [[ ${STAGE:-1} == 1 ]]; then
  echo "staging $SITE -> $WORK/site" >&2
  cp -a "$SITE" "$WORK/site"
  ROOT=$WORK/site
else
  ROOT=$SITE
fi

export BEFORE AFTER SITE ROOT WORK
export RUNS=${RUNS:-5} EDITS=${EDITS:-20} EDIT_RUNS=${EDIT_RUNS:-1} SKIP_EDIT=${SKIP_EDIT:-0}

python3 - <<'PY'
import os, re, statistics, subprocess, sys, tempfile, time, hashlib, datetime

E = os.environ
BIN = {"before": E["BEFORE"], "after": E["AFTER"]}
ROOT, WORK, SITE = E["ROOT"], E["WORK"], E["SITE"]
RUNS, EDITS, EDIT_RUNS = int(E["RUNS"]), int(E["EDITS"]), int(E["EDIT_RUNS"])
GNU_TIME = "/usr/bin/time" if os.access("/usr/bin/time", os.X_OK) else None

def log(*a):
    print(*a, file=sys.stderr, flush=True)

def run(cmd, capture=False):
    """Runs cmd; returns (wall s, peak RSS MiB, stdout). Exits on failure."""
    tf = None
    full = cmd
    if GNU_TIME:
        tf = tempfile.NamedTemporaryFile(dir=WORK, delete=False, suffix=".time")
        tf.close()
        full = [GNU_TIME, "-f", "%M", "-o", tf.name, *cmd]
    out = tempfile.TemporaryFile(dir=WORK) if capture else subprocess.DEVNULL
    t0 = time.perf_counter()
    p = subprocess.Popen(full, stdout=out, stderr=subprocess.DEVNULL, cwd=WORK)
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t0
    p.returncode = os.waitstatus_to_exitcode(status)
    if p.returncode != 0:
        sys.exit(f"failed (exit {p.returncode}): {' '.join(cmd)}")
    if tf:
        with open(tf.name) as f:
            rss_kib = int(f.read().split()[-1])
        os.unlink(tf.name)
    else:
        rss_kib = ru.ru_maxrss
    text = ""
    if capture:
        out.seek(0)
        text = out.read().decode()
        out.close()
    return wall, rss_kib / 1024, text

def build_cmd(w): return [f"{BIN[w]}/careerbook", "build", "--root", ROOT, "-o", f"{WORK}/out-{w}"]
def check_cmd(w): return [f"{BIN[w]}/careerbook", "check", "--root", ROOT]
def edit_cmd(w): return [f"{BIN[w]}/bench_edit", ROOT, str(EDITS)]

def order(i):
    return ("before", "after") if i % 2 == 0 else ("after", "before")

def sha(p):
    with open(p, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()[:12]

guides = len([n for n in os.listdir(os.path.join(ROOT, "guides")) if n.endswith(".md")])
log(f"{datetime.datetime.now():%Y-%m-%d %H:%M}  {os.cpu_count()} cores  load {os.getloadavg()[0]:.2f}")
for w in BIN:
    log(f"{w:6}: {BIN[w]}  careerbook {sha(BIN[w] + '/careerbook')}  bench_edit {sha(BIN[w] + '/bench_edit')}")
log(f"site  : {SITE} ({guides} guides), measured at {ROOT}; scratch {WORK}")
log(f"runs  : build/check {RUNS} each, alternating; bench_edit {EDIT_RUNS} x {EDITS} edits")

res = {k: {"before": [], "after": []} for k in ("build", "check")}
log("warm-up (untimed): build and check of each")
for w in ("before", "after"):
    run(build_cmd(w)); run(check_cmd(w))
for i in range(RUNS):
    for kind, cmd in (("build", build_cmd), ("check", check_cmd)):
        for w in order(i):
            wall, rss, _ = run(cmd(w))
            res[kind][w].append((wall, rss))
            log(f"  run {i + 1}/{RUNS} {kind:5} {w:6} {wall:7.3f} s  {rss:7.0f} MiB")

EDIT_RE = re.compile(r"^\s*(.*?), median of \d+: ([\d.]+) ms wall, ([\d.]+) ms CPU")
edit = {"before": [], "after": []}
if E["SKIP_EDIT"] != "1":
    for i in range(EDIT_RUNS):
        for w in order(i):
            log(f"  bench_edit {w} ({i + 1}/{EDIT_RUNS}) ...")
            wall, rss, text = run(edit_cmd(w), capture=True)
            for line in text.splitlines():
                log(f"    {w}: {line}")
            m = {}
            for line in text.splitlines():
                if (g := EDIT_RE.match(line)):
                    name = g.group(1).replace("one-guide ", "").replace(
                        "render::site_pages() alone, every site-wide page", "site_pages() alone")
                    m[f"{name} wall (ms)"] = float(g.group(2))
                    m[f"{name} CPU (ms)"] = float(g.group(3))
                elif (g := re.search(r"initial load \+ full build \+ write: (\d+) ms", line)):
                    m["initial load+build+write (ms)"] = float(g.group(1))
                elif (g := re.search(r"validate\(\) of all guides.*: ([\d.]+) ms", line)):
                    m["validate() all guides (ms)"] = float(g.group(1))
            m["bench_edit peak RSS (MiB)"] = rss
            m["bench_edit total wall (s)"] = wall
            edit[w].append(m)

rows = []
for kind, label in (("build", "`careerbook build`"), ("check", "`careerbook check`")):
    med = {w: statistics.median(t for t, _ in res[kind][w]) for w in BIN}
    rss = {w: max(r for _, r in res[kind][w]) for w in BIN}
    rows.append((f"{label} wall, median of {RUNS} (s)", med["before"], med["after"], 3))
    rows.append((f"{label} peak RSS, max of {RUNS} (MiB)", rss["before"], rss["after"], 0))
if edit["before"]:
    keys = [k for k in edit["before"][0] if all(k in m for m in edit["before"] + edit["after"])]
    for k in keys:
        b = statistics.median(m[k] for m in edit["before"])
        a = statistics.median(m[k] for m in edit["after"])
        rows.append((f"bench_edit: {k}", b, a, 0 if "RSS" in k else 1))

print(f"Before: `{BIN['before']}`  After: `{BIN['after']}`  ")
print(f"Site: `{SITE}` ({guides} guides); {os.cpu_count()} cores; "
      f"build/check {RUNS} alternating runs each; bench_edit {EDIT_RUNS} run(s) x {EDITS} edits; "
      f"load average at end {os.getloadavg()[0]:.2f}")
print()
print("| metric | before | after | after/before |")
print("|---|---:|---:|---:|")
for name, b, a, dp in rows:
    ratio = f"{a / b:.3f}" if b else "n/a"
    print(f"| {name} | {b:.{dp}f} | {a:.{dp}f} | {ratio} |")
print()
print("Raw wall times (s), in run order:")
for kind in ("build", "check"):
    for w in BIN:
        print(f"- {kind} {w}: " + ", ".join(f"{t:.3f}" for t, _ in res[kind][w]))
PY
