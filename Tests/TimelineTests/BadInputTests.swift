import Foundation
import FrontlineCore
import Gazetteer
import Testing
@testable import Timeline

/// Inputs that used to be accepted silently or reported without a line.
@Suite struct BadInputTests {
    /// A copy of the good test theatre in a fresh folder, with its gazetteer beside it.
    func theatre(_ edit: (URL) throws -> Void = { _ in }) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("timeline-bad-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let good = Fixture.url("theatre-good")
        for name in ["events.tsv", "factions.tsv", "none.geojson"] {
            try FileManager.default.copyItem(at: good.appendingPathComponent(name), to: folder.appendingPathComponent(name))
        }
        let settings = try String(contentsOf: good.appendingPathComponent("theatre.tsv"), encoding: .utf8)
            .replacingOccurrences(of: "../gazetteer.tsv", with: "gazetteer.tsv")
        try settings.write(to: folder.appendingPathComponent("theatre.tsv"), atomically: true, encoding: .utf8)
        try FileManager.default.copyItem(at: Fixture.url("gazetteer.tsv"), to: folder.appendingPathComponent("gazetteer.tsv"))
        try edit(folder)
        return folder
    }

    func append(_ text: String, to url: URL) throws {
        let handle = try FileHandle(forWritingTo: url)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(text.utf8))
        try handle.close()
    }

    @Test func theCopyIsGood() throws {
        let t = try theatre()
        defer { try? FileManager.default.removeItem(at: t) }
        #expect(Theatre.check(directory: t).isEmpty)
    }

    @Test func aSignedColourIsNotAColour() {
        #expect(RGBColor(hex: "#+12345") == nil)
        #expect(RGBColor(hex: "#-12345") == nil)
        #expect(RGBColor(hex: "# 12345") == nil)
        #expect(RGBColor(hex: "#1f3F8f") == RGBColor(red: 0x1f, green: 0x3f, blue: 0x8f))
    }

    @Test func zoneReachMustBeAFiniteSaneDistance() throws {
        for bad in ["inf", "1e308", "nan", "0x1p5", "-5", "0", "1001"] {
            let t = try theatre { try append("zone_reach_km\t\(bad)\n", to: $0.appendingPathComponent("theatre.tsv")) }
            defer { try? FileManager.default.removeItem(at: t) }
            let d = Theatre.check(directory: t)
            #expect(d.count == 1 && d[0].field == "zone_reach_km" && d[0].location.line == 13, "\(bad): \(d)")
        }
        let t = try theatre { try append("zone_reach_km\t45.5\n", to: $0.appendingPathComponent("theatre.tsv")) }
        defer { try? FileManager.default.removeItem(at: t) }
        #expect(try Theatre.load(directory: t).settings.zoneReachKilometers == 45.5)
    }

    @Test func aHexadecimalOrInfiniteLatitudeIsRefused() throws {
        let header = Gazetteer.columns.joined(separator: "\t")
        for bad in ["0x1p5", "inf", "nan"] {
            let text = header + "\nx\tX\t\t\t\(bad)\t13\ttown\t\tosm:node/1\n"
            let url = FileManager.default.temporaryDirectory.appendingPathComponent("gaz-\(UUID().uuidString).tsv")
            try text.write(to: url, atomically: true, encoding: .utf8)
            defer { try? FileManager.default.removeItem(at: url) }
            let error = try #require(throws: DataError.self) { try Gazetteer.load(contentsOf: url, displayPath: "g.tsv") }
            #expect(error.description == "g.tsv:2: lat: '\(bad)' is not a latitude")
        }
    }

    @Test func badUTF8InEachFileNamesItsLine() throws {
        for file in ["events.tsv", "factions.tsv", "theatre.tsv", "gazetteer.tsv"] {
            let t = try theatre { folder in
                var data = try Data(contentsOf: folder.appendingPathComponent(file))
                data.append(contentsOf: [0x0A, 0x78, 0xC3, 0x28, 0x0A])  // a broken two-byte sequence on a new last line
                try data.write(to: folder.appendingPathComponent(file))
            }
            defer { try? FileManager.default.removeItem(at: t) }
            let lines = try String(contentsOf: Fixture.url("theatre-good").appendingPathComponent(file == "gazetteer.tsv" ? "../gazetteer.tsv" : file), encoding: .utf8)
                .split(separator: "\n", omittingEmptySubsequences: false).count
            let d = Theatre.check(directory: t)
            #expect(d.count == 1, "\(file): \(d.prefix(3))")
            #expect(d.first?.location.line == lines + 1, "\(file): \(d)")
            #expect(d.first?.message == "column 2: not valid UTF-8 (save the file as UTF-8)", "\(file): \(d)")
        }
    }

    @Test func aHeaderOnlyGazetteerSaysSoOnce() throws {
        let t = try theatre { try (Gazetteer.columns.joined(separator: "\t") + "\n").write(to: $0.appendingPathComponent("gazetteer.tsv"), atomically: true, encoding: .utf8) }
        defer { try? FileManager.default.removeItem(at: t) }
        let d = Theatre.check(directory: t)
        #expect(d.map(\.message) == ["the gazetteer has no places: every event needs one"])
    }

    @Test func theatreFoldersThatCannotBeRead() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("not-a-folder-\(UUID().uuidString)")
        try "x".write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        #expect(Theatre.check(directory: file).map(\.message) == ["this is a file; --theatre takes the folder that holds theatre.tsv"])
        #expect(Theatre.check(directory: file.appendingPathExtension("gone")).map(\.message) == ["the theatre folder does not exist"])
    }

    /// `../../gazetteer/libya.tsv` in a theatre copied elsewhere: the message says what was tried, relative to what.
    @Test func aMovedTheatreSaysWhichPathItTried() throws {
        let t = try theatre { folder in
            let url = folder.appendingPathComponent("theatre.tsv")
            try (try String(contentsOf: url, encoding: .utf8)).replacingOccurrences(of: "\tgazetteer.tsv", with: "\t../../gazetteer/libya.tsv")
                .write(to: url, atomically: true, encoding: .utf8)
        }
        defer { try? FileManager.default.removeItem(at: t) }
        let d = Theatre.check(directory: t)
        let tried = t.appendingPathComponent("../../gazetteer/libya.tsv").standardizedFileURL.path
        #expect(d.map(\.description) == [
            "\(t.appendingPathComponent("theatre.tsv").path):5: gazetteer: '../../gazetteer/libya.tsv', relative to the theatre folder \(t.standardizedFileURL.path), is \(tried), which does not exist",
        ])
    }

    @Test func aMissingBasemapFileIsADataErrorOfTheSettings() throws {
        let t = try theatre { try FileManager.default.removeItem(at: $0.appendingPathComponent("none.geojson")) }
        defer { try? FileManager.default.removeItem(at: t) }
        let d = Theatre.check(directory: t)
        #expect(d.map(\.field) == ["basemap.countries", "basemap.coast", "basemap.borders"])
        #expect(d.map(\.location.line) == [8, 9, 10])
    }
}

