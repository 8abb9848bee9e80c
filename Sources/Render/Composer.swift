import Foundation
import FrontlineCore
import Gazetteer
import Geo
import Timeline

/// The size of a laid-out text block, layout px.
public struct TextSize: Hashable, Sendable {
    public var width: Double
    public var height: Double
}

/// Measures text the way the backend will draw it; the composer needs sizes to
/// place labels and size panels. ``MapRenderer`` is the real one.
public protocol TextMeasuring: AnyObject {
    func measure(_ text: String, font: FontSpec, alignment: TextAlignment, letterSpacing: Double) -> TextSize
}

/// Which names a map shows.
public enum MapLanguage: String, Sendable, CaseIterable {
    /// English names.
    case en
    /// Arabic names.
    case ar
    /// English above, Arabic below.
    case both
}

/// What the map says about where it comes from: titles and the footer credits.
public struct MapCaption: Sendable {
    public var title: String
    public var titleArabic: String
    /// A line under the title (`--subtitle`), empty for none.
    public var subtitle: String
    /// Who made the map (`--credit`), put first in the footer; empty for none.
    public var credit: String
    public var basemapCredit: String
    public init(title: String, titleArabic: String, subtitle: String = "", credit: String = "", basemapCredit: String) {
        self.title = title
        self.titleArabic = titleArabic
        self.subtitle = subtitle
        self.credit = credit
        self.basemapCredit = basemapCredit
    }
}

/// Where every label and piece of furniture goes, decided once: a frame
/// sequence passes the same plan to every frame so nothing jumps. Keys are place ids.
public struct LabelPlan: Sendable, Hashable {
    /// Labels on the main map.
    public var labels: [String: PlacedLabel]
    /// Places no label could be placed for (on the main map or in the detail
    /// inset), highest priority first.
    public var dropped: [String]
    /// Leader lines from symbol edge to label box, by place id.
    public var leaders: [String: [ScenePoint]]
    public var furniture: FurnitureLayout
    /// Magnified boxes of dense clusters (none, one or two).
    public var details: [DetailInsetPlan]
}

/// Turns the state of one day into a ``MapScene`` for one view, size and language.
///
/// Made once per view: it projects the view box and the basemap, fits them to the
/// canvas and composes the static base layers at init. `compose` then only adds
/// what changes with the date. Label placement is deterministic (importance, then
/// id), and ``planLabels(for:emphasised:)`` lets a frame sequence fix positions
/// over a whole date range.
///
/// - Important: holds the projector, which may wrap a C handle: one per worker.
public final class MapComposer {
    public let width: Int
    public let height: Int
    public let scale: Double
    public let language: MapLanguage
    /// The view's name (`west`), for the default id prefix of the SVG; nil for a box.
    public var viewName: String?
    let projector: MapProjector
    let measurer: TextMeasuring
    let caption: MapCaption
    let homeCountry: String
    /// The part of the canvas the map itself fills (between header and footer).
    let mapArea: SceneRect
    let headerHeight: Double
    /// The projected extent drawn in `mapArea`, padded to the canvas aspect.
    public let extent: PlanarBox
    let metresPerPixel: Double
    let viewBox: GeoBox
    let overview: GeoBox
    let projectedCountries: [(iso3: String, nameEnglish: String, nameArabic: String, polygons: [[[PlanarPoint]]])]
    /// The close-up layer's land per country, projected, when this map draws
    /// it (see `usesDetailCoast`); nil draws the coarse countries.
    let projectedDetailLand: [(iso3: String, polygons: [[[PlanarPoint]]])]?
    /// The home country's close-up land around the map, when the detail layer
    /// is drawn: zones and fronts are cut to it (see `territory(for:reachMeters:)`).
    let zoneLand: LandClip?
    private(set) var baseItems: [SceneItem]
    private(set) var baseKey: String
    /// Furniture positions, fixed per composer so labels can avoid them.
    /// Boxes of the neighbouring countries' names (static, part of the base).
    private(set) var countryLabelRects: [SceneRect] = []
    /// Every country's drawn land in canvas px (rings and their bounds), to
    /// keep home-country labels off foreign land and furniture off the home country.
    private(set) var canvasLand: [(iso3: String, rings: [[ScenePoint]], bounds: SceneRect)] = []
    /// `canvasLand` as cells, for the many box tests of placement.
    private(set) var landMask = LandMask(area: SceneRect(x: 0, y: 0, width: 1, height: 1), land: [], home: "")
    /// The footer band's text and height: it wraps to two lines rather than run off a small canvas.
    let footer: (lines: Int, font: FontSpec, height: Double)
    var footerHeight: Double { footer.height }
    /// The detail inset's magnified basemap, for the inset rectangle it was made for.
    var detailBaseCache: [SceneRect: [SceneItem]] = [:]
    /// Each event source's outlet (``Outlets/outlet(of:)``), named once: the footer ranks the same events every frame.
    var outletNames: [String: String] = [:]
    /// Made on first use by `territory(for:reachMeters:)`; holds the prepared land.
    var territoryBuilder: TerritoryBuilder?
    private(set) var scaleBar: (rect: SceneRect, kilometres: Int, pixels: Double)

