#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Union of polygons that form an exact coverage, in Swift: shared edges
/// cancel, and the edges left over are stitched into rings.
///
/// Why not `GEOSCoverageUnion_r`: in GEOS 3.11 it polygonizes the leftover
/// edges through a general planar graph; at 150 places its calls (one per
/// controller and one for all the ground covered) took about 8 ms, most of
/// the build (docs/benchmarks/territory.md). The pieces
/// `TerritoryCells` makes meet along identical vertices, so cancelling a
/// directed edge against its reverse and walking the rest is enough.
///
/// How the walk stays valid (OGC rules, as GEOS checks them): boundary edges
/// keep the pieces' counter-clockwise direction, so the union's interior is
/// on their left. At a vertex with several outgoing boundary edges (pieces
/// touching at one point) the walk takes the first outgoing edge clockwise
/// from the way it came in, so it follows the boundary of one piece of
/// interior (face tracing) and never crosses itself. A walk that still comes
/// back to a vertex (a hole touching its shell at a point) is split there
/// into simple rings. Counter-clockwise rings are shells, clockwise rings
/// holes; each hole goes to the smallest shell around it.
///
/// Returns nil when it finds the pieces are not an exact coverage: the same
/// directed edge twice, unbalanced vertices, two boundary edges leaving a
/// vertex in the same direction (a vertex of one piece on a neighbour's edge
/// that the neighbour lacks), a ring of next to no area. The caller then falls
/// back to GEOS. Edges that overlap without sharing an end are not looked for:
/// `TerritoryCells` cuts shared edges at the same points on both sides, so a
/// mismatch there would show as such a vertex.
enum TerritoryCoverageUnion {
    /// Rings of at most this area (m²) mean the input was not an exact
    /// coverage; `TerritoryCells` drops pieces this small, so no genuine
    /// shell is, and a genuine hole this small just takes the GEOS path.
    static let degenerateArea = 1.0

