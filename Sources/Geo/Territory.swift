import Gazetteer
import Timeline

/// A place as the territory layer sees it: who holds it and where it is.
///
/// Coordinates are planar metres in the theatre's projected CRS (the same CRS
/// as the land polygons given to `TerritoryBuilder`).
public struct TerritoryPlace: Sendable, Hashable {
    /// The gazetteer id; places are processed in id order, so output does not
    /// depend on input order.
    public var id: String
    /// Who holds it. `.unknown` places claim no ground.
    public var control: Control
    /// Position in metres.
    public var point: PlanarPoint
    /// Multiplies the builder's reach for this place's cell (1 = the default
    /// reach; 1.5 lets a city reach further than a village). It does not move
    /// the Voronoi boundary between places, only how far into empty country a
    /// place's cell extends.
    public var weight: Double

    public init(id: String, control: Control, point: PlanarPoint, weight: Double = 1) {
        self.id = id
        self.control = control
        self.point = point
        self.weight = weight
    }
}

extension TerritoryPlace {
    /// A reach weight by kind of place, for callers that want a city to claim
    /// more empty country than a village (optional: the default weight is 1).
    ///
    /// Cities 1.5; towns, districts and regions 1; villages 0.75; airbases,
    /// airports, ports, oil fields, crossings, camps, roads, junctions, ruins and
    /// other sites 0.5 (a base or a field is held
    /// to its perimeter, not over the country around it).
    public static func weight(for kind: PlaceKind) -> Double {
        switch kind {
        case .city: return 1.5
        case .town, .district, .region: return 1
        case .village: return 0.75
        case .airbase, .airport, .port, .oilfield, .crossing, .camp, .road, .junction, .ruins, .site: return 0.5
        }
    }
}

/// The ground derived for one controller: a faction (`.faction(id)`) or a
/// contested set (`.contested([a, b])`, drawn hatched).
///
/// Polygons are valid, do not overlap other zones, lie within the land, and
/// have counter-clockwise exteriors and clockwise holes (metres, y north).
public struct Zone: Sendable, Hashable {
    public var controller: Control
    public var polygons: [PlanarPolygon]

    public init(controller: Control, polygons: [PlanarPolygon]) {
        self.controller = controller
        self.polygons = polygons
    }
}

/// The front between two factions: the boundary between the ground of one and
/// the ground of the other, smoothed, as polylines in metres. Its vertices are
/// vertices of the zones on both sides: it lies exactly on their shared edge.
///
/// Where a contested zone involving both factions lies between them, the front
/// runs along both edges of that band (faction A | contested, contested |
/// faction B), so the hatched band is outlined on each side.
public struct FrontLine: Sendable, Hashable {
    /// The two faction ids, sorted.
    public var between: [String]
    /// Polylines (at least two points each), metres.
    public var lines: [[PlanarPoint]]

    public init(between: [String], lines: [[PlanarPoint]]) {
        self.between = between
        self.lines = lines
    }
}

/// Zones of control, fronts and the land no place reaches, derived from place
/// control. Derived, not observed: the renderer labels it so.
public struct Territory: Sendable, Hashable {
    /// One per controller that holds any land, sorted by controller description.
    public var zones: [Zone]
    /// One per pair of opposing factions that share a boundary, sorted by `between`.
    public var fronts: [FrontLine]
    /// Land farther than the reach from every controlled or contested place.
    public var noData: [PlanarPolygon]

    public init(zones: [Zone], fronts: [FrontLine], noData: [PlanarPolygon]) {
        self.zones = zones
        self.fronts = fronts
        self.noData = noData
    }
}
