import Foundation
import FrontlineCore
import Geo
import Timeline

/// Map furniture: title, legend, scale bar, locator inset, footer.
/// A corner of the map area, for panels.
enum Corner {
    case topLeft, topRight, bottomLeft, bottomRight
}

extension MapComposer {
    static let englishMonths = ["January", "February", "March", "April", "May", "June", "July", "August",
                                "September", "October", "November", "December"]
    /// Month names as Libyan (and most Arab) media write them.
    static let arabicMonths = ["يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس",
                               "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"]

    /// Arabic-Indic digits, matching the theatre's Arabic title (`٢٠١٩–٢٠٢٠`).
    static func arabicDigits(_ n: Int) -> String {
        String(String(n).map { c -> Character in
            guard let d = c.wholeNumberValue else { return c }
            return Character(UnicodeScalar(0x0660 + d)!)
        })
    }

    /// `5 June 2020` and `٥ يونيو ٢٠٢٠`.
    public static func dateText(_ day: Day, language: MapLanguage) -> String {
        let en = "\(day.day) \(englishMonths[day.month - 1]) \(day.year)"
        let ar = "\(arabicDigits(day.day)) \(arabicMonths[day.month - 1]) \(arabicDigits(day.year))"
        switch language {
        case .en: return en
        case .ar: return ar
        case .both: return en + "  ·  " + isolateRTL(ar)
        }
    }

    // MARK: scale bar

    /// A round ground distance whose bar is at most ~180 px, measured with the
    /// geodesic distance across the map centre (the projection's scale varies
    /// across the map, so projected metres would lie about the ground).
    func computeScaleBar() throws -> (rect: SceneRect, kilometres: Int, pixels: Double) {
        let c = viewBox.center
        let a = GeoPoint(latitude: c.latitude, longitude: c.longitude - 0.25)
        let b = GeoPoint(latitude: c.latitude, longitude: c.longitude + 0.25)
        let pts = try projector.projectPoints([a, b])
        let px = hypot(pts[1].x - pts[0].x, pts[1].y - pts[0].y) / metresPerPixel
        let metres = geodesicDistance(from: a, to: b)
        let pxPerKm = px / (metres / 1000)
        let candidates = [1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000]
        let longest = 180 * MapComposer.furnitureScale(width: width, height: height)
        let km = candidates.last { Double($0) * pxPerKm <= longest } ?? 1
        let length = Double(km) * pxPerKm
        // Its size only: where it goes is decided with the rest of the furniture (`arrangeFurniture`).
        let s = MapComposer.furnitureScale(width: width, height: height)
        let rect = SceneRect(x: 0, y: 0, width: length + 28 * s, height: 44 * s)
        return (rect, km, length)
    }

    func scaleBarItems(at rect: SceneRect) -> [SceneItem] {
        let (_, km, length) = scaleBar
        let s = furnitureScale
        var items: [SceneItem] = [panel(rect)]
        let x0 = rect.x + 14 * s, y = rect.y + 30 * s
        let half = length / 2
        // Two-tone bar: black then white halves, the way printed maps do it.
        items.append(.path(PathItem(subpaths: [[ScenePoint(x: x0, y: y - 4 * s), ScenePoint(x: x0 + half, y: y - 4 * s),
                                                ScenePoint(x: x0 + half, y: y + s), ScenePoint(x: x0, y: y + s)]],
                                    closed: true, fill: .solid(Style.ink))))
        items.append(.path(PathItem(subpaths: [[ScenePoint(x: x0 + half, y: y - 4 * s), ScenePoint(x: x0 + length, y: y - 4 * s),
                                                ScenePoint(x: x0 + length, y: y + s), ScenePoint(x: x0 + half, y: y + s)]],
                                    closed: true, fill: .solid(RGBA(1, 1, 1)), stroke: Stroke(color: Style.ink, width: 0.8))))
        let unit = language == .ar ? "\(MapComposer.arabicDigits(km)) كم" : "\(km) km"
        let label = TextItem(text: unit, font: FontSpec(size: (12 * s * 4).rounded() / 4), origin: .init(x: 0, y: 0), color: Style.ink)
        let size = measure(label)
        var placed = label
        placed.origin = ScenePoint(x: x0 + length / 2 - size.width / 2, y: rect.y + 5 * s)
        items.append(.text(placed))
        return [.group(.furniture("scale-bar", bbox: rect), items)]
    }

