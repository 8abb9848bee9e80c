import Foundation
import FrontlineCore
import Geo

/// Turns lon/lat into the map's planar coordinates (metres, easting/northing).
///
/// The renderer only needs a batch forward transform, so it takes this small
/// protocol rather than a concrete PROJ owner: the CLI hands in Geo's PROJ
/// projection, tests may hand in anything deterministic.
///
/// - Important: implementations wrapping a C handle are not thread-safe; one per worker.
public protocol MapProjector: AnyObject {
    func projectPoints(_ points: [GeoPoint]) throws -> [PlanarPoint]
}

extension Projection: MapProjector {
    public func projectPoints(_ points: [GeoPoint]) throws -> [PlanarPoint] { try project(points) }
}
