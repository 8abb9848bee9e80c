import CProj
import Foundation
import FrontlineCore

/// Owns one `PJ_CONTEXT*`: the single place a PROJ context is created and destroyed.
///
/// PROJ reports the reason for a failed `proj_create` ("crs not found") only
/// through its logger; `proj_context_errno_string` then says just "Unknown
/// error". So the context gets a log function that keeps the last error
/// message in `log` instead of printing it: nothing from PROJ reaches stderr.
///
/// - Important: Not thread-safe. A context and every object made from it
///   belong to one worker.
final class ProjectionContext {
    /// Receives PROJ's log lines; kept alive here because PROJ holds only an
    /// unretained pointer to it.
    final class LogSink {
        var lastMessage: String?
    }

    let raw: OpaquePointer
    private let log = LogSink()

    init() throws {
        // proj_context_create: NULL on allocation failure; no errno to read.
        guard let raw = proj_context_create() else {
            throw SystemError("PROJ", "cannot create a PROJ context (out of memory)")
        }
        self.raw = raw
        // Errors only, and to our sink: PROJ prints nothing itself.
        proj_log_level(raw, PJ_LOG_ERROR)
        proj_log_func(raw, Unmanaged.passUnretained(log).toOpaque()) { data, level, message in
            guard let data, let message else { return }
            let sink = Unmanaged<LogSink>.fromOpaque(data).takeUnretainedValue()
            sink.lastMessage = String(cString: message)
        }
    }

    deinit {
        proj_context_destroy(raw)
    }

    /// Forgets the last logged message before a call whose failure we will report.
    func clearLog() {
        log.lastMessage = nil
    }

    /// PROJ's own account of the last failure on this context: the logged
    /// message if there is one (minus the `proj_create: ` function prefix),
    /// else the text for `proj_context_errno`.
    func lastErrorMessage(errno: Int32? = nil) -> String {
        if let logged = log.lastMessage, !logged.isEmpty {
            return Self.strippingFunctionName(logged)
        }
        let code = errno ?? proj_context_errno(raw)
        if code != 0, let text = proj_context_errno_string(raw, code) {
            return String(cString: text)
        }
        return "unknown PROJ error"
    }

    /// A `SystemError("PROJ", …)` for a failed call, with PROJ's message.
    func error(_ context: String, errno: Int32? = nil) -> SystemError {
        SystemError("PROJ", "\(context): \(lastErrorMessage(errno: errno))")
    }

    private static func strippingFunctionName(_ message: String) -> String {
        // "proj_create: crs not found" -> "crs not found"
        if message.hasPrefix("proj_"), let colon = message.firstIndex(of: ":") {
            let rest = message[message.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            if !rest.isEmpty { return rest }
        }
        return message.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
