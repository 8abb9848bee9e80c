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

/// Lambert conformal conic on the WGS84 ellipsoid (Snyder, "Map Projections: A
/// Working Manual", eq. 15-1 … 15-9), parsed from a `+proj=lcc` PROJ string.
///
/// A stand-in used until Geo's PROJ projection is wired in, and a PROJ-free
/// projection for tests; it agrees with PROJ to well under a millimetre for
/// the theatre's CRS. Any other CRS is refused with a message.
public final class ConicProjector: MapProjector {
    let n: Double, F: Double, rho0: Double, lon0: Double
    static let a = 6378137.0
    static let e = sqrt(0.00669437999014)
    var a: Double { ConicProjector.a }
    var e: Double { ConicProjector.e }

    /// Parses `+proj=lcc +lat_0 +lon_0 +lat_1 +lat_2`.
    public init(crs: String) throws {
        var values: [String: String] = [:]
        for token in crs.split(separator: " ") {
            let parts = token.split(separator: "=", maxSplits: 1)
            if parts.count == 2 { values[String(parts[0])] = String(parts[1]) }
        }
        guard values["+proj"] == "lcc", let lat0 = values["+lat_0"].flatMap(Double.init),
              let lon0 = values["+lon_0"].flatMap(Double.init), let lat1 = values["+lat_1"].flatMap(Double.init) else {
            throw SystemError("PROJ", "unsupported CRS '\(crs)' (this build projects +proj=lcc only)")
        }
        let lat2 = values["+lat_2"].flatMap(Double.init) ?? lat1
        let rad = Double.pi / 180
        let e = ConicProjector.e, a = ConicProjector.a
        func m(_ phi: Double) -> Double { cos(phi) / sqrt(1 - e * e * sin(phi) * sin(phi)) }
        func t(_ phi: Double) -> Double {
            tan(Double.pi / 4 - phi / 2) / pow((1 - e * sin(phi)) / (1 + e * sin(phi)), e / 2)
        }
        let p1 = lat1 * rad, p2 = lat2 * rad, p0 = lat0 * rad
        let n = abs(p1 - p2) < 1e-10 ? sin(p1) : (log(m(p1)) - log(m(p2))) / (log(t(p1)) - log(t(p2)))
        let F = m(p1) / (n * pow(t(p1), n))
        self.n = n
        self.F = F
        self.rho0 = a * F * pow(t(p0), n)
        self.lon0 = lon0 * rad
    }

    public func projectPoints(_ points: [GeoPoint]) throws -> [PlanarPoint] {
        let rad = Double.pi / 180
        return points.map { p in
            let phi = p.latitude * rad
            let t = tan(Double.pi / 4 - phi / 2) / pow((1 - e * sin(phi)) / (1 + e * sin(phi)), e / 2)
            let rho = a * F * pow(t, n)
            let theta = n * (p.longitude * rad - lon0)
            return PlanarPoint(x: rho * sin(theta), y: rho0 - rho * cos(theta))
        }
    }
}

/// Geodesic distance on the WGS84 ellipsoid by Vincenty's inverse formula, metres.
/// Used for the scale bar, which must measure the ground, not projected metres.
func ellipsoidalDistance(from p: GeoPoint, to q: GeoPoint) -> Double {
    let a = 6378137.0, f = 1 / 298.257223563, b = a * (1 - f)
    let rad = Double.pi / 180
    let L = (q.longitude - p.longitude) * rad
    let U1 = atan((1 - f) * tan(p.latitude * rad)), U2 = atan((1 - f) * tan(q.latitude * rad))
    let sinU1 = sin(U1), cosU1 = cos(U1), sinU2 = sin(U2), cosU2 = cos(U2)
    var lambda = L
    var sinSigma = 0.0, cosSigma = 0.0, sigma = 0.0, cos2Alpha = 0.0, cos2SigmaM = 0.0
    for _ in 0..<200 {
        let sinL = sin(lambda), cosL = cos(lambda)
        sinSigma = sqrt(pow(cosU2 * sinL, 2) + pow(cosU1 * sinU2 - sinU1 * cosU2 * cosL, 2))
        if sinSigma == 0 { return 0 }
        cosSigma = sinU1 * sinU2 + cosU1 * cosU2 * cosL
        sigma = atan2(sinSigma, cosSigma)
        let sinAlpha = cosU1 * cosU2 * sinL / sinSigma
        cos2Alpha = 1 - sinAlpha * sinAlpha
        cos2SigmaM = cos2Alpha == 0 ? 0 : cosSigma - 2 * sinU1 * sinU2 / cos2Alpha
        let C = f / 16 * cos2Alpha * (4 + f * (4 - 3 * cos2Alpha))
        let previous = lambda
        lambda = L + (1 - C) * f * sinAlpha * (sigma + C * sinSigma * (cos2SigmaM + C * cosSigma * (-1 + 2 * cos2SigmaM * cos2SigmaM)))
        if abs(lambda - previous) < 1e-12 { break }
    }
    let u2 = cos2Alpha * (a * a - b * b) / (b * b)
    let A = 1 + u2 / 16384 * (4096 + u2 * (-768 + u2 * (320 - 175 * u2)))
    let B = u2 / 1024 * (256 + u2 * (-128 + u2 * (74 - 47 * u2)))
    let deltaSigma = B * sinSigma * (cos2SigmaM + B / 4 * (cosSigma * (-1 + 2 * cos2SigmaM * cos2SigmaM)
        - B / 6 * cos2SigmaM * (-3 + 4 * sinSigma * sinSigma) * (-3 + 4 * cos2SigmaM * cos2SigmaM)))
    return b * A * (sigma - deltaSigma)
}
