import CProj
import FrontlineCore

/// Owns one `PJ*` (a CRS, an ellipsoid or a transformation) and keeps the
/// context it was made on alive, so the object is always destroyed first.
///
/// - Important: Not thread-safe; belongs to the worker that owns `context`.
final class ProjectionObject {
    let context: ProjectionContext
    let raw: OpaquePointer

    /// Takes ownership of `raw`, which must have been created on `context`.
    init(taking raw: OpaquePointer, context: ProjectionContext) {
        self.raw = raw
        self.context = context
    }

    /// `proj_create`: NULL on failure, reason in the log / context errno.
    convenience init(definition: String, context: ProjectionContext) throws {
        context.clearLog()
        guard let raw = proj_create(context.raw, definition) else {
            throw context.error("invalid CRS '\(definition)'")
        }
        self.init(taking: raw, context: context)
    }

    deinit {
        proj_destroy(raw)
    }

    var isCRS: Bool { proj_is_crs(raw) != 0 }
}