    /// - Parameters:
    ///   - view: the lon/lat box to show; it is projected (densified) and padded to the canvas aspect.
    ///   - overview: the box the locator inset shows (the whole theatre).
    ///   - homeCountry: ISO3 of the theatre's country, drawn lighter than its neighbours.
    ///   - width, height: the canvas in layout px; `scale` multiplies into device px.
    public init(projector: MapProjector, basemap: Basemap, view: GeoBox, overview: GeoBox, homeCountry: String,
                width: Int, height: Int, scale: Double, language: MapLanguage, caption: MapCaption,
                measurer: TextMeasuring) throws {
        self.projector = projector
        self.measurer = measurer
        self.caption = caption
        self.homeCountry = homeCountry
        self.width = width
        self.height = height
        self.scale = scale
        self.language = language
        self.viewBox = view
        self.overview = overview
        // The title sits in a band of its own above the map, so it never hides places.
        let header = MapComposer.headerHeight(language: language, caption: caption, measurer: measurer)
        headerHeight = header
        footer = MapComposer.footerLayout(language: language, caption: caption, width: Double(width), measurer: measurer,
                                          scale: MapComposer.furnitureScale(width: width, height: height))
        let area = SceneRect(x: 0, y: header, width: Double(width), height: Double(height) - footer.height - header)
        mapArea = area

        let outline = try projector.projectPoints(MapComposer.densify(view))
        var box = MapComposer.bounds(outline)
        // Pad the short side so the projected view fills the canvas at its aspect.
        let mpp = max(box.width / area.width, box.height / area.height)
        let cx = (box.minX + box.maxX) / 2, cy = (box.minY + box.maxY) / 2
        box = PlanarBox(minX: cx - mpp * area.width / 2, minY: cy - mpp * area.height / 2,
                        maxX: cx + mpp * area.width / 2, maxY: cy + mpp * area.height / 2)
        extent = box
        metresPerPixel = mpp

        var detailCoast: [[PlanarPoint]]?, detailBorders: [[PlanarPoint]]?
        if let detail = basemap.detail, mpp < MapComposer.detailMaxMetresPerPixel,
           try MapComposer.box(box, liesInside: detail.extent, projector: projector) {
            projectedDetailLand = try detail.land.map { land in
                (land.iso3, try land.polygons.map { try $0.map { try projector.projectPoints($0) } })
            }
            detailCoast = try detail.coast.map { try projector.projectPoints($0) }
            detailBorders = try detail.borders.map { try projector.projectPoints($0) }
            // The drawn frame and a margin for strokes: zones end at it, out of sight.
            let margin = 40 * mpp
            let around = PlanarBox(minX: box.minX - margin, minY: box.minY - margin, maxX: box.maxX + margin, maxY: box.maxY + margin)
            let home = projectedDetailLand!.filter { $0.iso3 == homeCountry }.flatMap(\.polygons).compactMap { rings in
                rings.first.map { PlanarPolygon(exterior: $0, holes: Array(rings.dropFirst())) }
            }
            zoneLand = try LandClip(land: home, within: around)
        } else {
            projectedDetailLand = nil
            zoneLand = nil
        }

        var countries: [(String, String, String, [[[PlanarPoint]]])] = []
        for c in basemap.countries {
            var polys: [[[PlanarPoint]]] = []
            for polygon in c.polygons {
                polys.append(try polygon.map { try projector.projectPoints($0) })
            }
            countries.append((c.iso3, c.nameEnglish, c.nameArabic, polys))
        }
        projectedCountries = countries
        let coast = try detailCoast ?? basemap.coast.map { try projector.projectPoints($0) }
        let borders = try detailBorders ?? basemap.borders.map { try projector.projectPoints($0) }

        scaleBar = (SceneRect(x: 0, y: 0, width: 0, height: 0), 0, 0)
        baseItems = []
        baseKey = ""
        // Second phase: everything that needs `self` for transforms and measuring.
        scaleBar = try computeScaleBar()
        baseItems = composeBase(coast: coast, borders: borders)
        baseKey = "\(view)|\(width)x\(height)|\(language.rawValue)|\(UUID().uuidString)"
    }

