import FrontlineCore
import Testing
@testable import Geo

@Suite struct GeodesicTests {
    let tripoli = GeoPoint(latitude: 32.8872, longitude: 13.1913)
    let misrata = GeoPoint(latitude: 32.3754, longitude: 15.0906)
    let benghazi = GeoPoint(latitude: 32.1167, longitude: 20.0667)

    @Test func knownDistancesWithinHalfAPercent() {
        #expect(abs(geodesicDistance(from: tripoli, to: misrata) / 187_000 - 1) < 0.005)
        // Often quoted as "about 645 km"; PROJ's own `geod +ellps=WGS84 -I` says 651,617.433 m.
        #expect(abs(geodesicDistance(from: tripoli, to: benghazi) / 651_617.433 - 1) < 0.005)
        #expect(abs(geodesicDistance(from: tripoli, to: benghazi) - 651_617.433) < 0.01)
        // One degree of latitude at the equator on WGS84: 110,574.4 m.
        let d = geodesicDistance(from: GeoPoint(latitude: 0, longitude: 0), to: GeoPoint(latitude: 1, longitude: 0))
        #expect(abs(d - 110_574.4) < 0.5)
        #expect(geodesicDistance(from: tripoli, to: tripoli) == 0)
    }

    @Test func projectionContextAgrees() throws {
        let projection = try Projection(crs: libyaLCC)
        #expect(projection.geodesicDistance(from: tripoli, to: benghazi) == geodesicDistance(from: tripoli, to: benghazi))
        #expect(abs(sphericalDistance(from: tripoli, to: benghazi) / geodesicDistance(from: tripoli, to: benghazi) - 1) < 0.005)
    }
}
