import FrontlineCore
import Testing
@testable import Timeline

/// One test per validation message, each asserting the line it points at.
@Suite struct EventLogTests {
    /// The only diagnostic of a log, which must be on `line` and mention `text`.
    func expectOnly(_ log: EventLog, line: Int, field: String?, contains text: String,
                    severity: Diagnostic.Severity = .error, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        #expect(log.diagnostics.count == 1, "\(log.diagnostics)", sourceLocation: sourceLocation)
        guard let d = log.diagnostics.first else { return }
        #expect(d.location.line == line, sourceLocation: sourceLocation)
        #expect(d.location.file == "events.tsv", sourceLocation: sourceLocation)
        #expect(d.field == field, sourceLocation: sourceLocation)
        #expect(d.severity == severity, sourceLocation: sourceLocation)
        #expect(d.message.contains(text), "\(d.message)", sourceLocation: sourceLocation)
        #expect(d.description.hasPrefix("events.tsv:\(line): "), sourceLocation: sourceLocation)
    }

    @Test func aCleanLogHasNoDiagnostics() throws {
        let log = try Fixture.log([
            "2019-04-03|Tarhuna||lna|hold|seed-01.txt|initial|confirmed",
            "2020-06-05|ترهونة|lna|gna|capture|Reuters|taken|confirmed",
            "2020-07|tarhuna|gna|gna|hold|AP|month precision|claimed",
        ])
        #expect(log.diagnostics.isEmpty, "\(log.diagnostics)")
        #expect(log.events.count == 3)
        #expect(log.events.map(\.placeID) == ["tarhuna", "tarhuna", "tarhuna"])
        #expect(log.events[2].precision == .month)
        #expect(log.events[2].status == .claimed)
    }

    @Test func unknownPlaceSuggestsTheClosestName() throws {
        let log = try Fixture.log(["2019-04-03|Tripoli||gna|hold|s||confirmed", "2019-04-03|Tarhuxa||lna|hold|s||confirmed"])
        expectOnly(log, line: 3, field: "place", contains: "unknown place 'Tarhuxa'; did you mean Tarhuna?")
    }

    @Test func unknownPlaceWithNothingCloseHasNoSuggestion() throws {
        let log = try Fixture.log(["2019-04-03|Benghazi||lna|hold|s||confirmed"])
        expectOnly(log, line: 2, field: "place", contains: "unknown place 'Benghazi'")
        #expect(!log.diagnostics[0].message.contains("did you mean"))
    }

    @Test func unknownFactionSuggestsTheClosestID() throws {
        let log = try Fixture.log(["2019-04-03|Tripoli||gnaa|hold|s||confirmed"])
        expectOnly(log, line: 2, field: "to", contains: "unknown faction 'gnaa'; did you mean gna?")
    }

    @Test func unknownFactionInFromAndInContested() throws {
        let log = try Fixture.log(["2019-04-03|Tripoli|isis|contested:gna+xyz|contest|s||confirmed"])
        #expect(log.diagnostics.map(\.location.line) == [2, 2])
        #expect(log.diagnostics.map(\.field) == ["from", "to"])
        #expect(log.diagnostics[1].message.contains("unknown faction 'xyz'"))
    }

    @Test func impossibleDate() throws {
        let log = try Fixture.log(["2019-04-03|Tripoli||gna|hold|s||confirmed", "2020-02-30|Tripoli|gna|lna|capture|s||confirmed"])
        expectOnly(log, line: 3, field: "date", contains: "'2020-02-30' is not a day of the calendar")
    }

    @Test func malformedDate() throws {
        let log = try Fixture.log(["5 June 2020|Tripoli||gna|hold|s||confirmed"])
        expectOnly(log, line: 2, field: "date", contains: "is not a date")
    }

    @Test func missingAndExtraColumns() throws {
        let log = try Fixture.log(["2019-04-03|Tripoli||gna|hold|s", "2019-04-03|Sirte||gna|hold|s||confirmed|extra"])
        #expect(log.diagnostics.map(\.location.line) == [2, 3])
        #expect(log.diagnostics[0].message.contains("6 fields where the header has 8 (missing column)"))
        #expect(log.diagnostics[1].message.contains("9 fields where the header has 8 (extra column)"))
        #expect(log.events.isEmpty)
    }

    @Test func unknownActionAndStatus() throws {
        let log = try Fixture.log(["2019-04-03|Tripoli||gna|seize|s||rumoured"])
        #expect(log.diagnostics.map(\.field) == ["action", "status"])
        #expect(log.diagnostics.allSatisfy { $0.location.line == 2 })
        #expect(log.diagnostics[0].message.contains("unknown action 'seize'; use one of capture, withdraw, contest, hold"))
        #expect(log.diagnostics[1].message.contains("unknown status 'rumoured'"))
    }

