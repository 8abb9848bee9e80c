#!/usr/bin/python3
"""Loads frontline HTML reports in a real browser and checks what a reader sees.

Debian's chromium, headless, driven by Selenium through Debian's chromium-driver
(both installed by scripts/setup.sh; python3-selenium too). Run by
Tests/ReportTests/BrowserTests.swift, so `swift test` (and CI) runs it.

    browser_check.py --screenshots DIR REPORT.html [REPORT.html ...]

For each file, offline (every request outside the file is sent to a dead proxy):
  - no console errors, and no request for anything but the file itself;
  - every map drawn with a non-zero size, its shared base, and its labels:
    every <text data-place> of the semantic SVG laid out with a non-zero size
    and holding its text;
  - Arabic table cells laid out right to left (the first letter to the right of
    the last), and the page right to left when <html dir="rtl">;
  - the date link of the last event row scrolls to that event's map.
A screenshot of the first screen is kept in DIR for a look when a check fails.
Exit 0 when every check passes, 1 with one line per failure otherwise.
"""
import json
import os
import sys

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By

CHROMIUM = "/usr/bin/chromium"
DRIVER = "/usr/bin/chromedriver"


def browser():
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=1200,900", "--hide-scrollbars", "--no-first-run",
                # Offline: anything that is not the file goes to a port nobody listens on.
                "--proxy-server=http://127.0.0.1:9", "--proxy-bypass-list=<-loopback>",
                "--disable-background-networking", "--disable-component-update", "--disable-sync"]:
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    return webdriver.Chrome(service=Service(DRIVER), options=options)


MAPS_JS = """
const out = [];
for (const fig of document.querySelectorAll('figure.map')) {
  const svg = fig.querySelector('svg.map-svg');
  const r = svg ? svg.getBoundingClientRect() : {width: 0, height: 0};
  const uses = svg ? [...svg.querySelectorAll('use')] : [];
  const href = u => u.getAttribute('href') || u.getAttribute('xlink:href') || '';
  const unresolved = uses.filter(u => !document.getElementById(href(u).slice(1))).map(href);
  // The map's labels: real <text> elements of the semantic SVG, one per place label.
  const labels = [...fig.querySelectorAll('text[data-place]')];
  let laidOut = 0;
  for (const t of labels) { const b = t.getBoundingClientRect(); if (b.width > 0 && b.height > 0 && t.textContent.trim()) laidOut++; }
  const base = uses.find(u => href(u).startsWith('#base-'));
  const baseBox = base ? base.getBoundingClientRect() : {width: 0, height: 0};
  out.push({id: fig.id, width: r.width, height: r.height, labels: labels.length, laidOut: laidOut,
            unresolved: unresolved.slice(0, 3), unresolvedCount: unresolved.length,
            base: !!base, baseWidth: baseBox.width, events: fig.querySelectorAll('figcaption a[href^="#event-"]').length});
}
return out;
"""

RTL_JS = """
// The first and last letter of a text: in right-to-left layout the first is to the right.
function order(el) {
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  let node, text = [];
  while ((node = walker.nextNode())) if (node.textContent.trim()) text.push(node);
  if (!text.length) return null;
  const first = text[0], last = text[text.length - 1];
  const i = first.textContent.search(/\\S/);
  const j = last.textContent.length - 1 - [...last.textContent].reverse().join('').search(/\\S/);
  const a = document.createRange(); a.setStart(first, i); a.setEnd(first, i + 1);
  const b = document.createRange(); b.setStart(last, j); b.setEnd(last, j + 1);
  return {first: a.getBoundingClientRect().left, last: b.getBoundingClientRect().left};
}
const cells = [...document.querySelectorAll('table.events td.note[lang="ar"], table.events td.place [lang="ar"]')];
return {
  page: getComputedStyle(document.documentElement).direction,
  declared: document.documentElement.getAttribute('dir'),
  cells: cells.map(c => ({text: c.textContent.slice(0, 30), direction: getComputedStyle(c).direction, order: order(c)}))
};
"""


