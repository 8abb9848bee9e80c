import Foundation
import FrontlineCore
import Testing
@testable import Timeline

@Suite struct TheatreTests {
    var good: URL { Fixture.url("theatre-good") }
    var broken: URL { Fixture.url("theatre-broken") }

    @Test func loadsAGoodTheatre() throws {
        let t = try Theatre.load(directory: good)
        #expect(t.factions.map(\.id) == ["gna", "lna"])
        #expect(t.faction(id: "lna")?.short == "LNA")
        #expect(t.faction(id: "isis") == nil)
        #expect(t.gazetteer.places.count == 6)
        #expect(t.events.count == 16)
        #expect(t.warnings.isEmpty)
        #expect(t.timeline.firstDay == Day(year: 2019, month: 4, day: 3))
        #expect(Theatre.check(directory: good).isEmpty)
    }

    @Test func dateCoverage() throws {
        let t = try Theatre.load(directory: good)
        #expect(throws: DataError.self) { try t.requireCovered(Day(year: 2019, month: 4, day: 2)!) }
        #expect(try t.requireCovered(Day(year: 2019, month: 4, day: 3)!) == nil)
        #expect(try t.requireCovered(Day(year: 2021, month: 1, day: 1)!)?.contains("after the last event (2020-06-30)") == true)
    }

