import CCairo
import CPangoCairo
import Foundation
import FrontlineCore

/// The output formats a renderer writes.
public enum OutputFormat: String, Sendable, CaseIterable {
    case png, svg, pdf
}

/// Draws a ``MapScene`` with Cairo and Pango into PNG, SVG or PDF bytes, and
/// measures text for the composer.
///
/// Keeps what a sequence of frames can share: its own Pango font map, and a
/// raster of the scene's static `base` layers for PNG output, redrawn only when
/// `baseKey` (or the size) changes.
///
/// - Important: not thread-safe. Make one renderer per worker; they share nothing.
public final class MapRenderer: TextMeasuring {
    let fonts: PangoFonts
    /// Laid-out text by content and style: labels repeat in every frame, and the
    /// composer's measuring lays out the very texts drawn next, so shaping once
    /// serves both. Cleared when it grows past `layoutCacheLimit`.
    private var layouts: [LayoutKey: PangoTextLayout] = [:]
    private let layoutCacheLimit = 4096
    /// Set while drawing into an image surface: some effects have a faster
    /// raster form (halos).
    private var drawingRaster = false
    static let haloOffsets: [(Double, Double)] = [(1, 0), (-1, 0), (0, 1), (0, -1), (0.71, 0.71), (-0.71, 0.71), (0.71, -0.71), (-0.71, -0.71)]
    private var baseCache: (key: String, width: Int, height: Int, surface: CairoSurface)?

    public init() throws {
        fonts = try PangoFonts()
    }

    /// Draws the scene into the requested format.
    public func render(_ scene: MapScene, as format: OutputFormat) throws -> Data {
        switch format {
        case .png: return try png(scene)
        case .svg: return try svg(scene)
        case .pdf: return try pdf(scene)
        }
    }

    /// An RGB PNG of `scene.pixelWidth` x `scene.pixelHeight`, its bands
    /// compressed on all cores (`BandedPNG.encodeConcurrently`).
    public func png(_ scene: MapScene) throws -> Data {
        try BandedPNG.encodeConcurrently(surface: try rasterize(scene))
    }

    /// The scene as 8-bit RGB pixels, for callers that encode frames themselves
    /// (APNG) or compare images.
    public func rgb(_ scene: MapScene) throws -> RGBImage {
        try PNGEncoder.rgb(of: try rasterize(scene))
    }

    /// Draws into an image surface, painting the cached base raster first.
    func rasterize(_ scene: MapScene) throws -> CairoSurface {
        drawingRaster = true
        defer { drawingRaster = false }
        let w = scene.pixelWidth, h = scene.pixelHeight
        let base: CairoSurface
        if let cache = baseCache, cache.key == scene.baseKey, cache.width == w, cache.height == h {
            base = cache.surface
        } else {
            base = try CairoSurface.image(width: w, height: h)
            let cr = try CairoContext(surface: base)
            cairo_scale(cr.pointer, scene.scale, scene.scale)
            setColor(cr, scene.background)
            cairo_paint(cr.pointer)
            try draw(scene.base, on: cr)
            try cr.check("drawing the basemap")
            baseCache = (scene.baseKey, w, h, base)
        }
        let surface = try CairoSurface.image(width: w, height: h)
        let cr = try CairoContext(surface: surface)
        cairo_set_source_surface(cr.pointer, base.pointer, 0, 0)
        cairo_set_operator(cr.pointer, CAIRO_OPERATOR_SOURCE)
        cairo_paint(cr.pointer)
        cairo_set_operator(cr.pointer, CAIRO_OPERATOR_OVER)
        cairo_scale(cr.pointer, scene.scale, scene.scale)
        try draw(scene.overlay, on: cr)
        try cr.check("drawing the map")
        return surface
    }

    /// SVG in px units. Byte-identical for the same scene: cairo numbers some
    /// ids from process-wide counters, so ids are renumbered in document order.
    public func svg(_ scene: MapScene) throws -> Data {
        let surface = try CairoSurface.svg(width: Double(scene.pixelWidth), height: Double(scene.pixelHeight))
        try drawWhole(scene, on: surface)
        return SVGNormalizer.normalize(try surface.finish())
    }

    /// PDF, vector, fonts embedded (cairo subsets and embeds every font it uses).
    /// One layout px is one PDF point.
    public func pdf(_ scene: MapScene) throws -> Data {
        let surface = try CairoSurface.pdf(width: Double(scene.pixelWidth), height: Double(scene.pixelHeight))
        try drawWhole(scene, on: surface)
        return try surface.finish()
    }

