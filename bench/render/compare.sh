#!/usr/bin/env bash
# Side-by-side timing of one 1600x1200 PNG map: frontline render vs the peers
# in ../shared/bench (cartopy + matplotlib, GMT 6), in one run on one machine,
# plus frontline's in-process timing (bench/RenderBench).
#
# usage: bash bench/render/compare.sh [RUNS]      (from the repository root)
# needs: hyperfine; the peers from `bash /work/shared/bench/setup-peers.sh`.
set -euo pipefail
RUNS="${1:-20}"
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
PEERS="${PEERS:-/work/shared/bench}"
PY="${PY:-$HOME/.cache/frontline-peers/venv/bin/python}"
OUT="$(mktemp -d /tmp/frontline-render-bench.XXXXXX)"
trap 'rm -rf "$OUT"' EXIT
cd "$ROOT"

swift build -c release --product frontline >/dev/null
swift build -c release --package-path bench/RenderBench --scratch-path .build-bench >/dev/null

echo "## machine"
echo "date: $(date -u +%Y-%m-%dT%H:%MZ)"
echo "nproc: $(nproc)"
lscpu | head -20
echo
echo "## in-process (RenderBench, release)"
.build-bench/release/RenderBench "$ROOT" 30
echo
echo "## whole process, one 1600x1200 PNG (hyperfine, $RUNS runs, 2 warm-ups)"
hyperfine --warmup 2 --runs "$RUNS" --export-json "$OUT/processes.json" \
  -n frontline ".build/release/frontline render --date 2020-06-05 --out $OUT/frontline.png" \
  -n cartopy "$PY $PEERS/peer_cartopy.py 1 --out $OUT/cartopy" \
  -n gmt "$PEERS/peer_gmt.sh 1 $OUT/gmt"
echo
echo "## medians"
python3 - "$OUT/processes.json" <<'PY'
import json, sys
results = json.load(open(sys.argv[1]))["results"]
base = next(r["median"] for r in results if r["command"] == "frontline")
print("| command | median | min | max | ratio to frontline |")
print("|---|---:|---:|---:|---:|")
for r in results:
    print(f"| {r['command']} | {r['median']*1000:.0f} ms | {r['min']*1000:.0f} ms | {r['max']*1000:.0f} ms | {r['median']/base:.1f}x |")
PY
