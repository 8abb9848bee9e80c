import Foundation
import FrontlineCore
import Render
import Timeline

/// Lays a report out as PDF pages with Render's ``PDFDocumentWriter`` (Cairo
/// and Pango): title and summary, the chart, one page per map (vector), the
/// event table broken across pages with its header repeated, method and
/// credits. Every section and map has a bookmark; table rows link to their
/// map, maps list and link their events, sources link out.
///
/// Deterministic: the metadata date is the data's (``ReportContent/generated``).
public enum PDFReport {
    public static func render(_ content: ReportContent, paper: PaperSize) throws -> Data {
        var layout = try PDFLayout(content: content, paper: paper)
        try layout.document()
        return try layout.writer.finish()
    }
}

/// The page cursor and the drawing of each part. Coordinates in points from
/// the page's top-left; for `--lang ar` the page runs right to left (columns
/// and headings mirrored, paragraphs right-aligned).
private struct PDFLayout {
    let content: ReportContent
    let text: ReportText
    let writer: PDFDocumentWriter
    let rtl: Bool
    let margin = 42.0
    var y: Double
    var left: Double { margin }
    var width: Double { writer.pageWidth - 2 * margin }
    var bottom: Double { writer.pageHeight - margin - 14 }

    static let black = RGBA(0.1, 0.1, 0.1)
    static let grey = RGBA(0.35, 0.35, 0.35)
    static let rule = RGBA(0.75, 0.75, 0.75)
    static let link = RGBA(0.12, 0.25, 0.56)

    init(content: ReportContent, paper: PaperSize) throws {
        self.content = content
        text = ReportText(content.language)
        rtl = content.language == .ar
        let size = paper.points
        let meta = PDFMetadata(
            title: content.title,
            subject: "\(content.theatreName): \(content.from) – \(content.to)",
            author: "frontline report",
            keywords: "front line, control of terrain, \(content.from), \(content.to)",
            date: "\(content.generated)T00:00:00")
        writer = try PDFDocumentWriter(width: size.width, height: size.height, metadata: meta)
        y = margin
    }

    func style(_ size: Double, bold: Bool = false, color: RGBA = PDFLayout.black, direction: TextDirection? = nil) -> DocumentTextStyle {
        DocumentTextStyle(font: FontSpec(size: size, bold: bold), color: color, alignment: .left,
                          direction: direction ?? (rtl ? .rightToLeft : .leftToRight))
    }

    /// A style for text whose own script decides its direction (names, quotes, sources).
    func own(_ s: String, _ size: Double, bold: Bool = false, color: RGBA = PDFLayout.black) -> DocumentTextStyle {
        style(size, bold: bold, color: color, direction: startsRightToLeft(s) ? .rightToLeft : .leftToRight)
    }

    /// x of a box `w` wide starting `offset` from the start side of the text column.
    func x(_ offset: Double, _ w: Double) -> Double { rtl ? left + width - offset - w : left + offset }

    mutating func newPage() throws {
        footer()
        try writer.newPage()
        y = margin
    }

    func footer() {
        let s = "\(content.title) · \(writer.pageNumber)"
        writer.drawText(s, x: left, y: writer.pageHeight - margin + 2, width: width, style: style(7, color: PDFLayout.grey))
    }

    mutating func ensure(_ height: Double) throws {
        if y + height > bottom { try newPage() }
    }

    mutating func paragraph(_ s: String, size: Double = 9.5, bold: Bool = false, gap: Double = 5) throws {
        let st = style(size, bold: bold)
        let h = writer.textHeight(s, width: width, style: st)
        try ensure(h)
        writer.drawText(s, x: left, y: y, width: width, style: st)
        y += h + gap
    }

    /// A section heading with its destination and bookmark; returns the bookmark id.
    @discardableResult
    mutating func heading(_ s: String, id: String, parent: Int = 0, size: Double = 15, room: Double = 60) throws -> Int {
        try ensure(size * 1.6 + room)
        try writer.destination(id, at: ScenePoint(x: left, y: y))
        let h = writer.drawText(s, x: left, y: y, width: width, style: style(size, bold: true))
        y += h + 2
        writer.stroke(line: [ScenePoint(x: left, y: y), ScenePoint(x: left + width, y: y)], color: PDFLayout.rule, width: 0.6)
        y += 6
        return try writer.addOutline(s, destination: id, parent: parent)
    }

    mutating func document() throws {
        // Title block.
        try writer.destination("top", at: ScenePoint(x: left, y: y))
        try writer.addOutline(content.title, destination: "top")
        y += writer.drawText(content.title, x: left, y: y, width: width, style: style(20, bold: true)) + 4
        try paragraph(text.range(content.from, content.to), size: 12.5)
        try paragraph(content.theatreName, size: 9, gap: 1)
        try paragraph(content.theatreNameArabic, size: 9)
        try paragraph(text.generated(content.generated, events: content.eventsFile), size: 8)
        y += 8
        try summary()
        try chart()
        try maps()
        try events()
        try heading(text.method, id: "method")
        for p in content.method { try paragraph(p, size: 9) }
        y += 6
        try heading(text.credits, id: "credits")
        for c in content.credits { try paragraph(c, size: 9) }
        try paragraph("frontline report", size: 8)
        footer()
    }

