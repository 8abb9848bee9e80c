import FrontlineCore
/// A uniform grid over points for nearest-point and box queries, used to match
/// Voronoi cells to their sites and to find places near a front line.
/// Coordinates in metres.
struct TerritoryGrid {
    let points: [PlanarPoint]
    private let minX: Double
    private let minY: Double
    private let cellSize: Double
    private let columns: Int
    private let rows: Int
    private var buckets: [[Int32]]

    init(points: [PlanarPoint]) {
        self.points = points
        var lo = PlanarPoint(x: .infinity, y: .infinity), hi = PlanarPoint(x: -.infinity, y: -.infinity)
        for p in points {
            lo.x = min(lo.x, p.x); lo.y = min(lo.y, p.y)
            hi.x = max(hi.x, p.x); hi.y = max(hi.y, p.y)
        }
        if points.isEmpty { lo = PlanarPoint(x: 0, y: 0); hi = lo }
        let width = max(hi.x - lo.x, 1), height = max(hi.y - lo.y, 1)
        // About two points a bucket on average, and never more than 1024
        // buckets a side (points along a line would otherwise ask for millions).
        let size = max((width * height / Double(max(points.count, 1)) * 2).squareRoot(), width / 1024, height / 1024, 1)
        minX = lo.x
        minY = lo.y
        cellSize = size
        columns = Int(clampingRounded: (width / size).rounded(.down)) + 1
        rows = Int(clampingRounded: (height / size).rounded(.down)) + 1
        buckets = Array(repeating: [], count: columns * rows)
        for (i, p) in points.enumerated() {
            buckets[bucket(column(p.x), row(p.y))].append(Int32(i))
        }
    }

    private func column(_ x: Double) -> Int { min(max(Int(clampingRounded: ((x - minX) / cellSize).rounded(.down)), 0), columns - 1) }
    private func row(_ y: Double) -> Int { min(max(Int(clampingRounded: ((y - minY) / cellSize).rounded(.down)), 0), rows - 1) }
    private func bucket(_ c: Int, _ r: Int) -> Int { r * columns + c }

    /// The index of the point nearest to `p` (lowest index on ties); nil when empty.
    func nearest(to p: PlanarPoint) -> Int? {
        guard !points.isEmpty else { return nil }
        let c0 = column(p.x), r0 = row(p.y)
        var best = -1
        var bestD2 = Double.infinity
        var ring = 0
        while ring <= max(columns, rows) {
            // Every point in ring `ring` or beyond is at least (ring - 1) cells away.
            let reach = Double(max(ring - 1, 0)) * cellSize
            if best >= 0 && reach * reach > bestD2 { break }
            for r in (r0 - ring)...(r0 + ring) where r >= 0 && r < rows {
                let onEdgeRow = r == r0 - ring || r == r0 + ring
                let step = onEdgeRow ? 1 : max(2 * ring, 1)
                var c = c0 - ring
                while c <= c0 + ring {
                    if c >= 0 && c < columns {
                        for i in buckets[bucket(c, r)] {
                            let q = points[Int(i)]
                            let d2 = (q.x - p.x) * (q.x - p.x) + (q.y - p.y) * (q.y - p.y)
                            if d2 < bestD2 || (d2 == bestD2 && Int(i) < best) {
                                bestD2 = d2
                                best = Int(i)
                            }
                        }
                    }
                    c += step
                }
            }
            ring += 1
        }
        return best
    }

    /// Indices of the points inside the box (edges included).
    func indices(in box: PlanarBox) -> [Int] {
        guard !points.isEmpty, box.maxX >= minX, box.maxY >= minY else { return [] }
        var out: [Int] = []
        for r in row(box.minY)...row(box.maxY) {
            for c in column(box.minX)...column(box.maxX) {
                for i in buckets[bucket(c, r)] {
                    let q = points[Int(i)]
                    if q.x >= box.minX && q.x <= box.maxX && q.y >= box.minY && q.y <= box.maxY { out.append(Int(i)) }
                }
            }
        }
        return out
    }
}
