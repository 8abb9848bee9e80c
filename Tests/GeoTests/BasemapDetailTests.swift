import Foundation
import FrontlineCore
import Testing
@testable import Geo
import Timeline

/// The repository's close-up coast layer (maps/libya/basemap/detail-*.geojson,
/// made by scripts/make-basemap-detail.sh), read through the loader.
@Suite struct BasemapDetailTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("maps/libya/basemap")
    static let land = folder.appendingPathComponent("detail-land.geojson")
    static let coast = folder.appendingPathComponent("detail-coast.geojson")
    static let borders = folder.appendingPathComponent("detail-borders.geojson")

    static func planar(_ rings: [[GeoPoint]]) -> PlanarPolygon {
        let ring = { (r: [GeoPoint]) in r.map { PlanarPoint(x: $0.longitude, y: $0.latitude) } }
        return PlanarPolygon(exterior: ring(rings[0]), holes: rings.dropFirst().map(ring))
    }

    @Test func committedLayerLoadsAndEveryPolygonIsValid() throws {
        let detail = try BasemapDetail.load(land: Self.land, coast: Self.coast, borders: Self.borders)
        #expect(detail.extent == GeoBox(west: 11, south: 30.5, east: 17, north: 33.6))
        #expect(detail.land.map(\.iso3) == ["LBY", "TUN"])
        let context = try GEOSContext()
        var area = [String: Double]()
        for country in detail.land {
            for polygon in country.polygons {
                for ring in polygon {
                    #expect(ring.count >= 4 && ring.first == ring.last, "\(country.iso3): a ring is not closed")
                    #expect(ring.allSatisfy { detail.extent.contains($0) }, "\(country.iso3): a point lies outside the extent")
                }
                let g = try GEOSGeometry.polygon(Self.planar(polygon), context: context)
                let reason = try g.isValid() ? "" : try g.validityReason()
                #expect(reason.isEmpty, "\(country.iso3): \(reason)")
                area[country.iso3, default: 0] += try g.area()
            }
        }
        // Most of the extent is Libyan land; Tunisia only its south-east corner.
        #expect(area["LBY", default: 0] > 10 && area["TUN", default: 0] > 0.3 && area["TUN", default: 0] < 1)
        // Tripoli's harbour, the cape at Tajoura: far finer than Natural Earth (19 vertices there).
        let tripoli = GeoBox(west: 12.65, south: 32.25, east: 13.75, north: 33.02)
        #expect(detail.coast.joined().filter { tripoli.contains($0) }.count > 300)
    }

    /// Fill and lines agree: every coastline and border vertex is a land ring
    /// vertex, the coastline never runs along the extent's frame, and the
    /// Libya–Tunisia border reaches the coast at Ras Ajdir.
    @Test func coastlineIsTheLandsEdge() throws {
        let detail = try BasemapDetail.load(land: Self.land, coast: Self.coast, borders: Self.borders)
        struct Key: Hashable { let x: Double, y: Double }
        let ringVertices = Set(detail.land.flatMap(\.polygons).joined().joined().map { Key(x: $0.longitude, y: $0.latitude) })
        let coastVertices = detail.coast.joined()
        #expect(coastVertices.count > 2_000)
        #expect(coastVertices.allSatisfy { ringVertices.contains(Key(x: $0.longitude, y: $0.latitude)) })
        #expect(detail.borders.count == 1)
        #expect(detail.borders.joined().allSatisfy { ringVertices.contains(Key(x: $0.longitude, y: $0.latitude)) })
        let coastSet = Set(coastVertices.map { Key(x: $0.longitude, y: $0.latitude) })
        let ajdir = try #require(detail.borders.first?.max { $0.latitude < $1.latitude })
        #expect(coastSet.contains(Key(x: ajdir.longitude, y: ajdir.latitude)), "the border's north end \(ajdir) is not on the coast")
        #expect(abs(ajdir.longitude - 11.5) < 0.05 && abs(ajdir.latitude - 33.17) < 0.05)
        let e = detail.extent
        for line in detail.coast {
            for (p, q) in zip(line, line.dropFirst()) {
                let onFrame = (p.longitude == q.longitude && (p.longitude == e.west || p.longitude == e.east))
                    || (p.latitude == q.latitude && (p.latitude == e.south || p.latitude == e.north))
                #expect(!onFrame, "coast segment \(p)–\(q) runs along the frame")
            }
        }
    }

    @Test func theatreNamesTheLayerAndTheBasemapLoadsIt() throws {
        let settings = try TheatreSettings.load(directory: Self.folder.deletingLastPathComponent())
        #expect(settings.basemap.detailLand?.lastPathComponent == "detail-land.geojson")
        let basemap = try Basemap.load(settings.basemap)
        #expect(basemap.detail?.land.count == 2)
        #expect(settings.basemapCredit.contains("GSHHG"))
        // The three-file loader keeps its old meaning: no close-up layer.
        #expect(try Basemap.load(countries: settings.basemap.countries, coast: settings.basemap.coast,
                                 borders: settings.basemap.borders).detail == nil)
    }

    @Test func badLayerFilesAreDataErrorsNamingTheFile() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("detail-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let square = #""geometry":{"type":"Polygon","coordinates":[[[12,32],[13,32],[13,33],[12,32]]]}"#
        let cases: [(String, String)] = [
            (#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"iso3":"LBY"},\#(square)}]}"#, "extent"),
            (#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"iso3":"LBY","extent":"13,30,12,33"},\#(square)}]}"#, "extent"),
            (#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"extent":"11,30,17,34"},\#(square)}]}"#, "iso3"),
            (#"{"type":"FeatureCollection","features":[]}"#, "no land features"),
            (#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"iso3":"LBY","extent":"11,30,17,34"},"geometry":{"type":"Polygon","coordinates":[[[12,32],[13,32],[13,33]]]}}]}"#, "closed"),
        ]
        for (i, (text, expected)) in cases.enumerated() {
            let file = dir.appendingPathComponent("land\(i).geojson")
            try Data(text.utf8).write(to: file)
            let error = try #require(throws: DataError.self) { try BasemapDetail.load(land: file, coast: Self.coast, borders: Self.borders) }
            #expect(error.description.contains(file.path) && error.description.contains(expected), "\(error)")
        }
    }
}