    /// The scene of the base layers alone (sea, land, borders, names): what
    /// ``MapRenderer`` rasters once and paints under every overlay.
    var baseScene: MapScene {
        MapScene(width: width, height: height, scale: scale, background: Style.sea, baseKey: baseKey, base: baseItems,
                 overlay: [], labels: [], legend: [], droppedLabels: [])
    }

    // MARK: the close-up coast layer

    /// The coarse basemap is simplified at 0.01° (~1.1 km): under 300 m a
    /// pixel its corners are 4 px or more off the real coast and show (the
    /// tripoli view is ~80 m/px: 14 px). Coarser maps (the west view, ~450 m/px,
    /// and the libya view, the locator inset) keep Natural Earth, which is
    /// right at their scale and covers the whole theatre.
    static let detailMaxMetresPerPixel = 300.0

    /// Whether this map draws the close-up coast layer instead of Natural
    /// Earth's land and coast: the theatre has one, the map is at city scale,
    /// and the whole map lies inside the layer's extent.
    public var usesDetailCoast: Bool { projectedDetailLand != nil }

    /// Whether the planar `box` lies inside the projected lon/lat `extent`
    /// (its outline densified, as the projected edges are curves): tested at
    /// nine points along each edge of the box.
    static func box(_ box: PlanarBox, liesInside extent: GeoBox, projector: MapProjector) throws -> Bool {
        let ring = try projector.projectPoints(densify(extent)).map { ScenePoint(x: $0.x, y: $0.y) }
        let steps = 8
        for i in 0...steps {
            let f = Double(i) / Double(steps)
            let x = box.minX + f * box.width, y = box.minY + f * box.height
            for p in [ScenePoint(x: x, y: box.minY), ScenePoint(x: x, y: box.maxY),
                      ScenePoint(x: box.minX, y: y), ScenePoint(x: box.maxX, y: y)] where !contains([ring], p) {
                return false
            }
        }
        return true
    }

    // MARK: geometry helpers

    /// The box outline walked edge by edge (south, east, north, west), `steps`
    /// points an edge, so its projection is a curved ring, not four corners.
    static func densify(_ box: GeoBox, steps: Int = 16) -> [GeoPoint] {
        var pts: [GeoPoint] = []
        let w = box.east - box.west, h = box.north - box.south
        for i in 0..<steps { pts.append(GeoPoint(latitude: box.south, longitude: box.west + Double(i) / Double(steps) * w)) }
        for i in 0..<steps { pts.append(GeoPoint(latitude: box.south + Double(i) / Double(steps) * h, longitude: box.east)) }
        for i in 0..<steps { pts.append(GeoPoint(latitude: box.north, longitude: box.east - Double(i) / Double(steps) * w)) }
        for i in 0..<steps { pts.append(GeoPoint(latitude: box.north - Double(i) / Double(steps) * h, longitude: box.west)) }
        return pts
    }

    static func bounds(_ pts: [PlanarPoint]) -> PlanarBox {
        var b = PlanarBox(minX: .infinity, minY: .infinity, maxX: -.infinity, maxY: -.infinity)
        for p in pts {
            b.minX = min(b.minX, p.x); b.maxX = max(b.maxX, p.x)
            b.minY = min(b.minY, p.y); b.maxY = max(b.maxY, p.y)
        }
        return b
    }

    /// Projected metres to layout px on the main map.
    func canvas(_ p: PlanarPoint) -> ScenePoint {
        ScenePoint(x: mapArea.x + (p.x - extent.minX) / metresPerPixel, y: mapArea.y + (extent.maxY - p.y) / metresPerPixel)
    }

