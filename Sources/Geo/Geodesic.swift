import CProj
import Foundation
import FrontlineCore

/// The geodesic (shortest path on the WGS84 ellipsoid) distance between two
/// points, in metres. PROJ's geodesic routines (Karney's algorithm) do the work;
/// accurate to well under a millimetre.
///
/// Safe from any thread: it makes a short-lived PROJ context per call. Inside a
/// worker that already has a `Projection`, `Projection.geodesicDistance(from:to:)`
/// reuses its context.
public func geodesicDistance(from a: GeoPoint, to b: GeoPoint) -> Double {
    do {
        return try GeodesicCalculator(context: ProjectionContext()).distance(from: a, to: b)
    } catch {
        // Only when PROJ cannot allocate a context (out of memory): the
        // great-circle distance on a sphere of the mean Earth radius, within 0.5 %.
        return sphericalDistance(from: a, to: b)
    }
}

/// Great-circle distance in metres on a sphere of radius 6,371,008.8 m (haversine).
func sphericalDistance(from a: GeoPoint, to b: GeoPoint) -> Double {
    let rad = Double.pi / 180
    let dLat = (b.latitude - a.latitude) * rad
    let dLon = (b.longitude - a.longitude) * rad
    let h = sin(dLat / 2) * sin(dLat / 2)
        + cos(a.latitude * rad) * cos(b.latitude * rad) * sin(dLon / 2) * sin(dLon / 2)
    return 2 * 6_371_008.8 * asin(min(1, h.squareRoot()))
}

/// A WGS84 ellipsoid object on a PROJ context, for `proj_lp_dist`.
///
/// - Important: Not thread-safe; belongs to the worker that owns the context.
final class GeodesicCalculator {
    private let ellipsoid: ProjectionObject

    init(context: ProjectionContext) throws {
        // A PROJ-string lon/lat "conversion" carries the geodesic state that
        // proj_lp_dist needs (a CRS object from EPSG:4326 does not).
        ellipsoid = try ProjectionObject(definition: "+proj=longlat +ellps=WGS84", context: context)
    }

    /// Metres. `proj_lp_dist` takes radians and returns HUGE_VAL on failure;
    /// that case (not reachable for a valid ellipsoid) falls back to the sphere.
    func distance(from a: GeoPoint, to b: GeoPoint) -> Double {
        let rad = Double.pi / 180
        let p = proj_coord(a.longitude * rad, a.latitude * rad, 0, 0)
        let q = proj_coord(b.longitude * rad, b.latitude * rad, 0, 0)
        let d = proj_lp_dist(ellipsoid.raw, p, q)
        return d.isFinite && d != .greatestFiniteMagnitude ? d : sphericalDistance(from: a, to: b)
    }
}
