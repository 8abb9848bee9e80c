"""GeoJSON text helpers shared by make-basemap.py and make-basemap-detail.py.

Numbers are written in their shortest form after rounding, so the files are
small and the same bytes on every run.
"""
from shapely.geometry import MultiPolygon, Polygon


def number_text(v, digits):
    """`v` rounded to `digits` decimals, shortest text (`12`, `32.5`)."""
    v = round(v, digits)
    if v == int(v):
        return str(int(v))
    return repr(v)


def coords_text(points, digits):
    """A GeoJSON position list: `[[x,y],...]`."""
    return "[" + ",".join(f"[{number_text(x, digits)},{number_text(y, digits)}]" for x, y in points) + "]"


def polygons_of(geom):
    """The polygons of any geometry (collections are searched), in order."""
    if geom.is_empty:
        return []
    if isinstance(geom, Polygon):
        return [geom]
    if isinstance(geom, MultiPolygon):
        return list(geom.geoms)
    return [g for part in getattr(geom, "geoms", []) for g in polygons_of(part)]