@Suite struct ACLEDBadInputTests {
    let header = ACLEDImport.requiredColumns.joined(separator: ",")
    let actors = [ACLEDImport.ActorMapping(parsing: "Government of National Accord=gna")!]

    func run(_ rows: [String]) throws -> ACLEDImport.Outcome {
        try ACLEDImport.run(csv: ([header] + rows).joined(separator: "\n") + "\n", path: "a.csv", gazetteer: Fixture.gazetteer,
                            factions: Fixture.factions, timeline: nil, actors: actors)
    }

    func row(lat: String, lon: String, location: String = "Nowhere") -> String {
        "LBY1,05 June 2020,1,Government regains territory,Government of National Accord,\(location),\(lat),\(lon),1,x,y"
    }

    @Test func notANumberIsNotACoordinate() throws {
        for (lat, lon, field) in [("nan", "13", "latitude"), ("inf", "13", "latitude"), ("0x1p5", "13", "latitude"), ("32", "-inf", "longitude"), ("91", "13", "latitude")] {
            let outcome = try run([row(lat: lat, lon: lon)])
            #expect(outcome.problems.map(\.description) == ["a.csv:2: \(field): '\(field == "latitude" ? lat : lon)' is not a \(field)"])
            #expect(outcome.rows.isEmpty)
        }
        #expect(try run([row(lat: "32.4", lon: "13.1")]).problems.isEmpty)
    }

