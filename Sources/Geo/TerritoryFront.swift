import CGEOS
import Timeline

/// Front lines from the Voronoi diagram.
///
/// A front segment is a Voronoi edge shared by the cells of two places on
/// opposing sides. Reading the edges from the diagram (instead of intersecting
/// zone boundaries) keeps them exact: both cells carry the very same vertices,
/// whereas boundaries of two separately clipped zones only nearly coincide and
/// their overlay would collapse to points.
///
/// Sides: a faction cell against another faction's cell gives that pair; a
/// faction cell against a contested cell gives the faction against each other
/// faction of the contest, so a contested band between A and B is outlined on
/// both edges by the A–B front. Contested cells against each other give no front.
enum TerritoryFront {
    /// Clearance in metres a smoothed front keeps from every controlled or
    /// contested place it bends past (unknown places take no side).
    static let placeClearance = 500.0
    /// Chaikin corner-cutting passes by default (`TerritoryBuilder.frontSmoothingPasses`).
    static let defaultSmoothingPasses = 3

    /// The fronts, unsmoothed: every vertex is a vertex of the zones on both sides.
    /// `belligerents`: the factions fronts are drawn between (nil: all);
    /// `ground`: where they may run (the land, less any drawn areas).
    static func fronts(cells: TerritoryCells, sites: [TerritoryPlace], reaches: [Double], belligerents: Set<String>? = nil,
                       ground: TerritoryBuilder.Ground, builder: TerritoryBuilder) throws -> [FrontLine] {
        let points = sites.map(\.point)
        var segments: [[String]: [(PlanarPoint, PlanarPoint)]] = [:]
        for (k, ring) in cells.rings.enumerated() where cells.owner[k] >= 0 {
            for i in 0..<(ring.count - 1) {
                // Each shared edge once, from the lower-numbered cell.
                let l = cells.across[k][i]
                guard l > k, cells.owner[l] >= 0 else { continue }
                let s = cells.owner[k], t = cells.owner[l]
                let pairs = opposingPairs(sites[s].control, sites[t].control, belligerents: belligerents)
                guard !pairs.isEmpty else { continue }
                // The part of the edge both pieces keep, cut exactly where the
                // pieces are cut (same centre, same direction), so the front
                // ends on the zones' corners.
                let a = ring[i], b = ring[i + 1]
                let centre = cells.centre(cell: k, edge: i, sites: points)
                guard let mine = TerritoryCells.canonicalInterval(a, b, centre: centre, radius: reaches[s]),
                      let theirs = TerritoryCells.canonicalInterval(a, b, centre: centre, radius: reaches[t])
                else { continue }
                let lo = max(mine.lo, theirs.lo), hi = min(mine.hi, theirs.hi)
                guard lo < hi else { continue }
                let piece = (TerritoryCells.canonicalPoint(a, b, lo), TerritoryCells.canonicalPoint(a, b, hi))
                for pair in pairs { segments[pair, default: []].append(piece) }
            }
        }

        let context = builder.context
        var fronts: [FrontLine] = []
        for pair in segments.keys.sorted(by: { $0.lexicographicallyPrecedes($1) }) {
            let parts = try segments[pair]!.map { try GEOSGeometry.lineString([$0.0, $0.1], context: context) }
            var lines = try GEOSGeometry.collection(GEOS_MULTILINESTRING, taking: parts, context: context).lineMerge()
            // Fronts stop at the coast, the land border and the drawn areas.
            if try !ground.prepared.contains(lines) {
                lines = try lines.intersection(ground.geometry).lineMerge()
            }
            try lines.normalize()
            // Unsmoothed here: `TerritoryZoneSmoothing` smooths fronts and zone edges together.
            let raw = try lines.lines()
            if !raw.isEmpty { fronts.append(FrontLine(between: pair, lines: raw)) }
        }
        return fronts
    }

    /// The sorted faction pairs a boundary between `x` and `y` is a front for:
    /// two different factions, both belligerents (when `belligerents` is given).
    static func opposingPairs(_ x: Control, _ y: Control, belligerents: Set<String>? = nil) -> [[String]] {
        func ids(_ c: Control) -> [String] {
            switch c {
            case .faction(let id): return [id]
            case .contested(let ids): return ids
            case .unknown: return []
            }
        }
        if case .contested = x, case .contested = y { return [] }
        var pairs = Set<[String]>()
        for a in ids(x) {
            for b in ids(y) where a != b {
                if let belligerents, !belligerents.contains(a) || !belligerents.contains(b) { continue }
                pairs.insert([a, b].sorted())
            }
        }
        return pairs.sorted { $0.lexicographicallyPrecedes($1) }
    }

