import CCairo
import CPangoCairo
import Foundation
import FrontlineCore

/// Paper sizes for documents, in PDF points (1/72 in).
public enum PaperSize: String, Sendable, CaseIterable {
    case a4, letter

    /// Width and height in points: A4 is 210 x 297 mm, Letter 8.5 x 11 in.
    public var points: (width: Double, height: Double) {
        switch self {
        case .a4: return (595.28, 841.89)
        case .letter: return (612, 792)
        }
    }
}

/// What a PDF says about itself (its Info dictionary).
public struct PDFMetadata: Sendable, Hashable {
    public var title: String
    public var subject: String
    public var author: String
    public var keywords: String
    /// Creation and modification date, ISO 8601 (`2020-06-30T00:00:00`): taken
    /// from the data by the caller, so the same input gives the same bytes
    /// (cairo would otherwise stamp the wall clock).
    public var date: String

    public init(title: String, subject: String, author: String, keywords: String, date: String) {
        self.title = title
        self.subject = subject
        self.author = author
        self.keywords = keywords
        self.date = date
    }
}

/// Which way a paragraph runs.
public enum TextDirection: Sendable, Hashable {
    case leftToRight, rightToLeft
}

/// How a paragraph of document text looks.
public struct DocumentTextStyle: Sendable, Hashable {
    public var font: FontSpec
    public var color: RGBA
    /// `.left` is the paragraph's start side: for right-to-left text Pango
    /// swaps it, so `.left` right-aligns Arabic.
    public var alignment: TextAlignment
    public var direction: TextDirection

    public init(font: FontSpec, color: RGBA = RGBA(0, 0, 0), alignment: TextAlignment = .left, direction: TextDirection = .leftToRight) {
        self.font = font
        self.color = color
        self.alignment = alignment
        self.direction = direction
    }
}

/// Writes a multi-page PDF with Cairo and Pango: wrapped text, rules and
/// boxes, vector maps (a ``MapScene`` drawn by ``MapRenderer``), internal links
/// and named destinations, links out to URIs, an outline (bookmarks), page
/// labels and metadata.
///
/// The report module lays out its pages with this type and never touches a
/// Cairo or Pango handle itself: the handles stay in Render, their owner.
/// Coordinates are PDF points from the top-left corner of the page.
///
/// Cairo keeps an error once it has one and then silently ignores every later
/// drawing call; a tag attribute it cannot parse (an unescaped quote or
/// backslash) is one such error. So the status is checked after every tag and
/// every page, and attribute strings never hold either (``attributeString(_:uri:)``).
///
/// - Important: not thread-safe (it owns a Cairo surface and context and a Pango
///   font map); one per document.
public final class PDFDocumentWriter {
    public let pageWidth: Double
    public let pageHeight: Double
    /// 1-based number of the page being drawn.
    public private(set) var pageNumber = 1
    private let surface: CairoSurface
    private let cr: CairoContext
    private let renderer: MapRenderer

    public init(width: Double, height: Double, metadata: PDFMetadata) throws {
        pageWidth = width
        pageHeight = height
        surface = try CairoSurface.pdf(width: width, height: height)
        cr = try CairoContext(surface: surface)
        renderer = try MapRenderer()
        let p = surface.pointer
        cairo_pdf_surface_set_metadata(p, CAIRO_PDF_METADATA_TITLE, metadata.title)
        cairo_pdf_surface_set_metadata(p, CAIRO_PDF_METADATA_SUBJECT, metadata.subject)
        cairo_pdf_surface_set_metadata(p, CAIRO_PDF_METADATA_AUTHOR, metadata.author)
        cairo_pdf_surface_set_metadata(p, CAIRO_PDF_METADATA_KEYWORDS, metadata.keywords)
        cairo_pdf_surface_set_metadata(p, CAIRO_PDF_METADATA_CREATE_DATE, metadata.date)
        cairo_pdf_surface_set_metadata(p, CAIRO_PDF_METADATA_MOD_DATE, metadata.date)
        try checkCairo(cairo_surface_status(p), "setting the PDF metadata")
        try setPageLabel("1")
    }

    // MARK: pages

