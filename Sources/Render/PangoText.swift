import CCairo
import CPangoCairo
import CPangoFc
import Foundation
import FrontlineCore

/// The fontconfig configuration every renderer's font map uses: the system's
/// font folders and caches, but none of its matching rules, and only the map's
/// font families (``FontSpec/families``) to choose from.
///
/// Why: the maps are set in Noto Sans and Noto Sans Arabic, and the semantic
/// SVG names exactly those. With the system's whole configuration, every font
/// size a map uses sent a pattern through the dozens of rules in
/// `/etc/fonts/conf.d` (aliases, per-language preferences, hinting) and then
/// sorted all installed fonts (about 400 on a Debian machine with
/// fonts-noto-core) by how well they match: half of all the time spent on
/// text, 8 ms of a map. The rules have nothing to say about fonts named
/// exactly (the renderer sets hinting and antialiasing itself), and a machine
/// with other fonts can no longer draw the PNG in them. A character neither
/// family has shows as a box (``MapRenderer/textsWithUnknownGlyphs(in:)`` finds them).
///
/// When the system has none of the map's fonts, its whole configuration
/// serves (nil), so text still shows in whatever fonts it has.
enum MapFontConfig {
    nonisolated(unsafe) static let shared: OpaquePointer? = make()

    /// The map's families, as fontconfig names them.
    static var families: [String] {
        FontSpec.families.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
    }

    private static func make() -> OpaquePointer? {
        // Read for its folders only: the system configuration is not built.
        guard let system = FcInitLoadConfig() else { return nil }
        defer { FcConfigDestroy(system) }
        func elements(_ name: String, _ list: OpaquePointer?) -> String {
            guard let list else { return "" }
            defer { FcStrListDone(list) }
            var out = ""
            while let path = FcStrListNext(list) { out += "<\(name)>\(escaped(String(cString: path)))</\(name)>" }
            return out
        }
        // Accepted fonts win over rejected ones: the empty pattern rejects every font but the
        // map's families. (A rejected glob would drop the files before their families are read.)
        let accepted = families.map { "<pattern><patelt name=\"family\"><string>\(escaped($0))</string></patelt></pattern>" }.joined()
        let xml = "<fontconfig>" + elements("dir", FcConfigGetFontDirs(system)) + elements("cachedir", FcConfigGetCacheDirs(system))
            + "<selectfont><acceptfont>\(accepted)</acceptfont><rejectfont><pattern></pattern></rejectfont></selectfont>"
            + synthetic + "</fontconfig>"
        guard let config = FcConfigCreate() else { return nil }
        guard FcConfigParseAndLoadFromMemory(config, xml, FcFalse) != 0, FcConfigBuildFonts(config) != 0,
              let fonts = FcConfigGetFonts(config, FcSetSystem), hasEveryFamily(fonts.pointee)
        else {
            FcConfigDestroy(config)
            return nil
        }
        return config
    }

    /// The one pair of system rules kept, fontconfig's own `90-synthetic.conf`:
    /// a face the family lacks is made from its regular one, slanted for italic
    /// (Noto Sans Arabic has no italic: the region labels on an Arabic map) and
    /// emboldened for bold, as a browser does for the SVG's text.
    static let synthetic = """
        <match target="font"><test name="slant"><const>roman</const></test>\
        <test target="pattern" name="slant" compare="not_eq"><const>roman</const></test>\
        <edit name="matrix" mode="assign"><times><name>matrix</name>\
        <matrix><double>1</double><double>0.2</double><double>0</double><double>1</double></matrix></times></edit>\
        <edit name="slant" mode="assign"><const>oblique</const></edit>\
        <edit name="embeddedbitmap" mode="assign"><bool>false</bool></edit></match>\
        <match target="font"><test name="weight" compare="less_eq"><const>medium</const></test>\
        <test target="pattern" name="weight" compare="more_eq"><const>bold</const></test>\
        <edit name="embolden" mode="assign"><bool>true</bool></edit>\
        <edit name="weight" mode="assign"><const>bold</const></edit></match>
        """

    private static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }

    /// Whether the font set holds at least one font of each of the map's families.
    private static func hasEveryFamily(_ set: FcFontSet) -> Bool {
        Set(familyNames(in: set).joined()).isSuperset(of: families)
    }

    /// The family names of each font of the set (a font may have several).
    private static func familyNames(in set: FcFontSet) -> [[String]] {
        (0..<Int(set.nfont)).map { i in
            var names: [String] = []
            var n: Int32 = 0
            var name: UnsafeMutablePointer<FcChar8>?
            while let pattern = set.fonts[i], FcPatternGetString(pattern, FC_FAMILY, n, &name) == FcResultMatch, let name {
                names.append(String(cString: name))
                n += 1
            }
            return names
        }
    }

    /// The family names of each font the renderers may choose from; nil when
    /// the whole system configuration serves (see the type's comment).
    static var fontsOffered: [[String]]? {
        guard let shared, let set = FcConfigGetFonts(shared, FcSetSystem) else { return nil }
        return familyNames(in: set.pointee)
    }
}

/// The one owner of a Pango font map and the context made from it.
///
/// A private font map per renderer (not Pango's process-wide default) so that
/// workers never share font caches across threads.
///
/// - Important: not thread-safe; one per worker.
final class PangoFonts {
    let fontMap: UnsafeMutablePointer<PangoFontMap>
    let context: OpaquePointer

