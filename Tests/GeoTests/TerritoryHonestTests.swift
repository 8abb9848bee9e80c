import CGEOS
import Foundation
import FrontlineCore
import Testing
@testable import Geo
import Timeline

/// The rules that keep derived zones honest: fronts only between belligerents,
/// the contested hatch only on the contested place's own ground, fronts far from
/// the data marked, and drawn areas over derived zones.
@Suite struct TerritoryHonestTests {
    static let land = PlanarPolygon(exterior: [
        PlanarPoint(x: 0, y: 0), PlanarPoint(x: 200_000, y: 0), PlanarPoint(x: 200_000, y: 200_000),
        PlanarPoint(x: 0, y: 200_000), PlanarPoint(x: 0, y: 0),
    ])

    static func place(_ id: String, _ control: Control, _ xKm: Double, _ yKm: Double) -> TerritoryPlace {
        TerritoryPlace(id: id, control: control, point: PlanarPoint(x: xKm * 1000, y: yKm * 1000))
    }

    /// Length in metres of the part of `lines` inside `polygons`.
    static func length(of lines: [[PlanarPoint]], inside polygons: [PlanarPolygon], builder: TerritoryBuilder) throws -> Double {
        let context = builder.context
        guard !lines.isEmpty, !polygons.isEmpty else { return 0 }
        let l = try GEOSGeometry.collection(GEOS_MULTILINESTRING, taking: lines.map { try GEOSGeometry.lineString($0, context: context) }, context: context)
        let p = try GEOSGeometry.collection(GEOS_MULTIPOLYGON, taking: polygons.map { try GEOSGeometry.polygon($0, context: context) }, context: context)
        return try l.intersection(p).length()
    }

    @Test func noFrontRunsThroughANeutralPlacesGround() throws {
        let builder = try TerritoryBuilder(land: [Self.land], reachMeters: 60_000)
        // A neutral town between the two sides, as Bani Walid between GNA and LNA.
        let places = [
            Self.place("a1", .faction("a"), 40, 100), Self.place("a2", .faction("a"), 60, 60),
            Self.place("n", .faction("n"), 100, 100),
            Self.place("b1", .faction("b"), 160, 100), Self.place("b2", .faction("b"), 140, 60),
        ]
        let all = try builder.build(places)
        let honest = try builder.build(places, belligerents: ["a", "b"])
        let neutral = try #require(honest.zones.first { $0.controller == .faction("n") })
        let context = builder.context
        let cell = try GEOSGeometry.collection(GEOS_MULTIPOLYGON, taking: neutral.polygons.map { try GEOSGeometry.polygon($0, context: context) }, context: context)
        let grown = try cell.buffer(1)
        // Everyone a belligerent: the neutral town is ringed by fronts (the old map).
        #expect(all.fronts.contains { $0.between.contains("n") })
        let ringing = try all.fronts.flatMap { $0.lines + $0.sparse }.map { try GEOSGeometry.lineString($0, context: context).intersection(grown).length() }
        #expect(ringing.reduce(0, +) > 10_000)
        // With roles: no front names the neutral faction, and none runs along or into its ground.
        #expect(!honest.fronts.contains { $0.between.contains("n") })
        #expect(!honest.fronts.isEmpty, "the two belligerents still meet")
        for front in honest.fronts {
            for line in front.lines + front.sparse {
                let g = try GEOSGeometry.lineString(line, context: context)
                // Touching at a shared corner is a point; running along the cell's edge would be a length.
                #expect(try g.intersection(grown).length() < 3, "front \(front.between) runs along the neutral cell")
            }
        }
    }

    @Test func theContestedHatchCoversNoPlaceOneSideHolds() throws {
        let builder = try TerritoryBuilder(land: [Self.land], reachMeters: 60_000)
        var places = [Self.place("c", .contested(["a", "b"]), 100, 100)]
        // Held places all round the contested one, one at its very coordinate.
        for (i, (x, y)) in [(80.0, 100.0), (120.0, 100.0), (100.0, 80.0), (100.0, 120.0), (85.0, 85.0), (115.0, 115.0)].enumerated() {
            places.append(Self.place("h\(i)", .faction(i % 2 == 0 ? "a" : "b"), x, y))
        }
        places.append(Self.place("same", .faction("a"), 100, 100))
        let territory = try builder.build(places, belligerents: ["a", "b"])
        let contested = territory.zones.filter { if case .contested = $0.controller { return true } else { return false } }
        for p in places where p.control.factionID != nil {
            for zone in contested {
                #expect(try !TerritoryChecks.contains(zone.polygons, p.point, builder: builder), "\(p.id) lies under the hatch")
            }
        }
        // And the hatch reaches only half as far as held ground would.
        let lone = try builder.build([Self.place("c", .contested(["a", "b"]), 100, 100)])
        let extent = try #require(lone.zones.first?.polygons.first?.exterior.map { abs($0.x - 100_000) }.max())
        #expect(extent <= 60_000 * TerritoryBuilder.contestedReachShare + 1)
    }

