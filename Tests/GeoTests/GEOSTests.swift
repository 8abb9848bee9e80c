import FrontlineCore
import Testing
@testable import Geo

/// The C wrapper: errors carry GEOS's message, invalid input is repaired.
@Suite struct GEOSTests {
    @Test func errorMessageFromGEOSIsCaptured() throws {
        let context = try GEOSContext()
        // A line needs two points or none; GEOS refuses one and says why.
        do {
            _ = try GEOSGeometry.lineString([PlanarPoint(x: 0, y: 0)], context: context)
            Issue.record("a one-point line was accepted")
        } catch let error as SystemError {
            #expect(error.component == "GEOS")
            #expect(error.message.contains("GEOSGeom_createLineString_r"))
            #expect(error.message.lowercased().contains("point"), "GEOS's own message is kept: \(error.message)")
        }
        // The message is consumed: a later, different failure does not repeat it.
        #expect(context.lastError == nil)
    }

    @Test func selfIntersectingPolygonIsDetectedAndRepaired() throws {
        let context = try GEOSContext()
        let bowTie = try GEOSGeometry.polygon(PlanarPolygon(exterior: [
            PlanarPoint(x: 0, y: 0), PlanarPoint(x: 10, y: 10), PlanarPoint(x: 10, y: 0), PlanarPoint(x: 0, y: 10),
            PlanarPoint(x: 0, y: 0),
        ]), context: context)
        #expect(try bowTie.isValid() == false)
        #expect(try bowTie.validityReason().contains("Self-intersection"))
        let repaired = try bowTie.makeValid()
        #expect(try repaired.isValid())
        #expect(abs(try repaired.area() - 50) < 1e-9)
    }

    @Test func builderAcceptsSelfIntersectingLand() throws {
        let bowTie = PlanarPolygon(exterior: [
            PlanarPoint(x: 0, y: 0), PlanarPoint(x: 100_000, y: 100_000), PlanarPoint(x: 100_000, y: 0),
            PlanarPoint(x: 0, y: 100_000), PlanarPoint(x: 0, y: 0),
        ])
        let builder = try TerritoryBuilder(land: [bowTie])
        let territory = try builder.build([
            TerritoryPlace(id: "a", control: .faction("a"), point: PlanarPoint(x: 10_000, y: 50_000)),
            TerritoryPlace(id: "b", control: .faction("b"), point: PlanarPoint(x: 90_000, y: 50_000)),
        ])
        #expect(territory.zones.count == 2)
        try TerritoryChecks.validate(territory, land: builder)
    }

    @Test func nonPositiveReachIsRefused() {
        #expect(throws: SystemError.self) { try TerritoryBuilder(land: [], reachMeters: 0) }
    }

    @Test func geometriesRoundTripThroughGEOS() throws {
        let context = try GEOSContext()
        let square = PlanarPolygon(exterior: [
            PlanarPoint(x: 0, y: 0), PlanarPoint(x: 0, y: 5), PlanarPoint(x: 5, y: 5), PlanarPoint(x: 5, y: 0),
            PlanarPoint(x: 0, y: 0),
        ])
        let g = try GEOSGeometry.polygon(square, context: context)
        let back = try g.polygons()
        #expect(back.count == 1)
        // Read back with the exterior counter-clockwise (right-hand rule).
        #expect(signedDoubleArea(back[0].exterior) > 0)
        #expect(Set(back[0].exterior) == Set(square.exterior))
    }
}