    /// Ends the current page and starts the next one.
    public func newPage() throws {
        cairo_show_page(cr.pointer)
        try cr.check("ending page \(pageNumber)")
        pageNumber += 1
        try setPageLabel("\(pageNumber)")
    }

    /// The label a viewer shows for the current page.
    public func setPageLabel(_ label: String) throws {
        cairo_pdf_surface_set_page_label(surface.pointer, label)
        try checkCairo(cairo_surface_status(surface.pointer), "labelling page \(pageNumber)")
    }

    /// Writes the document out; the writer is done after this.
    public func finish() throws -> Data {
        try cr.check("drawing the document")
        return try surface.finish()
    }

    // MARK: text

    private func layout(_ text: String, width: Double, style: DocumentTextStyle) -> PangoTextLayout {
        // Pango picks a paragraph's direction from its first strong character,
        // which in a mixed cell may be a Latin word in an Arabic sentence (or
        // the other way round). A leading mark (RLM / LRM, invisible) fixes the
        // direction per cell.
        let mark = style.direction == .rightToLeft ? "\u{200F}" : "\u{200E}"
        let made = PangoTextLayout(fonts: renderer.fonts, text: mark + text, font: style.font,
                                   alignment: style.alignment, letterSpacing: 0)
        pango_layout_set_width(made.pointer, Int32(max(1, width) * Double(PANGO_SCALE)))
        pango_layout_set_wrap(made.pointer, PANGO_WRAP_WORD_CHAR)
        return made
    }

    /// The height in points `text` takes wrapped to `width`.
    public func textHeight(_ text: String, width: Double, style: DocumentTextStyle) -> Double {
        layout(text, width: width, style: style).size.height
    }

    /// The width in points of `text` on one line.
    public func textWidth(_ text: String, style: DocumentTextStyle) -> Double {
        PangoTextLayout(fonts: renderer.fonts, text: text, font: style.font, alignment: .left, letterSpacing: 0).size.width
    }

    /// Draws `text` wrapped to `width` with its top-left corner at (`x`, `y`);
    /// returns the height it took.
    @discardableResult
    public func drawText(_ text: String, x: Double, y: Double, width: Double, style: DocumentTextStyle) -> Double {
        let l = layout(text, width: width, style: style)
        cairo_move_to(cr.pointer, x, y)
        setColor(style.color)
        pango_cairo_show_layout(cr.pointer, l.pointer)
        cairo_new_path(cr.pointer)
        return l.size.height
    }

    /// How many characters of `text` no installed font can draw.
    public func unknownGlyphs(in text: String) -> Int { renderer.unknownGlyphs(in: text) }

    // MARK: shapes

    private func setColor(_ c: RGBA) { cairo_set_source_rgba(cr.pointer, c.red, c.green, c.blue, c.alpha) }

    public func fill(_ rect: SceneRect, color: RGBA) {
        setColor(color)
        cairo_rectangle(cr.pointer, rect.x, rect.y, rect.width, rect.height)
        cairo_fill(cr.pointer)
    }

    public func stroke(_ rect: SceneRect, color: RGBA, width: Double) {
        setColor(color)
        cairo_set_line_width(cr.pointer, width)
        cairo_set_dash(cr.pointer, nil, 0, 0)
        cairo_rectangle(cr.pointer, rect.x, rect.y, rect.width, rect.height)
        cairo_stroke(cr.pointer)
    }

    /// An open polyline; `dash` in points, empty for a solid line.
    public func stroke(line points: [ScenePoint], color: RGBA, width: Double, dash: [Double] = []) {
        guard let first = points.first else { return }
        setColor(color)
        cairo_set_line_width(cr.pointer, width)
        cairo_set_line_join(cr.pointer, CAIRO_LINE_JOIN_ROUND)
        dash.withUnsafeBufferPointer { cairo_set_dash(cr.pointer, $0.baseAddress, Int32($0.count), 0) }
        cairo_move_to(cr.pointer, first.x, first.y)
        for p in points.dropFirst() { cairo_line_to(cr.pointer, p.x, p.y) }
        cairo_stroke(cr.pointer)
        cairo_set_dash(cr.pointer, nil, 0, 0)
    }

    // MARK: maps