    @Test func checkListsEveryProblemOfEveryFile() {
        let diagnostics = Theatre.check(directory: broken)
        let summary = diagnostics.map { "\(URL(fileURLWithPath: $0.location.file).lastPathComponent):\($0.location.line)" }
        #expect(summary == ["factions.tsv:4", "factions.tsv:5", "factions.tsv:6",
                            "events.tsv:3", "events.tsv:4", "events.tsv:6", "events.tsv:7", "events.tsv:8", "events.tsv:9"])
        #expect(diagnostics.filter { $0.severity == .warning }.map(\.location.line) == [9])
    }

    @Test func loadingABrokenTheatreThrowsEveryError() throws {
        let error = try #require(throws: DataError.self) { try Theatre.load(directory: broken) }
        #expect(error.diagnostics.filter { $0.severity == .error }.count == 8)
        #expect(error.description.contains("did you mean Tarhuna?"))
    }

    @Test func aFolderWithoutSettingsIsNotATheatre() {
        let d = Theatre.check(directory: Fixture.folder)
        #expect(d.count == 1)
        #expect(d.first?.message.contains("not a theatre folder") == true)
    }

    @Test func placeQueriesTakeAnySpellingAndSuggest() throws {
        let t = try Theatre.load(directory: good)
        #expect(try t.place(named: "ترهونة").id == "tarhuna")
        #expect(try t.place(named: "sirte").id == "sirte")
        // A query (unlike an event-log row) may be misspelt: the closest place is taken.
        let fuzzy = try t.placeMatch(named: "Tarhuxa")
        #expect(fuzzy.place.id == "tarhuna" && fuzzy.method == .fuzzy)
        let error = try #require(throws: DataError.self) { try t.place(named: "Qwertyuiop") }
        #expect(error.description.contains("unknown place 'Qwertyuiop'"))
    }

    @Test func factionsFileProblems() throws {
        let text = "id\tname\tname_ar\tcolor\tshort\trole\ngna\tG\t\t#1f3f8f\tGNA\tbelligerent\ncontested\tC\t\t#000000\tC\tbelligerent\n"
            + "gna\tDup\t\t#000000\tD\tbelligerent\nlna\tL\t\t#12345\tL\tbelligerent\n"
        let (factions, problems) = Faction.parse(try TSVTable(text: text, path: "factions.tsv", required: Faction.columns))
        #expect(factions.map(\.id) == ["gna"])
        #expect(problems.map(\.location.line) == [3, 4, 5])
        #expect(problems.map(\.field) == ["id", "id", "color"])
        #expect(problems[0].message.contains("reserved"))
        #expect(problems[1].message.contains("duplicate faction id 'gna' (first on line 2)"))
    }

    @Test func factionRolesAndTheDefaultForFilesWithoutThem() throws {
        let text = "id\tname\tname_ar\tcolor\tshort\trole\ngna\tG\t\t#1f3f8f\tGNA\tbelligerent\nlocal\tL\t\t#7f9a7a\tL\tlocal\n"
            + "bw\tB\t\t#7f9a7a\tB\tneutral\nx\tX\t\t#000000\tX\tbystander\n"
        let (factions, problems) = Faction.parse(try TSVTable(text: text, path: "factions.tsv", required: Faction.columns))
        #expect(factions.map(\.role) == [.belligerent, .neutral, .neutral])
        #expect(problems.map(\.location.line) == [5] && problems.first?.field == "role" && problems.first?.severity == .error)
        // An old file without the column: every faction a belligerent, and a warning that says so.
        let old = "id\tname\tname_ar\tcolor\tshort\ngna\tG\t\t#1f3f8f\tGNA\nlocal\tL\t\t#7f9a7a\tL\n"
        let (oldFactions, oldProblems) = Faction.parse(try TSVTable(text: old, path: "factions.tsv", required: Faction.columns))
        #expect(oldFactions.map(\.role) == [.belligerent, .belligerent])
        #expect(oldProblems.count == 1 && oldProblems[0].severity == .warning && oldProblems[0].field == "role")
        #expect(oldProblems[0].message.contains("every faction is taken as a belligerent"))
    }

    @Test func stateOutputsAreDeterministicAndWellFormed() throws {
        let t = try Theatre.load(directory: good)
        let state = t.timeline.state(at: Day(year: 2020, month: 6, day: 6)!)
        let json = StateOutput.json(state)
        #expect(json == StateOutput.json(t.timeline.state(at: Day(year: 2020, month: 6, day: 6)!)))
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        #expect(object?["date"] as? String == "2020-06-06")
        let places = try #require(object?["places"] as? [[String: Any]])
        let sirte = try #require(places.first { $0["id"] as? String == "sirte" })
        #expect(sirte["controller"] as? String == "contested")
        #expect(Set(sirte.keys).isSuperset(of: ["id", "name", "name_ar", "lat", "lon", "coordinate_precision_km", "controller", "status",
                                                "since", "date_precision", "source"]))
        #expect(sirte["status"] as? String == "confirmed" || sirte["status"] as? String == "claimed")
        #expect(sirte["date_precision"] as? String == "day")
        let geo = try JSONSerialization.jsonObject(with: Data(StateOutput.geoJSON(state).utf8)) as? [String: Any]
        #expect((geo?["features"] as? [Any])?.count == 6)
        let csv = try CSV.parse(StateOutput.csv(state))
        #expect(csv.first?.fields == ["id", "name", "name_ar", "lat", "lon", "coordinate_precision_km", "controller", "status",
                                      "since", "date_precision", "source"])
        #expect(csv.count == 7)
        #expect(JSONText.string("a\"b\\c\n\u{1}") == "\"a\\\"b\\\\c\\n\\u0001\"")
    }

    /// title.VIEW gives a view its own title; naming a view that does not exist is an error on its line.
    @Test func viewTitles() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("timeline-titles-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        // The good theatre's files beside the new settings.
        for name in ["events.tsv", "factions.tsv", "none.geojson"] {
            try FileManager.default.copyItem(at: good.appendingPathComponent(name), to: folder.appendingPathComponent(name))
        }
        try FileManager.default.copyItem(at: Fixture.url("gazetteer.tsv"), to: folder.appendingPathComponent("gazetteer.tsv"))
        let base = try String(contentsOf: good.appendingPathComponent("theatre.tsv"), encoding: .utf8)
            .replacingOccurrences(of: "../gazetteer.tsv", with: "gazetteer.tsv")
        let view = try #require(try TheatreSettings.load(directory: good).views.first?.name)
        try (base + "title.\(view)\tOwn title\ntitle_ar.\(view)\tعنوان\n").write(to: folder.appendingPathComponent("theatre.tsv"), atomically: true, encoding: .utf8)
        let settings = try TheatreSettings.load(directory: folder)
        #expect(settings.title(ofView: view) == ("Own title", "عنوان"))
        #expect(settings.title(ofView: nil).title == settings.title)
        try (base + "title.nowhere\tX\n").write(to: folder.appendingPathComponent("theatre.tsv"), atomically: true, encoding: .utf8)
        let error = try #require(throws: DataError.self) { try TheatreSettings.load(directory: folder) }
        #expect(error.diagnostics.first?.field == "title.nowhere")
        #expect(error.diagnostics.first?.message.contains("is not one of the views") == true)
    }

    /// The close-up coast files are optional; named, they must exist, and come all three.
    @Test func detailBasemapSettings() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("timeline-detail-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let base = try String(contentsOf: good.appendingPathComponent("theatre.tsv"), encoding: .utf8)
            .replacingOccurrences(of: "../gazetteer.tsv", with: "gazetteer.tsv")
        try FileManager.default.copyItem(at: Fixture.url("gazetteer.tsv"), to: folder.appendingPathComponent("gazetteer.tsv"))
        for name in ["none.geojson", "factions.tsv", "events.tsv"] {
            try FileManager.default.copyItem(at: good.appendingPathComponent(name), to: folder.appendingPathComponent(name))
        }
        func settings(_ extra: String) throws -> TheatreSettings {
            try (base + extra).write(to: folder.appendingPathComponent("theatre.tsv"), atomically: true, encoding: .utf8)
            return try TheatreSettings.load(directory: folder)
        }
        #expect(try settings("").basemap.detailLand == nil)
        try "{}".write(to: folder.appendingPathComponent("land.geojson"), atomically: true, encoding: .utf8)
        try "{}".write(to: folder.appendingPathComponent("coast.geojson"), atomically: true, encoding: .utf8)
        try "{}".write(to: folder.appendingPathComponent("borders.geojson"), atomically: true, encoding: .utf8)
        let all = "basemap.detail_land\tland.geojson\nbasemap.detail_coast\tcoast.geojson\nbasemap.detail_borders\tborders.geojson\n"
        let loaded = try settings(all)
        #expect(loaded.basemap.detailLand?.lastPathComponent == "land.geojson")
        #expect(loaded.basemap.detailCoast?.lastPathComponent == "coast.geojson")
        #expect(loaded.basemap.detailBorders?.lastPathComponent == "borders.geojson")

        let line = base.split(separator: "\n", omittingEmptySubsequences: false).count  // the first added row's line
        let missing = try #require(throws: DataError.self) {
            try settings(all.replacingOccurrences(of: "\tland.geojson", with: "\tnope.geojson"))
        }
        #expect(missing.diagnostics.map(\.description) == [
            "\(folder.appendingPathComponent("theatre.tsv").path):\(line): basemap.detail_land: 'nope.geojson', relative to the theatre folder \(folder.standardizedFileURL.path), is \(folder.appendingPathComponent("nope.geojson").standardizedFileURL.path), which does not exist",
        ])
        let alone = try #require(throws: DataError.self) { try settings("basemap.detail_coast\tcoast.geojson\n") }
        #expect(alone.diagnostics.count == 1)
        #expect(alone.diagnostics.first?.location.line == line && alone.diagnostics.first?.field == "basemap.detail_land")
        #expect(alone.diagnostics.first?.message.contains("'basemap.detail_land' is missing") == true)
    }

    @Test func unknownControllerIsNullInJSON() throws {
        let t = try Theatre.load(directory: good)
        let json = StateOutput.json(t.timeline.state(at: Day(year: 2019, month: 1, day: 1)!))
        #expect(json.contains("\"controller\":null,\"status\":null,\"since\":null,\"date_precision\":null,\"source\":null"))
    }
}

