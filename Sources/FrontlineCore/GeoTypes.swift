/// A position on the WGS84 ellipsoid.
///
/// - Note: Units are decimal degrees; latitude north-positive, longitude
///   east-positive. frontline never uses bare (x, y) tuples for geographic
///   positions, so the axis order cannot be confused.
public struct GeoPoint: Hashable, Sendable {
    public var latitude: Double
    public var longitude: Double
    public init(latitude: Double, longitude: Double) {
        self.latitude = latitude
        self.longitude = longitude
    }
}

/// A longitude/latitude box, in decimal degrees, as `--bbox W,S,E,N` writes it.
public struct GeoBox: Hashable, Sendable, CustomStringConvertible {
    public var west: Double
    public var south: Double
    public var east: Double
    public var north: Double

    public init(west: Double, south: Double, east: Double, north: Double) {
        self.west = west
        self.south = south
        self.east = east
        self.north = north
    }

    /// Parses `W,S,E,N`. Returns nil unless all four are numbers, W < E, S < N and
    /// every value is a valid longitude or latitude.
    public init?(parsing text: String) {
        let parts = text.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard parts.count == 4, let w = parts[0], let s = parts[1], let e = parts[2], let n = parts[3],
              (-180...180).contains(w), (-180...180).contains(e), (-90...90).contains(s), (-90...90).contains(n),
              w < e, s < n else { return nil }
        self.init(west: w, south: s, east: e, north: n)
    }

    public func contains(_ p: GeoPoint) -> Bool {
        p.longitude >= west && p.longitude <= east && p.latitude >= south && p.latitude <= north
    }

    public var center: GeoPoint { GeoPoint(latitude: (south + north) / 2, longitude: (west + east) / 2) }

    public var description: String { "\(west),\(south),\(east),\(north)" }
}
