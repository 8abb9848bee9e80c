import Foundation
import Testing

/// `render` and `frames` turn their options into maps through one pipeline, so
/// they accept and refuse the same map settings with the same words.
@Suite struct MapPipelineCLITests {
    @Test func aCRSInDegreesIsRefusedByRenderAndFramesAlike() throws {
        let dir = try CLI.temporaryFolder()
        let render = try CLI.run(["render", "--date", "2020-06-05", "--crs", "EPSG:4326", "--out", dir.appendingPathComponent("x.png").path])
        let frames = try CLI.run(["frames", "--from", "2020-06-01", "--to", "2020-06-02", "--crs", "EPSG:4326",
                                  "--out", dir.appendingPathComponent("f").path])
        for r in [render, frames] {
            #expect(r.status == 64, "\(r.stderr)")
            #expect(r.stderr.contains("--crs: CRS 'EPSG:4326' is in degrees"), "\(r.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("f/frames.tsv").path))
    }

    /// The theatre's own CRS is data: exit 1 naming theatre.tsv and the field, not a usage error.
    @Test func aTheatreCRSThatCannotDrawIsBadData() throws {
        let theatre = try CLI.copyOfEmbeddedTheatre()
        let settings = theatre.appendingPathComponent("theatre.tsv")
        var text = try String(contentsOf: settings, encoding: .utf8)
        text = text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.hasPrefix("crs\t") ? "crs\tEPSG:4326" : String($0) }.joined(separator: "\n")
        try text.write(to: settings, atomically: true, encoding: .utf8)
        let r = try CLI.run(["render", "--date", "2020-06-05", "--theatre", theatre.path,
                             "--out", theatre.appendingPathComponent("x.png").path])
        #expect(r.status == 1, "\(r.stderr)")
        #expect(r.stderr.contains("theatre.tsv: crs: CRS 'EPSG:4326' is in degrees"), "\(r.stderr)")
    }
}
