import Foundation
import FrontlineCore
import Testing
@testable import Gazetteer

/// Every coordinate of the gazetteer against the public records vendored in
/// `gazetteer/sources/` (issue 10): each row is its record's, to 100 m, and the
/// record bears its name; approximate rows say how approximate and why.
@Suite struct GazetteerSourceTests {
    static let records: ReferenceRecords = {
        do {
            return try ReferenceRecords(directory: TestData.root.appendingPathComponent("gazetteer/sources"), displayDirectory: "gazetteer/sources")
        } catch {
            fatalError("gazetteer/sources does not load: \(error)")
        }
    }()

    private func audit(_ file: String) -> [Diagnostic] {
        GazetteerAudit.check(contentsOf: TestData.root.appendingPathComponent(file), displayPath: file, records: Self.records)
    }

    /// Audits TSV text written to a temporary file (a row or two under the header).
    private func audit(rows: [String]) throws -> [Diagnostic] {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("gazetteer-audit-\(UUID().uuidString).tsv")
        try ([Gazetteer.columns.joined(separator: "\t")] + rows).joined(separator: "\n").write(to: url, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: url) }
        return GazetteerAudit.check(contentsOf: url, displayPath: "test.tsv", records: Self.records)
    }

    @Test func theVendoredRecordsAreAllThere() {
        // About 900 OSM place nodes, 52 DAFIF and 18 OurAirports airfields, 119 GeoNames places.
        #expect(Self.records.count > 1000)
        #expect(Self.records[SourceRecord(reference: .dafif, key: "HL69")] != nil)
        #expect(Self.records[SourceRecord(reference: .osm, key: "1565509495")] != nil)
    }

    @Test func everyCuratedRowIsItsRecordOrSaysHowApproximate() {
        let problems = audit("gazetteer/libya.tsv")
        #expect(problems.isEmpty, "\(problems.map(\.description).joined(separator: "\n"))")
    }

    @Test func everyOSMRowIsItsNode() {
        let problems = audit("gazetteer/libya-osm.tsv").filter { $0.severity == .error }
        #expect(problems.isEmpty, "\(problems.prefix(20).map(\.description).joined(separator: "\n"))")
    }

    /// Most rows have a record; approximate ones are the few places no record has.
    @Test func fewRowsAreApproximate() {
        let places = TestData.libya.places
        let approximate = places.filter { $0.approximateKilometers != nil }
        #expect(places.count > 150)
        #expect(approximate.count * 5 < places.count, "\(approximate.count) of \(places.count) rows are approx.")
        for p in places where p.approximateKilometers == nil {
            #expect(SourceRecord(source: p.source) != nil, "\(p.id): '\(p.source)'")
        }
    }

    @Test func aRowAwayFromItsRecordIsAnError() throws {
        // al-Urban's node, with the coordinate the gazetteer had before (33 km west).
        let problems = try audit(rows: ["al_urban\tal-Urban\tالعربان\t\t32.0700\t12.9000\tvillage\tJabal al Gharbi\tosm:node/1565509495"])
        #expect(problems.count == 1)
        #expect(problems.first?.description.contains("test.tsv:2: lat: al_urban is 33.") == true, "\(problems)")
    }

    @Test func aRecordOfAnotherNameIsAnError() throws {
        // al-Urban's coordinate, cited by the node of al-Asabaa.
        let node = try #require(Self.records[SourceRecord(reference: .osm, key: "1565508963")])
        let row = "al_urban\tal-Urban\tالعربان\t\t\(node.location.latitude)\t\(node.location.longitude)\tvillage\t\tosm:node/1565508963"
        let problems = try audit(rows: [row])
        #expect(problems.map(\.field) == ["source"])
        #expect(problems.first?.message.contains("none of the row's names") == true)
        // The same row is fine when the note quotes the record's name, as an oil field cited by its airstrip does.
        #expect(try audit(rows: [row + " (OSM names it الأصابعة)"]).isEmpty)
    }

    @Test func unknownRecordsAndUnstatedPrecisionAreErrors() throws {
        let problems = try audit(rows: [
            "a\tA\tأ\t\t32.0\t13.0\tvillage\t\tosm:node/1",
            "b\tB\tب\t\t32.0\t13.0\tvillage\t\tapprox. (somewhere south)",
            "c\tC\tت\t\t32.0\t13.0\tvillage\t\tGeoNames via some database",
            "d\tD\tث\t\t32.0\t13.0\tcamp\t\tapprox. 2 km: a camp",
            "Bad Id\tE\tج\ta||b\t32.0\t13.0\tcamp\t\tapprox. 2 km: a camp",
        ])
        #expect(problems.map(\.location.line) == [2, 3, 4, 6, 6])
        #expect(problems[0].message.contains("not in gazetteer/sources"))
        #expect(problems[1].message.contains("approx. N km: reason"))
        #expect(problems[2].message.contains("names no record"))
        #expect(problems.filter { $0.location.line == 6 }.map(\.field) == ["id", "alt_names"])
    }

    @Test func anApproximateRowWithARecordOfItsNameNearbyIsWarned() throws {
        // al-Urban as the old row had it: approximate, 33 km from its node, is not warned (beyond 30 km) …
        let far = try audit(rows: ["al_urban\tal-Urban\tالعربان\t\t32.0700\t12.9000\tvillage\t\tapprox. 5 km: between Gharyan and al-Asabaa"])
        #expect(far.isEmpty)
        // … but 10 km from it, it is: the node is probably the place.
        let near = try audit(rows: ["al_urban\tal-Urban\tالعربان\t\t32.0382\t13.1500\tvillage\t\tapprox. 5 km: east of Gharyan"])
        #expect(near.map(\.severity) == [.warning])
        #expect(near.first?.message.contains("osm:node/1565509495") == true)
    }

    /// DAFIF and OurAirports against a third airfield list (`airportsdata`, cited by
    /// no row): each airfield row agrees with it, where it lists one of the row's codes.
    @Test func airfieldsAgreeWithAirportsdata() throws {
        let table = try TSVTable(contentsOf: TestData.root.appendingPathComponent("gazetteer/sources/airportsdata-airfields.tsv"),
                                 required: ["icao", "lat", "lon"])
        var byCode: [String: GeoPoint] = [:]
        for row in table.rows {
            byCode[row["icao"]] = GeoPoint(latitude: Double(row["lat"]) ?? .nan, longitude: Double(row["lon"]) ?? .nan)
        }
        var compared = 0
        for p in TestData.libya.places {
            guard let record = SourceRecord(source: p.source), record.reference == .dafif || record.reference == .ourairports else { continue }
            for code in Set([record.key] + p.alternateNames) {
                guard let other = byCode[code] else { continue }
                compared += 1
                #expect(Ranking.kilometres(p.location, other) < 3, "\(p.id): \(code) in airportsdata is \(Ranking.kilometres(p.location, other)) km away")
            }
        }
        #expect(compared >= 15)
    }

    @Test func sourceRecordsParse() {
        #expect(SourceRecord(source: "osm:node/1565509495") == SourceRecord(reference: .osm, key: "1565509495"))
        #expect(SourceRecord(source: "dafif:HL69 (DAFIF Al Jufra)") == SourceRecord(reference: .dafif, key: "HL69"))
        #expect(SourceRecord(source: "wikipedia:Leptis_Magna")?.description == "wikipedia:Leptis_Magna")
        #expect(SourceRecord(source: "osm:way/12") == nil)
        #expect(SourceRecord(source: "approx. 3 km: junction") == nil)
        #expect(SourceRecord(source: "Wikipedia (Tripoli)") == nil)
        #expect(SourceRecord(source: "geonames:") == nil)
    }

    /// The traps of the issue, kept apart by their records.
    @Test func theTrapsAreTheirOwnPlaces() throws {
        let g = TestData.libya
        let village = try #require(g.place(id: "al_watiya")), base = try #require(g.place(id: "al_watiya_airbase"))
        #expect(village.longitude < base.longitude)   // the village lies west of the air base
        #expect((8...14).contains(Ranking.kilometres(village.location, base.location)))
        let asabaa = try #require(g.place(id: "al_asabaa")), espiaa = try #require(g.place(id: "espiaa"))
        #expect(Ranking.kilometres(asabaa.location, espiaa.location) > 50)
        #expect(g.resolve("الأصابعة").match?.place.id == "al_asabaa")
        #expect(g.resolve("السبيعة").match?.place.id == "espiaa")
        let imsihil = try #require(g.place(id: "suq_al_khamis_imsihil")), khoms = try #require(g.place(id: "suq_al_khamis_khoms"))
        #expect(Ranking.kilometres(imsihil.location, khoms.location) > 80)
        #expect(imsihil.source != khoms.source)
        // HLZA is the Zella 74 airstrip, not al-Jufra.
        #expect(g.resolve("HLZA").match?.place.id != "jufra_airbase")
        #expect(g.resolve("HL69").match?.place.id == "jufra_airbase")
    }
}
