import Foundation
import Testing
@testable import Render

/// The raster cache of ``SceneRole/unchanging(key:bounds:)`` groups (a detail
/// inset's sea and land, drawn once for a whole frame sequence) must give the
/// pixels drawing the group would give, and must leave the drawing state as
/// drawing it would (a hatch after it once came out cross-hatched, because the
/// dash of the last stroke outside the group was still set).
@Suite struct UnchangingGroupTests {
    static func rect(_ r: SceneRect) -> [ScenePoint] {
        [ScenePoint(x: r.x, y: r.y), ScenePoint(x: r.maxX, y: r.y), ScenePoint(x: r.maxX, y: r.maxY), ScenePoint(x: r.x, y: r.maxY)]
    }

    /// A dashed stroke, an opaque panel with a diagonal shape in it, then a
    /// hatch over the panel: the panel as an unchanging group or as a plain one.
    static func scene(unchanging: Bool, scale: Double) -> MapScene {
        let panel = SceneRect(x: 40, y: 30, width: 120, height: 90)
        let inside: [SceneItem] = [
            .path(PathItem(subpaths: [rect(panel)], closed: true, fill: .solid(RGBA(hex: 0xC9DFEC)))),
            .path(PathItem(subpaths: [[ScenePoint(x: 40, y: 120), ScenePoint(x: 160, y: 50), ScenePoint(x: 160, y: 120)]], closed: true,
                           fill: .solid(RGBA(hex: 0xF4EFE6)), stroke: Stroke(color: RGBA(hex: 0x5B7E9A), width: 1.1))),
        ]
        let role: SceneRole = unchanging ? .unchanging(key: "panel", bounds: panel) : .layer("panel")
        let overlay: [SceneItem] = [
            .path(PathItem(subpaths: [[ScenePoint(x: 5, y: 5), ScenePoint(x: 195, y: 5)]], closed: false,
                           stroke: Stroke(color: RGBA(hex: 0x333333), width: 1.2, dash: [2, 9]))),
            .clip(panel, [
                .group(role, inside),
                .path(PathItem(subpaths: [rect(SceneRect(x: 60, y: 40, width: 80, height: 60))], closed: true,
                               fill: .hatch([RGBA(hex: 0x1F3F8F, alpha: 0.3), RGBA(hex: 0xF5B942, alpha: 0.3)], spacing: 14))),
            ]),
        ]
        return MapScene(width: 200, height: 150, scale: scale, background: RGBA(1, 1, 1), baseKey: "unchanging-test", base: [],
                        overlay: overlay, labels: [], legend: [], droppedLabels: [])
    }

    /// How many pixels differ, and by how much at most (any channel).
    static func difference(_ a: RGBImage, _ b: RGBImage) -> (pixels: Int, most: Int) {
        var pixels = 0, most = 0
        for i in stride(from: 0, to: a.pixels.count, by: 3) {
            let d = (0..<3).map { abs(Int(a.pixels[i + $0]) - Int(b.pixels[i + $0])) }.max()!
            if d > 0 { pixels += 1; most = max(most, d) }
        }
        return (pixels, most)
    }

    @Test(arguments: [1.0, 2.0, 1.5])
    func cachedPixelsMatchDrawnPixels(scale: Double) throws {
        let cached = try MapRenderer()
        let first = try cached.rgb(Self.scene(unchanging: true, scale: scale))
        // The second time the group's pixels come from the cache.
        let second = try cached.rgb(Self.scene(unchanging: true, scale: scale))
        let drawn = try MapRenderer().rgb(Self.scene(unchanging: false, scale: scale))
        #expect(first == second)
        #expect(first.width == drawn.width && first.height == drawn.height)
        let (pixels, most) = Self.difference(first, drawn)
        // Compositing an opaque image can round an edge pixel by one level; nothing more.
        #expect(most <= 1, "\(pixels) pixels differ, by up to \(most)")
        #expect(pixels <= 4, "\(pixels) pixels differ, by up to \(most)")
    }

    @Test func hatchIsSolidAfterADashedStroke() throws {
        // The hatch's stripes are solid: the same pixels inside the hatched box
        // whether or not a dashed line was stroked before it, elsewhere.
        let renderer = try MapRenderer()
        var plain = Self.scene(unchanging: true, scale: 1)
        let withDash = try renderer.rgb(plain)
        plain.overlay.removeFirst()
        let withoutDash = try MapRenderer().rgb(plain)
        for y in 42..<98 {
            for x in 62..<138 {
                let i = (y * withDash.width + x) * 3
                #expect(withDash.pixels[i..<(i + 3)] == withoutDash.pixels[i..<(i + 3)], "pixel \(x),\(y)")
                if withDash.pixels[i..<(i + 3)] != withoutDash.pixels[i..<(i + 3)] { return }
            }
        }
    }
}
