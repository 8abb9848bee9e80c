import Foundation

/// One line of `resolve -` input: its text, or why it cannot be a query.
public struct ResolveQuery: Sendable {
    public let line: Int
    public let text: String
    public let error: String?

    public init(line: Int, text: String, error: String?) {
        self.line = line
        self.text = text
        self.error = error
    }

    /// Splits raw standard input on newlines. Bytes are checked line by line, so
    /// one line of bad UTF-8 spoils only itself. (Over the raw bytes: splitting
    /// the `Data` itself cost more than the lookups of an exact-name line.)
    public static func lines(of data: Data) -> [ResolveQuery] {
        data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            let bytes = raw.bindMemory(to: UInt8.self)
            var result: [ResolveQuery] = []
            var start = 0
            // The final newline ends a line, not a new one; an empty input has no lines.
            while start < bytes.count {
                let newline = bytes[start...].firstIndex(of: 0x0A) ?? bytes.count
                var end = newline
                if end > start, bytes[end - 1] == 0x0D { end -= 1 }
                result.append(query(line: result.count + 1, UnsafeBufferPointer(rebasing: bytes[start..<end])))
                start = newline + 1
            }
            return result
        }
    }

    private static func query(line: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> ResolveQuery {
        guard let text = String(validating: bytes, as: UTF8.self) else {
            return ResolveQuery(line: line, text: String(decoding: bytes.prefix(64), as: UTF8.self),
                                error: "line \(line) is not valid UTF-8")
        }
        // A line of at most that many bytes has at most that many scalars: no need to count them.
        if text.utf8.count > Gazetteer.maximumQueryLength, text.unicodeScalars.count > Gazetteer.maximumQueryLength {
            return ResolveQuery(line: line, text: String(text.prefix(64)) + "…",
                                error: "line \(line) is \(text.unicodeScalars.count) characters long; a name has at most \(Gazetteer.maximumQueryLength)")
        }
        return ResolveQuery(line: line, text: text, error: nil)
    }
}
