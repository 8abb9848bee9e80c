import Foundation
import FrontlineCore
import Testing
import Timeline
@testable import Geo

@Suite struct BasemapTests {
    static var checkout: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    @Test func theLibyaBasemapLoadsWithArabicNames() throws {
        let settings = try TheatreSettings.load(directory: Self.checkout.appendingPathComponent("maps/libya"))
        let basemap = try Basemap.load(settings.basemap)
        let libya = try #require(basemap.country("LBY"))
        #expect(libya.nameArabic == "ليبيا")
        #expect(libya.nameEnglish == "Libya")
        #expect(basemap.countries.count == 12)
        #expect(!basemap.coast.isEmpty && basemap.borders.count == 13)
        let land = try basemap.land(of: "LBY", with: Projection(crs: settings.crs))
        // Libya's mainland polygon dominates: hundreds of vertices at 1:10m simplified to ~1 km.
        #expect(land.map(\.exterior.count).max()! > 300)
    }

    @Test func readsEveryGeometryType() throws {
        let text = """
        {"type":"FeatureCollection","features":[
        {"type":"Feature","properties":{"n":1,"s":"a"},"geometry":{"type":"Point","coordinates":[13.1,32.8]}},
        {"type":"Feature","properties":{},"geometry":{"type":"MultiPoint","coordinates":[[1,2],[3,4]]}},
        {"type":"Feature","properties":{},"geometry":{"type":"LineString","coordinates":[[1,2],[3,4]]}},
        {"type":"Feature","properties":{},"geometry":{"type":"MultiLineString","coordinates":[[[1,2],[3,4]],[[5,6],[7,8]]]}},
        {"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}},
        {"type":"Feature","properties":{},"geometry":{"type":"MultiPolygon","coordinates":[[[[0,0],[1,0],[1,1],[0,0]]]]}}
        ]}
        """
        let features = try GeoJSONReader.features(data: Data(text.utf8), path: "t.geojson")
        #expect(features.count == 6)
        #expect(features[0].geometry == .point(GeoPoint(latitude: 32.8, longitude: 13.1)))
        #expect(features[0].properties == ["n": "1", "s": "a"])
        #expect(features[3].geometry.lines.count == 2)
        #expect(features[4].geometry.polygons.count == 1 && features[5].geometry.polygons.count == 1)
    }

    @Test func malformedInputNamesTheFileAndFeature() {
        let cases = [
            "not json",
            #"{"type":"Feature"}"#,
            #"{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[1]}}]}"#,
            #"{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[200,10]}}]}"#,
            #"{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Circle","coordinates":[1,2]}}]}"#,
        ]
        for text in cases {
            do {
                _ = try GeoJSONReader.features(data: Data(text.utf8), path: "bad.geojson")
                Issue.record("accepted: \(text)")
            } catch let error as DataError {
                #expect(error.description.hasPrefix("bad.geojson"), "\(error)")
            } catch {
                Issue.record("unexpected \(error)")
            }
        }
    }
}