    private func drawWhole(_ scene: MapScene, on surface: CairoSurface) throws {
        let cr = try CairoContext(surface: surface)
        try drawScene(scene, on: cr)
    }

    /// Draws the whole scene (background, base, overlay) on `cr` under its
    /// current transform, so a document can place a map anywhere on a page
    /// (``PDFDocumentWriter/drawMap(_:in:)``).
    func drawScene(_ scene: MapScene, on cr: CairoContext) throws {
        cairo_scale(cr.pointer, scene.scale, scene.scale)
        setColor(cr, scene.background)
        cairo_paint(cr.pointer)
        try draw(scene.base, on: cr)
        try draw(scene.overlay, on: cr)
        try cr.check("drawing the map")
    }

    // MARK: text measuring

    public func measure(_ text: String, font: FontSpec, alignment: TextAlignment, letterSpacing: Double) -> TextSize {
        let s = layout(text, font: font, alignment: alignment, letterSpacing: letterSpacing).size
        return TextSize(width: s.width, height: s.height)
    }

    func layout(_ text: String, font: FontSpec, alignment: TextAlignment, letterSpacing: Double) -> PangoTextLayout {
        let key = LayoutKey(text: text, font: font, alignment: alignment, letterSpacing: letterSpacing)
        if let cached = layouts[key] { return cached }
        if layouts.count >= layoutCacheLimit { layouts.removeAll(keepingCapacity: true) }
        let made = PangoTextLayout(fonts: fonts, text: text, font: font, alignment: alignment, letterSpacing: letterSpacing)
        layouts[key] = made
        return made
    }

    /// How many characters of `text` no installed font can draw (tofu boxes).
    public func unknownGlyphs(in text: String, font: FontSpec = FontSpec(size: 13)) -> Int {
        PangoTextLayout(fonts: fonts, text: text, font: font, alignment: .left, letterSpacing: 0).unknownGlyphs
    }

    // MARK: drawing

    private func setColor(_ cr: CairoContext, _ c: RGBA) {
        cairo_set_source_rgba(cr.pointer, c.red, c.green, c.blue, c.alpha)
    }

    private func draw(_ items: [SceneItem], on cr: CairoContext) throws {
        for item in items {
            switch item {
            case .path(let p): try drawPath(p, on: cr)
            case .symbol(let s): drawSymbol(s, on: cr)
            case .text(let t): drawText(t, on: cr)
            case .clip(let rect, let inner):
                cairo_save(cr.pointer)
                cairo_rectangle(cr.pointer, rect.x, rect.y, rect.width, rect.height)
                cairo_clip(cr.pointer)
                try draw(inner, on: cr)
                cairo_restore(cr.pointer)
            }
        }
    }

    private func addPath(_ subpaths: [[ScenePoint]], closed: Bool, on cr: CairoContext) {
        cairo_new_path(cr.pointer)
        for sub in subpaths where !sub.isEmpty {
            cairo_move_to(cr.pointer, sub[0].x, sub[0].y)
            for p in sub.dropFirst() { cairo_line_to(cr.pointer, p.x, p.y) }
            if closed { cairo_close_path(cr.pointer) }
        }
    }

    private func applyStroke(_ s: Stroke, on cr: CairoContext) {
        setColor(cr, s.color)
        cairo_set_line_width(cr.pointer, s.width)
        cairo_set_line_join(cr.pointer, CAIRO_LINE_JOIN_ROUND)
        cairo_set_line_cap(cr.pointer, CAIRO_LINE_CAP_ROUND)
        if s.dash.isEmpty {
            cairo_set_dash(cr.pointer, nil, 0, 0)
        } else {
            cairo_set_line_cap(cr.pointer, CAIRO_LINE_CAP_BUTT)
            s.dash.withUnsafeBufferPointer { cairo_set_dash(cr.pointer, $0.baseAddress, Int32($0.count), 0) }
        }
    }

    private func drawPath(_ p: PathItem, on cr: CairoContext) throws {
        addPath(p.subpaths, closed: p.closed, on: cr)
        if let fill = p.fill {
            cairo_set_fill_rule(cr.pointer, CAIRO_FILL_RULE_EVEN_ODD)
            switch fill {
            case .solid(let c):
                setColor(cr, c)
                cairo_fill_preserve(cr.pointer)
            case .hatch(let colors, let spacing):
                try fillHatch(colors: colors, spacing: spacing, on: cr)
            }
        }
        if let s = p.stroke {
            applyStroke(s, on: cr)
            cairo_stroke_preserve(cr.pointer)
        }
        cairo_new_path(cr.pointer)
    }

