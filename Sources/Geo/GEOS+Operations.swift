import CGEOS
import FrontlineCore

/// The GEOS operations territory building needs, each a thin wrapper that
/// states how the C call reports failure and throws GEOS's message.
///
/// - Important: Both operands must belong to the same context; all of this
///   runs on the worker that owns that context.
extension GEOSGeometry {
    private func make(_ call: String, _ body: (GEOSContextHandle_t) -> OpaquePointer?) throws -> GEOSGeometry {
        // Every constructive GEOS function returns NULL on failure and a new
        // geometry the caller owns on success.
        try GEOSGeometry(body(context.handle), context: context, call: call)
    }

    func intersection(_ other: GEOSGeometry) throws -> GEOSGeometry {
        try make("GEOSIntersection_r") { GEOSIntersection_r($0, pointer, other.pointer) }
    }

    func difference(_ other: GEOSGeometry) throws -> GEOSGeometry {
        try make("GEOSDifference_r") { GEOSDifference_r($0, pointer, other.pointer) }
    }

    func union(_ other: GEOSGeometry) throws -> GEOSGeometry {
        try make("GEOSUnion_r") { GEOSUnion_r($0, pointer, other.pointer) }
    }

    /// Union of all parts of a collection in one cascaded pass (much faster
    /// than pairwise unions).
    func unaryUnion() throws -> GEOSGeometry {
        try make("GEOSUnaryUnion_r") { GEOSUnaryUnion_r($0, pointer) }
    }

    /// Union of the polygons of a collection that form a coverage (they meet
    /// only along edges with identical vertices): GEOS drops the shared edges
    /// instead of overlaying, much faster than `unaryUnion()`. Throws when the
    /// input is not such a coverage.
    func coverageUnion() throws -> GEOSGeometry {
        try make("GEOSCoverageUnion_r") { GEOSCoverageUnion_r($0, pointer) }
    }

    func boundary() throws -> GEOSGeometry {
        try make("GEOSBoundary_r") { GEOSBoundary_r($0, pointer) }
    }

    /// A buffer of `distance` metres; `quadrantSegments` segments per quarter circle.
    func buffer(_ distance: Double, quadrantSegments: Int32 = 8) throws -> GEOSGeometry {
        try make("GEOSBuffer_r") { GEOSBuffer_r($0, pointer, distance, quadrantSegments) }
    }

    /// Sews touching line strings end to end.
    func lineMerge() throws -> GEOSGeometry {
        try make("GEOSLineMerge_r") { GEOSLineMerge_r($0, pointer) }
    }

    /// Voronoi cells (polygons) of the points in this geometry, extended to
    /// cover `envelope`'s bounding box. The cells do not come back in site order.
    func voronoiCells(envelope: GEOSGeometry) throws -> GEOSGeometry {
        try make("GEOSVoronoiDiagram_r") { GEOSVoronoiDiagram_r($0, pointer, envelope.pointer, 0, 0) }
    }

    func envelope() throws -> GEOSGeometry {
        try make("GEOSEnvelope_r") { GEOSEnvelope_r($0, pointer) }
    }

    /// A valid geometry covering the same ground (self-intersections noded,
    /// bow ties split).
    func makeValid() throws -> GEOSGeometry {
        try make("GEOSMakeValid_r") { GEOSMakeValid_r($0, pointer) }
    }

    func isValid() throws -> Bool {
        // GEOSisValid_r: 2 on exception, 1 valid, 0 invalid.
        let r = GEOSisValid_r(context.handle, pointer)
        guard r != 2 else { throw context.error("GEOSisValid_r") }
        return r == 1
    }

    /// Why the geometry is invalid ("Valid Geometry" when it is), from GEOS.
    func validityReason() throws -> String {
        // GEOSisValidReason_r: NULL on exception; the string is freed with GEOSFree_r.
        guard let reason = GEOSisValidReason_r(context.handle, pointer) else {
            throw context.error("GEOSisValidReason_r")
        }
        defer { GEOSFree_r(context.handle, reason) }
        return String(cString: reason)
    }

    func isEmpty() throws -> Bool {
        // GEOSisEmpty_r: 2 on exception, 1 empty, 0 not.
        let r = GEOSisEmpty_r(context.handle, pointer)
        guard r != 2 else { throw context.error("GEOSisEmpty_r") }
        return r == 1
    }

    /// Area in square metres.
    func area() throws -> Double {
        var a = 0.0
        // GEOSArea_r: 0 on exception, 1 on success.
        guard GEOSArea_r(context.handle, pointer, &a) != 0 else { throw context.error("GEOSArea_r") }
        return a
    }

    /// Length in metres.
    func length() throws -> Double {
        var l = 0.0
        // GEOSLength_r: 0 on exception, 1 on success.
        guard GEOSLength_r(context.handle, pointer, &l) != 0 else { throw context.error("GEOSLength_r") }
        return l
    }

    /// Distance in metres.
    func distance(to other: GEOSGeometry) throws -> Double {
        var d = 0.0
        // GEOSDistance_r: 0 on exception, 1 on success.
        guard GEOSDistance_r(context.handle, pointer, other.pointer, &d) != 0 else {
            throw context.error("GEOSDistance_r")
        }
        return d
    }

    /// Puts the geometry in GEOS's canonical form (ring starts, part order),
    /// so equal shapes give equal coordinates.
    func normalize() throws {
        // GEOSNormalize_r: -1 on exception, 0 on success.
        guard GEOSNormalize_r(context.handle, pointer) == 0 else { throw context.error("GEOSNormalize_r") }
    }

    /// The bounding box in metres; nil for an empty geometry.
    func bounds() throws -> PlanarBox? {
        if try isEmpty() { return nil }
        var minX = 0.0, minY = 0.0, maxX = 0.0, maxY = 0.0
        // GEOSGeom_getXMin_r and friends: 0 on exception, 1 on success.
        guard GEOSGeom_getXMin_r(context.handle, pointer, &minX) != 0,
              GEOSGeom_getYMin_r(context.handle, pointer, &minY) != 0,
              GEOSGeom_getXMax_r(context.handle, pointer, &maxX) != 0,
              GEOSGeom_getYMax_r(context.handle, pointer, &maxY) != 0
        else { throw context.error("GEOSGeom_getXMin_r") }
        return PlanarBox(minX: minX, minY: minY, maxX: maxX, maxY: maxY)
    }
}
