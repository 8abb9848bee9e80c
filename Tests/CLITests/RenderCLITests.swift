import Foundation
import Testing
#if canImport(FoundationXML)
import FoundationXML
#endif

/// `frontline render` end to end: the built binary on the embedded theatre.
@Suite struct RenderCLITests {
    /// Reads the PNG IHDR: width and height are big-endian at bytes 16 and 20.
    static func pngSize(_ data: Data) -> (Int, Int)? {
        let bytes = [UInt8](data.prefix(24))
        guard bytes.count == 24, bytes[0..<8] == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], bytes[12..<16] == [0x49, 0x48, 0x44, 0x52] else { return nil }
        func be(_ i: Int) -> Int { bytes[i..<(i + 4)].reduce(0) { $0 << 8 | Int($1) } }
        return (be(16), be(20))
    }

    static func files(in folder: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
    }

    @Test func defaultIsAPNGNamedByDateInTheCurrentFolder() throws {
        let dir = try CLI.temporaryFolder()
        let r = try CLI.run(["render", "--date", "2020-06-05"], cwd: dir)
        #expect(r.status == 0, "\(r.stderr)")
        let file = dir.appendingPathComponent("frontline-2020-06-05.png")
        #expect(r.stdout.trimmingCharacters(in: .newlines).hasSuffix("frontline-2020-06-05.png"))
        let data = try Data(contentsOf: file)
        #expect(Self.pngSize(data).map { $0 == (1600, 1200) } == true)
        #expect(Self.files(in: dir) == ["frontline-2020-06-05.png"], "temporary files left behind")
    }

    /// FRONTLINE_TIMINGS=1 prints each stage's time on stderr; without it, nothing.
    @Test func timingsOnlyWhenAskedFor() throws {
        let dir = try CLI.temporaryFolder()
        let out = dir.appendingPathComponent("x.png")
        let arguments = ["render", "--date", "2020-06-05", "--size", "640x480", "--out", out.path]
        let timed = try CLI.run(arguments, environment: ["FRONTLINE_TIMINGS": "1"])
        #expect(timed.status == 0, "\(timed.stderr)")
        let lines = timed.stderr.split(separator: "\n").filter { $0.hasPrefix("timing: ") }
        #expect(lines.contains { $0.hasPrefix("timing: load theatre, projection and basemap ") && $0.hasSuffix(" ms") })
        #expect(lines.last?.hasPrefix("timing: total ") == true)
        let quiet = try CLI.run(arguments, environment: ["FRONTLINE_TIMINGS": "0"])
        #expect(quiet.status == 0)
        #expect(!quiet.stderr.contains("timing:"))
    }

    @Test func scaleTwoDoublesThePixels() throws {
        let dir = try CLI.temporaryFolder()
        let out = dir.appendingPathComponent("x.png")
        let r = try CLI.run(["render", "--date", "2020-06-05", "--size", "800x600", "--scale", "2", "--out", out.path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(Self.pngSize(try Data(contentsOf: out)).map { $0 == (1600, 1200) } == true)
    }

    @Test func svgIsWellFormedAndTheSameAcrossProcesses() throws {
        let dir = try CLI.temporaryFolder()
        let a = dir.appendingPathComponent("a.svg"), b = dir.appendingPathComponent("b.svg")
        for url in [a, b] {
            let r = try CLI.run(["render", "--date", "2020-06-05", "--view", "tripoli", "--lang", "both", "--out", url.path])
            #expect(r.status == 0, "\(r.stderr)")
        }
        let one = try Data(contentsOf: a), two = try Data(contentsOf: b)
        #expect(one == two, "SVG differs between two processes")
        let document = try XMLDocument(data: one)
        #expect(document.rootElement()?.name == "svg")
        #expect(String(decoding: one.prefix(400), as: UTF8.self).contains("width=\"1600px\" height=\"1200px\""))
    }

    @Test func pdfEmbedsItsFonts() throws {
        let dir = try CLI.temporaryFolder()
        let out = dir.appendingPathComponent("map.pdf")
        let r = try CLI.run(["render", "--date", "2020-05-25", "--lang", "ar", "--out", out.path])
        #expect(r.status == 0, "\(r.stderr)")
        let data = try Data(contentsOf: out)
        #expect(data.prefix(5) == Data("%PDF-".utf8))
        #expect(data.range(of: Data("/FontFile".utf8)) != nil)
    }

    @Test(arguments: ["en", "ar", "both"])
    func everyLanguageOnTheTripoliView(lang: String) throws {
        let dir = try CLI.temporaryFolder()
        let out = dir.appendingPathComponent("t.png")
        let r = try CLI.run(["render", "--date", "2019-06-30", "--view", "tripoli", "--lang", lang, "--out", out.path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(Self.pngSize(try Data(contentsOf: out)) != nil)
    }

    /// A name that says one format and a --format that says another is refused:
    /// it used to write an SVG called .png.
    @Test func formatAndExtensionMustAgree() throws {
        let dir = try CLI.temporaryFolder()
        let mismatch = try CLI.run(["render", "--date", "2020-06-05", "--format", "svg", "--out", dir.appendingPathComponent("map.png").path])
        #expect(mismatch.status == 64 && mismatch.stderr.contains("is named .png but --format is svg"), "\(mismatch.stderr)")
        #expect(Self.files(in: dir).isEmpty)
        let out = dir.appendingPathComponent("map.svg")
        let r = try CLI.run(["render", "--date", "2020-06-05", "--format", "svg", "--out", out.path])
        #expect(r.status == 0)
        #expect(String(decoding: try Data(contentsOf: out).prefix(5), as: UTF8.self) == "<?xml")
    }

    @Test func bboxGivesAnyExtent() throws {
        let dir = try CLI.temporaryFolder()
        let r = try CLI.run(["render", "--date", "2020-06-05", "--bbox", "12.5,32,14.5,33", "--format", "pdf"], cwd: dir)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(Self.files(in: dir) == ["frontline-2020-06-05.pdf"])
    }

    @Test(arguments: [
        (["--date", "2020-02-30"], "not a day"),
        (["--date", "yesterday"], "not a date"),
        (["--date", "2020-06-05", "--view", "benghazi"], "tripoli"),
        (["--date", "2020-06-05", "--size", "0x600"], "too small"),
        (["--date", "2020-06-05", "--size", "100x100"], "give at least 640x480"),
        (["--date", "2020-06-05", "--size", "640x480", "--lang", "both"], "give at least 800x600"),
        (["--date", "2020-06-05", "--size", "9223372036854775807x1"], "too small"),
        (["--date", "2020-06-05", "--size", "9223372036854775807x1000"], "at most 16000"),
        (["--date", "2020-06-05", "--size", "1000x1000", "--scale", "1e308"], "--scale"),
        (["--date", "2020-06-05", "--format", "pdf", "--out", "x.png"], "named .png but --format is pdf"),
        (["--date", "2020-06-05", "--size", "-5x600"], "--size"),
        (["--date", "2020-06-05", "--size", "20000x600"], "at most 16000"),
        (["--date", "2020-06-05", "--size", "9000x600", "--scale", "2"], "at most 16000"),
        (["--date", "2020-06-05", "--size", "big"], "WIDTHxHEIGHT"),
        (["--date", "2020-06-05", "--format", "gif"], "png, svg or pdf"),
        (["--date", "2020-06-05", "--out", "map.jpeg"], "extension"),
        (["--date", "2020-06-05", "--lang", "fr"], "en, ar or both"),
        (["--date", "2020-06-05", "--bbox", "14,32,12,33"], "W,S,E,N"),
        (["--date", "2020-06-05", "--out", "/nonexistent-folder/x.png"], "does not exist"),
        (["--date", "2020-06-05", "--crs", "+proj=wat"], "--crs"),
        (["--date", "2020-06-05", "--crs", "EPSG:4326"], "in degrees"),
    ] as [([String], String)])
    func badInputFailsCleanly(arguments: [String], message: String) throws {
        let dir = try CLI.temporaryFolder()
        let r = try CLI.run(["render"] + arguments, cwd: dir)
        #expect(r.status != 0)
        #expect(r.status == 64, "exit \(r.status) for \(arguments): \(r.stderr)")
        // Usage errors end with render's usage, not the top level's.
        #expect(r.stderr.contains("Usage: frontline render"), "usage for \(arguments): \(r.stderr)")
        #expect(r.stderr.contains(message), "stderr for \(arguments): \(r.stderr)")
        #expect(Self.files(in: dir).isEmpty, "files left behind: \(Self.files(in: dir))")
    }

    @Test func readOnlyFolderIsRefused() throws {
        guard getuid() != 0 else { return }  // root writes anywhere
        let dir = try CLI.temporaryFolder()
        try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: dir.path)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: dir.path) }
        let r = try CLI.run(["render", "--date", "2020-06-05"], cwd: dir)
        #expect(r.status == 64)
        #expect(r.stderr.contains("not writable"))
    }

    @Test func aTheatreThatFailsCheckIsADataError() throws {
        let dir = try CLI.temporaryFolder()
        let theatre = dir.appendingPathComponent("bad")
        try FileManager.default.createDirectory(at: theatre, withIntermediateDirectories: true)
        try "key\tvalue\ntitle\tBroken\n".write(to: theatre.appendingPathComponent("theatre.tsv"), atomically: true, encoding: .utf8)
        let r = try CLI.run(["render", "--date", "2020-06-05", "--theatre", theatre.path], cwd: dir)
        #expect(r.status == 1, "\(r.stderr)")
        #expect(r.stderr.contains("theatre.tsv"))
        #expect(Self.files(in: dir) == ["bad"])
    }

    @Test func helpTeachesWithExamples() throws {
        let r = try CLI.run(["render", "--help"])
        #expect(r.status == 0)
        for word in ["--date", "--view", "--bbox", "--lang", "--scale", "Examples", "frontline render --date 2020-06-05"] {
            #expect(r.stdout.contains(word), "help lacks \(word)")
        }
    }
}
