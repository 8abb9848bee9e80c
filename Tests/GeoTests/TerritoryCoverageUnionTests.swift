import CGEOS
import Foundation
import Testing
@testable import Geo
import Timeline

/// A closed ring from (x, y) pairs in kilometres (rings of 1 m² or less count as degenerate).
private func ring(_ xy: [(Double, Double)]) -> [PlanarPoint] {
    let points = xy.map { PlanarPoint(x: $0.0 * 1000, y: $0.1 * 1000) }
    return points + [points[0]]
}

private func square(_ x: Double, _ y: Double, side: Double = 1) -> PlanarPolygon {
    PlanarPolygon(exterior: ring([(x, y), (x + side, y), (x + side, y + side), (x, y + side)]))
}

/// Area in km².
private func area(_ polygon: PlanarPolygon) -> Double {
    km2((signedDoubleArea(polygon.exterior) + polygon.holes.reduce(0) { $0 + signedDoubleArea($1) }) / 2)
}

private func km2(_ squareMetres: Double) -> Double { squareMetres / 1e6 }

/// The Swift union checked against GEOS: every polygon and the whole
/// multipolygon valid, and the same ground as GEOS's overlay union.
private func checkAgainstGEOS(_ pieces: [PlanarPolygon], _ result: [PlanarPolygon],
                              sourceLocation: SourceLocation = #_sourceLocation) throws {
    let context = try GEOSContext()
    for polygon in result {
        let g = try GEOSGeometry.polygon(polygon, context: context)
        let reason = try g.validityReason()
        #expect(try g.isValid(), "\(reason)", sourceLocation: sourceLocation)
        #expect(signedDoubleArea(polygon.exterior) > 0, sourceLocation: sourceLocation)
        for hole in polygon.holes { #expect(signedDoubleArea(hole) < 0, sourceLocation: sourceLocation) }
    }
    let ours = try GEOSGeometry.collection(
        GEOS_MULTIPOLYGON, taking: try result.map { try GEOSGeometry.polygon($0, context: context) }, context: context)
    let reason = try ours.validityReason()
    #expect(try ours.isValid(), "\(reason)", sourceLocation: sourceLocation)
    let theirs = try GEOSGeometry.collection(
        GEOS_GEOMETRYCOLLECTION, taking: try pieces.map { try GEOSGeometry.polygon($0, context: context) }, context: context
    ).unaryUnion()
    let different = try ours.difference(theirs).area() + (try theirs.difference(ours).area())
    #expect(different < 1e-3, sourceLocation: sourceLocation)
}

/// The Swift union of `pieces`, which must succeed and agree with GEOS.
private func checkedUnion(_ pieces: [PlanarPolygon], sourceLocation: SourceLocation = #_sourceLocation) throws -> [PlanarPolygon] {
    let result = try #require(TerritoryCoverageUnion.union(pieces), sourceLocation: sourceLocation)
    try checkAgainstGEOS(pieces, result, sourceLocation: sourceLocation)
    return result
}

/// Holes per polygon and areas (km²), in a fixed order.
private func shape(_ result: [PlanarPolygon]) -> [(holes: Int, km2: Double)] {
    result.map { ($0.holes.count, area($0)) }.sorted { ($0.1, $0.0) < ($1.1, $1.0) }
}

private func expectShape(_ result: [PlanarPolygon], _ expected: [(holes: Int, km2: Double)],
                         sourceLocation: SourceLocation = #_sourceLocation) {
    let actual = shape(result)
    #expect(actual.count == expected.count && zip(actual, expected).allSatisfy { $0.holes == $1.holes && $0.km2 == $1.km2 },
            "\(actual)", sourceLocation: sourceLocation)
}

@Suite struct TerritoryCoverageUnionTests {
    @Test func twoSquaresSharingAnEdgeMergeIntoOne() throws {
        let pieces = [square(0, 0), square(1, 0)]
        let result = try checkedUnion(pieces)
        expectShape(result, [(0, 2)])
        // The shared edge is gone; its ends stay as (collinear) vertices.
        #expect(result[0].exterior.count == 7)
    }

