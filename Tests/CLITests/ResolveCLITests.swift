import Foundation
import Testing

/// `frontline resolve`, run as a user would, against the embedded theatre.
@Suite struct ResolveCLITests {
    private static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("GazetteerTests/Fixtures")

    @Test func resolvesArabicAndLatinSpellings() throws {
        let r = try CLI.run(["resolve", "ترهونة", "Tarhouna", "Sirt"])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines[0].contains("Tarhuna") && lines[1].contains("Tarhuna") && lines[2].contains("Sirte"))
        #expect(lines[0].contains("32.43"))
    }

    @Test func unresolvedNamesSayNoMatchAndStillExitZero() throws {
        let r = try CLI.run(["resolve", "Cairo", "xqzvbn"])
        #expect(r.status == 0)
        #expect(r.stdout.components(separatedBy: "no match").count == 3)
    }

    @Test func ambiguityIsShown() throws {
        let r = try CLI.run(["resolve", "Suq al-Khamis"])
        #expect(r.stdout.contains("ambiguous: also"))
    }

    @Test func jsonHasOneObjectPerQueryInOrder() throws {
        let r = try CLI.run(["resolve", "--json", "Tarhouna", "Cairo", "Suq al-Khamis", "--limit", "1"])
        #expect(r.status == 0)
        let array = try #require(try JSONSerialization.jsonObject(with: r.stdoutData) as? [[String: Any]])
        #expect(array.count == 3)
        #expect(array.map { $0["query"] as? String } == ["Tarhouna", "Cairo", "Suq al-Khamis"])
        let match = try #require(array[0]["match"] as? [String: Any])
        #expect(Set(match.keys) == ["id", "name", "name_ar", "lat", "lon", "kind"])
        #expect(match["id"] as? String == "tarhuna")
        #expect(match["name_ar"] as? String == "ترهونة")
        #expect(array[0]["method"] as? String == "exact")
        #expect(array[0]["score"] as? Double == 1)
        #expect(array[1]["match"] is NSNull)
        #expect((array[1]["alternatives"] as? [Any])?.isEmpty == true)
        let alternatives = try #require(array[2]["alternatives"] as? [[String: Any]])
        #expect(alternatives.count == 1)
        #expect(alternatives[0]["score"] != nil && alternatives[0]["method"] != nil && alternatives[0]["id"] != nil)
        // Same input, same bytes.
        let again = try CLI.run(["resolve", "--json", "Tarhouna", "Cairo", "Suq al-Khamis", "--limit", "1"])
        #expect(again.stdoutData == r.stdoutData)
    }

    /// Long inputs are resolved and formatted in chunks on all cores; the bytes
    /// must be those of the names resolved one after another. 5,001 lines make
    /// three chunks of unequal size, the last row in a short chunk.
    @Test(arguments: [["--json"], []])
    func longInputGivesTheBytesOfShortInputRepeated(_ format: [String]) throws {
        let names = ["Tarhouna", "Cairo", "Suq al-Khamis", "ترهونة", "Tarhxuna", "سرت", "Misrata", "qxzvjwk", "Zawiya"]
        let short = try CLI.run(["resolve", "-"] + format, stdin: names.joined(separator: "\n") + "\n")
        let repeats = 5_001 / names.count + 1
        let lines = Array(Array(repeating: names, count: repeats).joined().prefix(5_001))
        let long = try CLI.run(["resolve", "-"] + format, stdin: lines.joined(separator: "\n") + "\n")
        #expect(short.status == 0 && long.status == 0)
        var rows = short.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if format.isEmpty {
            // The table: no header or footer; the names' lines (Suq al-Khamis has two) over and over.
            rows.removeLast()   // after the final newline
            let longLines = long.stdout.split(separator: "\n", omittingEmptySubsequences: false).count - 1
            let expected = (0..<longLines).map { rows[$0 % rows.count] }
            #expect(longLines > 5_001)
            #expect(long.stdout == expected.joined(separator: "\n") + "\n")
        } else {
            // The JSON array: one object a line between "[" and "]", commas between objects.
            let objects = rows.dropFirst().dropLast(2).map { $0.hasSuffix(",") ? String($0.dropLast()) : $0 }
            #expect(objects.count == names.count)
            let expected = "[\n" + (0..<lines.count).map { objects[$0 % objects.count] }.joined(separator: ",\n") + "\n]\n"
            #expect(long.stdout == expected)
        }
    }

    @Test func stdinLinesWithABadLineInTheMiddle() throws {
        // Written as bytes: line 2 is not UTF-8.
        var input = Data("Misurata\n".utf8)
        input.append(contentsOf: [0x54, 0x61, 0xFF, 0xFE, 0x0A])
        input.append(Data("الزاوية\n".utf8))
        let r = try CLI.run(["resolve", "-", "--json"], stdinData: input)
        #expect(r.status == 0)
        #expect(r.stderr.contains("stdin:2"))
        let array = try #require(try JSONSerialization.jsonObject(with: r.stdoutData) as? [[String: Any]])
        #expect(array.count == 3)
        #expect((array[0]["match"] as? [String: Any])?["id"] as? String == "misrata")
        #expect(array[1]["match"] is NSNull)
        #expect((array[1]["error"] as? String)?.contains("UTF-8") == true)
        #expect((array[2]["match"] as? [String: Any])?["id"] as? String == "zawiya")
    }

    @Test func anAbsurdlyLongLineIsAnErrorForThatLineOnly() throws {
        let r = try CLI.run(["resolve", "-"], stdin: "Sirt\n" + String(repeating: "x", count: 5000) + "\nTarhuna\n")
        #expect(r.status == 0)
        #expect(r.stderr.contains("stdin:2"))
        #expect(r.stdout.contains("Sirte") && r.stdout.contains("Tarhuna"))
    }

    @Test func nearPicksTheNearOne() throws {
        let r = try CLI.run(["resolve", "--json", "--near", "32.6,14.2", "Suq al-Khamis"])
        let array = try #require(try JSONSerialization.jsonObject(with: r.stdoutData) as? [[String: Any]])
        #expect((array[0]["match"] as? [String: Any])?["id"] as? String == "suq_al_khamis_khoms")
    }

    @Test func aGeoNamesDumpIsMergedUnderTheCuratedFile() throws {
        let dump = Self.fixtures.appendingPathComponent("LY-sample.txt").path
        let r = try CLI.run(["resolve", "--json", "--gazetteer", dump, "Qaryat al Jadidah", "Tarhuna", "Bu Njem"])
        #expect(r.status == 0, "\(r.stderr)")
        let array = try #require(try JSONSerialization.jsonObject(with: r.stdoutData) as? [[String: Any]])
        // A place only the dump has; a curated place; and a dump row that is an OSM place node
        // of the theatre (Abu Nujaym), merged into it: its spelling "Bu Njem" now finds the node.
        #expect((array[0]["match"] as? [String: Any])?["id"] as? String == "gn2219980")
        #expect((array[1]["match"] as? [String: Any])?["id"] as? String == "tarhuna")
        #expect((array[2]["match"] as? [String: Any])?["id"] as? String == "osm_1565508862")
        #expect(array[2]["method"] as? String == "exact")
    }

    @Test func aMalformedGazetteerExitsOneWithFileAndLine() throws {
        let dump = Self.fixtures.appendingPathComponent("LY-malformed.txt").path
        let r = try CLI.run(["resolve", "--gazetteer", dump, "Tarhuna"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("LY-malformed.txt:2:"))
        let missing = try CLI.run(["resolve", "--gazetteer", "/nonexistent/LY.txt", "Tarhuna"])
        #expect(missing.status == 1)
    }

    @Test(arguments: [
        ["resolve"],
        ["resolve", "--near", "north", "Sirt"],
        ["resolve", "--near", "95,13", "Sirt"],
        ["resolve", "--within", "14,32,13,33", "Sirt"],
        ["resolve", "-", "Sirt"],
    ])
    func badUsageExits64(_ arguments: [String]) throws {
        let r = try CLI.run(arguments)
        #expect(r.status == 64, "\(arguments): \(r.stderr)")
    }

    @Test func helpTeachesWithExamples() throws {
        let r = try CLI.run(["resolve", "--help"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("frontline resolve ترهونة Tarhouna Sirt"))
        #expect(r.stdout.contains("--near"))
    }
}