    /// A polyline in layout px, dropping points closer than a third of a pixel to
    /// the last kept one: invisible detail that would only slow drawing and bloat SVG.
    func canvasLine(_ line: [PlanarPoint], transform: (PlanarPoint) -> ScenePoint) -> [ScenePoint] {
        var out: [ScenePoint] = []
        out.reserveCapacity(line.count)
        for p in line {
            let q = transform(p)
            let r = ScenePoint(x: (q.x * 100).rounded() / 100, y: (q.y * 100).rounded() / 100)
            if let last = out.last, abs(last.x - r.x) + abs(last.y - r.y) < 0.33 { continue }
            out.append(r)
        }
        if let first = line.first, let last = line.last, first == last, out.count > 1, out.last != out.first {
            out.append(out[0])
        }
        return out
    }

    // MARK: text

    func measure(_ t: TextItem) -> TextSize {
        measurer.measure(t.text, font: t.font, alignment: t.alignment, letterSpacing: t.letterSpacing)
    }

    /// A name in the map's language; `both` puts English above Arabic.
    func name(english: String, arabic: String) -> String {
        let ar = arabic.isEmpty ? english : arabic
        switch language {
        case .en: return english
        case .ar: return ar
        case .both: return arabic.isEmpty || arabic == english ? english : english + "\n" + ar
        }
    }

    /// One-line form for legends: `GNA · حكومة الوفاق`. The Arabic part is a
    /// right-to-left isolate so its brackets and digits stay in place inside an
    /// English line.
    func inlineName(english: String, arabic: String) -> String {
        switch language {
        case .en: return english
        case .ar: return arabic.isEmpty ? english : arabic
        case .both: return arabic.isEmpty ? english : english + " · " + MapComposer.isolateRTL(arabic)
        }
    }

    /// Wraps text in RIGHT-TO-LEFT ISOLATE … POP DIRECTIONAL ISOLATE (UAX #9).
    static func isolateRTL(_ text: String) -> String { "\u{2067}" + text + "\u{2069}" }

    var textAlignment: TextAlignment { language == .ar ? .right : .left }

    // MARK: base layers (static for a view)

    private func composeBase(coast: [[PlanarPoint]], borders: [[PlanarPoint]]) -> [SceneItem] {
        var items: [SceneItem] = []
        let transform = { (p: PlanarPoint) in self.canvas(p) }
        let frame = mapArea.insetBy(-20)
        // Land from the close-up layer when this map uses it: its fill then meets
        // its own coastline and borders exactly (the borders are Natural Earth's,
        // continued to the finer coast). Country names stay placed on Natural Earth.
        let land = projectedDetailLand ?? projectedCountries.map { (iso3: $0.iso3, polygons: $0.polygons) }
        var drawnLand: [(iso3: String, rings: [[ScenePoint]], bounds: SceneRect)] = []
        for c in land {
            let rings = c.polygons.flatMap { $0.map { Clipping.ring(canvasLine($0, transform: transform), to: frame) } }.filter { !$0.isEmpty }
            guard !rings.isEmpty else { continue }
            let fill = c.iso3 == homeCountry ? Style.homeLand : Style.land
            items.append(.group(.land(c.iso3), [.path(PathItem(subpaths: rings, closed: true, fill: .solid(fill)))]))
            let xs = rings.flatMap { $0.map(\.x) }, ys = rings.flatMap { $0.map(\.y) }
            drawnLand.append((c.iso3, rings, SceneRect(x: xs.min()!, y: ys.min()!, width: xs.max()! - xs.min()!, height: ys.max()! - ys.min()!)))
        }
        canvasLand = drawnLand
        landMask = LandMask(area: mapArea, land: drawnLand, home: homeCountry)
        func lines(_ list: [[PlanarPoint]]) -> [[ScenePoint]] {
            list.flatMap { Clipping.line(canvasLine($0, transform: transform), to: frame) }
        }
        items.append(.path(PathItem(subpaths: lines(borders), closed: false, stroke: Style.border)))
        items.append(.path(PathItem(subpaths: lines(coast), closed: false, stroke: Style.coast)))
        items.append(contentsOf: countryNames())
        return [.group(.layer("basemap"), [.clip(mapArea, items)])]
    }

