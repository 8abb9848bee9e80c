#!/usr/bin/env python3
"""Builds maps/libya/areas/lna-east-south.geojson, the drawn area of the LNA-held
east and south of Libya, from the theatre's own Natural Earth basemap.

The area is Libya (maps/libya/basemap/countries.geojson, iso3 LBY) minus the
western region the event log covers place by place: everything west of 17.0 E
and north of 29.5 N (Tripolitania, the Nafusa mountains, Ghadames, Sirte and
its approaches, al-Qaryat and al-Shwayrif). Zones there are derived from the
events; the drawn area covers only the ground the log does not reach.

What it rests on is in maps/libya/areas/README.md. Deterministic: the same
basemap gives the same bytes (coordinates rounded to 5 decimals, about 1 m).

Needs shapely 2 from PyPI:  python3 -m pip install 'shapely>=2,<3'
Run from the repository root:  python3 scripts/make-areas.py
"""
import json
import sys

from shapely.geometry import box, mapping, shape
from shapely import set_precision

WEST_REGION = box(0.0, 29.5, 17.0, 40.0)  # lon/lat: W, S, E, N

def main():
    with open("maps/libya/basemap/countries.geojson", encoding="utf-8") as f:
        countries = json.load(f)
    libya = next(shape(f["geometry"]) for f in countries["features"] if f["properties"].get("iso3") == "LBY")
    area = set_precision(libya.difference(WEST_REGION), 1e-5).normalize()
    if not area.is_valid or area.is_empty:
        sys.exit("make-areas: the area came out invalid or empty")
    feature = {
        "type": "Feature",
        "properties": {
            "id": "lna-east-south",
            "controller": "lna",
            "from": "2019-04-03",
            "to": "",
            "source": "Al Jazeera, 'Libya: Mapping areas of military control', control map of 9 June 2020 (Alia Chughtai), "
                      "as republished at https://en.akhbar1.com/libya-mapping-areas-of-military-control-1582.html; "
                      "Wikipedia, 'Southern Libya offensive' (LNA takes Sabha and its oil fields, January-April 2019), "
                      "https://en.wikipedia.org/wiki/Southern_Libya_offensive",
            "note": "Libya east of 17 E or south of 29.5 N: Cyrenaica and the oil crescent (LNA since 2016-2018), the Fezzan "
                    "after the LNA's 2019 southern offensive, al-Jufra. Local Tuareg and Tebu forces held parts of the Fezzan; "
                    "see maps/libya/areas/README.md.",
        },
        "geometry": mapping(area),
    }
    def rounded(o):
        if isinstance(o, float):
            return round(o, 5)
        if isinstance(o, (list, tuple)):
            return [rounded(x) for x in o]
        if isinstance(o, dict):
            return {k: rounded(v) for k, v in o.items()}
        return o
    doc = {"type": "FeatureCollection", "features": [rounded(feature)]}
    with open("maps/libya/areas/lna-east-south.geojson", "w", encoding="utf-8") as f:
        json.dump(doc, f, ensure_ascii=False, separators=(",", ":"))
        f.write("\n")

if __name__ == "__main__":
    main()