    /// - Parameter polygons: the pieces, rings closed (first point repeated
    ///   last), of any orientation; pieces must not overlap.
    /// - Returns: polygons with counter-clockwise exteriors and clockwise
    ///   holes, rings closed; nil when the pieces do not meet exactly.
    static func union(_ polygons: [PlanarPolygon]) -> [PlanarPolygon]? {
        let edgeEstimate = polygons.reduce(0) { $0 + $1.exterior.count + $1.holes.reduce(0) { $0 + $1.count } }
        var index = PointIndex(capacity: edgeEstimate)

        // Every directed edge with the piece's interior on its left:
        // exteriors counter-clockwise, holes clockwise.
        var edges: [(a: Int32, b: Int32)] = []
        edges.reserveCapacity(edgeEstimate)
        func add(_ ring: [PlanarPoint], counterClockwise wanted: Bool) {
            guard ring.count >= 4 else { return }
            let reverse = (signedDoubleArea(ring) > 0) != wanted
            var previous = index.id(of: ring[reverse ? ring.count - 1 : 0])
            for j in 1..<ring.count {
                let p = index.id(of: ring[reverse ? ring.count - 1 - j : j])
                if p != previous { edges.append((previous, p)) }
                previous = p
            }
        }
        for polygon in polygons {
            add(polygon.exterior, counterClockwise: true)
            for hole in polygon.holes { add(hole, counterClockwise: false) }
        }
        let points = index.points
        let n = points.count

        // All edges by start vertex (compressed rows), to find reverses
        // without hashing: a vertex has a handful of edges.
        let allOut = rows(edges, vertices: n)
        func hasEdge(_ a: Int32, _ b: Int32) -> Int {
            var found = 0
            for slot in Int(allOut.offsets[Int(a)])..<Int(allOut.offsets[Int(a) + 1])
            where edges[Int(allOut.items[slot])].b == b { found += 1 }
            return found
        }
        var boundary: [(a: Int32, b: Int32)] = []
        for e in edges {
            // The same directed edge twice: two pieces overlap.
            guard hasEdge(e.a, e.b) == 1 else { return nil }
            // An edge whose reverse exists is shared by two pieces: inside the union.
            if hasEdge(e.b, e.a) == 0 { boundary.append(e) }
        }

        // Outgoing boundary edges per vertex; in and out must balance.
        var balance = [Int32](repeating: 0, count: n)
        for e in boundary {
            balance[Int(e.a)] += 1
            balance[Int(e.b)] -= 1
        }
        guard balance.allSatisfy({ $0 == 0 }) else { return nil }
        let out = rows(boundary, vertices: n)
        let offsets = out.offsets, outgoing = out.items

        /// Set when two boundary edges leave a vertex in the same direction:
        /// one piece has a vertex on the other's edge (a T-junction), so the
        /// edges overlap instead of cancelling and the union would be wrong.
        var overlapping = false
        func sameDirection(_ ax: Double, _ ay: Double, _ bx: Double, _ by: Double) -> Bool {
            let dot = ax * bx + ay * by
            return dot > 0 && abs(ax * by - ay * bx) <= 1e-9 * dot
        }

        /// The boundary edge that follows edge `k`: the first outgoing edge
        /// clockwise from the reversed incoming edge.
        func next(after k: Int) -> Int {
            let v = Int(boundary[k].b)
            let first = Int(offsets[v]), end = Int(offsets[v + 1])
            let centre = points[v], from = points[Int(boundary[k].a)]
            let backX = from.x - centre.x, backY = from.y - centre.y
            if end - first == 1 {
                let candidate = Int(outgoing[first])
                let to = points[Int(boundary[candidate].b)]
                if sameDirection(backX, backY, to.x - centre.x, to.y - centre.y) { overlapping = true }
                return candidate
            }
            let back = atan2(backY, backX)
            var best = -1
            var bestTurn = Double.infinity
            for slot in first..<end {
                let candidate = Int(outgoing[slot])
                let to = points[Int(boundary[candidate].b)]
                if sameDirection(backX, backY, to.x - centre.x, to.y - centre.y) { overlapping = true }
                var turn = back - atan2(to.y - centre.y, to.x - centre.x)
                while turn <= 0 { turn += 2 * Double.pi }
                if turn < bestTurn { bestTurn = turn; best = candidate }
            }
            return best
        }

        var shells: [(ring: [PlanarPoint], area: Double, box: PlanarBox)] = []
        var holes: [[PlanarPoint]] = []
        var degenerate = false
        func emit(_ cycle: ArraySlice<Int32>) {
            var ring = cycle.map { points[Int($0)] }
            ring.append(ring[0])
            let doubleArea = signedDoubleArea(ring)
            if abs(doubleArea) <= 2 * degenerateArea { degenerate = true; return }
            if doubleArea > 0 {
                shells.append((ring, doubleArea / 2, box(of: ring)))
            } else {
                holes.append(ring)
            }
        }

        var used = [Bool](repeating: false, count: boundary.count)
        // Position of each vertex on the current walk's stack, -1 when not on it.
        var onStack = [Int32](repeating: -1, count: n)
        var stack: [Int32] = []
        for start in boundary.indices where !used[start] {
            var k = start
            repeat {
                // Two edges leading into one: the walk is not on a proper boundary.
                guard !used[k] else { return nil }
                used[k] = true
                let v = boundary[k].a
                if onStack[Int(v)] >= 0 {
                    // Back at a vertex of this walk: the loop since then is a ring of its own.
                    let j = Int(onStack[Int(v)])
                    emit(stack[j...])
                    for w in stack[(j + 1)...] { onStack[Int(w)] = -1 }
                    stack.removeLast(stack.count - j - 1)
                } else {
                    onStack[Int(v)] = Int32(stack.count)
                    stack.append(v)
                }
                k = next(after: k)
            } while k != start
            emit(stack[...])
            for w in stack { onStack[Int(w)] = -1 }
            stack.removeAll(keepingCapacity: true)
        }
        guard !degenerate, !overlapping else { return nil }

        var polygons = shells.map { PlanarPolygon(exterior: $0.ring) }
        for hole in holes {
            // The middle of a hole edge lies on no other boundary edge (edges do
            // not overlap in a coverage), so it is strictly inside or outside a shell.
            let probe = PlanarPoint(x: (hole[0].x + hole[1].x) / 2, y: (hole[0].y + hole[1].y) / 2)
            var owner = -1
            for (s, shell) in shells.enumerated()
            where shell.box.minX <= probe.x && probe.x <= shell.box.maxX && shell.box.minY <= probe.y && probe.y <= shell.box.maxY
                && (owner < 0 || shell.area < shells[owner].area) && contains(shell.ring, probe) {
                owner = s
            }
            guard owner >= 0 else { return nil }
            polygons[owner].holes.append(hole)
        }
        return polygons
    }

