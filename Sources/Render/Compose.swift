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
        // A symbol cut by the map's edge (or under the footer) is not drawn at all.
        let area = mapArea.insetBy(10)
        for (place, p) in zip(places, planar) {
            let q = canvas(p)
            if q.x >= area.x, q.x <= area.maxX, q.y >= area.y, q.y <= area.maxY { out[place.id] = q }
        }
        return out
    }

    func labelText(for place: Place) -> TextItem {
        var font = Style.labelFont(for: place)
        font.size = (font.size * labelScale * 4).rounded() / 4
        return TextItem(text: name(english: place.name, arabic: place.nameArabic), font: font,
                        origin: ScenePoint(x: 0, y: 0), color: Style.ink, halo: Style.halo, alignment: language == .both ? .center : textAlignment)
    }

    /// Places labels and furniture for a frame sequence: every place that may
    /// appear (the union over the range), the legend's room kept at its largest
    /// whatever a day shows (see ``layout(for:emphasised:legend:)``).
    ///
    /// - Parameters:
    ///   - places: every place that may appear (for a frame sequence: the union over the range).
    ///   - emphasised: place ids that go first (changed recently).
    public func planLabels(for places: [Place], emphasised: Set<String> = []) throws -> LabelPlan {
        try layout(for: places, emphasised: emphasised, legend: reservedLegendShape())
    }

    /// Under 150 m a pixel the map is a city plan: about 240 km across at 1600 px.
    var closeUp: Bool { metresPerPixel < 150 }

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
        // Layers, as the semantic SVG names them; the detail inset magnifies zones, front and places.
        var zoneItems: [SceneItem] = [], frontItems: [SceneItem] = [], symbolItems: [SceneItem] = []

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
                zoneItems.append(.path(PathItem(subpaths: noData, closed: true, fill: Style.noData)))
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
                zoneItems.append(.path(PathItem(subpaths: rings, closed: true, fill: fill, stroke: stroke)))
            }
            let edges = territory.dataEdges.map { canvasLine($0, transform: canvas) }
            if edges.contains(where: { !Clipping.line($0, to: mapArea).isEmpty }) {
                marks.dataEdge = true
                zoneItems.append(.path(PathItem(subpaths: edges, closed: false, stroke: Style.dataEdge)))
            }
            let sparse = territory.sparseFronts.map { canvasLine($0, transform: canvas) }
            if sparse.contains(where: { !Clipping.line($0, to: mapArea).isEmpty }) {
                marks.sparseFront = true
                frontItems.append(.path(PathItem(subpaths: sparse, closed: false, stroke: Style.sparseFront)))
            }
            let fronts = territory.fronts.map { canvasLine($0, transform: canvas) }
            marks.front = fronts.contains { !Clipping.line($0, to: mapArea).isEmpty }
            frontItems.append(.path(PathItem(subpaths: fronts, closed: false, stroke: Style.frontCasing)))
            frontItems.append(.path(PathItem(subpaths: fronts, closed: false, stroke: Style.front)))
        }

        // Symbols: least important first so the important ones sit on top.
        let ordered = shown.map { (state: $0, importance: Style.importance(of: $0.place, emphasised: false)) }
            .sorted { $0.importance != $1.importance ? $0.importance < $1.importance : $0.state.place.id < $1.state.place.id }
            .map(\.state)
        var symbols: [(place: Place, item: SymbolItem)] = []
        for s in ordered {
            symbols.append((s.place, symbol(for: s, at: where_[s.place.id]!, factions: factionByID, ringed: changed.contains(s.place.id))))
        }
        for (place, item) in symbols {
            var marks: [SceneItem] = []
            if let circle = approximateCircle(for: place, at: item.center) { marks.append(circle) }
            symbolItems.append(.group(.place(place.id, center: item.center, inset: nil), marks + [.symbol(item)]))
        }

        // Legend and title first: labels must keep clear of them.
        let legendEntries = legendRows(factions: factions, marks: marks, changedSince: changedSince)
        let plan = try labels ?? layout(for: shown.map(\.place), emphasised: changed, legend: legendShape(entries: legendEntries))
        // The day's legend, at the plan's size and columns, in the outer corner of the room the plan kept for it.
        let shrink = plan.furniture.legendScale, columns = plan.furniture.legendColumns
        let legendSize = legendSize(entries: legendEntries, shrink: shrink, columns: columns)
        let area = plan.furniture.legend
        let left = area.x + area.width / 2 < mapArea.x + mapArea.width / 2, top = area.y + area.height / 2 < mapArea.y + mapArea.height / 2
        let legendRect = SceneRect(x: left ? area.x : area.maxX - legendSize.width, y: top ? area.y : area.maxY - legendSize.height,
                                   width: legendSize.width, height: legendSize.height)
        let labelItems = labelLayer(plan.labels, leaders: plan.leaders, places: shown.map(\.place), inset: nil)

        var mapLayers: [SceneItem] = [.group(.layer("zones"), zoneItems), .group(.layer("front"), frontItems),
                                      .group(.layer("places"), symbolItems), .group(.layer("labels"), labelItems)]
        for detail in plan.details { mapLayers.append(detailWindowFrame(detail)) }
        var overlay: [SceneItem] = [.clip(mapArea, mapLayers)]
        overlay.append(contentsOf: headerItems(date: state.date))
        if let locator = plan.furniture.locator { overlay.append(contentsOf: try insetItems(at: locator)) }
        overlay.append(contentsOf: scaleBarItems(at: plan.furniture.scaleBar))
        overlay.append(contentsOf: legendItems(entries: legendEntries, at: legendRect, shrink: shrink, columns: columns))
        for detail in plan.details {
            overlay.append(detailInsetItems(detail, zones: zoneItems, fronts: frontItems,
                                            symbols: symbols.filter { detail.placeIDs.contains($0.place.id) }, places: shown.map(\.place)))
        }
        // The outlets behind what is shown: the events that set the state of the places in view.
        let events = shown.compactMap(\.event)
        let outlets = Outlets.ranked(events) { source in
            if let known = outletNames[source] { return known }
            let name = Outlets.outlet(of: source)
            outletNames[source] = name
            return name
        }
        overlay.append(contentsOf: footerItems(outlets: outlets, events: Set(events.map(\.location)).count))

        let shownIDs = Set(shown.map(\.place.id))
        let placed = (Array(plan.labels.values) + plan.details.flatMap { Array($0.labels.values) }).filter { shownIDs.contains($0.placeID) }
        return MapScene(width: width, height: height, scale: scale, background: Style.sea, baseKey: baseKey, base: baseItems,
                        overlay: overlay, labels: placed.sorted { ($0.placeID, $0.inset ?? "") < ($1.placeID, $1.inset ?? "") },
                        legend: legendEntries.map(\.0), droppedLabels: plan.dropped.filter { shownIDs.contains($0) },
                        idPrefix: "fl-\(state.date)" + (viewName.map { "-" + $0 } ?? ""))
    }

    /// The labels (and their leaders) of the places shown, as tagged groups.
    func labelLayer(_ labels: [String: PlacedLabel], leaders: [String: [ScenePoint]], places: [Place], inset: String?) -> [SceneItem] {
        var leaderItems: [SceneItem] = [], textItems: [SceneItem] = []
        for place in places.sorted(by: { $0.id < $1.id }) {
            guard let label = labels[place.id] else { continue }
            if let leader = leaders[place.id] {
                leaderItems.append(.group(.leader(place.id, inset: inset),
                                          [.path(PathItem(subpaths: [leader], closed: false, stroke: Stroke(color: Style.softInk, width: 0.9)))]))
            }
            var t = labelText(for: place)
            t.origin = ScenePoint(x: label.rect.x, y: label.rect.y)
            textItems.append(.group(.label(place.id, bbox: label.rect, inset: inset), [.text(t)]))
        }
        // Leaders under every label: a halo never hides a line's end.
        return leaderItems + textItems
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

    /// An approximate position's mark: a dashed circle as wide as the stated
    /// precision, within limits (a few px at least, so it shows; a dozen more
    /// than the symbol at most, so it hides nothing); nil for a record's position.
    func approximateCircle(for place: Place, at c: ScenePoint) -> SceneItem? {
        guard let km = place.approximateKilometers else { return nil }
        let r = Style.symbol(for: place).1
        let radius = min(max(km * 1000 / metresPerPixel, r + 3.5), r + 12)
        return .path(PathItem(subpaths: [MapComposer.circle(at: c, radius: radius)], closed: true, stroke: Style.approximate))
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
            row(.contested, "Contested" + (marks.contestedZone ? " (hatch: its own ground)" : ""),
                "متنازع عليها" + (marks.contestedZone ? " (المخطط: محيطها)" : ""),
                marks.contested ? dot(pair) : nil,
                marks.contestedZone ? square(.hatch(pair.map { $0.with(alpha: 0.3) }, spacing: 7)) : nil)
        }
        if marks.claimed {
            let color = factions.first.map { Style.color($0.color) } ?? Style.unknown
            row(.claimed, "Claimed, not confirmed", "ادعاء غير مؤكد",
                dot([RGBA(1, 1, 1)], edge: Stroke(color: color, width: Style.claimedEdgeWidth)), nil)
        }
        if marks.approximate {
            row(.approximate, "Approximate position", "موقع تقريبي", dot([Style.unknown]),
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
            row(.zone, "Zones derived from places", "مناطق مستنتجة من الأماكن", nil, swatch)
        }
        if !marks.drawnZones.isEmpty {
            let color = factions.first { marks.drawnZones.contains($0.id) }.map { Style.color($0.color) } ?? Style.unknown
            row(.drawnArea, "Area from published maps", "منطقة من خرائط منشورة", nil,
                square(.solid(color.with(alpha: Style.zoneAlpha)), stroke: Stroke(color: color.with(alpha: 0.6), width: 1.2, dash: [6, 3])))
        }
        if marks.noData { row(.noData, "No data (no place in reach)", "لا بيانات (لا مكان قريب)", nil, square(Style.noData)) }
        if marks.dataEdge { row(.dataEdge, "Extent of data (not a front)", "حدود البيانات (ليست جبهة)", nil, line(Style.dataEdge)) }
        if marks.front {
            row(.front, "Front line (derived)", "خط الجبهة (مستنتج)", nil, line(Style.front))
        }
        if marks.sparseFront {
            row(.sparseFront, "Front, uncertain (few places)", "جبهة غير مؤكدة (أماكن قليلة)", nil, line(Style.sparseFront))
        }
        return rows
    }
}
