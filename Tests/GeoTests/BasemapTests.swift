import Foundation
import FrontlineCore
import Testing
@testable import Geo

/// The repository's Libya basemap (maps/libya/basemap), found from this file.
func libyaBasemapURLs() -> (countries: URL, coast: URL, borders: URL) {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let dir = root.appendingPathComponent("maps/libya/basemap")
    return (dir.appendingPathComponent("countries.geojson"), dir.appendingPathComponent("coast.geojson"),
            dir.appendingPathComponent("borders.geojson"))
}

@Suite struct BasemapTests {
    func load() throws -> Basemap {
        let urls = libyaBasemapURLs()
        return try Basemap.load(countries: urls.countries, coast: urls.coast, borders: urls.borders)
    }

    @Test func realBasemapLoads() throws {
        let basemap = try load()
        let libya = try #require(basemap.country("LBY"))
        #expect(libya.nameEnglish == "Libya")
        #expect(libya.nameArabic == "ليبيا")
        #expect(Set(basemap.countries.map(\.iso3)).isSuperset(of: ["LBY", "TUN", "DZA", "NER", "TCD", "SDN", "EGY", "MLT", "ITA"]))
        #expect(basemap.country("MLT")?.nameArabic == "مالطا")
        #expect(!basemap.coast.isEmpty)
        #expect(basemap.borders.count >= 13)
        // Tripoli's shore is in the coast data, within ~2 km.
        let tripoli = GeoPoint(latitude: 32.8968, longitude: 13.1800)
        let nearest = basemap.coast.joined().map { geodesicDistance(from: $0, to: tripoli) }.min() ?? .infinity
        #expect(nearest < 3_000)
    }

    @Test func projectsOnceAndKeepsTheStructure() throws {
        let basemap = try load()
        let projection = try Projection(crs: libyaLCC)
        let projected = try basemap.projected(with: projection)
        #expect(projected.countries.count == basemap.countries.count)
        #expect(projected.coast.map(\.count) == basemap.coast.map(\.count))
        #expect(projected.borders.map(\.count) == basemap.borders.map(\.count))
        let land = projected.land(of: "LBY")
        let libya = try #require(basemap.country("LBY"))
        #expect(land.count == libya.polygons.count)
        #expect(land[0].exterior.count == libya.polygons[0][0].count)
        #expect(try land[0].exterior[3] == projection.project(libya.polygons[0][0][3]))
        #expect(projected.land(of: "XXX").isEmpty)
        // Libya spans roughly 9.3–25.2 E, 19.5–33.2 N: about ±800 km around the origin.
        let bounds = try #require(projected.countries.first { $0.iso3 == "LBY" }?.bounds)
        #expect(bounds.width > 1_400_000 && bounds.width < 1_700_000)
        #expect(bounds.height > 1_400_000 && bounds.height < 1_700_000)
    }

    @Test func countryWithoutIso3IsADataError() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("basemap-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let bad = dir.appendingPathComponent("countries.geojson")
        try Data(#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name_en":"X"},"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}}]}"#.utf8).write(to: bad)
        let urls = libyaBasemapURLs()
        #expect {
            try Basemap.load(countries: bad, coast: urls.coast, borders: urls.borders)
        } throws: { error in
            (error as? DataError)?.description.contains("iso3") == true
        }
    }
}
