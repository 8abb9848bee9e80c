import CProj
import FrontlineCore

/// A transform from WGS84 longitude/latitude to a projected CRS, done by PROJ.
///
/// Input is always lon/lat in degrees and output always easting/northing, in the
/// units of the CRS (metres for all frontline ships): the transform is
/// normalised for visualisation, so a CRS that declares latitude first
/// (EPSG:4326 itself) cannot swap the axes.
///
/// - Important: Not thread-safe. A projection owns a PROJ context and transform
///   that must not be used from two threads at once: make one per worker.
public final class Projection {
    /// The CRS as the user gave it (`EPSG:32633`, a PROJ string).
    public let crs: String
    private let transform: ProjObject

    /// Creates a projection to `crs`: an `EPSG:nnnn` code (or any other
    /// `AUTHORITY:CODE`), a PROJ string (`+proj=lcc …`), or WKT.
    ///
    /// Throws ``SystemError`` carrying PROJ's own message when the CRS is not
    /// understood or no transformation exists.
    public init(crs: String) throws {
        self.crs = crs
        let context = try ProjContext()
        // proj_create_crs_to_crs returns NULL on failure and sets the context errno.
        guard let raw = proj_create_crs_to_crs(context.pointer, "EPSG:4326", crs, nil) else {
            throw SystemError("PROJ", "cannot use the CRS '\(crs)': \(context.lastError("unknown CRS"))")
        }
        let crsToCrs = ProjObject(raw, context: context)
        // Returns NULL on failure; the result is a new object we own.
        guard let normalised = proj_normalize_for_visualization(context.pointer, crsToCrs.pointer) else {
            throw SystemError("PROJ", "cannot normalise the axis order for '\(crs)': \(context.lastError("unknown error"))")
        }
        transform = ProjObject(normalised, context: context)
        // A geographic target would give degrees, not metres: the renderer and the
        // zones assume a projected plane.
        let probe = try project([GeoPoint(latitude: 26.5, longitude: 17.5)])[0]
        if abs(probe.x) < 360, abs(probe.y) < 360, crsIsGeographic() {
            throw SystemError("PROJ", "'\(crs)' is a geographic CRS (degrees); give a projected CRS such as EPSG:32633 or a +proj=lcc string")
        }
    }

    private func crsIsGeographic() -> Bool {
        // proj_get_target_crs returns NULL when the object has no target CRS.
        guard let target = proj_get_target_crs(transform.context.pointer, transform.pointer) else { return false }
        defer { proj_destroy(target) }
        let type = proj_get_type(target)
        return type == PJ_TYPE_GEOGRAPHIC_2D_CRS || type == PJ_TYPE_GEOGRAPHIC_3D_CRS || type == PJ_TYPE_GEOGRAPHIC_CRS
    }

    /// Projects points in one batch through `proj_trans_generic`.
    ///
    /// Throws when PROJ cannot transform a point (for example one on the far
    /// side of a conic projection's pole), naming the point and PROJ's message.
    public func project(_ points: [GeoPoint]) throws -> [PlanarPoint] {
        try run(points.map(\.longitude), points.map(\.latitude), direction: PJ_FWD) { x, y in
            PlanarPoint(x: x, y: y)
        }
    }

    public func project(_ point: GeoPoint) throws -> PlanarPoint { try project([point])[0] }

    /// The inverse transform: projected coordinates back to lon/lat degrees.
    public func unproject(_ points: [PlanarPoint]) throws -> [GeoPoint] {
        try run(points.map(\.x), points.map(\.y), direction: PJ_INV) { lon, lat in
            GeoPoint(latitude: lat, longitude: lon)
        }
    }

    /// The projected bounding box of a lon/lat box. The edges are densified
    /// (`densify` points a side) because straight lines of longitude and
    /// latitude become curves under most projections.
    public func project(box: GeoBox, densify: Int = 32) throws -> PlanarBox {
        let n = max(2, densify)
        var ring: [GeoPoint] = []
        for i in 0...n {
            let t = Double(i) / Double(n)
            let lon = box.west + (box.east - box.west) * t
            let lat = box.south + (box.north - box.south) * t
            ring += [GeoPoint(latitude: box.south, longitude: lon), GeoPoint(latitude: box.north, longitude: lon),
                     GeoPoint(latitude: lat, longitude: box.west), GeoPoint(latitude: lat, longitude: box.east)]
        }
        let projected = try project(ring)
        return PlanarBox(minX: projected.map(\.x).min()!, minY: projected.map(\.y).min()!,
                         maxX: projected.map(\.x).max()!, maxY: projected.map(\.y).max()!)
    }

    private func run<T>(_ first: [Double], _ second: [Double], direction: PJ_DIRECTION,
                        make: (Double, Double) -> T) throws -> [T] {
        var xs = first, ys = second
        let count = xs.count
        guard count > 0 else { return [] }
        let ctx = transform.context
        proj_errno_reset(transform.pointer)
        let stride = MemoryLayout<Double>.stride
        // proj_trans_generic returns the number of points transformed; points it
        // cannot transform become HUGE_VAL and set the errno.
        let done = xs.withUnsafeMutableBufferPointer { xb in
            ys.withUnsafeMutableBufferPointer { yb in
                proj_trans_generic(transform.pointer, direction,
                                   xb.baseAddress, stride, count,
                                   yb.baseAddress, stride, count,
                                   nil, 0, 0, nil, 0, 0)
            }
        }
        let errno = proj_errno(transform.pointer)
        var result: [T] = []
        result.reserveCapacity(count)
        for i in 0..<count {
            guard xs[i].isFinite, ys[i].isFinite, xs[i] != .greatestFiniteMagnitude, abs(xs[i]) < 1e30, abs(ys[i]) < 1e30 else {
                let message = errno != 0 ? String(cString: proj_context_errno_string(ctx.pointer, errno)) : "no result"
                throw SystemError("PROJ", "cannot transform (\(first[i]), \(second[i])) to '\(crs)': \(message)")
            }
            result.append(make(xs[i], ys[i]))
        }
        if done != count {
            throw SystemError("PROJ", "transformed \(done) of \(count) points to '\(crs)': \(ctx.lastError("unknown error"))")
        }
        return result
    }
}
