import Foundation

/// A tab-separated table as frontline's data files write it: UTF-8, one header
/// row, `#` comment lines and blank lines ignored, fields never quoted.
///
/// Rows keep their 1-based line numbers so that every later check can point at
/// the line a user has to fix.
public struct TSVTable: Sendable {
    public struct Row: Sendable {
        public let line: Int
        public let fields: [String]
        /// The header this row was read under, for lookup by column name.
        let columns: [String: Int]

        /// The value in the named column, trimmed; "" when the row is short.
        public subscript(_ column: String) -> String {
            guard let i = columns[column], i < fields.count else { return "" }
            return fields[i]
        }
    }

    public let path: String
    public let header: [String]
    public let headerLine: Int
    public let rows: [Row]

    /// Parses TSV text. `path` is only used in messages.
    ///
    /// Throws ``DataError`` when the text is not UTF-8, when it has no header,
    /// or when a required column is missing from the header. Rows with the wrong
    /// number of fields are reported through `rowProblems` so that callers can
    /// report all of them at once.
    public init(text: String, path: String, required: [String] = []) throws {
        self.path = path
        var header: [String]? = nil
        var headerLine = 0
        var rows: [Row] = []
        var columns: [String: Int] = [:]
        var lineNumber = 0
        // Lines and fields are cut on the UTF-8 bytes: "\r\n" is one Character, so
        // a Character split on "\n" would leave CRLF files in one piece, and
        // Foundation's trimming bridges every field through NSString on Linux,
        // which made a 100,000-row event log take over a second.
        var text = text
        // Text read through DataFile has been checked; text handed in directly
        // (tests, standard input) may still hold a NUL, which C libraries would
        // read as the end of a name.
        if text.utf8.contains(0) {
            let problem = text.withUTF8 { TextProblem.first(in: $0) }!
            throw DataError(at: SourceLocation(file: path, line: problem.line), problem.message)
        }
        text.withUTF8 { bytes in
            var lineStart = 0
            while lineStart < bytes.count {
                var lineEnd = lineStart
                while lineEnd < bytes.count && bytes[lineEnd] != 0x0A { lineEnd += 1 }
                lineNumber += 1
                var contentEnd = lineEnd
                if contentEnd > lineStart && bytes[contentEnd - 1] == 0x0D { contentEnd -= 1 }
                let start = lineStart
                lineStart = lineEnd + 1
                var blank = true
                for i in start..<contentEnd where bytes[i] != 0x20 && bytes[i] != 0x09 { blank = false; break }
                if blank || bytes[start] == 0x23 { continue }  // blank, or "#" comment
                var fields: [String] = []
                fields.reserveCapacity(header?.count ?? 8)
                var fieldStart = start
                for i in start...contentEnd where i == contentEnd || bytes[i] == 0x09 {
                    fields.append(TSVTable.trimmed(UnsafeBufferPointer(rebasing: bytes[fieldStart..<i])))
                    fieldStart = i + 1
                }
                if header == nil {
                    header = fields
                    headerLine = lineNumber
                    for (i, name) in fields.enumerated() where columns[name] == nil { columns[name] = i }
                    continue
                }
                rows.append(Row(line: lineNumber, fields: fields, columns: columns))
            }
        }
        guard let header else {
            throw DataError(at: SourceLocation(file: path, line: 0), "the file is empty: it needs a header row")
        }
        let missing = required.filter { columns[$0] == nil }
        if !missing.isEmpty {
            throw DataError(at: SourceLocation(file: path, line: headerLine), field: "header",
                            "missing column\(missing.count > 1 ? "s" : "") \(missing.joined(separator: ", ")); the header must name \(required.joined(separator: " "))")
        }
        self.header = header
        self.headerLine = headerLine
        self.rows = rows
    }

    /// Reads and parses a file; a path that is not a readable UTF-8 file is a
    /// ``DataError`` that says why (``DataFile``), with the line of a bad byte.
    public init(contentsOf url: URL, displayPath: String? = nil, required: [String] = []) throws {
        let path = displayPath ?? url.path
        try self.init(text: try DataFile.readText(url, displayPath: path), path: path, required: required)
    }

    /// Diagnostics for rows whose field count differs from the header's.
    /// A field without the spaces around it (Unicode space separators and tabs,
    /// as `CharacterSet.whitespaces`); a field that starts and ends with a
    /// visible ASCII byte is taken as it is.
    static func trimmed(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        guard let first = bytes.first, let last = bytes.last else { return "" }
        func plain(_ b: UInt8) -> Bool { b > 0x20 && b < 0x80 }
        if plain(first) && plain(last) { return String(decoding: bytes, as: UTF8.self) }
        return Substring(String(decoding: bytes, as: UTF8.self)).trimmingSpaces()
    }

    public func fieldCountProblems() -> [Diagnostic] {
        rows.compactMap { row in
            guard row.fields.count != header.count else { return nil }
            let what = row.fields.count < header.count ? "missing" : "extra"
            return Diagnostic(.error, at: SourceLocation(file: path, line: row.line), field: nil,
                              "\(row.fields.count) fields where the header has \(header.count) (\(what) column)")
        }
    }

    public func location(of row: Row) -> SourceLocation { SourceLocation(file: path, line: row.line) }
}

extension Substring {
    /// Without the spaces around it: what Foundation's
    /// `trimmingCharacters(in: .whitespaces)` removes (tab and Unicode's space
    /// separators), without bridging to `NSString`, which on Linux made
    /// trimming most of the cost of reading a data file.
    public func trimmingSpaces() -> String {
        func isSpace(_ s: Unicode.Scalar) -> Bool {
            s.isASCII ? s == " " || s == "\t" : s.properties.generalCategory == .spaceSeparator
        }
        let scalars = unicodeScalars
        guard let start = scalars.firstIndex(where: { !isSpace($0) }), let end = scalars.lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(scalars[start...end])
    }
}
