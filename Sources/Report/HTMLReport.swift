import Foundation
import FrontlineCore
import Render
import Timeline

/// Lays a report out as one self-contained HTML file: inline CSS, the maps and
/// the chart as inline SVG, no script, nothing fetched from outside the file
/// (fonts are named, not linked). Prints with a page break before each map.
///
/// Deterministic: the same content gives the same bytes.
public enum HTMLReport {
    /// The SVG of one map for inlining: the maps' own semantic SVG (real text,
    /// named layers, data attributes) with every id under `prefix-svg` (the
    /// SVG's own id is its prefix, and `prefix` is the map's figure), so that
    /// maps in one page never share an id; without its XML declaration.
    static func mapSVG(_ scene: MapScene, prefix: String, renderer: MapRenderer) -> String {
        let svg = String(decoding: renderer.semanticSVG(scene, idPrefix: prefix + "-svg"), as: UTF8.self)
        guard svg.hasPrefix("<?xml"), let end = svg.firstIndex(of: ">") else { return svg }
        return String(svg[svg.index(after: end)...].drop { $0 == "\n" })
    }

    /// - Parameter jobs: threads drawing the maps' SVG, each with its own renderer.
    public static func render(_ content: ReportContent, jobs: Int = ProcessInfo.processInfo.activeProcessorCount) throws -> Data {
        let renderer = try MapRenderer()
        // Each map's own layers, drawn on all cores.
        let overlays = try concurrentMap(content.maps, jobs: jobs, worker: { try MapRenderer() }) { r, map -> String in
            var overlay = map.scene
            overlay.base = []
            overlay.background = RGBA(0, 0, 0, 0)
            return mapSVG(overlay, prefix: map.anchor, renderer: r)
        }
        let text = ReportText(content.language)
        let rtl = content.language == .ar
        var h = ""
        h.reserveCapacity(content.maps.count * 400_000 + 100_000)
        h += "<!DOCTYPE html>\n<html lang=\"\(rtl ? "ar" : "en")\" dir=\"\(rtl ? "rtl" : "ltr")\">\n<head>\n<meta charset=\"utf-8\">\n"
        h += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        h += "<meta name=\"generator\" content=\"frontline report\">\n"
        h += "<title>\(esc(content.title))</title>\n<style>\n\(css(rtl: rtl))</style>\n</head>\n<body>\n"

        // Title and range.
        h += "<header>\n<h1>\(esc(content.title))</h1>\n"
        h += "<p class=\"range\">\(esc(text.range(content.from, content.to)))</p>\n"
        h += "<p class=\"theatre\"><span lang=\"en\" dir=\"ltr\">\(esc(content.theatreName))</span> · <span lang=\"ar\" dir=\"rtl\">\(esc(content.theatreNameArabic))</span></p>\n"
        h += "<p class=\"generated\">\(esc(text.generated(content.generated, events: content.eventsFile)))</p>\n</header>\n"

        h += "<nav class=\"contents\"><h2>\(esc(text.contents))</h2><ol>"
        for (id, name) in [("summary", text.summary), ("chart", text.chart), ("maps", text.maps), ("events", text.events), ("method", text.method), ("credits", text.credits)] {
            h += "<li><a href=\"#\(id)\">\(esc(name))</a></li>"
        }
        h += "</ol></nav>\n"

        h += summary(content, text)
        h += "<section id=\"chart\">\n<h2>\(esc(text.chart))</h2>\n\(chartSVG(content, text))\n<p class=\"caption\">\(esc(text.chartCaption))</p>\n</section>\n"

        h += "<section id=\"maps\">\n<h2>\(esc(text.maps))</h2>\n"
        // The static layers (sea, land, borders, country names) are the same on
        // every map of one view: written once, hidden, and drawn under each
        // map's own layers with <use>. A month's report is a fifth the size.
        var bases: [String: String] = [:]
        for map in content.maps where bases[map.scene.baseKey] == nil {
            let id = "base-\(bases.count + 1)"
            bases[map.scene.baseKey] = id
            var scene = map.scene
            scene.overlay = []
            h += "<svg class=\"shared-base\" width=\"0\" height=\"0\" aria-hidden=\"true\"><defs><g id=\"\(id)\">"
            h += mapSVG(scene, prefix: id, renderer: renderer)
            h += "</g></defs></svg>\n"
        }
        for map in content.maps {
            h += "<figure class=\"map\" id=\"\(map.anchor)\">\n<h3>\(esc(text.map)) \(map.number) · \(esc(text.mapTitle(map, weekly: content.weekly)))</h3>\n"
            h += "<div class=\"map-image\" role=\"img\" aria-label=\"\(esc(text.map)) \(map.date)\">\n"
            let scene = map.scene
            h += "<svg class=\"map-svg\" viewBox=\"0 0 \(scene.pixelWidth) \(scene.pixelHeight)\" width=\"\(scene.pixelWidth)\" height=\"\(scene.pixelHeight)\">"
            h += "<use href=\"#\(bases[scene.baseKey]!)\"/>"
            h += overlays[map.number - 1]
            h += "</svg>\n"
            h += "</div>\n<figcaption>\n"
            if !map.changes.isEmpty {
                h += "<ul class=\"changes\">"
                for c in map.changes {
                    h += "<li>\(placeHTML(PlaceName(c.place))): \(esc(text.transition(c.before, c.after, factions: content.factions)))</li>"
                }
                h += "</ul>\n"
            } else if map.previousDate == nil {
                h += "<p>\(esc(text.noChange))</p>\n"
            }
            h += "<p class=\"shown\">\(esc(text.eventsOnMap)):</p>\n"
            if map.eventIndices.isEmpty {
                h += "<p>\(esc(text.noEvents))</p>\n"
            } else {
                h += "<ol class=\"map-events\">"
                for i in map.eventIndices {
                    let e = content.events[i]
                    h += "<li><a href=\"#\(e.anchor)\"><bdi dir=\"ltr\">\(e.date.text(e.precision))</bdi> \(placeHTML(e.place)): \(esc(text.actionName(e.action))), \(esc(text.statusName(e.status)))</a></li>"
                }
                h += "</ol>\n"
            }
            h += "</figcaption>\n</figure>\n"
        }
        h += "</section>\n"

        h += eventTable(content, text)

        h += "<section id=\"method\">\n<h2>\(esc(text.method))</h2>\n"
        for p in content.method { h += "<p>\(esc(p))</p>\n" }
        h += "</section>\n<section id=\"credits\">\n<h2>\(esc(text.credits))</h2>\n<ul>"
        for c in content.credits { h += "<li>\(esc(c))</li>" }
        h += "</ul>\n<p class=\"tool\">frontline report</p>\n</section>\n</body>\n</html>\n"
        return Data(h.utf8)
    }

