/// A point in a projected CRS.
///
/// - Note: Units are those of the CRS, metres for every CRS frontline ships.
///   `x` is easting, `y` northing, whatever axis order the CRS declares (PROJ's
///   visualisation order is always used).
public struct PlanarPoint: Hashable, Sendable {
    public var x: Double
    public var y: Double
    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }
}

/// A polygon in projected coordinates: one exterior ring and any holes. Rings
/// are closed (first point repeated last).
public struct PlanarPolygon: Hashable, Sendable {
    public var exterior: [PlanarPoint]
    public var holes: [[PlanarPoint]]
    public init(exterior: [PlanarPoint], holes: [[PlanarPoint]] = []) {
        self.exterior = exterior
        self.holes = holes
    }
}

/// An axis-aligned box in projected coordinates (metres).
public struct PlanarBox: Hashable, Sendable {
    public var minX: Double
    public var minY: Double
    public var maxX: Double
    public var maxY: Double
    public init(minX: Double, minY: Double, maxX: Double, maxY: Double) {
        self.minX = minX
        self.minY = minY
        self.maxX = maxX
        self.maxY = maxY
    }
    public var width: Double { maxX - minX }
    public var height: Double { maxY - minY }
}
