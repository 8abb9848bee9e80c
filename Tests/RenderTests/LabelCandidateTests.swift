import Foundation
import Testing
@testable import Render

/// The placer finds each label's statically valid candidates once and a later
/// placement over the same dots reuses them with other obstacles (the layout's
/// detail-inset finalists): reusing must place exactly as starting afresh.
@Suite struct LabelCandidateTests {
    /// A dense, seeded cluster of dots with labels of varied widths: many go
    /// to leaders, some find no room, so every path of the placer is taken.
    static func requests(seed: UInt64) -> [LabelRequest] {
        var state = seed
        func next() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53)
        }
        return (0..<70).map { i in
            let dot = LabelDot(id: "p\(i)", center: ScenePoint(x: 200 + 260 * next(), y: 150 + 200 * next()), radius: 3 + 3 * next())
            return LabelRequest(dot: dot, size: TextSize(width: 30 + 60 * next(), height: 14), priority: Double(i % 7),
                                home: i % 3 != 0, ringed: i % 5 == 0)
        }
    }

    static let area = SceneRect(x: 3, y: 3, width: 700, height: 500)
    /// Foreign land: the left third of the area.
    static func foreign(_ r: SceneRect) -> Bool { r.x < 240 }

    static func placer(_ requests: [LabelRequest], obstacles: [SceneRect], reusing: LabelCandidates? = nil) -> LabelPlacer {
        LabelPlacer(area: area, obstacles: obstacles, dots: requests.map(\.dot), rightToLeft: false,
                    touchesForeignLand: foreign, reusing: reusing)
    }

    @Test(arguments: [1, 2, 3] as [UInt64])
    func reusedCandidatesPlaceAsFreshOnes(seed: UInt64) {
        let requests = Self.requests(seed: seed)
        var first = Self.placer(requests, obstacles: [SceneRect(x: 300, y: 200, width: 80, height: 60)])
        let before = first.place(requests)
        #expect(!before.dropped.isEmpty, "the cluster should be too dense for every label")
        #expect(before.placed.values.contains { $0.leader != nil })
        // Other obstacles, and some labels handed away (as to a detail inset).
        let others = [SceneRect(x: 250, y: 250, width: 120, height: 90), SceneRect(x: 420, y: 160, width: 40, height: 40)]
        let kept = requests.filter { !$0.dot.id.hasSuffix("3") }
        var reused = Self.placer(requests, obstacles: others, reusing: first.candidates)
        var fresh = Self.placer(requests, obstacles: others)
        let a = reused.place(kept), b = fresh.place(kept)
        #expect(a.placed == b.placed)
        #expect(a.dropped == b.dropped)
    }

    @Test func candidatesOfAnotherAreaAreNotReused() {
        let requests = Self.requests(seed: 4)
        var first = Self.placer(requests, obstacles: [])
        _ = first.place(requests)
        let other = LabelPlacer(area: SceneRect(x: 3, y: 3, width: 500, height: 400), obstacles: [], dots: requests.map(\.dot),
                                rightToLeft: false, touchesForeignLand: Self.foreign, reusing: first.candidates)
        #expect(other.candidates.area == SceneRect(x: 3, y: 3, width: 500, height: 400))
    }

    @Test func cheapestFreeCandidateWins() {
        // A lone dot: its label goes to the first position, right of the dot.
        let dot = LabelDot(id: "a", center: ScenePoint(x: 400, y: 300), radius: 4)
        var placer = LabelPlacer(area: Self.area, obstacles: [], dots: [dot], rightToLeft: false, touchesForeignLand: nil)
        let result = placer.place([LabelRequest(dot: dot, size: TextSize(width: 50, height: 14), priority: 1, home: true)])
        #expect(result.placed["a"]?.position == "right")
        // An obstacle over that spot moves it to the next cheapest free one, not to a leader.
        var blocked = LabelPlacer(area: Self.area, obstacles: [SceneRect(x: 405, y: 280, width: 80, height: 40)], dots: [dot],
                                  rightToLeft: false, touchesForeignLand: nil)
        let moved = blocked.place([LabelRequest(dot: dot, size: TextSize(width: 50, height: 14), priority: 1, home: true)])
        #expect(moved.placed["a"] != nil)
        #expect(moved.placed["a"]?.leader == nil)
        #expect(moved.placed["a"]?.position != "right")
    }
}