    @Test func aFrontThroughEmptyCountryIsMarkedSparse() throws {
        let builder = try TerritoryBuilder(land: [Self.land], reachMeters: 120_000)
        // Close neighbours at the bottom, a lone pair far apart at the top.
        let places = [
            Self.place("a1", .faction("a"), 90, 20), Self.place("b1", .faction("b"), 110, 20),
            Self.place("a2", .faction("a"), 20, 170), Self.place("b2", .faction("b"), 180, 170),
        ]
        let territory = try builder.build(places)
        let front = try #require(territory.fronts.first)
        #expect(!front.lines.isEmpty && !front.sparse.isEmpty)
        // The front is the line x = 100 km. Up to y ≈ 79 km it is within 60 km
        // (the sparse distance) of a1 and b1; above, the nearest places of
        // each side (a2, b2) are 80 km or more away.
        #expect(builder.sparseMeters == 60_000)
        for p in front.lines.joined() { #expect(p.y <= 90_000, "certain front at y = \(p.y)") }
        #expect(front.sparse.joined().contains { $0.y > 150_000 }, "the front between the far-apart pair is sparse")
        #expect(front.lines.joined().contains { $0.y < 40_000 }, "the front between close neighbours is certain")
    }

    @Test func drawnAreasWinOverDerivedZones() throws {
        let builder = try TerritoryBuilder(land: [Self.land], reachMeters: 60_000)
        let places = [Self.place("a1", .faction("a"), 50, 100), Self.place("b1", .faction("b"), 150, 100)]
        // An area of "a" over the eastern half, where "b" holds a place.
        let east = PlanarPolygon(exterior: [
            PlanarPoint(x: 120_000, y: 0), PlanarPoint(x: 200_000, y: 0), PlanarPoint(x: 200_000, y: 200_000),
            PlanarPoint(x: 120_000, y: 200_000), PlanarPoint(x: 120_000, y: 0),
        ])
        let area = ProjectedArea(controller: "a", polygons: [east], reference: DrawnArea.Reference(id: "east", source: "test map"))
        let territory = try builder.build(places, drawn: [area])
        let drawn = try #require(territory.zones.first { $0.drawn != nil })
        #expect(drawn.controller == .faction("a"))
        #expect(drawn.drawn?.source == "test map")
        // Inside the area the drawn zone answers, and no derived zone does.
        let inside = PlanarPoint(x: 150_000, y: 100_000)
        #expect(try TerritoryChecks.contains(drawn.polygons, inside, builder: builder))
        for zone in territory.zones where zone.drawn == nil {
            #expect(try !TerritoryChecks.contains(zone.polygons, inside, builder: builder))
        }
        // No derived front, no data edge inside the area.
        #expect(try Self.length(of: territory.fronts.flatMap { $0.lines + $0.sparse }, inside: [east], builder: builder) < 1)
        #expect(try Self.length(of: territory.dataEdges, inside: [east], builder: builder) < 1)
    }

    @Test func drawnAreasAreCheckedAndComeInTheirDays() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("frontline-areas-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("areas"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let good = #"{"type":"Feature","properties":{"id":"g","controller":"a","from":"2020-01-01","to":"2020-02-01","source":"s"},"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1],[0,0]]]}}"#
        let bowtie = #"{"type":"Feature","properties":{"controller":"x","from":"2020-13-01","source":""},"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,1],[1,0],[0,1],[0,0]]]}}"#
        try Data(("{\"type\":\"FeatureCollection\",\"features\":[\n" + good + ",\n" + bowtie + "\n]}").utf8)
            .write(to: dir.appendingPathComponent("areas/test.geojson"))
        let (areas, problems) = DrawnArea.load(theatreDirectory: dir, factions: ["a", "b"])
        #expect(areas.map(\.id) == ["g"])
        let fields = Set(problems.compactMap(\.field))
        #expect(fields.isSuperset(of: ["controller", "from", "source", "geometry"]), "\(problems)")
        #expect(problems.allSatisfy { $0.location.file.hasSuffix("areas/test.geojson") && $0.location.line == 3 })
        #expect(areas[0].isInForce(on: Day(year: 2020, month: 1, day: 15)!))
        #expect(!areas[0].isInForce(on: Day(year: 2020, month: 2, day: 2)!))
    }
}
