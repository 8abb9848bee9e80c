import Foundation

/// Writes a file so that readers never see it half-written: the bytes go to a
/// temporary file in the same folder, which is then renamed over the target.
///
/// A rename within one file system is atomic on POSIX, so an interrupted run
/// leaves either the old file or the new one. The temporary file is removed
/// when the write fails, and when SIGINT, SIGTERM or SIGHUP ends the process
/// while it exists (see ``TemporaryFiles``): complete or absent, even on Ctrl-C.
public enum AtomicFile {
    public static func write(_ data: Data, to url: URL) throws {
        try write(to: url) { tmp in try data.write(to: tmp) }
    }

    /// Calls `body` with a temporary path beside `url` and renames it into place
    /// when `body` returns. The temporary file is removed if `body` throws.
    public static func write(to url: URL, _ body: (URL) throws -> Void) throws {
        let folder = url.deletingLastPathComponent()
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw SystemError("I/O", "cannot write \(url.path): the folder \(folder.path) does not exist")
        }
        guard FileManager.default.isWritableFile(atPath: folder.path) else {
            throw SystemError("I/O", "cannot write \(url.path): the folder \(folder.path) is not writable")
        }
        let tmp = folder.appendingPathComponent(".\(url.lastPathComponent).\(getpid()).tmp")
        let slot = TemporaryFiles.register(tmp.path)
        defer { TemporaryFiles.unregister(slot) }
        do {
            try body(tmp)
            TemporaryFiles.pauseForTests()
            if rename(tmp.path, url.path) != 0 {
                let reason = String(cString: strerror(errno))
                throw SystemError("I/O", "cannot write \(url.path): \(reason)")
            }
        } catch {
            try? FileManager.default.removeItem(at: tmp)
            throw error
        }
    }
}

/// The temporary files being written right now, removed by a signal handler
/// if the process is interrupted (SIGINT, SIGTERM, SIGHUP) before they are
/// renamed into place.
///
/// The handler does only what is safe in a signal handler: `unlink` on paths
/// kept as C strings in a fixed table, then the default action again and
/// `raise`, so the process still ends as interrupted (status 128 + signal).
/// It is installed only while a signal still has its default action: commands
/// that catch SIGINT themselves (`frames`, `animate` cancel between frames and
/// clean up) keep theirs.
public enum TemporaryFiles {
    static let capacity = 64
    /// Slots of `strdup`ed paths; nil when free. Written under `lock`, read by the handler.
    nonisolated(unsafe) static let slots: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?> = {
        let slots = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>.allocate(capacity: capacity)
        slots.initialize(repeating: nil, count: capacity)
        return slots
    }()
    static let lock = NSLock()
    static let signals: [Int32] = [SIGINT, SIGTERM, SIGHUP]

    /// Records `path` for removal on a signal; returns its slot (nil when the table is full).
    static func register(_ path: String) -> Int? {
        _ = slots  // made before any handler can read it
        lock.lock()
        defer { lock.unlock() }
        installHandlers()
        guard let free = (0..<capacity).first(where: { slots[$0] == nil }) else { return nil }
        slots[free] = strdup(path)
        return free
    }

    static func unregister(_ slot: Int?) {
        guard let slot else { return }
        lock.lock()
        defer { lock.unlock() }
        let path = slots[slot]
        slots[slot] = nil
        free(path)
    }

    /// Puts the handler on each signal that still has its default action.
    private static func installHandlers() {
        for sig in signals {
            var current = sigaction()
            // sigaction: -1 on failure (an invalid signal number; not ours).
            guard sigaction(sig, nil, &current) == 0 else { continue }
            guard current.__sigaction_handler.sa_handler == nil else { continue }  // SIG_DFL is NULL
            var action = sigaction()
            action.__sigaction_handler.sa_handler = removeAndRaise
            sigemptyset(&action.sa_mask)
            action.sa_flags = 0
            sigaction(sig, &action, nil)
        }
    }

    /// Test hook: `FRONTLINE_TEST_WRITE_PAUSE_MS` holds a write between the
    /// temporary file and the rename, so a test can interrupt it there.
    static func pauseForTests() {
        guard let ms = testPauseMilliseconds else { return }
        usleep(min(ms, 10_000) * 1000)
    }

    /// Read once: the environment is copied into a dictionary on every
    /// access, and a frame sequence writes hundreds of files.
    private static let testPauseMilliseconds: UInt32? = ProcessInfo.processInfo.environment["FRONTLINE_TEST_WRITE_PAUSE_MS"].flatMap { UInt32($0) }
}

/// The signal handler: async-signal-safe calls only.
private func removeAndRaise(_ sig: Int32) {
    let slots = TemporaryFiles.slots
    for i in 0..<TemporaryFiles.capacity {
        if let path = slots[i] { unlink(path) }
    }
    signal(sig, SIG_DFL)
    raise(sig)
}
