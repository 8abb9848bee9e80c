#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A JSON value as `JSONParser` reads it (RFC 8259).
///
/// Why not Foundation's `JSONSerialization`: it builds `NSDictionary`,
/// `NSArray` and `NSNumber` objects and bridges each one back to Swift, which
/// took 13 ms of the 140 ms a `frontline render` process spends, to read
/// 125 KB of basemap. This reads the same bytes in about a millisecond, and
/// knows the line of every object, so errors can name it.
indirect enum JSONValue {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)
}

/// A JSON object: members in file order, and the 1-based line of its `{`.
struct JSONObject {
    var members: [(key: String, value: JSONValue)]
    var line: Int

    /// The value of `key`; the last one when a key repeats. Linear: GeoJSON
    /// objects have a handful of members.
    subscript(key: String) -> JSONValue? {
        members.last { $0.key == key }?.value
    }
}

/// The position and reason of a syntax error.
struct JSONSyntaxError: Error {
    var line: Int
    var message: String
}

/// A recursive-descent JSON parser over UTF-8 bytes.
struct JSONParser {
    /// Deeper nesting than this is refused rather than risking the stack;
    /// a MultiPolygon needs 7 levels under the FeatureCollection.
    static let maximumDepth = 256

    private let bytes: UnsafeBufferPointer<UInt8>
    private var index = 0
    private var line = 1
    private var depth = 0