    // MARK: inset

    var insetSize: TextSize {
        let w = min(230, Double(width) * 0.2)
        return TextSize(width: w, height: w * 0.85)
    }

    /// A small map of the whole theatre with the view's box drawn on it.
    func insetItems(at rect: SceneRect) throws -> [SceneItem] {
        let outline = try projector.projectPoints(MapComposer.densify(overview))
        var box = MapComposer.bounds(outline)
        let inner = rect.insetBy(4)
        let mpp = max(box.width / inner.width, box.height / inner.height)
        let cx = (box.minX + box.maxX) / 2, cy = (box.minY + box.maxY) / 2
        box = PlanarBox(minX: cx - mpp * inner.width / 2, minY: cy - mpp * inner.height / 2,
                        maxX: cx + mpp * inner.width / 2, maxY: cy + mpp * inner.height / 2)
        let transform = { (p: PlanarPoint) in
            ScenePoint(x: inner.x + (p.x - box.minX) / mpp, y: inner.y + (box.maxY - p.y) / mpp)
        }
        var inside: [SceneItem] = [.path(PathItem(subpaths: [[ScenePoint(x: inner.x, y: inner.y), ScenePoint(x: inner.maxX, y: inner.y),
                                                               ScenePoint(x: inner.maxX, y: inner.maxY), ScenePoint(x: inner.x, y: inner.maxY)]],
                                                   closed: true, fill: .solid(Style.sea)))]
        for c in projectedCountries {
            let rings = c.polygons.flatMap { $0.map { canvasLine($0, transform: transform) } }
            let home = c.iso3 == homeCountry
            inside.append(.path(PathItem(subpaths: rings, closed: true, fill: .solid(home ? RGBA(hex: 0xf4e9cf) : Style.land),
                                         stroke: Stroke(color: RGBA(hex: 0x9a948a), width: home ? 0.8 : 0.4))))
        }
        let viewOutline = try projector.projectPoints(MapComposer.densify(viewBox)).map(transform)
        inside.append(.path(PathItem(subpaths: [viewOutline], closed: true, fill: .solid(Style.dateColor.with(alpha: 0.12)),
                                     stroke: Stroke(color: Style.dateColor, width: 1.6))))
        return [.group(.furniture("locator-inset", bbox: rect.insetBy(-2)), [panel(rect.insetBy(-2)), .clip(inner, inside),
                .path(PathItem(subpaths: [[ScenePoint(x: inner.x, y: inner.y), ScenePoint(x: inner.maxX, y: inner.y),
                                           ScenePoint(x: inner.maxX, y: inner.maxY), ScenePoint(x: inner.x, y: inner.maxY)]],
                               closed: true, stroke: Stroke(color: RGBA(hex: 0x8a8a8a), width: 0.6)))])]
    }

    // MARK: title, legend, footer

    func panel(_ rect: SceneRect) -> SceneItem {
        .path(PathItem(subpaths: [[ScenePoint(x: rect.x, y: rect.y), ScenePoint(x: rect.maxX, y: rect.y),
                                   ScenePoint(x: rect.maxX, y: rect.maxY), ScenePoint(x: rect.x, y: rect.maxY)]],
                       closed: true, fill: .solid(Style.panel), stroke: Style.panelEdge))
    }

    static let titleFont = FontSpec(size: 22, bold: true)
    static let dateFont = FontSpec(size: 21, bold: true)

    static let subtitleFont = FontSpec(size: 15)

