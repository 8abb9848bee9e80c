import Foundation

/// A place dot as the label placer sees it: an obstacle for every other label
/// and the anchor of its own.
struct LabelDot: Hashable, Sendable {
    var id: String
    var center: ScenePoint
    /// The symbol's largest radius on any day (a contested place's split symbol
    /// is drawn larger), layout px.
    var radius: Double
    /// The box no other label or leader may touch.
    var rect: SceneRect { SceneRect(x: center.x - radius - 1, y: center.y - radius - 1, width: 2 * radius + 2, height: 2 * radius + 2) }
}

/// One label to place: its dot, its measured size and its rank.
struct LabelRequest: Sendable {
    var dot: LabelDot
    var size: TextSize
    /// Higher goes first.
    var priority: Double
    /// A place in the theatre's own country: its label may not lie on a neighbour's land.
    var home: Bool
    /// Drawn with a "changed hands" ring: its label keeps clear of the ring.
    var ringed = false
}

/// Where one label went.
struct LabelPlacement: Hashable, Sendable {
    var rect: SceneRect
    var position: String
    /// From the symbol's edge to the nearest point of the label box; nil for a label beside its dot.
    var leader: [ScenePoint]?
}

/// A uniform grid of 32 px cells for the placer's collision queries (PAL
/// keeps an R-tree; at a few hundred boxes a grid does as well). Entries are
/// small integer keys (indexes of dots or labels), so a query hashes nothing;
/// cells sit in one flat array over `bounds`, aligned to multiples of the
/// cell size, and a box beyond the bounds is counted in the edge cells.
struct RectGrid: Sendable {
    static let cell = 32.0
    private let x0: Int, y0: Int, columns: Int, rows: Int
    private var cells: [[(key: Int, rect: SceneRect)]]

    /// A grid for boxes within `bounds` (others are kept too, in the edge cells).
    init(covering bounds: SceneRect) {
        x0 = Int((bounds.x / RectGrid.cell).rounded(.down))
        y0 = Int((bounds.y / RectGrid.cell).rounded(.down))
        columns = max(1, Int((bounds.maxX / RectGrid.cell).rounded(.down)) - x0 + 1)
        rows = max(1, Int((bounds.maxY / RectGrid.cell).rounded(.down)) - y0 + 1)
        cells = Array(repeating: [], count: columns * rows)
    }

    private func range(_ r: SceneRect) -> (ClosedRange<Int>, ClosedRange<Int>) {
        func clamp(_ v: Double, _ origin: Int, _ count: Int) -> Int {
            guard v.isFinite else { return v > 0 ? count - 1 : 0 }
            return min(max(Int((v / RectGrid.cell).rounded(.down)) - origin, 0), count - 1)
        }
        let xa = clamp(r.x, x0, columns), xb = clamp(r.maxX, x0, columns)
        let ya = clamp(r.y, y0, rows), yb = clamp(r.maxY, y0, rows)
        return (xa...max(xa, xb), ya...max(ya, yb))
    }

    mutating func insert(_ key: Int, _ r: SceneRect) {
        let (xs, ys) = range(r)
        for y in ys { for x in xs { cells[y * columns + x].append((key, r)) } }
    }

    mutating func remove(_ key: Int, _ r: SceneRect) {
        let (xs, ys) = range(r)
        for y in ys { for x in xs { cells[y * columns + x].removeAll { $0.key == key } } }
    }

    /// Whether any box other than `except`'s satisfies `test` among those near `r`.
    func contains(near r: SceneRect, except: Int = -1, where test: (Int, SceneRect) -> Bool) -> Bool {
        let (xs, ys) = range(r)
        for y in ys { for x in xs {
            for e in cells[y * columns + x] where e.key != except && test(e.key, e.rect) { return true }
        } }
        return false
    }
}

/// Every label's candidate positions that pass the rules which do not depend
/// on the other labels (inside the area, clear of every dot, off foreign land,
/// near enough its own dot or on a short leader that passes no dot), with
/// their costs, cheapest first (ties in the order the positions are tried).
/// Costs do not depend on the other labels either, so a placement only has to
/// find the first candidate the labels placed so far leave free.
///
/// Made once and handed to every placement over the same dots, area and
/// requests (the layout places the main map's labels several times: once,
/// then once per detail-inset finalist), which then skip all the static work.
struct LabelCandidates: Sendable {
    /// The area the candidates were made for; a placer over another starts afresh.
    let area: SceneRect
    fileprivate var near: [String: [LabelCandidate]] = [:]
    fileprivate var leader: [String: [LabelCandidate]] = [:]
    init(area: SceneRect) { self.area = area }
}