    /// Draws a whole map scaled to fit `rect` (keeping its shape, centred),
    /// clipped to it, as vectors.
    public func drawMap(_ scene: MapScene, in rect: SceneRect) throws {
        let fit = min(rect.width / Double(scene.pixelWidth), rect.height / Double(scene.pixelHeight))
        let w = Double(scene.pixelWidth) * fit, h = Double(scene.pixelHeight) * fit
        cairo_save(cr.pointer)
        cairo_translate(cr.pointer, rect.x + (rect.width - w) / 2, rect.y + (rect.height - h) / 2)
        cairo_scale(cr.pointer, fit, fit)
        cairo_rectangle(cr.pointer, 0, 0, Double(scene.pixelWidth), Double(scene.pixelHeight))
        cairo_clip(cr.pointer)
        try renderer.drawScene(scene, on: cr)
        cairo_restore(cr.pointer)
        try cr.check("drawing a map on page \(pageNumber)")
    }

    // MARK: links, destinations, outline

    /// `'value'` for a cairo tag attribute. Cairo's parser takes a backslash
    /// escape for quotes and backslashes, but an unescaped one puts the surface
    /// in an error state, and its escape handling is the least exercised part
    /// of cairo 1.16: so neither ever reaches it. Destination names are ours
    /// (`map-3`, `event-12`) and anything but letters, digits and `-_.` is
    /// written `_hh`; in URIs the two are percent-encoded (`%27`, `%5C`), which
    /// a URI may always do.
    static func attributeString(_ value: String, uri: Bool = false) -> String {
        var out = "'"
        for scalar in value.unicodeScalars {
            let safe = uri ? (scalar != "'" && scalar != "\\" && scalar.value >= 0x21 && scalar.value < 0x7F)
                : (scalar.properties.isAlphabetic && scalar.isASCII) || ("0"..."9").contains(scalar) || "-_.".unicodeScalars.contains(scalar)
            if safe {
                out.unicodeScalars.append(scalar)
            } else {
                for byte in String(scalar).utf8 { out += (uri ? "%" : "_") + String(format: "%02X", byte) }
            }
        }
        return out + "'"
    }

    private static func rectAttribute(_ r: SceneRect) -> String {
        String(format: "rect=[%.2f %.2f %.2f %.2f]", r.x, r.y, r.width, r.height)
    }

    private func tag(_ name: String, _ attributes: String, _ what: String) throws {
        cairo_tag_begin(cr.pointer, name, attributes)
        cairo_tag_end(cr.pointer, name)
        try cr.check("\(what) on page \(pageNumber)")
        try checkCairo(cairo_surface_status(surface.pointer), "\(what) on page \(pageNumber)")
    }

    /// Marks a named destination at `point` of the current page, for links and
    /// the outline. Exported by name (not `internal`), so `report.pdf#map-3`
    /// opens at that map.
    public func destination(_ name: String, at point: ScenePoint) throws {
        let attributes = "name=\(Self.attributeString(name)) x=\(String(format: "%.2f", point.x)) y=\(String(format: "%.2f", point.y))"
        try tag(CAIRO_TAG_DEST, attributes, "marking destination \(name)")
    }

    /// A clickable area that jumps to a destination of this document.
    public func link(_ rect: SceneRect, toDestination name: String) throws {
        try tag(CAIRO_TAG_LINK, "\(Self.rectAttribute(rect)) dest=\(Self.attributeString(name))", "linking to \(name)")
    }

    /// A clickable area that opens `uri`.
    public func link(_ rect: SceneRect, toURI uri: String) throws {
        try tag(CAIRO_TAG_LINK, "\(Self.rectAttribute(rect)) uri=\(Self.attributeString(uri, uri: true))", "linking to \(uri)")
    }

    /// Adds a bookmark to destination `name` under `parent` (0 for the top
    /// level); returns its id for children.
    @discardableResult
    public func addOutline(_ title: String, destination name: String, parent: Int = 0) throws -> Int {
        let id = cairo_pdf_surface_add_outline(surface.pointer, Int32(parent), title, "dest=\(Self.attributeString(name))",
                                               cairo_pdf_outline_flags_t(0))
        try checkCairo(cairo_surface_status(surface.pointer), "adding bookmark \(title)")
        return Int(id)
    }
}
