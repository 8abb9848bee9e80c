import Foundation

/// RFC 4180 comma-separated values: fields in double quotes may hold commas,
/// line breaks and doubled quotes. ACLED exports are written this way.
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

    /// Parses CSV text. Accepts LF or CRLF line ends and a leading byte-order
    /// mark; skips empty lines. Throws on a quote left open at the end.
    public static func parse(_ text: String) throws -> [Record] {
        var records: [Record] = []
        var fields: [String] = []
        var field = ""
        var inQuotes = false
        var line = 1
        var recordLine = 1
        var fieldStarted = false
        var scalars = Substring(text).unicodeScalars[...]
        if scalars.first == "\u{FEFF}" { scalars = scalars.dropFirst() }
        var iterator = scalars.makeIterator()
        var pending: Unicode.Scalar? = nil
        func endRecord() {
            if fieldStarted || !fields.isEmpty || !field.isEmpty {
                fields.append(field)
                records.append(Record(line: recordLine, fields: fields))
            }
            fields = []
            field = ""
            fieldStarted = false
        }
        while let c = pending ?? iterator.next() {
            pending = nil
            if inQuotes {
                if c == "\"" {
                    if let next = iterator.next() {
                        if next == "\"" { field.unicodeScalars.append("\"") } else { inQuotes = false; pending = next }
                    } else { inQuotes = false }
                } else {
                    if c == "\n" { line += 1 }
                    field.unicodeScalars.append(c)
                }
                continue
            }
            switch c {
            case "\"" where field.isEmpty:
                inQuotes = true
                fieldStarted = true
            case ",":
                fields.append(field)
                field = ""
                fieldStarted = true
            case "\r":
                break
            case "\n":
                endRecord()
                line += 1
                recordLine = line
            default:
                if !fieldStarted && fields.isEmpty && field.isEmpty { recordLine = line }
                field.unicodeScalars.append(c)
                fieldStarted = true
            }
        }
        if inQuotes { throw ParseError(line: recordLine, message: "a quoted field opened on line \(recordLine) is never closed") }
        endRecord()
        return records
    }

    /// Quotes a field when it needs it (comma, quote, line break, or leading/trailing space).
    public static func quote(_ field: String) -> String {
        let needs = field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
            || field.first == " " || field.last == " "
        return needs ? "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : field
    }
}
