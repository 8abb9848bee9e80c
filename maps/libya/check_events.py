#!/usr/bin/env python3
"""Check maps/libya/events.tsv against factions.tsv and (if present) the gazetteer.

Usage: python3 maps/libya/check_events.py [THEATRE_DIR]

Checks: column count, real calendar dates (YYYY-MM-DD or YYYY-MM), actions,
faction ids (and contested:a+b with sorted, known ids), empty `from` only on
hold rows, status, a source on every row, tabs; then replays each place in date
order (ties in file order; month precision applies from the 1st) checking that
`from` equals the state at that date, that no place changes twice on one day,
and that a hold matches the current state. If a gazetteer is found
(/work/wt/gazdata/gazetteer/libya.tsv or gazetteer/libya.tsv relative to the repo
root) every place must resolve by exact name, Arabic name, id or alt name
(Unicode NFC, case-insensitive). Seed-sourced rows must quote their seed exactly
when the seeds folder is reachable. Exit status 1 on errors.
"""
import datetime
import os
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
THEATRE = os.path.abspath(sys.argv[1]) if len(sys.argv) > 1 else HERE
REPO = os.path.abspath(os.path.join(THEATRE, "..", ".."))
COLUMNS = ["date", "place", "from", "to", "action", "source", "note", "status"]
ACTIONS = {"capture", "withdraw", "contest", "hold"}
STATUSES = {"confirmed", "claimed"}

errors = []
warnings = []


def err(path, line, msg):
    errors.append(f"{os.path.relpath(path)}:{line}: {msg}")


def warn(path, line, msg):
    warnings.append(f"{os.path.relpath(path)}:{line}: warning: {msg}")


def read_tsv(path):
    """Yield (line_no, fields) for non-comment, non-blank lines (header included)."""
    with open(path, encoding="utf-8") as f:
        for no, raw in enumerate(f, 1):
            line = raw.rstrip("\n").rstrip("\r")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            yield no, line.split("\t")


def norm(s):
    return unicodedata.normalize("NFC", s).strip().casefold()


def parse_date(s):
    """Return (date, precision) or None."""
    try:
        if len(s) == 10:
            return datetime.date.fromisoformat(s), "day"
        if len(s) == 7 and s[4] == "-":
            return datetime.date(int(s[:4]), int(s[5:]), 1), "month"
    except ValueError:
        return None
    return None


# ---- factions ----
fpath = os.path.join(THEATRE, "factions.tsv")
factions = set()
header = None
for no, f in read_tsv(fpath):
    if header is None:
        header = f
        if f != ["id", "name", "name_ar", "color", "short"]:
            err(fpath, no, f"bad header {f}")
        continue
    if len(f) != 5:
        err(fpath, no, f"expected 5 columns, found {len(f)}")
        continue
    factions.add(f[0])
    c = f[3]
    if not (len(c) == 7 and c[0] == "#" and all(ch in "0123456789abcdefABCDEF" for ch in c[1:])):
        err(fpath, no, f"bad colour {c!r}")


def valid_state(s):
    if s in factions or s == "unknown":
        return True
    if s.startswith("contested:"):
        ids = s[len("contested:"):].split("+")
        return len(ids) >= 2 and ids == sorted(ids) and len(set(ids)) == len(ids) and all(i in factions for i in ids)
    return False


# ---- gazetteer (optional) ----
gaz = None
for cand in ["/work/wt/gazdata/gazetteer/libya.tsv", os.path.join(REPO, "gazetteer", "libya.tsv")]:
    if os.path.exists(cand):
        gaz = cand
        break
names = None
if gaz:
    names = {}
    ghead = None
    for no, f in read_tsv(gaz):
        if ghead is None:
            ghead = f
            continue
        row = dict(zip(ghead, f))
        pid = row.get("id", "")
        keys = [pid, row.get("name", ""), row.get("name_ar", "")] + row.get("alt_names", "").split("|")
        for k in keys:
            if k.strip():
                names.setdefault(norm(k), set()).add(pid)

# ---- seeds (optional) ----
seed_dir = None
for cand in [os.path.join(REPO, "..", "shared"), "/work/shared"]:
    if os.path.isdir(os.path.join(cand, "seeds")):
        seed_dir = cand
        break

