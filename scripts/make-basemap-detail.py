#!/usr/bin/env python3
"""Derive a close-up coast layer (land polygons and coastline) from GSHHG.

Called by make-basemap-detail.sh. Writes detail-land.geojson,
detail-coast.geojson and detail-borders.geojson into --output.

Method:
  1. `gmt coast -Df -A0/1/1 -W -M` dumps the full-resolution GSHHG level-1
     shoreline (land/ocean; lakes are ignored, so they count as land), clipped
     to the extent. GMT cuts it at its 1-degree bins: the pieces are merged.
  2. The shoreline is simplified (Douglas-Peucker, topology preserving so no
     two lines cross) in an isotropic lon*cos(lat0)/lat plane, so the
     tolerance is the same distance east-west and north-south.
  3. The lines are noded together with the extent's frame and polygonized;
     each face is land or sea. `gmt select -Ns/k` asks GSHHG which, at one
     point inside each face. Land faces are merged and snapped to a 1e-5
     degree grid (shapely.set_precision keeps them valid).
  4. The land is split between countries along the land borders of the
     coarse basemap (borders.geojson), each border extended a little beyond
     its ends, because Natural Earth's border stops at Natural Earth's coast,
     which may lie short of GSHHG's. Each piece goes to the Natural Earth
     country nearest to it, so the detail land carries the same country
     colours and meets the same dashed border as the coarse basemap.
  5. The coastline is every edge of the final land pieces that is neither on
     the extent's frame nor shared by two pieces, so land fill and coastline
     agree to the vertex; the land borders are the edges two countries share
     (Natural Earth's border, continued to GSHHG's coast, not beyond it).
Every land feature carries the extent ("W,S,E,N"): the renderer only uses the
layer for maps that lie wholly inside it.
Output is deterministic: fixed key order, features and parts sorted, shortest
float text.
"""
import argparse
import json
import math
import os
import subprocess
import sys
import tempfile

import shapely
from shapely.geometry import LineString, MultiLineString, MultiPolygon, Point, Polygon, box, shape
from shapely.geometry.polygon import orient
from shapely.ops import split

from basemap_geojson import coords_text as points_text, number_text, polygons_of

DIGITS = 5        # 1e-5 degree, about 1 m
GRID = 10.0 ** -DIGITS
METRES_PER_DEGREE = 111_320.0
BORDER_EXTENSION = 0.05  # degrees (~5 km) beyond each end of a land border


def num(v):
    return number_text(v, DIGITS)


def coords_text(points):
    return points_text(points, DIGITS)


def gmt(args, stdin=None, cwd=None):
    """Run gmt, return stdout; stop with gmt's own message if it fails."""
    run = subprocess.run(["gmt"] + args, input=stdin, capture_output=True, text=True, cwd=cwd)
    if run.returncode != 0:
        sys.exit(f"make-basemap-detail: gmt {' '.join(args)} failed:\n{run.stderr}")
    return run.stdout, run.stderr


def read_segments(text):
    """GMT multisegment text -> list of coordinate lists."""
    segments, current = [], None
    for line in text.splitlines():
        if line.startswith(">"):
            current = []
            segments.append(current)
        elif line.strip():
            x, y = map(float, line.split()[:2])
            if current is None:
                current = []
                segments.append(current)
            current.append((x, y))
    return [s for s in segments if len(s) >= 2]


def lines_of(geom):
    if geom.is_empty:
        return []
    if isinstance(geom, LineString):
        return [geom]
    return [g for part in getattr(geom, "geoms", []) for g in lines_of(part)]