    /// A place as the page names it: Arabic alone on an Arabic page, else both scripts.
    /// The Arabic name goes in a first-strong isolate (FSI … PDI), so it keeps its
    /// own order inside a Latin line and does not reorder the words around it.
    func placeText(_ p: PlaceName) -> String {
        if rtl { return p.arabic.isEmpty ? p.latin : p.arabic }
        return p.arabic.isEmpty ? p.latin : "\(p.latin) \u{2068}\(p.arabic)\u{2069}"
    }

    func names(_ places: [PlaceName]) -> String {
        places.isEmpty ? text.none : "\(places.count): " + places.map(placeText).joined(separator: text.comma)
    }

    mutating func summary() throws {
        try heading(text.summary, id: "summary")
        let cols: [(String, Double)] = [(text.side, 0.2), (text.gained, 0.24), (text.lost, 0.24),
                                        (text.areaHeading(content.from), 0.11), (text.areaHeading(content.to), 0.11), (text.areaChange, 0.10)]
        var rows: [[String]] = []
        for s in content.summary.sides {
            rows.append([text.sideName(s.factionID, factions: content.factions), names(s.gained), names(s.lost),
                         text.isolated(formatKm2(s.areaFrom)), text.isolated(formatKm2(s.areaTo)), text.isolated(formatSigned(s.areaChange))])
        }
        try table(columns: cols.map { ($0.0, $0.1 * width) }, rows: rows, size: 8, rowDestinations: nil, rowLinks: nil)
        y += 4
        try paragraph(text.contestedArea(formatKm2(content.summary.contestedAreaFrom), formatKm2(content.summary.contestedAreaTo)), size: 9)
        try paragraph("\(text.contestedAtEnd(content.to)): \(names(content.summary.contestedAtEnd))", size: 9)
        try paragraph(text.eventCounts(content.summary), size: 9)
        y += 6
    }

    mutating func chart() throws {
        let chart = ChartLayout(chart: content.chart, factions: content.factions, text: text)
        let fit = width / chart.width
        try heading(text.chart, id: "chart", room: chart.height * fit + 30)
        let ox = left, oy = y
        func p(_ q: ScenePoint) -> ScenePoint { ScenePoint(x: ox + q.x * fit, y: oy + q.y * fit) }
        let r = chart.plot
        writer.fill(SceneRect(x: ox + r.x * fit, y: oy + r.y * fit, width: r.width * fit, height: r.height * fit), color: RGBA(0.98, 0.98, 0.98))
        let small = style(7, color: PDFLayout.grey, direction: .leftToRight)
        for t in chart.yTicks {
            writer.stroke(line: [p(ScenePoint(x: r.x, y: t.position)), p(ScenePoint(x: r.x + r.width, y: t.position))], color: RGBA(0.87, 0.87, 0.87), width: 0.5)
            let w = writer.textWidth(t.label, style: small)
            writer.drawText(t.label, x: ox + (r.x - 5) * fit - w, y: oy + t.position * fit - 4, width: w + 2, style: small)
        }
        for m in chart.changeMarks {
            writer.stroke(line: [p(ScenePoint(x: m, y: r.y)), p(ScenePoint(x: m, y: r.y + r.height))], color: RGBA(0.75, 0.19, 0.19), width: 0.5, dash: [2, 2])
        }
        for t in chart.xTicks {
            let w = writer.textWidth(t.label, style: small)
            writer.drawText(t.label, x: ox + t.position * fit - w / 2, y: oy + (r.y + r.height + 5) * fit, width: w + 2, style: small)
        }
        for line in chart.lines { writer.stroke(line: line.points.map(p), color: line.color, width: 1.4) }
        writer.stroke(SceneRect(x: ox + r.x * fit, y: oy + r.y * fit, width: r.width * fit, height: r.height * fit), color: RGBA(0.6, 0.6, 0.6), width: 0.5)
        var lx = 0.0
        let legendY = oy + (chart.height - 30) * fit
        for entry in chart.legend {
            let st = own(entry.name, 7.5)
            let w = writer.textWidth(entry.name, style: st)
            writer.fill(SceneRect(x: x(lx, 10), y: legendY + 1, width: 10, height: 7), color: entry.color)
            writer.drawText(entry.name, x: x(lx + 13, w + 2), y: legendY, width: w + 2, style: st)
            lx += 13 + w + 14
        }
        y = oy + chart.height * fit + 4
        try paragraph(text.chartCaption, size: 8)
    }

