/// The outline of a place symbol, one definition for every backend (Cairo
/// draws it, the semantic SVG writes it), so a new shape is added once.
enum SymbolOutline {
    case circle(center: ScenePoint, radius: Double)
    /// A closed polygon.
    case polygon([ScenePoint])

    init(_ s: SymbolItem) {
        let c = s.center, r = s.radius
        func poly(_ pts: [(Double, Double)]) -> SymbolOutline { .polygon(pts.map { ScenePoint(x: c.x + $0.0 * r, y: c.y + $0.1 * r) }) }
        switch s.shape {
        case .circle: self = .circle(center: c, radius: r)
        case .square: self = poly([(-0.85, -0.85), (0.85, -0.85), (0.85, 0.85), (-0.85, 0.85)])
        case .diamond: self = poly([(0, -1), (1, 0), (0, 1), (-1, 0)])
        case .triangle: self = poly([(0, -1), (0.95, 0.7), (-0.95, 0.7)])
        case .plane:
            // Fuselage, wings and tail as one outline, nose up.
            self = poly([
                (0, -1), (0.14, -0.8), (0.14, -0.25), (1, 0.2), (1, 0.38), (0.14, 0.18), (0.14, 0.62),
                (0.42, 0.85), (0.42, 1), (0, 0.9), (-0.42, 1), (-0.42, 0.85), (-0.14, 0.62), (-0.14, 0.18),
                (-1, 0.38), (-1, 0.2), (-0.14, -0.25), (-0.14, -0.8),
            ])
        }
    }

    /// The ring drawn around a symbol whose place changed hands: its radius.
    static func ringRadius(_ s: SymbolItem) -> Double { s.radius + 4 }

    /// The two halves of a split symbol: left for the first colour, right for the second.
    static func halves(_ s: SymbolItem) -> [SceneRect] {
        [SceneRect(x: s.center.x - s.radius - 2, y: s.center.y - s.radius - 2, width: s.radius + 2, height: 2 * s.radius + 4),
         SceneRect(x: s.center.x, y: s.center.y - s.radius - 2, width: s.radius + 2, height: 2 * s.radius + 4)]
    }
}
