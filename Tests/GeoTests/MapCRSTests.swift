import FrontlineCore
import Testing
@testable import Geo
import Timeline

/// The one map-CRS check asks PROJ what the CRS is, not how wide a box comes out.
@Suite struct MapCRSTests {
    let libya = GeoBox(west: 9, south: 19, east: 26, north: 34)

    func problem(_ crs: String, _ box: GeoBox? = nil) -> String? {
        do { _ = try Projection(mapCRS: crs, covering: [("view 'x'", box ?? libya)]); return nil } catch {
            return "\(error)"
        }
    }

    @Test func projectedMetreCRSesPass() {
        #expect(problem(libyaLCC) == nil)
        #expect(problem("EPSG:32633") == nil)
        #expect(problem("EPSG:3857") == nil)
        // A 300 m box in a metre CRS is projected, however narrow it comes out.
        #expect(problem("EPSG:32633", GeoBox(west: 13.18, south: 32.88, east: 13.1832, north: 32.8827)) == nil)
        // A bound CRS (+towgs84) is judged by its source.
        #expect(problem("+proj=utm +zone=33 +ellps=intl +towgs84=-87,-98,-121 +units=m") == nil)
    }

    @Test func whatPROJSaysIsNotAMapCRS() {
        #expect(problem("EPSG:4326")?.contains("is in degrees (a geographic CRS)") == true)
        #expect(problem("+proj=longlat +datum=WGS84")?.contains("is in degrees") == true)
        #expect(problem("EPSG:2249")?.contains("is in US survey foot") == true)
        #expect(problem("+proj=foo")?.contains("Unknown projection") == true)
        #expect(problem("EPSG:999999")?.contains("crs not found") == true)
        #expect(problem("EPSG:4978")?.contains("geocentric") == true)
        let far = problem("+proj=ortho +lat_0=-30 +lon_0=-160 +datum=WGS84 +units=m")
        #expect(far?.contains("view 'x' 9.0,19.0,26.0,34.0 is off the globe") == true, "\(far ?? "nil")")
    }

    @Test func projectionKnowsItsKind() throws {
        #expect(try Projection(crs: "EPSG:32633").kind == .projected(unit: "metre", metresPerUnit: 1))
        #expect(try Projection(crs: libyaLCC).kind == .projected(unit: "metre", metresPerUnit: 1))
        #expect(try Projection(crs: "EPSG:4326").kind == .geographic)
    }
}

/// Places near the pole used to reach GEOS's Voronoi diagram and make it throw.
@Suite struct TerritoryFarSitesTests {
    @Test func placesFarFromTheLandDoNotBreakTheZones() throws {
        let projection = try Projection(crs: libyaLCC)
        let landRing = try projection.project([
            GeoPoint(latitude: 30, longitude: 12), GeoPoint(latitude: 30, longitude: 16), GeoPoint(latitude: 33, longitude: 16),
            GeoPoint(latitude: 33, longitude: 12), GeoPoint(latitude: 30, longitude: 12),
        ])
        let builder = try TerritoryBuilder(land: [PlanarPolygon(exterior: landRing)], reachMeters: 60_000)
        func site(_ id: String, _ lat: Double, _ lon: Double, _ control: Control) throws -> TerritoryPlace {
            TerritoryPlace(id: id, control: control, point: try projection.project(GeoPoint(latitude: lat, longitude: lon)), weight: 1)
        }
        let near = [try site("a", 32, 13, .faction("a")), try site("b", 31.5, 15, .faction("b"))]
        let poles = [try site("p1", 89.999999, 180, .faction("a")), try site("p2", 89.999999, -180, .faction("b"))]
        let with = try builder.build(near + poles)
        let without = try builder.build(near)
        try TerritoryChecks.validate(with, land: builder)
        #expect(with.zones.map(\.controller) == without.zones.map(\.controller))
        for (a, b) in zip(with.zones, without.zones) {
            let areaA = try TerritoryChecks.geometry(a.polygons, builder.context).area()
            let areaB = try TerritoryChecks.geometry(b.polygons, builder.context).area()
            #expect(abs(areaA - areaB) < 1, "places thousands of km away change nothing on the land")
        }
    }
}
