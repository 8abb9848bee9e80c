import Foundation
import FrontlineCore
import Gazetteer
import Geo
import Timeline

extension MapComposer {
    /// Where each place lands on the canvas, for the places inside the map area.
    func positions(of places: [Place]) throws -> [String: ScenePoint] {
        let planar = try projector.projectPoints(places.map(\.location))
        var out: [String: ScenePoint] = [:]
        let area = mapArea.insetBy(2)
        for (place, p) in zip(places, planar) {
            let q = canvas(p)
            if q.x >= area.x, q.x <= area.maxX, q.y >= area.y, q.y <= area.maxY { out[place.id] = q }
        }
        return out
    }

    func labelText(for place: Place) -> TextItem {
        TextItem(text: name(english: place.name, arabic: place.nameArabic), font: Style.labelFont(for: place),
                 origin: ScenePoint(x: 0, y: 0), color: Style.ink, halo: Style.halo, alignment: language == .both ? .center : textAlignment)
    }

    /// Rectangles labels must keep clear of: inset, scale bar, legend, footer.
    func furnitureRects(inset: SceneRect, legend: SceneRect) -> [SceneRect] {
        countryLabelRects + [inset.insetBy(-4), scaleBar.rect, legend,
         SceneRect(x: 0, y: mapArea.maxY - 2, width: Double(width), height: Style.footerHeight + 2)]
    }

    /// Places labels without overlaps, most important first.
    ///
    /// Each label tries eight positions around its symbol (right, left, above,
    /// below, then the diagonals), then the same directions farther out with a
    /// leader line; a label that fits nowhere is dropped and listed. Labels avoid
    /// each other, every symbol and the map furniture.
    ///
    /// - Parameters:
    ///   - places: every place that may appear (for a frame sequence: the union over the range).
    ///   - emphasised: place ids that go first (changed recently).
    public func planLabels(for places: [Place], emphasised: Set<String> = []) throws -> LabelPlan {
        let where_ = try positions(of: places)
        let symbols = places.compactMap { p in where_[p.id].map { symbolRect(p, at: $0) } }
        // Keep room for the legend at its largest, whatever the day shows.
        let furniture = arrangeFurniture(symbols: symbols, legendSize: TextSize(width: Double(width) * 0.25, height: 200))
        var plan = try planLabels(for: places, emphasised: emphasised, obstacles: furnitureRects(inset: furniture.inset, legend: furniture.legend))
        plan.insetRect = furniture.inset
        plan.legendArea = furniture.legend
        return plan
    }

    /// Under 150 m a pixel the map is a city plan: about 240 km across at 1600 px.
    var closeUp: Bool { metresPerPixel < 150 }

    func symbolRect(_ place: Place, at c: ScenePoint) -> SceneRect {
        let r = Style.symbol(for: place).1
        return SceneRect(x: c.x - r - 1, y: c.y - r - 1, width: 2 * r + 2, height: 2 * r + 2)
    }

