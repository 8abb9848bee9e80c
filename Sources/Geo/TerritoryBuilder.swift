import CGEOS
import FrontlineCore
import Timeline

/// Derives zones of control, front lines and no-data ground from place control.
///
/// Each controlled or contested place gets its Voronoi cell, cut to the disc of
/// its reach (`reachMeters × weight`) and to the land; cells are merged per
/// controller. Fronts are the Voronoi edges between cells of opposing sides,
/// clipped to the reach and the land, merged and smoothed (see `TerritoryFront`).
///
/// All coordinates are planar metres in one projected CRS (use an equal-area or
/// conformal CRS of the theatre; distances are taken as planar).
///
/// - Important: Owns a GEOS context and the prepared land. Not thread-safe and
///   not `Sendable`: make one builder per worker and reuse it across frames.
public final class TerritoryBuilder {
    /// Distance in metres beyond which a place claims no ground.
    public let reachMeters: Double

    let context: GEOSContext
    let land: GEOSGeometry
    let preparedLand: GEOSPreparedGeometry
    let landBounds: PlanarBox?
    let landPolygons: [PlanarPolygon]

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
    }

    /// The zones, fronts and no-data ground for one day's places.
    ///
    /// Same input, same output: places are taken in id order and every GEOS
    /// result is normalised before it is read.
    /// - Throws: `SystemError("GEOS", …)` carrying GEOS's message.
    public func build(_ places: [TerritoryPlace]) throws -> Territory {
        // Unknown places claim nothing; non-finite coordinates cannot be placed.
        let sites = places
            .filter { $0.control != .unknown && $0.point.x.isFinite && $0.point.y.isFinite }
            .sorted { $0.id < $1.id || ($0.id == $1.id && ($0.point.x, $0.point.y) < ($1.point.x, $1.point.y)) }
        guard !sites.isEmpty, let landBox = landBounds else {
            return Territory(zones: [], fronts: [], noData: landPolygons)
        }

        // One Voronoi site per distinct coordinate; the first place (by id) there speaks for it.
        var siteOf: [PlanarPoint: Int] = [:]
        var unique: [TerritoryPlace] = []
        for place in sites where siteOf[place.point] == nil {
            siteOf[place.point] = unique.count
            unique.append(place)
        }
        let grid = TerritoryGrid(points: unique.map(\.point))
        let reaches = unique.map { reachMeters * max($0.weight.isFinite ? $0.weight : 1, 0) }

        let cells = try voronoiCells(unique.map(\.point), landBox: landBox, maxReach: reaches.max() ?? reachMeters)

        // Match each cell to its site: a Voronoi cell is convex, so the mean of
        // its vertices lies inside it, and the site nearest that point owns it.
        var owner = [Int](repeating: -1, count: cells.rings.count)
        var pieces: [[GEOSGeometry]] = Array(repeating: [], count: unique.count)
        for (k, ring) in cells.rings.enumerated() where ring.count >= 4 {
            var cx = 0.0, cy = 0.0
            for p in ring.dropLast() { cx += p.x; cy += p.y }
            let n = Double(ring.count - 1)
            guard let site = grid.nearest(to: PlanarPoint(x: cx / n, y: cy / n)) else { continue }
            owner[k] = site
            let s = unique[site].point
            let reach = reaches[site]
            guard reach > 0 else { continue }
            let far = ring.contains { ($0.x - s.x) * ($0.x - s.x) + ($0.y - s.y) * ($0.y - s.y) > reach * reach }
            let cell = try GEOSGeometry.clone(cells.parts[k], context: context)
            // A convex cell with every vertex within reach lies inside the disc: no overlay needed.
            if far {
                let disc = try GEOSGeometry.point(s, context: context).buffer(reach, quadrantSegments: 8)
                pieces[site].append(try cell.intersection(disc))
            } else {
                pieces[site].append(cell)
            }
        }

        // Merge per controller, then clip to the land once per controller.
        var byController: [Control: [GEOSGeometry]] = [:]
        for (site, list) in pieces.enumerated() where !list.isEmpty {
            byController[unique[site].control, default: []].append(contentsOf: list)
        }
        let controllers = byController.keys.sorted { $0.description < $1.description }
        var zones: [Zone] = []
        var zoneGeometries: [GEOSGeometry] = []
        for controller in controllers {
            let merged = try GEOSGeometry.collection(GEOS_GEOMETRYCOLLECTION, taking: byController[controller]!, context: context)
                .unaryUnion()
            let clipped = try preparedLand.contains(merged) ? merged : try merged.intersection(land)
            try clipped.normalize()
            let polygons = try clipped.polygons()
            guard !polygons.isEmpty else { continue }
            zones.append(Zone(controller: controller, polygons: polygons))
            zoneGeometries.append(clipped)
        }

        let covered = try GEOSGeometry.collection(GEOS_GEOMETRYCOLLECTION,
                                                  taking: try zoneGeometries.map { try GEOSGeometry.clone($0.pointer, context: context) },
                                                  context: context).unaryUnion()
        let noDataGeometry = try land.difference(covered)
        try noDataGeometry.normalize()
        // Slivers left by floating-point noding along zone edges are not "no data".
        let noData = try noDataGeometry.polygons().filter { abs(signedDoubleArea($0.exterior)) / 2 > 1 }

        let fronts = try TerritoryFront.fronts(
            cells: cells.rings, owner: owner, sites: unique, reaches: reaches, grid: grid, builder: self)
        return Territory(zones: zones, fronts: fronts, noData: noData)
    }

    /// The Voronoi cells of `points` (borrowed parts of `owner`, plus their exterior rings).
    private func voronoiCells(_ points: [PlanarPoint], landBox: PlanarBox, maxReach: Double)
        throws -> (owner: GEOSGeometry, parts: [OpaquePointer], rings: [[PlanarPoint]]) {
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
        let parts = try diagram.borrowedParts()
        var rings: [[PlanarPoint]] = []
        rings.reserveCapacity(parts.count)
        for part in parts {
            guard try GEOSGeometry.typeID(part, context: context) == Int32(GEOS_POLYGON.rawValue) else {
                rings.append([])
                continue
            }
            // GEOSGetExteriorRing_r: NULL on failure; the ring stays owned by the cell.
            guard let shell = GEOSGetExteriorRing_r(context.handle, part) else {
                throw context.error("GEOSGetExteriorRing_r")
            }
            rings.append(try GEOSGeometry.points(ofLine: shell, context: context))
        }
        return (diagram, parts, rings)
    }
}
