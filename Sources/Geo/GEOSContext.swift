import CGEOS
import FrontlineCore

/// Owns one reentrant GEOS context (`GEOSContextHandle_t`) and collects the
/// messages GEOS reports on it, so failures can be thrown with GEOS's own words.
///
/// - Important: A context is not thread-safe and this type is deliberately not
///   `Sendable`: make one per worker (a `TerritoryBuilder` owns one). Every
///   `GEOSGeometry` made on it keeps it alive, so the context is finished only
///   after the last geometry has been destroyed.
final class GEOSContext {
    /// The raw handle. Only the GEOS owner types in this module touch it.
    let handle: GEOSContextHandle_t
    /// The last error GEOS reported on this context, cleared when read by `error(_:)`.
    fileprivate(set) var lastError: String?
    /// The last notice (GEOS reports invalid-geometry reasons as notices).
    fileprivate(set) var lastNotice: String?

    /// - Throws: `SystemError("GEOS", …)` when GEOS cannot allocate a context.
    init() throws {
        // GEOS_init_r signals failure with NULL (allocation failure); it sets no message.
        guard let handle = GEOS_init_r() else {
            throw SystemError("GEOS", "GEOS_init_r could not create a context")
        }
        self.handle = handle
        // The handlers get `self` unretained: the context outlives its handle,
        // since the handle is finished in `deinit`, so the pointer never dangles.
        // Messages are stored, never printed: the library stays quiet.
        let userData = Unmanaged.passUnretained(self).toOpaque()
        _ = GEOSContext_setErrorMessageHandler_r(handle, { message, userData in
            guard let message, let userData else { return }
            Unmanaged<GEOSContext>.fromOpaque(userData).takeUnretainedValue().lastError = String(cString: message)
        }, userData)
        _ = GEOSContext_setNoticeMessageHandler_r(handle, { message, userData in
            guard let message, let userData else { return }
            Unmanaged<GEOSContext>.fromOpaque(userData).takeUnretainedValue().lastNotice = String(cString: message)
        }, userData)
    }

    deinit {
        // The single place a GEOS context is finished.
        GEOS_finish_r(handle)
    }

    /// The error to throw after `call` reported failure: GEOS's own message
    /// when it left one, else a note that it failed without one.
    func error(_ call: String) -> SystemError {
        defer { lastError = nil }
        if let message = lastError, !message.isEmpty {
            return SystemError("GEOS", "\(call): \(message)")
        }
        return SystemError("GEOS", "\(call) failed without a message")
    }
}