    /// Fills the current path with diagonal stripes, one per colour in turn:
    /// clip to the path, then draw stripes across its extents. Drawn as plain
    /// geometry rather than a repeating pattern so SVG and PDF show the same.
    private func fillHatch(colors: [RGBA], spacing: Double, on cr: CairoContext) throws {
        guard !colors.isEmpty else { return }
        var x1 = 0.0, y1 = 0.0, x2 = 0.0, y2 = 0.0
        cairo_fill_extents(cr.pointer, &x1, &y1, &x2, &y2)
        cairo_save(cr.pointer)
        cairo_clip_preserve(cr.pointer)
        let path = cairo_copy_path(cr.pointer)
        cairo_new_path(cr.pointer)
        cairo_set_line_width(cr.pointer, spacing / 3)
        let h = y2 - y1
        var i = 0
        var x = (x1 - h).rounded(.down)
        x -= x.truncatingRemainder(dividingBy: spacing)
        while x < x2 {
            let c = colors[i % colors.count]
            setColor(cr, c)
            cairo_move_to(cr.pointer, x, y2)
            cairo_line_to(cr.pointer, x + h, y1)
            cairo_stroke(cr.pointer)
            x += spacing / 2
            i += 1
        }
        cairo_restore(cr.pointer)
        cairo_new_path(cr.pointer)
        if let path {
            cairo_append_path(cr.pointer, path)
            cairo_path_destroy(path)
        }
    }

    private func symbolPath(_ s: SymbolItem, on cr: CairoContext) {
        let c = s.center, r = s.radius
        cairo_new_path(cr.pointer)
        switch s.shape {
        case .circle:
            cairo_arc(cr.pointer, c.x, c.y, r, 0, 2 * Double.pi)
        case .square:
            cairo_rectangle(cr.pointer, c.x - r * 0.85, c.y - r * 0.85, r * 1.7, r * 1.7)
        case .diamond:
            cairo_move_to(cr.pointer, c.x, c.y - r)
            cairo_line_to(cr.pointer, c.x + r, c.y)
            cairo_line_to(cr.pointer, c.x, c.y + r)
            cairo_line_to(cr.pointer, c.x - r, c.y)
            cairo_close_path(cr.pointer)
        case .triangle:
            cairo_move_to(cr.pointer, c.x, c.y - r)
            cairo_line_to(cr.pointer, c.x + r * 0.95, c.y + r * 0.7)
            cairo_line_to(cr.pointer, c.x - r * 0.95, c.y + r * 0.7)
            cairo_close_path(cr.pointer)
        case .plane:
            // Fuselage, wings and tail as one outline, nose up.
            let pts: [(Double, Double)] = [
                (0, -1), (0.14, -0.8), (0.14, -0.25), (1, 0.2), (1, 0.38), (0.14, 0.18), (0.14, 0.62),
                (0.42, 0.85), (0.42, 1), (0, 0.9), (-0.42, 1), (-0.42, 0.85), (-0.14, 0.62), (-0.14, 0.18),
                (-1, 0.38), (-1, 0.2), (-0.14, -0.25), (-0.14, -0.8),
            ]
            cairo_move_to(cr.pointer, c.x + pts[0].0 * r, c.y + pts[0].1 * r)
            for p in pts.dropFirst() { cairo_line_to(cr.pointer, c.x + p.0 * r, c.y + p.1 * r) }
            cairo_close_path(cr.pointer)
        }
    }

    private func drawSymbol(_ s: SymbolItem, on cr: CairoContext) {
        if let ring = s.ring {
            cairo_new_path(cr.pointer)
            cairo_arc(cr.pointer, s.center.x, s.center.y, s.radius + 4, 0, 2 * Double.pi)
            applyStroke(ring, on: cr)
            cairo_stroke(cr.pointer)
        }
        symbolPath(s, on: cr)
        if s.fills.count >= 2 {
            // Split vertically: left half in the first colour, right half in the second.
            for (i, fill) in s.fills.prefix(2).enumerated() {
                cairo_save(cr.pointer)
                let x = i == 0 ? s.center.x - s.radius - 2 : s.center.x
                cairo_rectangle(cr.pointer, x, s.center.y - s.radius - 2, s.radius + 2, 2 * s.radius + 4)
                cairo_clip(cr.pointer)
                symbolPath(s, on: cr)
                setColor(cr, fill)
                cairo_fill(cr.pointer)
                cairo_restore(cr.pointer)
            }
            symbolPath(s, on: cr)
        } else if let fill = s.fills.first {
            setColor(cr, fill)
            cairo_fill_preserve(cr.pointer)
        }
        applyStroke(s.stroke, on: cr)
        cairo_stroke(cr.pointer)
    }

