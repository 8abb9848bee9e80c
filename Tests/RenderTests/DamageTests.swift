import Foundation
@testable import Render
import Testing

/// What frames redraw when little changes: the rows found must hold every
/// pixel that differs, and a redraw of them must give a whole drawing's pixels.
@Suite struct DamageTests {
    static func p(_ x: Double, _ y: Double) -> ScenePoint { ScenePoint(x: x, y: y) }

    /// A big ring (a zone) with many points, and the same ring with one point moved.
    static let ring = (0..<64).map { i -> ScenePoint in
        let a = Double(i) / 64 * 2 * Double.pi
        return p(200 + 150 * cos(a), 150 + 120 * sin(a))
    }
    static var moved: [ScenePoint] {
        var r = ring
        r[16] = p(r[16].x, r[16].y + 9) // the bottom of the ring, y about 270
        return r
    }

    @Test func aRingChangedInOneStretchDamagesOnlyAroundIt() {
        let boxes = MapRenderer.changedBoxes(from: [Self.ring], to: [Self.moved], grownBy: 0)
        #expect(boxes.count == 1)
        let box = boxes[0]
        // The moved point and its two neighbours, not the 300 x 240 ring.
        #expect(box.height < 25 && box.width < 40, "\(box)")
        #expect(box.y <= Self.moved[16].y && box.maxY >= Self.moved[16].y)
    }

    @Test func ringsInAnotherOrderDamageNothing() {
        let other = Self.ring.map { Self.p($0.x + 400, $0.y) }
        #expect(MapRenderer.changedBoxes(from: [Self.ring, other], to: [other, Self.ring], grownBy: 2).isEmpty)
    }

    @Test func aRingGoneDamagesItsWholeBox() {
        let other = Self.ring.map { Self.p($0.x + 400, $0.y) }
        let boxes = MapRenderer.changedBoxes(from: [Self.ring, other], to: [Self.ring], grownBy: 1)
        #expect(boxes == [SceneRect(x: 449, y: 29, width: 302, height: 242)]) // the ring 450...750 x 30...270, grown by 1
    }

    @Test func dashedRingsAreDamagedWhole() {
        let boxes = MapRenderer.changedBoxes(from: [Self.ring], to: [Self.moved], grownBy: 0, stretches: false)
        #expect(boxes.count == 2)
        #expect(boxes.allSatisfy { $0.height > 230 })
        let dashed = PathItem(subpaths: [Self.ring], closed: true, fill: .solid(RGBA(0, 0, 1, 0.2)), stroke: Stroke(color: RGBA(0, 0, 1), width: 1, dash: [6, 3]))
        #expect(MapRenderer.locality(of: dashed) == .rings)
        let hatched = PathItem(subpaths: [Self.ring], closed: true, fill: .hatch([RGBA(1, 0, 0)], spacing: 14))
        #expect(MapRenderer.locality(of: hatched) == nil)
    }

    /// A zone whose ring moves in one place, under a line and a label: the rows
    /// found are few, and redrawing only them gives the pixels of a whole drawing.
    @Test func redrawingTheDamagedRowsGivesAWholeDrawing() throws {
        func scene(_ ring: [ScenePoint], label: String) -> MapScene {
            let zone = SceneItem.path(PathItem(subpaths: [ring], closed: true, fill: .solid(RGBA(0.1, 0.3, 0.8, 0.25)), stroke: Stroke(color: RGBA(0.1, 0.3, 0.8), width: 2)))
            let front = SceneItem.path(PathItem(subpaths: [[Self.p(20, 40), Self.p(380, 260)]], closed: false, stroke: Stroke(color: RGBA(0.8, 0.1, 0.1), width: 3)))
            let text = SceneItem.text(TextItem(text: label, font: FontSpec(size: 13), origin: Self.p(30, 20), color: RGBA(0, 0, 0), halo: Stroke(color: RGBA(1, 1, 1), width: 3)))
            let base = [SceneItem.path(PathItem(subpaths: [[Self.p(0, 0), Self.p(400, 0), Self.p(400, 300), Self.p(0, 300)]], closed: true, fill: .solid(RGBA(0.9, 0.88, 0.8))))]
            return MapScene(width: 400, height: 300, scale: 1, background: RGBA(1, 1, 1), baseKey: "test", base: base,
                            overlay: [.group(.layer("zones"), [zone]), front, text], labels: [], legend: [], droppedLabels: [])
        }
        let before = scene(Self.ring, label: "Tarhuna"), after = scene(Self.moved, label: "Tarhuna")
        let renderer = try MapRenderer()
        let rows = renderer.damagedRows(from: DrawnLeaf.flatten(before.overlay), to: DrawnLeaf.flatten(after.overlay), scale: 1, height: 300)
        #expect(rows.reduce(0) { $0 + $1.count } < 40, "\(rows)")
        let surface = try renderer.rasterize(before)
        try renderer.redraw(after, on: surface, rows: rows)
        let redrawn = try PNGEncoder.rgb(of: surface), whole = try renderer.rgb(after)
        #expect(redrawn.pixels == whole.pixels)
        // And the rows do matter: the old raster is not the new one.
        #expect(try PNGEncoder.rgb(of: try renderer.rasterize(before)).pixels != whole.pixels)
    }
}