    /// Parses one JSON document; only whitespace may follow it.
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>) throws(JSONSyntaxError) -> JSONValue {
        var parser = JSONParser(bytes: bytes)
        let value = try parser.value()
        parser.skipWhitespace()
        if parser.index < bytes.count { throw parser.error("unexpected text after the JSON value") }
        return value
    }

    private init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    private func error(_ message: String) -> JSONSyntaxError {
        JSONSyntaxError(line: line, message: message)
    }

    private var current: UInt8? { index < bytes.count ? bytes[index] : nil }

    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "\n"): line += 1
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"): break
            default: return
            }
            index += 1
        }
    }

    private mutating func value() throws(JSONSyntaxError) -> JSONValue {
        skipWhitespace()
        guard let byte = current else { throw error("the text ends where a value should be") }
        switch byte {
        case UInt8(ascii: "{"): return .object(try object())
        case UInt8(ascii: "["): return .array(try array())
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try number())
        default: throw error("unexpected character \(Self.describe(byte)) where a value should be")
        }
    }

    private mutating func enter() throws(JSONSyntaxError) {
        depth += 1
        if depth > Self.maximumDepth { throw error("nested more than \(Self.maximumDepth) levels deep") }
    }

    private mutating func object() throws(JSONSyntaxError) -> JSONObject {
        try enter()
        defer { depth -= 1 }
        var object = JSONObject(members: [], line: line)
        index += 1  // {
        skipWhitespace()
        if current == UInt8(ascii: "}") { index += 1; return object }
        while true {
            skipWhitespace()
            guard current == UInt8(ascii: "\"") else { throw error("expected a member name in quotes") }
            let key = try string()
            skipWhitespace()
            guard current == UInt8(ascii: ":") else { throw error("expected ':' after the member name \"\(key)\"") }
            index += 1
            object.members.append((key, try value()))
            skipWhitespace()
            switch current {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "}"): index += 1; return object
            default: throw error("expected ',' or '}' in an object")
            }
        }
    }

    private mutating func array() throws(JSONSyntaxError) -> [JSONValue] {
        try enter()
        defer { depth -= 1 }
        var elements: [JSONValue] = []
        index += 1  // [
        skipWhitespace()
        if current == UInt8(ascii: "]") { index += 1; return elements }
        while true {
            elements.append(try value())
            skipWhitespace()
            switch current {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "]"): index += 1; return elements
            default: throw error("expected ',' or ']' in an array")
            }
        }
    }

    private mutating func literal(_ word: StaticString) throws(JSONSyntaxError) {
        let count = word.utf8CodeUnitCount
        guard index + count <= bytes.count,
              memcmp(bytes.baseAddress! + index, word.utf8Start, count) == 0 else {
            throw error("unexpected text where a value should be")
        }
        index += count
    }

    /// A number per the JSON grammar (no leading zeros, no bare '.', no
    /// hex, no NaN), converted with correct rounding.
    private mutating func number() throws(JSONSyntaxError) -> Double {
        let start = index
        var negative = false
        if current == UInt8(ascii: "-") { negative = true; index += 1 }
        // Clinger's fast path: up to 15 significant digits and a power of ten
        // up to 22 convert exactly with one multiply or divide; the rest
        // (rare in GeoJSON) go through strtod.
        var mantissa: UInt64 = 0
        var digits = 0
        var exponent = 0
        guard let first = current, Self.isDigit(first) else { throw error("a number needs a digit after '-'") }
        if first == UInt8(ascii: "0") {
            index += 1
            if let next = current, Self.isDigit(next) { throw error("a number cannot start with 0") }
        } else {
            while let d = current, Self.isDigit(d) {
                if digits < 19 { mantissa = mantissa * 10 + UInt64(d - UInt8(ascii: "0")) } else { exponent += 1 }
                if mantissa != 0 { digits += 1 }
                index += 1
            }
        }
        if current == UInt8(ascii: ".") {
            index += 1
            guard let d = current, Self.isDigit(d) else { throw error("a number needs a digit after '.'") }
            while let d = current, Self.isDigit(d) {
                if digits < 19 {
                    mantissa = mantissa * 10 + UInt64(d - UInt8(ascii: "0"))
                    exponent -= 1
                    if mantissa != 0 { digits += 1 }
                } else if d != UInt8(ascii: "0") {
                    digits += 1  // precision beyond 19 digits: leave it to strtod
                }
                index += 1
            }
        }
        var explicitExponent = 0
        if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
            index += 1
            var exponentNegative = false
            if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") {
                exponentNegative = current == UInt8(ascii: "-")
                index += 1
            }
            guard let d = current, Self.isDigit(d) else { throw error("a number needs a digit in its exponent") }
            while let d = current, Self.isDigit(d) {
                if explicitExponent < 100_000 { explicitExponent = explicitExponent * 10 + Int(d - UInt8(ascii: "0")) }
                index += 1
            }
            if exponentNegative { explicitExponent = -explicitExponent }
        }
        exponent += explicitExponent
        if digits <= 15, (-22...22).contains(exponent) {
            var value = Double(mantissa)
            if exponent < 0 { value /= Self.powersOfTen[-exponent] } else { value *= Self.powersOfTen[exponent] }
            return negative ? -value : value
        }
        return strtodOfSpan(start..<index)
    }

    private static let powersOfTen: [Double] = (0...22).map { (0..<$0).reduce(1.0) { r, _ in r * 10 } }

    private func strtodOfSpan(_ span: Range<Int>) -> Double {
        // The grammar is checked already; strtod only converts. Copy with a
        // terminating NUL since the buffer has none.
        var text = Array(bytes[span])
        text.append(0)
        return text.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { strtod($0.baseAddress!, nil) }
        }
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    /// A string starting at the opening quote; escapes decoded, UTF-8 checked.
    private mutating func string() throws(JSONSyntaxError) -> String {
        index += 1  // "
        let start = index
        // Fast path: no escapes.
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                let text = try Self.decode(UnsafeBufferPointer(rebasing: bytes[start..<index]), line: line)
                index += 1
                return text
            }
            if byte == UInt8(ascii: "\\") { break }
            if byte < 0x20 { throw error(byte == UInt8(ascii: "\n") ? "a string runs past the end of its line" : "a control character inside a string") }
            index += 1
        }
        var unescaped = Array(bytes[start..<index])
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            switch byte {
            case UInt8(ascii: "\""):
                return try unescaped.withUnsafeBufferPointer { buffer throws(JSONSyntaxError) in try Self.decode(buffer, line: line) }
            case UInt8(ascii: "\\"):
                guard let escape = current else { break }
                index += 1
                switch escape {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): unescaped.append(escape)
                case UInt8(ascii: "b"): unescaped.append(0x08)
                case UInt8(ascii: "f"): unescaped.append(0x0C)
                case UInt8(ascii: "n"): unescaped.append(0x0A)
                case UInt8(ascii: "r"): unescaped.append(0x0D)
                case UInt8(ascii: "t"): unescaped.append(0x09)
                case UInt8(ascii: "u"):
                    var scalar = try hexQuad()
                    if (0xD800..<0xDC00).contains(scalar) {
                        // A high surrogate must be followed by \u and a low one.
                        guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else {
                            throw error("a \\u escape of a high surrogate without its low surrogate")
                        }
                        index += 2
                        let low = try hexQuad()
                        guard (0xDC00..<0xE000).contains(low) else { throw error("a \\u escape of a high surrogate without its low surrogate") }
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    }
                    guard let unicode = Unicode.Scalar(scalar) else { throw error("a \\u escape of a lone low surrogate") }
                    unescaped.append(contentsOf: UTF8.encode(unicode)!)
                default:
                    throw error("unknown escape \\\(Self.describe(escape)) in a string")
                }
            default:
                if byte < 0x20 { throw error(byte == UInt8(ascii: "\n") ? "a string runs past the end of its line" : "a control character inside a string") }
                unescaped.append(byte)
            }
        }
        throw error("a string is not closed")
    }

    private mutating func hexQuad() throws(JSONSyntaxError) -> UInt32 {
        guard index + 4 <= bytes.count else { throw error("a \\u escape needs four hex digits") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw error("a \\u escape needs four hex digits")
            }
            value = value << 4 | UInt32(digit)
            index += 1
        }
        return value
    }

    private static func decode(_ bytes: UnsafeBufferPointer<UInt8>, line: Int) throws(JSONSyntaxError) -> String {
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw JSONSyntaxError(line: line, message: "a string is not valid UTF-8")
        }
        return text
    }

    private static func describe(_ byte: UInt8) -> String {
        (0x21..<0x7F).contains(byte) ? "'\(Character(Unicode.Scalar(byte)))'" : "byte 0x\(String(byte, radix: 16, uppercase: true))"
    }
}
