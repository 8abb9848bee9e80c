import CGEOS
import FrontlineCore

/// Owns a `GEOSPreparedGeometry*`: a geometry indexed once for many fast
/// predicate tests (the land, tested against every Voronoi cell).
///
/// - Important: Not thread-safe, not `Sendable`. Keeps its source geometry
///   (and so the context) alive, since the prepared form points into it; it is
///   destroyed before either.
final class GEOSPreparedGeometry {
    let base: GEOSGeometry
    private let pointer: OpaquePointer

    init(_ base: GEOSGeometry) throws {
        // GEOSPrepare_r: NULL on failure.
        guard let p = GEOSPrepare_r(base.context.handle, base.pointer) else {
            throw base.context.error("GEOSPrepare_r")
        }
        self.base = base
        self.pointer = p
    }

    deinit {
        GEOSPreparedGeom_destroy_r(base.context.handle, pointer)
    }

    private func predicate(_ call: String, _ result: CChar) throws -> Bool {
        // Prepared predicates: 2 on exception, 1 true, 0 false.
        guard result != 2 else { throw base.context.error(call) }
        return result == 1
    }

    func contains(_ g: GEOSGeometry) throws -> Bool {
        try predicate("GEOSPreparedContains_r", GEOSPreparedContains_r(base.context.handle, pointer, g.pointer))
    }

    func intersects(_ g: GEOSGeometry) throws -> Bool {
        try predicate("GEOSPreparedIntersects_r", GEOSPreparedIntersects_r(base.context.handle, pointer, g.pointer))
    }

    func covers(_ g: GEOSGeometry) throws -> Bool {
        try predicate("GEOSPreparedCovers_r", GEOSPreparedCovers_r(base.context.handle, pointer, g.pointer))
    }
}
