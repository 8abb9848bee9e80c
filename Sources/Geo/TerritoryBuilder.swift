import CGEOS
import FrontlineCore
import Timeline

/// Derives zones of control, front lines and no-data ground from place control.
///
/// Each controlled or contested place gets its Voronoi cell (GEOS), cut to the
/// disc of its reach (`reachMeters × weight`; see `TerritoryCells` for why in
/// Swift); the pieces are merged per controller (shared edges cancelled in
/// Swift, see `TerritoryCoverageUnion`) and clipped to the land. Contested
/// places give contested zones. Small pockets of no data that one zone encloses
/// on every side go to that zone (see `TerritoryPockets`). No data is the land
/// no piece covers. Fronts are the Voronoi edges between cells of
/// opposing sides, cut where the pieces are cut, clipped to the land, merged
/// (see `TerritoryFront`, which also says how contested zones take part), then
/// smoothed together with the zone edges they run along. Drawn areas of control
/// take their ground first: zones, fronts and no data are derived on the land
/// the areas leave (see `drawnOverlay(_:)`).
///
/// All coordinates are planar metres in one projected CRS (use an equal-area or
/// conformal CRS of the theatre; distances are taken as planar).
///
/// - Important: Owns a GEOS context and the prepared land. Not thread-safe and
///   not `Sendable`: make one builder per worker and reuse it across frames.
public final class TerritoryBuilder {
    /// Distance in metres beyond which a place claims no ground.
    public let reachMeters: Double
    /// A front is drawn as certain only where a place of each side lies within
    /// this distance (half the reach): farther out, a straight Voronoi edge
    /// between two distant places is the only thing that puts it there.
    public var sparseMeters: Double { reachMeters / 2 }
    /// A contested place's ground reaches this share of a held place's: the
    /// fighting is at the place, not over all the country it would hold.
    public static let contestedReachShare = 0.5
    /// Chaikin passes that round the fronts and the zone edges along them
    /// (3 by default; 0 keeps the straight Voronoi edges). Either way a front
    /// runs exactly on the boundary between the zones it separates (see
    /// `TerritoryZoneSmoothing`).
    public var frontSmoothingPasses = TerritoryFront.defaultSmoothingPasses

    let context: GEOSContext
    let land: GEOSGeometry
    let preparedLand: GEOSPreparedGeometry
    let landBounds: PlanarBox?
    let landPolygons: [PlanarPolygon]

    /// The ground zones are derived on: the land, or the land a set of drawn areas leaves.
    struct Ground {
        let geometry: GEOSGeometry
        let prepared: GEOSPreparedGeometry
        let polygons: [PlanarPolygon]
    }
    /// The whole land as ground: for days without drawn areas.
    private let wholeLand: Ground
    /// What a set of drawn areas in force takes: its zones, and the ground it leaves.
    private struct DrawnOverlay {
        var zones: [Zone]
        var rest: Ground
    }
    /// Merge with GEOS's coverage union instead of in Swift: for tests that
    /// compare the two and exercise the fallback path.
    var unionInGEOS = false
    /// How often the Swift union of pieces fell back to GEOS (tests expect 0).
    private(set) var stitchingFallbacks = 0
    /// How often GEOS's coverage union then fell back to an overlay union (tests expect 0).
    private(set) var coverageFallbacks = 0
    /// See `drawnOverlay(_:)`; nil values: areas that take no ground.
    private var drawnOverlays: [[ProjectedArea]: DrawnOverlay?] = [:]

    /// - Parameters:
    ///   - land: the theatre's land polygons (metres). Invalid rings (self
    ///     intersections) are repaired with GEOS's make-valid; overlaps are merged.
    ///   - reachMeters: how far a place's ground extends at most (metres, > 0).
    /// - Throws: `SystemError("GEOS", …)` with GEOS's message when the land cannot be built.
    public init(land: [PlanarPolygon], reachMeters: Double = 60_000) throws {
        guard reachMeters.isFinite, reachMeters > 0 else {
            throw SystemError("GEOS", "territory reach must be a positive number of metres, not \(reachMeters)")
        }
        self.reachMeters = reachMeters
        let context = try GEOSContext()
        self.context = context
        let parts = try land.filter { $0.exterior.count >= 3 }.map { try GEOSGeometry.polygon($0, context: context) }
        let collection = try GEOSGeometry.collection(GEOS_GEOMETRYCOLLECTION, taking: parts, context: context)
        // Repair first: a self-intersecting coastline must not make every later overlay throw.
        let valid = try collection.isValid() ? collection : try collection.makeValid()
        let merged = try valid.unaryUnion()
        try merged.normalize()
        self.land = merged
        self.preparedLand = try GEOSPreparedGeometry(merged)
        self.landBounds = try merged.bounds()
        self.landPolygons = try merged.polygons()
        self.wholeLand = Ground(geometry: merged, prepared: preparedLand, polygons: landPolygons)
    }