    @Test func anUnclosedQuoteIsReportedWithItsLine() throws {
        let error = try #require(throws: DataError.self) {
            try run([row(lat: "32", lon: "13"), row(lat: "32", lon: "13"), "LBY3,05 June 2020,1,\"Government regains territory,x", row(lat: "32", lon: "13")])
        }
        #expect(error.description == "a.csv:4: a quoted field opened on line 4 is never closed")
    }

    /// Found by the fuzzer: a CRLF inside a quoted note stayed in the candidate
    /// row ("\r\n" is one Character, so splitting on "\n" and "\r" missed it)
    /// and broke the printed TSV.
    @Test func lineBreaksInsideQuotedNotesNeverReachTheTSV() throws {
        let outcome = try run(["LBY1,05 June 2020,1,Government regains territory,Government of National Accord,Tarhuna,32.435,13.633,1,src,\"x\r\ny\""])
        #expect(outcome.problems.isEmpty, "\(outcome.problems)")
        #expect(outcome.rows.count == 1)
        #expect(outcome.rows.allSatisfy { $0.allSatisfy { !$0.contains("\r") && !$0.contains("\n") && !$0.contains("\t") } }, "\(outcome.rows)")
        #expect(outcome.rows.first?[6].hasSuffix("x y") == true, "\(outcome.rows)")
    }

    @Test func quotedFieldsKeepTheirLines() throws {
        let records = try CSV.parse("a,b\n\"x\ny\",2\r\n\n3,\"\"\"q\"\"\"\n")
        #expect(records.map(\.line) == [1, 2, 5])
        #expect(records.map(\.fields) == [["a", "b"], ["x\ny", "2"], ["3", "\"q\""]])
    }
}

@Suite struct SuggestIndexTests {
    /// The prepared index (length window, letter histograms, early cut-off) gives
    /// the answer of the plain scan over every candidate.
    @Test func agreesWithThePlainScan() {
        var random = SeededRandom(seed: 15)
        let letters = Array("abcdeiklmnorstuzاترهونة -")
        func word() -> String { String((0..<Int.random(in: 2...14, using: &random)).map { _ in letters.randomElement(using: &random)! }) }
        let candidates = (0..<300).map { _ in word() }
        let index = Suggest.Index(candidates)
        func plain(_ query: String) -> String? {
            let q = query.lowercased().unicodeScalars.map(\.value)
            var best: (String, Int)? = nil
            for c in candidates {
                let s = c.lowercased().unicodeScalars.map(\.value)
                let limit = max(1, max(q.count, s.count) / 3)
                let d = Suggest.distance(q, s)!
                if d <= limit, best == nil || d < best!.1 { best = (c, d) }
            }
            return best?.0
        }
        var found = 0
        for _ in 0..<2000 {
            var q = Array(candidates.randomElement(using: &random)!)
            for _ in 0..<Int.random(in: 0...3, using: &random) where !q.isEmpty {
                q[Int.random(in: 0..<q.count, using: &random)] = letters.randomElement(using: &random)!
            }
            let query = Bool.random(using: &random) ? String(q) : word()
            let expected = plain(query)
            if expected != nil { found += 1 }
            #expect(index.closest(to: query) == expected, "\(query)")
        }
        #expect(found > 500, "the test must exercise matches, not only misses")
    }
}

@Suite struct ACLEDHelperTests {
    @Test func cleanTurnsBreaksIntoSingleSpaces() {
        #expect(ACLEDImport.clean("plain text") == "plain text")
        #expect(ACLEDImport.clean("two\nlines\r\nand\ttabs") == "two lines and tabs")
        #expect(ACLEDImport.clean("\n\t x \n") == "x")
        #expect(ACLEDImport.clean("") == "")
        #expect(ACLEDImport.clean("a\r\nb") == "a b", "CRLF is one Character but two bytes to replace")
        #expect(ACLEDImport.clean("ترهونة\nطرابلس") == "ترهونة طرابلس")
    }

    /// The box filter before the haversine changes no answer.
    @Test func nearestWithinALimitMatchesTheFullScan() {
        var random = SeededRandom(seed: 3)
        let g = Fixture.gazetteer
        for _ in 0..<2000 {
            let p = GeoPoint(latitude: Double.random(in: 31...33.5, using: &random), longitude: Double.random(in: 11...17, using: &random))
            let full = g.places.map { ($0, ACLEDImport.greatCircleKilometers(p, $0.location)) }.filter { $0.1 <= 10 }.min { $0.1 < $1.1 }
            let fast = ACLEDImport.nearest(to: p, in: g, within: 10)
            #expect(fast?.0.id == full?.0.id && fast?.1 == full?.1)
        }
        #expect(ACLEDImport.nearest(to: GeoPoint(latitude: 32.435, longitude: 13.64), in: g, within: 10)?.0.id == "tarhuna")
    }
}