    init() throws {
        guard let map = pango_cairo_font_map_new() else { throw SystemError("Pango", "cannot create a font map") }
        fontMap = map
        // On Linux a cairo font map is a fontconfig one; set before any font is loaded.
        if let config = MapFontConfig.shared {
            pango_fc_font_map_set_config(OpaquePointer(map), config)
        }
        guard let ctx = pango_font_map_create_context(map) else {
            g_object_unref(map)
            throw SystemError("Pango", "cannot create a context")
        }
        context = ctx
        // Unhinted metrics: text measures the same at every scale and in every
        // backend, so a layout composed once draws identically to PNG, SVG and PDF.
        let options = cairo_font_options_create()
        cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF)
        cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE)
        cairo_font_options_set_antialias(options, CAIRO_ANTIALIAS_GRAY)
        pango_cairo_context_set_font_options(context, options)
        cairo_font_options_destroy(options)
    }

    deinit {
        g_object_unref(UnsafeMutableRawPointer(context))
        g_object_unref(fontMap)
    }
}

/// The one owner of a `PangoLayout`; keeps its fonts alive.
final class PangoTextLayout {
    let pointer: OpaquePointer
    let fonts: PangoFonts
    let text: String

    init(fonts: PangoFonts, text: String, font: FontSpec, alignment: TextAlignment, letterSpacing: Double) {
        self.fonts = fonts
        self.text = text
        pointer = pango_layout_new(fonts.context)
        let description = pango_font_description_from_string(font.pangoDescription)
        pango_layout_set_font_description(pointer, description)
        pango_font_description_free(description)
        switch alignment {
        case .left: pango_layout_set_alignment(pointer, PANGO_ALIGN_LEFT)
        case .center: pango_layout_set_alignment(pointer, PANGO_ALIGN_CENTER)
        case .right: pango_layout_set_alignment(pointer, PANGO_ALIGN_RIGHT)
        }
        if letterSpacing != 0 {
            let attrs = pango_attr_list_new()
            pango_attr_list_insert(attrs, pango_attr_letter_spacing_new(Int32(letterSpacing * Double(PANGO_SCALE))))
            pango_layout_set_attributes(pointer, attrs)
            pango_attr_list_unref(attrs)
        }
        pango_layout_set_text(pointer, text, -1)
    }

    deinit { g_object_unref(UnsafeMutableRawPointer(pointer)) }

    /// Logical size in layout px (Pango units divided out).
    var size: (width: Double, height: Double) {
        var ink = PangoRectangle(), logical = PangoRectangle()
        pango_layout_get_extents(pointer, &ink, &logical)
        return (Double(logical.width) / Double(PANGO_SCALE), Double(logical.height) / Double(PANGO_SCALE))
    }

    /// The union of the ink and logical boxes, layout px from the layout's
    /// top-left corner: all a drawing of the text can touch (glyphs may ink
    /// outside their logical box: marks above Arabic letters, overhangs).
    var inkAndLogicalBox: SceneRect {
        var ink = PangoRectangle(), logical = PangoRectangle()
        pango_layout_get_extents(pointer, &ink, &logical)
        let unit = Double(PANGO_SCALE)
        let x0 = min(ink.x, logical.x), y0 = min(ink.y, logical.y)
        let x1 = max(ink.x + ink.width, logical.x + logical.width), y1 = max(ink.y + ink.height, logical.y + logical.height)
        return SceneRect(x: Double(x0) / unit, y: Double(y0) / unit, width: Double(x1 - x0) / unit, height: Double(y1 - y0) / unit)
    }

    /// Each line as Pango laid it out, in layout px from the layout's top-left
    /// corner: what a backend that writes text (not glyphs) needs to put it
    /// where Pango would.
    var lines: [TextLine] {
        guard let iter = pango_layout_get_iter(pointer) else { return [] }
        defer { pango_layout_iter_free(iter) }
        let bytes = Array(text.utf8)
        var out: [TextLine] = []
        repeat {
            var ink = PangoRectangle(), logical = PangoRectangle()
            pango_layout_iter_get_line_extents(iter, &ink, &logical)
            let baseline = Double(pango_layout_iter_get_baseline(iter)) / Double(PANGO_SCALE)
            if let line = pango_layout_iter_get_line_readonly(iter) {
                let start = max(0, Int(line.pointee.start_index)), end = min(bytes.count, start + max(0, Int(line.pointee.length)))
                out.append(TextLine(text: String(decoding: bytes[start..<end], as: UTF8.self),
                                    x: Double(logical.x) / Double(PANGO_SCALE), baseline: baseline,
                                    width: Double(logical.width) / Double(PANGO_SCALE)))
            }
        } while pango_layout_iter_next_line(iter) != 0
        return out
    }

    /// Characters no font could draw (shown as boxes); 0 for well-covered text.
    var unknownGlyphs: Int { Int(pango_layout_get_unknown_glyphs_count(pointer)) }
}

/// One laid-out line of a text block, layout px from the block's top-left corner.
struct TextLine: Hashable, Sendable {
    var text: String
    /// Left edge of the line's logical box.
    var x: Double
    var baseline: Double
    var width: Double
}
