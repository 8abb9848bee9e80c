import CCairo
import CPangoCairo
import Foundation
import FrontlineCore

/// The output formats a renderer writes.
public enum OutputFormat: String, Sendable, CaseIterable {
    case png, svg, pdf
}

/// A scene's base layers as pixels (see ``MapRenderer/baseRaster(of:)``).
///
/// - Important: `@unchecked Sendable` because it moves from the thread that
///   drew it to the one that paints it; only one of them uses it at a time.
struct BaseRaster: @unchecked Sendable {
    let key: String
    let surface: CairoSurface
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
    /// Pixels of ``SceneRole/unchanging(key:bounds:)`` groups by key and scale,
    /// in device px. Cleared when it grows past a few entries (one or two
    /// detail insets a view).
    private var unchangingCache: [String: CairoSurface] = [:]

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
        let surface = try CairoSurface.image(width: scene.pixelWidth, height: scene.pixelHeight)
        try paint(scene, on: surface)
        return surface
    }

    /// Draws the whole scene over `surface`, an image of the scene's size
    /// (every pixel is painted: the base raster replaces what was there), so
    /// a frame sequence reuses one image rather than mapping fresh memory for each.
    func rasterize(_ scene: MapScene, into surface: CairoSurface) throws {
        try paint(scene, on: surface)
    }

    /// Draws `scene` again on `surface`, a raster of an earlier scene with the
    /// same base and size, in the pixel rows `rows` only: where the two differ
    /// (``damagedRows(from:to:scale:height:)``).
    ///
    /// Each run of rows is drawn whole, the full width, into a raster of its
    /// own, then copied in; the result is the whole drawing's to the bit
    /// (tested). Clipping the target instead is not: cairo cuts shapes at a
    /// clip's left and right edges with rounding that shifts the coverage of
    /// a few pixels by a level or two. Cut at the top and bottom of what it
    /// draws into, a shape covers the pixels inside exactly as it would whole.
    func redraw(_ scene: MapScene, on surface: CairoSurface, rows: [Range<Int>]) throws {
        let target = try CairoContext(surface: surface)
        cairo_set_operator(target.pointer, CAIRO_OPERATOR_SOURCE)
        for run in rows where !run.isEmpty {
            let band = try CairoSurface.image(width: scene.pixelWidth, height: run.count)
            // Canvas row `run.lowerBound` is the band's first: a whole-pixel shift, so every
            // coordinate lands on the same fraction of a pixel as in a whole drawing.
            cairo_surface_set_device_offset(band.pointer, 0, Double(-run.lowerBound))
            try paint(scene, on: band)
            // The band's device offset already places it: its pixels land on rows `run`.
            cairo_set_source_surface(target.pointer, band.pointer, 0, 0)
            cairo_rectangle(target.pointer, 0, Double(run.lowerBound), Double(scene.pixelWidth), Double(run.count))
            cairo_fill(target.pointer)
        }
        try target.check("redrawing part of the map")
    }

    /// The base raster, then the overlay, on `surface`.
    private func paint(_ scene: MapScene, on surface: CairoSurface) throws {
        drawingRaster = true
        defer { drawingRaster = false }
        let base = try baseRaster(for: scene)
        let cr = try CairoContext(surface: surface)
        cairo_set_source_surface(cr.pointer, base.pointer, 0, 0)
        cairo_set_operator(cr.pointer, CAIRO_OPERATOR_SOURCE)
        cairo_paint(cr.pointer)
        cairo_set_operator(cr.pointer, CAIRO_OPERATOR_OVER)
        cairo_scale(cr.pointer, scene.scale, scene.scale)
        try draw(scene.overlay, on: cr)
        try cr.check("drawing the map")
    }

    /// The scene's base layers as pixels, drawn once per base key and size.
    private func baseRaster(for scene: MapScene) throws -> CairoSurface {
        let w = scene.pixelWidth, h = scene.pixelHeight
        if let cache = baseCache, cache.key == scene.baseKey, cache.width == w, cache.height == h { return cache.surface }
        let base = try drawBase(of: scene)
        baseCache = (scene.baseKey, w, h, base.surface)
        return base.surface
    }

    private func drawBase(of scene: MapScene) throws -> BaseRaster {
        let base = try CairoSurface.image(width: scene.pixelWidth, height: scene.pixelHeight)
        let cr = try CairoContext(surface: base)
        cairo_scale(cr.pointer, scene.scale, scene.scale)
        setColor(cr, scene.background)
        cairo_paint(cr.pointer)
        try draw(scene.base, on: cr)
        try cr.check("drawing the basemap")
        return BaseRaster(key: scene.baseKey, surface: base)
    }

    /// The base layers of `scene` (its overlay is not drawn) as a raster,
    /// drawn by a renderer of its own, so on any thread: a single map's
    /// basemap is drawn on another core while its labels are placed, then
    /// handed to the renderer that draws the map (``adopt(_:)``).
    static func baseRaster(of scene: MapScene) throws -> BaseRaster {
        try MapRenderer().drawBase(of: scene)
    }

    /// Takes `base` as the raster of its key's base layers, as if drawn here
    /// (the pixels are the same: the same Cairo calls on the same fonts).
    func adopt(_ base: BaseRaster) {
        baseCache = (base.key, Int(cairo_image_surface_get_width(base.surface.pointer)),
                     Int(cairo_image_surface_get_height(base.surface.pointer)), base.surface)
    }

    /// Semantic SVG (real text, named layers, data attributes; see
    /// ``SemanticSVGWriter``) with the scene's own id prefix. Byte-identical for the same scene.
    public func svg(_ scene: MapScene) throws -> Data {
        semanticSVG(scene, idPrefix: scene.idPrefix)
    }

    /// PDF points per layout px: a layout px is a CSS pixel, 1/96 inch, so
    /// `--size 1600x1200` is a 1200x900 pt page (16.7 x 12.5 in), the size a
    /// browser or word processor gives the same picture.
    public static let pdfPointsPerPixel = 72.0 / 96.0

    /// PDF, vector, fonts embedded (cairo subsets and embeds every font it uses),
    /// on a page in physical units (``pdfPointsPerPixel``).
    public func pdf(_ scene: MapScene) throws -> Data {
        let unit = Self.pdfPointsPerPixel
        let surface = try CairoSurface.pdf(width: Double(scene.pixelWidth) * unit, height: Double(scene.pixelHeight) * unit)
        try drawWhole(scene, on: surface, unit: unit)
        return try surface.finish()
    }

    /// `unit`: device units per scaled layout px (1 for SVG; PDF points for PDF).
    private func drawWhole(_ scene: MapScene, on surface: CairoSurface, unit: Double = 1) throws {
        let cr = try CairoContext(surface: surface)
        cairo_scale(cr.pointer, unit, unit)
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

    /// How many characters of `text` the map's fonts cannot draw (boxes; see ``MapFontConfig``).
    public func unknownGlyphs(in text: String, font: FontSpec = FontSpec(size: 13)) -> Int {
        PangoTextLayout(fonts: fonts, text: text, font: font, alignment: .left, letterSpacing: 0).unknownGlyphs
    }

    /// The scene's texts with characters the map's fonts cannot draw, each
    /// once, in drawing order: a title in a script Noto Sans and Noto Sans
    /// Arabic lack would show boxes, which `render`, `frames` and `animate`
    /// warn of. The layouts are
    /// the ones measured and drawn, so asking costs next to nothing.
    public func textsWithUnknownGlyphs(in scene: MapScene) -> [String] {
        var seen = Set<String>(), out: [String] = []
        for t in scene.texts where !seen.contains(t.text) {
            seen.insert(t.text)
            if layout(t.text, font: t.font, alignment: t.alignment, letterSpacing: t.letterSpacing).unknownGlyphs > 0 { out.append(t.text) }
        }
        return out
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
            case .group(.unchanging(let key, let bounds), let inner) where drawingRaster:
                try drawUnchanging(key: key, bounds: bounds, inner, on: cr)
            case .group(_, let inner):
                try draw(inner, on: cr)
            }
        }
    }

    /// An unchanging group in a raster: its pixels drawn once into an image of
    /// its bounds, then painted. Only where the bounds fall on whole device
    /// pixels and the map is drawn unrotated, so the cached pixels are exactly
    /// the ones drawing would make (the first item covers the bounds opaquely,
    /// so nothing under it shows through either way); else drawn as usual.
    private func drawUnchanging(key: String, bounds: SceneRect, _ inner: [SceneItem], on cr: CairoContext) throws {
        var m = cairo_matrix_t()
        cairo_get_matrix(cr.pointer, &m)
        let x = bounds.x * m.xx + m.x0, y = bounds.y * m.yy + m.y0
        let w = bounds.width * m.xx, h = bounds.height * m.yy
        let whole = [x, y, w, h].allSatisfy { $0 == $0.rounded() }
        guard m.xy == 0, m.yx == 0, m.xx > 0, m.yy > 0, whole, w >= 1, h >= 1 else {
            try draw(inner, on: cr)
            return
        }
        let cacheKey = "\(key)|\(m.xx)x\(m.yy)"
        let pixels: CairoSurface
        if let cached = unchangingCache[cacheKey] {
            pixels = cached
        } else {
            pixels = try CairoSurface.image(width: Int(w), height: Int(h))
            let inside = try CairoContext(surface: pixels)
            cairo_translate(inside.pointer, -x, -y)
            cairo_scale(inside.pointer, m.xx, m.yy)
            try draw(inner, on: inside)
            try inside.check("drawing a detail inset")
            if unchangingCache.count >= 8 { unchangingCache.removeAll() }
            unchangingCache[cacheKey] = pixels
        }
        // Painted in user space: a pattern whose pixels map onto the bounds.
        guard let pattern = cairo_pattern_create_for_surface(pixels.pointer) else { throw SystemError("cairo", "cannot paint a detail inset") }
        defer { cairo_pattern_destroy(pattern) }
        var toPixels = cairo_matrix_t()
        cairo_matrix_init_scale(&toPixels, m.xx, m.yy)
        cairo_matrix_translate(&toPixels, -bounds.x, -bounds.y)
        cairo_pattern_set_matrix(pattern, &toPixels)
        cairo_save(cr.pointer)
        cairo_set_source(cr.pointer, pattern)
        cairo_new_path(cr.pointer)
        cairo_rectangle(cr.pointer, bounds.x, bounds.y, bounds.width, bounds.height)
        cairo_fill(cr.pointer)
        cairo_restore(cr.pointer)
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
        // Solid stripes with round ends, whatever the stroke drawn before left
        // set (a dashed one made them dashed, with square-cut ends).
        cairo_set_dash(cr.pointer, nil, 0, 0)
        cairo_set_line_cap(cr.pointer, CAIRO_LINE_CAP_ROUND)
        cairo_set_line_join(cr.pointer, CAIRO_LINE_JOIN_ROUND)
        let h = y2 - y1
        var start = (x1 - h).rounded(.down)
        start -= start.truncatingRemainder(dividingBy: spacing)
        // One stroke per colour for all its stripes (they never overlap one
        // another): a magnified contested area has hundreds of stripes.
        for (k, c) in colors.enumerated() {
            var x = start + Double(k) * spacing / 2
            while x < x2 {
                cairo_move_to(cr.pointer, x, y2)
                cairo_line_to(cr.pointer, x + h, y1)
                x += spacing / 2 * Double(colors.count)
            }
            setColor(cr, c)
            cairo_stroke(cr.pointer)
        }
        cairo_restore(cr.pointer)
        cairo_new_path(cr.pointer)
        if let path {
            cairo_append_path(cr.pointer, path)
            cairo_path_destroy(path)
        }
    }

    private func symbolPath(_ s: SymbolItem, on cr: CairoContext) {
        cairo_new_path(cr.pointer)
        switch SymbolOutline(s) {
        case .circle(let c, let r):
            cairo_arc(cr.pointer, c.x, c.y, r, 0, 2 * Double.pi)
        case .polygon(let pts):
            cairo_move_to(cr.pointer, pts[0].x, pts[0].y)
            for p in pts.dropFirst() { cairo_line_to(cr.pointer, p.x, p.y) }
            cairo_close_path(cr.pointer)
        }
    }

    private func drawSymbol(_ s: SymbolItem, on cr: CairoContext) {
        if let ring = s.ring {
            cairo_new_path(cr.pointer)
            cairo_arc(cr.pointer, s.center.x, s.center.y, SymbolOutline.ringRadius(s), 0, 2 * Double.pi)
            applyStroke(ring, on: cr)
            cairo_stroke(cr.pointer)
        }
        symbolPath(s, on: cr)
        if s.fills.count >= 2 {
            // Split vertically: left half in the first colour, right half in the second.
            for (half, fill) in zip(SymbolOutline.halves(s), s.fills.prefix(2)) {
                cairo_save(cr.pointer)
                cairo_rectangle(cr.pointer, half.x, half.y, half.width, half.height)
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
