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
    /// whatever a day shows (see ``layout(for:emphasised:legendSize:)``).
    ///
    /// - Parameters:
    ///   - places: every place that may appear (for a frame sequence: the union over the range).
    ///   - emphasised: place ids that go first (changed recently).
    public func planLabels(for places: [Place], emphasised: Set<String> = []) throws -> LabelPlan {
        try layout(for: places, emphasised: emphasised, legendSize: reservedLegendSize())
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
        var zoneItems: [SceneItem] = [], frontItems: [SceneItem] = [], symbolItems: [SceneItem] = []
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
                zoneItems.append(.path(PathItem(subpaths: rings, closed: true, fill: fill,
                                                stroke: Stroke(color: colors[0].with(alpha: 0.45), width: 0.8))))
            }
            let fronts = territory.fronts.map { canvasLine($0, transform: canvas) }
            frontInView = fronts.contains { !Clipping.line($0, to: mapArea).isEmpty }
            frontItems.append(.path(PathItem(subpaths: fronts, closed: false, stroke: Style.frontCasing)))
            frontItems.append(.path(PathItem(subpaths: fronts, closed: false, stroke: Style.front)))
        }

        // Symbols: least important first so the important ones sit on top.
        let ordered = shown.sorted {
            let a = Style.importance(of: $0.place, emphasised: false), b = Style.importance(of: $1.place, emphasised: false)
            return a != b ? a < b : $0.place.id < $1.place.id
        }
        var symbols: [(place: Place, item: SymbolItem)] = []
        for s in ordered {
            var (shape, radius) = Style.symbol(for: s.place)
            // A split symbol needs room for two readable halves.
            if case .contested = s.control { radius = max(radius, 5.5); if shape == .plane { radius = max(radius, 9) } }
            symbols.append((s.place, SymbolItem(shape: shape, center: where_[s.place.id]!, radius: radius,
                                                fills: fills(for: s.control, factions: factionByID), stroke: Style.symbolEdge,
                                                ring: changed.contains(s.place.id) ? Style.changedRing : nil)))
        }
        for (place, item) in symbols {
            symbolItems.append(.group(.place(place.id, center: item.center, inset: nil), [.symbol(item)]))
        }

        // Legend and title first: labels must keep clear of them.
        let legendEntries = legendRows(factions: factions.filter { onMap.contains($0.id) }, contested: hasContested,
                                       unknown: hasUnknown, air: hasAir, changed: hasChanged, changedSince: changedSince,
                                       zones: zonesInView, front: frontInView)
        let legendSize = legendSize(entries: legendEntries)
        let plan = try labels ?? layout(for: shown.map(\.place), emphasised: changed, legendSize: legendSize)
        // The day's legend in the outer corner of the room the plan kept for it.
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
        overlay.append(contentsOf: legendItems(entries: legendEntries, at: legendRect))
        for detail in plan.details {
            overlay.append(detailInsetItems(detail, zones: zoneItems, fronts: frontItems,
                                            symbols: symbols.filter { detail.placeIDs.contains($0.place.id) }, places: shown.map(\.place)))
        }
        overlay.append(contentsOf: footerItems())

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