    /// The zones, fronts and no-data ground for one day's places.
    ///
    /// Same input, same output: places are taken in id order and every GEOS
    /// result is normalised before it is read.
    /// - Parameters:
    ///   - belligerents: the factions between which there are fronts; ground of
    ///     any other faction (neutral or local forces) meets theirs without one.
    ///     nil: every faction is a belligerent.
    ///   - drawn: areas of control in force on the day; they take precedence
    ///     over the derived zones, fronts and no-data ground where they lie.
    /// - Throws: `SystemError("GEOS", …)` carrying GEOS's message.
    public func build(_ places: [TerritoryPlace], belligerents: Set<String>? = nil, drawn: [ProjectedArea] = []) throws -> Territory {
        let overlay = drawn.isEmpty ? nil : try drawnOverlay(drawn)
        let ground = overlay?.rest ?? wholeLand
        /// The derived territory with the drawn areas' zones after (over) it.
        func withAreas(_ derived: Territory) -> Territory {
            var territory = derived
            territory.zones += overlay?.zones ?? []
            return territory
        }
        // Unknown places claim nothing; non-finite coordinates cannot be placed.
        let sites = places
            .filter { $0.control != .unknown && $0.point.x.isFinite && $0.point.y.isFinite }
            .map { place -> TerritoryPlace in
                // One zone per contested set, however the ids were ordered.
                guard case .contested(let ids) = place.control else { return place }
                var normalised = place
                normalised.control = .contested(Array(Set(ids)).sorted())
                return normalised
            }
            .sorted { $0.id < $1.id || ($0.id == $1.id && ($0.point.x, $0.point.y) < ($1.point.x, $1.point.y)) }
        // The box of the whole land, areas or not: the same places take part
        // in the Voronoi diagram, so a cell edge near an area is where it would be without it.
        guard !sites.isEmpty, let landBox = landBounds else {
            return withAreas(Territory(zones: [], fronts: [], noData: ground.polygons))
        }

        // A place more than three reaches from the land's box cannot move a cell
        // edge within reach of a place that touches the land (the bisector lies
        // beyond that place's reach), so leaving it out changes nothing drawn.
        // Near a pole such places project into near-coincident points that make
        // GEOS's Voronoi diagram throw.
        let far = 3 * reachMeters * (sites.map { $0.weight.isFinite ? max($0.weight, 0) : 1 }.max() ?? 1)
        func nearLand(_ p: PlanarPoint) -> Bool {
            p.x >= landBox.minX - far && p.x <= landBox.maxX + far && p.y >= landBox.minY - far && p.y <= landBox.maxY + far
        }
        // One Voronoi site per distinct coordinate; the first place (by id) there
        // speaks for it, except that a place one side holds speaks before a
        // contested one: the hatch must never cover a held place.
        var slot: [PlanarPoint: Int] = [:]
        var unique: [TerritoryPlace] = []
        for site in sites where nearLand(site.point) {
            guard let k = slot[site.point] else { slot[site.point] = unique.count; unique.append(site); continue }
            if case .contested = unique[k].control, case .faction = site.control { unique[k] = site }
        }
        guard !unique.isEmpty else { return withAreas(Territory(zones: [], fronts: [], noData: ground.polygons)) }
        let grid = TerritoryGrid(points: unique.map(\.point))
        let reaches = unique.map { site -> Double in
            let share: Double
            if case .contested = site.control { share = Self.contestedReachShare } else { share = 1 }
            return reachMeters * max(site.weight.isFinite ? site.weight : 1, 0) * share
        }

        let points = unique.map(\.point)
        let cells = TerritoryCells(rings: try voronoiRings(points, landBox: landBox, maxReach: reaches.max() ?? reachMeters),
                                   sites: grid)

        // Each cell cut to its place's reach, grouped by controller.
        var byController: [Control: [PlanarPolygon]] = [:]
        for k in cells.rings.indices {
            guard let ring = cells.piece(k, sites: points, reaches: reaches) else { continue }
            byController[unique[cells.owner[k]].control, default: []].append(PlanarPolygon(exterior: ring))
        }

        // Merge per controller, then clip to the land once per controller.
        let controllers = byController.keys.sorted { $0.description < $1.description }
        var zones: [Zone] = []
        var unclipped: [PlanarPolygon] = []
        for controller in controllers {
            let (mergedPolygons, merged) = try union(byController[controller]!)
            unclipped += mergedPolygons
            let clipped = try ground.prepared.contains(merged) ? merged : try merged.intersection(ground.geometry)
            try clipped.normalize()
            let polygons = try clipped.polygons()
            guard !polygons.isEmpty else { continue }
            zones.append(Zone(controller: controller, polygons: polygons))
        }

        // The zones meet along the same exact edges too: their union is the ground any place covers.
        let covered = try union(unclipped).geometry
        // Its edge inside the land is where the data runs out (reach arcs); the coast is not.
        var edgeGeometry = try covered.boundary()
        if try !ground.prepared.contains(edgeGeometry) { edgeGeometry = try edgeGeometry.intersection(ground.geometry) }
        let noDataGeometry = try ground.geometry.difference(covered)
        try noDataGeometry.normalize()
        // Slivers left by floating-point noding along the coast are not "no data".
        var noData = try noDataGeometry.polygons().filter { abs(signedDoubleArea($0.exterior)) / 2 > 1 }
        // Pockets of no data that one zone encloses go to that zone, and their rims are no edge of the data.
        let before = noData
        TerritoryPockets.fill(&zones, noData: &noData, maximumArea: Double.pi * reachMeters * reachMeters)
        if before.count != noData.count {
            let kept = Set(noData)
            let filled = try before.filter { !kept.contains($0) }.map { try GEOSGeometry.polygon($0, context: context) }
            edgeGeometry = try edgeGeometry.difference(try GEOSGeometry.collection(GEOS_MULTIPOLYGON, taking: filled, context: context))
        }
        let edges = try edgeGeometry.lineMerge()
        try edges.normalize()
        let dataEdges = try edges.lines()

        let raw = try TerritoryFront.fronts(cells: cells, sites: unique, reaches: reaches, belligerents: belligerents,
                                            ground: ground, builder: self)
        let smoothed = try TerritoryZoneSmoothing.smooth(fronts: raw, zones: &zones, places: grid,
                                                         passes: frontSmoothingPasses, context: context)
        let fronts = TerritoryFront.markSparse(smoothed, sites: unique, within: sparseMeters)
        return withAreas(Territory(zones: zones, fronts: fronts, noData: noData, dataEdges: dataEdges))
    }

