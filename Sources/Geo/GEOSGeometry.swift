import CGEOS
import FrontlineCore

/// Owns one `GEOSGeometry*` made on a `GEOSContext` and destroys it in `deinit`.
///
/// Coordinates are planar metres (the projected CRS of the theatre).
///
/// - Important: Not thread-safe and not `Sendable`, like its context, which it
///   keeps alive in a stored property so the geometry is always destroyed
///   before the context is finished. Use it on the worker that made the context.
final class GEOSGeometry {
    let context: GEOSContext
    /// The owned geometry. After `relinquish()` GEOS owns it through a parent
    /// collection and this object must not be used again.
    private(set) var pointer: OpaquePointer
    private var owned = true

    /// Takes ownership of `pointer`, a geometry GEOS returned as "caller owns".
    init(owning pointer: OpaquePointer, context: GEOSContext) {
        self.pointer = pointer
        self.context = context
    }

    /// Wraps a result of a GEOS call that returns a new geometry or NULL on
    /// failure (the convention of every constructive GEOS function).
    convenience init(_ result: OpaquePointer?, context: GEOSContext, call: String) throws {
        guard let result else { throw context.error(call) }
        self.init(owning: result, context: context)
    }

    deinit {
        if owned { GEOSGeom_destroy_r(context.handle, pointer) }
    }

    /// Hands the geometry to GEOS (a collection constructor takes ownership of
    /// its parts); this object stops owning it.
    fileprivate func relinquish() -> OpaquePointer {
        precondition(owned, "a GEOS geometry was handed over twice")
        owned = false
        return pointer
    }

    /// A deep copy this object does not share, e.g. of a part still owned by a collection.
    static func clone(_ borrowed: OpaquePointer, context: GEOSContext) throws -> GEOSGeometry {
        // GEOSGeom_clone_r: NULL on failure.
        try GEOSGeometry(GEOSGeom_clone_r(context.handle, borrowed), context: context, call: "GEOSGeom_clone_r")
    }
}

// MARK: - Construction from planar values

extension GEOSGeometry {
    /// A coordinate sequence from planar points; the caller passes it on to a
    /// constructor that takes ownership.
    private static func sequence(_ points: [PlanarPoint], context: GEOSContext) throws -> OpaquePointer {
        var buffer = [Double]()
        buffer.reserveCapacity(points.count * 2)
        for p in points { buffer.append(p.x); buffer.append(p.y) }
        // GEOSCoordSeq_copyFromBuffer_r: NULL on failure.
        guard let seq = buffer.withUnsafeBufferPointer({
            GEOSCoordSeq_copyFromBuffer_r(context.handle, $0.baseAddress, UInt32(points.count), 0, 0)
        }) else { throw context.error("GEOSCoordSeq_copyFromBuffer_r") }
        return seq
    }

    static func point(_ p: PlanarPoint, context: GEOSContext) throws -> GEOSGeometry {
        // GEOSGeom_createPointFromXY_r: NULL on failure.
        try GEOSGeometry(GEOSGeom_createPointFromXY_r(context.handle, p.x, p.y), context: context,
                         call: "GEOSGeom_createPointFromXY_r")
    }

    static func lineString(_ points: [PlanarPoint], context: GEOSContext) throws -> GEOSGeometry {
        let seq = try sequence(points, context: context)
        // GEOSGeom_createLineString_r takes the sequence (also on failure); NULL on failure.
        return try GEOSGeometry(GEOSGeom_createLineString_r(context.handle, seq), context: context,
                                call: "GEOSGeom_createLineString_r")
    }

    private static func ring(_ points: [PlanarPoint], context: GEOSContext) throws -> OpaquePointer {
        var closed = points
        if let first = closed.first, closed.last != first { closed.append(first) }
        let seq = try sequence(closed, context: context)
        // GEOSGeom_createLinearRing_r takes the sequence; NULL on failure (e.g. fewer than 4 points).
        guard let ring = GEOSGeom_createLinearRing_r(context.handle, seq) else {
            throw context.error("GEOSGeom_createLinearRing_r")
        }
        return ring
    }

