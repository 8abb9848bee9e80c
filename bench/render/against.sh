#!/usr/bin/env bash
# Render and frames speed of this tree against an earlier commit, both release
# builds, commands run alternately (bench/render/alternate.py), medians.
#
# usage: bash bench/render/against.sh COMMIT [RUNS]     (from the repository root)
# The earlier commit is built in a git worktree under /tmp, with its own theatre data.
set -euo pipefail
BASE="$1"; RUNS="${2:-15}"
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
WT="/tmp/frontline-against-$(git -C "$ROOT" rev-parse --short "$BASE")"
OUT="$(mktemp -d /tmp/frontline-against.XXXXXX)"
trap 'rm -rf "$OUT"' EXIT
cd "$ROOT"
[ -d "$WT" ] || git worktree add --detach "$WT" "$BASE" >/dev/null
(cd "$WT" && swift build -c release --product frontline >/dev/null)
swift build -c release --product frontline >/dev/null
OLD="$WT/.build/release/frontline"; NEW="$ROOT/.build/release/frontline"

echo "## machine"
echo "date: $(date -u +%Y-%m-%dT%H:%MZ), nproc $(nproc), load $(cut -d' ' -f1-3 /proc/loadavg)"
lscpu | grep -E "Model name|^CPU\(s\)" || true
echo "base: $(git -C "$WT" log -1 --format='%h %s' | cut -c1-80)"
echo "this: $(git log -1 --format='%h %s' | cut -c1-80)"
echo
for view in west libya tripoli; do
  echo "## render --view $view ($RUNS rounds, 2 warm-ups)"
  python3 bench/render/alternate.py "$RUNS" 2 \
    "$OLD render --date 2020-06-05 --view $view --out $OUT/old.png" \
    "$NEW render --date 2020-06-05 --view $view --out $OUT/new.png"
  echo
done
echo "## frames, 61 days, view west (5 rounds, 1 warm-up)"
python3 bench/render/alternate.py 5 1 \
  "$OLD frames --from 2020-04-06 --to 2020-06-05 --out $OUT/old-frames --force" \
  "$NEW frames --from 2020-04-06 --to 2020-06-05 --out $OUT/new-frames --force"
