import FrontlineCore
import Timeline

/// `frontline state --format geojson`: places, zones and front lines of one day
/// as one RFC 7946 FeatureCollection in lon/lat WGS84.
///
/// Deterministic: features in a fixed order (places by id, zones by controller,
/// fronts by faction pair), coordinates rounded to 6 decimals (about 0.1 m),
/// exterior rings counter-clockwise and holes clockwise (the right-hand rule).
public enum StateGeoJSON {
    public static func document(state: ControlState, territory: Territory, projection: Projection) throws -> String {
        var features = state.places.map(StateOutput.placeFeature)
        for zone in territory.zones {
            let polygons = try zone.polygons.map { try lonLatRings($0, projection: projection) }
            guard !polygons.isEmpty else { continue }
            var properties = "\"kind\":\"zone\",\"controller\":\(JSONText.string(controller(zone.controller)))"
            if case .contested(let ids) = zone.controller {
                properties += ",\"contested_by\":[" + ids.map(JSONText.string).joined(separator: ",") + "]"
            }
            if let drawn = zone.drawn {
                properties += ",\"drawn_area\":\(JSONText.string(drawn.id)),\"source\":\(JSONText.string(drawn.source))"
            } else {
                properties += ",\"derived\":\"from place control\""
            }
            let geometry = polygons.count == 1
                ? "{\"type\":\"Polygon\",\"coordinates\":\(polygonText(polygons[0]))}"
                : "{\"type\":\"MultiPolygon\",\"coordinates\":[" + polygons.map(polygonText).joined(separator: ",") + "]}"
            features.append("{\"type\":\"Feature\",\"geometry\":\(geometry),\"properties\":{\(properties)}}")
        }
        for front in territory.fronts {
            let between = "[" + front.between.map(JSONText.string).joined(separator: ",") + "]"
            // Two features a pair at most: where places of both sides are near, and where they are not.
            for (lines, sparse) in [(front.lines, false), (front.sparse, true)] where !lines.isEmpty {
                let geometry = try lineGeometry(lines, projection: projection)
                features.append("{\"type\":\"Feature\",\"geometry\":\(geometry),\"properties\":{\"kind\":\"front\",\"between\":\(between),"
                                + "\"sparse_data\":\(sparse),\"derived\":\"from place control\"}}")
            }
        }
        if !territory.dataEdges.isEmpty {
            let geometry = try lineGeometry(territory.dataEdges, projection: projection)
            features.append("{\"type\":\"Feature\",\"geometry\":\(geometry),\"properties\":{\"kind\":\"extent_of_data\",\"derived\":\"from place control\"}}")
        }
        return StateOutput.featureCollection(features, date: state.date)
    }

    static func lineGeometry(_ planar: [[PlanarPoint]], projection: Projection) throws -> String {
        let lines = try planar.map { try projection.unproject($0) }
        return lines.count == 1
            ? "{\"type\":\"LineString\",\"coordinates\":\(lineText(lines[0]))}"
            : "{\"type\":\"MultiLineString\",\"coordinates\":[" + lines.map(lineText).joined(separator: ",") + "]}"
    }

    static func controller(_ control: Control) -> String {
        switch control {
        case .faction(let id): return id
        case .contested: return "contested"
        case .unknown: return "unknown"
        }
    }

    /// The polygon's rings in lon/lat, wound by the right-hand rule.
    static func lonLatRings(_ polygon: PlanarPolygon, projection: Projection) throws -> [[GeoPoint]] {
        var rings: [[GeoPoint]] = []
        for (index, ring) in ([polygon.exterior] + polygon.holes).enumerated() {
            var lonLat = try projection.unproject(ring)
            let counterClockwise = signedArea(lonLat) > 0
            // Exterior counter-clockwise, holes clockwise (RFC 7946 §3.1.6).
            if counterClockwise != (index == 0) { lonLat.reverse() }
            rings.append(lonLat)
        }
        return rings
    }

    /// Twice the signed area in degrees² (shoelace); positive when counter-clockwise.
    static func signedArea(_ ring: [GeoPoint]) -> Double {
        guard ring.count > 2 else { return 0 }
        var sum = 0.0
        for i in 0..<(ring.count - 1) {
            sum += ring[i].longitude * ring[i + 1].latitude - ring[i + 1].longitude * ring[i].latitude
        }
        return sum
    }

    static func coordinate(_ p: GeoPoint) -> String {
        "[\(rounded(p.longitude)),\(rounded(p.latitude))]"
    }

    static func rounded(_ v: Double) -> String {
        let r = (v * 1e6).rounded() / 1e6
        return JSONText.number(r == 0 ? 0 : r)
    }

    static func lineText(_ line: [GeoPoint]) -> String { "[" + line.map(coordinate).joined(separator: ",") + "]" }
    static func polygonText(_ rings: [[GeoPoint]]) -> String { "[" + rings.map(lineText).joined(separator: ",") + "]" }
}
