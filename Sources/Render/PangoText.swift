import CCairo
import CPangoCairo
import FrontlineCore

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