    func planLabels(for places: [Place], emphasised: Set<String>, obstacles furniture: [SceneRect]) throws -> LabelPlan {
        let where_ = try positions(of: places)
        let visible = places.filter { where_[$0.id] != nil }
        var symbols: [String: SceneRect] = [:]
        for p in visible {
            let (_, r) = Style.symbol(for: p)
            let c = where_[p.id]!
            symbols[p.id] = SceneRect(x: c.x - r - 1, y: c.y - r - 1, width: 2 * r + 2, height: 2 * r + 2)
        }
        let order = visible.sorted {
            let a = Style.importance(of: $0, emphasised: emphasised.contains($0.id), closeUp: closeUp)
            let b = Style.importance(of: $1, emphasised: emphasised.contains($1.id), closeUp: closeUp)
            return a != b ? a > b : $0.id < $1.id
        }
        var placed: [SceneRect] = []
        var plan = LabelPlan(labels: [:], dropped: [], leaders: [:], insetRect: nil, legendArea: nil)
        let area = mapArea.insetBy(3)
        let symbolRects = Array(symbols.values)
        func free(_ r: SceneRect, own: String) -> Bool {
            guard area.contains(r) else { return false }
            for f in furniture where f.intersects(r) { return false }
            // A gap between labels, or two names read as one ("صبراتةزوارة").
            let padded = r.insetBy(-4)
            for p in placed where p.intersects(padded) { return false }
            for (id, s) in symbols where id != own && s.intersects(r) { return false }
            return true
        }
        _ = symbolRects
        // Direction unit vectors in preference order: right, left, above, below, diagonals.
        let directions: [(String, Double, Double)] = [
            ("right", 1, 0), ("left", -1, 0), ("above", 0, -1), ("below", 0, 1),
            ("above-right", 0.75, -0.75), ("below-right", 0.75, 0.75), ("above-left", -0.75, -0.75), ("below-left", -0.75, 0.75),
        ]
        /// A leader line must not cross another label or symbol, or it points at the wrong place.
        func leaderIsClear(from c: ScenePoint, to rect: SceneRect, own: String) -> Bool {
            let tx = min(max(c.x, rect.x), rect.maxX), ty = min(max(c.y, rect.y), rect.maxY)
            for k in 1..<12 {
                let f = Double(k) / 12
                let p = SceneRect(x: c.x + (tx - c.x) * f - 0.5, y: c.y + (ty - c.y) * f - 0.5, width: 1, height: 1)
                if placed.contains(where: { $0.intersects(p) }) { return false }
                if symbols.contains(where: { $0.key != own && $0.value.intersects(p) }) { return false }
            }
            return true
        }
        for place in order {
            let c = where_[place.id]!
            let (_, radius) = Style.symbol(for: place)
            let text = labelText(for: place)
            let size = measure(text)
            var chosen: (SceneRect, String, Bool)?
            search: for (ring, distance) in [radius + 6, radius + 24, radius + 46, radius + 72, radius + 104].enumerated() {
                for (name, dx, dy) in directions {
                    // Anchor the box so its near edge sits `distance` from the centre.
                    let x = dx > 0 ? c.x + distance * dx : dx < 0 ? c.x + distance * dx - size.width : c.x - size.width / 2
                    let y = dy > 0 ? c.y + distance * dy : dy < 0 ? c.y + distance * dy - size.height : c.y - size.height / 2
                    let rect = SceneRect(x: x.rounded(), y: y.rounded(), width: size.width, height: size.height)
                    if free(rect, own: place.id), ring == 0 || leaderIsClear(from: c, to: rect, own: place.id) {
                        chosen = (rect, ring == 0 ? name : "leader-" + name, ring > 0)
                        break search
                    }
                }
            }
            guard let (rect, name, leader) = chosen else {
                plan.dropped.append(place.id)
                continue
            }
            placed.append(rect)
            plan.labels[place.id] = PlacedLabel(placeID: place.id, text: text.text, rect: rect, position: name)
            if leader {
                // From the symbol's edge to the nearest point of the label box.
                let tx = min(max(c.x, rect.x), rect.maxX), ty = min(max(c.y, rect.y), rect.maxY)
                let d = hypot(tx - c.x, ty - c.y)
                let sx = c.x + (tx - c.x) / d * (radius + 1.5), sy = c.y + (ty - c.y) / d * (radius + 1.5)
                plan.leaders[place.id] = [ScenePoint(x: sx, y: sy), ScenePoint(x: tx, y: ty)]
            }
        }
        return plan
    }

    // MARK: compose

    /// The faction colour of a control, or grey.
    func fills(for control: Control, factions: [String: Faction]) -> [RGBA] {
        switch control {
        case .faction(let id): return [factions[id].map { Style.color($0.color) } ?? Style.unknown]
        case .contested(let ids):
            let colors = ids.prefix(2).map { id in factions[id].map { Style.color($0.color) } ?? Style.unknown }
            return colors.count == 2 ? colors : colors + [Style.unknown]
        case .unknown: return [Style.unknown]
        }
    }

