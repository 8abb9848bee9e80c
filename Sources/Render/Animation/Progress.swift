import Foundation
import FrontlineCore

/// A one-line progress bar on stderr for long work: count, rate and time left.
///
/// Draws only when stderr is a terminal and stays completely silent otherwise
/// (pipes, files, CI logs), so scripted runs see only their data. Redraws at most
/// ten times a second however fast the work goes, and erases itself when done.
///
/// - Important: thread-safe; workers call ``advance()`` from any thread.
public final class ProgressBar: @unchecked Sendable {
    // The lock guards every stored var; `@unchecked` because the compiler cannot see that.
    private let lock = NSLock()
    private let total: Int
    private let label: String
    private let enabled: Bool
    private let started = DispatchTime.now().uptimeNanoseconds
    private var done = 0
    private var lastDraw: UInt64 = 0
    private var drawn = false

    /// - Parameters:
    ///   - total: the number of steps.
    ///   - label: what a step is, plural (`frames`).
    ///   - enabled: nil asks `isatty(STDERR_FILENO)`; tests pass false.
    public init(total: Int, label: String, enabled: Bool? = nil) {
        self.total = total
        self.label = label
        self.enabled = enabled ?? (isatty(STDERR_FILENO) == 1)
    }

    /// One more step done.
    public func advance() {
        guard enabled else { return }
        lock.lock()
        defer { lock.unlock() }
        done += 1
        let now = DispatchTime.now().uptimeNanoseconds
        guard now - lastDraw >= 100_000_000 || done == total else { return }
        lastDraw = now
        write(ProgressBar.line(done: done, total: total, label: label, seconds: Double(now - started) / 1e9))
        drawn = true
    }

    /// Erases the bar so the summary line starts clean.
    public func finish() {
        guard enabled else { return }
        lock.lock()
        defer { lock.unlock() }
        if drawn { write("\r\u{1B}[K") }
        drawn = false
    }

    /// `[#######.............]  31/61 frames  27.4 frames/s  0:01 left`
    static func line(done: Int, total: Int, label: String, seconds: Double) -> String {
        let width = 24
        let filled = total == 0 ? width : min(width, done * width / total)
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
        let rate = seconds > 0 ? Double(done) / seconds : 0
        var text = "\r[\(bar)] \(done)/\(total) \(label)  " + String(format: "%.1f", rate) + " \(label)/s"
        if rate > 0, done < total {
            let left = Int(clampingRounded: (Double(total - done) / rate).rounded(.up))
            text += "  \(left / 60):" + String(format: "%02d", left % 60) + " left"
        }
        return text + "\u{1B}[K"
    }

    private func write(_ text: String) {
        let bytes = Array(text.utf8)
        // A lost progress line is harmless, so a short or failed write is ignored.
        _ = bytes.withUnsafeBytes { Foundation.write(STDERR_FILENO, $0.baseAddress, $0.count) }
    }
}
