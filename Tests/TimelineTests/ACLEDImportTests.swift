import Foundation
import FrontlineCore
import Testing
@testable import Timeline

@Suite struct ACLEDImportTests {
    let actors = [
        ACLEDImport.ActorMapping(parsing: "Government of National Accord=gna")!,
        ACLEDImport.ActorMapping(parsing: "libyan national army=lna")!,
    ]

    func run() throws -> ACLEDImport.Outcome {
        let text = try String(contentsOf: Fixture.url("acled-sample.csv"), encoding: .utf8)
        let gazetteer = Fixture.gazetteer
        let log = try Fixture.log(["2019-04-03|Tarhuna||lna|hold|s||confirmed", "2019-04-03|Watiya||lna|hold|s||confirmed"])
        let timeline = ControlTimeline(events: log.events, gazetteer: gazetteer)
        return try ACLEDImport.run(csv: text, path: "acled-sample.csv", gazetteer: gazetteer, factions: Fixture.factions,
                                   timeline: timeline, actors: actors)
    }

    @Test func keepsOnlyTerritoryChangesWithAMappedActor() throws {
        let outcome = try run()
        #expect(outcome.recordsRead == 6)
        #expect(outcome.territoryChanges == 5, "the armed clash is not a territory change")
        #expect(outcome.unmappedActors == ["Tebu Militia": 1])
        #expect(outcome.rows.count == 4)
        #expect(outcome.problems.isEmpty, "\(outcome.problems)")
        // Sorted by date: 2020-05-18, then 2020-06 (month precision, on 06-04), 06-05, 06-07.
        #expect(outcome.rows.map { $0[0] } == ["2020-05-18", "2020-06", "2020-06-05", "2020-06-07"])
        #expect(outcome.rows.allSatisfy { $0.count == EventLog.columns.count })
    }

    @Test func resolvesThroughTheGazetteerAndFillsFrom() throws {
        let tarhuna = try #require(try run().rows.first { $0[0] == "2020-06-05" })
        #expect(tarhuna[1] == "Tarhuna")
        #expect(tarhuna[2] == "lna", "from is the state the day before")
        #expect(tarhuna[3] == "gna")
        #expect(tarhuna[4] == "capture")
        #expect(tarhuna[5] == "ACLED LBY10001 (Libya Observer; Reuters)")
        #expect(tarhuna[6].contains("geo_precision 1"))
        #expect(tarhuna[6].contains("time_precision 1"))
        #expect(tarhuna[6].contains("\"the last LNA stronghold\""), "doubled quotes are unescaped")
        #expect(tarhuna[7] == "claimed")
    }

    @Test func fallsBackToACLEDCoordinates() throws {
        let rows = try run().rows
        let watiya = try #require(rows.first { $0[0] == "2020-05-18" })
        #expect(watiya[1] == "al-Watiya airbase", "placed by coordinates")
        #expect(watiya[6].contains("placed by ACLED coordinates 32.48,11.894"))
        #expect(!watiya[6].contains("\n"), "a line break in a quoted note must not break the row")
        let nowhere = try #require(rows.first { $0[0] == "2020-06-07" })
        #expect(nowhere[1] == "Bir Nowhere")
        #expect(nowhere[2] == "")
        #expect(nowhere[6].contains("not in the gazetteer; ACLED coordinates 27.0,18.0"))
        let gharyanArea = try #require(rows.first { $0[0] == "2020-06" })
        #expect(gharyanArea[3] == "lna")
        #expect(gharyanArea[6].contains("time_precision 3"))
    }

    @Test func summaryNamesWhatWasSkipped() throws {
        let summary = try run().summary
        #expect(summary.contains("6 ACLED rows read, 5 territory changes, 4 candidate rows printed"))
        #expect(summary.contains("Tebu Militia (1)"))
        #expect(summary.contains("Bir Nowhere"))
    }

    @Test func aMappingToAnUnknownFactionIsAnError() throws {
        #expect(throws: DataError.self) {
            try ACLEDImport.run(csv: "a,b\n", path: "x.csv", gazetteer: Fixture.gazetteer, factions: Fixture.factions,
                                timeline: nil, actors: [ACLEDImport.ActorMapping(pattern: "X", faction: "isis")])
        }
    }

    @Test func aFileWithoutACLEDColumnsIsAnError() throws {
        let error = try #require(throws: DataError.self) {
            try ACLEDImport.run(csv: "a,b\n1,2\n", path: "x.csv", gazetteer: Fixture.gazetteer, factions: Fixture.factions,
                                timeline: nil, actors: [])
        }
        #expect(error.description.hasPrefix("x.csv:1: header: not an ACLED export"))
    }

    @Test func datesInACLEDForms() {
        #expect(ACLEDImport.parseDate("05 June 2020") == Day(year: 2020, month: 6, day: 5))
        #expect(ACLEDImport.parseDate("5-Jun-2020") == Day(year: 2020, month: 6, day: 5))
        #expect(ACLEDImport.parseDate("2020-06-05") == Day(year: 2020, month: 6, day: 5))
        #expect(ACLEDImport.parseDate("31 February 2020") == nil)
        #expect(ACLEDImport.parseDate("yesterday") == nil)
    }
}

@Suite struct CSVTests {
    @Test func quotedFieldsCommasQuotesAndLineBreaks() throws {
        let records = try CSV.parse("a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\r\n,,\n")
        #expect(records.map(\.fields) == [["a", "b", "c"], ["x, y", "say \"hi\"", "two\nlines"], ["", "", ""]])
        #expect(records.map(\.line) == [1, 2, 4])
    }

    @Test func anUnclosedQuoteIsAnError() {
        #expect(throws: CSV.ParseError.self) { try CSV.parse("a,\"b\n") }
    }

    @Test func quoteRoundTrips() throws {
        let fields = ["plain", "with, comma", "with \"quote\"", " padded"]
        let line = fields.map(CSV.quote).joined(separator: ",")
        #expect(try CSV.parse(line).first?.fields == fields)
    }
}
