import Foundation
import FrontlineCore
import Testing
@testable import Geo

/// The theatre's default CRS (maps/libya/theatre.tsv).
let libyaLCC = "+proj=lcc +lat_0=26.5 +lon_0=17.5 +lat_1=22 +lat_2=31 +datum=WGS84 +units=m +no_defs"

func fixtureURL(_ name: String) throws -> URL {
    try #require(Bundle.module.url(forResource: "Fixtures/\(name)", withExtension: nil))
}

struct ReferencePoint {
    let place: String
    let geo: GeoPoint
    let planar: PlanarPoint
}

/// Rows of `Fixtures/cs2cs-lcc-libya.tsv` (computed by PROJ's cs2cs).
func cs2csFixture() throws -> [ReferencePoint] {
    let text = try String(contentsOf: fixtureURL("cs2cs-lcc-libya.tsv"), encoding: .utf8)
    return text.split(separator: "\n").dropFirst(0).compactMap { line -> ReferencePoint? in
        guard !line.hasPrefix("#"), !line.hasPrefix("place") else { return nil }
        let f = line.split(separator: "\t").map(String.init)
        guard f.count == 5, let lat = Double(f[1]), let lon = Double(f[2]), let x = Double(f[3]), let y = Double(f[4]) else { return nil }
        return ReferencePoint(place: f[0], geo: GeoPoint(latitude: lat, longitude: lon), planar: PlanarPoint(x: x, y: y))
    }
}

@Suite struct ProjectionTests {
    @Test func matchesCs2csWithinAMillimetre() throws {
        let reference = try cs2csFixture()
        #expect(reference.count >= 10)
        let projection = try Projection(crs: libyaLCC)
        let projected = try projection.project(reference.map(\.geo))
        for (r, p) in zip(reference, projected) {
            #expect(abs(p.x - r.planar.x) < 0.001, "\(r.place) x \(p.x) vs \(r.planar.x)")
            #expect(abs(p.y - r.planar.y) < 0.001, "\(r.place) y \(p.y) vs \(r.planar.y)")
        }
        // The single-point form agrees with the batch.
        let tripoli = try projection.project(reference[0].geo)
        #expect(tripoli == projected[0])
    }

    @Test func roundTrip() throws {
        let reference = try cs2csFixture()
        let projection = try Projection(crs: libyaLCC)
        let back = try projection.unproject(projection.project(reference.map(\.geo)))
        for (r, g) in zip(reference, back) {
            #expect(abs(g.latitude - r.geo.latitude) < 1e-9, "\(r.place)")
            #expect(abs(g.longitude - r.geo.longitude) < 1e-9, "\(r.place)")
        }
    }

    @Test func epsgCodesWorkInLongitudeLatitudeOrder() throws {
        let tripoli = GeoPoint(latitude: 32.8872, longitude: 13.1913)
        // echo "32.8872 13.1913" | cs2cs -f %.4f EPSG:4326 EPSG:3857  -> 1468448.7989 3880341.2033
        let mercator = try Projection(crs: "EPSG:3857").project(tripoli)
        #expect(abs(mercator.x - 1468448.7989) < 0.001)
        #expect(abs(mercator.y - 3880341.2033) < 0.001)
        // echo "32.8872 13.1913" | cs2cs -f %.4f EPSG:4326 EPSG:32633 -> 330812.4888 3640232.3432
        let utm = try Projection(crs: "EPSG:32633").project(tripoli)
        #expect(abs(utm.x - 330812.4888) < 0.001)
        #expect(abs(utm.y - 3640232.3432) < 0.001)
    }

    @Test func badCRSThrowsPROJsMessage() {
        #expect {
            try Projection(crs: "EPSG:999999")
        } throws: { error in
            guard let e = error as? SystemError else { return false }
            return e.component == "PROJ" && e.message.contains("crs not found")
        }
        #expect(throws: SystemError.self) { try Projection(crs: "+proj=nonsense") }
        #expect(throws: SystemError.self) { try Projection(crs: "") }
    }

    @Test func unprojectableInputThrows() throws {
        // A latitude beyond the pole is refused by PROJ (HUGE_VAL output + errno).
        let mercator = try Projection(crs: "EPSG:3857")
        #expect(throws: SystemError.self) { try mercator.project(GeoPoint(latitude: 95, longitude: 0)) }
        #expect(try mercator.project([]).isEmpty)
    }

    @Test func boxIsDensified() throws {
        let projection = try Projection(crs: libyaLCC)
        // bench/README.md: cartopy's extent [9,26,19,34] is x ±899132.75 m, y −800565.42…857413.18 m,
        // from the corners only. Parallels bow south in the middle, so the true
        // southern extreme is at lon_0: cs2cs gives y −830366.61 for 19 N 17.5 E.
        let box = try projection.project(box: GeoBox(west: 9, south: 19, east: 26, north: 34), densify: 64)
        #expect(abs(box.minX + 899132.75) < 0.01)
        #expect(abs(box.maxX - 899132.75) < 0.01)
        #expect(abs(box.minY + 830366.61) < 0.01)
        #expect(abs(box.maxY - 857413.18) < 0.01)
        let corners = try projection.project(box: GeoBox(west: 9, south: 19, east: 26, north: 34), densify: 1)
        #expect(abs(corners.minY + 800565.42) < 0.01)
    }

    @Test func scaleIsNearOneInTheTheatre() throws {
        let projection = try Projection(crs: libyaLCC)
        // LCC scale factor is 1 on the standard parallels, slightly < 1 between them.
        let onParallel = try projection.metersPerUnit(at: GeoPoint(latitude: 31, longitude: 17.5))
        #expect(abs(onParallel - 1) < 1e-4)
        let between = try projection.metersPerUnit(at: GeoPoint(latitude: 26.5, longitude: 17.5))
        #expect(between > 1 && between < 1.01) // map units are shorter than ground metres there
    }
}

/// The shortcut for PROJ strings on WGS 84 (no database search) must give
/// exactly what PROJ's own search from EPSG:4326 gives, and stay off every
/// other CRS.
@Suite struct ProjectionShortcutTests {
    static let grid: [GeoPoint] = stride(from: 19.0, through: 34, by: 1.5).flatMap { lat in
        stride(from: 9.0, through: 26, by: 1.7).map { GeoPoint(latitude: lat, longitude: $0) }
    }

    @Test(arguments: [libyaLCC, "+proj=utm +zone=33 +datum=WGS84", "+proj=merc +datum=WGS84 +type=crs",
                      "+proj=laea +lat_0=27 +lon_0=17 +datum=WGS84 +units=m"])
    func theShortcutGivesPROJsOwnCoordinates(crs: String) throws {
        let context = try ProjectionContext()
        #expect(Projection.wgs84Conversion(of: crs, context: context) != nil, "the shortcut should take \(crs)")
        let fast = try Projection(crs: crs), searched = try Projection(crs: crs, shortcut: false)
        #expect(fast.kind == searched.kind)
        let a = try fast.project(Self.grid), b = try searched.project(Self.grid)
        #expect(a == b, "projected points differ for \(crs)")
        #expect(try fast.unproject(a) == searched.unproject(b))
    }

    @Test(arguments: ["EPSG:32633", "+proj=merc +ellps=clrk66", "+proj=tmerc +lon_0=15 +datum=WGS84 +towgs84=0,0,0",
                      "+proj=longlat +datum=WGS84", "+proj=eqc +datum=WGS84 +pm=paris"])
    func otherCRSsTakeTheDatabasePath(crs: String) throws {
        #expect(Projection.wgs84Conversion(of: crs, context: try ProjectionContext()) == nil, "\(crs)")
    }
}