    private func drawText(_ t: TextItem, on cr: CairoContext) {
        // Layouts are made in user space with unhinted metrics and never follow the
        // target's transform (no pango_cairo_update_context): cairo scales the
        // glyphs by the current matrix, so one layout serves every scale and backend.
        let layout = layout(t.text, font: t.font, alignment: t.alignment, letterSpacing: t.letterSpacing)
        if let halo = t.halo, drawingRaster {
            // On pixels, eight offset copies of the glyphs make the halo: cairo
            // caches glyph images, so this costs a fraction of outlining the text
            // and stroking the outline, and looks the same at 1-4 px.
            setColor(cr, halo.color)
            let r = halo.width / 2
            for (dx, dy) in MapRenderer.haloOffsets {
                cairo_move_to(cr.pointer, t.origin.x + dx * r, t.origin.y + dy * r)
                pango_cairo_show_layout(cr.pointer, layout.pointer)
            }
        } else if let halo = t.halo {
            // In SVG and PDF a stroked outline stays one clean vector object.
            cairo_new_path(cr.pointer)
            cairo_move_to(cr.pointer, t.origin.x, t.origin.y)
            pango_cairo_layout_path(cr.pointer, layout.pointer)
            applyStroke(halo, on: cr)
            cairo_stroke(cr.pointer)
        }
        cairo_move_to(cr.pointer, t.origin.x, t.origin.y)
        setColor(cr, t.color)
        pango_cairo_show_layout(cr.pointer, layout.pointer)
        cairo_new_path(cr.pointer)
    }
}

struct LayoutKey: Hashable {
    var text: String
    var font: FontSpec
    var alignment: TextAlignment
    var letterSpacing: Double
}

/// Renumbers the ids cairo's SVG writer takes from process-wide counters
/// (`surface12`, `glyph3-1`, `clip5`, …) in order of first appearance, so two
/// renders of one scene give the same bytes in one process or many.
enum SVGNormalizer {
    static let prefixes = ["surface", "clip", "pattern", "mask", "image", "glyph", "source", "filter"].map { Array($0.utf8) }

    /// Replaces `prefixN` (N digits, maybe `-M`) with sequential numbers, one
    /// numbering per prefix in document order.
    ///
    /// One pass over the UTF-8 bytes (ids, `#` and `id="` are ASCII) for all
    /// prefixes at once, copying the text between ids in bulk: none of the
    /// prefixes starts inside another, so this is the same as one pass per
    /// prefix. A search through Foundation's String took most of a report's
    /// time (a megabyte of SVG a map).
    static func normalize(_ data: Data) -> Data {
        guard String(data: data, encoding: .utf8) != nil else { return data }
        let text = [UInt8](data)
        func isDigit(_ b: UInt8) -> Bool { b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }
        let idOpen = Array("id=\"".utf8)
        var firstBytes = [Bool](repeating: false, count: 256)
        for p in prefixes { firstBytes[Int(p[0])] = true }
        var mappings = [[ArraySlice<UInt8>: Int]](repeating: [:], count: prefixes.count)
        var out: [UInt8] = []
        out.reserveCapacity(text.count)
        let n = text.count
        var copied = 0, i = 0
        while i < n {
            guard firstBytes[Int(text[i])],
                  let k = prefixes.firstIndex(where: { p in i + p.count <= n && text[i..<(i + p.count)].elementsEqual(p) }) else {
                i += 1
                continue
            }
            let prefix = prefixes[k]
            out += text[copied..<i]
            var end = i + prefix.count
            while end < n, isDigit(text[end]) || text[end] == UInt8(ascii: "-") { end += 1 }
            let number = text[(i + prefix.count)..<end]
            // Only ids: the prefix directly followed by digits, after `id="`, `#` or `(#`.
            let afterID = out.last == UInt8(ascii: "#") || (out.count >= 4 && out[(out.count - 4)...].elementsEqual(idOpen))
            if let lead = number.first, isDigit(lead), afterID {
                let value = mappings[k][number] ?? { let v = mappings[k].count + 1; mappings[k][number] = v; return v }()
                out += prefix
                out += Array(String(value).utf8)
            } else {
                out += text[i..<end]
            }
            i = end
            copied = end
        }
        out += text[copied..<n]
        return Data(out)
    }
}