    @Test func eitherOrientationIsAccepted() throws {
        let clockwise = PlanarPolygon(exterior: square(1, 0).exterior.reversed())
        expectShape(try checkedUnion([square(0, 0), clockwise]), [(0, 2)])
    }

    @Test func ringOfSquaresLeavesAHole() throws {
        // A 3 × 3 block without its middle square.
        var pieces: [PlanarPolygon] = []
        for x in 0..<3 { for y in 0..<3 where !(x == 1 && y == 1) { pieces.append(square(Double(x), Double(y))) } }
        let result = try checkedUnion(pieces)
        expectShape(result, [(1, 8)])
    }

    @Test func squaresTouchingAtOneCornerStayTwoPolygons() throws {
        let pieces = [square(0, 0), square(1, 1)]
        let result = try checkedUnion(pieces)
        expectShape(result, [(0, 1), (0, 1)])
        #expect(result.allSatisfy { $0.exterior.count == 5 })
    }

    @Test func pinchedBlockSplitsAtTheCornerItTouches() throws {
        // Two 2-square blocks meeting at (2, 1) only, each merged from two pieces.
        let pieces = [square(0, 0), square(1, 0), square(2, 1), square(3, 1)]
        expectShape(try checkedUnion(pieces), [(0, 2), (0, 2)])
    }

    @Test func twoDisjointRegions() throws {
        let pieces = [square(0, 0), square(1, 0), square(10, 10), square(10, 11)]
        let result = try checkedUnion(pieces)
        expectShape(result, [(0, 2), (0, 2)])
    }

    @Test func holeTouchingItsShellAtOnePointIsAHole() throws {
        // A 4 × 4 square less the triangle (2, 0), (3, 2), (1, 2), which touches the bottom edge at (2, 0).
        let pieces = [
            PlanarPolygon(exterior: ring([(0, 0), (2, 0), (1, 2), (2, 4), (0, 4)])),
            PlanarPolygon(exterior: ring([(2, 0), (4, 0), (4, 4), (2, 4), (3, 2)])),
            PlanarPolygon(exterior: ring([(1, 2), (3, 2), (2, 4)])),
        ]
        let result = try checkedUnion(pieces)
        expectShape(result, [(1, 14)])
    }

    @Test func holeTouchingItsShellTwiceSplitsTheGround() throws {
        // A 4 × 4 square less a diamond from its left edge to its right edge:
        // the ground above and below meet only at those two points.
        let pieces = [
            PlanarPolygon(exterior: ring([(0, 0), (4, 0), (4, 2), (2, 1), (0, 2)])),
            PlanarPolygon(exterior: ring([(0, 2), (2, 3), (2, 4), (0, 4)])),
            PlanarPolygon(exterior: ring([(2, 3), (4, 2), (4, 4), (2, 4)])),
        ]
        expectShape(try checkedUnion(pieces), [(0, 6), (0, 6)])
    }

    @Test func islandInsideAHoleKeepsItsOwnHole() throws {
        // A 7 × 7 frame of 24 squares around a 5 × 5 hole, in which an
        // island of eight squares (3 × 3) surrounds a hole of its own.
        var pieces: [PlanarPolygon] = []
        for x in 0..<7 { for y in 0..<7 where x == 0 || y == 0 || x == 6 || y == 6 { pieces.append(square(Double(x), Double(y))) } }
        for x in 2..<5 { for y in 2..<5 where !(x == 3 && y == 3) { pieces.append(square(Double(x), Double(y))) } }
        let result = try checkedUnion(pieces)
        expectShape(result, [(1, 8), (1, 24)])
    }

    @Test func vertexOnANeighboursEdgeIsRefused() {
        // The right square has a vertex at (1, 0.5) that the left one lacks:
        // the shared edge does not cancel, so the Swift union must give up.
        let left = square(0, 0)
        let right = PlanarPolygon(exterior: ring([(1, 0), (2, 0), (2, 1), (1, 1), (1, 0.5)]))
        #expect(TerritoryCoverageUnion.union([left, right]) == nil)
    }