    /// The indices of `edges` grouped by start vertex: row v is
    /// `items[offsets[v]..<offsets[v + 1]]`, in edge order.
    private static func rows(_ edges: [(a: Int32, b: Int32)], vertices n: Int) -> (offsets: [Int32], items: [Int32]) {
        edgeRows(count: edges.count, vertices: n) { edges[$0].a }
    }

    private static func box(of ring: [PlanarPoint]) -> PlanarBox {
        var b = PlanarBox(minX: .infinity, minY: .infinity, maxX: -.infinity, maxY: -.infinity)
        for p in ring {
            b.minX = min(b.minX, p.x); b.minY = min(b.minY, p.y)
            b.maxX = max(b.maxX, p.x); b.maxY = max(b.maxY, p.y)
        }
        return b
    }

    /// Even-odd test of a point against a closed ring.
    static func contains(_ ring: [PlanarPoint], _ p: PlanarPoint) -> Bool {
        var inside = false
        for i in 0..<(ring.count - 1) {
            let a = ring[i], b = ring[i + 1]
            if (a.y > p.y) != (b.y > p.y), p.x < (b.x - a.x) * (p.y - a.y) / (b.y - a.y) + a.x { inside.toggle() }
        }
        return inside
    }
}

/// Ids for distinct points (exact equality), an open-addressing hash table
/// with a cheap multiplicative hash: the pieces' vertices are looked up tens
/// of thousands of times per build, where Swift's seeded SipHash was a tenth
/// of the time.
struct PointIndex {
    /// The distinct points, by id.
    private(set) var points: [PlanarPoint] = []
    /// Id + 1 in each slot, 0 for empty.
    private var slots: [Int32]
    private var mask: Int

    init(capacity: Int) {
        var size = 16
        while size < 2 * capacity { size *= 2 }
        slots = [Int32](repeating: 0, count: size)
        mask = size - 1
        points.reserveCapacity(capacity)
    }

    private static func hash(_ p: PlanarPoint) -> Int {
        // +0.0 and -0.0 are equal points, so they must hash alike.
        let x = p.x == 0 ? 0 : p.x.bitPattern, y = p.y == 0 ? 0 : p.y.bitPattern
        var k = (x &* 0x9E37_79B9_7F4A_7C15) ^ y
        k = k &* 0xC2B2_AE3D_27D4_EB4F
        return Int(truncatingIfNeeded: k ^ (k >> 29))
    }

    /// The id of `p`, new if it was not seen before.
    mutating func id(of p: PlanarPoint) -> Int32 {
        if 2 * (points.count + 1) > slots.count { grow() }
        var h = Self.hash(p) & mask
        while true {
            let s = slots[h]
            if s == 0 {
                points.append(p)
                slots[h] = Int32(points.count)
                return Int32(points.count - 1)
            }
            if points[Int(s) - 1] == p { return s - 1 }
            h = (h + 1) & mask
        }
    }

    private mutating func grow() {
        slots = [Int32](repeating: 0, count: slots.count * 2)
        mask = slots.count - 1
        for (i, p) in points.enumerated() {
            var h = Self.hash(p) & mask
            while slots[h] != 0 { h = (h + 1) & mask }
            slots[h] = Int32(i + 1)
        }
    }
}

/// Edge indices 0..<count grouped by start vertex (compressed rows): row v is
/// `items[offsets[v]..<offsets[v + 1]]`, in index order. Finds the edges at
/// a vertex without hashing; a Voronoi or coverage vertex has a handful.
func edgeRows(count: Int, vertices n: Int, start: (Int) -> Int32) -> (offsets: [Int32], items: [Int32]) {
    var offsets = [Int32](repeating: 0, count: n + 1)
    for k in 0..<count { offsets[Int(start(k)) + 1] += 1 }
    for v in 0..<n { offsets[v + 1] += offsets[v] }
    var fill = offsets
    var items = [Int32](repeating: 0, count: count)
    for k in 0..<count {
        let v = Int(start(k))
        items[Int(fill[v])] = Int32(k)
        fill[v] += 1
    }
    return (offsets, items)
}