    static func css(rtl: Bool) -> String {
        let fonts = rtl ? "\"Noto Sans Arabic\", \"Noto Naskh Arabic\", \"Noto Sans\", sans-serif"
            : "\"Noto Sans\", \"Noto Sans Arabic\", sans-serif"
        return """
        :root { color-scheme: light; }
        body { font-family: \(fonts); margin: 0 auto; max-width: 62rem; padding: 1.5rem; color: #1a1a1a; line-height: 1.45; }
        [lang="ar"] { font-family: "Noto Sans Arabic", "Noto Naskh Arabic", sans-serif; }
        h1 { font-size: 1.7rem; margin: 0 0 .3rem; }
        h2 { font-size: 1.3rem; border-bottom: 1px solid #bbb; padding-bottom: .2rem; margin-top: 2rem; }
        h3 { font-size: 1.05rem; margin: .4rem 0; }
        .range { font-size: 1.15rem; margin: 0; }
        .theatre, .generated, .caption, .tool { color: #555; font-size: .9rem; margin: .2rem 0; }
        nav.contents ol { columns: 2; }
        table { border-collapse: collapse; width: 100%; font-size: .85rem; }
        th, td { border: 1px solid #ccc; padding: .25rem .4rem; vertical-align: top; text-align: start; }
        thead th { background: #eee; }
        td.num { text-align: end; font-variant-numeric: tabular-nums; }
        td.place [lang="ar"] { display: block; }
        .swatch { display: inline-block; width: .8em; height: .8em; border: 1px solid #555; vertical-align: -.05em; margin-inline-end: .3em; }
        .claimed { font-style: italic; color: #8a3b00; }
        figure.map { margin: 1.5rem 0; }
        .map-image svg.map-svg { width: 100%; height: auto; display: block; border: 1px solid #ccc; }
        svg.shared-base { position: absolute; width: 0; height: 0; overflow: hidden; }
        #chart svg { width: 100%; height: auto; max-width: 720px; display: block; }
        figcaption ul, figcaption ol { margin: .2rem 0; }
        .shown { margin: .4rem 0 0; font-weight: 600; }
        tr:target { outline: 2px solid #c00; }
        a { color: #1f3f8f; }
        @page { size: A4; margin: 14mm; }
        @media print {
          body { max-width: none; padding: 0; font-size: 10pt; }
          nav.contents { display: none; }
          figure.map { break-before: page; break-inside: avoid; }
          #events { break-before: page; }
          thead { display: table-header-group; }
          tr { break-inside: avoid; }
          a { color: inherit; text-decoration: none; }
        }

        """
    }

