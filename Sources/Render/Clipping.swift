/// Cuts geometry down to what can show on the canvas, so a close-up view does not
/// draw (or write into SVG and PDF) the whole basemap outside the frame.
enum Clipping {
    /// Sutherland–Hodgman: the part of a closed ring inside `rect`. The result
    /// may run along the rectangle's edges, which lie outside the visible frame
    /// when `rect` is the frame grown by a margin.
    static func ring(_ ring: [ScenePoint], to rect: SceneRect) -> [ScenePoint] {
        var points = ring
        if let f = points.first, let l = points.last, f == l { points.removeLast() }
        typealias Edge = (inside: (ScenePoint) -> Bool, cross: (ScenePoint, ScenePoint) -> ScenePoint)
        func atX(_ x: Double) -> (ScenePoint, ScenePoint) -> ScenePoint {
            { a, b in ScenePoint(x: x, y: a.y + (b.y - a.y) * (x - a.x) / (b.x - a.x)) }
        }
        func atY(_ y: Double) -> (ScenePoint, ScenePoint) -> ScenePoint {
            { a, b in ScenePoint(x: a.x + (b.x - a.x) * (y - a.y) / (b.y - a.y), y: y) }
        }
        let edges: [Edge] = [
            ({ $0.x >= rect.x }, atX(rect.x)), ({ $0.x <= rect.maxX }, atX(rect.maxX)),
            ({ $0.y >= rect.y }, atY(rect.y)), ({ $0.y <= rect.maxY }, atY(rect.maxY)),
        ]
        for edge in edges {
            guard !points.isEmpty else { break }
            var out: [ScenePoint] = []
            out.reserveCapacity(points.count)
            var previous = points[points.count - 1]
            for p in points {
                let pin = edge.inside(p), qin = edge.inside(previous)
                if pin {
                    if !qin { out.append(edge.cross(previous, p)) }
                    out.append(p)
                } else if qin {
                    out.append(edge.cross(previous, p))
                }
                previous = p
            }
            points = out
        }
        if points.count < 3 { return [] }
        points.append(points[0])
        return points
    }

    /// The runs of a polyline that come near `rect`, each kept with one point
    /// beyond the rectangle on either side so lines leave the frame cleanly.
    static func line(_ line: [ScenePoint], to rect: SceneRect) -> [[ScenePoint]] {
        func inside(_ p: ScenePoint) -> Bool { p.x >= rect.x && p.x <= rect.maxX && p.y >= rect.y && p.y <= rect.maxY }
        var runs: [[ScenePoint]] = []
        var current: [ScenePoint] = []
        for (i, p) in line.enumerated() {
            let near = inside(p) || (i > 0 && inside(line[i - 1])) || (i + 1 < line.count && inside(line[i + 1]))
            if near {
                current.append(p)
            } else if !current.isEmpty {
                runs.append(current)
                current = []
            }
        }
        if current.count > 1 { runs.append(current) }
        return runs.filter { $0.count > 1 }
    }
}
