import Foundation
import FrontlineCore
import Testing
@testable import Geo

@Suite struct GeoJSONReaderTests {
    func read(_ text: String) throws -> [GeoJSONFeature] {
        try GeoJSONReader.read(data: Data(text.utf8), file: "test.geojson")
    }

    /// The message of the DataError thrown by reading `text`.
    func failure(_ text: String) -> String? {
        do {
            _ = try read(text)
            return nil
        } catch let error as DataError {
            return error.description
        } catch {
            return "not a DataError: \(error)"
        }
    }

    @Test func readsEveryGeometryType() throws {
        let features = try read("""
        {"type":"FeatureCollection","features":[
        {"type":"Feature","properties":{"name":"طرابلس","pop":1150989,"area":0.5,"capital":true,"x":null},"geometry":{"type":"Point","coordinates":[13.1913,32.8872]}},
        {"type":"Feature","properties":{},"geometry":{"type":"MultiPoint","coordinates":[[1,2],[3,4,5]]}},
        {"type":"Feature","properties":null,"geometry":{"type":"LineString","coordinates":[[0,0],[1,1]]}},
        {"type":"Feature","geometry":{"type":"MultiLineString","coordinates":[[[0,0],[1,1]],[[2,2],[3,3]]]},"properties":{}},
        {"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]},"properties":{}},
        {"type":"Feature","geometry":{"type":"MultiPolygon","coordinates":[[[[0,0],[1,0],[1,1],[0,0]]],[[[5,5],[6,5],[6,6],[5,5]],[[5.1,5.1],[5.2,5.2],[5.3,5.1],[5.1,5.1]]]]},"properties":{}},
        {"type":"Feature","geometry":null,"properties":{}}
        ]}
        """)
        #expect(features.count == 6)
        #expect(features[0].geometry == .point(GeoPoint(latitude: 32.8872, longitude: 13.1913)))
        #expect(features[0].properties == ["name": "طرابلس", "pop": "1150989", "area": "0.5", "capital": "true"])
        #expect(features[1].geometry == .multiPoint([GeoPoint(latitude: 2, longitude: 1), GeoPoint(latitude: 4, longitude: 3)]))
        #expect(features[2].geometry.lines.count == 1)
        #expect(features[3].geometry.lines.count == 2)
        #expect(features[4].geometry.polygons.count == 1)
        #expect(features[5].geometry.polygons.count == 2)
        #expect(features[5].geometry.polygons[1].count == 2)
    }