    static func summary(_ c: ReportContent, _ text: ReportText) -> String {
        var h = "<section id=\"summary\">\n<h2>\(esc(text.summary))</h2>\n<table class=\"summary\">\n<thead><tr>"
        for head in [text.side, text.gained, text.lost, text.areaHeading(c.from) + " (\(text.km2))",
                     text.areaHeading(c.to) + " (\(text.km2))", text.areaChange] {
            h += "<th>\(esc(head))</th>"
        }
        h += "</tr></thead>\n<tbody>\n"
        // On an Arabic page a place is named in Arabic (Latin when it has no
        // Arabic name); otherwise in both scripts.
        func list(_ places: [PlaceName]) -> String {
            let names = places.map { p in
                c.language == .ar && !p.arabic.isEmpty ? "<span lang=\"ar\">\(esc(p.arabic))</span>" : placeHTML(p)
            }
            return places.isEmpty ? esc(text.none) : "\(places.count): " + names.joined(separator: text.comma)
        }
        for s in c.summary.sides {
            let color = c.faction(s.factionID).map { "\($0.color)" } ?? "#000000"
            h += "<tr><th scope=\"row\"><span class=\"swatch\" style=\"background:\(color)\"></span>\(esc(text.sideName(s.factionID, factions: c.factions)))</th>"
            h += "<td>\(list(s.gained))</td><td>\(list(s.lost))</td>"
            h += "<td class=\"num\" dir=\"ltr\">\(formatKm2(s.areaFrom))</td><td class=\"num\" dir=\"ltr\">\(formatKm2(s.areaTo))</td><td class=\"num\" dir=\"ltr\">\(formatSigned(s.areaChange))</td></tr>\n"
        }
        h += "</tbody>\n</table>\n"
        h += "<p>\(esc(text.contestedArea(formatKm2(c.summary.contestedAreaFrom), formatKm2(c.summary.contestedAreaTo))))</p>\n"
        h += "<p>\(esc(text.contestedAtEnd(c.to))): \(list(c.summary.contestedAtEnd))</p>\n"
        h += "<p>\(esc(text.eventCounts(c.summary)))</p>\n</section>\n"
        return h
    }

    static func chartSVG(_ c: ReportContent, _ text: ReportText) -> String {
        let chart = ChartLayout(chart: c.chart, factions: c.factions, text: text)
        func f(_ v: Double) -> String { String(format: "%.1f", v) }
        let p = chart.plot
        var s = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(f(chart.width)) \(f(chart.height))\" width=\"\(f(chart.width))\" height=\"\(f(chart.height))\" role=\"img\" aria-label=\"\(esc(text.chart))\" font-family=\"Noto Sans, Noto Sans Arabic, sans-serif\" font-size=\"11\">\n"
        s += "<rect x=\"\(f(p.x))\" y=\"\(f(p.y))\" width=\"\(f(p.width))\" height=\"\(f(p.height))\" fill=\"#fafafa\" stroke=\"#999\"/>\n"
        for t in chart.yTicks {
            s += "<line x1=\"\(f(p.x))\" x2=\"\(f(p.x + p.width))\" y1=\"\(f(t.position))\" y2=\"\(f(t.position))\" stroke=\"#ddd\"/>"
            s += "<text x=\"\(f(p.x - 6))\" y=\"\(f(t.position + 4))\" text-anchor=\"end\" direction=\"ltr\">\(esc(t.label))</text>\n"
        }
        for x in chart.changeMarks {
            s += "<line class=\"change\" x1=\"\(f(x))\" x2=\"\(f(x))\" y1=\"\(f(p.y))\" y2=\"\(f(p.y + p.height))\" stroke=\"#c03030\" stroke-dasharray=\"3 3\" stroke-width=\"0.8\"/>\n"
        }
        for t in chart.xTicks {
            s += "<line x1=\"\(f(t.position))\" x2=\"\(f(t.position))\" y1=\"\(f(p.y + p.height))\" y2=\"\(f(p.y + p.height + 4))\" stroke=\"#555\"/>"
            s += "<text x=\"\(f(t.position))\" y=\"\(f(p.y + p.height + 16))\" text-anchor=\"middle\" direction=\"ltr\">\(esc(t.label))</text>\n"
        }
        for line in chart.lines {
            s += "<polyline class=\"series\" data-series=\"\(esc(line.id))\" fill=\"none\" stroke=\"\(line.color.hex)\" stroke-width=\"2.2\" points=\""
            s += line.points.map { "\(f($0.x)),\(f($0.y))" }.joined(separator: " ") + "\"/>\n"
        }
        var lx = p.x
        for entry in chart.legend {
            let y = chart.height - 22
            s += "<rect x=\"\(f(lx))\" y=\"\(f(y - 9))\" width=\"14\" height=\"10\" fill=\"\(entry.color.hex)\"/>"
            s += "<text x=\"\(f(lx + 18))\" y=\"\(f(y))\">\(esc(entry.name))</text>\n"
            // An estimate of the name's width at 11 px; the browser lays out the text.
            lx += 18 + Double(entry.name.count) * 6.2 + 18
        }
        s += "<text x=\"\(f(p.x))\" y=\"\(f(chart.height - 4))\" fill=\"#555\">\(esc(text.km2))</text>\n"
        return s + "</svg>"
    }

