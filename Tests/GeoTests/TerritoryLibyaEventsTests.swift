import CGEOS
import Foundation
import FrontlineCore
import Testing
@testable import Geo
import Timeline

/// The real event log of the embedded Libya theatre, with the land and the
/// gazetteer projected by `cs2cs` (fixtures record the commands), so this check
/// does not depend on the projection code.
@Suite struct TerritoryLibyaEventsTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    private static func theatre() throws -> Theatre {
        try Theatre.load(directory: root.appendingPathComponent("maps/libya"))
    }

    private static func projected() throws -> [String: PlanarPoint] {
        var projected: [String: PlanarPoint] = [:]
        for row in try TerritoryChecks.fixtureLines("territory-libya-gazetteer-lcc") {
            projected[row[0]] = PlanarPoint(x: Double(row[1])!, y: Double(row[2])!)
        }
        return projected
    }

    /// The places of a day. Places added to the gazetteer after the fixture
    /// was made are left out; the cities the checks name must be there.
    private static func places(_ theatre: Theatre, on day: Day, at projected: [String: PlanarPoint],
                               weighted: Bool = false) -> [TerritoryPlace] {
        theatre.timeline.state(at: day).places.compactMap { state -> TerritoryPlace? in
            guard let point = projected[state.place.id] else { return nil }
            return TerritoryPlace(id: state.place.id, control: state.control, point: point,
                                  weight: weighted ? TerritoryPlace.weight(for: state.place.kind) : 1)
        }
    }

    private func territory(on text: String) throws -> (Territory, TerritoryBuilder, [String: PlanarPoint]) {
        let projected = try Self.projected()
        let places = Self.places(try Self.theatre(), on: try Day.parse(text), at: projected)
        let builder = try TerritoryBuilder(land: [try TerritoryChecks.libyaLand()], reachMeters: 60_000)
        let territory = try builder.build(places)
        try TerritoryChecks.validate(territory, land: builder)
        return (territory, builder, projected)
    }

    @Test func may25TripoliGNATarhunaLNAWithAFrontBetween() throws {
        let (territory, builder, at) = try territory(on: "2020-05-25")
        let tripoli = try #require(at["tripoli"]), tarhuna = try #require(at["tarhuna"])
        #expect(try TerritoryChecks.controller(at: tripoli, in: territory, builder: builder) == .faction("gna"))
        #expect(try TerritoryChecks.controller(at: tarhuna, in: territory, builder: builder) == .faction("lna"))
        let front = try #require(territory.fronts.first { $0.between == ["gna", "lna"] })
        let context = builder.context
        let lines = try GEOSGeometry.collection(
            GEOS_MULTILINESTRING, taking: front.lines.map { try GEOSGeometry.lineString($0, context: context) }, context: context)
        let road = try GEOSGeometry.lineString([tripoli, tarhuna], context: context)
        #expect(try lines.distance(to: road) == 0, "the GNA–LNA front crosses the line from Tripoli to Tarhuna")
    }

    @Test func june10TarhunaGNASirteLNA() throws {
        let (territory, builder, at) = try territory(on: "2020-06-10")
        #expect(try TerritoryChecks.controller(at: try #require(at["tarhuna"]), in: territory, builder: builder) == .faction("gna"))
        #expect(try TerritoryChecks.controller(at: try #require(at["sirte"]), in: territory, builder: builder) == .faction("lna"))
        #expect(territory.fronts.contains { $0.between == ["gna", "lna"] })
    }

    /// Every 15 days of the record, with and without kind weights, on one
    /// reused builder: valid, disjoint, within the land, exact coverage.
    @Test func everyFortnightOfTheRecordIsValid() throws {
        let theatre = try Self.theatre(), projected = try Self.projected()
        let builder = try TerritoryBuilder(land: [try TerritoryChecks.libyaLand()])
        var day = try Day.parse("2019-03-01")
        let end = try Day.parse("2020-12-31")
        while day < end {
            for weighted in [false, true] {
                let places = Self.places(theatre, on: day, at: projected, weighted: weighted)
                let territory = try builder.build(places)
                try TerritoryChecks.validate(territory, land: builder)
                // Every place on land lies in its own controller's zone, smoothing included.
                let context = builder.context
                var zones: [Control: GEOSPreparedGeometry] = [:]
                for zone in territory.zones {
                    zones[zone.controller] = try GEOSPreparedGeometry(try TerritoryChecks.geometry(zone.polygons, context))
                }
                for place in places where place.control != .unknown {
                    let point = try GEOSGeometry.point(place.point, context: context)
                    guard try builder.preparedLand.contains(point) else { continue }
                    var control = place.control
                    if case .contested(let ids) = control { control = .contested(Array(Set(ids)).sorted()) }
                    #expect(try zones[control]?.covers(point) == true, "\(day) \(place.id) \(place.control)")
                }
            }
            day = Day(ordinal: day.ordinal + 15)
        }
    }

    /// The same checks through the theatre's own basemap (Natural Earth 1:10m)
    /// and PROJ projection, weighted by kind, as `render` and `state` use them.
    @Test(arguments: [("2020-05-25", "tripoli", "gna", "tarhuna", "lna"), ("2020-06-10", "tarhuna", "gna", "sirte", "lna")])
    func realBasemapAndProjection(date: String, west: String, westSide: String, east: String, eastSide: String) throws {
        let theatre = try Self.theatre()
        let geometry = try TheatreGeometry(settings: theatre.settings, basemap: try Basemap.load(theatre.settings.basemap))
        let state = theatre.timeline.state(at: try Day.parse(date))
        let territory = try geometry.territory(for: state)
        try TerritoryChecks.validate(territory, land: geometry.builder)
        func point(_ id: String) throws -> PlanarPoint {
            try geometry.projection.project(try #require(state.places.first { $0.place.id == id }).place.location)
        }
        #expect(try TerritoryChecks.controller(at: try point(west), in: territory, builder: geometry.builder) == .faction(westSide))
        #expect(try TerritoryChecks.controller(at: try point(east), in: territory, builder: geometry.builder) == .faction(eastSide))
        let front = try #require(territory.fronts.first { $0.between == ["gna", "lna"] })
        let context = geometry.builder.context
        let lines = try GEOSGeometry.collection(
            GEOS_MULTILINESTRING, taking: front.lines.map { try GEOSGeometry.lineString($0, context: context) }, context: context)
        if date == "2020-05-25" {
            let road = try GEOSGeometry.lineString([try point(west), try point(east)], context: context)
            #expect(try lines.distance(to: road) == 0, "the GNA–LNA front crosses the line from \(west) to \(east)")
        }
    }
}

