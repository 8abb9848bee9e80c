import Foundation

/// Writes a file so that readers never see it half-written: the bytes go to a
/// temporary file in the same folder, which is then renamed over the target.
///
/// A rename within one file system is atomic on POSIX, so an interrupted run
/// leaves either the old file or the new one, and at worst a stray `.tmp` file,
/// which is removed when the write fails.
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
        do {
            try body(tmp)
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
