import Foundation
import Testing
import FrontlineCore
import Timeline
@testable import Extract

/// `--tsv` rows, appended to a copy of the event log, pass the same check as `frontline check`.
@Suite struct TSVCheckTests {
    /// A copy of the Libya theatre in a temporary folder: theatre.tsv and the files the extractor
    /// touches copied, the gazetteer and basemap linked, so the relative paths of theatre.tsv hold.
    static func copyOfTheatre() throws -> URL {
        let fm = FileManager.default
        let root = fm.temporaryDirectory.appendingPathComponent("extract-tsv-\(UUID().uuidString)")
        let folder = root.appendingPathComponent("maps/libya")
        try fm.createDirectory(at: folder, withIntermediateDirectories: true)
        let repo = Libya.directory.deletingLastPathComponent().deletingLastPathComponent()
        try fm.createSymbolicLink(at: root.appendingPathComponent("gazetteer"), withDestinationURL: repo.appendingPathComponent("gazetteer"))
        try fm.createSymbolicLink(at: folder.appendingPathComponent("basemap"), withDestinationURL: Libya.directory.appendingPathComponent("basemap"))
        for file in ["theatre.tsv", "factions.tsv", "events.tsv", "lexicon.tsv"] {
            try fm.copyItem(at: Libya.directory.appendingPathComponent(file), to: folder.appendingPathComponent(file))
        }
        return folder
    }

    /// Appends `rows` to the copy's log and checks the copy; the errors.
    static func appendAndCheck(_ rows: String, to folder: URL) throws -> [Diagnostic] {
        let log = folder.appendingPathComponent("events.tsv")
        let handle = try FileHandle(forWritingTo: log)
        handle.seekToEndOfFile()
        handle.write(Data(rows.utf8))
        try handle.close()
        return Theatre.check(directory: folder).filter { $0.severity == .error }
    }

    static func tsv(_ text: String, date: String, article: String) -> String {
        let claims = Libya.claims(text, date: date).filter { $0.flags.isEmpty }
        return ClaimOutput.tsv(claims, theatre: Libya.theatre) { _ in "\(article) (\(date))" }
    }

    @Test func seedRowsPassTheCheck() throws {
        let folder = try Self.copyOfTheatre()
        defer { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent().deletingLastPathComponent()) }
        #expect(try Self.appendAndCheck("", to: folder).isEmpty, "the copy itself must pass")
        var rows = ""
        for a in try Fixture.rows("articles.tsv") {
            let text = try String(contentsOf: Fixture.folder.appendingPathComponent(a["article"]!), encoding: .utf8)
            rows += Self.tsv(text, date: a["date"]!, article: a["article"]!)
        }
        let live = rows.split(separator: "\n").filter { !$0.hasPrefix("#") }
        #expect(!live.isEmpty, "some rows are new to the log")
        for row in live { #expect(row.split(separator: "\t", omittingEmptySubsequences: false).count == 8) }
        let errors = try Self.appendAndCheck(rows, to: folder)
        #expect(errors.isEmpty, "\(errors.map(\.description).joined(separator: "\n"))")
    }

    @Test func newClaimsStayAndConflictsBecomeComments() throws {
        let folder = try Self.copyOfTheatre()
        defer { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent().deletingLastPathComponent()) }
        // After the log ends: new rows. Before the log's own capture of Tarhuna (2020-06-05): a row whose
        // change the log's next row contradicts, so it is written as a comment saying why.
        let later = Self.tsv("وسيطرت قوات حفتر أمس على مدينة غريان، ودخلت قوات الوفاق مدينة سرت.", date: "2020-07-02", article: "later.txt")
        let early = Self.tsv("وسيطرت قوات الوفاق اليوم على مدينة ترهونة.", date: "2020-06-03", article: "early.txt")
        let live = later.split(separator: "\n").filter { !$0.hasPrefix("#") }
        #expect(live.count == 2)
        #expect(live.first?.hasPrefix("2020-07-01\tGharyan\tgna\tlna\tcapture\t") == true)
        #expect(live.last?.contains("\tcontested:gna+lna\tcontest\t") == true)
        #expect(early.hasPrefix("# "), "\(early)")
        let errors = try Self.appendAndCheck(later + early, to: folder)
        #expect(errors.isEmpty, "\(errors.map(\.description).joined(separator: "\n"))")
    }

    @Test func jsonIsDeterministicWithFixedKeys() throws {
        let text = try String(contentsOf: Fixture.folder.appendingPathComponent("seeds/002_73432ad63599b0b3.txt"), encoding: .utf8)
        let a = ClaimOutput.json(Libya.claims(text, date: "2020-06-04"))
        let b = ClaimOutput.json(Libya.claims(text, date: "2020-06-04"))
        #expect(a == b)
        let object = try JSONSerialization.jsonObject(with: Data(a.utf8)) as? [String: Any]
        let events = try #require(object?["events"] as? [[String: Any]])
        #expect(!events.isEmpty)
        let keys = ["place", "controller_after", "from", "action", "date", "date_precision", "claimed_by", "quote", "trigger",
                    "scope", "confidence", "known", "article"]
        for e in events { for k in keys { #expect(e[k] != nil, "missing \(k)") } }
        let first = try #require(a.split(separator: "\n").dropFirst().first)
        #expect(first.hasPrefix("{\"place\":{\"id\":"))
        #expect(ClaimOutput.json([]) == "{\"events\":[]}\n")
    }
}