    mutating func maps() throws {
        try newPage()
        let parent = try heading(text.maps, id: "maps", room: 300)
        for map in content.maps {
            if map.number > 1 { try newPage() }
            let title = "\(text.map) \(map.number) · \(text.mapTitle(map, weekly: content.weekly))"
            try heading(title, id: map.anchor, parent: parent, size: 12, room: 300)
            let h = width * Double(map.scene.height) / Double(map.scene.width)
            try writer.drawMap(map.scene, in: SceneRect(x: left, y: y, width: width, height: h))
            y += h + 8
            for c in map.changes {
                try paragraph("• \(placeText(PlaceName(c.place))): \(text.transition(c.before, c.after, factions: content.factions))", size: 8.5, gap: 2)
            }
            if map.changes.isEmpty, map.previousDate == nil { try paragraph(text.noChange, size: 8.5) }
            y += 4
            try paragraph(text.eventsOnMap + ":", size: 8.5, bold: true, gap: 2)
            if map.eventIndices.isEmpty { try paragraph(text.noEvents, size: 8.5) }
            for i in map.eventIndices {
                let e = content.events[i]
                let line = "\(e.number). \(text.isolated(e.date.text(e.precision))) \(placeText(e.place)): \(text.actionName(e.action)), \(text.statusName(e.status))"
                let st = style(8, color: PDFLayout.link)
                let lh = writer.textHeight(line, width: width, style: st)
                try ensure(lh)
                writer.drawText(line, x: left, y: y, width: width, style: st)
                try writer.link(SceneRect(x: left, y: y, width: width, height: lh), toDestination: e.anchor)
                y += lh + 1
            }
        }
    }

    mutating func events() throws {
        try newPage()
        try heading(text.events, id: "events")
        let fractions: [Double] = [0.04, 0.09, 0.13, 0.13, 0.08, 0.08, 0.2, 0.25]
        let heads = ["#", text.date, text.place, text.change, text.action, text.status, text.source, text.quote]
        let cols = zip(heads, fractions).map { ($0, $1 * width) }
        let rows = content.events.map { e -> [String] in
            var date = text.isolated(e.date.text(e.precision))
            if e.precision == .month { date += " (\(text.precisionNote(e.precision)))" }
            return ["\(e.number)", date, e.place.latin + (e.place.arabic.isEmpty ? "" : "\n" + e.place.arabic),
                    "\(text.transition(e.before, e.after, factions: content.factions))",
                    text.actionName(e.action), text.statusName(e.status), "\(e.source) (\(e.location))", e.note]
        }
        try table(columns: cols, rows: rows, size: 7, rowDestinations: content.events.map(\.anchor),
                  rowLinks: content.events.map { ($0.mapNumber, $0.sourceURL) })
    }

    /// A table: header, rows broken across pages with the header repeated.
    /// Each cell's direction follows its own text (Arabic cells run right to left).
    mutating func table(columns: [(String, Double)], rows: [[String]], size: Double, rowDestinations: [String]?,
                        rowLinks: [(map: Int, url: String?)]?) throws {
        let pad = 2.5
        func cellStyle(_ s: String, bold: Bool = false) -> DocumentTextStyle { own(s, size, bold: bold) }
        func height(_ cells: [String], bold: Bool) -> Double {
            zip(cells, columns).map { c, col in
                c.split(separator: "\n", omittingEmptySubsequences: false).reduce(0) { $0 + writer.textHeight(String($1), width: col.1 - 2 * pad, style: cellStyle(String($1), bold: bold)) }
            }.max() ?? 0
        }
        func drawRow(_ cells: [String], bold: Bool, shade: RGBA?) -> Double {
            let h = height(cells, bold: bold) + 2 * pad
            if let shade { writer.fill(SceneRect(x: left, y: y, width: width, height: h), color: shade) }
            var offset = 0.0
            for (c, col) in zip(cells, columns) {
                var cy = y + pad
                // Lines of a cell (a place in two scripts) each take their own direction.
                for part in c.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
                    cy += writer.drawText(part, x: x(offset, col.1) + pad, y: cy, width: col.1 - 2 * pad, style: cellStyle(part, bold: bold))
                }
                offset += col.1
            }
            writer.stroke(line: [ScenePoint(x: left, y: y + h), ScenePoint(x: left + width, y: y + h)], color: PDFLayout.rule, width: 0.4)
            return h
        }
        let header = columns.map(\.0)
        y += drawRow(header, bold: true, shade: RGBA(0.92, 0.92, 0.92))
        for (i, row) in rows.enumerated() {
            let h = height(row, bold: false) + 2 * pad
            if y + h > bottom {
                try newPage()
                y += drawRow(header, bold: true, shade: RGBA(0.92, 0.92, 0.92))
            }
            if let rowDestinations { try writer.destination(rowDestinations[i], at: ScenePoint(x: left, y: y)) }
            let top = y
            y += drawRow(row, bold: false, shade: nil)
            if let links = rowLinks?[i] {
                // The date cell opens the event's map; the source cell its URL.
                try writer.link(SceneRect(x: x(columns[0].1, columns[1].1), y: top, width: columns[1].1, height: h), toDestination: "map-\(links.map)")
                if let url = links.url {
                    let offset = columns.prefix(6).reduce(0) { $0 + $1.1 }
                    try writer.link(SceneRect(x: x(offset, columns[6].1), y: top, width: columns[6].1, height: h), toURI: url)
                }
            }
        }
    }
}
