#!/usr/bin/env bash
# Load test of `careerbook serve` from a second process, on loopback only.
#
#   bench/serve_load.sh [--corpus N] [--rounds R] [--duration SECONDS]
#                       [--connections C] [--threads T] [--shared DIR]
#
# Builds release, serves the repository's own site (or, with --corpus N, N
# synthetic guides from the shared corpus generator, on tmpfs), then runs
# R rounds of `wrk` against the index and against one guide page. For each
# run it prints requests/s, latency (average, p50, p99) and the non-2xx and
# socket error counts; it samples the server's resident memory (VmRSS) and
# open descriptors before, during and after every round, so growth across
# rounds shows. The server is stopped on exit, however the script ends.
#
# Needs: wrk and curl (apt-get install -y wrk curl), python3 for --corpus.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
CORPUS=0
ROUNDS=3
DURATION=20
CONNECTIONS=64
THREADS=2
SHARED="$ROOT/../shared"

while [ $# -gt 0 ]; do
    case "$1" in
        --corpus) CORPUS=$2; shift 2 ;;
        --rounds) ROUNDS=$2; shift 2 ;;
        --duration) DURATION=$2; shift 2 ;;
        --connections) CONNECTIONS=$2; shift 2 ;;
        --threads) THREADS=$2; shift 2 ;;
        --shared) SHARED=$2; shift 2 ;;
        -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
        *) echo "unknown argument: $1" >&2; exit 2 ;;
    esac
done

for tool in wrk curl; do
    command -v "$tool" >/dev/null || { echo "needs $tool (apt-get install -y $tool)" >&2; exit 2; }
done

(cd "$ROOT" && cargo build --release --quiet)
BIN="$ROOT/target/release/careerbook"

WORK=$(mktemp -d "${TMPDIR:-/dev/shm}/careerbook-serve-load.XXXXXX")
PID=
stop() {
    if [ -n "$PID" ] && kill -0 "$PID" 2>/dev/null; then
        kill "$PID" 2>/dev/null || true
        wait "$PID" 2>/dev/null || true
    fi
    rm -rf "$WORK"
}
trap stop EXIT
trap 'exit 130' INT TERM

SITE="$ROOT"
if [ "$CORPUS" -gt 0 ]; then
    SITE="$WORK/site"
    python3 "$SHARED/bench/gen.py" --n "$CORPUS" --out "$SITE" --format careerbook >/dev/null 2>&1
fi

"$BIN" serve --port 0 --bind 127.0.0.1 --root "$SITE" >"$WORK/out" 2>"$WORK/err" &
PID=$!

URL=
for _ in $(seq 1 600); do
    URL=$(sed -n 's/^Serving at //p' "$WORK/out")
    [ -n "$URL" ] && break
    kill -0 "$PID" 2>/dev/null || { cat "$WORK/err" >&2; exit 1; }
    sleep 0.2
done
[ -n "$URL" ] || { echo "the server did not start" >&2; exit 1; }
case "$URL" in
    http://127.0.0.1:*) ;;
    *) echo "refusing to load anything but loopback: $URL" >&2; exit 1 ;;
esac
ORIGIN=${URL%"${URL#http://*/}"}
ORIGIN=${ORIGIN%/}

# One guide page, as linked from the index.
curl -fsS -o "$WORK/index.html" "$URL"
GUIDE_PATH=$(grep -o 'href="[^"]*/guides/[^"#]*/"' "$WORK/index.html" | sed -n '1{s/^href="//; s/"$//; p}')
[ -n "$GUIDE_PATH" ] || { echo "no guide link on $URL" >&2; exit 1; }
case "$GUIDE_PATH" in
    http*) GUIDE="$GUIDE_PATH" ;;
    *) GUIDE="$ORIGIN$GUIDE_PATH" ;;
esac
for u in "$URL" "$GUIDE"; do
    code=$(curl -s -o /dev/null -w '%{http_code}' "$u")
    [ "$code" = 200 ] || { echo "$u answered $code" >&2; exit 1; }
done

rss() { awk '/^VmRSS/ {print $2}' "/proc/$PID/status"; }
fds() { find "/proc/$PID/fd" -mindepth 1 -maxdepth 1 | wc -l; }

echo "site:     $SITE ($( [ "$CORPUS" -gt 0 ] && echo "$CORPUS generated guides" || echo "repository" ))"
echo "index:    $URL ($(curl -s "$URL" | wc -c) bytes)"
echo "guide:    $GUIDE ($(curl -s "$GUIDE" | wc -c) bytes)"
echo "load:     wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s --latency, $ROUNDS rounds"
echo "start:    VmRSS $(rss) KiB, $(fds) open descriptors"

report() {
    # wrk's summary: throughput, latency and the error lines it prints
    # only when there were errors.
    local name=$1 file=$2
    local rps avg p50 p99 non2xx sock
    rps=$(awk '/^Requests\/sec:/ {print $2}' "$file")
    avg=$(awk '$1 == "Latency" {print $2; exit}' "$file")
    p50=$(awk '$1 == "50%" {print $2}' "$file")
    p99=$(awk '$1 == "99%" {print $2}' "$file")
    non2xx=$(awk -F': *' '/Non-2xx or 3xx responses/ {print $2}' "$file")
    sock=$(sed -n 's/^ *Socket errors: //p' "$file")
    printf '  %-6s %10s req/s  latency avg %-8s p50 %-8s p99 %-8s non-2xx %-4s socket errors: %s\n' \
        "$name" "$rps" "$avg" "$p50" "$p99" "${non2xx:-0}" "${sock:-none}"
}

for round in $(seq 1 "$ROUNDS"); do
    echo "round $round"
    for target in index guide; do
        [ "$target" = index ] && u=$URL || u=$GUIDE
        wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency "$u" >"$WORK/wrk.txt" &
        WRK=$!
        sleep $((DURATION / 2))
        during="VmRSS $(rss) KiB, $(fds) descriptors"
        wait "$WRK"
        report "$target" "$WORK/wrk.txt"
        echo "         during: $during"
    done
    sleep 1
    echo "  after round $round: VmRSS $(rss) KiB, $(fds) open descriptors"
done

sleep 2
echo "end:      VmRSS $(rss) KiB, $(fds) open descriptors"
code=$(curl -s -o /dev/null -w '%{http_code}' "$GUIDE")
echo "after load the guide page answers $code"
[ "$code" = 200 ]