    /// The header band's height for a language: one row (en, ar) or two (both),
    /// and a line for the subtitle when there is one.
    static func headerHeight(language: MapLanguage, caption: MapCaption, measurer: TextMeasuring) -> Double {
        let probe = measurer.measure(caption.title + caption.titleArabic + "2020", font: titleFont, alignment: .left, letterSpacing: 0)
        let rows = language == .both ? 2.0 : 1.0
        return (rows * (probe.height + 4) + 16 + subtitleHeight(caption: caption, measurer: measurer)).rounded()
    }

    /// The subtitle's line in the header, 0 without a subtitle.
    static func subtitleHeight(caption: MapCaption, measurer: TextMeasuring) -> Double {
        guard !caption.subtitle.isEmpty else { return 0 }
        return measurer.measure(caption.subtitle, font: subtitleFont, alignment: .left, letterSpacing: 0).height + 2
    }

    /// The header band: title at the reading start, the date at the other end.
    /// In `both`, English on the left and Arabic on the right, one row each.
    func headerItems(date: Day) -> [SceneItem] {
        let band = SceneRect(x: 0, y: 0, width: Double(width), height: headerHeight)
        var items: [SceneItem] = [
            .path(PathItem(subpaths: [[ScenePoint(x: 0, y: 0), ScenePoint(x: band.maxX, y: 0),
                                       ScenePoint(x: band.maxX, y: band.maxY), ScenePoint(x: 0, y: band.maxY)]],
                           closed: true, fill: .solid(RGBA(1, 1, 1)))),
            .path(PathItem(subpaths: [[ScenePoint(x: 0, y: band.maxY - 0.5), ScenePoint(x: band.maxX, y: band.maxY - 0.5)]],
                           closed: false, stroke: Stroke(color: RGBA(hex: 0x9a9a9a), width: 1))),
        ]
        let dateColor = Style.dateColor
        let subtitleBand = MapComposer.subtitleHeight(caption: caption, measurer: measurer)
        if subtitleBand > 0 {
            // Under the title rows, at the reading start.
            var t = TextItem(text: caption.subtitle, font: MapComposer.subtitleFont, origin: ScenePoint(x: 0, y: 0), color: Style.softInk)
            let size = measure(t)
            t.origin = ScenePoint(x: language == .ar ? Double(width) - Style.margin - 4 - size.width : Style.margin + 4,
                                  y: (headerHeight - 8 - subtitleBand).rounded())
            items.append(.text(t))
        }
        // Each row holds two texts, one at each end; on a narrow canvas both
        // shrink together until they fit side by side.
        let rows: [[(String, FontSpec)]]
        switch language {
        case .en: rows = [[(caption.title, MapComposer.titleFont), (MapComposer.dateText(date, language: .en), MapComposer.dateFont)]]
        case .ar: rows = [[(caption.titleArabic.isEmpty ? caption.title : caption.titleArabic, MapComposer.titleFont),
                           (MapComposer.dateText(date, language: .ar), MapComposer.dateFont)]]
        case .both: rows = [[(caption.title, MapComposer.titleFont), (caption.titleArabic, MapComposer.titleFont)],
                            [(MapComposer.dateText(date, language: .en), MapComposer.dateFont), (MapComposer.dateText(date, language: .ar), MapComposer.dateFont)]]
        }
        let available = Double(width) - 2 * Style.margin - 8 - 40
        let needed = rows.map { row in row.reduce(0.0) { $0 + measure(TextItem(text: $1.0, font: $1.1, origin: ScenePoint(x: 0, y: 0), color: Style.ink)).width } }.max() ?? 0
        let shrink = needed > available ? available / needed : 1
        func put(_ text: String, _ font: FontSpec, color: RGBA, row: Int, atLeft: Bool) {
            guard !text.isEmpty else { return }
            var font = font
            font.size = (font.size * shrink * 4).rounded(.down) / 4
            var t = TextItem(text: text, font: font, origin: ScenePoint(x: 0, y: 0), color: color)
            let size = measure(t)
            let rowHeight = (headerHeight - 16 - subtitleBand) / (language == .both ? 2 : 1)
            let y = 8 + Double(row) * rowHeight + (rowHeight - size.height) / 2
            t.origin = ScenePoint(x: atLeft ? Style.margin + 4 : Double(width) - Style.margin - 4 - size.width, y: y.rounded())
            items.append(.text(t))
        }
        switch language {
        case .en:
            put(caption.title, MapComposer.titleFont, color: Style.ink, row: 0, atLeft: true)
            put(MapComposer.dateText(date, language: .en), MapComposer.dateFont, color: dateColor, row: 0, atLeft: false)
        case .ar:
            put(caption.titleArabic.isEmpty ? caption.title : caption.titleArabic, MapComposer.titleFont, color: Style.ink, row: 0, atLeft: false)
            put(MapComposer.dateText(date, language: .ar), MapComposer.dateFont, color: dateColor, row: 0, atLeft: true)
        case .both:
            put(caption.title, MapComposer.titleFont, color: Style.ink, row: 0, atLeft: true)
            put(caption.titleArabic, MapComposer.titleFont, color: Style.ink, row: 0, atLeft: false)
            put(MapComposer.dateText(date, language: .en), MapComposer.dateFont, color: dateColor, row: 1, atLeft: true)
            put(MapComposer.dateText(date, language: .ar), MapComposer.dateFont, color: dateColor, row: 1, atLeft: false)
        }
        return [.group(.furniture("title", bbox: band), items)]
    }

