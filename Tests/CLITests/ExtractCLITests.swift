import Foundation
import Testing

/// `frontline extract` end to end: inputs, outputs, exit statuses.
@Suite struct ExtractCLITests {
    static let seed = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("ExtractTests/Fixtures/seeds/002_73432ad63599b0b3.txt").path

    @Test func tableJSONAndTSV() throws {
        let table = try CLI.run(["extract", Self.seed, "--date", "2020-06-04"])
        #expect(table.status == 0)
        #expect(table.stdout.hasPrefix("date"))
        #expect(table.stdout.contains("Qasr bin Ghashir"))
        let json = try CLI.run(["extract", Self.seed, "--date", "2020-06-04", "--json"])
        #expect(json.status == 0)
        let object = try JSONSerialization.jsonObject(with: json.stdoutData) as? [String: Any]
        #expect((object?["events"] as? [Any])?.isEmpty == false)
        let again = try CLI.run(["extract", Self.seed, "--date", "2020-06-04", "--json"])
        #expect(again.stdoutData == json.stdoutData, "same input, same bytes")
        let tsv = try CLI.run(["extract", Self.seed, "--date", "2020-06-04", "--tsv", "--source", "Al Jazeera, 2020-06-04"])
        #expect(tsv.status == 0)
        for line in tsv.stdout.split(separator: "\n") where !line.hasPrefix("#") {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            #expect(fields.count == 8)
            #expect(fields[5] == "Al Jazeera, 2020-06-04")
            #expect(fields[7] == "claimed")
        }
    }

    @Test func standardInput() throws {
        let r = try CLI.run(["extract", "-", "--date", "2020-06-10", "--tsv"], stdin: "وسيطرت قوات حفتر أمس على مدينة غريان.")
        #expect(r.status == 0)
        #expect(r.stdout.hasPrefix("2020-06-09\tGharyan\tgna\tlna\tcapture\t"), "\(r.stdout)")
    }

    @Test func noClaimPrintsNothing() throws {
        let r = try CLI.run(["extract", "-", "--date", "2020-06-10"], stdin: "عقد مجلس الأمن جلسة لبحث الأوضاع في طرابلس.")
        #expect(r.status == 0)
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.isEmpty)
    }

    @Test func flaggedOnlyWithAll() throws {
        let text = "ولم تتمكن قوات حفتر من دخول مدينة غريان."
        let plain = try CLI.run(["extract", "-", "--date", "2020-06-10", "--json"], stdin: text)
        #expect(plain.stdout.isEmpty)
        let all = try CLI.run(["extract", "-", "--date", "2020-06-10", "--json", "--all"], stdin: text)
        #expect(all.stdout.contains("\"flags\":["))
    }

    @Test func badInputNamesTheFile() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let bad = folder.appendingPathComponent("cp1256.txt")
        try Data([0x41, 0x0A, 0xC7, 0xE1, 0xD1, 0x0A]).write(to: bad)   // "A\n" then Windows-1256 Arabic
        let r = try CLI.run(["extract", bad.path, "--date", "2020-06-10"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("cp1256.txt:2"))
        #expect(r.stderr.contains("not UTF-8"))
        #expect(r.stdout.isEmpty)
        let missing = try CLI.run(["extract", folder.appendingPathComponent("nope.txt").path, "--date", "2020-06-10"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("nope.txt"))
        let stdin = try CLI.run(["extract", "-", "--date", "2020-06-10"], stdinData: Data([0xFF, 0xFE]))
        #expect(stdin.status == 1)
        #expect(stdin.stderr.contains("standard input"))
    }

    @Test func usageErrors() throws {
        #expect(try CLI.run(["extract", Self.seed]).status == 64)   // no --date
        #expect(try CLI.run(["extract", Self.seed, "--date", "2020-06-04", "--json", "--tsv"]).status == 64)
        #expect(try CLI.run(["extract", Self.seed, "--date", "June 4"]).status == 64)
    }
}