    @Test func fromThatContradictsTheState() throws {
        // File order differs from date order: the replay must sort by date first.
        let log = try Fixture.log([
            "2020-06-05|Tarhuna|gna|lna|capture|s||confirmed",
            "2019-04-03|Tarhuna||lna|hold|s||confirmed",
        ])
        expectOnly(log, line: 2, field: "from", contains: "'from' is gna but Tarhuna is lna on 2020-06-05 (line 3)")
    }

    @Test func holdThatContradictsTheState() throws {
        let log = try Fixture.log(["2019-04-03|Sirte||gna|hold|s||confirmed", "2019-05-01|Sirte||lna|hold|s||confirmed"])
        expectOnly(log, line: 3, field: "to", contains: "hold says lna but Sirte is gna")
    }

    @Test func twoChangesOfOnePlaceOnOneDay() throws {
        let log = try Fixture.log([
            "2019-04-03|Sirte||gna|hold|s||confirmed",
            "2020-01-06|Sirte|gna|lna|capture|s||confirmed",
            "2020-01-06|Sirte|lna|gna|capture|s||confirmed",
        ])
        expectOnly(log, line: 4, field: "date", contains: "second change of Sirte on 2020-01-06 (first on line 3)")
    }

    @Test func aConfirmingHoldOnTheDayOfAChangeIsNotASecondChange() throws {
        let log = try Fixture.log([
            "2019-04-03|Sirte||gna|hold|s||confirmed",
            "2020-01-06|Sirte|gna|lna|capture|s||confirmed",
            "2020-01-06|Sirte|lna|lna|hold|s2||confirmed",
        ])
        #expect(log.diagnostics.isEmpty, "\(log.diagnostics)")
    }

    @Test func rowWithoutSourceIsAWarning() throws {
        let log = try Fixture.log(["2019-04-03|Tripoli||gna|hold|||confirmed"])
        expectOnly(log, line: 2, field: "source", contains: "no source", severity: .warning)
        #expect(log.events.count == 1, "a warning keeps the row")
    }

    @Test func contestedNeedsTwoFactions() throws {
        for to in ["contested", "contested:gna", "contested:gna+gna"] {
            let log = try Fixture.log(["2019-04-03|Tripoli||\(to)|contest|s||confirmed"])
            expectOnly(log, line: 2, field: "to", contains: "fewer than two distinct factions")
        }
    }

    @Test func actionMustFitTo() throws {
        let capture = try Fixture.log(["2019-04-03|Tripoli||contested:gna+lna|capture|s||confirmed"])
        expectOnly(capture, line: 2, field: "to", contains: "capture needs the faction")
        let contest = try Fixture.log(["2019-04-03|Tripoli||lna|contest|s||confirmed"])
        expectOnly(contest, line: 2, field: "to", contains: "contest needs 'to' written contested:a+b")
    }

    @Test func emptyToIsAnError() throws {
        let log = try Fixture.log(["2019-04-03|Tripoli|||hold|s||confirmed"])
        expectOnly(log, line: 2, field: "to", contains: "empty 'to'")
    }

    @Test func captureOfAPlaceAlreadyHeldIsAWarning() throws {
        let log = try Fixture.log(["2019-04-03|Tripoli||gna|hold|s||confirmed", "2019-05-03|Tripoli||gna|capture|s||confirmed"])
        expectOnly(log, line: 3, field: "to", contains: "capture changes nothing", severity: .warning)
    }

    @Test func everyProblemIsReportedNotOnlyTheFirst() throws {
        let log = try Fixture.log([
            "2019-04-03|Tarhuxa||lna|hold|s||confirmed",
            "2020-02-30|Tripoli||gna|hold|s||confirmed",
            "2019-04-03|Tripoli||gnaa|hold|||confirmed",
        ])
        #expect(log.errors.map(\.location.line) == [2, 3, 4])
        #expect(log.warnings.map(\.location.line) == [4])
    }

    @Test func contestedIdsAreSorted() throws {
        let log = try Fixture.log(["2019-04-03|Sirte||contested:lna+gna|contest|s||confirmed"])
        #expect(log.events.first?.to == .contested(["gna", "lna"]))
        #expect(log.events.first?.to.description == "contested:gna+lna")
    }

    @Test func missingHeaderColumnThrows() throws {
        #expect(throws: DataError.self) {
            try EventLog.parse(text: "date\tplace\n2019-04-03\tTripoli", path: "events.tsv", gazetteer: Fixture.gazetteer, factions: Fixture.factions)
        }
    }
}

@Suite struct EventLogTextTests {
    @Test func crlfLinesCommentsAndPaddedFields() throws {
        let text = "# comment\r\n" + Fixture.header + "\r\n\r\n2019-04-03\t Tripoli \t\tgna\thold\ts\t\u{00A0}note\u{00A0}\tconfirmed\r\n"
        let log = try EventLog.parse(text: text, path: "events.tsv", gazetteer: Fixture.gazetteer, factions: Fixture.factions)
        #expect(log.diagnostics.isEmpty, "\(log.diagnostics)")
        #expect(log.events.first?.location.line == 4)
        #expect(log.events.first?.placeName == "Tripoli")
        #expect(log.events.first?.note == "note")
    }
}
