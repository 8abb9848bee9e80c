import Foundation
import FrontlineCore
import Render
import Testing

/// Visual regression tests against reference outputs in `Fixtures/golden/`.
///
/// - SVG is compared as text: the backend is deterministic (ids renumbered,
///   unhinted text), so any change shows as a diff.
/// - PNG is compared pixel by pixel: a pixel differs when any channel is off by
///   more than `channelTolerance`; the test fails when more than
///   `maxDifferingFraction` of the pixels differ (antialiasing may move with a
///   cairo or FreeType update; a moved label or colour change does not fit).
///
/// On failure the actual output is written to `Tests/RenderTests/Failures/`
/// (git-ignored) beside a note, for a look. To re-record every reference after
/// an intended change:
///
///     FRONTLINE_RECORD_GOLDENS=1 swift test --filter RenderTests
///
/// then look at the new files before committing them (docs/testing.md).
@Suite struct GoldenTests {
    static let channelTolerance = 24
    static let maxDifferingFraction = 0.002

    static let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let golden = source.appendingPathComponent("Fixtures/golden")
    static let failures = source.appendingPathComponent("Failures")
    static var recording: Bool { ProcessInfo.processInfo.environment["FRONTLINE_RECORD_GOLDENS"] == "1" }

    /// Reference names follow `name-w-h-scale-backend.ext`.
    static func check(_ data: Data, name: String, compare: (Data, Data) -> String?) throws {
        let url = golden.appendingPathComponent(name)
        if recording {
            try FileManager.default.createDirectory(at: golden, withIntermediateDirectories: true)
            try data.write(to: url)
            return
        }
        guard let expected = try? Data(contentsOf: url) else {
            Issue.record("no reference \(name); record it with FRONTLINE_RECORD_GOLDENS=1 swift test --filter RenderTests")
            return
        }
        if let problem = compare(expected, data) {
            try FileManager.default.createDirectory(at: failures, withIntermediateDirectories: true)
            let actual = failures.appendingPathComponent(name)
            try data.write(to: actual)
            Issue.record("\(name): \(problem); actual output written to \(actual.path)")
        }
    }

    @Test(arguments: MapLanguage.allCases)
    func svgMatchesReference(language: MapLanguage) throws {
        let renderer = try MapRenderer()
        let scene = try Fixture.scene(language: language, renderer: renderer)
        let svg = try renderer.svg(scene)
        try Self.check(svg, name: "tripoli-\(language.rawValue)-800-600-1-svg.svg") { expected, actual in
            guard expected != actual else { return nil }
            let e = String(decoding: expected, as: UTF8.self).split(separator: "\n")
            let a = String(decoding: actual, as: UTF8.self).split(separator: "\n")
            let line = zip(e, a).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(e.count, a.count)
            return "SVG differs from line \(line + 1)"
        }
    }

    @Test(arguments: [1.0, 2.0])
    func pngMatchesReference(scale: Double) throws {
        let renderer = try MapRenderer()
        let scene = try Fixture.scene(scale: scale, renderer: renderer)
        let png = try renderer.png(scene)
        try Self.check(png, name: "tripoli-en-800-600-\(Int(scale))-png.png") { expected, actual in
            guard let e = try? PNGDecoder.decode(expected), let a = try? PNGDecoder.decode(actual) else { return "not a PNG" }
            guard e.width == a.width, e.height == a.height else { return "size \(a.width)x\(a.height), expected \(e.width)x\(e.height)" }
            var differing = 0
            for i in stride(from: 0, to: e.pixels.count, by: 3) {
                for c in 0..<3 where abs(Int(e.pixels[i + c]) - Int(a.pixels[i + c])) > Self.channelTolerance {
                    differing += 1
                    break
                }
            }
            let fraction = Double(differing) / Double(e.width * e.height)
            return fraction > Self.maxDifferingFraction ? "\(differing) pixels (\(fraction * 100)%) differ by more than \(Self.channelTolerance)" : nil
        }
    }
}

@Suite struct OutputTests {
    @Test func pngHasTheSceneSizeTimesScale() throws {
        let renderer = try MapRenderer()
        for scale in [1.0, 2.0] {
            let scene = try Fixture.scene(width: 400, height: 300, scale: scale, renderer: renderer)
            let png = try renderer.png(scene)
            #expect(png.prefix(8) == Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
            let image = try PNGDecoder.decode(png)
            #expect(image.width == Int(400 * scale) && image.height == Int(300 * scale))
        }
    }

    @Test func pngColoursAreNotSwapped() throws {
        // The sea is blue-ish (B > R): a BGRA/RGBA mix-up would make it orange.
        let renderer = try MapRenderer()
        let scene = try Fixture.scene(width: 400, height: 300, renderer: renderer)
        let image = try PNGDecoder.decode(try renderer.png(scene))
        let i = (120 * image.width + 200) * 3
        #expect(image.pixels[i + 2] > image.pixels[i], "pixel \(image.pixels[i...(i + 2)]) should be sea blue")
    }

    @Test func svgIsByteIdenticalAcrossRenders() throws {
        let a = try MapRenderer(), b = try MapRenderer()
        let one = try a.svg(try Fixture.scene(renderer: a))
        let two = try b.svg(try Fixture.scene(renderer: b))
        let three = try a.svg(try Fixture.scene(renderer: a))
        #expect(one == two)
        #expect(one == three)
        let text = String(decoding: one, as: UTF8.self)
        #expect(text.contains("width=\"800px\"") && text.contains("viewBox=\"0 0 800 600\""))
    }

    @Test func pdfEmbedsFonts() throws {
        let renderer = try MapRenderer()
        let pdf = try renderer.pdf(try Fixture.scene(language: .both, renderer: renderer))
        #expect(pdf.prefix(5) == Data("%PDF-".utf8))
        #expect(pdf.range(of: Data("/FontFile".utf8)) != nil)
    }

    @Test func cachedBaseGivesTheSamePixels() throws {
        // The second PNG paints the cached base raster; it must equal a fresh render.
        let renderer = try MapRenderer()
        let composer = try Fixture.composer(renderer: renderer)
        let day = Day(year: 2020, month: 5, day: 25)!
        let scene = try composer.compose(state: Fixture.state(day), factions: [Fixture.gna, Fixture.lna])
        let first = try renderer.png(scene)
        let second = try renderer.png(scene)
        let fresh = try MapRenderer().png(scene)
        #expect(first == second)
        #expect(first == fresh)
    }
}