    /// Splits each front into the parts with a place of each side within
    /// `distance` (``FrontLine/lines``) and the rest (``FrontLine/sparse``).
    ///
    /// Why this measure: every point of a Voronoi front is equally far from the
    /// nearest place of each side, so that distance is how far the front's
    /// position is from any report. A straight front drawn through empty
    /// country (two places 80 km apart, or one long edge past few places) has
    /// large distances along most of it and is marked; a front between
    /// neighbouring places is not, however long it runs.
    ///
    /// Each segment of a line is classed whole, by what most of its length is
    /// (sampled every `distance / 8`), so the parts keep the line's own
    /// vertices: they still lie exactly on the zones' edges.
    static func markSparse(_ fronts: [FrontLine], sites: [TerritoryPlace], within distance: Double) -> [FrontLine] {
        guard distance > 0, distance.isFinite else { return fronts }
        var byFaction: [String: [PlanarPoint]] = [:]
        for site in sites {
            switch site.control {
            case .faction(let id): byFaction[id, default: []].append(site.point)
            case .contested(let ids): for id in ids { byFaction[id, default: []].append(site.point) }
            case .unknown: break
            }
        }
        var grids: [String: TerritoryGrid] = [:]
        func grid(_ id: String) -> TerritoryGrid {
            if let g = grids[id] { return g }
            let g = TerritoryGrid(points: byFaction[id] ?? [])
            grids[id] = g
            return g
        }
        func near(_ p: PlanarPoint, _ pair: [String]) -> Bool {
            pair.allSatisfy { id in
                let g = grid(id)
                guard let i = g.nearest(to: p) else { return false }
                let q = g.points[i]
                return (p.x - q.x) * (p.x - q.x) + (p.y - q.y) * (p.y - q.y) <= distance * distance
            }
        }
        let step = distance / 8
        return fronts.map { front in
            var certain: [[PlanarPoint]] = [], sparse: [[PlanarPoint]] = []
            for line in front.lines where line.count >= 2 {
                var run: [PlanarPoint] = [line[0]]
                var runIsCertain: Bool?
                for i in 1..<line.count {
                    let a = line[i - 1], b = line[i]
                    let length = ((b.x - a.x) * (b.x - a.x) + (b.y - a.y) * (b.y - a.y)).squareRoot()
                    let n = max(1, Int((length / step).rounded(.up)))
                    // Midpoints of n equal pieces: the share of the segment near both sides.
                    var nearCount = 0
                    for k in 0..<n {
                        let t = (Double(k) + 0.5) / Double(n)
                        if near(PlanarPoint(x: a.x + t * (b.x - a.x), y: a.y + t * (b.y - a.y)), front.between) { nearCount += 1 }
                    }
                    let isCertain = 2 * nearCount >= n
                    if let current = runIsCertain, current != isCertain {
                        if current { certain.append(run) } else { sparse.append(run) }
                        run = [a]
                    }
                    runIsCertain = isCertain
                    run.append(b)
                }
                if let current = runIsCertain { if current { certain.append(run) } else { sparse.append(run) } }
            }
            return FrontLine(between: front.between, lines: certain, sparse: sparse)
        }
    }

    /// Chaikin corner cutting that never moves the line across a place.
    ///
    /// Each pass replaces corner P(i) by the points a quarter of the way to its
    /// neighbours; the ground that changes side is exactly the triangle cut
    /// off. A corner whose triangle (grown by `placeClearance`) holds a place
    /// is kept as it is, so no place ends up on the other side of the front.
    /// End points stay fixed.
    static func smooth(_ line: [PlanarPoint], places: TerritoryGrid, passes: Int = defaultSmoothingPasses) -> [PlanarPoint] {
        var current = line
        for _ in 0..<max(passes, 0) where current.count > 2 {
            var next: [PlanarPoint] = [current[0]]
            next.reserveCapacity(current.count * 2)
            for i in 1..<(current.count - 1) {
                let prev = current[i - 1], corner = current[i], after = current[i + 1]
                let a = PlanarPoint(x: corner.x + (prev.x - corner.x) / 4, y: corner.y + (prev.y - corner.y) / 4)
                let b = PlanarPoint(x: corner.x + (after.x - corner.x) / 4, y: corner.y + (after.y - corner.y) / 4)
                if cutIsClear(a, corner, b, places: places) {
                    next.append(a)
                    next.append(b)
                } else {
                    next.append(corner)
                }
            }
            next.append(current[current.count - 1])
            current = next
        }
        return current
    }

    private static func cutIsClear(_ a: PlanarPoint, _ b: PlanarPoint, _ c: PlanarPoint, places: TerritoryGrid) -> Bool {
        let m = placeClearance
        let box = PlanarBox(minX: min(a.x, b.x, c.x) - m, minY: min(a.y, b.y, c.y) - m,
                            maxX: max(a.x, b.x, c.x) + m, maxY: max(a.y, b.y, c.y) + m)
        for i in places.indices(in: box) {
            let p = places.points[i]
            if inTriangle(p, a, b, c) || distance(p, a, b) < m || distance(p, b, c) < m || distance(p, a, c) < m {
                return false
            }
        }
        return true
    }

    private static func inTriangle(_ p: PlanarPoint, _ a: PlanarPoint, _ b: PlanarPoint, _ c: PlanarPoint) -> Bool {
        func cross(_ o: PlanarPoint, _ u: PlanarPoint, _ v: PlanarPoint) -> Double {
            (u.x - o.x) * (v.y - o.y) - (u.y - o.y) * (v.x - o.x)
        }
        let d1 = cross(a, b, p), d2 = cross(b, c, p), d3 = cross(c, a, p)
        let negative = d1 < 0 || d2 < 0 || d3 < 0, positive = d1 > 0 || d2 > 0 || d3 > 0
        return !(negative && positive)
    }

    /// Distance in metres from p to segment u–v.
    static func distance(_ p: PlanarPoint, _ u: PlanarPoint, _ v: PlanarPoint) -> Double {
        let dx = v.x - u.x, dy = v.y - u.y
        let len2 = dx * dx + dy * dy
        var t = len2 > 0 ? ((p.x - u.x) * dx + (p.y - u.y) * dy) / len2 : 0
        t = min(max(t, 0), 1)
        let x = u.x + t * dx - p.x, y = u.y + t * dy - p.y
        return (x * x + y * y).squareRoot()
    }
}
