import Foundation
import FrontlineCore
import Gazetteer
import Testing
@testable import Timeline

/// A theatre's gazetteer files (`gazetteer`, `gazetteer.extra`) and the checks
/// `frontline check` adds to loading (records, seed quotes).
@Suite struct TheatreGazetteerTests {
    var good: URL { Fixture.url("theatre-good") }
    /// The package root: this file is Tests/TimelineTests/TheatreGazetteerTests.swift.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Great-circle distance in km (haversine), for the merge radius.
    static func kilometres(_ a: GeoPoint, _ b: GeoPoint) -> Double {
        let rad = Double.pi / 180
        let h = pow(sin((b.latitude - a.latitude) * rad / 2), 2)
            + cos(a.latitude * rad) * cos(b.latitude * rad) * pow(sin((b.longitude - a.longitude) * rad / 2), 2)
        return 2 * 6371 * asin(min(1, sqrt(h)))
    }

    /// A copy of the good theatre in a temporary folder, with extra settings and files.
    private func theatre(settings extra: String, files: [String: String]) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("theatre-gazetteer-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for name in ["events.tsv", "factions.tsv"] {
            try FileManager.default.copyItem(at: good.appendingPathComponent(name), to: folder.appendingPathComponent(name))
        }
        try FileManager.default.copyItem(at: Fixture.url("gazetteer.tsv"), to: folder.appendingPathComponent("gazetteer.tsv"))
        let settings = try String(contentsOf: good.appendingPathComponent("theatre.tsv"), encoding: .utf8)
            .replacingOccurrences(of: "../gazetteer.tsv", with: "gazetteer.tsv")
        try (settings + extra).write(to: folder.appendingPathComponent("theatre.tsv"), atomically: true, encoding: .utf8)
        for (name, text) in files {
            try text.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        return folder
    }

    @Test func extraGazetteersAreMergedUnderTheCuratedOne() throws {
        let header = Gazetteer.columns.joined(separator: "\t")
        let extra = [header,
                     // The same place as the curated Tarhuna (a name within 10 km): merged into it.
                     "osm_1\tTarhunah town\tترهونة\t\t32.4346\t13.6351\ttown\t\tosm:node/1",
                     // A village only this file knows.
                     "osm_2\tFunqul\tفنقل\tFanaqal\t25.9252\t14.2726\tvillage\t\tosm:node/2",
                     // An id the curated file has: dropped, the curated row wins.
                     "sirte\tNot Sirte\t\t\t30.0\t20.0\tvillage\t\tosm:node/3"].joined(separator: "\n")
        let folder = try theatre(settings: "gazetteer.extra\tosm.tsv\n", files: ["osm.tsv": extra])
        let t = try Theatre.load(directory: folder)
        try? FileManager.default.removeItem(at: folder)
        #expect(t.gazetteer.places.count == 7)
        #expect(try t.place(named: "Tarhunah town").id == "tarhuna")
        #expect(try t.place(named: "Fanaqal").id == "osm_2")
        #expect(t.gazetteer.place(id: "sirte")?.name == "Sirte")
        // The map's places are the event log's, not the gazetteer's.
        let drawn = t.timeline.places.map(\.id)
        #expect(!drawn.contains("osm_2"))
    }

    @Test func aMissingExtraGazetteerIsAnError() throws {
        let folder = try theatre(settings: "gazetteer.extra\tnope.tsv\n", files: [:])
        let problems = Theatre.check(directory: folder)
        try? FileManager.default.removeItem(at: folder)
        let files = problems.map(\.location.file)
        #expect(files.count == 1)
        #expect(files.allSatisfy { $0.hasSuffix("nope.tsv") })
    }

