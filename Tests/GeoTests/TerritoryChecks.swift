import CGEOS
import Foundation
import Testing
@testable import Geo
import Timeline

/// Output checks shared by the territory tests, done with GEOS itself.
enum TerritoryChecks {
    /// Square metres of overlap or spill tolerated (floating-point noding).
    static let areaTolerance = 10.0

    static func geometry(_ polygons: [PlanarPolygon], _ context: GEOSContext) throws -> GEOSGeometry {
        try GEOSGeometry.collection(GEOS_MULTIPOLYGON, taking: polygons.map { try GEOSGeometry.polygon($0, context: context) },
                                    context: context)
    }

    /// Every polygon valid, zones pairwise disjoint, all within land, no data disjoint from zones.
    static func validate(_ territory: Territory, land builder: TerritoryBuilder,
                         sourceLocation: SourceLocation = #_sourceLocation) throws {
        let context = builder.context
        // The pieces met exactly: the Swift union stitched them, no GEOS union was needed.
        #expect(builder.stitchingFallbacks == 0, sourceLocation: sourceLocation)
        #expect(builder.coverageFallbacks == 0, sourceLocation: sourceLocation)
        for zone in territory.zones {
            #expect(!zone.polygons.isEmpty, sourceLocation: sourceLocation)
            for polygon in zone.polygons {
                let g = try GEOSGeometry.polygon(polygon, context: context)
                let reason = try g.validityReason()
                #expect(try g.isValid(), "\(zone.controller): \(reason)", sourceLocation: sourceLocation)
            }
        }
        for polygon in territory.noData {
            #expect(try GEOSGeometry.polygon(polygon, context: context).isValid(), sourceLocation: sourceLocation)
        }
        let zones = try territory.zones.map { try geometry($0.polygons, context) }
        for geometry in zones { #expect(try geometry.isValid(), sourceLocation: sourceLocation) }
        for i in zones.indices {
            for j in zones.indices where j > i {
                let overlap = try zones[i].intersection(zones[j]).area()
                #expect(overlap < areaTolerance,
                        "\(territory.zones[i].controller) overlaps \(territory.zones[j].controller) by \(overlap) m²",
                        sourceLocation: sourceLocation)
            }
            let spill = try zones[i].difference(builder.land).area()
            #expect(spill < areaTolerance, "\(territory.zones[i].controller) spills \(spill) m² off the land",
                    sourceLocation: sourceLocation)
        }
        let noData = try geometry(territory.noData, context)
        for (i, zone) in zones.enumerated() {
            let overlap = try zone.intersection(noData).area()
            #expect(overlap < areaTolerance, "\(territory.zones[i].controller) overlaps no data by \(overlap) m²",
                    sourceLocation: sourceLocation)
        }
        // Zones and no data together tile the land.
        let total = try zones.reduce(0) { $0 + (try $1.area()) } + (try noData.area())
        #expect(abs(total - (try builder.land.area())) < max(areaTolerance, 1e-6 * (try builder.land.area())),
                sourceLocation: sourceLocation)
        for front in territory.fronts {
            #expect(front.between.count == 2 && front.between == front.between.sorted(), sourceLocation: sourceLocation)
            for line in front.lines { #expect(line.count >= 2, sourceLocation: sourceLocation) }
        }
    }

    /// Whether the polygons hold the point (their edge included).
    static func contains(_ polygons: [PlanarPolygon], _ point: PlanarPoint, builder: TerritoryBuilder) throws -> Bool {
        guard !polygons.isEmpty else { return false }
        return try geometry(polygons, builder.context).distance(to: try GEOSGeometry.point(point, context: builder.context)) == 0
    }

    /// The controller whose zone holds the point (nil when none).
    static func controller(at point: PlanarPoint, in territory: Territory, builder: TerritoryBuilder) throws -> Control? {
        let p = try GEOSGeometry.point(point, context: builder.context)
        for zone in territory.zones {
            let g = try geometry(zone.polygons, builder.context)
            if try g.distance(to: p) == 0 { return zone.controller }
        }
        return nil
    }

    static func fixtureLines(_ name: String) throws -> [[String]] {
        let url = try #require(Bundle.module.url(forResource: name, withExtension: "tsv", subdirectory: "Fixtures"))
        return try String(contentsOf: url, encoding: .utf8)
            .split(separator: "\n")
            .filter { !$0.hasPrefix("#") && !$0.isEmpty }
            .map { $0.split(separator: "\t").map(String.init) }
    }

    /// Libya's land, projected (see the fixture's header for the command).
    static func libyaLand() throws -> PlanarPolygon {
        let ring = try fixtureLines("territory-libya-land").map { PlanarPoint(x: Double($0[0])!, y: Double($0[1])!) }
        return PlanarPolygon(exterior: ring)
    }

    /// Real-ish places by id, projected the same way.
    static func libyaPlaces() throws -> [String: PlanarPoint] {
        var out: [String: PlanarPoint] = [:]
        for row in try fixtureLines("territory-libya-places") {
            out[row[0]] = PlanarPoint(x: Double(row[3])!, y: Double(row[4])!)
        }
        return out
    }
}
