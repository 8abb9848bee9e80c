import Foundation
import Testing

@Suite struct ReportCLITests {
    @Test func writesHTMLAndPDFQuietlyAndPrintsThePath() throws {
        let folder = try CLI.temporaryFolder()
        for name in ["short.html", "short.pdf"] {
            let out = folder.appendingPathComponent(name)
            let r = try CLI.run(["report", "--from", "2020-06-03", "--to", "2020-06-06", "--out", out.path, "--lang", "both"])
            #expect(r.status == 0, "\(r.stderr)")
            #expect(r.stdout == out.path + "\n")
            #expect(r.stderr.isEmpty) // not a terminal: no progress bar
            let data = try Data(contentsOf: out)
            #expect(data.starts(with: Array((name.hasSuffix("html") ? "<!DOCTYPE html>" : "%PDF-").utf8)))
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["short.html", "short.pdf"])
    }

    @Test func badRangesAndOptionsAreUsageErrors() throws {
        let out = try CLI.temporaryFolder().appendingPathComponent("r.html").path
        let cases: [([String], String)] = [
            (["--from", "2020-06-15", "--to", "2020-05-15", "--out", out], "is after --to"),
            (["--from", "2031-01-01", "--to", "2031-02-01", "--out", out], "outside the event log, which covers"),
            (["--from", "2020-05-15", "--to", "2020-06-15", "--out", out + ".txt"], "name the report FILE.html or FILE.pdf"),
            (["--from", "2020-05-15", "--to", "2020-06-15", "--out", out, "--max-maps", "0"], "--max-maps must be 1 to 1000"),
            (["--from", "2020-05-15", "--to", "2020-06-15", "--out", out, "--paper", "a5"], "use a4 or letter"),
            (["--from", "2020-05-15", "--to", "2020-06-15", "--out", out, "--view", "tripoli", "--bbox", "1,2,3,4"], "not both"),
            (["--from", "2020-05-15", "--to", "2020-06-15", "--out", out, "--view", "nowhere"], "unknown view 'nowhere'"),
            (["--from", "2020-05-15", "--to", "2020-06-15", "--out", "/no/such/folder/r.html"], "does not exist"),
        ]
        for (arguments, message) in cases {
            let r = try CLI.run(["report"] + arguments)
            #expect(r.status == 64, "\(arguments): \(r.stderr)")
            #expect(r.stderr.contains(message), "\(arguments): \(r.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: out))
    }
}
