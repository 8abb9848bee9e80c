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
        /// The drawn area the zone is, nil when derived from place control.
        public var drawn: DrawnArea.Reference?
        public init(controller: Control, polygons: [PlanarPolygon], drawn: DrawnArea.Reference? = nil) {
            self.controller = controller
            self.polygons = polygons
            self.drawn = drawn
        }
    }
    public var zones: [Zone]
    /// Front lines between belligerents' zones with places of both sides near, each a polyline.
    public var fronts: [[PlanarPoint]]
    /// Front lines far from the places of one side or both: drawn as uncertain.
    public var sparseFronts: [[PlanarPoint]]
    /// Where zones end in land no place reaches: drawn as "extent of data".
    public var dataEdges: [[PlanarPoint]]
    /// Land no place reaches.
    public var noData: [PlanarPolygon]
    public init(zones: [Zone], fronts: [[PlanarPoint]], sparseFronts: [[PlanarPoint]] = [], dataEdges: [[PlanarPoint]] = [],
                noData: [PlanarPolygon] = []) {
        self.zones = zones
        self.fronts = fronts
        self.sparseFronts = sparseFronts
        self.dataEdges = dataEdges
        self.noData = noData
    }
}