    /// Neighbouring countries named inside their visible part, as far from the
    /// theatre's own country as a 150 px reach allows, so the names stay clear
    /// of the places; their boxes are kept as obstacles for place labels.
    private func countryNames() -> [SceneItem] {
        var items: [SceneItem] = []
        var rects: [SceneRect] = []
        let inner = mapArea.insetBy(24)
        let transform = { (p: PlanarPoint) in self.canvas(p) }
        let frame = mapArea.insetBy(-20)
        let homeVertices: [ScenePoint] = projectedCountries.filter { $0.iso3 == homeCountry }
            .flatMap { $0.polygons.flatMap { $0.first.map { Clipping.ring(canvasLine($0, transform: transform), to: frame) } ?? [] } }
            .enumerated().filter { $0.offset % 3 == 0 }.map(\.element)
        for c in projectedCountries where c.iso3 != homeCountry {
            let rings = c.polygons.compactMap { $0.first }.map { Clipping.ring(canvasLine($0, transform: transform), to: frame) }.filter { !$0.isEmpty }
            guard !rings.isEmpty else { continue }
            let english = language == .ar ? c.nameEnglish : c.nameEnglish.uppercased()
            var text = TextItem(text: name(english: english, arabic: c.nameArabic), font: FontSpec(size: 17),
                                origin: ScenePoint(x: 0, y: 0), color: Style.countryName, alignment: .center,
                                letterSpacing: language == .en ? 3 : 0)  // spacing would break Arabic joining
            let size = measure(text)
            var best: (score: Double, point: ScenePoint)?
            let bounds = rings.flatMap { $0 }.reduce(into: (minX: Double.infinity, minY: Double.infinity, maxX: -Double.infinity, maxY: -Double.infinity)) {
                $0.minX = min($0.minX, $1.x); $0.maxX = max($0.maxX, $1.x); $0.minY = min($0.minY, $1.y); $0.maxY = max($0.maxY, $1.y)
            }
            let steps = 24
            for i in 0...steps {
                for j in 0...steps {
                    let p = ScenePoint(x: inner.x + inner.width * Double(i) / Double(steps), y: inner.y + inner.height * Double(j) / Double(steps))
                    let box = SceneRect(x: p.x - size.width / 2, y: p.y - size.height / 2, width: size.width, height: size.height)
                    guard inner.contains(box), box.x >= bounds.minX, box.maxX <= bounds.maxX,
                          box.y >= bounds.minY, box.maxY <= bounds.maxY, MapComposer.contains(rings, p) else { continue }
                    // All four corners on the country's land, so the name reads as its own.
                    let corners = [ScenePoint(x: box.x, y: box.y), ScenePoint(x: box.maxX, y: box.y),
                                   ScenePoint(x: box.x, y: box.maxY), ScenePoint(x: box.maxX, y: box.maxY)]
                    guard corners.allSatisfy({ MapComposer.contains(rings, $0) }) else { continue }
                    let reach = homeVertices.reduce(150.0) { min($0, hypot($1.x - p.x, $1.y - p.y)) }
                    let centrality = -hypot(p.x - mapArea.x - mapArea.width / 2, p.y - mapArea.y - mapArea.height / 2) / 1000
                    let score = reach + centrality
                    if best == nil || score > best!.score { best = (score, p) }
                }
            }
            guard let (_, p) = best else { continue }
            text.origin = ScenePoint(x: (p.x - size.width / 2).rounded(), y: (p.y - size.height / 2).rounded())
            rects.append(SceneRect(x: text.origin.x, y: text.origin.y, width: size.width, height: size.height))
            items.append(.text(text))
        }
        countryLabelRects = rects
        return items
    }

    /// Even-odd point in polygon over several rings.
    static func contains(_ rings: [[ScenePoint]], _ p: ScenePoint) -> Bool {
        var inside = false
        for ring in rings where ring.count > 2 {
            var j = ring.count - 1
            for i in 0..<ring.count {
                let a = ring[i], b = ring[j]
                if (a.y > p.y) != (b.y > p.y), p.x < (b.x - a.x) * (p.y - a.y) / (b.y - a.y) + a.x { inside.toggle() }
                j = i
            }
        }
        return inside
    }
}