def sort_key(poly):
    x0, y0, x1, y1 = poly.bounds
    return (round(x0, DIGITS), round(y0, DIGITS), round(x1, DIGITS), round(y1, DIGITS), round(poly.area, 12))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--output", required=True)
    ap.add_argument("--basemap", required=True, help="folder with the coarse countries.geojson and borders.geojson")
    ap.add_argument("--extent", nargs=4, type=float, required=True, metavar=("W", "S", "E", "N"))
    ap.add_argument("--tolerance-m", type=float, required=True)
    a = ap.parse_args()
    west, south, east, north = a.extent
    region = f"-R{num(west)}/{num(east)}/{num(south)}/{num(north)}"
    frame = box(west, south, east, north)

    with tempfile.TemporaryDirectory() as tmp:  # gmt writes gmt.history into its working folder
        # 1. Full-resolution level-1 shoreline, clipped to the extent.
        text, info = gmt(["coast", region, "-Df", "-A0/1/1", "-W", "-M", "-Vi"], cwd=tmp)
        version = next((l.split("GSHHG version", 1)[1].strip() for l in info.splitlines() if "GSHHG version" in l), "")
        if not version:
            sys.exit("make-basemap-detail: gmt did not say which GSHHG version it read")
        shore = shapely.line_merge(MultiLineString(read_segments(text)), directed=True)
        full_points = sum(len(l.coords) for l in lines_of(shore))

        # 2. Simplify in a plane where a degree of longitude is as long as one of latitude.
        squeeze = math.cos(math.radians((south + north) / 2))
        flat = shapely.transform(shore, lambda c: c * [squeeze, 1.0])
        flat = shapely.simplify(flat, a.tolerance_m / METRES_PER_DEGREE, preserve_topology=True)
        shore = shapely.transform(flat, lambda c: c / [squeeze, 1.0])

        # 3. Faces of shoreline + frame; GSHHG says which are land.
        noded = shapely.unary_union([shapely.boundary(frame)] + lines_of(shore))
        faces = [f for f in polygons_of(shapely.polygonize(lines_of(noded))) if f.area > 0]
        faces.sort(key=sort_key)
        probes = [f.representative_point() for f in faces]
        points = "".join(f"{p.x!r}\t{p.y!r}\t{i}\n" for i, p in enumerate(probes))
        kept, _ = gmt(["select", region, "-Df", "-A0/1/1", "-Ns/k", "-fg", "-o2"], stdin=points, cwd=tmp)
    land_ids = {int(float(v)) for v in kept.split()}
    land = shapely.unary_union([faces[i] for i in sorted(land_ids)])
    land = shapely.set_precision(land, GRID)

    # 4. Split between the coarse basemap's countries, along its borders.
    with open(os.path.join(a.basemap, "countries.geojson"), encoding="utf-8") as f:
        countries = {c["properties"]["iso3"]: shape(c["geometry"]) for c in json.load(f)["features"]}
    with open(os.path.join(a.basemap, "borders.geojson"), encoding="utf-8") as f:
        borders = [(b["properties"]["a"], b["properties"]["b"], shape(b["geometry"])) for b in json.load(f)["features"]]
    near = {iso3: g for iso3, g in countries.items() if g.distance(frame) < 1.0}
    cutters = []
    for iso_a, iso_b, geom in borders:
        if iso_a not in near or iso_b not in near:
            continue
        for line in lines_of(geom):
            c = list(line.coords)
            def extended(p, q):  # p moved away from q by BORDER_EXTENSION
                d = math.hypot(p[0] - q[0], p[1] - q[1])
                return (p[0] + (p[0] - q[0]) / d * BORDER_EXTENSION, p[1] + (p[1] - q[1]) / d * BORDER_EXTENSION)
            cutters.append(LineString([extended(c[0], c[1])] + c + [extended(c[-1], c[-2])]))
    pieces = polygons_of(land)
    for cutter in cutters:
        pieces = [part for p in pieces for part in polygons_of(split(p, cutter))]
    by_country = {}
    for p in pieces:
        probe = p.representative_point()
        iso3 = min(near, key=lambda k: (near[k].distance(probe), k))
        by_country.setdefault(iso3, []).append(p)
    output = {}
    for iso3, parts in sorted(by_country.items()):
        merged = shapely.set_precision(shapely.unary_union(parts), GRID)
        polys = [orient(p, 1.0) for p in polygons_of(merged)]  # RFC 7946: exterior counter-clockwise
        polys.sort(key=sort_key)
        for p in polys:
            if not p.is_valid:
                sys.exit(f"make-basemap-detail: invalid {iso3} polygon: {shapely.is_valid_reason(p)}")
        output[iso3] = polys
    # A piece of one country must not lie inside another's Natural Earth land.
    for iso3, polys in output.items():
        for other, g in near.items():
            if other != iso3:
                stray = shapely.intersection(MultiPolygon(polys), g).area
                if stray > 1e-6:  # ~0.01 km²
                    sys.exit(f"make-basemap-detail: {iso3} land overlaps {other} by {stray:.2e} deg²; extend the border cutters")

    # 5. Coast: ring edges that are neither on the frame nor shared by two
    #    pieces; land borders: edges two countries share (Natural Earth's border,
    #    continued to GSHHG's coast).
    def on_frame(p, q):
        return (p[0] == q[0] and p[0] in (west, east)) or (p[1] == q[1] and p[1] in (south, north))
    users = {}  # undirected segment -> countries whose rings use it
    rings = []
    for iso3, polys in output.items():
        for poly in polys:
            for ring in [poly.exterior] + list(poly.interiors):
                pts = [(round(x, DIGITS), round(y, DIGITS)) for x, y in ring.coords]
                rings.append(pts)
                for p, q in zip(pts, pts[1:]):
                    users.setdefault((p, q) if p < q else (q, p), []).append(iso3)
    coast_segments = []
    for pts in rings:
        for p, q in zip(pts, pts[1:]):
            if len(users[(p, q) if p < q else (q, p)]) == 1 and not on_frame(p, q):
                coast_segments.append((p, q))
    coast = lines_of(shapely.line_merge(MultiLineString(coast_segments), directed=True))
    coast = sorted((list(l.coords) for l in coast), key=lambda c: (c[0], c[-1], len(c)))
    border_segments = {}
    for key, countries_using in sorted(users.items()):
        if len(countries_using) == 2 and countries_using[0] != countries_using[1]:
            border_segments.setdefault(tuple(sorted(countries_using)), []).append(key)
    detail_borders = []
    for (iso_a, iso_b), segments in sorted(border_segments.items()):
        lines = lines_of(shapely.line_merge(MultiLineString(segments)))
        detail_borders.append((iso_a, iso_b, sorted((list(l.coords) for l in lines), key=lambda c: (c[0], c[-1], len(c)))))

    extent_text = ",".join(num(v) for v in (west, south, east, north))
    source = f"GSHHG {version} full resolution, level 1, simplified {num(a.tolerance_m)} m"
    os.makedirs(a.output, exist_ok=True)
    with open(os.path.join(a.output, "detail-land.geojson"), "w", encoding="utf-8") as f:
        f.write('{"type":"FeatureCollection","features":[\n')
        rows = []
        for iso3, polys in output.items():
            geom = "[" + ",".join("[" + ",".join(coords_text(r.coords) for r in [p.exterior] + list(p.interiors)) + "]" for p in polys) + "]"
            props = json.dumps({"iso3": iso3, "extent": extent_text, "source": source}, separators=(",", ":"))
            rows.append('{"type":"Feature","properties":' + props + ',"geometry":{"type":"MultiPolygon","coordinates":' + geom + "}}")
        f.write(",\n".join(rows) + "\n]}\n")
    with open(os.path.join(a.output, "detail-coast.geojson"), "w", encoding="utf-8") as f:
        props = json.dumps({"extent": extent_text, "source": source}, separators=(",", ":"))
        geom = "[" + ",".join(coords_text(l) for l in coast) + "]"
        f.write('{"type":"FeatureCollection","features":[\n{"type":"Feature","properties":' + props
                + ',"geometry":{"type":"MultiLineString","coordinates":' + geom + "}}\n]}\n")

    with open(os.path.join(a.output, "detail-borders.geojson"), "w", encoding="utf-8") as f:
        f.write('{"type":"FeatureCollection","features":[\n')
        rows = []
        for iso_a, iso_b, lines in detail_borders:
            props = json.dumps({"a": iso_a, "b": iso_b, "source": "Natural Earth borders continued to the GSHHG coast"},
                               separators=(",", ":"))
            geom = "[" + ",".join(coords_text(l) for l in lines) + "]"
            rows.append('{"type":"Feature","properties":' + props + ',"geometry":{"type":"MultiLineString","coordinates":' + geom + "}}")
        f.write(",\n".join(rows) + "\n]}\n")

    kept_points = sum(len(r) for r in rings)
    print(f"make-basemap-detail: {source}; {full_points} shoreline points -> {kept_points} land ring points, "
          f"{len(land_ids)} land faces of {len(faces)}, countries {', '.join(f'{k} {len(v)} polygons' for k, v in output.items())}, "
          f"{len(coast)} coast lines, {sum(len(b[2]) for b in detail_borders)} border lines")


if __name__ == "__main__":
    main()
