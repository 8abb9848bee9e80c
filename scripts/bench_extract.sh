#!/bin/sh
# Times `frontline extract` over many articles in one process: the 12 fixture articles of
# Tests/ExtractTests/Fixtures (5 seeds, 7 held-out; 600 words on average) copied COPIES times.
# Prints wall and CPU (user) seconds of each run and articles a second; the figures go to docs/benchmarks/extract.md.
#   scripts/bench_extract.sh [BINARY] [COPIES] [RUNS]
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
binary=${1:-$here/.build-rel/release/frontline}
copies=${2:-84}
runs=${3:-5}
corpus=$(mktemp -d "${TMPDIR:-/tmp}/extract-bench.XXXXXX")
trap 'rm -rf "$corpus"' EXIT
i=0
while [ $i -lt "$copies" ]; do
    for f in "$here"/Tests/ExtractTests/Fixtures/seeds/*.txt "$here"/Tests/ExtractTests/Fixtures/heldout/*.txt; do
        cp "$f" "$corpus/$i-$(basename "$f")"
    done
    i=$((i + 1))
done
n=$(ls "$corpus" | wc -l)
echo "$n articles, $(du -sk "$corpus" | cut -f1) KB"
r=0
while [ $r -lt "$runs" ]; do
    /usr/bin/time -f "%e %U" -o "$corpus/.time" "$binary" extract "$corpus"/*.txt --date 2020-06-10 --json > /dev/null
    read -r wall user < "$corpus/.time"
    echo "run $((r + 1)): wall $wall s, user $user s: $(echo "$n / $wall" | bc) articles/s (wall), $(echo "$n / $user" | bc) articles/s (CPU)"
    r=$((r + 1))
done
