import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Reads the data files a user hands frontline (TSV, CSV, GeoJSON, GeoNames
/// dumps), turning every way a path can fail into a message that names the
/// path and says what it is, instead of Foundation's ("The file couldn't be
/// opened", "NSCocoaErrorDomain error 256") or an endless read of `/dev/zero`.
///
/// Every failure is a ``DataError`` at line 0 of the path: the user pointed at
/// the wrong thing, which is bad input (exit 1), not a system failure.
public enum DataFile {
    /// The whole file. Accepts a regular file, a symbolic link to one, and a
    /// pipe (`<(zcat export.csv.gz)`); refuses folders, devices and sockets.
    public static func read(_ url: URL, displayPath: String? = nil) throws -> Data {
        let path = url.path
        let shown = displayPath ?? path
        func fail(_ message: String) -> DataError { DataError(at: SourceLocation(file: shown, line: 0), message) }
        var info = stat()
        // stat follows symbolic links: -1 and errno on failure.
        if stat(path, &info) != 0 {
            let code = errno
            var link = stat()
            switch code {
            case ENOENT where lstat(path, &link) == 0:
                throw fail("the file is a symbolic link to nothing (\(linkTarget(path) ?? "?") does not exist)")
            case ENOENT: throw fail("the file does not exist")
            case ELOOP: throw fail("the path is a loop of symbolic links")
            case EACCES: throw fail("permission denied: a folder on the path cannot be entered")
            case ENOTDIR: throw fail("a part of the path is a file, not a folder")
            default: throw fail("cannot read the file: \(String(cString: strerror(code)))")
            }
        }
        switch info.st_mode & S_IFMT {
        case S_IFREG, S_IFIFO: break
        case S_IFDIR: throw fail("this is a folder, not a file")
        case S_IFCHR, S_IFBLK: throw fail("this is a device, not a data file")
        default: throw fail("this is not a regular file (a socket or other special file)")
        }
        // open: -1 and errno on failure.
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            let code = errno
            if code == EACCES { throw fail("permission denied: the file cannot be read") }
            throw fail("cannot open the file: \(String(cString: strerror(code)))")
        }
        defer { close(fd) }
        // A regular file is read straight into a buffer of its size (a 300 MB
        // export in one pass, no regrowing) and one byte more, so the read that
        // finds the end has room without growing the buffer by a chunk (which
        // zero-fills a megabyte: most of the time of reading a small file).
        // A pipe is read in chunks; a file that grows meanwhile goes on in chunks too.
        var data = Data(count: info.st_mode & S_IFMT == S_IFREG ? Int(clamping: info.st_size) + 1 : 0)
        var filled = 0
        let chunk = 1 << 20
        while true {
            if filled == data.count { data.count += chunk }
            // read: bytes read, 0 at the end, -1 and errno on failure (EINTR: try again).
            let n = data.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress! + filled, $0.count - filled) }
            if n == 0 { break }
            if n < 0 {
                if errno == EINTR { continue }
                let code = errno
                if code == EISDIR { throw fail("this is a folder, not a file") }
                throw fail("cannot read the file: \(String(cString: strerror(code)))")
            }
            filled += n
        }
        data.count = filled
        return data
    }

    /// The file as UTF-8 text (a leading byte-order mark dropped). An invalid
    /// byte or a NUL is reported with its line and column, which is what a user
    /// needs to find it in an editor.
    public static func readText(_ url: URL, displayPath: String? = nil) throws -> String {
        try text(of: read(url, displayPath: displayPath), path: displayPath ?? url.path)
    }

    /// Decodes bytes as UTF-8 text for a data file named `path`; see ``readText(_:displayPath:)``.
    public static func text(of data: Data, path: String) throws -> String {
        try data.withUnsafeBytes { raw in
            var bytes = raw.bindMemory(to: UInt8.self)[...]
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
            if let problem = TextProblem.first(in: UnsafeBufferPointer(rebasing: bytes)) {
                throw DataError(at: SourceLocation(file: path, line: problem.line), problem.message)
            }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes), as: UTF8.self)
        }
    }

    private static func linkTarget(_ path: String) -> String? {
        try? FileManager.default.destinationOfSymbolicLink(atPath: path)
    }
}

/// The first byte of a text file that a data file must not have: one that is
/// not valid UTF-8, or a NUL (which C libraries such as Pango and PROJ read as
/// the end of a string, so a name would be cut short on the map).
public struct TextProblem: Hashable, Sendable {
    /// 1-based line and column (counted in characters, as editors do).
    public let line: Int
    public let column: Int
    public let isNUL: Bool

    public var message: String {
        isNUL ? "column \(column): a NUL byte; text data cannot contain one"
              : "column \(column): not valid UTF-8 (save the file as UTF-8)"
    }

    public static func first(in bytes: UnsafeBufferPointer<UInt8>) -> TextProblem? {
        // Fast path: one validation by the standard library, one memchr-like scan for NUL.
        if !bytes.contains(0), String(validating: bytes, as: UTF8.self) != nil { return nil }
        var line = 1, column = 1, i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b == 0 { return TextProblem(line: line, column: column, isNUL: true) }
            if b == 0x0A { line += 1; column = 1; i += 1; continue }
            let length: Int
            switch b {
            case 0x00...0x7F: length = 1
            case 0xC2...0xDF: length = 2
            case 0xE0...0xEF: length = 3
            case 0xF0...0xF4: length = 4
            default: return TextProblem(line: line, column: column, isNUL: false)
            }
            guard i + length <= n, String(validating: UnsafeBufferPointer(rebasing: bytes[i..<(i + length)]), as: UTF8.self) != nil else {
                return TextProblem(line: line, column: column, isNUL: false)
            }
            i += length
            column += 1
        }
        return nil
    }
}