    /// A polygon as given, not checked for validity (see `makeValid()`).
    static func polygon(_ polygon: PlanarPolygon, context: GEOSContext) throws -> GEOSGeometry {
        let shell = try ring(polygon.exterior, context: context)
        var holes = [OpaquePointer?]()
        do {
            for h in polygon.holes { holes.append(try ring(h, context: context)) }
        } catch {
            GEOSGeom_destroy_r(context.handle, shell)
            for h in holes { GEOSGeom_destroy_r(context.handle, h) }
            throw error
        }
        // GEOSGeom_createPolygon_r takes the shell and holes; NULL on failure.
        let result = holes.withUnsafeMutableBufferPointer {
            GEOSGeom_createPolygon_r(context.handle, shell, $0.baseAddress, UInt32(polygon.holes.count))
        }
        return try GEOSGeometry(result, context: context, call: "GEOSGeom_createPolygon_r")
    }

    /// A collection (`GEOS_MULTIPOINT`, `GEOS_MULTIPOLYGON`, `GEOS_GEOMETRYCOLLECTION`, …)
    /// that takes ownership of `parts`: they must not be used afterwards.
    static func collection(_ type: GEOSGeomTypes, taking parts: [GEOSGeometry], context: GEOSContext) throws -> GEOSGeometry {
        // Ownership moves to GEOS here: the Swift owners let go first, because
        // GEOSGeom_createCollection_r adopts the geometries as soon as it is
        // called and frees them itself when it fails.
        var raw: [OpaquePointer?] = parts.map { $0.relinquish() }
        // GEOSGeom_createCollection_r: NULL on failure.
        let result = raw.withUnsafeMutableBufferPointer {
            GEOSGeom_createCollection_r(context.handle, Int32(type.rawValue), $0.baseAddress, UInt32(parts.count))
        }
        return try GEOSGeometry(result, context: context, call: "GEOSGeom_createCollection_r")
    }

    static func empty(_ type: GEOSGeomTypes, context: GEOSContext) throws -> GEOSGeometry {
        // GEOSGeom_createEmptyCollection_r: NULL on failure.
        try GEOSGeometry(GEOSGeom_createEmptyCollection_r(context.handle, Int32(type.rawValue)), context: context,
                         call: "GEOSGeom_createEmptyCollection_r")
    }
}

// MARK: - Reading back into planar values

extension GEOSGeometry {
    /// The points of a borrowed line string or ring.
    static func points(ofLine line: OpaquePointer, context: GEOSContext) throws -> [PlanarPoint] {
        // GEOSGeom_getCoordSeq_r: NULL on failure; the sequence stays owned by the geometry.
        guard let seq = GEOSGeom_getCoordSeq_r(context.handle, line) else {
            throw context.error("GEOSGeom_getCoordSeq_r")
        }
        var size: UInt32 = 0
        // GEOSCoordSeq_getSize_r: 0 on failure.
        guard GEOSCoordSeq_getSize_r(context.handle, seq, &size) != 0 else {
            throw context.error("GEOSCoordSeq_getSize_r")
        }
        var buffer = [Double](repeating: 0, count: Int(size) * 2)
        // GEOSCoordSeq_copyToBuffer_r: 0 on failure.
        let ok = buffer.withUnsafeMutableBufferPointer {
            GEOSCoordSeq_copyToBuffer_r(context.handle, seq, $0.baseAddress, 0, 0)
        }
        guard ok != 0 else { throw context.error("GEOSCoordSeq_copyToBuffer_r") }
        return (0..<Int(size)).map { PlanarPoint(x: buffer[2 * $0], y: buffer[2 * $0 + 1]) }
    }

    /// The geometry type (`GEOS_POLYGON`, …).
    func typeID() throws -> Int32 {
        try Self.typeID(pointer, context: context)
    }

    static func typeID(_ g: OpaquePointer, context: GEOSContext) throws -> Int32 {
        // GEOSGeomTypeId_r: -1 on failure.
        let t = GEOSGeomTypeId_r(context.handle, g)
        guard t >= 0 else { throw context.error("GEOSGeomTypeId_r") }
        return t
    }

    /// The parts of a collection, borrowed: valid while this geometry lives.
    func borrowedParts() throws -> [OpaquePointer] {
        try Self.borrowedParts(pointer, context: context)
    }

    static func borrowedParts(_ g: OpaquePointer, context: GEOSContext) throws -> [OpaquePointer] {
        // GEOSGetNumGeometries_r: -1 on failure; 1 for a non-collection (the geometry itself).
        let n = GEOSGetNumGeometries_r(context.handle, g)
        guard n >= 0 else { throw context.error("GEOSGetNumGeometries_r") }
        return try (0..<n).map { i in
            // GEOSGetGeometryN_r: NULL on failure; the part stays owned by `g`.
            guard let part = GEOSGetGeometryN_r(context.handle, g, i) else {
                throw context.error("GEOSGetGeometryN_r")
            }
            return part
        }
    }

