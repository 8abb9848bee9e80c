import Foundation
@testable import Render
import Testing

/// The renderer draws in the map's fonts only (``MapFontConfig``).
@Suite struct FontConfigTests {
    /// The set-up installs fonts-noto-core, so the restricted configuration is
    /// the one in use, and it offers nothing but the map's families.
    @Test func theFontMapsChooseOnlyAmongTheMapsFamilies() throws {
        let fonts = try #require(MapFontConfig.fontsOffered, "no Noto Sans / Noto Sans Arabic on this machine?")
        // Regular and bold of each family at least (italics, where a family has them).
        #expect(fonts.count >= 2 * MapFontConfig.families.count)
        for names in fonts {
            #expect(names.contains { MapFontConfig.families.contains($0) }, "\(names) is not a map font")
        }
        #expect(Set(fonts.joined()).isSuperset(of: MapFontConfig.families))
    }

    /// Latin, Cyrillic and Arabic are drawn; CJK is not, and is reported.
    @Test func textsTheFontsLackAreFound() throws {
        let renderer = try MapRenderer()
        #expect(renderer.unknownGlyphs(in: "Tarhuna — ترهونة, Ливия") == 0)
        #expect(renderer.unknownGlyphs(in: "北京") == 2)
        let texts = ["Tarhuna", "北京 Libya", "ترهونة"].map {
            SceneItem.text(TextItem(text: $0, font: FontSpec(size: 13), origin: ScenePoint(x: 10, y: 10), color: RGBA(0, 0, 0)))
        }
        let scene = MapScene(width: 100, height: 60, scale: 1, background: RGBA(1, 1, 1), baseKey: "t", base: [], overlay: texts,
                             labels: [], legend: [], droppedLabels: [])
        #expect(renderer.textsWithUnknownGlyphs(in: scene) == ["北京 Libya"])
    }

    /// A family without an italic face is slanted (fontconfig's synthetic
    /// rule, kept): an italic Arabic label does not come out upright.
    @Test func arabicItalicIsSlanted() throws {
        let renderer = try MapRenderer()
        func pixels(italic: Bool) throws -> [UInt8] {
            let text = SceneItem.text(TextItem(text: "الجفرة", font: FontSpec(size: 24, italic: italic), origin: ScenePoint(x: 10, y: 10),
                                               color: RGBA(0, 0, 0)))
            return try renderer.rgb(MapScene(width: 160, height: 60, scale: 1, background: RGBA(1, 1, 1), baseKey: "t\(italic)",
                                             base: [], overlay: [text], labels: [], legend: [], droppedLabels: [])).pixels
        }
        #expect(try pixels(italic: true) != pixels(italic: false))
    }
}
