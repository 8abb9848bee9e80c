#!/usr/bin/env python3
"""Simplify clipped Natural Earth countries and derive coast and border lines.

Called by make-basemap.sh with the ogr2ogr output (MultiPolygons with iso3,
name_en, name_ar). Writes countries.geojson, coast.geojson, borders.geojson.

After coverage simplification a border is the same chain of vertices in both
countries, so after rounding every ring segment is one of:
  - shared by two countries      -> a land border between them;
  - on the clip frame            -> dropped (it is not a real edge);
  - in one country only          -> coast.
Output is deterministic: fixed key order, features sorted, shortest float text.
"""
import argparse
import json
import os

import shapely
from shapely.geometry.polygon import orient

from basemap_geojson import coords_text as ring_text, number_text, polygons_of

DIGITS = 4  # 1e-4 degree, ~11 m


def num(v):
    return number_text(v, DIGITS)


def coords_text(ring):
    return ring_text(ring, DIGITS)


def rounded_ring(coords):
    """Round, drop repeated points; None if fewer than 4 points remain."""
    out = []
    for x, y in coords:
        p = (round(x, DIGITS), round(y, DIGITS))
        if not out or out[-1] != p:
            out.append(p)
    if out[0] != out[-1]:
        out.append(out[0])
    return out if len(out) >= 4 else None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--input", required=True)
    ap.add_argument("--output", required=True)
    ap.add_argument("--extent", nargs=4, type=float, required=True)
    ap.add_argument("--tolerance", type=float, required=True)
    a = ap.parse_args()
    west, south, east, north = a.extent

    with open(a.input, encoding="utf-8") as f:
        src = json.load(f)
    feats = sorted(src["features"], key=lambda f: f["properties"]["iso3"])
    geoms = [shapely.geometry.shape(f["geometry"]) for f in feats]
    geoms = [shapely.make_valid(g) for g in geoms]
    simple = shapely.coverage_simplify(geoms, a.tolerance)

    countries = []  # (props, [polygon rings])
    for f, g in zip(feats, simple):
        polys = []
        for p in polygons_of(g):
            p = orient(p, 1.0)  # RFC 7946: exterior counter-clockwise, holes clockwise
            ext = rounded_ring(p.exterior.coords)
            if ext is None:
                continue
            holes = [r for r in (rounded_ring(h.coords) for h in p.interiors) if r]
            polys.append([ext] + holes)
        if polys:
            countries.append((f["properties"], polys))

    def on_frame(p, q):
        return (p[0] == q[0] and p[0] in (west, east)) or (p[1] == q[1] and p[1] in (south, north))

    # Which countries use each (undirected) segment.
    users = {}
    for props, polys in countries:
        for poly in polys:
            for ring in poly:
                for p, q in zip(ring, ring[1:]):
                    users.setdefault(frozenset((p, q)), set()).add(props["iso3"])

    def classify(iso3, p, q):
        if on_frame(p, q):
            return None
        others = users[frozenset((p, q))] - {iso3}
        if not others:
            return ("coast",)
        other = min(others)
        # Each border segment is emitted once, from the country first in order.
        return ("border", iso3, other) if iso3 < other else None

    coast = []
    borders = {}
    for props, polys in countries:
        iso3 = props["iso3"]
        for poly in polys:
            for ring in poly:
                runs = []  # (class, [points]) in ring order
                for p, q in zip(ring, ring[1:]):
                    c = classify(iso3, p, q)
                    if runs and runs[-1][0] == c and runs[-1][1][-1] == p:
                        runs[-1][1].append(q)
                    else:
                        runs.append((c, [p, q]))
                # Join across the ring's start point.
                if len(runs) > 1 and runs[0][0] == runs[-1][0] and runs[-1][1][-1] == runs[0][1][0]:
                    runs[0] = (runs[0][0], runs[-1][1] + runs[0][1][1:])
                    runs.pop()
                for c, pts in runs:
                    if c is None:
                        continue
                    if c[0] == "coast":
                        coast.append(pts)
                    else:
                        borders.setdefault((c[1], c[2]), []).append(pts)

    # Merge border pieces into as few lines as possible.
    merged_borders = []
    for (x, y), parts in sorted(borders.items()):
        lines = shapely.line_merge(shapely.MultiLineString(parts))
        lines = [list(l.coords) for l in getattr(lines, "geoms", [lines])]
        merged_borders.append((x, y, lines))

    os.makedirs(a.output, exist_ok=True)
    with open(os.path.join(a.output, "countries.geojson"), "w", encoding="utf-8") as f:
        f.write('{"type":"FeatureCollection","features":[\n')
        rows = []
        for props, polys in countries:
            geom = "[" + ",".join("[" + ",".join(coords_text(r) for r in poly) + "]" for poly in polys) + "]"
            p = json.dumps({"iso3": props["iso3"], "name_en": props["name_en"], "name_ar": props["name_ar"]},
                           ensure_ascii=False, separators=(",", ":"))
            rows.append('{"type":"Feature","properties":' + p + ',"geometry":{"type":"MultiPolygon","coordinates":' + geom + "}}")
        f.write(",\n".join(rows) + "\n]}\n")
    with open(os.path.join(a.output, "coast.geojson"), "w", encoding="utf-8") as f:
        geom = "[" + ",".join(coords_text(l) for l in coast) + "]"
        f.write('{"type":"FeatureCollection","features":[\n{"type":"Feature","properties":{},"geometry":{"type":"MultiLineString","coordinates":' + geom + "}}\n]}\n")
    with open(os.path.join(a.output, "borders.geojson"), "w", encoding="utf-8") as f:
        f.write('{"type":"FeatureCollection","features":[\n')
        rows = []
        for x, y, lines in merged_borders:
            geom = "[" + ",".join(coords_text(l) for l in lines) + "]"
            rows.append('{"type":"Feature","properties":{"a":"' + x + '","b":"' + y + '"},"geometry":{"type":"MultiLineString","coordinates":' + geom + "}}")
        f.write(",\n".join(rows) + "\n]}\n")


if __name__ == "__main__":
    main()
