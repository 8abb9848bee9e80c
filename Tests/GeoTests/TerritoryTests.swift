import CGEOS
import Testing
@testable import Geo
import Timeline

/// A 100 km square of land.
private let square = PlanarPolygon(exterior: [
    PlanarPoint(x: 0, y: 0), PlanarPoint(x: 100_000, y: 0), PlanarPoint(x: 100_000, y: 100_000),
    PlanarPoint(x: 0, y: 100_000), PlanarPoint(x: 0, y: 0),
])

private func place(_ id: String, _ control: Control, _ x: Double, _ y: Double, weight: Double = 1) -> TerritoryPlace {
    TerritoryPlace(id: id, control: control, point: PlanarPoint(x: x * 1000, y: y * 1000), weight: weight)
}

/// Two factions, two places each side of x = 50 km.
private let twoSides = [
    place("a1", .faction("a"), 20, 30), place("a2", .faction("a"), 25, 70),
    place("b1", .faction("b"), 80, 30), place("b2", .faction("b"), 75, 70),
]

@Suite struct TerritoryTests {
    @Test func twoFactionsGiveTwoZonesAndOneStraightFront() throws {
        let builder = try TerritoryBuilder(land: [square], reachMeters: 200_000)
        let territory = try builder.build(twoSides)
        try TerritoryChecks.validate(territory, land: builder)
        #expect(territory.zones.map(\.controller) == [.faction("a"), .faction("b")])
        #expect(territory.noData.isEmpty)
        for p in twoSides {
            #expect(try TerritoryChecks.controller(at: p.point, in: territory, builder: builder) == p.control)
        }
        try #require(territory.fronts.count == 1)
        let front = territory.fronts[0]
        #expect(front.between == ["a", "b"])
        #expect(front.lines.count == 1)
        // Crosses the square from bottom to top near x = 50 km.
        let line = front.lines[0]
        let ys = line.map(\.y)
        #expect(ys.min()! < 1 && ys.max()! > 99_999)
        for p in line { #expect(abs(p.x - 50_000) < 10_000) }
    }

    @Test func aLonePlaceGetsADiscNotTheWholeLand() throws {
        let builder = try TerritoryBuilder(land: [square], reachMeters: 20_000)
        let territory = try builder.build([place("alone", .faction("a"), 50, 50)])
        try TerritoryChecks.validate(territory, land: builder)
        let zone = try #require(territory.zones.first)
        let area = try TerritoryChecks.geometry(zone.polygons, builder.context).area()
        let disc = Double.pi * 20_000 * 20_000
        #expect(abs(area - disc) / disc < 0.02, "zone \(area) m² vs disc \(disc) m²")
        #expect(!territory.noData.isEmpty)
        #expect(territory.fronts.isEmpty)
        #expect(try TerritoryChecks.controller(at: PlanarPoint(x: 5_000, y: 5_000), in: territory, builder: builder) == nil)
    }

    @Test func reachLeavesNoDataBetweenDistantPlaces() throws {
        let builder = try TerritoryBuilder(land: [square], reachMeters: 15_000)
        let territory = try builder.build([place("a", .faction("a"), 10, 50), place("b", .faction("b"), 90, 50)])
        try TerritoryChecks.validate(territory, land: builder)
        // 80 km apart with 15 km reach: the zones never meet, so there is no front.
        #expect(territory.fronts.isEmpty)
        #expect(try TerritoryChecks.controller(at: PlanarPoint(x: 50_000, y: 50_000), in: territory, builder: builder) == nil)
    }

    @Test func weightLetsACityReachFurther() throws {
        let builder = try TerritoryBuilder(land: [square], reachMeters: 10_000)
        let territory = try builder.build([place("city", .faction("a"), 30, 50, weight: 2), place("village", .faction("b"), 70, 50)])
        let areas = try territory.zones.map { try TerritoryChecks.geometry($0.polygons, builder.context).area() }
        #expect(abs(areas[0] / areas[1] - 4) < 0.1)
    }

    @Test func contestedPlaceGivesAContestedBandOutlinedByTheFront() throws {
        let builder = try TerritoryBuilder(land: [square], reachMeters: 200_000)
        let places = [
            place("a", .faction("a"), 10, 50), place("c", .contested(["a", "b"]), 50, 50), place("b", .faction("b"), 90, 50),
        ]
        let territory = try builder.build(places)
        try TerritoryChecks.validate(territory, land: builder)
        #expect(territory.zones.map(\.controller) == [.faction("a"), .faction("b"), .contested(["a", "b"])])
        for p in places {
            #expect(try TerritoryChecks.controller(at: p.point, in: territory, builder: builder) == p.control)
        }
        try #require(territory.fronts.count == 1)
        #expect(territory.fronts[0].between == ["a", "b"])
        // One line on each edge of the band: x = 30 km and x = 70 km.
        let xs = territory.fronts[0].lines.map { $0.map(\.x).reduce(0, +) / Double($0.count) }.sorted()
        #expect(xs.count == 2)
        #expect(abs(xs[0] - 30_000) < 1 && abs(xs[1] - 70_000) < 1)
    }

    /// Smoothed or not, the front runs exactly along the edges of the zones on both sides.
    @Test(arguments: [0, 1, 3])
    func frontsRunOnTheZoneEdges(passes: Int) throws {
        let builder = try TerritoryBuilder(land: [square], reachMeters: 30_000)
        builder.frontSmoothingPasses = passes
        let places = [place("a1", .faction("a"), 20, 20), place("a2", .faction("a"), 45, 60), place("a3", .faction("a"), 15, 85),
                      place("b1", .faction("b"), 70, 25), place("b2", .faction("b"), 60, 75), place("b3", .faction("b"), 90, 55)]
        let territory = try builder.build(places)
        try TerritoryChecks.validate(territory, land: builder)
        for p in places {
            #expect(try TerritoryChecks.controller(at: p.point, in: territory, builder: builder) == p.control)
        }
        let front = try #require(territory.fronts.first)
        // The whole front: the parts near places of both sides and the sparse ones.
        let all = front.lines + front.sparse
        for zone in territory.zones {
            let vertices = Set(zone.polygons.flatMap { $0.exterior + $0.holes.flatMap { $0 } })
            for line in all { for p in line { #expect(vertices.contains(p)) } }
        }
        let unsmoothed = 3 + 2  // at least: the raw line here has more than three vertices
        #expect(all.map(\.count).reduce(0, +) >= (passes == 0 ? 2 : unsmoothed))
    }

    @Test func contestedIdsInAnyOrderMakeOneZone() throws {
        let builder = try TerritoryBuilder(land: [square], reachMeters: 200_000)
        let territory = try builder.build([
            place("a", .faction("a"), 10, 50), place("c", .contested(["a", "b"]), 50, 40),
            place("c2", .contested(["b", "a", "b"]), 50, 60), place("b", .faction("b"), 90, 50),
        ])
        try TerritoryChecks.validate(territory, land: builder)
        #expect(territory.zones.map(\.controller) == [.faction("a"), .faction("b"), .contested(["a", "b"])])
    }

    @Test func emptyInputLeavesAllLandWithoutData() throws {
        let builder = try TerritoryBuilder(land: [square])
        let territory = try builder.build([])
        #expect(territory.zones.isEmpty && territory.fronts.isEmpty)
        #expect(territory.noData.count == 1)
        try TerritoryChecks.validate(territory, land: builder)
    }

    @Test func unknownPlacesClaimNothing() throws {
        let builder = try TerritoryBuilder(land: [square])
        let territory = try builder.build([place("u", .unknown, 50, 50)])
        #expect(territory.zones.isEmpty)
        #expect(territory.noData.count == 1)
        // Weight 0: the place holds its point but claims no ground.
        let pinned = try builder.build([place("p", .faction("a"), 50, 50, weight: 0)])
        #expect(pinned.zones.isEmpty && pinned.noData.count == 1)
    }

    @Test func placeOutsideLandClaimsOnlyLand() throws {
        let builder = try TerritoryBuilder(land: [square], reachMeters: 60_000)
        let places = [place("sea", .faction("a"), -30, 50), place("b", .faction("b"), 60, 50)]
        let territory = try builder.build(places)
        try TerritoryChecks.validate(territory, land: builder)
        #expect(territory.zones.map(\.controller) == [.faction("a"), .faction("b")])
        // Far out at sea: no land within reach, no zone at all.
        let far = try builder.build([place("far", .faction("a"), -500, 50)])
        #expect(far.zones.isEmpty && far.noData.count == 1)
    }

    @Test(arguments: [(40_000.0, false), (9_000.0, true)])
    func outputIsDeterministicAndIndependentOfInputOrder(reach: Double, weighted: Bool) throws {
        let builder = try TerritoryBuilder(land: [square], reachMeters: reach)
        var places: [TerritoryPlace] = []
        var seed: UInt64 = 42
        func next() -> Double {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return Double(seed >> 11) / Double(1 << 53)
        }
        for i in 0..<120 {
            let x = next() * 100, y = next() * 100
            let control: Control = i % 17 == 0 ? .contested(["a", "b"]) : (x + 10 * (next() - 0.5) < 50 ? .faction("a") : .faction("b"))
            places.append(place("p\(i)", control, x, y, weight: weighted && i % 4 == 0 ? 1.7 : 1))
        }
        let first = try builder.build(places)
        try TerritoryChecks.validate(first, land: builder)
        #expect(!first.fronts.isEmpty)
        #expect(try builder.build(places.reversed()) == first)
        #expect(try TerritoryBuilder(land: [square], reachMeters: reach).build(places) == first)
        for p in places {
            #expect(try TerritoryChecks.controller(at: p.point, in: first, builder: builder) == p.control)
        }
    }

    @Test func collinearPlaces() throws {
        let builder = try TerritoryBuilder(land: [square], reachMeters: 30_000)
        let places = [place("a", .faction("a"), 10, 50), place("b", .faction("a"), 40, 50), place("c", .faction("b"), 70, 50),
                      place("d", .faction("b"), 95, 50)]
        let territory = try builder.build(places)
        try TerritoryChecks.validate(territory, land: builder)
        for p in places {
            #expect(try TerritoryChecks.controller(at: p.point, in: territory, builder: builder) == p.control)
        }
        #expect(territory.fronts.map(\.between) == [["a", "b"]])
    }

    @Test func duplicateCoordinatesShareOneCell() throws {
        let builder = try TerritoryBuilder(land: [square], reachMeters: 200_000)
        let territory = try builder.build([
            place("x", .faction("a"), 30, 50), place("y", .faction("b"), 30, 50), place("z", .faction("b"), 70, 50),
        ])
        try TerritoryChecks.validate(territory, land: builder)
        // "x" sorts first and speaks for the shared point.
        #expect(try TerritoryChecks.controller(at: PlanarPoint(x: 30_000, y: 50_000), in: territory, builder: builder) == .faction("a"))
    }
}

@Suite struct TerritoryFrontSmoothingTests {
    @Test func smoothingNeverCutsACornerOverAPlace() {
        // A sharp corner at (0, 0); a place just inside the corner triangle.
        let line = [PlanarPoint(x: -10_000, y: 10_000), PlanarPoint(x: 0, y: 0), PlanarPoint(x: 10_000, y: 10_000)]
        let places = TerritoryGrid(points: [PlanarPoint(x: 0, y: 800)])
        let smoothed = TerritoryFront.smooth(line, places: places)
        #expect(smoothed.contains(PlanarPoint(x: 0, y: 0)))
        // Without the place the corner is cut.
        let free = TerritoryFront.smooth(line, places: TerritoryGrid(points: [PlanarPoint(x: 0, y: -50_000)]))
        #expect(!free.contains(PlanarPoint(x: 0, y: 0)))
        #expect(free.first == line.first && free.last == line.last)
    }

    @Test func opposingPairs() {
        #expect(TerritoryFront.opposingPairs(.faction("a"), .faction("b")) == [["a", "b"]])
        #expect(TerritoryFront.opposingPairs(.faction("b"), .faction("b")).isEmpty)
        #expect(TerritoryFront.opposingPairs(.faction("a"), .contested(["a", "b"])) == [["a", "b"]])
        #expect(TerritoryFront.opposingPairs(.contested(["a", "b"]), .contested(["a", "b"])).isEmpty)
    }

    /// Spread and degenerate layouts (all points on one line: yScale 0).
    @Test(arguments: [0.3, 0])
    func gridNearestMatchesBruteForce(yScale: Double) {
        var seed: UInt64 = 7
        func next() -> Double {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return Double(seed >> 11) / Double(1 << 53) * 1_000_000
        }
        let points = (0..<500).map { _ in PlanarPoint(x: next(), y: next() * yScale) }
        let grid = TerritoryGrid(points: points)
        for _ in 0..<200 {
            let q = PlanarPoint(x: next() * 1.4 - 200_000, y: next() - 300_000)
            let brute = points.indices.min { a, b in
                let da = (points[a].x - q.x) * (points[a].x - q.x) + (points[a].y - q.y) * (points[a].y - q.y)
                let db = (points[b].x - q.x) * (points[b].x - q.x) + (points[b].y - q.y) * (points[b].y - q.y)
                return da < db
            }
            #expect(grid.nearest(to: q) == brute)
        }
    }
}

@Suite struct TerritoryLibyaFixtureTests {
    private func build(_ controls: [String: Control]) throws -> (Territory, TerritoryBuilder, [String: PlanarPoint]) {
        let builder = try TerritoryBuilder(land: [try TerritoryChecks.libyaLand()])
        let points = try TerritoryChecks.libyaPlaces()
        let places = controls.map { TerritoryPlace(id: $0.key, control: $0.value, point: points[$0.key]!) }
        let territory = try builder.build(places)
        try TerritoryChecks.validate(territory, land: builder)
        return (territory, builder, points)
    }

    @Test func mayTwentyFifthTarhunaIsLNAWithAFrontToTripoli() throws {
        let (territory, builder, points) = try build([
            "tripoli": .faction("gna"), "misrata": .faction("gna"), "tarhuna": .faction("lna"), "sirte": .faction("lna"),
        ])
        #expect(try TerritoryChecks.controller(at: points["tripoli"]!, in: territory, builder: builder) == .faction("gna"))
        #expect(try TerritoryChecks.controller(at: points["tarhuna"]!, in: territory, builder: builder) == .faction("lna"))
        let front = try #require(territory.fronts.first { $0.between == ["gna", "lna"] })
        // The front passes between Tripoli and Tarhuna (65 km apart).
        let context = builder.context
        let tripoli = try GEOSGeometry.point(points["tripoli"]!, context: context)
        let tarhuna = try GEOSGeometry.point(points["tarhuna"]!, context: context)
        let between = try GEOSGeometry.lineString([points["tripoli"]!, points["tarhuna"]!], context: context)
        // The whole front: with only four places, much of it is far from both sides (sparse).
        let lines = try GEOSGeometry.collection(
            GEOS_MULTILINESTRING, taking: (front.lines + front.sparse).map { try GEOSGeometry.lineString($0, context: context) }, context: context)
        #expect(try lines.distance(to: between) == 0)
        #expect(try lines.distance(to: tripoli) > 10_000 && lines.distance(to: tarhuna) > 10_000)
    }

    @Test func juneTenthTarhunaIsGNAAndSirteLNA() throws {
        let (territory, builder, points) = try build([
            "tripoli": .faction("gna"), "misrata": .faction("gna"), "tarhuna": .faction("gna"), "sirte": .faction("lna"),
        ])
        #expect(try TerritoryChecks.controller(at: points["tarhuna"]!, in: territory, builder: builder) == .faction("gna"))
        #expect(try TerritoryChecks.controller(at: points["sirte"]!, in: territory, builder: builder) == .faction("lna"))
    }
}
