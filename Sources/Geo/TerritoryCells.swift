#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The Voronoi cells of the sites, matched to their sites and to each other,
/// cut to each site's reach in Swift.
///
/// Why not let GEOS intersect each cell with a buffered disc: two cells that
/// share an edge would each cut it against their own 32-gon, at slightly
/// different points, so the pieces would no longer meet exactly and merging
/// them would need a full overlay union. Here a shared edge is cut against a
/// true circle, computed the same way (same direction, same centre) for both
/// cells, so the pieces form an exact coverage and GEOS's coverage union can
/// merge them. It is also a convex-polygon-and-circle clip, which is cheap.
/// Units: metres.
struct TerritoryCells {
    /// Segments per full circle where a reach arc runs through open ground
    /// (GEOS's default buffer: 8 a quarter circle).
    static let circleSegments = 32

    /// Counter-clockwise closed rings, one per Voronoi cell (empty when unusable).
    let rings: [[PlanarPoint]]
    /// The site (index into the sites) of each cell, -1 for none.
    let owner: [Int]
    /// For each cell and each edge i (ring[i] → ring[i + 1]), the cell across it, -1 for none.
    let across: [[Int]]

    init(rings raw: [[PlanarPoint]], sites: TerritoryGrid) {
        var rings: [[PlanarPoint]] = []
        var owner: [Int] = []
        rings.reserveCapacity(raw.count)
        for ring in raw {
            guard ring.count >= 4 else { rings.append([]); owner.append(-1); continue }
            // A Voronoi cell is convex, so the mean of its vertices lies inside
            // it, and the site nearest that point is the cell's own.
            var cx = 0.0, cy = 0.0
            for p in ring.dropLast() { cx += p.x; cy += p.y }
            let n = Double(ring.count - 1)
            rings.append(oriented(ring, counterClockwise: true))
            owner.append(sites.nearest(to: PlanarPoint(x: cx / n, y: cy / n)) ?? -1)
        }
        // Neighbours through shared edges: both cells carry the very same
        // vertices, so edge a→b of one cell is edge b→a of the other. Edges are
        // found by vertex id and rows per start vertex, not by hashing edges
        // (Swift's seeded hashing of four doubles was a large part of this at
        // 5,000 places).
        var index = PointIndex(capacity: rings.reduce(0) { $0 + $1.count } / 2)
        var edges: [(a: Int32, b: Int32, cell: Int32, edge: Int32)] = []
        for (k, ring) in rings.enumerated() where owner[k] >= 0 {
            var previous = index.id(of: ring[0])
            for i in 0..<(ring.count - 1) {
                let next = index.id(of: ring[i + 1])
                if next != previous { edges.append((previous, next, Int32(k), Int32(i))) }
                previous = next
            }
        }
        let byStart = edgeRows(count: edges.count, vertices: index.points.count) { edges[$0].a }
        var across = rings.map { [Int](repeating: -1, count: max($0.count - 1, 0)) }
        for e in edges {
            for slot in Int(byStart.offsets[Int(e.b)])..<Int(byStart.offsets[Int(e.b) + 1]) {
                let reverse = edges[Int(byStart.items[slot])]
                if reverse.b == e.a && reverse.cell != e.cell { across[Int(e.cell)][Int(e.edge)] = Int(reverse.cell) }
            }
        }
        self.rings = rings
        self.owner = owner
        self.across = across
    }

    /// The centre to measure an edge's reach from: on a shared edge both sites
    /// are equally far from every point, so the lower-numbered one is used by
    /// both cells, which then compute identical cut points.
    func centre(cell k: Int, edge i: Int, sites: [PlanarPoint]) -> PlanarPoint {
        let own = owner[k]
        let other = across[k][i] >= 0 ? owner[across[k][i]] : -1
        return sites[other >= 0 ? min(own, other) : own]
    }

    /// The part of edge a–b within `radius` of `centre`, as parameters along
    /// the edge taken in canonical direction (lexicographically smaller end
    /// first), or nil when it stays outside.
    static func canonicalInterval(_ a: PlanarPoint, _ b: PlanarPoint, centre c: PlanarPoint, radius r: Double)
        -> (lo: Double, hi: Double)? {
        let forward = (a.x, a.y) < (b.x, b.y)
        let p = forward ? a : b, q = forward ? b : a
        let dx = q.x - p.x, dy = q.y - p.y
        let qa = dx * dx + dy * dy
        guard qa > 0 else { return nil }
        let fx = p.x - c.x, fy = p.y - c.y
        let qb = 2 * (fx * dx + fy * dy)
        let qc = fx * fx + fy * fy - r * r
        let disc = qb * qb - 4 * qa * qc
        guard disc > 0 else { return nil }
        let root = disc.squareRoot()
        let lo = max(0, (-qb - root) / (2 * qa)), hi = min(1, (-qb + root) / (2 * qa))
        return lo < hi ? (lo, hi) : nil
    }