    @Test func overlappingPiecesAreRefused() {
        #expect(TerritoryCoverageUnion.union([square(0, 0), square(0, 0)]) == nil)
    }

    @Test func pointIndexKeepsDistinctPointsApart() {
        var index = PointIndex(capacity: 4)
        var ids: [Int32] = []
        for i in 0..<1000 { ids.append(index.id(of: PlanarPoint(x: Double(i % 37), y: Double(i / 37)))) }
        #expect(index.points.count == 1000)
        #expect(Set(ids).count == 1000)
        #expect(index.id(of: PlanarPoint(x: 5, y: 3)) == ids[3 * 37 + 5])
        // -0 and +0 are the same point.
        #expect(index.id(of: PlanarPoint(x: -0.0, y: 0)) == index.id(of: PlanarPoint(x: 0, y: -0.0)))
    }
}

/// The Swift union against GEOS's coverage union on whole builds: the same
/// zones (area per controller), fronts (length) and no data.
@Suite struct TerritorySwiftUnionMatchesGEOSTests {
    private func compare(land: PlanarPolygon, places: [TerritoryPlace], reach: Double,
                         sourceLocation: SourceLocation = #_sourceLocation) throws {
        let swift = try TerritoryBuilder(land: [land], reachMeters: reach)
        let geos = try TerritoryBuilder(land: [land], reachMeters: reach)
        geos.unionInGEOS = true
        let ours = try swift.build(places), theirs = try geos.build(places)
        try TerritoryChecks.validate(ours, land: swift, sourceLocation: sourceLocation)
        #expect(ours.zones.map(\.controller) == theirs.zones.map(\.controller), sourceLocation: sourceLocation)
        for (a, b) in zip(ours.zones, theirs.zones) {
            let x = a.polygons.reduce(0) { $0 + area($1) }, y = b.polygons.reduce(0) { $0 + area($1) }
            #expect(abs(x - y) <= 1e-3 * y, "\(a.controller): \(x) km² vs GEOS \(y) km²", sourceLocation: sourceLocation)
        }
        func length(_ t: Territory) -> Double {
            var sum = 0.0
            for line in t.fronts.flatMap(\.lines) {
                for (a, b) in zip(line, line.dropFirst()) { sum += hypot(b.x - a.x, b.y - a.y) }
            }
            return sum
        }
        #expect(abs(length(ours) - length(theirs)) <= 1e-3 * length(theirs), sourceLocation: sourceLocation)
        let noData = { (t: Territory) in t.noData.reduce(0) { $0 + area($1) } }
        #expect(abs(noData(ours) - noData(theirs)) <= max(1e-3 * noData(theirs), 1e-6), sourceLocation: sourceLocation)
        // In practice the output is the very same: both keep every vertex and GEOS normalises after the clip.
        #expect(ours == theirs, sourceLocation: sourceLocation)
    }

    @Test(arguments: [(150, 60_000.0), (2_000, 60_000.0), (300, 25_000.0)])
    func libyaWithSyntheticPlaces(count: Int, reach: Double) throws {
        let land = try TerritoryChecks.libyaLand()
        var seed: UInt64 = 2020
        func next() -> Double {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return Double(seed >> 11) / Double(1 << 53)
        }
        let xs = land.exterior.map(\.x), ys = land.exterior.map(\.y)
        var places: [TerritoryPlace] = []
        while places.count < count {
            let p = PlanarPoint(x: xs.min()! + next() * (xs.max()! - xs.min()!), y: ys.min()! + next() * (ys.max()! - ys.min()!))
            guard TerritoryCoverageUnion.contains(land.exterior, p) else { continue }
            let i = places.count
            let control: Control = i % 25 == 0 ? .contested(["gna", "lna"]) : (p.x < -150_000 + 60_000 * sin(p.y / 90_000) ? .faction("gna") : .faction("lna"))
            // Mixed weights: shorter-reach neighbours put cut points on shared edges.
            places.append(TerritoryPlace(id: "p\(i)", control: control, point: p, weight: [1, 1.5, 0.5, 0.75][i % 4]))
        }
        try compare(land: land, places: places, reach: reach)
    }
}
