import CProj
import Foundation
import FrontlineCore

/// Turns WGS84 longitude/latitude into the coordinates of a map CRS and back.
///
/// Accepts anything PROJ takes as a CRS: `EPSG:3857`, `EPSG:32633`, a PROJ
/// string (`+proj=lcc +lat_0=26.5 … +units=m`), WKT. Input is always
/// longitude/latitude in degrees and output always easting/northing (PROJ's
/// visualisation order), whatever axis order the CRS declares.
///
/// - Important: Not thread-safe, and deliberately not `Sendable`: it owns a
///   PROJ context. Make one per worker (thread or task) and keep it for the
///   worker's life; creating one costs about a millisecond.
public final class Projection {
    /// The CRS text this projection was made from.
    public let crs: String
    /// What PROJ says the CRS is: projected (and in which unit), geographic, or other.
    public let kind: CRSKind
    private let transform: ProjectionObject
    private let geodesic: GeodesicCalculator

    /// - Throws: `SystemError("PROJ", …)` with PROJ's message when the CRS is
    ///   unknown or malformed, or no transformation from WGS84 exists.
    public convenience init(crs: String) throws {
        try self.init(crs: crs, shortcut: true)
    }

    /// `shortcut: false` always asks PROJ's database for the operation, as
    /// tests do to check ``wgs84Conversion(of:context:)`` against it.
    init(crs: String, shortcut: Bool) throws {
        let text = crs.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { throw SystemError("PROJ", "empty CRS") }
        let context = try ProjectionContext()
        if shortcut, let (conversion, crsObject) = Self.wgs84Conversion(of: text, context: context) {
            self.transform = conversion
            self.geodesic = try GeodesicCalculator(context: context)
            self.crs = text
            self.kind = crsObject.crsKind()
            return
        }
        let source = try ProjectionObject(definition: "EPSG:4326", context: context)
        let target = try ProjectionObject(definition: text, context: context)

        context.clearLog()
        let operation: OpaquePointer?
        if target.isCRS {
            // proj_create_crs_to_crs_from_pj: NULL on failure.
            operation = proj_create_crs_to_crs_from_pj(context.raw, source.raw, target.raw, nil, nil)
        } else {
            // A bare PROJ string (`+proj=lcc …` without `+type=crs`) is not a CRS
            // object, but proj_create_crs_to_crs reads it as one. NULL on failure.
            operation = proj_create_crs_to_crs(context.raw, "EPSG:4326", text, nil)
        }
        guard let operation else { throw context.error("no transformation from EPSG:4326 to '\(text)'") }
        let raw = ProjectionObject(taking: operation, context: context)

        // proj_normalize_for_visualization: NULL on failure; makes EPSG:4326 lon/lat.
        context.clearLog()
        guard let normalized = proj_normalize_for_visualization(context.raw, raw.raw) else {
            throw context.error("cannot normalise axis order for '\(text)'")
        }
        self.transform = ProjectionObject(taking: normalized, context: context)
        self.geodesic = try GeodesicCalculator(context: context)
        self.crs = text
        if target.isCRS {
            self.kind = target.crsKind()
        } else if let crs = try? ProjectionObject(definition: text + " +type=crs", context: context) {
            // The bare PROJ string as the CRS proj_create_crs_to_crs took it for.
            self.kind = crs.crsKind()
        } else {
            self.kind = .other("a coordinate operation, not a CRS")
        }
    }

    /// For a PROJ string on the WGS 84 datum (`+proj=lcc … +datum=WGS84`, a
    /// theatre's usual CRS), the CRS's own conversion and the CRS: the very
    /// operation `proj_create_crs_to_crs` finds from EPSG:4326 once normalised
    /// to lon/lat (between WGS 84 and WGS 84 it adds no datum step, and a PROJ
    /// string's base CRS is lon/lat in degrees), found without PROJ's
    /// database, whose opening and search take about 10 ms of every map.
    /// Nil for anything else (EPSG codes, WKT, other datums, `+towgs84`, grids),
    /// which take the general path.
    static func wgs84Conversion(of text: String, context: ProjectionContext) -> (ProjectionObject, ProjectionObject)? {
        guard text.hasPrefix("+proj="), !text.contains("+towgs84"), !text.contains("+nadgrids"), !text.contains("+geoidgrids") else { return nil }
        let definition = text.contains("+type=crs") ? text : text + " +type=crs"
        context.clearLog()
        guard let crs = try? ProjectionObject(definition: definition, context: context),
              proj_get_type(crs.raw) == PJ_TYPE_PROJECTED_CRS else { return nil }
        // proj_crs_get_datum, proj_get_ellipsoid, proj_get_prime_meridian: NULL on failure.
        guard let datum = proj_crs_get_datum(context.raw, crs.raw) else { return nil }
        let datumName = proj_get_name(datum).map { String(cString: $0) }
        proj_destroy(datum)
        guard datumName == "World Geodetic System 1984" else { return nil }
        guard let ellipsoid = proj_get_ellipsoid(context.raw, crs.raw) else { return nil }
        var a = 0.0, b = 0.0, inverseFlattening = 0.0
        var computed: Int32 = 0
        let measured = proj_ellipsoid_get_parameters(context.raw, ellipsoid, &a, &b, &computed, &inverseFlattening) != 0
        proj_destroy(ellipsoid)
        guard measured, a == 6_378_137, abs(inverseFlattening - 298.257223563) < 1e-9 else { return nil }
        guard let meridian = proj_get_prime_meridian(context.raw, crs.raw) else { return nil }
        var longitude = 0.0, unit = 0.0
        let read = proj_prime_meridian_get_parameters(context.raw, meridian, &longitude, &unit, nil) != 0
        proj_destroy(meridian)
        guard read, longitude == 0 else { return nil }
        // proj_crs_get_coordoperation: NULL on failure.
        guard let conversion = proj_crs_get_coordoperation(context.raw, crs.raw) else { return nil }
        return (ProjectionObject(taking: conversion, context: context), crs)
    }