/// One candidate box of a label and its cost (see ``LabelCandidates``).
struct LabelCandidate: Sendable {
    var rect: SceneRect
    var position: String
    var leader: (start: ScenePoint, end: ScenePoint)?
    var cost: Double

    var placement: LabelPlacement {
        LabelPlacement(rect: rect, position: position, leader: leader.map { [$0.start, $0.end] })
    }

    /// Cheapest first; of equal costs, the one tried first (its index in `list`).
    static func sorted(_ list: [(LabelCandidate, Int)]) -> [LabelCandidate] {
        list.sorted { $0.0.cost != $1.0.cost ? $0.0.cost < $1.0.cost : $0.1 < $1.1 }.map(\.0)
    }
}

/// Point-label placement in the manner of QGIS's PAL and Mapnik: each label
/// has a fixed set of candidate boxes around its dot, each with a cost (the
/// cartographic order of positions, then how close other dots come); a
/// candidate is taken only if it breaks none of the map's rules, and labels
/// are placed greedily by priority against everything placed before them.
///
/// The rules, which the tests check on the drawn map:
/// - a label without a leader lies within `nearReach` (14 px) of its dot, and
///   nearer to its own dot than to any other (by `clearance` at least);
/// - otherwise it hangs on a leader line of at most `maxLeader` (80 px) that
///   crosses no other leader, label or dot;
/// - no label touches another label (4 px gap), another dot, an obstacle
///   (furniture, country names) or, for a home-country place, foreign land.
///
/// Two passes: first every label tries the positions beside its dot, then the
/// ones left try leaders. A leader needs room that a dozen labels beside their
/// dots would use, so leaders only take what those left free.
///
/// Which rules a candidate breaks splits in two: those that hold whatever the
/// other labels do (area, dots, foreign land, the leader's length and path),
/// checked once per label into ``LabelCandidates`` with the costs, and those
/// that depend on the labels placed so far (and on the obstacles), checked
/// when the label's turn comes, cheapest candidate first.
struct LabelPlacer {
    static let nearReach = 14.0
    static let maxLeader = 80.0
    /// How much nearer its own dot a label must be than any other dot, px.
    static let clearance = 1.5
    /// Space kept between two labels, or two names read as one ("صبراتةزوارة").
    static let labelGap = 4.0
    /// More than any dot's radius and its box's margin, px.
    static let dotReach = 12.0

    var area: SceneRect
    var obstacles: [SceneRect]
    var dots: [LabelDot]
    /// Whether a box lies (partly) on a neighbour's land; nil: no neighbours drawn.
    var touchesForeignLand: ((SceneRect) -> Bool)?
    /// Reading order of the labels: right of the dot is the first choice in
    /// left-to-right scripts, left of it in Arabic.
    var rightToLeft: Bool

    private var placed: [String: LabelPlacement] = [:]
    /// Placed label boxes, keyed by their place's key (see `key(of:)`).
    private var placedRects: RectGrid
    /// The dots, keyed by their index in `dots`.
    private let dotGrid: RectGrid
    /// Place id to its integer key: the dot's index, or past the dots for a
    /// label whose dot is not among them.
    private var keys: [String: Int]
    private var ids: [String]
    private var leaders: [(key: Int, a: ScenePoint, b: ScenePoint)] = []
    /// Candidates found so far; see ``LabelCandidates``.
    private(set) var candidates: LabelCandidates

