import Foundation
import FrontlineCore
@testable import Render
import Testing
import Timeline

/// `render` draws a PNG's basemap on another core while the labels are placed
/// (``MapDrawer/drawBaseAhead()``): the map must come out the same.
@Suite struct BaseAheadTests {
    static func pipeline() throws -> MapPipeline {
        let theatre = try Theatre.load(directory: Fixture.repository.appendingPathComponent("maps/libya"))
        let spec = MapSpec(view: try #require(theatre.settings.view(named: "west")).box, width: 800, height: 600)
        return try MapPipeline(theatre: theatre, spec: spec)
    }

    static let day = Day(year: 2020, month: 6, day: 5)!

    @Test func aBasemapDrawnAheadGivesTheSamePNG() throws {
        let pipeline = try Self.pipeline()
        let alone = try pipeline.makeDrawer()
        let plain = try alone.render(alone.scene(at: Self.day, changed: [], since: nil))
        let ahead = try pipeline.makeDrawer()
        ahead.drawBaseAhead()
        let drawnAhead = try ahead.render(ahead.scene(at: Self.day, changed: [], since: nil))
        #expect(plain == drawnAhead)
    }

    /// The adopted raster is the one painted: a blank one of the same key shows.
    @Test func theRendererPaintsTheBaseItAdopts() throws {
        let drawer = try Self.pipeline().makeDrawer()
        let scene = try drawer.scene(at: Self.day, changed: [], since: nil)
        let plain = try drawer.renderer.rgb(scene)
        let blank = try CairoSurface.image(width: scene.pixelWidth, height: scene.pixelHeight)
        drawer.renderer.adopt(BaseRaster(key: scene.baseKey, surface: blank))
        let painted = try drawer.renderer.rgb(scene)
        #expect(painted.pixels != plain.pixels)
    }

    /// Only a PNG has a raster to share; other formats draw everything in one pass.
    @Test func vectorFormatsDrawNothingAhead() throws {
        let theatre = try Theatre.load(directory: Fixture.repository.appendingPathComponent("maps/libya"))
        let spec = MapSpec(view: try #require(theatre.settings.view(named: "west")).box, width: 800, height: 600, format: .svg)
        let drawer = try MapPipeline(theatre: theatre, spec: spec).makeDrawer()
        drawer.drawBaseAhead()
        #expect(!drawer.isDrawingBaseAhead)
    }
}
