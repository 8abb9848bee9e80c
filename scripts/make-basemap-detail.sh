#!/usr/bin/env bash
# Rebuilds maps/libya/basemap/detail-{land,coast,borders}.geojson: the close-up coast
# layer the renderer draws instead of Natural Earth's coarse coast on maps of
# the western Libyan coast at city scale (see README, "Basemap data").
#
# Source: GSHHG 2.3.7 (Wessel & Smith, LGPL-3), full resolution, read through
# GMT from Debian's gmt-gshhg package; nothing is downloaded from the data's
# home. Natural Earth's countries and borders (make-basemap.sh's output, so run
# that first if you change it) split the land between Libya and Tunisia.
# Needs: bash, gmt (apt-get install gmt gmt-gshhg), python3 (venv) and
# shapely>=2.1, installed from PyPI into the git-ignored venv .build-basemap/venv
# that make-basemap.sh also uses.
#
# Method (details in make-basemap-detail.py): level-1 shoreline clipped to
# the extent, simplified to 40 m, closed into land polygons with the extent's
# frame, land faces picked by GSHHG itself, snapped to 1e-5 degrees; coastline
# = the land's edges off the frame, borders = edges two countries share.
# Deterministic: two runs give the same bytes.
#
# Usage: scripts/make-basemap-detail.sh [OUTDIR]   (default maps/libya/basemap)
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
out="${1:-$root/maps/libya/basemap}"
coarse="$root/maps/libya/basemap"
work="$root/.build-basemap"
# Zuwara to past Sirte, the Nafusa mountains' foot to the sea: where the
# fighting of 2019-2020 touched the coast. West of 11 E it is Tunisia's.
extent=(11 30.5 17 33.6)  # west south east north, degrees
tolerance_m=40            # Douglas-Peucker tolerance, metres (~half a pixel at the tripoli view's 80 m/px)

fail() { echo "make-basemap-detail: $*" >&2; exit 1; }
command -v gmt >/dev/null || fail "needs gmt (apt-get install gmt gmt-gshhg)"
command -v python3 >/dev/null || fail "needs python3"
# (in a scratch folder: gmt leaves a gmt.history file where it runs)
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
(cd "$scratch" && gmt coast -R12/13/32/33 -Df -W -M >/dev/null 2>&1) \
    || fail "gmt has no full-resolution GSHHG coastline (apt-get install gmt-gshhg; /usr/share/gmt-gshhg/binned_GSHHS_f.nc)"
for f in countries borders; do
    [[ -f "$coarse/$f.geojson" ]] || fail "needs $coarse/$f.geojson (scripts/make-basemap.sh)"
done

if [[ ! -x "$work/venv/bin/python" ]]; then
    python3 -m venv "$work/venv" || fail "cannot make a venv in $work/venv (apt-get install python3-venv)"
fi
"$work/venv/bin/python" -c 'import shapely, sys; sys.exit(tuple(map(int, shapely.__version__.split(".")[:2])) < (2, 1))' 2>/dev/null \
    || "$work/venv/bin/pip" install --quiet 'shapely>=2.1' \
    || fail "needs shapely>=2.1 in $work/venv (pip could not install it)"

mkdir -p "$out"
"$work/venv/bin/python" "$root/scripts/make-basemap-detail.py" \
    --basemap "$coarse" --output "$out" --extent "${extent[@]}" --tolerance-m "$tolerance_m"
ls -l "$out"/detail-*.geojson