    /// Composes the map of one day.
    ///
    /// - Parameters:
    ///   - state: who held what on the day.
    ///   - factions: every faction of the theatre; the legend lists those on the map.
    ///   - changed: ids of places whose control changed since `changedSince`; ringed.
    ///   - changedSince: the previous event date, named in the legend.
    ///   - territory: zones and fronts (projected) to draw under the places, or nil.
    ///   - labels: a plan fixed for a frame sequence; nil places labels for this day.
    public func compose(state: ControlState, factions: [Faction], changed: Set<String> = [], changedSince: Day? = nil,
                        territory: TerritoryOverlay? = nil, labels: LabelPlan? = nil) throws -> MapScene {
        let factionByID = Dictionary(factions.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let places = state.places.map(\.place)
        let where_ = try positions(of: places)
        let shown = state.places.filter { where_[$0.place.id] != nil }

        // Which kinds of mark are on the map decides the legend.
        var marks = LegendMarks()
        for s in shown {
            switch s.control {
            case .faction(let id): marks.factions.insert(id)
            case .contested(let ids): marks.contested = true; ids.forEach { marks.factions.insert($0) }
            case .unknown: marks.unknown = true
            }
            if s.place.kind == .airbase || s.place.kind == .airport { marks.air = true }
            if changed.contains(s.place.id) { marks.changed = true }
            if s.isClaimed, s.control != .unknown { marks.claimed = true }
            if s.place.approximateKilometers != nil { marks.approximate = true }
        }
        var overlay: [SceneItem] = []
        var mapItems: [SceneItem] = []

        if let territory {
            /// Whether any of the lines or rings reaches into the map area.
            /// Whether the rings (exteriors and holes, even-odd) cover any of the map
            /// area: some ring crosses or lies in it, or the first ring surrounds it
            /// and no hole does. A box test would let a country-sized area that
            /// only frames the view claim a legend row.
            func inView(_ rings: [[ScenePoint]]) -> Bool {
                let area = mapArea
                let crossing = rings.contains { ring in
                    ring.contains { area.contains(SceneRect(x: $0.x, y: $0.y, width: 0, height: 0)) }
                        || !Clipping.line(ring, to: area).isEmpty
                }
                return crossing || MapComposer.contains(rings, ScenePoint(x: area.x + area.width / 2, y: area.y + area.height / 2))
            }
            let noData = territory.noData.flatMap { poly in ([poly.exterior] + poly.holes).map { canvasLine($0, transform: canvas) } }
            if inView(noData) {
                marks.noData = true
                mapItems.append(.path(PathItem(subpaths: noData, closed: true, fill: Style.noData)))
            }
            for zone in territory.zones {
                let rings = zone.polygons.flatMap { poly in ([poly.exterior] + poly.holes).map { canvasLine($0, transform: canvas) } }
                let colors = fills(for: zone.controller, factions: factionByID)
                let fill: Paint
                switch zone.controller {
                // Light enough for labels on top to stay readable.
                case .contested: fill = .hatch(colors.map { $0.with(alpha: 0.3) }, spacing: 14)
                case .unknown: continue
                case .faction: fill = .solid(colors[0].with(alpha: Style.zoneAlpha))
                }
                // Only zones that reach into the view earn a legend row.
                guard inView(rings) else { continue }
                switch zone.controller {
                case .faction(let id):
                    marks.factions.insert(id)
                    if zone.drawn != nil { marks.drawnZones.insert(id) } else { marks.derivedZones.insert(id) }
                case .contested: marks.contestedZone = true
                case .unknown: break
                }
                // A derived zone has no outline: its edges are fronts (drawn as
                // such), other zones' edges, or the extent of data (dotted). A
                // drawn area keeps the editor's outline, thin, in its colour.
                let stroke = zone.drawn == nil ? nil : Stroke(color: colors[0].with(alpha: 0.6), width: 1.2, dash: [6, 3])
                mapItems.append(.path(PathItem(subpaths: rings, closed: true, fill: fill, stroke: stroke)))
            }
            let edges = territory.dataEdges.map { canvasLine($0, transform: canvas) }
            if edges.contains(where: { !Clipping.line($0, to: mapArea).isEmpty }) {
                marks.dataEdge = true
                mapItems.append(.path(PathItem(subpaths: edges, closed: false, stroke: Style.dataEdge)))
            }
            let sparse = territory.sparseFronts.map { canvasLine($0, transform: canvas) }
            if sparse.contains(where: { !Clipping.line($0, to: mapArea).isEmpty }) {
                marks.sparseFront = true
                mapItems.append(.path(PathItem(subpaths: sparse, closed: false, stroke: Style.sparseFront)))
            }
            let fronts = territory.fronts.map { canvasLine($0, transform: canvas) }
            marks.front = fronts.contains { !Clipping.line($0, to: mapArea).isEmpty }
            mapItems.append(.path(PathItem(subpaths: fronts, closed: false, stroke: Style.frontCasing)))
            mapItems.append(.path(PathItem(subpaths: fronts, closed: false, stroke: Style.front)))
        }

        // Approximate positions: a dashed circle as wide as the stated
        // precision, within limits (a few px at least, so it shows; a dozen
        // more than the symbol at most, so it hides nothing).
        for s in shown.sorted(by: { $0.place.id < $1.place.id }) {
            guard let km = s.place.approximateKilometers, let c = where_[s.place.id] else { continue }
            let r = Style.symbol(for: s.place).1
            let radius = min(max(km * 1000 / metresPerPixel, r + 3.5), r + 12)
            mapItems.append(.path(PathItem(subpaths: [MapComposer.circle(at: c, radius: radius)], closed: true, stroke: Style.approximate)))
        }

        // Symbols: least important first so the important ones sit on top.
        let ordered = shown.sorted {
            let a = Style.importance(of: $0.place, emphasised: false), b = Style.importance(of: $1.place, emphasised: false)
            return a != b ? a < b : $0.place.id < $1.place.id
        }
        for s in ordered {
            mapItems.append(.symbol(symbol(for: s, at: where_[s.place.id]!, factions: factionByID,
                                           ringed: changed.contains(s.place.id))))
        }

        // Legend and title first: labels must keep clear of them.
        let legendEntries = legendRows(factions: factions, marks: marks, changedSince: changedSince)
        var furniture = arrangeFurniture(symbols: shown.map { symbolRect($0.place, at: where_[$0.place.id]!) },
                                         legendSize: legendSize(entries: legendEntries))
        if let inset = labels?.insetRect, let area = labels?.legendArea {
            // Keep to the plan's corners: the legend sits in the corner of the area reserved for it.
            let size = legendSize(entries: legendEntries)
            let left = area.x + area.width / 2 < Double(width) / 2, top = area.y + area.height / 2 < mapArea.y + mapArea.height / 2
            furniture = (inset, SceneRect(x: left ? area.x : area.maxX - size.width, y: top ? area.y : area.maxY - size.height,
                                          width: size.width, height: size.height))
        }
        let plan = try labels ?? planLabels(for: shown.map(\.place), emphasised: changed,
                                             obstacles: furnitureRects(inset: furniture.inset, legend: furniture.legend))
        for s in shown.sorted(by: { $0.place.id < $1.place.id }) {
            guard let label = plan.labels[s.place.id] else { continue }
            if let leader = plan.leaders[s.place.id] {
                mapItems.append(.path(PathItem(subpaths: [leader], closed: false, stroke: Stroke(color: Style.softInk, width: 0.9))))
            }
            var t = labelText(for: s.place)
            t.origin = ScenePoint(x: label.rect.x, y: label.rect.y)
            mapItems.append(.text(t))
        }
        overlay.append(.clip(mapArea, mapItems))
        overlay.append(contentsOf: headerItems(date: state.date))
        overlay.append(contentsOf: try insetItems(at: furniture.inset))
        overlay.append(contentsOf: scaleBarItems())
        overlay.append(contentsOf: legendItems(entries: legendEntries, at: furniture.legend))
        // The outlets behind what is shown: the events that set the state of the places in view.
        let events = shown.compactMap(\.event)
        overlay.append(contentsOf: footerItems(outlets: Outlets.ranked(events), events: Set(events.map(\.location)).count))

        let shownIDs = Set(shown.map(\.place.id))
        return MapScene(width: width, height: height, scale: scale, background: Style.sea, baseKey: baseKey, base: baseItems,
                        overlay: overlay, labels: plan.labels.values.filter { shownIDs.contains($0.placeID) }.sorted { $0.placeID < $1.placeID },
                        legend: legendEntries.map(\.0), droppedLabels: plan.dropped.filter { shownIDs.contains($0) }.sorted())
    }

    /// A place's symbol: its shape and size by kind, filled with the colour of
    /// who holds it (split in two when contested); hollow, white inside with its
    /// edge in the holder's colour, when only one side's claim says so; ringed
    /// when it changed hands in the map's window.
    func symbol(for s: PlaceState, at center: ScenePoint, factions: [String: Faction], ringed: Bool) -> SymbolItem {
        var (shape, radius) = Style.symbol(for: s.place)
        // A split symbol needs room for two readable halves.
        if case .contested = s.control { radius = max(radius, 5.5); if shape == .plane { radius = max(radius, 9) } }
        var colors = fills(for: s.control, factions: factions)
        var edge = Style.symbolEdge
        if s.isClaimed, s.control != .unknown {
            radius = max(radius, 5)
            if colors.count > 1 {
                // A contested claim: pale traces of both colours, a dashed dark edge (no one side's colour).
                edge = Stroke(color: Style.symbolEdge.color, width: 1.6, dash: [2.5, 1.5])
                colors = colors.map { $0.with(alpha: 0.35) }
            } else {
                edge = Stroke(color: colors[0], width: Style.claimedEdgeWidth)
                colors = [RGBA(1, 1, 1)]
            }
        }
        return SymbolItem(shape: shape, center: center, radius: radius, fills: colors, stroke: edge,
                          ring: ringed ? Style.changedRing : nil)
    }

    /// The colours that mark change and conflict, for checks that they stay apart.
    static var changeColours: (ring: RGBA, front: RGBA, date: RGBA) { (Style.changedRing.color, Style.front.color, Style.dateColor) }

    /// A closed polygon approximating a circle, 32 sides, layout px.
    static func circle(at c: ScenePoint, radius r: Double) -> [ScenePoint] {
        (0...32).map { i in
            let a = Double(i % 32) / 32 * 2 * Double.pi
            return ScenePoint(x: ((c.x + r * cos(a)) * 100).rounded() / 100, y: ((c.y + r * sin(a)) * 100).rounded() / 100)
        }
    }

    /// What kinds of mark a map carries, so the legend explains exactly those.
    struct LegendMarks {
        var factions = Set<String>()
        var derivedZones = Set<String>()
        var drawnZones = Set<String>()
        var contested = false, contestedZone = false, unknown = false, air = false, changed = false
        var claimed = false, approximate = false, noData = false, dataEdge = false, front = false, sparseFront = false
    }

    /// Every symbol, fill and line on the map, each in its own colours.
    func legendRows(factions all: [Faction], marks: LegendMarks, changedSince: Day?) -> [(LegendEntry, SymbolItem?, PathItem?)] {
        var rows: [(LegendEntry, SymbolItem?, PathItem?)] = []
        let factions = all.filter { marks.factions.contains($0.id) }
        func dot(_ fills: [RGBA], shape: SymbolShape = .circle, edge: Stroke = Style.symbolEdge, ring: Stroke? = nil) -> SymbolItem {
            SymbolItem(shape: shape, center: ScenePoint(x: 0, y: 0), radius: shape == .plane ? 8 : 6, fills: fills, stroke: edge, ring: ring)
        }
        func square(_ fill: Paint, stroke: Stroke? = nil) -> PathItem {
            PathItem(subpaths: [[ScenePoint(x: -11, y: -8), ScenePoint(x: 11, y: -8), ScenePoint(x: 11, y: 8), ScenePoint(x: -11, y: 8)]],
                     closed: true, fill: fill, stroke: stroke ?? Stroke(color: RGBA(hex: 0x9a9a9a), width: 0.6))
        }
        func line(_ stroke: Stroke) -> PathItem {
            PathItem(subpaths: [[ScenePoint(x: -11, y: 0), ScenePoint(x: 11, y: 0)]], closed: false, stroke: stroke)
        }
        func row(_ key: LegendEntry.Key, _ en: String, _ ar: String, _ symbol: SymbolItem?, _ path: PathItem?) {
            rows.append((LegendEntry(key: key, text: inlineName(english: en, arabic: ar)), symbol, path))
        }
        // A faction's dot on its zone's tint, when its zone is on the map.
        for f in factions {
            let tint = marks.derivedZones.contains(f.id) || marks.drawnZones.contains(f.id)
                ? square(.solid(Style.color(f.color, alpha: Style.zoneAlpha))) : nil
            rows.append((LegendEntry(key: .faction(f.id), text: inlineName(english: "\(f.short) — \(f.name)", arabic: f.nameArabic)),
                         dot([Style.color(f.color)]), tint))
        }
        let two = factions.prefix(2).map { Style.color($0.color) }
        let pair = two.count == 2 ? two : [Style.unknown, Style.unknown]
        if marks.contested || marks.contestedZone {
            row(.contested, "Contested" + (marks.contestedZone ? " (hatched: the place's own ground)" : ""),
                "متنازع عليها" + (marks.contestedZone ? " (المخطط: محيط المكان نفسه)" : ""),
                marks.contested ? dot(pair) : nil,
                marks.contestedZone ? square(.hatch(pair.map { $0.with(alpha: 0.3) }, spacing: 7)) : nil)
        }
        if marks.claimed {
            let color = factions.first.map { Style.color($0.color) } ?? Style.unknown
            row(.claimed, "Claimed by one side only (hollow)", "ادعاء طرف واحد فقط (رمز مفرغ)",
                dot([RGBA(1, 1, 1)], edge: Stroke(color: color, width: Style.claimedEdgeWidth)), nil)
        }
        if marks.approximate {
            row(.approximate, "Approximate position (dashed circle)", "موقع تقريبي (دائرة متقطعة)", dot([Style.unknown]),
                PathItem(subpaths: [MapComposer.circle(at: ScenePoint(x: 0, y: 0), radius: 9.5)], closed: true, stroke: Style.approximate))
        }
        if marks.unknown { row(.unknown, "No information", "لا معلومات", dot([Style.unknown]), nil) }
        if marks.air { row(.airbase, "Airbase or airport", "قاعدة جوية أو مطار", dot([Style.unknown], shape: .plane), nil) }
        if marks.changed {
            var en = "Changed hands", ar = "تغيّرت السيطرة"
            if let since = changedSince {
                en += " since " + MapComposer.dateText(since, language: .en)
                ar += " منذ " + MapComposer.dateText(since, language: .ar)
            }
            row(.changed, en, ar, dot([RGBA(1, 1, 1)], ring: Style.changedRing), nil)
        }
        if !marks.derivedZones.isEmpty {
            // Split in the tints of the factions whose derived zones are in view.
            let tints = factions.filter { marks.derivedZones.contains($0.id) }.map { Style.color($0.color, alpha: Style.zoneAlpha) }
            var swatch = square(.solid(tints.first ?? Style.unknown))
            if tints.count > 1 { swatch.fill = .hatch(tints, spacing: 22) }
            row(.zone, "Tint: zones derived from place control", "مناطق مستنتجة من السيطرة على الأماكن", nil, swatch)
        }
        if !marks.drawnZones.isEmpty {
            let color = factions.first { marks.drawnZones.contains($0.id) }.map { Style.color($0.color) } ?? Style.unknown
            row(.drawnArea, "Dashed outline: area drawn from published maps", "حدود متقطعة: منطقة مرسومة من خرائط منشورة", nil,
                square(.solid(color.with(alpha: Style.zoneAlpha)), stroke: Stroke(color: color.with(alpha: 0.6), width: 1.2, dash: [6, 3])))
        }
        if marks.noData { row(.noData, "No data: no place within reach", "لا بيانات: لا مكان قريب", nil, square(Style.noData)) }
        if marks.dataEdge { row(.dataEdge, "Extent of data (not a front)", "حدود البيانات (ليست جبهة)", nil, line(Style.dataEdge)) }
        if marks.front {
            row(.front, "Front line (derived)", "خط الجبهة (مستنتج)", nil, line(Style.front))
        }
        if marks.sparseFront {
            row(.sparseFront, "Front line, uncertain: few places near", "خط جبهة غير مؤكد: أماكن قليلة قريبة", nil, line(Style.sparseFront))
        }
        return rows
    }
}
