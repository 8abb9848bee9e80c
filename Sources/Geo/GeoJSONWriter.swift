import Foundation
import FrontlineCore

/// A property value the GeoJSON writer can emit.
public enum GeoJSONValue: Hashable, Sendable {
    case string(String)
    /// Written in the shortest form that reads back the same; non-finite as `null`.
    case number(Double)
    case bool(Bool)
    case null
    /// An array of strings (`"between": ["gna", "lna"]`).
    case strings([String])
}

/// A feature to write: geometry in longitude/latitude degrees and properties
/// in the order they should appear.
public struct GeoJSONOutputFeature: Sendable {
    public var geometry: GeoJSONGeometry
    public var properties: [(key: String, value: GeoJSONValue)]
    public init(geometry: GeoJSONGeometry, properties: [(key: String, value: GeoJSONValue)] = []) {
        self.geometry = geometry
        self.properties = properties
    }
}

/// A deterministic RFC 7946 FeatureCollection: the same features give the
/// same bytes. One feature per line; keys in fixed order (`type`, `geometry`,
/// `properties`); coordinates `[longitude, latitude]` rounded to 6 decimals
/// (~0.1 m); polygon rings closed and wound right-handed (exteriors
/// counter-clockwise, holes clockwise); non-ASCII text written as UTF-8.
public func geoJSONString(features: [GeoJSONOutputFeature]) -> String {
    var out = "{\"type\":\"FeatureCollection\",\"features\":["
    for (i, feature) in features.enumerated() {
        out += i == 0 ? "\n" : ",\n"
        out += "{\"type\":\"Feature\",\"geometry\":"
        GeoJSONText.geometry(feature.geometry, into: &out)
        out += ",\"properties\":{"
        for (j, property) in feature.properties.enumerated() {
            if j > 0 { out += "," }
            GeoJSONText.string(property.key, into: &out)
            out += ":"
            GeoJSONText.value(property.value, into: &out)
        }
        out += "}}"
    }
    out += features.isEmpty ? "]}\n" : "\n]}\n"
    return out
}

/// Writes features as read (string properties, in key order).
public func geoJSONString(features: [GeoJSONFeature]) -> String {
    geoJSONString(features: features.map { feature in
        GeoJSONOutputFeature(geometry: feature.geometry,
                             properties: feature.properties.sorted { $0.key < $1.key }.map { (key: $0.key, value: .string($0.value)) })
    })
}

enum GeoJSONText {
    static func geometry(_ g: GeoJSONGeometry, into out: inout String) {
        switch g {
        case .point(let p):
            out += "{\"type\":\"Point\",\"coordinates\":"
            position(p, into: &out)
        case .multiPoint(let ps):
            out += "{\"type\":\"MultiPoint\",\"coordinates\":"
            positions(ps, into: &out)
        case .lineString(let l):
            out += "{\"type\":\"LineString\",\"coordinates\":"
            positions(l, into: &out)
        case .multiLineString(let ls):
            out += "{\"type\":\"MultiLineString\",\"coordinates\":"
            array(ls, into: &out) { positions($0, into: &$1) }
        case .polygon(let rings):
            out += "{\"type\":\"Polygon\",\"coordinates\":"
            polygon(rings, into: &out)
        case .multiPolygon(let polys):
            out += "{\"type\":\"MultiPolygon\",\"coordinates\":"
            array(polys, into: &out) { polygon($0, into: &$1) }
        }
        out += "}"
    }

    static func array<T>(_ items: [T], into out: inout String, _ each: (T, inout String) -> Void) {
        out += "["
        for (i, item) in items.enumerated() {
            if i > 0 { out += "," }
            each(item, &out)
        }
        out += "]"
    }

    static func polygon(_ rings: [[GeoPoint]], into out: inout String) {
        let wound = rings.enumerated().map { i, ring in
            oriented(closed(ring), counterClockwise: i == 0)
        }
        array(wound, into: &out) { positions($0, into: &$1) }
    }

    static func closed(_ ring: [GeoPoint]) -> [GeoPoint] {
        guard let first = ring.first, ring.last != first else { return ring }
        return ring + [first]
    }

    /// Twice the signed area in degrees² (shoelace); positive when counter-clockwise.
    static func signedArea(_ ring: [GeoPoint]) -> Double {
        var sum = 0.0
        for (p, q) in zip(ring, ring.dropFirst()) {
            sum += p.longitude * q.latitude - q.longitude * p.latitude
        }
        return sum
    }

    static func oriented(_ ring: [GeoPoint], counterClockwise: Bool) -> [GeoPoint] {
        let area = signedArea(ring)
        return (area > 0) == counterClockwise || area == 0 ? ring : ring.reversed()
    }

    static func positions(_ ps: [GeoPoint], into out: inout String) {
        array(ps, into: &out) { position($0, into: &$1) }
    }

    static func position(_ p: GeoPoint, into out: inout String) {
        out += "["
        out += coordinate(p.longitude)
        out += ","
        out += coordinate(p.latitude)
        out += "]"
    }

    /// Six decimals, trailing zeros dropped, never `-0`.
    static func coordinate(_ v: Double) -> String {
        guard v.isFinite else { return "null" }
        var text = String(format: "%.6f", v)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text == "-0" ? "0" : text
    }

    static func value(_ v: GeoJSONValue, into out: inout String) {
        switch v {
        case .string(let s): string(s, into: &out)
        case .number(let d): out += number(d)
        case .bool(let b): out += b ? "true" : "false"
        case .null: out += "null"
        case .strings(let ss): array(ss, into: &out) { string($0, into: &$1) }
        }
    }

    static func number(_ d: Double) -> String {
        guard d.isFinite else { return "null" }
        if d == d.rounded(), abs(d) < 1e15 { return String(Int64(d)) }
        return "\(d)"
    }

    static func string(_ s: String, into out: inout String) {
        out += "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case let c where c.value < 0x20:
                out += String(format: "\\u%04x", c.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }
}