    static func eventTable(_ c: ReportContent, _ text: ReportText) -> String {
        var h = "<section id=\"events\">\n<h2>\(esc(text.events))</h2>\n<table class=\"events\">\n<thead><tr>"
        for head in ["#", text.date, text.place, text.change, text.action, text.status, text.source, text.quote] {
            h += "<th>\(esc(head))</th>"
        }
        h += "</tr></thead>\n<tbody>\n"
        for e in c.events {
            h += "<tr id=\"\(e.anchor)\" class=\"\(e.status.rawValue)\">"
            h += "<td class=\"num\">\(e.number)</td>"
            h += "<td><a href=\"#map-\(e.mapNumber)\" title=\"\(esc(text.map)) \(e.mapNumber)\" dir=\"ltr\">\(e.date.text(e.precision))</a>"
            if e.precision == .month { h += " <small>(\(esc(text.precisionNote(e.precision))))</small>" }
            h += "</td>"
            h += "<td class=\"place\"><span lang=\"en\" dir=\"ltr\">\(esc(e.place.latin))</span>"
            if !e.place.arabic.isEmpty { h += "<span lang=\"ar\" dir=\"rtl\">\(esc(e.place.arabic))</span>" }
            h += "</td>"
            h += "<td>\(esc(text.transition(e.before, e.after, factions: c.factions)))</td>"
            h += "<td>\(esc(text.actionName(e.action)))</td>"
            h += "<td class=\"status\">\(esc(text.statusName(e.status)))</td>"
            h += "<td class=\"source\">"
            if let url = e.sourceURL, let r = e.source.range(of: url) {
                // The citation as written, its URL a link.
                h += esc(String(e.source[..<r.lowerBound])) + "<a href=\"\(esc(url))\" rel=\"noreferrer\">\(esc(url))</a>" + esc(String(e.source[r.upperBound...]))
            } else {
                h += esc(e.source)
            }
            h += " <small dir=\"ltr\">(\(esc(e.location.description)))</small></td>"
            if e.note.isEmpty {
                h += "<td></td>"
            } else if startsRightToLeft(e.note) {
                h += "<td class=\"note\" lang=\"ar\" dir=\"rtl\">\(esc(e.note))</td>"
            } else {
                h += "<td class=\"note\" dir=\"ltr\">\(esc(e.note))</td>"
            }
            h += "</tr>\n"
        }
        return h + "</tbody>\n</table>\n</section>\n"
    }

    /// Both scripts, each marked with its language and direction.
    static func placeHTML(_ p: PlaceName) -> String {
        var s = "<span lang=\"en\" dir=\"ltr\">\(esc(p.latin))</span>"
        if !p.arabic.isEmpty { s += " <span lang=\"ar\" dir=\"rtl\">\(esc(p.arabic))</span>" }
        return s
    }

    static func esc(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for c in s {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(c)
            }
        }
        return out
    }
}
