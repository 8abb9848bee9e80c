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

/// A uniform grid over the canvas for the placer's collision queries (PAL
/// keeps an R-tree; at a few hundred boxes a grid of 32 px cells does as well).
struct RectGrid: Sendable {
    static let cell = 32.0
    private var cells: [Int: [(key: String, rect: SceneRect)]] = [:]

    private static func range(_ r: SceneRect) -> (ClosedRange<Int>, ClosedRange<Int>) {
        let x0 = Int((r.x / cell).rounded(.down)), x1 = Int((r.maxX / cell).rounded(.down))
        let y0 = Int((r.y / cell).rounded(.down)), y1 = Int((r.maxY / cell).rounded(.down))
        return (x0...max(x0, x1), y0...max(y0, y1))
    }

    mutating func insert(_ key: String, _ r: SceneRect) {
        let (xs, ys) = RectGrid.range(r)
        for y in ys { for x in xs { cells[y << 16 &+ x, default: []].append((key, r)) } }
    }

    mutating func remove(_ key: String, _ r: SceneRect) {
        let (xs, ys) = RectGrid.range(r)
        for y in ys { for x in xs { cells[y << 16 &+ x]?.removeAll { $0.key == key } } }
    }

    /// Whether any box other than `except`'s satisfies `test` among those near `r`.
    func contains(near r: SceneRect, except: String? = nil, where test: (String, SceneRect) -> Bool) -> Bool {
        let (xs, ys) = RectGrid.range(r)
        for y in ys { for x in xs {
            guard let list = cells[y << 16 &+ x] else { continue }
            for e in list where e.key != except && test(e.key, e.rect) { return true }
        } }
        return false
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
    private var placedRects = RectGrid()
    /// The dots, by their boxes.
    private let dotGrid: RectGrid
    private let dotByID: [String: LabelDot]
    private var leaders: [(String, ScenePoint, ScenePoint)] = []

    init(area: SceneRect, obstacles: [SceneRect], dots: [LabelDot], rightToLeft: Bool,
         touchesForeignLand: ((SceneRect) -> Bool)?) {
        self.area = area
        self.obstacles = obstacles
        self.dots = dots
        var grid = RectGrid()
        // By centre, one cell each: a query reaches `dotReach` further for the symbol.
        for d in dots { grid.insert(d.id, SceneRect(x: d.center.x, y: d.center.y, width: 0, height: 0)) }
        dotGrid = grid
        dotByID = Dictionary(dots.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        self.rightToLeft = rightToLeft
        self.touchesForeignLand = touchesForeignLand
    }

    /// Places the requests, highest priority first (ties by id), and returns
    /// where each went and which could not go anywhere (in priority order).
    mutating func place(_ requests: [LabelRequest]) -> (placed: [String: LabelPlacement], dropped: [String]) {
        let order = requests.sorted { $0.priority != $1.priority ? $0.priority > $1.priority : $0.dot.id < $1.dot.id }
        var left: [LabelRequest] = []
        for r in order {
            if let p = bestNear(r) { commit(r.dot.id, p) } else { left.append(r) }
        }
        var stuck: [LabelRequest] = []
        for r in left {
            if let p = bestLeader(r) { commit(r.dot.id, p) } else { stuck.append(r) }
        }
        let byID = Dictionary(requests.map { ($0.dot.id, $0) }, uniquingKeysWith: { a, _ in a })
        var dropped: [String] = []
        for r in stuck where !makeRoom(for: r, requests: byID) { dropped.append(r.dot.id) }
        return (placed, dropped)
    }

    /// A local repair in the manner of PAL's search: a label with no room
    /// takes a spot beside its dot that only one placed label blocks, if that
    /// label can move elsewhere (beside its dot or on a leader).
    private mutating func makeRoom(for r: LabelRequest, requests: [String: LabelRequest]) -> Bool {
        for (rect, name, _) in nearCandidates(r) where LabelPlacer.distance(rect, r.dot.center) <= LabelPlacer.nearReach {
            let padded = rect.insetBy(-LabelPlacer.labelGap)
            var blockers = Set<String>()
            _ = placedRects.contains(near: padded) { id, box in
                if box.intersects(padded) { blockers.insert(id) }
                return blockers.count > 1
            }
            for (id, a, b) in leaders where LabelPlacer.segment(a, b, hits: rect) { blockers.insert(id) }
            guard blockers.count == 1, let other = blockers.first, let old = placed[other], let moving = requests[other] else { continue }
            remove(other)
            if boxIsFree(rect, for: r), isNearest(rect, r) {
                commit(r.dot.id, LabelPlacement(rect: rect, position: name, leader: nil))
                if let moved = bestNear(moving) ?? bestLeader(moving) {
                    commit(other, moved)
                    return true
                }
                remove(r.dot.id)
            }
            commit(other, old)
        }
        return false
    }

    private mutating func commit(_ id: String, _ p: LabelPlacement) {
        placed[id] = p
        placedRects.insert(id, p.rect)
        if let l = p.leader, l.count == 2 { leaders.append((id, l[0], l[1])) }
    }

    private mutating func remove(_ id: String) {
        guard let p = placed.removeValue(forKey: id) else { return }
        placedRects.remove(id, p.rect)
        leaders.removeAll { $0.0 == id }
    }

    /// Whether a box beside its dot is nearer that dot than any other, by `clearance`.
    func isNearest(_ rect: SceneRect, _ r: LabelRequest) -> Bool {
        let own = LabelPlacer.distance(rect, r.dot.center)
        let reach = own + LabelPlacer.clearance
        return !dotGrid.contains(near: rect.insetBy(-reach - 1), except: r.dot.id) { id, _ in
            LabelPlacer.distance(rect, dotByID[id]!.center) <= reach
        }
    }

    // MARK: candidates beside the dot

    /// The eight positions around the dot, the box's nearest point `gap` from
    /// the centre, in cartographic order of preference; the sides also slide a
    /// quarter of the box along the dot. Cost: the order, then crowding.
    func nearCandidates(_ r: LabelRequest) -> [(SceneRect, String, Double)] {
        let c = r.dot.center, w = r.size.width, h = r.size.height
        // Clear of the symbol, and of its "changed hands" ring (radius + 4, 2.2 px wide) when it has one.
        let g = min(r.dot.radius + (r.ringed ? 6 : 4.5), LabelPlacer.nearReach - 0.5)
        let d = g * 0.7071
        let east = c.x + g, west = c.x - g - w
        var list: [(String, Double, Double)] = [
            ("right", east, c.y - h / 2), ("above-right", c.x + d, c.y - d - h), ("below-right", c.x + d, c.y + d),
            ("above", c.x - w / 2, c.y - g - h), ("below", c.x - w / 2, c.y + g),
            ("left", west, c.y - h / 2), ("above-left", c.x - d - w, c.y - d - h), ("below-left", c.x - d - w, c.y + d),
            ("right-up", east, c.y - h * 0.75), ("right-down", east, c.y - h * 0.25),
            ("left-up", west, c.y - h * 0.75), ("left-down", west, c.y - h * 0.25),
            ("above-east", c.x - w * 0.25, c.y - g - h), ("above-west", c.x - w * 0.75, c.y - g - h),
            ("below-east", c.x - w * 0.25, c.y + g), ("below-west", c.x - w * 0.75, c.y + g),
        ]
        if rightToLeft {
            // Mirror: left of the dot is where Arabic reading starts.
            list = list.map { (name, x, y) in
                let mirrored = name.replacingOccurrences(of: "right", with: "@").replacingOccurrences(of: "left", with: "right")
                    .replacingOccurrences(of: "@", with: "left").replacingOccurrences(of: "east", with: "@")
                    .replacingOccurrences(of: "west", with: "east").replacingOccurrences(of: "@", with: "west")
                return (mirrored, 2 * c.x - x - w, y)
            }
        }
        return list.enumerated().map { i, e in
            (SceneRect(x: LabelPlacer.snap(e.1), y: LabelPlacer.snap(e.2), width: w, height: h), e.0, Double(i))
        }
    }

    /// Half-pixel positions: stable text, and never more than 0.36 px off.
    static func snap(_ v: Double) -> Double { (v * 2).rounded() / 2 }

    func bestNear(_ r: LabelRequest) -> LabelPlacement? {
        var best: (LabelPlacement, Double)?
        for (rect, name, rank) in nearCandidates(r) {
            guard LabelPlacer.distance(rect, r.dot.center) <= LabelPlacer.nearReach, boxIsFree(rect, for: r) else { continue }
            let own = LabelPlacer.distance(rect, r.dot.center)
            var nearestOther = Double.infinity
            var crowding = 0.0
            // Only dots within 30 px count for either.
            _ = dotGrid.contains(near: rect.insetBy(-31), except: r.dot.id) { id, _ in
                let dist = LabelPlacer.distance(rect, dotByID[id]!.center)
                nearestOther = min(nearestOther, dist)
                if dist < 30 { crowding += (30 - dist) / 30 }
                return false
            }
            guard own + LabelPlacer.clearance < nearestOther else { continue }
            let cost = rank + 2 * crowding
            if best == nil || cost < best!.1 { best = (LabelPlacement(rect: rect, position: name, leader: nil), cost) }
        }
        return best?.0
    }

    // MARK: candidates on a leader

    func bestLeader(_ r: LabelRequest) -> LabelPlacement? {
        let c = r.dot.center, w = r.size.width, h = r.size.height
        var best: (LabelPlacement, Double)?
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
                let rect = SceneRect(x: LabelPlacer.snap(x + sx), y: LabelPlacer.snap(y + sy), width: w, height: h)
                let end = LabelPlacer.nearestPoint(rect, to: c)
                let length = hypot(end.x - c.x, end.y - c.y)
                guard length > r.dot.radius + 6 else { continue }
                let start = ScenePoint(x: c.x + (end.x - c.x) / length * (r.dot.radius + 1.5),
                                       y: c.y + (end.y - c.y) / length * (r.dot.radius + 1.5))
                let leaderLength = hypot(end.x - start.x, end.y - start.y)
                guard leaderLength <= LabelPlacer.maxLeader, boxIsFree(rect, for: r),
                      leaderIsClear(start, end, own: r.dot.id) else { continue }
                // The label must not read as another dot's: it keeps 12 px from every other dot.
                var nearestOther = 30.0
                _ = dotGrid.contains(near: rect.insetBy(-30 - LabelPlacer.dotReach), except: r.dot.id) { id, _ in
                    let o = dotByID[id]!
                    nearestOther = min(nearestOther, LabelPlacer.distance(rect, o.center) - o.radius)
                    return false
                }
                guard nearestOther >= 12 else { continue }
                let cost = leaderLength + Double(step % 4 == 0 ? 0 : 4) + max(0, 30 - nearestOther) + (slide == 0 ? 0 : 2)
                if best == nil || cost < best!.1 {
                    best = (LabelPlacement(rect: rect, position: "leader", leader: [start, end]), cost)
                }
                }
            }
        }
        return best?.0
    }

    func leaderIsClear(_ a: ScenePoint, _ b: ScenePoint, own: String) -> Bool {
        let span = SceneRect(x: min(a.x, b.x), y: min(a.y, b.y), width: abs(b.x - a.x), height: abs(b.y - a.y))
        if dotGrid.contains(near: span.insetBy(-LabelPlacer.dotReach - 2), except: own, where: { id, _ in
            LabelPlacer.segment(a, b, hits: dotByID[id]!.rect.insetBy(-2))
        }) { return false }
        if placedRects.contains(near: span, where: { _, rect in LabelPlacer.segment(a, b, hits: rect) }) { return false }
        for (_, p, q) in leaders where LabelPlacer.segmentsCross(a, b, p, q) { return false }
        return true
    }

    // MARK: rules shared by both kinds

    func boxIsFree(_ rect: SceneRect, for r: LabelRequest) -> Bool {
        guard area.contains(rect) else { return false }
        for o in obstacles where o.intersects(rect) { return false }
        let padded = rect.insetBy(-LabelPlacer.labelGap)
        if placedRects.contains(near: padded, where: { _, p in p.intersects(padded) }) { return false }
        if dotGrid.contains(near: rect.insetBy(-LabelPlacer.dotReach), except: r.dot.id, where: { id, _ in dotByID[id]!.rect.intersects(rect) }) {
            return false
        }
        // Nor may a leader drawn earlier run through it.
        for (_, p, q) in leaders where LabelPlacer.segment(p, q, hits: rect) { return false }
        if r.home, let foreign = touchesForeignLand, foreign(rect) { return false }
        return true
    }

    // MARK: geometry

    static func nearestPoint(_ r: SceneRect, to p: ScenePoint) -> ScenePoint {
        ScenePoint(x: min(max(p.x, r.x), r.maxX), y: min(max(p.y, r.y), r.maxY))
    }

    /// Distance from a point to a box (0 inside), px.
    static func distance(_ r: SceneRect, _ p: ScenePoint) -> Double {
        let q = nearestPoint(r, to: p)
        return hypot(q.x - p.x, q.y - p.y)
    }

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
