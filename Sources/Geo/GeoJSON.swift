import Foundation
import FrontlineCore

/// A GeoJSON geometry in lon/lat degrees (RFC 7946). Positions become
/// ``GeoPoint``s, so the axis order is explicit from here on.
public enum GeoJSONGeometry: Sendable, Equatable {
    case point(GeoPoint)
    case multiPoint([GeoPoint])
    case lineString([GeoPoint])
    case multiLineString([[GeoPoint]])
    /// Rings, exterior first.
    case polygon([[GeoPoint]])
    case multiPolygon([[[GeoPoint]]])

    /// Every line of a (multi)line string; empty for other types.
    public var lines: [[GeoPoint]] {
        switch self {
        case .lineString(let l): return [l]
        case .multiLineString(let ls): return ls
        default: return []
        }
    }

    /// Every polygon (as rings) of a (multi)polygon; empty for other types.
    public var polygons: [[[GeoPoint]]] {
        switch self {
        case .polygon(let p): return [p]
        case .multiPolygon(let ps): return ps
        default: return []
        }
    }
}

/// One feature: a geometry and its properties, kept as text (numbers as written).
public struct GeoJSONFeature: Sendable, Equatable {
    public var geometry: GeoJSONGeometry
    public var properties: [String: String]
    public init(geometry: GeoJSONGeometry, properties: [String: String] = [:]) {
        self.geometry = geometry
        self.properties = properties
    }
}

/// Reads GeoJSON FeatureCollections: the small subset basemaps use.
public enum GeoJSONReader {
    /// Reads a FeatureCollection file. Throws ``DataError`` naming the file and
    /// the feature that is malformed.
    public static func features(contentsOf url: URL, displayPath: String? = nil) throws -> [GeoJSONFeature] {
        let path = displayPath ?? url.path
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw DataError(at: SourceLocation(file: path, line: 0), "cannot read the GeoJSON file: \(error.localizedDescription)")
        }
        return try features(data: data, path: path)
    }

    public static func features(data: Data, path: String) throws -> [GeoJSONFeature] {
        let at = SourceLocation(file: path, line: 0)
        let root: Any
        do { root = try JSONSerialization.jsonObject(with: data) } catch {
            throw DataError(at: at, "not valid JSON: \(error.localizedDescription)")
        }
        guard let object = root as? [String: Any], object["type"] as? String == "FeatureCollection",
              let list = object["features"] as? [Any] else {
            throw DataError(at: at, "not a GeoJSON FeatureCollection (a \"type\": \"FeatureCollection\" with \"features\")")
        }
        return try list.enumerated().map { index, any in
            guard let feature = any as? [String: Any], let geometry = feature["geometry"] as? [String: Any] else {
                throw DataError(at: at, field: "features[\(index)]", "a feature without a geometry object")
            }
            do {
                return GeoJSONFeature(geometry: try parseGeometry(geometry), properties: properties(feature["properties"]))
            } catch let reason as Malformed {
                throw DataError(at: at, field: "features[\(index)]", reason.message)
            }
        }
    }

    struct Malformed: Error { let message: String }

    static func properties(_ any: Any?) -> [String: String] {
        guard let dict = any as? [String: Any] else { return [:] }
        var out: [String: String] = [:]
        for (key, value) in dict {
            switch value {
            case let s as String: out[key] = s
            case let n as NSNumber: out[key] = n.stringValue
            default: continue
            }
        }
        return out
    }

    static func position(_ any: Any) throws -> GeoPoint {
        guard let c = any as? [Any], c.count >= 2, let lon = (c[0] as? NSNumber)?.doubleValue,
              let lat = (c[1] as? NSNumber)?.doubleValue else {
            throw Malformed(message: "a position must be [longitude, latitude]")
        }
        guard (-180...180).contains(lon), (-90...90).contains(lat) else {
            throw Malformed(message: "position [\(lon), \(lat)] is outside lon/lat range (GeoJSON is WGS84 degrees)")
        }
        return GeoPoint(latitude: lat, longitude: lon)
    }

    static func list(_ any: Any?) throws -> [Any] {
        guard let l = any as? [Any] else { throw Malformed(message: "\"coordinates\" must be an array") }
        return l
    }

    static func parseGeometry(_ g: [String: Any]) throws -> GeoJSONGeometry {
        let coordinates = g["coordinates"]
        let line = { (a: Any) throws -> [GeoPoint] in try list(a).map(position) }
        let polygon = { (a: Any) throws -> [[GeoPoint]] in try list(a).map(line) }
        switch g["type"] as? String {
        case "Point": return .point(try position(coordinates as Any))
        case "MultiPoint": return .multiPoint(try list(coordinates).map(position))
        case "LineString": return .lineString(try line(coordinates as Any))
        case "MultiLineString": return .multiLineString(try list(coordinates).map(line))
        case "Polygon": return .polygon(try polygon(coordinates as Any))
        case "MultiPolygon": return .multiPolygon(try list(coordinates).map(polygon))
        case let other: throw Malformed(message: "unsupported geometry type '\(other ?? "none")'")
        }
    }
}