    /// A `sources` folder beside the gazetteer makes `check` audit it: here the
    /// folder has no record files, so each is reported once, and loading is not affected.
    @Test func checkAuditsTheGazetteerAgainstASourcesFolder() throws {
        let folder = try theatre(settings: "", files: [:])
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("sources"), withIntermediateDirectories: true)
        let problems = Theatre.check(directory: folder)
        let loads = (try? Theatre.load(directory: folder)) != nil
        try? FileManager.default.removeItem(at: folder)
        let files = problems.map { URL(fileURLWithPath: $0.location.file).lastPathComponent }
        #expect(files == ["osm-places.tsv", "dafif-airfields.tsv", "ourairports-airfields.tsv", "geonames-places.tsv", "wikipedia-coordinates.tsv"])
        #expect(problems.allSatisfy { $0.message.contains("cannot read") })
        #expect(loads)
    }

    @Test func seedRowsMustQuoteTheirSeed() throws {
        let seeds = FileManager.default.temporaryDirectory.appendingPathComponent("seeds-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: seeds, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: seeds) }
        try "وقالت المصادر إن قوات الوفاق سيطرت على ترهونة.".write(to: seeds.appendingPathComponent("001_a.txt"), atomically: true, encoding: .utf8)
        let events = FileManager.default.temporaryDirectory.appendingPathComponent("events-\(UUID().uuidString).tsv")
        defer { try? FileManager.default.removeItem(at: events) }
        try [Fixture.header,
             "2020-06-05\tTarhuna\tlna\tgna\tcapture\tseeds/001_a.txt (Al Jazeera)\tقوات الوفاق سيطرت على ترهونة\tconfirmed",
             "2020-06-05\tTarhuna\tlna\tgna\tcapture\tseeds/001_a.txt (Al Jazeera)\tقوات الوفاق دخلت ترهونة\tconfirmed",
             "2020-06-05\tTarhuna\tlna\tgna\tcapture\tseeds/002_b.txt\tأي شيء\tconfirmed",
             "2020-06-05\tTarhuna\tlna\tgna\tcapture\tReuters 2020-06-05\t\tconfirmed"]
            .joined(separator: "\n").write(to: events, atomically: true, encoding: .utf8)
        let problems = SeedQuoteCheck.check(events: events, displayPath: "events.tsv", seeds: seeds)
        #expect(problems.map(\.description) == [
            "events.tsv:3: note: the note is not an exact quote from 001_a.txt",
            "events.tsv:4: source: the seed file '002_b.txt' is not in \(Theatre.displayPath(seeds))",
        ])
    }

    /// The embedded Libya theatre: every OSM place node is known to `resolve`,
    /// the event log still checks clean, and every place the event log or the
    /// list of needed places names resolves without guessing.
    @Test func theLibyaTheatreKnowsEveryVillage() throws {
        let folder = Self.root.appendingPathComponent("maps/libya")
        let t = try Theatre.load(directory: folder)
        let osm = try Gazetteer.load(contentsOf: Self.root.appendingPathComponent("gazetteer/libya-osm.tsv"))
        #expect(t.gazetteer.places.count > 800)
        let cited = Set(t.gazetteer.places.filter { !$0.isSupplement }.compactMap { SourceRecord(source: $0.source) })
        for p in osm.places {
            let found = t.gazetteer.resolve(p.name, options: ResolveOptions(near: p.location, limit: 50))
            // A node a curated row cites is that row; its name may be one another curated
            // place keeps (OSM's الوطية village beside the air base of that name).
            if let record = SourceRecord(source: p.source), cited.contains(record) {
                #expect(found.match != nil, "\(p.id) \(p.name)")
                continue
            }
            let ids = ([found.match] + found.alternatives).compactMap { $0?.place }
            // Either the node itself, or the curated row it was merged into (within 10 km).
            #expect(ids.contains { $0.id == p.id || Self.kilometres($0.location, p.location) <= Gazetteer.samePlaceKilometres },
                    "\(p.id) \(p.name)")
        }
        let problems = Theatre.check(directory: folder).filter { $0.severity == .error }
        #expect(problems.isEmpty, "\(problems.map(\.description))")
        // Every place the event log names is a curated row, never an OSM village of the same name.
        let fromOSM = t.timeline.places.filter(\.isSupplement).map(\.id)
        #expect(fromOSM.isEmpty, "\(fromOSM)")
        #expect(t.timeline.places.count > 100)
        let needed = try String(contentsOf: folder.appendingPathComponent("places-needed.txt"), encoding: .utf8)
        for line in needed.split(separator: "\n") where !line.hasPrefix("#") {
            for name in line.split(separator: "\t").prefix(2) {
                let match = t.gazetteer.resolve(String(name)).match
                #expect(match != nil && match?.method != .fuzzy, "\(name)")
            }
        }
    }
}