    /// The legend's font and row metrics, scaled with the canvas and by `shrink`
    /// (``FurnitureLayout/legendScale``).
    func legendMetrics(_ entries: [(LegendEntry, SymbolItem?, PathItem?)], shrink: Double) -> (font: FontSpec, sizes: [TextSize], row: Double) {
        let s = furnitureScale * shrink
        let font = FontSpec(size: (13 * s * 4).rounded() / 4)
        let sizes = entries.map { measure(TextItem(text: $0.0.text, font: font, origin: .init(x: 0, y: 0), color: Style.ink)) }
        return (font, sizes, max(22 * s, (sizes.map(\.height).max() ?? 0) + 4 * s))
    }

    /// Legend rows with their swatches, in `columns` columns of equal width
    /// (the first column the longer, read down then across).
    func legendSize(entries: [(LegendEntry, SymbolItem?, PathItem?)], shrink: Double = 1, columns: Int = 1) -> TextSize {
        legendShape(entries: entries, shrink: shrink).size(columns: columns)
    }

    /// The legend's shape (at full size: what ``arrangeFurniture`` tries
    /// shrunk and in two columns).
    func legendShape(entries: [(LegendEntry, SymbolItem?, PathItem?)], shrink: Double = 1) -> LegendShape {
        let (_, sizes, rowHeight) = legendMetrics(entries, shrink: shrink)
        let s = furnitureScale * shrink
        return LegendShape(rows: entries.count, rowHeight: rowHeight, columnWidth: (sizes.map(\.width).max() ?? 0) + 54 * s, padding: 14 * s)
    }

