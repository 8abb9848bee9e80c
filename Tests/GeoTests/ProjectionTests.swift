import Foundation
import FrontlineCore
import Testing
@testable import Geo

/// Projections checked against PROJ's own cs2cs figures (Fixtures/cs2cs-projections.tsv).
@Suite struct ProjectionTests {
    struct Expected { let crs: String; let point: GeoPoint; let x: Double; let y: Double; let name: String }

    static func fixtures() throws -> [Expected] {
        let url = try #require(Bundle.module.url(forResource: "Fixtures/cs2cs-projections", withExtension: "tsv"))
        let table = try TSVTable(contentsOf: url, required: ["crs", "lat", "lon", "x", "y", "name"])
        return table.rows.map { row in
            Expected(crs: row["crs"], point: GeoPoint(latitude: Double(row["lat"])!, longitude: Double(row["lon"])!),
                     x: Double(row["x"])!, y: Double(row["y"])!, name: row["name"])
        }
    }

    @Test func matchesCs2csToTheMillimetre() throws {
        let fixtures = try Self.fixtures()
        #expect(fixtures.count >= 30)
        for (crs, group) in Dictionary(grouping: fixtures, by: \.crs) {
            let projection = try Projection(crs: crs)
            let projected = try projection.project(group.map(\.point))
            for (p, e) in zip(projected, group) {
                #expect(abs(p.x - e.x) < 0.001 && abs(p.y - e.y) < 0.001,
                        "\(e.name) in \(crs): got \(p.x), \(p.y), cs2cs says \(e.x), \(e.y)")
            }
        }
    }

    @Test func roundTripsThroughTheInverse() throws {
        let projection = try Projection(crs: "EPSG:32633")
        let points = try Self.fixtures().map(\.point)
        let back = try projection.unproject(projection.project(points))
        for (a, b) in zip(points, back) {
            #expect(abs(a.latitude - b.latitude) < 1e-9 && abs(a.longitude - b.longitude) < 1e-9)
        }
    }

    @Test func unknownCRSCarriesPROJsMessage() {
        do {
            _ = try Projection(crs: "EPSG:999999")
            Issue.record("EPSG:999999 was accepted")
        } catch let error as SystemError {
            #expect(error.component == "PROJ")
            #expect(error.message.contains("EPSG:999999"))
            #expect(error.message.count > "cannot use the CRS 'EPSG:999999': ".count, "no PROJ message in: \(error.message)")
        } catch {
            Issue.record("unexpected error \(error)")
        }
        #expect(throws: SystemError.self) { try Projection(crs: "+proj=nonsense") }
    }

    @Test func geographicTargetIsRefused() {
        #expect(throws: SystemError.self) { try Projection(crs: "EPSG:4326") }
    }

    @Test func projectedBoxCoversTheDensifiedEdges() throws {
        let projection = try Projection(crs: "+proj=lcc +lat_0=26.5 +lon_0=17.5 +lat_1=22 +lat_2=31 +datum=WGS84 +units=m +no_defs")
        // Expected from cs2cs: the south edge bulges down on the central meridian
        // (19 N, 17.5 E → y −830366.61), the widest x is the south-west corner
        // (19 N, 9 E → x −899132.75) and the highest y the north-west corner
        // (34 N, 9 E → y 857413.18). A corners-only box (as cartopy's
        // set_extent gives, y −800565.42) would cut off the bulge.
        let box = try projection.project(box: GeoBox(west: 9, south: 19, east: 26, north: 34), densify: 170)
        #expect(abs(box.minX + 899_132.75) < 1 && abs(box.maxX - 899_132.75) < 1)
        #expect(abs(box.minY + 830_366.61) < 1 && abs(box.maxY - 857_413.18) < 1)
    }

    /// Reference distances from PROJ's `geod +ellps=WGS84 -I +units=m`.
    @Test func geodesicDistancesMatchGeod() {
        let tripoli = GeoPoint(latitude: 32.8872, longitude: 13.1913)
        let misrata = GeoPoint(latitude: 32.3754, longitude: 15.0925)
        let benghazi = GeoPoint(latitude: 32.1167, longitude: 20.0667)
        #expect(abs(geodesicDistance(from: tripoli, to: misrata) - 187_215.676) < 0.01)
        #expect(abs(geodesicDistance(from: tripoli, to: benghazi) - 651_617.433) < 0.01)
        #expect(geodesicDistance(from: tripoli, to: tripoli) == 0)
    }
}
