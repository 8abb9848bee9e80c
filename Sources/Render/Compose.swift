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
            if a != b { return a > b }
            // Of two equal places, the one whose position is a record's labels first:
            // a dot placed by hand (approx.) gives way to one known to 100 m.
            let exactA = $0.approximateKilometers == nil, exactB = $1.approximateKilometers == nil
            return exactA != exactB ? exactA : $0.id < $1.id
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
        var onMap = Set<String>()
        var hasContested = false, hasUnknown = false, hasAir = false, hasChanged = false
        for s in shown {
            switch s.control {
            case .faction(let id): onMap.insert(id)
            case .contested(let ids): hasContested = true; ids.forEach { onMap.insert($0) }
            case .unknown: hasUnknown = true
            }
            if s.place.kind == .airbase || s.place.kind == .airport { hasAir = true }
            if changed.contains(s.place.id) { hasChanged = true }
        }
        var overlay: [SceneItem] = []
        var mapItems: [SceneItem] = []
        // The legend explains zones and the front only when some of them are in view.
        var zonesInView = false, frontInView = false

        if let territory {
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
                let visible = rings.contains { ring in
                    let xs = ring.map(\.x), ys = ring.map(\.y)
                    guard let x0 = xs.min(), let x1 = xs.max(), let y0 = ys.min(), let y1 = ys.max() else { return false }
                    return SceneRect(x: x0, y: y0, width: x1 - x0, height: y1 - y0).intersects(mapArea)
                }
                guard visible else { continue }
                zonesInView = true
                if case .faction(let id) = zone.controller { onMap.insert(id) }
                mapItems.append(.path(PathItem(subpaths: rings, closed: true, fill: fill,
                                               stroke: Stroke(color: colors[0].with(alpha: 0.45), width: 0.8))))
            }
            let fronts = territory.fronts.map { canvasLine($0, transform: canvas) }
            frontInView = fronts.contains { !Clipping.line($0, to: mapArea).isEmpty }
            mapItems.append(.path(PathItem(subpaths: fronts, closed: false, stroke: Style.frontCasing)))
            mapItems.append(.path(PathItem(subpaths: fronts, closed: false, stroke: Style.front)))
        }

        // Symbols: least important first so the important ones sit on top.
        let ordered = shown.sorted {
            let a = Style.importance(of: $0.place, emphasised: false), b = Style.importance(of: $1.place, emphasised: false)
            return a != b ? a < b : $0.place.id < $1.place.id
        }
        for s in ordered {
            var (shape, radius) = Style.symbol(for: s.place)
            // A split symbol needs room for two readable halves.
            if case .contested = s.control { radius = max(radius, 5.5); if shape == .plane { radius = max(radius, 9) } }
            mapItems.append(.symbol(SymbolItem(shape: shape, center: where_[s.place.id]!, radius: radius,
                                               fills: fills(for: s.control, factions: factionByID), stroke: Style.symbolEdge,
                                               ring: changed.contains(s.place.id) ? Style.changedRing : nil)))
        }

        // Legend and title first: labels must keep clear of them.
        let legendEntries = legendRows(factions: factions.filter { onMap.contains($0.id) }, contested: hasContested,
                                       unknown: hasUnknown, air: hasAir, changed: hasChanged, changedSince: changedSince,
                                       zones: zonesInView, front: frontInView)
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
        overlay.append(contentsOf: footerItems())

        let shownIDs = Set(shown.map(\.place.id))
        return MapScene(width: width, height: height, scale: scale, background: Style.sea, baseKey: baseKey, base: baseItems,
                        overlay: overlay, labels: plan.labels.values.filter { shownIDs.contains($0.placeID) }.sorted { $0.placeID < $1.placeID },
                        legend: legendEntries.map(\.0), droppedLabels: plan.dropped.filter { shownIDs.contains($0) }.sorted())
    }

    func legendRows(factions: [Faction], contested: Bool, unknown: Bool, air: Bool, changed: Bool, changedSince: Day?,
                    zones: Bool, front: Bool) -> [(LegendEntry, SymbolItem?, PathItem?)] {
        var rows: [(LegendEntry, SymbolItem?, PathItem?)] = []
        func dot(_ fills: [RGBA], shape: SymbolShape = .circle, ring: Stroke? = nil) -> SymbolItem {
            SymbolItem(shape: shape, center: ScenePoint(x: 0, y: 0), radius: shape == .plane ? 8 : 6.5, fills: fills,
                       stroke: Stroke(color: RGBA(hex: 0x666666), width: 0.8), ring: ring)
        }
        for f in factions {
            rows.append((LegendEntry(key: .faction(f.id), text: inlineName(english: "\(f.short) — \(f.name)", arabic: f.nameArabic)),
                         dot([Style.color(f.color)]), nil))
        }
        if contested {
            let two = factions.prefix(2).map { Style.color($0.color) }
            rows.append((LegendEntry(key: .contested, text: inlineName(english: "Contested", arabic: "متنازع عليها")),
                         dot(two.count == 2 ? two : [Style.unknown, Style.unknown]), nil))
        }
        if unknown {
            rows.append((LegendEntry(key: .unknown, text: inlineName(english: "No information", arabic: "لا معلومات")), dot([Style.unknown]), nil))
        }
        if air {
            rows.append((LegendEntry(key: .airbase, text: inlineName(english: "Airbase or airport", arabic: "قاعدة جوية أو مطار")),
                         dot([Style.unknown], shape: .plane), nil))
        }
        if changed {
            var en = "Changed hands", ar = "تغيّرت السيطرة"
            if let since = changedSince {
                en += " since " + MapComposer.dateText(since, language: .en)
                ar += " منذ " + MapComposer.dateText(since, language: .ar)
            }
            rows.append((LegendEntry(key: .changed, text: inlineName(english: en, arabic: ar)),
                         dot([RGBA(1, 1, 1)], ring: Style.changedRing), nil))
        }
        if zones {
            let square = PathItem(subpaths: [[ScenePoint(x: -8, y: -6), ScenePoint(x: 8, y: -6), ScenePoint(x: 8, y: 6), ScenePoint(x: -8, y: 6)]],
                                  closed: true, fill: .solid(Style.unknown.with(alpha: 0.35)))
            rows.append((LegendEntry(key: .zone, text: inlineName(english: "Zones derived from place control", arabic: "مناطق مستنتجة من السيطرة على الأماكن")), nil, square))
        }
        if front {
            let line = PathItem(subpaths: [[ScenePoint(x: -9, y: 0), ScenePoint(x: 9, y: 0)]], closed: false, stroke: Style.front)
            rows.append((LegendEntry(key: .front, text: inlineName(english: "Front line (derived)", arabic: "خط الجبهة (مستنتج)")), nil, line))
        }
        return rows
    }
}