    /// Every polygon in the geometry (polygons, multipolygons, collections
    /// nested at any depth), with exteriors counter-clockwise and holes
    /// clockwise (right-hand rule); lines and points are skipped.
    func polygons() throws -> [PlanarPolygon] {
        var out: [PlanarPolygon] = []
        try Self.collectPolygons(pointer, context: context, into: &out)
        return out
    }

    private static func collectPolygons(_ g: OpaquePointer, context: GEOSContext, into out: inout [PlanarPolygon]) throws {
        let type = try typeID(g, context: context)
        switch type {
        case Int32(GEOS_POLYGON.rawValue):
            // GEOSisEmpty_r: 2 on failure, 1 empty, 0 not.
            let empty = GEOSisEmpty_r(context.handle, g)
            guard empty != 2 else { throw context.error("GEOSisEmpty_r") }
            if empty == 1 { return }
            // GEOSGetExteriorRing_r: NULL on failure; the ring stays owned by the polygon.
            guard let shell = GEOSGetExteriorRing_r(context.handle, g) else {
                throw context.error("GEOSGetExteriorRing_r")
            }
            let exterior = oriented(try points(ofLine: shell, context: context), counterClockwise: true)
            // GEOSGetNumInteriorRings_r: -1 on failure.
            let nHoles = GEOSGetNumInteriorRings_r(context.handle, g)
            guard nHoles >= 0 else { throw context.error("GEOSGetNumInteriorRings_r") }
            var holes: [[PlanarPoint]] = []
            for i in 0..<nHoles {
                // GEOSGetInteriorRingN_r: NULL on failure; owned by the polygon.
                guard let hole = GEOSGetInteriorRingN_r(context.handle, g, i) else {
                    throw context.error("GEOSGetInteriorRingN_r")
                }
                holes.append(oriented(try points(ofLine: hole, context: context), counterClockwise: false))
            }
            out.append(PlanarPolygon(exterior: exterior, holes: holes))
        case Int32(GEOS_MULTIPOLYGON.rawValue), Int32(GEOS_GEOMETRYCOLLECTION.rawValue):
            for part in try borrowedParts(g, context: context) {
                try collectPolygons(part, context: context, into: &out)
            }
        default:
            return
        }
    }

    /// The exterior ring of each part, as GEOS stores it (closed, orientation
    /// unchanged); an empty ring for a part that is not a polygon.
    func exteriorRings() throws -> [[PlanarPoint]] {
        try borrowedParts().map { part in
            guard try Self.typeID(part, context: context) == Int32(GEOS_POLYGON.rawValue) else { return [] }
            // GEOSGetExteriorRing_r: NULL on failure; the ring stays owned by the polygon.
            guard let shell = GEOSGetExteriorRing_r(context.handle, part) else {
                throw context.error("GEOSGetExteriorRing_r")
            }
            return try Self.points(ofLine: shell, context: context)
        }
    }

    /// Every line in the geometry (line strings, multi line strings, collections);
    /// polygons and points are skipped.
    func lines() throws -> [[PlanarPoint]] {
        var out: [[PlanarPoint]] = []
        try Self.collectLines(pointer, context: context, into: &out)
        return out
    }

    private static func collectLines(_ g: OpaquePointer, context: GEOSContext, into out: inout [[PlanarPoint]]) throws {
        switch try typeID(g, context: context) {
        case Int32(GEOS_LINESTRING.rawValue):
            let pts = try points(ofLine: g, context: context)
            if pts.count >= 2 { out.append(pts) }
        case Int32(GEOS_MULTILINESTRING.rawValue), Int32(GEOS_GEOMETRYCOLLECTION.rawValue):
            for part in try borrowedParts(g, context: context) {
                try collectLines(part, context: context, into: &out)
            }
        default:
            return
        }
    }
}

/// Twice the signed area of a ring (positive when counter-clockwise), in square metres.
func signedDoubleArea(_ ring: [PlanarPoint]) -> Double {
    guard ring.count > 2 else { return 0 }
    var sum = 0.0
    for i in 0..<(ring.count - 1) {
        sum += ring[i].x * ring[i + 1].y - ring[i + 1].x * ring[i].y
    }
    return sum
}

func oriented(_ ring: [PlanarPoint], counterClockwise: Bool) -> [PlanarPoint] {
    (signedDoubleArea(ring) > 0) == counterClockwise ? ring : ring.reversed()
}
