import Foundation
import FrontlineCore
import Geo
import Timeline

/// Zones and front lines in projected coordinates, drawn under the places.
///
/// The renderer's view of Geo's territory layer: built from `Territory` by the
/// caller, so the renderer does not depend on how zones are derived.
public struct TerritoryOverlay: Sendable {
    public struct Zone: Sendable {
        public var controller: Control
        public var polygons: [PlanarPolygon]
        public init(controller: Control, polygons: [PlanarPolygon]) {
            self.controller = controller
            self.polygons = polygons
        }
    }
    public var zones: [Zone]
    /// Front lines between opposing zones, each a polyline.
    public var fronts: [[PlanarPoint]]
    public init(zones: [Zone], fronts: [[PlanarPoint]]) {
        self.zones = zones
        self.fronts = fronts
    }
}