    @Test func readsASingleFeature() throws {
        let features = try read(#"{"type":"Feature","properties":{"a":"b"},"geometry":{"type":"Point","coordinates":[0,1]}}"#)
        #expect(features == [GeoJSONFeature(geometry: .point(GeoPoint(latitude: 1, longitude: 0)), properties: ["a": "b"], line: 1)])
    }

    @Test func malformedInputNamesTheFileAndTheProblem() {
        let cases: [(String, String)] = [
            ("{", "not valid JSON"),
            ("[]", "not a JSON object"),
            (#"{"type":"Topology"}"#, "expected a FeatureCollection"),
            (#"{"type":"FeatureCollection"}"#, "\"features\" array"),
            (#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{}}]}"#, "feature 1: no \"geometry\""),
            (#"{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Circle","coordinates":[0,0]}}]}"#, "unsupported geometry type \"Circle\""),
            (#"{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":["a",0]}}]}"#, "[longitude, latitude]"),
            (#"{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[true,0]}}]}"#, "[longitude, latitude]"),
            (#"{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[0,95]}}]}"#, "outside"),
            (#"{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"LineString","coordinates":[[0,0]]}}]}"#, "at least 2 positions"),
            (#"{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1]]]}}]}"#, "not closed"),
            (#"{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Polygon","coordinates":[]}}]}"#, "no rings"),
            (#"{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Polygon","coordinates":5}}]}"#, "nested arrays"),
            (#"{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point"}}]}"#, "no \"coordinates\""),
        ]
        for (text, expected) in cases {
            let message = failure(text)
            #expect(message?.contains("test.geojson") == true, "\(text)")
            #expect(message?.contains(expected) == true, "\(text) -> \(message ?? "no error")")
        }
    }

    @Test func errorsNameTheLineOfTheFeature() {
        let message = failure("""
        {"type":"FeatureCollection","features":[
        {"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[0,1]}},
        {"type":"Feature","properties":{},
         "geometry":{"type":"Point","coordinates":[0,95]}}
        ]}
        """)
        #expect(message?.hasPrefix("test.geojson:4:") == true, "\(message ?? "no error")")
        #expect(message?.contains("feature 2") == true)
    }

    @Test func missingFileIsADataError() {
        #expect(throws: DataError.self) {
            try GeoJSONReader.read(contentsOf: URL(fileURLWithPath: "/nonexistent/x.geojson"))
        }
    }
}

@Suite struct GeoJSONWriterTests {
    let clockwiseSquare = [
        GeoPoint(latitude: 0, longitude: 0), GeoPoint(latitude: 1, longitude: 0),
        GeoPoint(latitude: 1, longitude: 1), GeoPoint(latitude: 0, longitude: 1),
    ]

    @Test func fixedOrderRoundingAndWinding() throws {
        let hole = [
            GeoPoint(latitude: 0.2, longitude: 0.2), GeoPoint(latitude: 0.2, longitude: 0.4),
            GeoPoint(latitude: 0.4, longitude: 0.4), GeoPoint(latitude: 0.2, longitude: 0.2),
        ]
        let feature = GeoJSONOutputFeature(
            geometry: .polygon([clockwiseSquare, hole]),
            properties: [(key: "zone", value: .string("front \"line\"")), (key: "between", value: .strings(["gna", "lna"])),
                         (key: "area_km2", value: .number(12.5)), (key: "count", value: .number(3)),
                         (key: "note", value: .null), (key: "live", value: .bool(false))])
        let point = GeoJSONOutputFeature(geometry: .point(GeoPoint(latitude: 32.88720049, longitude: -0.0000001)),
                                         properties: [(key: "name_ar", value: .string("طرابلس"))])
        let text = geoJSONString(features: [feature, point])
        #expect(text == """
        {"type":"FeatureCollection","features":[
        {"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1],[0,0]],[[0.2,0.2],[0.4,0.4],[0.4,0.2],[0.2,0.2]]]},"properties":{"zone":"front \\"line\\"","between":["gna","lna"],"area_km2":12.5,"count":3,"note":null,"live":false}},
        {"type":"Feature","geometry":{"type":"Point","coordinates":[0,32.8872]},"properties":{"name_ar":"طرابلس"}}
        ]}

        """)
        #expect(geoJSONString(features: [feature, point]) == text)

        // It reads back: the exterior is counter-clockwise, the hole clockwise.
        let back = try GeoJSONReader.read(data: Data(text.utf8), file: "out.geojson")
        let rings = back[0].geometry.polygons[0]
        #expect(GeoJSONText.signedArea(rings[0]) > 0)
        #expect(GeoJSONText.signedArea(rings[1]) < 0)
        #expect(back[0].properties["zone"] == "front \"line\"")
    }

    @Test func emptyCollection() {
        #expect(geoJSONString(features: [GeoJSONOutputFeature]()) == "{\"type\":\"FeatureCollection\",\"features\":[]}\n")
    }

    @Test func readFeaturesWriteWithSortedKeys() {
        let f = GeoJSONFeature(geometry: .lineString([GeoPoint(latitude: 1, longitude: 2), GeoPoint(latitude: 3, longitude: 4)]),
                               properties: ["b": "2", "a": "1"])
        #expect(geoJSONString(features: [f]).contains(#""properties":{"a":"1","b":"2"}"#))
    }
}