/// Pockets of no data enclosed by one zone go to that zone; enclaves and
/// large empty areas do not.
@Suite struct TerritoryPocketTests {
    static func square(_ x: Double, _ y: Double, _ side: Double) -> [PlanarPoint] {
        [PlanarPoint(x: x, y: y), PlanarPoint(x: x + side, y: y), PlanarPoint(x: x + side, y: y + side),
         PlanarPoint(x: x, y: y + side), PlanarPoint(x: x, y: y)]
    }

    @Test func aSmallEnclosedPocketIsFilledAnEnclaveAndALargeAreaAreNot() {
        let pocket = Self.square(10, 10, 5), enclave = Self.square(40, 40, 5), large = Self.square(60, 10, 30)
        var zones = [
            Zone(controller: .faction("a"), polygons: [PlanarPolygon(exterior: Self.square(0, 0, 100),
                                                                     holes: [pocket.reversed(), enclave.reversed(), large.reversed()])]),
            Zone(controller: .faction("b"), polygons: [PlanarPolygon(exterior: enclave)]),
        ]
        // No data as GEOS writes it: the same ring, starting elsewhere.
        var noData = [PlanarPolygon(exterior: Array(pocket.dropFirst(2).dropLast()) + Array(pocket.prefix(3))),
                      PlanarPolygon(exterior: large)]
        TerritoryPockets.fill(&zones, noData: &noData, maximumArea: 400)
        #expect(zones[0].polygons[0].holes.count == 2, "the 25 m² pocket filled; the enclave and the 900 m² area kept")
        #expect(!zones[0].polygons[0].holes.contains { Set($0) == Set(pocket) })
        #expect(noData == [PlanarPolygon(exterior: large)])
    }

    /// The default map of 5 June 2020 (weighted reach, as `frontline` draws it)
    /// had no-data triangles inside GNA ground near Misrata, Zintan and Gharyan.
    @Test func noHolesInsideTheZonesOfTheDefaultMap() throws {
        let root = TerritoryLibyaEventsTests.root
        let theatre = try Theatre.load(directory: root.appendingPathComponent("maps/libya"))
        var projected: [String: PlanarPoint] = [:]
        for row in try TerritoryChecks.fixtureLines("territory-libya-gazetteer-lcc") {
            projected[row[0]] = PlanarPoint(x: Double(row[1])!, y: Double(row[2])!)
        }
        let places = theatre.timeline.state(at: try Day.parse("2020-06-05")).places.compactMap { s -> TerritoryPlace? in
            projected[s.place.id].map { TerritoryPlace(id: s.place.id, control: s.control, point: $0, weight: TerritoryPlace.weight(for: s.place.kind)) }
        }
        let builder = try TerritoryBuilder(land: [try TerritoryChecks.libyaLand()], reachMeters: 60_000)
        let territory = try builder.build(places)
        try TerritoryChecks.validate(territory, land: builder)
        for zone in territory.zones {
            let holes = zone.polygons.reduce(0) { $0 + $1.holes.count }
            #expect(holes == 0, "\(zone.controller) has \(holes) holes")
        }
    }
}
