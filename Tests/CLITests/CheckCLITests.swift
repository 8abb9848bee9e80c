import Foundation
import Testing

/// `check` refuses what `render` refuses, each as bad data (exit 1) with file,
/// line and field, so a user learns of a problem before drawing.
@Suite struct CheckCLITests {
    /// A copy of the embedded theatre with `file` rewritten by `edit`.
    func theatre(_ file: String, _ edit: (String) -> String) throws -> URL {
        let theatre = try CLI.copyOfEmbeddedTheatre()
        let url = file == "gazetteer" ? theatre.appendingPathComponent("../../gazetteer/libya.tsv").standardizedFileURL
                                      : theatre.appendingPathComponent(file)
        try edit(try String(contentsOf: url, encoding: .utf8)).write(to: url, atomically: true, encoding: .utf8)
        return theatre
    }

    func setting(_ key: String, _ value: String) -> (String) -> String {
        { text in
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            guard lines.contains(where: { $0.hasPrefix(key + "\t") }) else { return text + "\(key)\t\(value)\n" }
            return lines.map { $0.hasPrefix(key + "\t") ? "\(key)\t\(value)" : $0 }.joined(separator: "\n")
        }
    }

    func render(_ theatre: URL) throws -> CLIRun {
        try CLI.run(["render", "--date", "2020-06-05", "--theatre", theatre.path, "--out", theatre.appendingPathComponent("x.png").path])
    }

    @Test func crsProblemsAreDataErrorsOfTheSettingsLine() throws {
        for (crs, words) in [("+proj=foo", "Unknown projection"), ("EPSG:999999", "crs not found"), ("EPSG:4326", "is in degrees"),
                             ("+proj=ortho +lat_0=-30 +lon_0=-160 +datum=WGS84 +units=m", "is off the globe")] {
            let t = try theatre("theatre.tsv", setting("crs", crs))
            let check = try CLI.run(["check", "--theatre", t.path])
            #expect(check.status == 1, "\(crs): \(check.stdout)\(check.stderr)")
            #expect(check.stdout.contains("theatre.tsv:6: crs: ") && check.stdout.contains(words), "\(crs): \(check.stdout)")
            let r = try render(t)
            #expect(r.status == 1 && r.stderr.contains("theatre.tsv:6: crs: ") && r.stderr.contains(words), "\(crs): \(r.stderr)")
            #expect(!FileManager.default.fileExists(atPath: t.appendingPathComponent("x.png").path))
        }
    }

    @Test func badSettingsAndFilesFailCheck() throws {
        let cases: [(String, (String) -> String, String)] = [
            ("theatre.tsv", setting("zone_reach_km", "inf"), "zone_reach_km: 'inf' is not a distance"),
            ("theatre.tsv", setting("zone_reach_km", "1e308"), "zone_reach_km: '1e308' is not a distance"),
            ("theatre.tsv", setting("basemap.coast", "basemap/nope.geojson"), "basemap.coast: 'basemap/nope.geojson', relative to the theatre folder"),
            ("factions.tsv", { text in
                // The first colour becomes "#+12345".
                guard let hash = text.range(of: "\t#") else { return text }
                let end = text.index(hash.upperBound, offsetBy: 6)
                return text.replacingCharacters(in: hash.upperBound..<end, with: "+12345")
            }, "color: '#+12345' is not a colour"),
            ("gazetteer", { $0.replacingOccurrences(of: "\tTarhuna\t", with: "\tTar\u{0}huna\t") }, "a NUL byte"),
        ]
        for (file, edit, words) in cases {
            let t = try theatre(file, edit)
            let check = try CLI.run(["check", "--theatre", t.path])
            #expect(check.status == 1 && check.stdout.contains(words), "\(words): \(check.stdout)\(check.stderr)")
            #expect(try render(t).status == 1, "render refuses it too: \(words)")
        }
    }

    @Test func aBasemapFileThatDoesNotParseFailsCheck() throws {
        let t = try CLI.copyOfEmbeddedTheatre()
        try "{\"type\": \"FeatureCollection\", \"features\": [".write(to: t.appendingPathComponent("basemap/borders.geojson"), atomically: true, encoding: .utf8)
        let check = try CLI.run(["check", "--theatre", t.path])
        #expect(check.status == 1 && check.stdout.contains("borders.geojson:1: not valid JSON"), "\(check.stdout)\(check.stderr)")
    }

    /// Valid coordinates far from the theatre: left out of zones (with a warning), never a GEOS exception.
    @Test func placesAtThePoleAreLeftOutOfZones() throws {
        let t = try theatre("gazetteer") {
            $0 + "pole1\tPole One\t\t\t89.999999\t180\ttown\t\tapprox. 1 km: test\npole2\tPole Two\t\t\t89.999999\t-180\ttown\t\tapprox. 1 km: test\n"
        }
        let events = t.appendingPathComponent("events.tsv")
        try (try String(contentsOf: events, encoding: .utf8) + "2019-04-05\tpole1\t\tgna\tcapture\ttest\t\tconfirmed\n2019-04-05\tpole2\t\tlna\tcapture\ttest\t\tconfirmed\n")
            .write(to: events, atomically: true, encoding: .utf8)
        let check = try CLI.run(["check", "--theatre", t.path])
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        #expect(check.stdout.contains("warning: lat: place pole1 (89.999999, 180.0) is outside every view"), "\(check.stdout)")
        let state = try CLI.run(["state", "--date", "2020-06-05", "--format", "geojson", "--theatre", t.path])
        #expect(state.status == 0, "\(state.stderr)")
        #expect(try render(t).status == 0)
    }

    /// A pole in a conic projection cannot be projected: bad data (1), not a system failure (70).
    @Test func aPlaceTheCRSCannotProjectIsBadData() throws {
        let t = try theatre("gazetteer") { $0 + "spole\tSouth Pole\t\t\t-90\t0\ttown\t\tapprox. 1 km: test\n" }
        let events = t.appendingPathComponent("events.tsv")
        try (try String(contentsOf: events, encoding: .utf8) + "2019-04-05\tspole\t\tgna\tcapture\ttest\t\tconfirmed\n")
            .write(to: events, atomically: true, encoding: .utf8)
        let check = try CLI.run(["check", "--theatre", t.path])
        #expect(check.status == 1 && check.stdout.contains("place spole (-90.0, 0.0) cannot be projected"), "\(check.stdout)\(check.stderr)")
        let r = try render(t)
        #expect(r.status == 1 && r.stderr.contains("cannot be projected"), "\(r.stderr)")
        let state = try CLI.run(["state", "--date", "2020-06-05", "--format", "geojson", "--theatre", t.path])
        #expect(state.status == 1, "\(state.stderr)")
    }
}
