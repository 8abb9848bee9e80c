import Foundation
import Testing
@testable import Geo

@Suite struct JSONParserTests {
    func parse(_ text: String) throws(JSONSyntaxError) -> JSONValue {
        var bytes = Array(text.utf8)
        return try parse(bytes: &bytes)
    }

    func parse(bytes: inout [UInt8]) throws(JSONSyntaxError) -> JSONValue {
        let result: Result<JSONValue, JSONSyntaxError> = bytes.withUnsafeBufferPointer { buffer in
            Result { () throws(JSONSyntaxError) in try JSONParser.parse(buffer) }
        }
        return try result.get()
    }

    func number(_ text: String) throws -> Double {
        guard case .number(let n) = try parse(text) else { Issue.record("\(text) is not a number"); return .nan }
        return n
    }

    func syntaxError(_ text: String) -> JSONSyntaxError? {
        do { _ = try parse(text); return nil } catch { return error }
    }

    /// Every number converts to the same Double as Swift's own (correctly
    /// rounded) parser, on the fast path and the strtod path alike.
    @Test func numbersRoundLikeSwift() throws {
        let fixed = ["0", "-0", "1", "-1", "13.1913", "32.887200000000001", "0.1", "0.000123", "1e22", "1e23", "9007199254740993",
                     "123456789012345678901234567890", "1.7976931348623157e308", "5e-324", "2.2250738585072014e-308",
                     "0.30000000000000004", "1E+2", "1e-2", "-12.5e-3", "100000000000000000000000", "1.000000000000000000001"]
        for text in fixed {
            #expect(try number(text).bitPattern == Double(text)!.bitPattern, "\(text)")
        }
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            let value = Double.random(in: -180...180, using: &generator)
            let digits = Int.random(in: 1...17, using: &generator)
            let text = String(format: "%.\(digits)f", value)
            #expect(try number(text).bitPattern == Double(text)!.bitPattern, "\(text)")
        }
    }

    @Test func stringsDecodeEscapesAndUnicode() throws {
        let value = try parse(#"["a\"b\\c\/d\n\t", "\u00e9\u0637", "\ud83d\ude00", "طرابلس", ""]"#)
        guard case .array(let elements) = value else { Issue.record("not an array"); return }
        let strings = elements.compactMap { if case .string(let s) = $0 { s } else { nil } }
        #expect(strings == ["a\"b\\c/d\n\t", "éط", "😀", "طرابلس", ""])
    }

    @Test func objectsKeepOrderAndLines() throws {
        guard case .object(let outer) = try parse("{\n\"a\": 1,\n\"b\": {\"c\": [true, false, null]},\n\"a\": 2}") else {
            Issue.record("not an object"); return
        }
        #expect(outer.line == 1)
        #expect(outer.members.map(\.key) == ["a", "b", "a"])
        guard case .number(2)? = outer["a"] else { Issue.record("a repeated key should read as its last value"); return }
        guard case .object(let inner)? = outer["b"] else { Issue.record("b is not an object"); return }
        #expect(inner.line == 3)
    }

    @Test func malformedJSONNamesTheLineAndTheProblem() {
        let cases: [(String, Int, String)] = [
            ("", 1, "ends where a value should be"),
            ("{", 1, "member name"),
            ("[1,\n2,\n]", 3, "unexpected character ']'"),
            ("[1 2]", 1, "',' or ']'"),
            ("{\"a\" 1}", 1, "':'"),
            ("[01]", 1, "cannot start with 0"),
            ("[1.]", 1, "digit after '.'"),
            ("[-]", 1, "digit after '-'"),
            ("[1e]", 1, "exponent"),
            ("[tru]", 1, "unexpected text"),
            ("[\"a\nb\"]", 1, "past the end of its line"),
            ("[\"\\x\"]", 1, "unknown escape"),
            ("[\"\\ud800\"]", 1, "low surrogate"),
            ("[\"\\u12\"]", 1, "four hex digits"),
            ("[\"abc", 1, "not closed"),
            ("{} x", 1, "after the JSON value"),
            (String(repeating: "[", count: 300), 1, "nested more than"),
        ]
        for (text, line, expected) in cases {
            let error = syntaxError(text)
            #expect(error?.line == line, "\(text)")
            #expect(error?.message.contains(expected) == true, "\(text) -> \(error?.message ?? "no error")")
        }
    }

    @Test func invalidUTF8InAStringIsAnError() {
        var bytes: [UInt8] = Array("[\"a".utf8) + [0xC3, 0x28] + Array("\"]".utf8)
        #expect(throws: JSONSyntaxError.self) { try parse(bytes: &bytes) }
    }

    /// The shipped basemap reads to the same numbers and strings as
    /// Foundation's JSONSerialization, which the reader used before.
    @Test func agreesWithJSONSerializationOnTheBasemap() throws {
        let urls = libyaBasemapURLs()
        for url in [urls.countries, urls.coast, urls.borders] {
            var bytes = Array(try Data(contentsOf: url))
            let ours = try parse(bytes: &bytes)
            let theirs = try JSONSerialization.jsonObject(with: Data(bytes))
            var compared = 0
            #expect(Self.same(ours, theirs, compared: &compared), "\(url.lastPathComponent)")
            #expect(compared > 1000)
        }
    }

    static func same(_ ours: JSONValue, _ theirs: Any, compared: inout Int) -> Bool {
        compared += 1
        switch ours {
        case .null: return theirs is NSNull
        case .bool(let b): return (theirs as? Bool) == b
        case .number(let n): return (theirs as? NSNumber)?.doubleValue == n
        case .string(let s): return (theirs as? String) == s
        case .array(let elements):
            guard let array = theirs as? [Any], array.count == elements.count else { return false }
            return zip(elements, array).allSatisfy { same($0, $1, compared: &compared) }
        case .object(let object):
            guard let dictionary = theirs as? [String: Any], dictionary.count == object.members.count else { return false }
            return object.members.allSatisfy { member in
                dictionary[member.key].map { same(member.value, $0, compared: &compared) } ?? false
            }
        }
    }
}
