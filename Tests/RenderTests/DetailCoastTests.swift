import Foundation
import FrontlineCore
import Geo
@testable import Render
import Testing
import Timeline

/// The close-up coast layer (GSHHG) on city-scale maps: which maps draw it,
/// and that zones of control end exactly at its coastline.
@Suite struct DetailCoastTests {
    @Test func closeUpMapsInsideTheLayerUseItOthersDoNot() throws {
        let renderer = try MapRenderer()
        func uses(_ view: GeoBox, _ width: Int = 1600, _ height: Int = 1200, detail: Bool = true) throws -> Bool {
            try Fixture.composer(view: view, width: width, height: height, detail: detail, renderer: renderer).usesDetailCoast
        }
        #expect(try uses(Fixture.tripoliView))
        #expect(try uses(Fixture.tripoliView, 800, 600))
        #expect(try !uses(Fixture.westView), "~450 m a pixel, and wider than the layer")
        #expect(try !uses(Fixture.libyaView))
        #expect(try !uses(Fixture.tripoliView, detail: false), "a basemap without the layer draws Natural Earth")
        #expect(try !uses(Fixture.tripoliView, 320, 240), "over 300 m a pixel Natural Earth is right")
        #expect(try !uses(GeoBox(west: 10.6, south: 32.5, east: 11.6, north: 33.3)), "partly west of the layer's 11 E")
    }

    /// The base draws the layer's land and coastline instead of Natural Earth's.
    @Test func theTripoliBaseDrawsTheDetailedCoast() throws {
        let renderer = try MapRenderer()
        func coastPoints(detail: Bool) throws -> Int {
            let scene = try Fixture.composer(width: 1600, height: 1200, detail: detail, renderer: renderer)
                .compose(state: Fixture.state(Day(year: 2020, month: 6, day: 5)!), factions: [Fixture.gna, Fixture.lna])
            guard case .group(.layer("basemap"), let layer)? = scene.base.first, case .clip(_, let items)? = layer.first else { return 0 }
            return items.compactMap { item -> Int? in
                guard case .path(let p) = item, p.stroke == Style.coast else { return nil }
                return p.subpaths.map(\.count).reduce(0, +)
            }.reduce(0, +)
        }
        let coarse = try coastPoints(detail: false), fine = try coastPoints(detail: true)
        #expect(coarse > 5 && coarse < 60, "Natural Earth has ~19 vertices in the view, got \(coarse)")
        #expect(fine > 10 * coarse, "the detailed coast has \(fine) points in view, Natural Earth \(coarse)")
    }

    /// Zones end at the detailed coastline: none spills into the sea, and none
    /// stops short of it where Natural Earth's coarse land lies inside the coast.
    /// Checked on pixels: shapes drawn opaque, in an order that leaves colour
    /// only where a rule is broken (antialiased edges leave at most a quarter).
    @Test func zonesStayOnTheDetailedLandAndReachItsCoast() throws {
        let renderer = try MapRenderer()
        let composer = try Fixture.composer(width: 1600, height: 1200, renderer: renderer)
        let territory = try composer.territory(for: Fixture.state(Day(year: 2020, month: 5, day: 25)!), reachMeters: 60_000)
        let basemap = try Fixture.basemap()
        let projection = try Projection(crs: Fixture.crs)
        func rings(_ polygons: [[[GeoPoint]]]) throws -> [[ScenePoint]] {
            try polygons.flatMap { try $0.map { ring in try projection.project(ring).map(composer.canvas) } }
        }
        let detailLand = try rings(try #require(basemap.detail).land(of: "LBY"))
        let coarseLand = try rings(try #require(basemap.country("LBY")).polygons)
        let zones = territory.zones.filter { $0.controller != .unknown }
            .flatMap { $0.polygons.flatMap { [$0.exterior] + $0.holes } }.map { $0.map(composer.canvas) }
        #expect(!zones.isEmpty)
        func fill(_ rings: [[ScenePoint]], _ color: RGBA) -> SceneItem {
            .path(PathItem(subpaths: rings, closed: true, fill: .solid(color)))
        }
        func strayPixels(_ items: [SceneItem]) throws -> Int {
            let scene = MapScene(width: 1600, height: 1200, scale: 1, background: RGBA(0, 0, 0), baseKey: UUID().uuidString,
                                 base: [], overlay: [.clip(composer.mapArea, items)], labels: [], legend: [], droppedLabels: [])
            let image = try renderer.rgb(scene)
            return stride(from: 0, to: image.pixels.count, by: 3).filter { image.pixels[$0 + 2] > 100 }.count
        }
        let black = RGBA(0, 0, 0), blue = RGBA(0, 0, 1)
        // Zones, then the land over them: blue left over is zone in the sea.
        #expect(try strayPixels([fill(zones, blue), fill(detailLand, black)]) == 0)
        // The land Natural Earth misses, then the zones over it: blue left over is a gap at the coast.
        let gap = try strayPixels([fill(detailLand, blue), fill(coarseLand, black)])
        #expect(gap > 500, "Natural Earth should miss some coastal land on the tripoli view (\(gap) px)")
        #expect(try strayPixels([fill(detailLand, blue), fill(coarseLand, black), fill(zones, black)]) == 0)
    }
}
