#!/usr/bin/env python3
"""Sanity checks for gazetteer/libya.tsv (and optionally that an event log's places resolve).

Usage:
    python3 gazetteer/check_gazetteer.py [gazetteer.tsv] [--events maps/libya/events.tsv] [--needed places-needed.txt]

Exit status 0 when every check passes, 1 otherwise. Warnings (duplicate names across rows) do not fail.
"""
import re
import sys
import unicodedata
from collections import defaultdict

HEADER = ["id", "name", "name_ar", "alt_names", "lat", "lon", "kind", "admin1", "source"]
KINDS = {"city", "town", "village", "district", "airbase", "airport", "port", "oilfield", "region", "crossing"}
ID_RE = re.compile(r"^[a-z0-9]+(_[a-z0-9]+)*$")
MIN_ROWS = 150

AR_DIACRITICS = re.compile("[\u064B-\u065F\u0670\u0640]")  # harakat, superscript alef, tatweel


def norm(s: str) -> str:
    """Light normalisation, enough to find a name the way the resolver would (Arabic and Latin)."""
    s = unicodedata.normalize("NFKC", s).strip().lower()
    s = AR_DIACRITICS.sub("", s)
    s = re.sub("[إأآٱ]", "ا", s)
    s = s.replace("ة", "ه").replace("ى", "ي").replace("ؤ", "و").replace("ئ", "ي")
    s = "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))
    s = re.sub(r"['’‘ʿʾ`\-]", " ", s)
    s = re.sub(r"\s+", " ", s).strip()
    return s


def strip_article(s: str) -> str:
    s = re.sub(r"^(al|el|ad|ash|as|ar|az|an|at|ath) ", "", s)
    s = re.sub(r"^ال", "", s)
    return s


def load(path):
    errors, rows = [], []
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    header_seen = False
    for lineno, line in enumerate(lines, 1):
        if not line or line.startswith("#"):
            continue
        fields = line.split("\t")
        if not header_seen:
            if fields != HEADER:
                errors.append(f"{path}:{lineno}: header is {fields!r}, expected {HEADER!r}")
            header_seen = True
            continue
        if len(fields) != 9:
            errors.append(f"{path}:{lineno}: {len(fields)} fields, expected 9")
            continue
        rows.append((lineno, fields))
    if not header_seen:
        errors.append(f"{path}: no header row")
    return rows, errors


def main(argv):
    args = list(argv[1:])
    events = needed = None
    if "--events" in args:
        i = args.index("--events"); events = args[i + 1]; del args[i:i + 2]
    if "--needed" in args:
        i = args.index("--needed"); needed = args[i + 1]; del args[i:i + 2]
    path = args[0] if args else "gazetteer/libya.tsv"

    rows, errors = load(path)
    warnings = []
    ids = {}
    names = defaultdict(set)  # normalised name -> ids
    for lineno, f in rows:
        rid, name, name_ar, alts, lat, lon, kind, admin1, source = f
        where = f"{path}:{lineno}"
        if not ID_RE.match(rid):
            errors.append(f"{where}: id {rid!r} is not a lowercase slug")
        if rid in ids:
            errors.append(f"{where}: id {rid!r} already used on line {ids[rid]}")
        ids[rid] = lineno
        for col, val in (("name", name), ("name_ar", name_ar), ("kind", kind), ("admin1", admin1), ("source", source)):
            if not val.strip():
                errors.append(f"{where}: empty {col}")
            if val != val.strip():
                errors.append(f"{where}: {col} has leading/trailing spaces")
        if name_ar and not re.search("[\u0600-\u06FF]", name_ar):
            errors.append(f"{where}: name_ar {name_ar!r} has no Arabic letters")
        for c, lo, hi, v in (("lat", 19.0, 34.0, lat), ("lon", 9.0, 26.0, lon)):
            try:
                x = float(v)
            except ValueError:
                errors.append(f"{where}: {c} {v!r} is not a number"); continue
            if not (lo <= x <= hi):
                errors.append(f"{where}: {c} {x} outside {lo}..{hi}")
            if "." not in v or len(v.split(".")[1]) < 3:
                errors.append(f"{where}: {c} {v!r} has fewer than 3 decimals")
        if kind not in KINDS:
            errors.append(f"{where}: kind {kind!r} not one of {sorted(KINDS)}")
        alt_list = [a for a in alts.split("|")] if alts else []
        for a in alt_list:
            if not a.strip():
                errors.append(f"{where}: empty alternative name (stray '|')")
        for n in {name, name_ar, *alt_list}:
            if n.strip():
                names[norm(n)].add(rid)

    for n, s in sorted(names.items()):
        if len(s) > 1:
            warnings.append(f"name {n!r} shared by: {', '.join(sorted(s))}")
    if len(rows) < MIN_ROWS:
        errors.append(f"{path}: {len(rows)} rows, need at least {MIN_ROWS}")

    # optional: every place used by the event log / asked for must be findable
    index = defaultdict(set)
    for n, s in names.items():
        index[n] |= s
        index[strip_article(n)] |= s

    def resolves(p):
        k = norm(p)
        return bool(index.get(k) or index.get(strip_article(k)))

    for label, fpath, col in (("events", events, 1), ("needed", needed, 0)):
        if not fpath:
            continue
        with open(fpath, encoding="utf-8") as f:
            header_done = label == "needed"
            for lineno, line in enumerate(f, 1):
                line = line.rstrip("\n")
                if not line or line.startswith("#"):
                    continue
                fields = line.split("\t")
                if not header_done:
                    header_done = True
                    continue
                places = [fields[col]] if label == "events" else [x for x in fields[:2] if x]
                for p in places:
                    if p and not resolves(p):
                        errors.append(f"{fpath}:{lineno}: place {p!r} not found in {path}")

    for w in warnings:
        print("warning:", w)
    for e in errors:
        print("error:", e, file=sys.stderr)
    print(f"{path}: {len(rows)} rows, {len(errors)} errors, {len(warnings)} shared names")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
