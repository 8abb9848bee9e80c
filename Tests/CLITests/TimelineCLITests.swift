import Foundation
import Testing

/// `state`, `diff`, `history`, `why`, `check` and `import acled`, end to end:
/// on the embedded Libya theatre (the real data) and on fixture theatres.
@Suite struct TimelineCLITests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("TimelineTests/Fixtures")
    static let good = fixtures.appendingPathComponent("theatre-good").path
    static let broken = fixtures.appendingPathComponent("theatre-broken").path

    /// The controller of one place in `state --format json`.
    func controller(_ id: String, on date: String) throws -> String? {
        let r = try CLI.run(["state", "--date", date, "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let object = try JSONSerialization.jsonObject(with: r.stdoutData) as? [String: Any]
        let places = try #require(object?["places"] as? [[String: Any]])
        let place = try #require(places.first { $0["id"] as? String == id }, "\(id) is not in the state")
        return place["controller"] as? String
    }

    // MARK: the real data

    @Test func tarhunaChangesHandsOnJune5() throws {
        #expect(try controller("tarhuna", on: "2020-06-01") == "lna")
        #expect(try controller("tarhuna", on: "2020-06-06") == "gna")
    }

    @Test func watiyaIsGNAFromMay18() throws {
        let r = try CLI.run(["why", "al-Watiya", "--date", "2020-05-18"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains(": gna"))
        #expect(r.stdout.contains("since:  2020-05-18"))
        #expect(r.stdout.contains("source: "))
        #expect(r.stdout.contains("events.tsv:"))
        let before = try CLI.run(["why", "الوطية", "--date", "2020-05-17"])
        #expect(!before.stdout.contains(": gna\n"), "\(before.stdout)")
    }

    @Test func sirteIsLNAThroughoutJune2020() throws {
        let r = try CLI.run(["state", "--date", "2020-06-01", "--format", "csv"])
        #expect(r.status == 0)
        for day in 1...30 {
            let date = "2020-06-" + (day < 10 ? "0" : "") + String(day)
            #expect(try controller("sirte", on: date) == "lna", "Sirte on \(date)")
        }
    }

    @Test func checkPassesOnTheRealData() throws {
        let r = try CLI.run(["check"])
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(r.stderr.contains("0 errors"))
    }

    @Test func diffNamesTarhunaWithItsSource() throws {
        let r = try CLI.run(["diff", "2020-06-01", "2020-06-06"])
        #expect(r.status == 0)
        let line = try #require(r.stdout.split(separator: "\n").first { $0.hasPrefix("Tarhuna") })
        #expect(line.contains("lna") && line.contains("gna") && line.contains("2020-06-05"))
        #expect(r.stdout.contains("changed between 2020-06-01 and 2020-06-06"))
    }

    @Test func historyTakesAnySpelling() throws {
        for name in ["Tarhuna", "ترهونة", "tarhuna"] {
            let r = try CLI.run(["history", name])
            #expect(r.status == 0, "\(name): \(r.stderr)")
            #expect(r.stdout.hasPrefix("Tarhuna"))
            #expect(r.stdout.contains("2020-06-05  capture"))
        }
    }

    @Test func aMisspeltPlaceIsTakenWithANote() throws {
        let r = try CLI.run(["history", "Tarhuxa"])
        #expect(r.status == 0)
        #expect(r.stdout.hasPrefix("Tarhuna"))
        #expect(r.stderr.contains("taking 'Tarhuxa' to mean Tarhuna"))
    }

    @Test func anUnknownPlaceExitsOne() throws {
        let r = try CLI.run(["why", "Moscow", "--date", "2020-06-01"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("unknown place 'Moscow'"))
        #expect(r.stdout.isEmpty)
    }

    @Test func stateFormats() throws {
        let table = try CLI.run(["state", "--date", "2020-06-06"])
        #expect(table.status == 0)
        #expect(table.stdout.hasPrefix("place "))
        let geo = try CLI.run(["state", "--date", "2020-06-06", "--format", "geojson"])
        let object = try JSONSerialization.jsonObject(with: geo.stdoutData) as? [String: Any]
        #expect(object?["type"] as? String == "FeatureCollection")
        let a = try CLI.run(["state", "--date", "2020-06-06", "--format", "json"])
        let b = try CLI.run(["state", "--date", "2020-06-06", "--format", "json"])
        #expect(a.stdoutData == b.stdoutData, "same input, same bytes")
    }

    // MARK: bad input

    @Test func aBadDateIsAUsageError() throws {
        let r = try CLI.run(["state", "--date", "2020-02-30"])
        #expect(r.status == 64)
        let format = try CLI.run(["diff", "June 1", "2020-06-06"])
        #expect(format.status == 64)
    }

    @Test func aDateBeforeTheRecordIsADataError() throws {
        let r = try CLI.run(["state", "--date", "2018-01-01", "--theatre", Self.good])
        #expect(r.status == 1)
        #expect(r.stderr.contains("before the record, which starts on 2019-04-03"))
    }

    @Test func aMissingTheatreIsADataError() throws {
        let r = try CLI.run(["check", "--theatre", "/nonexistent/theatre"])
        #expect(r.status == 1)
        #expect(r.stdout.contains("/nonexistent/theatre: the theatre folder does not exist"))
    }

    // MARK: fixture theatres

    @Test func checkOnABrokenTheatreListsEveryProblem() throws {
        let r = try CLI.run(["check", "--theatre", Self.broken])
        #expect(r.status == 1)
        let lines = r.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 9)
        #expect(lines.contains { $0.hasSuffix("events.tsv:3: place: unknown place 'Tarhuxa'; did you mean Tarhuna?") })
        #expect(lines.contains { $0.hasSuffix("events.tsv:4: date: '2020-02-30' is not a day of the calendar") })
        #expect(lines.contains { $0.hasSuffix("events.tsv:9: warning: source: no source: cite an article file, or outlet, date and URL") })
        #expect(lines.contains { $0.hasSuffix("factions.tsv:5: id: duplicate faction id 'gna' (first on line 2)") })
        #expect(r.stderr.contains("8 errors, 1 warning"))
    }

    @Test func otherCommandsRefuseABrokenTheatre() throws {
        let r = try CLI.run(["state", "--date", "2020-06-06", "--theatre", Self.broken])
        #expect(r.status == 1)
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.contains("did you mean Tarhuna?"))
    }

    @Test func whyOnTheFixtureCitesTheChangeNotTheLaterHold() throws {
        // Run outside the checkout, so the paths in the output are the absolute ones given.
        let r = try CLI.run(["why", "Watiya", "--date", "2020-06-01", "--theatre", Self.good], cwd: try CLI.temporaryFolder())
        #expect(r.status == 0)
        #expect(r.stdout == """
            al-Watiya airbase on 2020-06-01: gna
            since:  2020-05-18
            status: confirmed
            event:  \(Self.good)/events.tsv:13: capture lna -> gna (confirmed)
            source: Al Jazeera 2020-05-18
            note:   GNA takes the airbase
            last confirmed: 2020-05-25 (\(Self.good)/events.tsv:14), Libya Observer 2020-05-25

            """)
    }

    @Test func diffWithNoChanges() throws {
        let r = try CLI.run(["diff", "2020-06-10", "2020-06-11", "--theatre", Self.good])
        #expect(r.status == 0)
        #expect(r.stdout == "no changes between 2020-06-10 and 2020-06-11\n")
    }

    @Test func importACLEDPrintsCandidateRows() throws {
        let csv = Self.fixtures.appendingPathComponent("acled-sample.csv").path
        let r = try CLI.run(["import", "acled", csv, "--theatre", Self.good,
                             "--actor", "Government of National Accord=gna", "--actor", "Libyan National Army=lna"])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n")
        #expect(lines.first == "date\tplace\tfrom\tto\taction\tsource\tnote\tstatus")
        #expect(lines.count == 5)
        #expect(lines.contains { $0.hasPrefix("2020-06-05\tTarhuna\tlna\tgna\tcapture\tACLED LBY10001") })
        #expect(r.stderr.contains("6 ACLED rows read, 5 territory changes, 4 candidate rows printed"))
        let bad = try CLI.run(["import", "acled", csv, "--actor", "no equals sign"])
        #expect(bad.status == 64)
    }
}
