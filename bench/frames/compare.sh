#!/usr/bin/env bash
# Side-by-side timing of daily animation frames, 1600x1200 PNG: frontline frames
# vs the peers in ../shared/bench (cartopy + matplotlib, GMT 6), in one run on one
# machine, release build. Prints the machine, every run, medians and ratios.
#
# usage: bash bench/frames/compare.sh [ROUNDS]   (from the repository root; default 3 rounds,
#        each: frontline 61 frames x3, frontline 365 frames, cartopy 61, GMT 61)
# needs: /usr/bin/time (GNU); the peers from `bash /work/shared/bench/setup-peers.sh`.
# env:   PEERS (default /work/shared/bench), PY (the peers' venv python), SKIP_PEERS=1
set -euo pipefail
ROUNDS="${1:-3}"
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
PEERS="${PEERS:-/work/shared/bench}"
PY="${PY:-$HOME/.cache/frontline-peers/venv/bin/python}"
OUT="$(mktemp -d /tmp/frontline-frames-bench.XXXXXX)"
trap 'rm -rf "$OUT"' EXIT
cd "$ROOT"
swift build -c release --product frontline >/dev/null
BIN="$ROOT/.build/release/frontline"

echo "## machine"
echo "date: $(date -u +%Y-%m-%dT%H:%MZ)"
echo "nproc: $(nproc)"
lscpu | head -20
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo

# run NAME CMD...: one timed run; prints "NAME wall_s peak_rss_kb" and appends wall to $OUT/NAME.
run() {
  local name="$1"; shift
  /usr/bin/time -f "%e %M" -o "$OUT/time" "$@" >"$OUT/last.out" 2>"$OUT/last.err" || { cat "$OUT/last.err"; exit 1; }
  read -r wall rss <"$OUT/time"
  echo "$name  wall ${wall} s  peak RSS $((rss / 1024)) MB  $(head -c 120 "$OUT/last.out" | tr '\n' ' ')"
  echo "$wall" >>"$OUT/$name"
  echo "$rss" >>"$OUT/$name.rss"
}
median() { sort -g "$OUT/$1" | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
maxrss() { sort -g "$OUT/$1.rss" | tail -1 | awk '{printf "%d", $1 / 1024}'; }

echo "## runs"
# Rounds interleave the three tools so a change in the machine's load (other
# builds share it) hits them alike; each round's ratio compares neighbours in time.
# 61 daily frames: 2020-04-06 .. 2020-06-05, default view (west), 1600x1200, English,
# zones on, one worker per core. 365 daily frames: 2019-06-07 .. 2020-06-05.
for r in $(seq "$ROUNDS"); do
  for i in 1 2 3; do
    rm -rf "$OUT/f61"
    run frontline61 "$BIN" frames --from 2020-04-06 --to 2020-06-05 --out "$OUT/f61" --jobs "$(nproc)"
  done
  rm -rf "$OUT/f365"
  run frontline365 "$BIN" frames --from 2019-06-07 --to 2020-06-05 --out "$OUT/f365" --jobs "$(nproc)"
  if [ "${SKIP_PEERS:-0}" != 1 ]; then
    rm -rf "$OUT/c61"; run cartopy61 "$PY" "$PEERS/peer_cartopy.py" 61 --out "$OUT/c61"
    rm -rf "$OUT/g61"; run gmt61 bash "$PEERS/peer_gmt.sh" 61 "$OUT/g61"
  fi
  echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"
done
echo
echo "## medians"
F61=$(median frontline61); F365=$(median frontline365)
echo "frontline 61 frames:  ${F61} s (peak RSS $(maxrss frontline61) MB)"
echo "frontline 365 frames: ${F365} s (peak RSS $(maxrss frontline365) MB)"
if [ "${SKIP_PEERS:-0}" != 1 ]; then
  C61=$(median cartopy61); G61=$(median gmt61)
  echo "cartopy 61 frames:    ${C61} s (peak RSS $(maxrss cartopy61) MB)"
  echo "gmt 61 frames:        ${G61} s (peak RSS $(maxrss gmt61) MB)"
  echo
  echo "## ratios of the medians (goal: >= 20x cartopy, >= 80x gmt)"
  awk -v f="$F61" -v c="$C61" -v g="$G61" 'BEGIN {
    printf "cartopy / frontline: %.1fx (goal 20x: frontline must take <= %.3f s)\n", c / f, c / 20
    printf "gmt / frontline:     %.1fx (goal 80x: frontline must take <= %.3f s)\n", g / f, g / 80 }'
fi
