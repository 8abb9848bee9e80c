import Foundation
import FrontlineCore
import Gazetteer
import Render
import Testing

/// Pango draws a box ("tofu") for a character no font covers; none may appear.
@Suite struct GlyphTests {
    @Test(arguments: MapLanguage.allCases)
    func everyTextOfTheSceneHasGlyphs(language: MapLanguage) throws {
        let renderer = try MapRenderer()
        let scene = try Fixture.scene(language: language, renderer: renderer)
        for text in scene.texts {
            #expect(renderer.unknownGlyphs(in: text.text, font: text.font) == 0, "tofu in '\(text.text)'")
        }
    }

    @Test func everyArabicNameOfTheRealGazetteerHasGlyphs() throws {
        let file = Fixture.repository.appendingPathComponent("gazetteer/libya.tsv")
        try #require(FileManager.default.fileExists(atPath: file.path), "the real gazetteer is not in this checkout")
        let renderer = try MapRenderer()
        let gazetteer = try Gazetteer.load(contentsOf: file)
        #expect(gazetteer.places.count > 50)
        for place in gazetteer.places where !place.nameArabic.isEmpty {
            #expect(renderer.unknownGlyphs(in: place.nameArabic) == 0, "tofu in \(place.id) '\(place.nameArabic)'")
            #expect(renderer.unknownGlyphs(in: place.nameArabic, font: FontSpec(size: 15, bold: true)) == 0)
        }
        let basemap = try Fixture.basemap()
        for country in basemap.countries {
            #expect(renderer.unknownGlyphs(in: country.nameArabic) == 0, "tofu in \(country.iso3) '\(country.nameArabic)'")
        }
    }

    @Test func unknownGlyphsAreCounted() throws {
        // A private-use character no Noto font covers: the check must see it.
        let renderer = try MapRenderer()
        #expect(renderer.unknownGlyphs(in: "a\u{E000}b") > 0)
    }
}
