import CProj
import FrontlineCore

/// Owns a PROJ context. PROJ contexts are not thread-safe, so each worker makes
/// its own (through ``Projection``); nothing else holds the pointer.
final class ProjContext {
    let pointer: OpaquePointer

    init() throws {
        // proj_context_create returns NULL only when out of memory.
        guard let ctx = proj_context_create() else {
            throw SystemError("PROJ", "cannot create a PROJ context (out of memory)")
        }
        // PROJ prints its own errors to stderr by default; frontline reports them
        // itself, with PROJ's message, through thrown errors.
        proj_log_level(ctx, PJ_LOG_NONE)
        pointer = ctx
    }

    /// PROJ's message for the context's last error, or `fallback` when it has none.
    func lastError(_ fallback: String) -> String {
        let code = proj_context_errno(pointer)
        guard code != 0, let text = proj_context_errno_string(pointer, code) else { return fallback }
        return String(cString: text)
    }

    deinit { proj_context_destroy(pointer) }
}

/// Owns a PJ object (a CRS or a transformation). Keeps its context alive in a
/// stored property so that the PJ is always destroyed before its context.
final class ProjObject {
    let pointer: OpaquePointer
    let context: ProjContext

    /// Takes ownership of `pointer`, which must come from a PROJ call on `context`.
    init(_ pointer: OpaquePointer, context: ProjContext) {
        self.pointer = pointer
        self.context = context
    }

    deinit { proj_destroy(pointer) }
}
