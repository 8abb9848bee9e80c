/// Whose land lies under each small cell of the canvas, so that the label
/// placer and the furniture can ask "is this box on foreign land?" thousands
/// of times without testing points against rings of thousands of vertices.
///
/// Built once per composer by scanlines (even-odd, like the fill): each row
/// of cells is classified at its centre line; foreign land is then grown by
/// one cell so a box that reaches a neighbour's coast by a few pixels counts.
struct LandMask: Sendable {
    static let cell = 4.0
    let origin: ScenePoint
    let columns: Int
    let rows: Int
    /// Per cell: 0 sea, 1 home land, 2 foreign land (at the cell's centre).
    private let owner: [UInt8]
    /// Foreign land grown by one cell.
    private let foreign: [Bool]

    init(area: SceneRect, land: [(iso3: String, rings: [[ScenePoint]], bounds: SceneRect)], home: String) {
        origin = ScenePoint(x: area.x, y: area.y)
        columns = max(1, Int((area.width / LandMask.cell).rounded(.up)))
        rows = max(1, Int((area.height / LandMask.cell).rounded(.up)))
        var owner = [UInt8](repeating: 0, count: columns * rows)
        for country in land {
            let value: UInt8 = country.iso3 == home ? 1 : 2
            // Each edge adds its crossing to the rows whose centre line it spans:
            // one pass over the edges, not one per row.
            var crossings = [[Double]](repeating: [], count: rows)
            for ring in country.rings where ring.count > 2 {
                var j = ring.count - 1
                for i in 0..<ring.count {
                    let a = ring[i], b = ring[j]
                    j = i
                    guard a.y != b.y else { continue }
                    let lo = min(a.y, b.y), hi = max(a.y, b.y)
                    // Rows whose centre y satisfies lo <= y < hi (half-open, as the even-odd rule).
                    let r0 = max(0, Int(((lo - origin.y) / LandMask.cell - 0.5).rounded(.up)))
                    let r1 = min(rows - 1, Int(((hi - origin.y) / LandMask.cell - 0.5).rounded(.up)) - 1)
                    guard r0 <= r1 else { continue }
                    for row in r0...r1 {
                        let y = origin.y + (Double(row) + 0.5) * LandMask.cell
                        crossings[row].append((b.x - a.x) * (y - a.y) / (b.y - a.y) + a.x)
                    }
                }
            }
            for row in 0..<rows where crossings[row].count >= 2 {
                let xs = crossings[row].sorted()
                var k = 0
                while k + 1 < xs.count {
                    // Cells whose centre lies between an entry and an exit.
                    let c0 = max(0, Int(((xs[k] - origin.x) / LandMask.cell - 0.5).rounded(.up)))
                    let c1 = min(columns - 1, Int(((xs[k + 1] - origin.x) / LandMask.cell - 0.5).rounded(.down)))
                    if c0 <= c1 { for c in c0...c1 { owner[row * columns + c] = value } }
                    k += 2
                }
            }
        }
        var grown = [Bool](repeating: false, count: columns * rows)
        for r in 0..<rows {
            for c in 0..<columns where owner[r * columns + c] == 2 {
                for dr in -1...1 { for dc in -1...1 {
                    let rr = r + dr, cc = c + dc
                    if rr >= 0, rr < rows, cc >= 0, cc < columns { grown[rr * columns + cc] = true }
                } }
            }
        }
        self.owner = owner
        foreign = grown
    }

    private func cells(_ r: SceneRect) -> (ClosedRange<Int>, ClosedRange<Int>)? {
        let c0 = max(0, Int(((r.x - origin.x) / LandMask.cell).rounded(.down)))
        let c1 = min(columns - 1, Int(((r.maxX - origin.x) / LandMask.cell).rounded(.down)))
        let r0 = max(0, Int(((r.y - origin.y) / LandMask.cell).rounded(.down)))
        let r1 = min(rows - 1, Int(((r.maxY - origin.y) / LandMask.cell).rounded(.down)))
        guard c0 <= c1, r0 <= r1 else { return nil }
        return (c0...c1, r0...r1)
    }

    /// Whether any part of the box lies on (or within a cell of) a neighbour's land.
    func touchesForeignLand(_ r: SceneRect) -> Bool {
        guard let (cs, rs) = cells(r) else { return false }
        for row in rs { for c in cs where foreign[row * columns + c] { return true } }
        return false
    }

    /// Whether a point lies on a neighbour's land (its cell's centre does).
    func isForeign(_ p: ScenePoint) -> Bool {
        guard let (cs, rs) = cells(SceneRect(x: p.x, y: p.y, width: 0, height: 0)) else { return false }
        return owner[rs.lowerBound * columns + cs.lowerBound] == 2
    }

    /// The share of the box's cells on home land.
    func homeShare(_ r: SceneRect) -> Double {
        guard let (cs, rs) = cells(r) else { return 0 }
        var home = 0
        for row in rs { for c in cs where owner[row * columns + c] == 1 { home += 1 } }
        return Double(home) / Double(cs.count * rs.count)
    }
}