    /// The drawn areas as zones (each cut to the land and to what earlier
    /// areas left), and the ground they leave, on which the day's zones,
    /// fronts and no data are derived: a drawn area takes precedence over
    /// derived territory, and its edge is not a front (where it runs is the
    /// editor's drawing, not a place where two sides were seen to meet).
    /// nil when the areas take no ground.
    ///
    /// The same for every state with these areas in force, so made once per
    /// set: a frame sequence meets the same areas day after day. Deriving on
    /// the ground left, rather than cutting each day's zones, fronts and no
    /// data under the areas, gives the same ground (a zone clipped to the land
    /// minus the areas is the zone clipped to the land, minus the areas) at a
    /// fraction of the cost: an area drawn from the same coastline as the land
    /// shares its edges, and cutting along shared edges sends GEOS's overlay
    /// to its slow, snapping path, for every zone of every day.
    private func drawnOverlay(_ drawn: [ProjectedArea]) throws -> DrawnOverlay? {
        if let cached = drawnOverlays[drawn] { return cached }
        var taken: GEOSGeometry?
        var drawnZones: [Zone] = []
        for area in drawn {
            let parts = try area.polygons.filter { $0.exterior.count >= 4 }.map { try GEOSGeometry.polygon($0, context: context) }
            guard !parts.isEmpty else { continue }
            let collection = try GEOSGeometry.collection(GEOS_MULTIPOLYGON, taking: parts, context: context)
            var shape = try (collection.isValid() ? collection : collection.makeValid()).intersection(land)
            if let taken { shape = try shape.difference(taken) }
            try shape.normalize()
            let polygons = try shape.polygons()
            guard !polygons.isEmpty else { continue }
            taken = try taken.map { try $0.union(shape) } ?? shape
            drawnZones.append(Zone(controller: .faction(area.controller), polygons: polygons, drawn: area.reference))
        }
        let overlay = try taken.map { taken -> DrawnOverlay in
            let rest = try land.difference(taken)
            try rest.normalize()
            // Slivers left by floating-point noding along the shared coast are no ground to derive on.
            let polygons = try rest.polygons().filter { abs(signedDoubleArea($0.exterior)) / 2 > 1 }
            let ground = try GEOSGeometry.collection(GEOS_MULTIPOLYGON, taking: polygons.map { try GEOSGeometry.polygon($0, context: context) },
                                                     context: context)
            return DrawnOverlay(zones: drawnZones, rest: Ground(geometry: ground, prepared: try GEOSPreparedGeometry(ground), polygons: polygons))
        }
        // A handful of sets at most (areas come and go with their dates).
        if drawnOverlays.count >= 16 { drawnOverlays.removeAll() }
        drawnOverlays[drawn] = overlay
        return overlay
    }