    func legendItems(entries: [(LegendEntry, SymbolItem?, PathItem?)], at rect: SceneRect, shrink: Double = 1, columns: Int = 1) -> [SceneItem] {
        let (font, sizes, rowHeight) = legendMetrics(entries, shrink: shrink)
        let s = furnitureScale * shrink
        var items: [SceneItem] = [panel(rect)]
        let rtl = language == .ar
        let perColumn = LegendShape.rowsPerColumn(entries.count, columns: columns)
        let columnWidth = rect.width / Double(max(columns, 1))
        for (k, entry) in entries.enumerated() {
            let i = k % perColumn
            // Columns run in reading order: from the right in Arabic.
            let shift = Double(k / perColumn) * columnWidth
            let column = SceneRect(x: rtl ? rect.maxX - columnWidth - shift : rect.x + shift, y: rect.y, width: columnWidth, height: rect.height)
            let rowY = rect.y + 7 * s + Double(i) * rowHeight
            let swatchX = rtl ? column.maxX - 24 * s : column.x + 20 * s
            let center = ScenePoint(x: swatchX, y: rowY + rowHeight / 2)
            // The swatch's ground (a zone tint, a hatch) under its symbol.
            if var path = entry.2 {
                path.subpaths = path.subpaths.map { $0.map { ScenePoint(x: $0.x * s + center.x, y: $0.y * s + center.y) } }
                items.append(.path(path))
            }
            if var symbol = entry.1 {
                symbol.center = center
                symbol.radius *= s
                items.append(.symbol(symbol))
            }
            var t = TextItem(text: entry.0.text, font: font, origin: .init(x: 0, y: 0), color: Style.ink)
            let x = rtl ? column.maxX - 42 * s - sizes[k].width : column.x + 40 * s
            t.origin = ScenePoint(x: x, y: rowY + (rowHeight - sizes[k].height) / 2)
            items.append(.text(t))
        }
        return [.group(.furniture("legend", bbox: rect), items)]
    }

    /// How furniture sizes follow the canvas: 1 at 1600x1200 and larger, down
    /// to 0.72 at 800x600, so a small map is not half legend.
    static func furnitureScale(width: Int, height: Int) -> Double {
        max(0.72, min(1, (Double(width * height) / (1600 * 1200)).squareRoot()))
    }

    /// The footer's text: who made the map, the outlets behind the control shown
    /// (the first `shown` of them, then how many more), how many events, and the
    /// basemap's credits in full (GSHHG's LGPL asks for its credit). Two parts,
    /// control and basemap, which the footer puts on one line or two.
    static func footerParts(language: MapLanguage, caption: MapCaption, outlets: [String], shown: Int,
                            events: Int) -> (control: String, basemap: String) {
        let names = outlets.prefix(shown).joined(separator: ", ")
        let rest = outlets.count - shown
        if language == .ar {
            let more = rest > 0 ? " و\(MapComposer.arabicDigits(rest)) غيرها" : ""
            let credit = caption.credit.isEmpty ? "" : "\u{2066}\(caption.credit)\u{2069} · "
            // Outlet names and the basemap credits as left-to-right isolates, so their brackets stay in place.
            let control = outlets.isEmpty ? "السيطرة: لا أحداث موثقة في الخريطة"
                : "السيطرة: \(MapComposer.arabicDigits(events)) حدثًا من \u{2066}\(names)\u{2069}\(more)"
            return (credit + control, "الخريطة الأساسية: \u{2066}\(caption.basemapCredit)\u{2069}")
        }
        let more = rest > 0 ? " and \(rest) more" : ""
        let credit = caption.credit.isEmpty ? "" : caption.credit + " · "
        let control = outlets.isEmpty ? "Control: no sourced event in view"
            : "Control: \(events) event\(events == 1 ? "" : "s") from \(names)\(more)"
        return (credit + control, "Basemap: \(caption.basemapCredit)")
    }

    /// The footer band's font, line count and height, decided once per map
    /// (the map area depends on it) from the longest footer a day can need
    /// short of listing outlets: the credit, a control part naming one long
    /// outlet, and the basemap credits. It shrinks the font down to 8 px, then
    /// takes two lines, so the footer is never cut off on a small canvas.
    static func footerLayout(language: MapLanguage, caption: MapCaption, width: Double, measurer: TextMeasuring,
                             scale: Double) -> (lines: Int, font: FontSpec, height: Double) {
        let sample = footerParts(language: language, caption: caption, outlets: ["Libya Observer", "x"], shown: 1, events: 999)
        let text = sample.control + " · " + sample.basemap
        let room = width - 24
        var font = FontSpec(size: (11.5 * scale * 4).rounded() / 4)
        func w(_ t: String, _ f: FontSpec) -> TextSize { measurer.measure(t, font: f, alignment: .left, letterSpacing: 0) }
        var size = w(text, font)
        if size.width > room, size.width * 8 / font.size <= room {
            font.size = ((font.size * room / size.width) * 4).rounded(.down) / 4
            size = w(text, font)
        }
        var lines = 1
        if size.width > room {
            lines = 2
            let widest = max(w(sample.control, font).width, w(sample.basemap, font).width)
            if widest > room { font.size = max(6, ((font.size * room / widest) * 4).rounded(.down) / 4) }
            size = w(sample.basemap, font)
        }
        let height = (Double(lines) * size.height + 10 * scale).rounded(.up)
        return (lines, font, max(height, (26 * scale).rounded()))
    }

