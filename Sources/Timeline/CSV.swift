import Foundation
import FrontlineCore

/// RFC 4180 comma-separated values: fields in double quotes may hold commas,
/// line breaks and doubled quotes. ACLED exports are written this way.
///
/// Records are cut on the UTF-8 bytes and a field becomes a `String` only
/// when asked for: an ACLED export has 31 columns and a million rows, of
/// which an import reads eleven columns.
public enum CSV {
    /// A parsed record with the line it starts on (1-based), for messages.
    public struct Record: Sendable {
        public let line: Int
        public let fields: [String]
    }

    public struct ParseError: Error, Sendable, CustomStringConvertible {
        public let line: Int
        public let message: String
        public var description: String { message }
    }

    /// One record as byte ranges into the text, valid only inside the callback
    /// of ``forEachRecord(in:_:)``.
    public struct RawRecord {
        public let line: Int
        let bytes: UnsafeBufferPointer<UInt8>
        /// Start and end (exclusive) of each field; a quoted field includes its quotes.
        let ranges: [Range<Int>]
        public var count: Int { ranges.count }

        /// Field `i`, unquoted (`""` inside quotes is one `"`).
        public func field(_ i: Int) -> String {
            let r = ranges[i]
            guard r.lowerBound < r.upperBound, bytes[r.lowerBound] == quote else {
                return String(decoding: UnsafeBufferPointer(rebasing: bytes[r]), as: UTF8.self)
            }
            var out: [UInt8] = []
            out.reserveCapacity(r.count)
            var i = r.lowerBound + 1
            var open = true
            while i < r.upperBound {
                let b = bytes[i]
                if open, b == quote {
                    if i + 1 < r.upperBound, bytes[i + 1] == quote { out.append(quote); i += 2; continue }
                    open = false
                    i += 1
                    continue
                }
                out.append(b)
                i += 1
            }
            return String(decoding: out, as: UTF8.self)
        }
    }

    private static let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), cr: UInt8 = 0x0D, lf: UInt8 = 0x0A

    /// Calls `body` for each record of UTF-8 CSV text. Accepts LF or CRLF line
    /// ends and a leading byte-order mark; skips empty lines.
    /// - Throws: ``ParseError`` with the line a quoted field opened on when it is
    ///   never closed (which would otherwise swallow the rest of the file), and
    ///   whatever `body` throws.
    public static func forEachRecord(in text: UnsafeBufferPointer<UInt8>, _ body: (RawRecord) throws -> Void) throws {
        var i = text.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        let n = text.count
        var line = 1
        var ranges: [Range<Int>] = []
        while i < n {
            let recordLine = line
            ranges.removeAll(keepingCapacity: true)
            var fieldStart = i
            var ended = false
            while !ended {
                if i < n, text[i] == quote {
                    // A quoted field runs to the quote that is not doubled.
                    let opened = line
                    i += 1
                    var closed = false
                    while i < n {
                        let b = text[i]
                        if b == quote {
                            if i + 1 < n, text[i + 1] == quote { i += 2; continue }
                            i += 1
                            closed = true
                            break
                        }
                        if b == lf { line += 1 }
                        i += 1
                    }
                    if !closed { throw ParseError(line: opened, message: "a quoted field opened on line \(opened) is never closed") }
                }
                // The rest of the field, up to a comma or the line end.
                while i < n, text[i] != comma, text[i] != lf { i += 1 }
                var end = i
                if i == n || text[i] == lf {
                    if end > fieldStart, text[end - 1] == cr { end -= 1 }
                    ended = true
                }
                ranges.append(fieldStart..<end)
                if i < n, text[i] == lf { line += 1 }
                i += 1
                fieldStart = i
            }
            // An empty line is one empty field: skip it.
            if ranges.count == 1, ranges[0].isEmpty { continue }
            try body(RawRecord(line: recordLine, bytes: text, ranges: ranges))
        }
    }

    /// Parses CSV text into records of strings; see ``forEachRecord(in:_:)``.
    public static func parse(_ text: String) throws -> [Record] {
        var text = text
        return try text.withUTF8 { bytes in
            var records: [Record] = []
            try forEachRecord(in: bytes) { raw in
                records.append(Record(line: raw.line, fields: (0..<raw.count).map(raw.field)))
            }
            return records
        }
    }

    /// Quotes a field when it needs it (comma, quote, line break, or leading/trailing space).
    public static func quote(_ field: String) -> String {
        let needs = field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
            || field.first == " " || field.last == " "
        return needs ? "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : field
    }
}