    /// - Parameter reusing: candidates of an earlier placer over the same
    ///   dots, area, script direction, land and requests (only the obstacles
    ///   may differ), whose static work this one then skips.
    init(area: SceneRect, obstacles: [SceneRect], dots: [LabelDot], rightToLeft: Bool,
         touchesForeignLand: ((SceneRect) -> Bool)?, reusing: LabelCandidates? = nil) {
        candidates = reusing.flatMap { $0.area == area ? $0 : nil } ?? LabelCandidates(area: area)
        self.area = area
        self.obstacles = obstacles
        self.dots = dots
        // The grids cover the labels' area and every dot; a margin keeps the
        // boxes that reach a little past it in cells of their own.
        var bounds = area
        for d in dots {
            let x = min(bounds.x, d.center.x), y = min(bounds.y, d.center.y)
            bounds = SceneRect(x: x, y: y, width: max(bounds.maxX, d.center.x) - x, height: max(bounds.maxY, d.center.y) - y)
        }
        bounds = bounds.insetBy(-2 * RectGrid.cell)
        var grid = RectGrid(covering: bounds)
        // By centre, one cell each: a query reaches `dotReach` further for the symbol.
        for (i, d) in dots.enumerated() { grid.insert(i, SceneRect(x: d.center.x, y: d.center.y, width: 0, height: 0)) }
        dotGrid = grid
        placedRects = RectGrid(covering: bounds)
        keys = Dictionary(dots.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        ids = dots.map(\.id)
        self.rightToLeft = rightToLeft
        self.touchesForeignLand = touchesForeignLand
    }

    /// The integer key of a place id (its dot's index; a new one past the dots otherwise).
    private mutating func key(of id: String) -> Int {
        if let k = keys[id] { return k }
        ids.append(id)
        keys[id] = ids.count - 1
        return ids.count - 1
    }

    /// Places the requests, highest priority first (ties by id), and returns
    /// where each went and which could not go anywhere (in priority order).
    mutating func place(_ requests: [LabelRequest]) -> (placed: [String: LabelPlacement], dropped: [String]) {
        let order = requests.sorted { $0.priority != $1.priority ? $0.priority > $1.priority : $0.dot.id < $1.dot.id }
        let keyed = order.map { (request: $0, key: key(of: $0.dot.id)) }
        var left: [(request: LabelRequest, key: Int)] = []
        for (r, k) in keyed {
            if let p = bestNear(r, key: k) { commit(k, p) } else { left.append((r, k)) }
        }
        var stuck: [(request: LabelRequest, key: Int)] = []
        for (r, k) in left {
            if let p = bestLeader(r, key: k) { commit(k, p) } else { stuck.append((r, k)) }
        }
        let byID = Dictionary(requests.map { ($0.dot.id, $0) }, uniquingKeysWith: { a, _ in a })
        var dropped: [String] = []
        for (r, k) in stuck where !makeRoom(for: r, key: k, requests: byID) { dropped.append(r.dot.id) }
        return (placed, dropped)
    }

    /// A local repair in the manner of PAL's search: a label with no room
    /// takes a spot beside its dot that only one placed label blocks, if that
    /// label can move elsewhere (beside its dot or on a leader).
    private mutating func makeRoom(for r: LabelRequest, key: Int, requests: [String: LabelRequest]) -> Bool {
        for candidate in nearCandidates(r) where LabelPlacer.distance(candidate.rect, r.dot.center) <= LabelPlacer.nearReach {
            let rect = candidate.rect
            let padded = rect.insetBy(-LabelPlacer.labelGap)
            var blockers = Set<Int>()
            _ = placedRects.contains(near: padded) { k, box in
                if box.intersects(padded) { blockers.insert(k) }
                return blockers.count > 1
            }
            for l in leaders where LabelPlacer.segment(l.a, l.b, hits: rect) { blockers.insert(l.key) }
            guard blockers.count == 1, let otherKey = blockers.first else { continue }
            let other = ids[otherKey]
            guard let old = placed[other], let moving = requests[other] else { continue }
            remove(otherKey)
            if boxIsFree(rect, for: r, key: key), isNearest(rect, r, key: key) {
                commit(key, LabelPlacement(rect: rect, position: candidate.position, leader: nil))
                if let moved = bestNear(moving, key: otherKey) ?? bestLeader(moving, key: otherKey) {
                    commit(otherKey, moved)
                    return true
                }
                remove(key)
            }
            commit(otherKey, old)
        }
        return false
    }

    private mutating func commit(_ key: Int, _ p: LabelPlacement) {
        placed[ids[key]] = p
        placedRects.insert(key, p.rect)
        if let l = p.leader, l.count == 2 { leaders.append((key, l[0], l[1])) }
    }

    private mutating func remove(_ key: Int) {
        guard let p = placed.removeValue(forKey: ids[key]) else { return }
        placedRects.remove(key, p.rect)
        leaders.removeAll { $0.key == key }
    }

    /// Whether a box beside its dot is nearer that dot than any other, by `clearance`.
    func isNearest(_ rect: SceneRect, _ r: LabelRequest, key: Int) -> Bool {
        let own = LabelPlacer.distance(rect, r.dot.center)
        let reach = own + LabelPlacer.clearance
        return !dotGrid.contains(near: rect.insetBy(-reach - 1), except: key) { i, _ in
            LabelPlacer.distance(rect, dots[i].center) <= reach
        }
    }

    // MARK: candidates beside the dot

    /// The sixteen positions beside a dot, in cartographic order of
    /// preference, as (name, name mirrored for right-to-left scripts).
    private static let nearPositions: [(String, String)] = [
        ("right", "left"), ("above-right", "above-left"), ("below-right", "below-left"),
        ("above", "above"), ("below", "below"),
        ("left", "right"), ("above-left", "above-right"), ("below-left", "below-right"),
        ("right-up", "left-up"), ("right-down", "left-down"), ("left-up", "right-up"), ("left-down", "right-down"),
        ("above-east", "above-west"), ("above-west", "above-east"), ("below-east", "below-west"), ("below-west", "below-east"),
    ]

    /// The sixteen positions around the dot, the box's nearest point `gap` from
    /// the centre, in cartographic order of preference (`rank`); the sides also
    /// slide a quarter of the box along the dot.
    func nearCandidates(_ r: LabelRequest) -> [(rect: SceneRect, position: String, rank: Double)] {
        let c = r.dot.center, w = r.size.width, h = r.size.height
        // Clear of the symbol, and of its "changed hands" ring (radius + 4, 2.2 px wide) when it has one.
        let g = min(r.dot.radius + (r.ringed ? 6 : 4.5), LabelPlacer.nearReach - 0.5)
        let d = g * 0.7071
        let east = c.x + g, west = c.x - g - w
        let origins: [(Double, Double)] = [
            (east, c.y - h / 2), (c.x + d, c.y - d - h), (c.x + d, c.y + d),
            (c.x - w / 2, c.y - g - h), (c.x - w / 2, c.y + g),
            (west, c.y - h / 2), (c.x - d - w, c.y - d - h), (c.x - d - w, c.y + d),
            (east, c.y - h * 0.75), (east, c.y - h * 0.25),
            (west, c.y - h * 0.75), (west, c.y - h * 0.25),
            (c.x - w * 0.25, c.y - g - h), (c.x - w * 0.75, c.y - g - h),
            (c.x - w * 0.25, c.y + g), (c.x - w * 0.75, c.y + g),
        ]
        return origins.enumerated().map { i, o in
            // Mirrored for Arabic: left of the dot is where its reading starts.
            let x = rightToLeft ? 2 * c.x - o.0 - w : o.0
            let names = LabelPlacer.nearPositions[i]
            return (SceneRect(x: LabelPlacer.snap(x), y: LabelPlacer.snap(o.1), width: w, height: h),
                    rightToLeft ? names.1 : names.0, Double(i))
        }
    }

    /// Half-pixel positions: stable text, and never more than 0.36 px off.
    static func snap(_ v: Double) -> Double { (v * 2).rounded() / 2 }

    /// The cheapest free candidate beside the dot (see ``LabelCandidates``).
    mutating func bestNear(_ r: LabelRequest, key: Int) -> LabelPlacement? {
        let list: [LabelCandidate]
        if let known = candidates.near[r.dot.id] { list = known } else {
            list = staticNearCandidates(r, key: key)
            candidates.near[r.dot.id] = list
        }
        return list.first { isFreeOfLabels($0.rect) }?.placement
    }

    /// The positions beside the dot that break no static rule, cheapest
    /// first. Cost: the rank, then crowding by other dots within 30 px.
    func staticNearCandidates(_ r: LabelRequest, key: Int) -> [LabelCandidate] {
        var found: [(LabelCandidate, Int)] = []
        for (i, (rect, name, rank)) in nearCandidates(r).enumerated() {
            let own = LabelPlacer.distance(rect, r.dot.center)
            guard own <= LabelPlacer.nearReach, isClearOfStaticObstacles(rect, for: r, key: key) else { continue }
            var nearestOther = Double.infinity
            var crowding = 0.0
            // Only dots within 30 px count for either.
            _ = dotGrid.contains(near: rect.insetBy(-31), except: key) { i, _ in
                let dist = LabelPlacer.distance(rect, dots[i].center)
                nearestOther = min(nearestOther, dist)
                if dist < 30 { crowding += (30 - dist) / 30 }
                return false
            }
            guard own + LabelPlacer.clearance < nearestOther else { continue }
            found.append((LabelCandidate(rect: rect, position: name, leader: nil, cost: rank + 2 * crowding), i))
        }
        return LabelCandidate.sorted(found)
    }

    // MARK: candidates on a leader

    /// The cheapest free candidate on a leader line (see ``LabelCandidates``).
    mutating func bestLeader(_ r: LabelRequest, key: Int) -> LabelPlacement? {
        let list: [LabelCandidate]
        if let known = candidates.leader[r.dot.id] { list = known } else {
            list = staticLeaderCandidates(r, key: key)
            candidates.leader[r.dot.id] = list
        }
        return list.first { c in
            guard let (start, end) = c.leader, isFreeOfLabels(c.rect) else { return false }
            return leaderIsClearOfLabels(start, end)
        }?.placement
    }

    /// The leader positions that break no static rule, cheapest first: 16
    /// directions, 6 reaches, 3 slides. Cost: the leader's length, penalties
    /// for a slanted direction and a slide, and for other dots within 30 px.
    func staticLeaderCandidates(_ r: LabelRequest, key: Int) -> [LabelCandidate] {
        let c = r.dot.center, w = r.size.width, h = r.size.height
        var found: [(LabelCandidate, Int)] = []
        var index = 0
        for step in 0..<16 {
            let angle = Double(step) * Double.pi / 8
            let ux = cos(angle), uy = -sin(angle)
            for reach in [20.0, 30, 42, 56, 70, 86] {
                let a = ScenePoint(x: c.x + reach * ux, y: c.y + reach * uy)
                // The box hangs from the anchor on its side facing the dot.
                let x = ux > 0.38 ? a.x : ux < -0.38 ? a.x - w : a.x - w / 2
                let y = uy > 0.38 ? a.y : uy < -0.38 ? a.y - h : a.y - h / 2
                // Or slid along the anchor (a box to the side moves up or down
                // by half its height, one above or below sideways by a third of
                // its width), as PAL slides its candidates: in a crowded plain
                // the room is often just beside the straight line.
                let slides: [(Double, Double)] = abs(ux) > 0.38 ? [(0, 0), (0, -h / 2), (0, h / 2)] : [(0, 0), (-w / 3, 0), (w / 3, 0)]
                for (slide, (sx, sy)) in slides.enumerated() {
                    index += 1
                    let rect = SceneRect(x: LabelPlacer.snap(x + sx), y: LabelPlacer.snap(y + sy), width: w, height: h)
                    let end = LabelPlacer.nearestPoint(rect, to: c)
                    let length = LabelPlacer.length(end.x - c.x, end.y - c.y)
                    guard length > r.dot.radius + 6 else { continue }
                    let start = ScenePoint(x: c.x + (end.x - c.x) / length * (r.dot.radius + 1.5),
                                           y: c.y + (end.y - c.y) / length * (r.dot.radius + 1.5))
                    let leaderLength = LabelPlacer.length(end.x - start.x, end.y - start.y)
                    // The label must not read as another dot's: it keeps 12 px from
                    // every other dot (so it covers none either). Asked first with an
                    // early exit, as in a dense cluster most candidates fail it.
                    guard leaderLength <= LabelPlacer.maxLeader, area.contains(rect),
                          !dotGrid.contains(near: rect.insetBy(-12 - LabelPlacer.dotReach), except: key, where: { i, _ in
                              LabelPlacer.distance(rect, dots[i].center) - dots[i].radius < 12
                          }),
                          !(r.home && (touchesForeignLand?(rect) ?? false)),
                          leaderMissesDots(start, end, key: key) else { continue }
                    var nearestOther = 30.0
                    _ = dotGrid.contains(near: rect.insetBy(-30 - LabelPlacer.dotReach), except: key) { i, _ in
                        let o = dots[i]
                        nearestOther = min(nearestOther, LabelPlacer.distance(rect, o.center) - o.radius)
                        return false
                    }
                    let cost = leaderLength + Double(step % 4 == 0 ? 0 : 4) + (slide == 0 ? 0 : 2) + max(0, 30 - nearestOther)
                    found.append((LabelCandidate(rect: rect, position: "leader", leader: (start, end), cost: cost), index))
                }
            }
        }
        return LabelCandidate.sorted(found)
    }

    /// A leader from `a` to `b` passes no other dot.
    func leaderMissesDots(_ a: ScenePoint, _ b: ScenePoint, key: Int) -> Bool {
        let span = SceneRect(x: min(a.x, b.x), y: min(a.y, b.y), width: abs(b.x - a.x), height: abs(b.y - a.y))
        return !dotGrid.contains(near: span.insetBy(-LabelPlacer.dotReach - 2), except: key, where: { i, _ in
            LabelPlacer.segment(a, b, hits: dots[i].rect.insetBy(-2))
        })
    }

    /// A leader from `a` to `b` crosses no placed label and no other leader.
    func leaderIsClearOfLabels(_ a: ScenePoint, _ b: ScenePoint) -> Bool {
        let span = SceneRect(x: min(a.x, b.x), y: min(a.y, b.y), width: abs(b.x - a.x), height: abs(b.y - a.y))
        if placedRects.contains(near: span, where: { _, rect in LabelPlacer.segment(a, b, hits: rect) }) { return false }
        for l in leaders where LabelPlacer.segmentsCross(a, b, l.a, l.b) { return false }
        return true
    }

    // MARK: rules shared by both kinds

    /// Every rule for a label's box.
    func boxIsFree(_ rect: SceneRect, for r: LabelRequest, key: Int) -> Bool {
        isClearOfStaticObstacles(rect, for: r, key: key) && isFreeOfLabels(rect)
    }

    /// The rules that hold whatever the other labels do: inside the area,
    /// over no other dot, and for a home-country place off foreign land.
    func isClearOfStaticObstacles(_ rect: SceneRect, for r: LabelRequest, key: Int) -> Bool {
        guard area.contains(rect) else { return false }
        if dotGrid.contains(near: rect.insetBy(-LabelPlacer.dotReach), except: key, where: { i, _ in dots[i].rect.intersects(rect) }) {
            return false
        }
        if r.home, let foreign = touchesForeignLand, foreign(rect) { return false }
        return true
    }

    /// The rules that depend on this placement: no placed label within the
    /// gap, no obstacle (they differ between the layout's placements), no
    /// leader drawn earlier through the box.
    func isFreeOfLabels(_ rect: SceneRect) -> Bool {
        let padded = rect.insetBy(-LabelPlacer.labelGap)
        if placedRects.contains(near: padded, where: { _, p in p.intersects(padded) }) { return false }
        for o in obstacles where o.intersects(rect) { return false }
        for l in leaders where LabelPlacer.segment(l.a, l.b, hits: rect) { return false }
        return true
    }

    // MARK: geometry

    static func nearestPoint(_ r: SceneRect, to p: ScenePoint) -> ScenePoint {
        ScenePoint(x: min(max(p.x, r.x), r.maxX), y: min(max(p.y, r.y), r.maxY))
    }

    /// Distance from a point to a box (0 inside), px.
    static func distance(_ r: SceneRect, _ p: ScenePoint) -> Double {
        let q = nearestPoint(r, to: p)
        return length(q.x - p.x, q.y - p.y)
    }

    /// The length of a vector. `sqrt(dx² + dy²)`, not `hypot`: at canvas
    /// scale nothing overflows, and glibc's `hypot` (exact to the last bit)
    /// took a fifth of all placement time.
    @inline(__always)
    static func length(_ dx: Double, _ dy: Double) -> Double { (dx * dx + dy * dy).squareRoot() }

    /// Whether segment ab passes through the rectangle (Liang–Barsky clipping).
    static func segment(_ a: ScenePoint, _ b: ScenePoint, hits r: SceneRect) -> Bool {
        var t0 = 0.0, t1 = 1.0
        let dx = b.x - a.x, dy = b.y - a.y
        for (p, q) in [(-dx, a.x - r.x), (dx, r.maxX - a.x), (-dy, a.y - r.y), (dy, r.maxY - a.y)] {
            if p == 0 {
                if q < 0 { return false }
            } else {
                let t = q / p
                if p < 0 { t0 = max(t0, t) } else { t1 = min(t1, t) }
                if t0 > t1 { return false }
            }
        }
        return true
    }

    /// Whether segments ab and cd cross (touching ends count).
    static func segmentsCross(_ a: ScenePoint, _ b: ScenePoint, _ c: ScenePoint, _ d: ScenePoint) -> Bool {
        func orient(_ p: ScenePoint, _ q: ScenePoint, _ r: ScenePoint) -> Double { (q.x - p.x) * (r.y - p.y) - (q.y - p.y) * (r.x - p.x) }
        let d1 = orient(c, d, a), d2 = orient(c, d, b), d3 = orient(a, b, c), d4 = orient(a, b, d)
        return ((d1 > 0) != (d2 > 0) || d1 == 0 || d2 == 0) && ((d3 > 0) != (d4 > 0) || d3 == 0 || d4 == 0)
            && max(a.x, b.x) >= min(c.x, d.x) && max(c.x, d.x) >= min(a.x, b.x)
            && max(a.y, b.y) >= min(c.y, d.y) && max(c.y, d.y) >= min(a.y, b.y)
    }
}
