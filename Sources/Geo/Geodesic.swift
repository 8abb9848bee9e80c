import CProj
import FrontlineCore

/// The geodesic distance between two points on the WGS84 ellipsoid, in metres.
///
/// Uses PROJ's `proj_lp_dist` (Karney's geodesic algorithms), so the scale bar
/// measures the ground, not the projected plane.
public func geodesicDistance(from a: GeoPoint, to b: GeoPoint) -> Double {
    // A geodesic needs an ellipsoid definition; a lon/lat pipeline on WGS84 has it.
    // proj_lp_dist takes radians and returns metres (HUGE_VAL on error).
    let ctx = proj_context_create()
    defer { proj_context_destroy(ctx) }
    proj_log_level(ctx, PJ_LOG_NONE)
    guard let pj = proj_create(ctx, "+proj=longlat +ellps=WGS84") else { return .nan }
    defer { proj_destroy(pj) }
    let radians = Double.pi / 180
    let p = PJ_COORD(lp: PJ_LP(lam: a.longitude * radians, phi: a.latitude * radians))
    let q = PJ_COORD(lp: PJ_LP(lam: b.longitude * radians, phi: b.latitude * radians))
    return proj_lp_dist(pj, p, q)
}
