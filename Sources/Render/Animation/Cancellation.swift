import Dispatch
import Foundation

/// A flag that long work checks between steps; set once, never cleared.
///
/// Frame workers check it before taking each frame, so a cancelled run finishes
/// the frames in flight (each written whole, by rename) and starts no others.
///
/// - Important: safe to share between threads: every access goes through the lock.
///   (`@unchecked` because the lock, not the compiler, guards `cancelled`.)
public final class CancellationToken: @unchecked Sendable {
    private let lock = NSLock()
    private var cancelled = false
    private var reason: String?

    public init() {}

    /// Asks the work to stop; later calls keep the first reason.
    public func cancel(reason: String = "cancelled") {
        lock.lock()
        defer { lock.unlock() }
        if !cancelled {
            cancelled = true
            self.reason = reason
        }
    }

    public var isCancelled: Bool {
        lock.lock()
        defer { lock.unlock() }
        return cancelled
    }

    /// What cancelled the work (`SIGINT`, `SIGTERM`, …), nil while it runs.
    public var cancellationReason: String? {
        lock.lock()
        defer { lock.unlock() }
        return reason
    }
}

/// Turns SIGINT and SIGTERM into a cancellation while it is alive.
///
/// The signals' default action (die at once, leaving a half-written temporary
/// file) is replaced by a dispatch source that sets the token; ``stop()`` (or
/// deinit) puts the default actions back.
///
/// - Important: make at most one at a time, from the main thread: signal
///   dispositions are process-wide.
public final class SignalCancellation {
    private var sources: [DispatchSourceSignal] = []
    private let signals: [Int32] = [SIGINT, SIGTERM]

    public init(token: CancellationToken) {
        let queue = DispatchQueue(label: "frontline.signals")
        for sig in signals {
            // Ignoring the signal first is what lets the dispatch source see it
            // instead of the process being killed.
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: queue)
            let name = sig == SIGINT ? "SIGINT" : "SIGTERM"
            source.setEventHandler { token.cancel(reason: name) }
            source.resume()
            sources.append(source)
        }
    }

    /// Stops listening and restores the default actions.
    public func stop() {
        for s in sources { s.cancel() }
        sources = []
        for sig in signals { signal(sig, SIG_DFL) }
    }

    deinit { if !sources.isEmpty { stop() } }
}