def check(driver, path, shots):
    problems = []
    url = "file://" + os.path.abspath(path)
    driver.get_log("performance")  # drop what an earlier page logged
    driver.get_log("browser")
    driver.get(url)
    name = os.path.splitext(os.path.basename(path))[0]
    shot = os.path.join(shots, name + "-first-screen.png")
    driver.save_screenshot(shot)

    for entry in driver.get_log("browser"):
        if entry.get("level") == "SEVERE":
            problems.append(f"console error: {entry.get('message')}")
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message.get("method") == "Network.requestWillBeSent":
            requested = message["params"]["request"]["url"]
            if requested.split("#")[0] != url:
                problems.append(f"request outside the file: {requested[:120]}")

    maps = driver.execute_script(MAPS_JS)
    if not maps:
        problems.append("no map in the report")
    for m in maps:
        if m["width"] <= 0 or m["height"] <= 0:
            problems.append(f"{m['id']}: drawn {m['width']}x{m['height']}")
        if not m["base"] or m["baseWidth"] <= 0:
            problems.append(f"{m['id']}: the shared base layer is missing or empty")
        if m["labels"] == 0 or m["laidOut"] < m["labels"]:
            problems.append(f"{m['id']}: {m['laidOut']} of {m['labels']} labels laid out")
        if m["unresolvedCount"]:
            problems.append(f"{m['id']}: {m['unresolvedCount']} references to missing ids, e.g. {m['unresolved']}")

    rtl = driver.execute_script(RTL_JS)
    if rtl["declared"] == "rtl" and rtl["page"] != "rtl":
        problems.append(f"page declared rtl but laid out {rtl['page']}")
    if not rtl["cells"]:
        problems.append("no Arabic cell in the event table")
    for c in rtl["cells"]:
        o = c["order"]
        if c["direction"] != "rtl":
            problems.append(f"Arabic cell '{c['text']}' has direction {c['direction']}")
        elif o is None or not o["first"] > o["last"]:
            problems.append(f"Arabic cell '{c['text']}' is not laid out right to left: {o}")

    # The last row's date link jumps back up the page to its map.
    links = driver.find_elements(By.CSS_SELECTOR, "table.events tbody tr td:nth-child(2) a")
    if not links:
        problems.append("no event row links to a map")
    else:
        link = links[-1]
        target = link.get_attribute("href").split("#")[1]
        driver.execute_script("arguments[0].scrollIntoView()", link)
        before = driver.execute_script("return window.scrollY")
        link.click()
        after = driver.execute_script("return window.scrollY")
        top = driver.execute_script("return document.getElementById(arguments[0]).getBoundingClientRect().top", target)
        if driver.execute_script("return location.hash") != "#" + target:
            problems.append(f"clicking the last row's date did not go to #{target}")
        if not (after != before and abs(top) < 5):
            problems.append(f"#{target} is not scrolled to: scrollY {before} -> {after}, its top at {top}")
    return [f"{path}: {p}" for p in problems], shot


def main():
    args = sys.argv[1:]
    if len(args) < 3 or args[0] != "--screenshots":
        print(__doc__.strip().splitlines()[4].strip(), file=sys.stderr)
        return 64
    shots, files = args[1], args[2:]
    for tool in (CHROMIUM, DRIVER):
        if not os.access(tool, os.X_OK):
            print(f"{tool} is missing: run scripts/setup.sh (Debian chromium and chromium-driver)", file=sys.stderr)
            return 1
    driver = browser()
    failures = []
    try:
        for path in files:
            problems, shot = check(driver, path, shots)
            if problems:
                failures += problems + [f"{path}: first screen kept at {shot}"]
            else:
                print(f"ok {path} (first screen: {shot})")
    finally:
        driver.quit()
    for f in failures:
        print(f, file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