@Suite struct TheatreCascadeTests {
    /// A faction row with a bad colour is one error, not one more per event of that faction.
    @Test func aBadFactionRowDoesNotCascadeIntoTheEvents() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("timeline-cascade-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let good = Fixture.url("theatre-good")
        let settings = try String(contentsOf: good.appendingPathComponent("theatre.tsv"), encoding: .utf8)
            .replacingOccurrences(of: "../gazetteer.tsv", with: "gazetteer.tsv")
        try settings.write(to: folder.appendingPathComponent("theatre.tsv"), atomically: true, encoding: .utf8)
        try FileManager.default.copyItem(at: good.appendingPathComponent("events.tsv"), to: folder.appendingPathComponent("events.tsv"))
        try FileManager.default.copyItem(at: Fixture.url("gazetteer.tsv"), to: folder.appendingPathComponent("gazetteer.tsv"))
        try FileManager.default.copyItem(at: good.appendingPathComponent("none.geojson"), to: folder.appendingPathComponent("none.geojson"))
        try "id\tname\tname_ar\tcolor\tshort\trole\ngna\tGNA\t\t#1f3f8f\tGNA\tbelligerent\nlna\tLNA\t\tamber\tLNA\tbelligerent\n"
            .write(to: folder.appendingPathComponent("factions.tsv"), atomically: true, encoding: .utf8)
        let diagnostics = Theatre.check(directory: folder)
        #expect(diagnostics.count == 1, "\(diagnostics)")
        #expect(diagnostics.first?.field == "color")
    }
}
