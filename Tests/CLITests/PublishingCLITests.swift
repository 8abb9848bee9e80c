import Foundation
import Testing

/// The publishing options and the ring window on the command line.
@Suite struct PublishingCLITests {
    @Test func badRingWindowsAreUsageErrors() throws {
        let dir = try CLI.temporaryFolder()
        let after = try CLI.run(["render", "--date", "2020-01-10", "--since", "2020-02-01", "--out", dir.appendingPathComponent("x.png").path])
        #expect(after.status == 64 && after.stderr.contains("--since 2020-02-01 is after --date"))
        let bad = try CLI.run(["render", "--date", "2020-01-10", "--since", "2020-13-01", "--out", dir.appendingPathComponent("x.png").path])
        #expect(bad.status == 64 && bad.stderr.contains("--since"))
        let zero = try CLI.run(["frames", "--from", "2020-06-01", "--to", "2020-06-02", "--ring-days", "0", "--out", dir.path])
        #expect(zero.status == 64 && zero.stderr.contains("--ring-days"))
        let twoLines = try CLI.run(["render", "--date", "2020-01-10", "--title", "a\nb", "--out", dir.appendingPathComponent("x.png").path])
        #expect(twoLines.status == 64 && twoLines.stderr.contains("--title must be one line"))
        #expect(RenderCLITests.files(in: dir).isEmpty)
    }

    /// A title the map's fonts cannot draw is drawn (as boxes) and named on stderr, once; one they can is not.
    @Test func textTheMapsFontsLackIsWarnedOf() throws {
        let dir = try CLI.temporaryFolder()
        let lacking = try CLI.run(["render", "--date", "2020-06-05", "--size", "800x600", "--title", "北京 Libya",
                                   "--out", dir.appendingPathComponent("zh.png").path])
        #expect(lacking.status == 0, "\(lacking.stderr)")
        #expect(lacking.stderr.contains("warning: the map's fonts (Noto Sans, Noto Sans Arabic) have no letters for some of '北京 Libya'"))
        let covered = try CLI.run(["render", "--date", "2020-06-05", "--size", "800x600", "--title", "Ливия — ليبيا",
                                   "--out", dir.appendingPathComponent("ru.png").path])
        #expect(covered.status == 0 && !covered.stderr.contains("warning"), "\(covered.stderr)")
        // Frames (and animate, which draws through them) say it once for the run.
        let frames = try CLI.run(["frames", "--from", "2020-06-01", "--to", "2020-06-03", "--size", "800x600", "--title", "北京 Libya",
                                  "--out", dir.appendingPathComponent("frames").path])
        #expect(frames.status == 0, "\(frames.stderr)")
        #expect(frames.stderr.components(separatedBy: "have no letters for some of '北京 Libya'").count == 2, "\(frames.stderr)")
    }

    /// A PDF page is in physical units: 800x600 layout px at 96 dpi is 600x450 pt
    /// (the publishing options draw, the PDF still comes whole); SVG stays in px.
    @Test func pdfPagesAreInPoints() throws {
        let dir = try CLI.temporaryFolder()
        let out = dir.appendingPathComponent("map.pdf")
        let r = try CLI.run(["render", "--date", "2020-06-05", "--size", "800x600", "--out", out.path, "--title", "Test title",
                             "--subtitle", "A subtitle", "--credit", "Map: Test Desk"])
        #expect(r.status == 0, "\(r.stderr)")
        let text = String(decoding: try Data(contentsOf: out), as: UTF8.self)
        #expect(text.contains("/MediaBox [ 0 0 600 450 ]"))
        let svg = dir.appendingPathComponent("map.svg")
        #expect(try CLI.run(["render", "--date", "2020-06-05", "--size", "800x600", "--out", svg.path]).status == 0)
        #expect(String(decoding: try Data(contentsOf: svg), as: UTF8.self).contains("width=\"800px\""))
    }
}