    /// The footer band: the outlets behind the places shown, most cited first,
    /// as many as fit in the room the layout keeps, then how many more.
    func footerItems(outlets: [String], events: Int) -> [SceneItem] {
        let rect = SceneRect(x: 0, y: Double(height) - footer.height, width: Double(width), height: footer.height)
        let room = rect.width - 24
        func lines(_ shown: Int) -> [String] {
            let parts = MapComposer.footerParts(language: language, caption: caption, outlets: outlets, shown: shown, events: events)
            return footer.lines == 1 ? [parts.control + " · " + parts.basemap] : [parts.control, parts.basemap]
        }
        func text(_ line: String) -> TextItem { TextItem(text: line, font: footer.font, origin: .init(x: 0, y: 0), color: Style.softInk) }
        func fits(_ shown: Int) -> Bool { lines(shown).allSatisfy { measure(text($0)).width <= room } }
        var shown = outlets.count
        if outlets.count > 1, !fits(outlets.count) {
            // The most outlets that fit, found by halving (each try lays out a long line).
            var lo = 1, hi = outlets.count - 1  // lo: fits or the least shown; hi: the most that might fit
            while lo < hi {
                let mid = (lo + hi + 1) / 2
                if fits(mid) { lo = mid } else { hi = mid - 1 }
            }
            shown = lo
        }
        var items: [SceneItem] = [
            .path(PathItem(subpaths: [[ScenePoint(x: rect.x, y: rect.y), ScenePoint(x: rect.maxX, y: rect.y),
                                       ScenePoint(x: rect.maxX, y: rect.maxY), ScenePoint(x: rect.x, y: rect.maxY)]],
                           closed: true, fill: .solid(RGBA(1, 1, 1)))),
            .path(PathItem(subpaths: [[ScenePoint(x: rect.x, y: rect.y), ScenePoint(x: rect.maxX, y: rect.y)]], closed: false,
                           stroke: Stroke(color: RGBA(hex: 0xbbbbbb), width: 1))),
        ]
        let texts = lines(shown).map(text)
        let sizes = texts.map(measure)
        var y = rect.y + (rect.height - sizes.reduce(0) { $0 + $1.height }) / 2
        for (var t, size) in zip(texts, sizes) {
            t.origin = ScenePoint(x: language == .ar ? rect.maxX - 12 - size.width : rect.x + 12, y: y)
            items.append(.text(t))
            y += size.height
        }
        return [.group(.furniture("footer", bbox: rect), items)]
    }
}

/// A legend's rows and metrics, from which its size in one or more columns follows.
struct LegendShape: Hashable, Sendable {
    var rows: Int
    var rowHeight: Double
    /// One column: the widest row's text and its swatch, px.
    var columnWidth: Double
    /// Above and below the rows, px.
    var padding: Double

    static func rowsPerColumn(_ rows: Int, columns: Int) -> Int { max(1, (rows + max(columns, 1) - 1) / max(columns, 1)) }

    func size(columns: Int) -> TextSize {
        TextSize(width: columnWidth * Double(max(columns, 1)),
                 height: rowHeight * Double(LegendShape.rowsPerColumn(rows, columns: columns)) + padding)
    }
}
