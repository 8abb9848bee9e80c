import Foundation
import FrontlineCore

/// A GeoJSON geometry in WGS84 longitude/latitude (RFC 7946), as `GeoPoint`s.
/// Polygons are lists of rings, the first exterior, the rest holes; rings are
/// closed (first point repeated last) as in the file.
public enum GeoJSONGeometry: Hashable, Sendable {
    case point(GeoPoint)
    case multiPoint([GeoPoint])
    case lineString([GeoPoint])
    case multiLineString([[GeoPoint]])
    case polygon([[GeoPoint]])
    case multiPolygon([[[GeoPoint]]])

    /// Every line of a LineString or MultiLineString, and every ring of a
    /// (Multi)Polygon; empty for points.
    public var lines: [[GeoPoint]] {
        switch self {
        case .point, .multiPoint: []
        case .lineString(let l): [l]
        case .multiLineString(let ls): ls
        case .polygon(let rings): rings
        case .multiPolygon(let polys): polys.flatMap { $0 }
        }
    }

    /// The polygons of a Polygon or MultiPolygon; empty for other kinds.
    public var polygons: [[[GeoPoint]]] {
        switch self {
        case .polygon(let rings): [rings]
        case .multiPolygon(let polys): polys
        default: []
        }
    }
}

/// A feature as read: its geometry and its scalar properties as text
/// (numbers in their shortest form, `true`/`false`; nulls, arrays and objects
/// are left out).
public struct GeoJSONFeature: Hashable, Sendable {
    public var geometry: GeoJSONGeometry
    public var properties: [String: String]
    public init(geometry: GeoJSONGeometry, properties: [String: String] = [:]) {
        self.geometry = geometry
        self.properties = properties
    }
}

