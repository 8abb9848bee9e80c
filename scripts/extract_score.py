#!/usr/bin/env python3
"""Scores `frontline extract` against the gold files of Tests/ExtractTests/Fixtures.

Runs the extractor on every article of articles.tsv (with its publication day), and compares the set of
(article, place, controller_after) claims it prints with the gold claims. Prints precision, recall and F1
per set (seeds; heldout, written before tuning; unseen, written after the rules were frozen), and with -v every false positive and false negative.

    scripts/extract_score.py [--binary .build/release/frontline] [-v]
"""
import argparse, json, os, subprocess, sys

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
fixtures = os.path.join(root, "Tests", "ExtractTests", "Fixtures")

def rows(path):
    with open(path, encoding="utf-8") as f:
        lines = [l.rstrip("\n") for l in f if l.strip() and not l.startswith("#")]
    header = lines[0].split("\t")
    return [dict(zip(header, l.split("\t"))) for l in lines[1:]]

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", default=os.path.join(root, ".build", "debug", "frontline"))
    ap.add_argument("-v", action="store_true")
    args = ap.parse_args()
    gold = {}
    for name in ("seeds", "heldout", "unseen"):
        for r in rows(os.path.join(fixtures, f"{name}-gold.tsv")):
            if r["controller_after"]:
                gold.setdefault(r["article"], set()).add((r["place"], r["controller_after"]))
    totals = {}
    for a in rows(os.path.join(fixtures, "articles.tsv")):
        out = subprocess.run([args.binary, "extract", os.path.join(fixtures, a["article"]), "--date", a["date"], "--json"],
                             capture_output=True, text=True, check=True).stdout
        found = {(e["place"]["id"], e["controller_after"] or "unknown") for e in (json.loads(out)["events"] if out else [])}
        want = gold.get(a["article"], set())
        t = totals.setdefault(a["set"], [0, 0, 0])
        t[0] += len(found & want); t[1] += len(found - want); t[2] += len(want - found)
        if args.v:
            for fp in sorted(found - want): print(f"  FP {a['article']}: {fp}")
            for fn in sorted(want - found): print(f"  FN {a['article']}: {fn}")
    for name, (tp, fp, fn) in totals.items():
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        print(f"{name}: precision {p:.3f}  recall {r:.3f}  F1 {f:.3f}  (tp {tp}, fp {fp}, fn {fn})")

if __name__ == "__main__":
    main()