    /// Projects points to map coordinates (metres for every CRS frontline ships).
    ///
    /// One `proj_trans_generic` call over contiguous buffers; fast enough to
    /// project a whole basemap at once.
    /// - Throws: `SystemError("PROJ", …)` naming the first point PROJ could not transform.
    public func project(_ points: [GeoPoint]) throws -> [PlanarPoint] {
        var xs = points.map(\.longitude)
        var ys = points.map(\.latitude)
        try run(PJ_FWD, &xs, &ys) { i in
            "cannot project latitude \(points[i].latitude), longitude \(points[i].longitude)"
        }
        return (0..<points.count).map { PlanarPoint(x: xs[$0], y: ys[$0]) }
    }

    /// Projects one point; see `project(_:)` for units and errors.
    public func project(_ point: GeoPoint) throws -> PlanarPoint {
        try project([point])[0]
    }

    /// Map coordinates back to longitude/latitude in degrees.
    /// - Throws: `SystemError("PROJ", …)` naming the first point PROJ could not transform.
    public func unproject(_ points: [PlanarPoint]) throws -> [GeoPoint] {
        var xs = points.map(\.x)
        var ys = points.map(\.y)
        try run(PJ_INV, &xs, &ys) { i in "cannot unproject x \(points[i].x), y \(points[i].y)" }
        return (0..<points.count).map { GeoPoint(latitude: ys[$0], longitude: xs[$0]) }
    }

    /// Map coordinates of one point back to longitude/latitude in degrees.
    public func unproject(_ point: PlanarPoint) throws -> GeoPoint {
        try unproject([point])[0]
    }

    /// The projected bounding box of a lon/lat box. Each edge is sampled at
    /// `densify` intervals, because in a conic projection parallels are curved
    /// and the box's corners alone undershoot its extent.
    public func project(box: GeoBox, densify: Int = 32) throws -> PlanarBox {
        let steps = max(1, densify)
        var edge: [GeoPoint] = []
        edge.reserveCapacity(4 * (steps + 1))
        for i in 0...steps {
            let t = Double(i) / Double(steps)
            let lon = box.west + (box.east - box.west) * t
            let lat = box.south + (box.north - box.south) * t
            edge.append(GeoPoint(latitude: box.south, longitude: lon))
            edge.append(GeoPoint(latitude: box.north, longitude: lon))
            edge.append(GeoPoint(latitude: lat, longitude: box.west))
            edge.append(GeoPoint(latitude: lat, longitude: box.east))
        }
        guard let box = PlanarBox.enclosing(try project(edge)) else {
            throw SystemError("PROJ", "empty box") // unreachable: the edge has at least 8 points
        }
        return box
    }

    /// Ground metres per map unit at `point`, measured east–west along the
    /// ellipsoid (geodesic) over about 1 km; what a true scale bar needs.
    /// In a conformal projection (LCC, Mercator) it is the same in every direction.
    public func metersPerUnit(at point: GeoPoint) throws -> Double {
        let delta = 0.005 // degrees of longitude, ~0.5 km either side at 30° N
        let west = GeoPoint(latitude: point.latitude, longitude: point.longitude - delta)
        let east = GeoPoint(latitude: point.latitude, longitude: point.longitude + delta)
        let planar = try project([west, east])
        let units = ((planar[1].x - planar[0].x) * (planar[1].x - planar[0].x)
            + (planar[1].y - planar[0].y) * (planar[1].y - planar[0].y)).squareRoot()
        let metres = geodesic.distance(from: west, to: east)
        guard units > 0, metres.isFinite else {
            throw SystemError("PROJ", "no scale at latitude \(point.latitude), longitude \(point.longitude)")
        }
        return metres / units
    }

    /// Geodesic distance on WGS84 in metres, using this worker's PROJ context.
    public func geodesicDistance(from a: GeoPoint, to b: GeoPoint) -> Double {
        geodesic.distance(from: a, to: b)
    }

    /// Transforms in place. Failure conventions of `proj_trans_generic`: it
    /// returns the number of points transformed, sets failed outputs to
    /// HUGE_VAL (infinity) and leaves the reason in `proj_errno`.
    private func run(_ direction: PJ_DIRECTION, _ xs: inout [Double], _ ys: inout [Double],
                     describe: (Int) -> String) throws {
        let count = xs.count
        guard count > 0 else { return }
        let stride = MemoryLayout<Double>.stride
        proj_errno_reset(transform.raw)
        transform.context.clearLog()
        let done = xs.withUnsafeMutableBufferPointer { x in
            ys.withUnsafeMutableBufferPointer { y in
                proj_trans_generic(transform.raw, direction,
                                   x.baseAddress, stride, count,
                                   y.baseAddress, stride, count,
                                   nil, 0, 0, nil, 0, 0)
            }
        }
        let errno = proj_errno(transform.raw)
        if let bad = (0..<count).first(where: { !xs[$0].isFinite || !ys[$0].isFinite || abs(xs[$0]) == .greatestFiniteMagnitude }) {
            throw transform.context.error(describe(bad), errno: errno == 0 ? nil : errno)
        }
        if done != count || errno != 0 {
            throw transform.context.error("transformed \(done) of \(count) points", errno: errno)
        }
    }
}
