import Foundation
import Testing

/// `frontline state --format geojson` on the real Libya data: places, zones and
/// fronts, checked the way a GIS would read them.
@Suite struct StateGeoJSONCLITests {
    struct Feature {
        let type: String
        let coordinates: Any
        let properties: [String: Any]
        var kind: String { properties["kind"] as? String ?? "place" }
    }

    static func features(on date: String) throws -> [Feature] {
        let run = try CLI.run(["state", "--date", date, "--format", "geojson"])
        #expect(run.status == 0, "\(run.stderr)")
        let root = try #require(try JSONSerialization.jsonObject(with: run.stdoutData) as? [String: Any])
        #expect(root["type"] as? String == "FeatureCollection")
        let list = try #require(root["features"] as? [[String: Any]])
        return list.compactMap { f in
            guard let g = f["geometry"] as? [String: Any], let t = g["type"] as? String, let c = g["coordinates"] else { return nil }
            return Feature(type: t, coordinates: c, properties: f["properties"] as? [String: Any] ?? [:])
        }
    }

    /// Polygons of a (Multi)Polygon feature as rings of (lon, lat).
    static func polygons(_ f: Feature) -> [[[(Double, Double)]]] {
        func ring(_ any: Any) -> [(Double, Double)] {
            (any as? [[Double]] ?? []).map { ($0[0], $0[1]) }
        }
        func polygon(_ any: Any) -> [[(Double, Double)]] { (any as? [Any] ?? []).map(ring) }
        return f.type == "Polygon" ? [polygon(f.coordinates)] : (f.coordinates as? [Any] ?? []).map(polygon)
    }

    /// Even-odd ray casting over all rings: inside the exterior and outside the holes.
    static func contains(_ f: Feature, lon: Double, lat: Double) -> Bool {
        polygons(f).contains { rings in
            var inside = false
            for ring in rings where ring.count > 2 {
                var j = ring.count - 1
                for i in 0..<ring.count {
                    let (xi, yi) = ring[i], (xj, yj) = ring[j]
                    if (yi > lat) != (yj > lat), lon < (xj - xi) * (lat - yi) / (yj - yi) + xi { inside.toggle() }
                    j = i
                }
            }
            return inside
        }
    }

    static func zone(containing lon: Double, _ lat: Double, in features: [Feature]) -> String? {
        features.filter { $0.kind == "zone" && contains($0, lon: lon, lat: lat) }.compactMap { $0.properties["controller"] as? String }.first
    }

    static func signedArea(_ ring: [(Double, Double)]) -> Double {
        zip(ring, ring.dropFirst()).reduce(0) { $0 + $1.0.0 * $1.1.1 - $1.1.0 * $1.0.1 }
    }

    @Test func may25TripoliIsGNAAndTarhunaLNAWithAFrontBetween() throws {
        let features = try Self.features(on: "2020-05-25")
        #expect(Self.zone(containing: 13.1913, 32.8872, in: features) == "gna")   // Tripoli
        #expect(Self.zone(containing: 13.6332, 32.4350, in: features) == "lna")   // Tarhuna
        let front = features.first { $0.kind == "front" && ($0.properties["between"] as? [String]) == ["gna", "lna"] }
        #expect(front != nil, "no gna/lna front line")
        #expect(features.filter { $0.kind == "place" }.count > 100)
    }

    @Test func june10TarhunaIsGNAAndSirteLNA() throws {
        let features = try Self.features(on: "2020-06-10")
        #expect(Self.zone(containing: 13.6332, 32.4350, in: features) == "gna")   // Tarhuna
        #expect(Self.zone(containing: 16.5880, 31.2050, in: features) == "lna")   // Sirte
    }

    @Test func ringsFollowTheRightHandRuleAndOutputIsDeterministic() throws {
        let first = try CLI.run(["state", "--date", "2020-05-25", "--format", "geojson"])
        let second = try CLI.run(["state", "--date", "2020-05-25", "--format", "geojson"])
        #expect(first.stdoutData == second.stdoutData)
        for zone in try Self.features(on: "2020-05-25") where zone.kind == "zone" {
            for rings in Self.polygons(zone) {
                #expect(Self.signedArea(rings[0]) > 0, "exterior ring not counter-clockwise")
                for hole in rings.dropFirst() { #expect(Self.signedArea(hole) < 0, "hole not clockwise") }
            }
        }
    }

    /// The embedded theatre's drawn area (the LNA-held east and south) is in
    /// the GeoJSON with its source, wins over the derived zones where it lies,
    /// and leaves the event-log ground (Tripoli, Sirte) to them.
    @Test func drawnAreasAppearInTheGeoJSONAndWinOverDerivedZones() throws {
        let features = try Self.features(on: "2020-01-10")
        let drawn = features.filter { $0.kind == "zone" && $0.properties["drawn_area"] != nil }
        let area = try #require(drawn.first { $0.properties["drawn_area"] as? String == "lna-east-south" })
        #expect(area.properties["controller"] as? String == "lna")
        #expect((area.properties["source"] as? String ?? "").contains("Southern_Libya_offensive"))
        // Sabha (27.04 N, 14.43 E), an event-log place inside the area: only the drawn zone holds it.
        let sabha = features.filter { $0.kind == "zone" && Self.contains($0, lon: 14.4283, lat: 27.0377) }
        #expect(sabha.count == 1 && sabha.first?.properties["drawn_area"] != nil)
        // Derived zones keep the west; no derived front runs inside the area.
        #expect(Self.zone(containing: 13.1913, 32.8872, in: features) == "gna")
        for front in features where front.kind == "front" {
            let lines = front.type == "LineString" ? [front.coordinates] : (front.coordinates as? [Any] ?? [])
            for line in lines {
                for p in (line as? [[Double]] ?? []) { #expect(!(p[1] < 29.4 || p[0] > 17.1), "front point \(p) inside the drawn area") }
            }
        }
        // Fronts say whether they rest on sparse data; the extent of data is its own feature.
        #expect(features.contains { $0.kind == "front" && $0.properties["sparse_data"] as? Bool == false })
        #expect(features.contains { $0.kind == "extent_of_data" })
    }

    /// A place's state says how sure and how precise it is.
    @Test func placesCarryStatusAndPrecisions() throws {
        let features = try Self.features(on: "2020-01-10")
        let places = features.filter { $0.kind == "place" }
        let salah = try #require(places.first { $0.properties["id"] as? String == "salah_al_din" })
        #expect(salah.properties["status"] as? String == "claimed")
        #expect(salah.properties["date_precision"] as? String == "month")
        // Salah al-Din's position is an OSM node's; al-Yarmouk camp's is in no record (approx. 2 km in the gazetteer).
        #expect(salah.properties["coordinate_precision_km"] is NSNull)
        let camp = try #require(places.first { $0.properties["id"] as? String == "yarmouk_camp" })
        #expect(camp.properties["coordinate_precision_km"] as? Double == 2)
        let tripoli = try #require(places.first { $0.properties["id"] as? String == "tripoli" })
        #expect(tripoli.properties["date_precision"] as? String == "day")
        #expect(tripoli.properties["coordinate_precision_km"] is NSNull)
    }
}