/// Reads GeoJSON FeatureCollections (or a single Feature) with Point,
/// MultiPoint, LineString, MultiLineString, Polygon and MultiPolygon geometries.
/// Features whose geometry is `null` are skipped (RFC 7946 allows them).
public enum GeoJSONReader {
    /// - Throws: `DataError` naming `file` and what is wrong (line 0: the whole file).
    public static func read(contentsOf url: URL, name: String? = nil) throws -> [GeoJSONFeature] {
        let file = name ?? url.path
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw DataError(at: SourceLocation(file: file, line: 0), "cannot read the GeoJSON file: \(error.localizedDescription)")
        }
        return try read(data: data, file: file)
    }

    /// - Parameter file: the name used in error messages.
    /// - Throws: `DataError` naming `file` and what is wrong.
    public static func read(data: Data, file: String) throws -> [GeoJSONFeature] {
        var parser = Parser(file: file)
        let root: Any
        do {
            root = try JSONSerialization.jsonObject(with: data, options: [])
        } catch {
            throw parser.fail("not valid JSON (\((error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? "parse error"))")
        }
        return try parser.document(root)
    }

    private struct Parser {
        let file: String
        var path = ""

        func fail(_ message: String) -> DataError {
            DataError(at: SourceLocation(file: file, line: 0), path.isEmpty ? message : "\(path): \(message)")
        }

        mutating func document(_ root: Any) throws -> [GeoJSONFeature] {
            guard let object = root as? [String: Any] else { throw fail("the top level is not a JSON object") }
            switch object["type"] as? String {
            case "FeatureCollection":
                guard let features = object["features"] as? [Any] else { throw fail("a FeatureCollection needs a \"features\" array") }
                var result: [GeoJSONFeature] = []
                result.reserveCapacity(features.count)
                for (i, f) in features.enumerated() {
                    path = "feature \(i + 1)"
                    if let feature = try feature(f) { result.append(feature) }
                }
                return result
            case "Feature":
                path = "feature"
                return try feature(object).map { [$0] } ?? []
            case let other:
                throw fail("expected a FeatureCollection or Feature, found type \(other.map { "\"\($0)\"" } ?? "none")")
            }
        }

        func feature(_ value: Any) throws -> GeoJSONFeature? {
            guard let object = value as? [String: Any], object["type"] as? String == "Feature" else {
                throw fail("not a Feature object")
            }
            guard let g = object["geometry"] else { throw fail("no \"geometry\"") }
            if g is NSNull { return nil }
            let geometry = try self.geometry(g)
            var properties: [String: String] = [:]
            if let props = object["properties"], !(props is NSNull) {
                guard let dict = props as? [String: Any] else { throw fail("\"properties\" is not an object") }
                for (key, v) in dict {
                    if let s = v as? String {
                        properties[key] = s
                    } else if let n = v as? NSNumber {
                        properties[key] = Self.text(n)
                    }
                }
            }
            return GeoJSONFeature(geometry: geometry, properties: properties)
        }

        /// JSON `true`/`false` arrive as a boolean subclass of NSNumber.
        static func isBoolean(_ n: NSNumber) -> Bool {
            ObjectIdentifier(type(of: n)) == ObjectIdentifier(type(of: NSNumber(value: true)))
        }

        static func text(_ n: NSNumber) -> String {
            if isBoolean(n) { return n.boolValue ? "true" : "false" }
            let d = n.doubleValue
            if d == d.rounded(), abs(d) < 1e15 { return String(Int64(d)) }
            return "\(d)"
        }

        func geometry(_ value: Any) throws -> GeoJSONGeometry {
            guard let object = value as? [String: Any], let type = object["type"] as? String else {
                throw fail("geometry is not an object with a \"type\"")
            }
            guard let c = object["coordinates"] else { throw fail("\(type) has no \"coordinates\"") }
            switch type {
            case "Point": return .point(try position(c))
            case "MultiPoint": return .multiPoint(try positions(c, type))
            case "LineString": return .lineString(try line(c, type))
            case "MultiLineString": return .multiLineString(try list(c, type) { try line($0, type) })
            case "Polygon": return .polygon(try rings(c, type))
            case "MultiPolygon": return .multiPolygon(try list(c, type) { try rings($0, type) })
            default: throw fail("unsupported geometry type \"\(type)\"")
            }
        }

        func list<T>(_ value: Any, _ type: String, _ each: (Any) throws -> T) throws -> [T] {
            guard let array = value as? [Any] else { throw fail("\(type) coordinates are not nested arrays") }
            return try array.map(each)
        }

        func position(_ value: Any) throws -> GeoPoint {
            guard let array = value as? [Any], array.count >= 2,
                  let x = array[0] as? NSNumber, let y = array[1] as? NSNumber,
                  !Self.isBoolean(x), !Self.isBoolean(y) else {
                throw fail("a position must be [longitude, latitude], found \(Self.describe(value))")
            }
            let lon = x.doubleValue, lat = y.doubleValue
            guard (-180...180).contains(lon), (-90...90).contains(lat) else {
                throw fail("position [\(lon), \(lat)] is outside longitude −180…180, latitude −90…90")
            }
            return GeoPoint(latitude: lat, longitude: lon)
        }

        func positions(_ value: Any, _ type: String) throws -> [GeoPoint] {
            try list(value, type) { try position($0) }
        }

        func line(_ value: Any, _ type: String) throws -> [GeoPoint] {
            let points = try positions(value, type)
            guard points.count >= 2 else { throw fail("a line in a \(type) needs at least 2 positions, has \(points.count)") }
            return points
        }

        func rings(_ value: Any, _ type: String) throws -> [[GeoPoint]] {
            let rings = try list(value, type) { try positions($0, type) }
            for ring in rings {
                guard ring.count >= 4, ring.first == ring.last else {
                    throw fail("a \(type) ring must be closed with at least 4 positions, has \(ring.count)\(ring.first == ring.last ? "" : " and is not closed")")
                }
            }
            guard !rings.isEmpty else { throw fail("a \(type) polygon has no rings") }
            return rings
        }

        static func describe(_ value: Any) -> String {
            if let data = try? JSONSerialization.data(withJSONObject: [value], options: [.fragmentsAllowed]),
               let text = String(data: data, encoding: .utf8) {
                let inner = String(text.dropFirst().dropLast())
                return inner.count > 40 ? String(inner.prefix(40)) + "…" : inner
            }
            return String(describing: value)
        }
    }
}