    /// The point at canonical parameter t of edge a–b; the ends are returned exactly.
    static func canonicalPoint(_ a: PlanarPoint, _ b: PlanarPoint, _ t: Double) -> PlanarPoint {
        let forward = (a.x, a.y) < (b.x, b.y)
        let p = forward ? a : b, q = forward ? b : a
        if t <= 0 { return p }
        if t >= 1 { return q }
        return PlanarPoint(x: p.x + t * (q.x - p.x), y: p.y + t * (q.y - p.y))
    }

    /// Cell k cut to the disc of `reaches[owner]` around its site: a
    /// counter-clockwise closed ring, or nil when nothing is left.
    func piece(_ k: Int, sites: [PlanarPoint], reaches: [Double]) -> [PlanarPoint]? {
        let site = owner[k]
        let ring = rings[k]
        guard site >= 0, ring.count >= 4, reaches[site] > 0 else { return nil }
        let r = reaches[site], c = sites[site]
        // Inside the disc and no neighbour with a shorter reach cutting a shared
        // edge (its cut point must become our vertex too): the cell as it is.
        if ring.allSatisfy({ ($0.x - c.x) * ($0.x - c.x) + ($0.y - c.y) * ($0.y - c.y) <= r * r }),
           across[k].allSatisfy({ $0 < 0 || owner[$0] < 0 || reaches[owner[$0]] >= r }) {
            return ring
        }

        var out: [PlanarPoint] = []
        var pendingExit: PlanarPoint?
        var startsWithEntry = false
        for i in 0..<(ring.count - 1) {
            let a = ring[i], b = ring[i + 1]
            let centre = centre(cell: k, edge: i, sites: sites)
            guard let own = Self.canonicalInterval(a, b, centre: centre, radius: r) else { continue }
            // Cut points of the neighbour's reach that fall inside ours are
            // vertices of both pieces, so the shared edge matches exactly.
            var params = [own.lo, own.hi]
            let l = across[k][i]
            if l >= 0, owner[l] >= 0, reaches[owner[l]] != r,
               let theirs = Self.canonicalInterval(a, b, centre: centre, radius: reaches[owner[l]]) {
                for t in [theirs.lo, theirs.hi] where t > own.lo && t < own.hi { params.append(t) }
            }
            let forward = (a.x, a.y) < (b.x, b.y)
            params.sort(by: forward ? (<) : (>))
            // In walking order: does the kept part start at a, end at b?
            let startsAtA = forward ? own.lo == 0 : own.hi == 1
            let endsAtB = forward ? own.hi == 1 : own.lo == 0
            if startsAtA {
                pendingExit = nil
            } else {
                let entry = Self.canonicalPoint(a, b, params[0])
                if let exit = pendingExit {
                    out.append(contentsOf: arc(from: exit, to: entry, centre: c, radius: r))
                } else if out.isEmpty {
                    startsWithEntry = true
                }
                pendingExit = nil
            }
            // Every kept point of this edge except b, which the next edge starts with.
            for t in params.dropLast(endsAtB ? 1 : 0) { out.append(Self.canonicalPoint(a, b, t)) }
            if !endsAtB { pendingExit = out.last }
        }
        if out.isEmpty {
            // No edge reaches the disc, and the site is inside its cell: the whole disc.
            let n = Self.circleSegments
            var disc = (0..<n).map { j -> PlanarPoint in
                let angle = 2 * Double.pi * Double(j) / Double(n)
                return PlanarPoint(x: c.x + r * cos(angle), y: c.y + r * sin(angle))
            }
            disc.append(disc[0])
            return disc
        }
        if let exit = pendingExit, startsWithEntry {
            out.append(contentsOf: arc(from: exit, to: out[0], centre: c, radius: r))
        }
        out.append(out[0])
        // Drop repeated points (a cut landing on a vertex) and slivers.
        var clean: [PlanarPoint] = [out[0]]
        for p in out.dropFirst() where p != clean[clean.count - 1] { clean.append(p) }
        guard clean.count >= 4, signedDoubleArea(clean) > 2 else { return nil }
        return clean
    }

    /// Points on the circle strictly between `from` and `to`, counter-clockwise,
    /// at whole multiples of 2π / circleSegments (so arcs are deterministic).
    private func arc(from: PlanarPoint, to: PlanarPoint, centre c: PlanarPoint, radius r: Double) -> [PlanarPoint] {
        let step = 2 * Double.pi / Double(Self.circleSegments)
        let start = atan2(from.y - c.y, from.x - c.x)
        var end = atan2(to.y - c.y, to.x - c.x)
        if end <= start { end += 2 * Double.pi }
        var out: [PlanarPoint] = []
        var j = (start / step).rounded(.down) + 1
        // Skip sample points within a thousandth of a step of an end: near-duplicates.
        while j * step < end - step * 1e-3 {
            let angle = j * step
            if angle > start + step * 1e-3 {
                out.append(PlanarPoint(x: c.x + r * cos(angle), y: c.y + r * sin(angle)))
            }
            j += 1
        }
        return out
    }
}