    /// The union of pieces that form an exact coverage, as a GEOS multipolygon.
    ///
    /// Merged in Swift (`TerritoryCoverageUnion`); if that finds the pieces do
    /// not meet exactly, GEOS's coverage union, and if GEOS agrees they do
    /// not, a full overlay union. Both are safety nets that should not run;
    /// the tests count them.
    private func union(_ pieces: [PlanarPolygon]) throws -> (polygons: [PlanarPolygon], geometry: GEOSGeometry) {
        if !unionInGEOS, let polygons = TerritoryCoverageUnion.union(pieces) {
            let parts = try polygons.map { try GEOSGeometry.polygon($0, context: context) }
            return (polygons, try GEOSGeometry.collection(GEOS_MULTIPOLYGON, taking: parts, context: context))
        }
        if !unionInGEOS { stitchingFallbacks += 1 }
        let parts = try pieces.map { try GEOSGeometry.polygon($0, context: context) }
        let collection = try GEOSGeometry.collection(GEOS_MULTIPOLYGON, taking: parts, context: context)
        let merged: GEOSGeometry
        do {
            merged = try collection.coverageUnion()
        } catch {
            coverageFallbacks += 1
            merged = try collection.unaryUnion()
        }
        return (try merged.polygons(), merged)
    }

    /// The exterior rings of the Voronoi cells of `points`, in GEOS's order (not the sites').
    func voronoiRings(_ points: [PlanarPoint], landBox: PlanarBox, maxReach: Double) throws -> [[PlanarPoint]] {
        var box = landBox
        for p in points {
            box.minX = min(box.minX, p.x); box.minY = min(box.minY, p.y)
            box.maxX = max(box.maxX, p.x); box.maxY = max(box.maxY, p.y)
        }
        // Extend beyond the reach so every cell edge inside the land is a true
        // Voronoi edge, not the diagram's clipping frame.
        let margin = maxReach + 1_000
        let frame = PlanarPolygon(exterior: [
            PlanarPoint(x: box.minX - margin, y: box.minY - margin), PlanarPoint(x: box.maxX + margin, y: box.minY - margin),
            PlanarPoint(x: box.maxX + margin, y: box.maxY + margin), PlanarPoint(x: box.minX - margin, y: box.maxY + margin),
            PlanarPoint(x: box.minX - margin, y: box.minY - margin),
        ])
        let frameGeometry = try GEOSGeometry.polygon(frame, context: context)
        let diagram: GEOSGeometry
        if points.count == 1 {
            // One site owns everything; GEOS needs at least two sites for a diagram.
            diagram = try GEOSGeometry.collection(GEOS_GEOMETRYCOLLECTION, taking: [frameGeometry], context: context)
        } else {
            let multipoint = try GEOSGeometry.collection(
                GEOS_MULTIPOINT, taking: try points.map { try GEOSGeometry.point($0, context: context) }, context: context)
            diagram = try multipoint.voronoiCells(envelope: frameGeometry)
        }
        return try diagram.exteriorRings()
    }
}
