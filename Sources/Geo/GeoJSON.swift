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
    /// The line of the file the feature starts on (0 when not read from a file), for messages.
    public var line: Int
    public init(geometry: GeoJSONGeometry, properties: [String: String] = [:], line: Int = 0) {
        self.geometry = geometry
        self.properties = properties
        self.line = line
    }
}

/// Reads GeoJSON FeatureCollections (or a single Feature) with Point,
/// MultiPoint, LineString, MultiLineString, Polygon and MultiPolygon geometries.
/// Features whose geometry is `null` are skipped (RFC 7946 allows them).
public enum GeoJSONReader {
    /// - Throws: `DataError` naming `file`, the line, and what is wrong.
    public static func read(contentsOf url: URL, name: String? = nil) throws -> [GeoJSONFeature] {
        let file = name ?? url.path
        return try read(data: try DataFile.read(url, displayPath: file), file: file)
    }

    /// - Parameter file: the name used in error messages.
    /// - Throws: `DataError` naming `file`, the line, and what is wrong.
    public static func read(data: Data, file: String) throws -> [GeoJSONFeature] {
        let root: JSONValue
        do {
            // `JSONParser.parse` throws only JSONSyntaxError, but Data.withUnsafeBytes
            // is `rethrows`, so the compiler sees an untyped error.
            root = try data.withUnsafeBytes { raw in try JSONParser.parse(raw.bindMemory(to: UInt8.self)) }
        } catch let error as JSONSyntaxError {
            throw DataError(at: SourceLocation(file: file, line: error.line), "not valid JSON: \(error.message)")
        } catch {
            throw DataError(at: SourceLocation(file: file, line: 0), "not valid JSON: \(error)")
        }
        var parser = Parser(file: file)
        return try parser.document(root)
    }

    /// Turns parsed JSON into features; `path` ("feature 3") and `line` say
    /// where an error is.
    private struct Parser {
        let file: String
        var path = ""
        var line = 0

        func fail(_ message: String) -> DataError {
            DataError(at: SourceLocation(file: file, line: line), path.isEmpty ? message : "\(path): \(message)")
        }

        mutating func document(_ root: JSONValue) throws -> [GeoJSONFeature] {
            guard case .object(let object) = root else { throw fail("the top level is not a JSON object") }
            line = object.line
            switch object["type"] {
            case .string("FeatureCollection"):
                guard case .array(let features) = object["features"] else { throw fail("a FeatureCollection needs a \"features\" array") }
                var result: [GeoJSONFeature] = []
                result.reserveCapacity(features.count)
                for (i, f) in features.enumerated() {
                    path = "feature \(i + 1)"
                    if let feature = try feature(f) { result.append(feature) }
                }
                return result
            case .string("Feature"):
                path = "feature"
                return try feature(root).map { [$0] } ?? []
            case .string(let other):
                throw fail("expected a FeatureCollection or Feature, found type \"\(other)\"")
            default:
                throw fail("expected a FeatureCollection or Feature, found type none")
            }
        }

        mutating func feature(_ value: JSONValue) throws -> GeoJSONFeature? {
            guard case .object(let object) = value else { throw fail("not a Feature object") }
            line = object.line
            guard case .string("Feature") = object["type"] else { throw fail("not a Feature object") }
            let featureLine = object.line
            guard let g = object["geometry"] else { throw fail("no \"geometry\"") }
            if case .null = g { return nil }
            let geometry = try self.geometry(g)
            var properties: [String: String] = [:]
            switch object["properties"] {
            case nil, .null?: break
            case .object(let members)?:
                for (key, v) in members.members {
                    switch v {
                    case .string(let s): properties[key] = s
                    case .number(let n): properties[key] = Self.text(n)
                    case .bool(let b): properties[key] = b ? "true" : "false"
                    case .null, .array, .object: properties[key] = nil
                    }
                }
            default:
                throw fail("\"properties\" is not an object")
            }
            return GeoJSONFeature(geometry: geometry, properties: properties, line: featureLine)
        }

        /// Numbers in their shortest form: integers without a fraction.
        static func text(_ d: Double) -> String {
            if d == d.rounded(), abs(d) < 1e15 { return String(Int64(d)) }
            return "\(d)"
        }

        mutating func geometry(_ value: JSONValue) throws -> GeoJSONGeometry {
            guard case .object(let object) = value, case .string(let type) = object["type"] else {
                throw fail("geometry is not an object with a \"type\"")
            }
            line = object.line
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

        func list<T>(_ value: JSONValue, _ type: String, _ each: (JSONValue) throws -> T) throws -> [T] {
            guard case .array(let array) = value else { throw fail("\(type) coordinates are not nested arrays") }
            return try array.map(each)
        }

        func position(_ value: JSONValue) throws -> GeoPoint {
            guard case .array(let array) = value, array.count >= 2,
                  case .number(let lon) = array[0], case .number(let lat) = array[1] else {
                throw fail("a position must be [longitude, latitude], found \(Self.describe(value))")
            }
            guard (-180...180).contains(lon), (-90...90).contains(lat) else {
                throw fail("position [\(lon), \(lat)] is outside longitude −180…180, latitude −90…90")
            }
            return GeoPoint(latitude: lat, longitude: lon)
        }

        func positions(_ value: JSONValue, _ type: String) throws -> [GeoPoint] {
            try list(value, type) { try position($0) }
        }

        func line(_ value: JSONValue, _ type: String) throws -> [GeoPoint] {
            let points = try positions(value, type)
            guard points.count >= 2 else { throw fail("a line in a \(type) needs at least 2 positions, has \(points.count)") }
            return points
        }

        func rings(_ value: JSONValue, _ type: String) throws -> [[GeoPoint]] {
            let rings = try list(value, type) { try positions($0, type) }
            for ring in rings {
                guard ring.count >= 4, ring.first == ring.last else {
                    throw fail("a \(type) ring must be closed with at least 4 positions, has \(ring.count)\(ring.first == ring.last ? "" : " and is not closed")")
                }
            }
            guard !rings.isEmpty else { throw fail("a \(type) polygon has no rings") }
            return rings
        }

        /// A short JSON-like rendering of a value for error messages.
        static func describe(_ value: JSONValue) -> String {
            let text: String
            switch value {
            case .null: text = "null"
            case .bool(let b): text = b ? "true" : "false"
            case .number(let n): text = Self.text(n)
            case .string(let s): text = "\"\(s)\""
            case .array(let elements): text = "[" + elements.map(describe).joined(separator: ",") + "]"
            case .object: text = "{…}"
            }
            return text.count > 40 ? String(text.prefix(40)) + "…" : text
        }
    }
}