# ---- events ----
epath = os.path.join(THEATRE, "events.tsv")
rows = []
header = None
for no, f in read_tsv(epath):
    if header is None:
        header = f
        if f != COLUMNS:
            err(epath, no, f"bad header {f}, expected {COLUMNS}")
        continue
    if len(f) != len(COLUMNS):
        err(epath, no, f"expected {len(COLUMNS)} columns, found {len(f)}")
        continue
    r = dict(zip(COLUMNS, f))
    ok = True
    d = parse_date(r["date"])
    if d is None:
        err(epath, no, f"bad or impossible date {r['date']!r}")
        ok = False
    if r["action"] not in ACTIONS:
        err(epath, no, f"unknown action {r['action']!r}")
        ok = False
    if r["from"] == "":
        if r["action"] != "hold":
            err(epath, no, "empty 'from' is only allowed on hold rows")
            ok = False
    elif not valid_state(r["from"]):
        err(epath, no, f"unknown faction/state in 'from': {r['from']!r}")
        ok = False
    if not valid_state(r["to"]):
        err(epath, no, f"unknown faction/state in 'to': {r['to']!r}")
        ok = False
    if r["action"] == "contest" and not r["to"].startswith("contested:"):
        err(epath, no, "contest rows need to = contested:...")
    if r["action"] in ("capture", "withdraw") and r["from"] == r["to"]:
        err(epath, no, f"{r['action']} with from == to")
    if r["status"] not in STATUSES:
        err(epath, no, f"bad status {r['status']!r}")
    if not r["source"].strip():
        warn(epath, no, "row without a source")
    if not r["place"].strip():
        err(epath, no, "empty place")
        ok = False
    pid = r["place"]
    if names is not None and r["place"].strip():
        hit = names.get(norm(r["place"]))
        if not hit:
            err(epath, no, f"unknown place {r['place']!r} (not in {os.path.relpath(gaz)})")
        elif len(hit) > 1:
            err(epath, no, f"ambiguous place {r['place']!r}: {sorted(hit)}")
        else:
            pid = next(iter(hit))
    if seed_dir and "seeds/" in r["source"]:
        fn = r["source"].split("seeds/", 1)[1].split()[0]
        sp = os.path.join(seed_dir, "seeds", fn)
        if not os.path.exists(sp):
            err(epath, no, f"seed file not found: {fn}")
        elif r["note"] not in open(sp, encoding="utf-8").read():
            err(epath, no, f"note is not an exact quote from {fn}")
    if ok:
        rows.append((d[0], no, pid, r))

# replay per place
by_place = {}
for d, no, pid, r in sorted(rows, key=lambda x: (x[0], x[1])):
    by_place.setdefault(pid, []).append((d, no, r))
for pid, evs in by_place.items():
    state = None
    changed_on = {}
    for d, no, r in evs:
        frm = r["from"]
        if frm == "":
            if state is not None:
                err(epath, no, f"{r['place']}: empty 'from' but the state is already {state}")
        elif state is None:
            err(epath, no, f"{r['place']}: no initial state before this row")
        elif frm != state:
            err(epath, no, f"{r['place']}: 'from' is {frm} but the state on {r['date']} is {state}")
        if r["action"] == "hold":
            if state is not None and r["to"] != state:
                err(epath, no, f"{r['place']}: hold says {r['to']} but the state is {state}")
            if state is None:
                state = r["to"]
            continue
        if d in changed_on:
            err(epath, no, f"{r['place']}: second change on {d} (first at line {changed_on[d]})")
        changed_on[d] = no
        state = r["to"]

for w in warnings:
    print(w, file=sys.stderr)
for e in errors:
    print(e, file=sys.stderr)
n_hold = sum(1 for _, _, _, r in rows if r["action"] == "hold")
print(f"{len(rows)} rows ({n_hold} holds, {len(rows) - n_hold} changes), {len(by_place)} places; "
      f"gazetteer: {os.path.relpath(gaz) if gaz else 'not found, place check skipped'}; "
      f"{len(errors)} errors, {len(warnings)} warnings")
sys.exit(1 if errors else 0)
