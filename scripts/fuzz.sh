#!/usr/bin/env bash
# A long fuzz run of every parser of user input with the plain mutation loop
# (docs/testing.md): a release build of frontline-fuzz, seeded from the
# repository's own data files, the corpus kept in .fuzz/corpus (git-ignored).
#
#   scripts/fuzz.sh [SECONDS [SEED]]      default 1800 s in all, split over the targets
#
# A crash leaves the input that caused it in .fuzz/corpus/<target>/.current.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-1800}
seed=${2:-1}
corpus=${FUZZ_CORPUS:-.fuzz/corpus}
seed_files() {  # target, then files
  local target=$1; shift
  mkdir -p "$corpus/$target"
  for f in "$@"; do cp -n "$f" "$corpus/$target/seed-$(basename "$f")"; done
}
seed_files tsv maps/libya/theatre.tsv maps/libya/factions.tsv
seed_files events maps/libya/events.tsv Tests/TimelineTests/Fixtures/theatre-broken/events.tsv
seed_files factions maps/libya/factions.tsv Tests/TimelineTests/Fixtures/theatre-broken/factions.tsv
seed_files gazetteer gazetteer/libya.tsv Tests/TimelineTests/Fixtures/gazetteer.tsv
seed_files geojson maps/libya/basemap/borders.geojson maps/libya/basemap/detail-borders.geojson
seed_files geonames Tests/GazetteerTests/Fixtures/LY-sample.txt Tests/GazetteerTests/Fixtures/LY-malformed.txt
seed_files acled Tests/TimelineTests/Fixtures/acled-sample.csv
seed_files names maps/libya/places-needed.txt
swift build -c release --scratch-path .build-rel --product frontline-fuzz >&2
exec nice -n 19 .build-rel/release/frontline-fuzz all --seconds "$seconds" --seed "$seed" --corpus "$corpus"
