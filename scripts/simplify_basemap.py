"""Simplifies the clipped Natural Earth countries and derives coast and border lines.

Called by make-basemap.sh. Writes three lon/lat GeoJSON files, coordinates rounded
to 1e-4 degree (about 10 m), byte for byte reproducible:
- countries.geojson: MultiPolygons with iso3, name_en, name_ar;
- coast.geojson: one MultiLineString, the land/sea boundary;
- borders.geojson: one LineString or MultiLineString per pair of neighbours (a, b = iso3).
coverage_simplify keeps shared borders identical between neighbours, so the
borders can be found as the exact intersection of two countries' boundaries.
"""
import json
import sys

import shapely
from shapely.geometry import box, mapping, shape

TOLERANCE = 0.01  # degrees, ~1.1 km: light enough for whole-theatre maps
FRAME = (3, 15, 32, 38)

src, out = sys.argv[1], sys.argv[2]
features = json.load(open(src, encoding="utf-8"))["features"]
features.sort(key=lambda f: f["properties"]["iso3"])
geoms = [shape(f["geometry"]) for f in features]
simplified = shapely.coverage_simplify(geoms, TOLERANCE)
simplified = [shapely.make_valid(g) for g in simplified]


def rounded(geometry):
    return shapely.set_precision(geometry, 1e-4)


def write(name, feats):
    doc = {"type": "FeatureCollection", "features": feats}
    with open(f"{out}/{name}", "w", encoding="utf-8") as fh:
        json.dump(doc, fh, ensure_ascii=False, separators=(",", ":"))
        fh.write("\n")


def polygons_only(g):
    parts = [p for p in getattr(g, "geoms", [g]) if p.geom_type == "Polygon" and not p.is_empty]
    return shapely.MultiPolygon(parts)


countries = []
for f, g in zip(features, simplified):
    g = polygons_only(rounded(g))
    if g.is_empty:
        continue
    # RFC 7946 winding: exterior rings counter-clockwise, holes clockwise.
    g = shapely.orient_polygons(g, exterior_cw=False)
    countries.append({"type": "Feature", "properties": f["properties"], "geometry": mapping(g)})
write("countries.geojson", countries)

# The clip frame is not a coast: remove lines that lie on it.
frame_edges = box(*FRAME).exterior.buffer(1e-6)
land = shapely.union_all([polygons_only(rounded(g)) for g in simplified])
coast = shapely.line_merge(land.boundary.difference(frame_edges))
# Shared borders are land/land, not coast: subtract every pairwise border.
borders = []
for i in range(len(simplified)):
    for j in range(i + 1, len(simplified)):
        a, b = rounded(simplified[i]), rounded(simplified[j])
        if not a.intersects(b):
            continue
        shared = shapely.line_merge(a.boundary.intersection(b.boundary))
        lines = [l for l in getattr(shared, "geoms", [shared]) if l.geom_type in ("LineString", "MultiLineString") and l.length > 0]
        if not lines:
            continue
        merged = shapely.line_merge(shapely.union_all(lines))
        borders.append({"type": "Feature",
                        "properties": {"a": features[i]["properties"]["iso3"], "b": features[j]["properties"]["iso3"]},
                        "geometry": mapping(rounded(merged))})
write("borders.geojson", borders)
coast_lines = [l for l in getattr(coast, "geoms", [coast]) if l.length > 0]
write("coast.geojson", [{"type": "Feature", "properties": {}, "geometry": mapping(rounded(shapely.MultiLineString(coast_lines)))}])
