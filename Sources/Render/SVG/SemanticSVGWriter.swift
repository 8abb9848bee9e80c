import Foundation

/// Writes a ``MapScene`` as semantic SVG: real `<text>` a graphics desk can
/// edit, layers as named groups, and data attributes that tie every mark to
/// its place (Cairo's SVG surface can only write glyph outlines and anonymous
/// groups). Generic over scene items: each ``SceneItem`` becomes SVG
/// primitives, and each ``SceneRole`` becomes a group or attributes, so a new
/// kind of mark needs nothing here beyond the primitives it is drawn with.
///
/// The contract tools and tests rely on:
/// - a place symbol is a `<g class="place" data-place="id" data-x data-y>`
///   (centre, px; `data-r` its radius) with `data-inset="name"` inside a detail inset;
/// - a label is a `<text class="label" data-place data-bbox="x y w h">`
///   (its measured box, px), `data-inset` likewise;
/// - a leader is a `<path class="leader" data-place d="M x y L x y">`;
/// - furniture is a `<g data-furniture="legend|scale-bar|locator-inset|detail-inset|title|footer" data-bbox>`,
///   all inside `<g id="prefix-furniture">`;
/// - layers are `<g id="prefix-basemap|zones|front|places|labels">`, land
///   `<g data-country="ISO3">`.
///
/// Every id starts with `idPrefix` so many maps can be inlined in one HTML
/// page. Same scene and prefix, same bytes. Coordinates are layout px (the
/// `viewBox`); `width` and `height` are device px (times the scene's scale).
public struct SemanticSVGWriter {
    public let idPrefix: String
    /// Lays out a text block's lines (the renderer's Pango, so text lands where the PNG has it).
    let lines: (TextItem) -> [TextLine]

    init(idPrefix: String, lines: @escaping (TextItem) -> [TextLine]) {
        self.idPrefix = SemanticSVGWriter.sanitize(idPrefix)
        self.lines = lines
    }

    /// An id prefix safe in XML and CSS: letters, digits, `-` and `_`, starting with a letter.
    public static func sanitize(_ prefix: String) -> String {
        var out = String(prefix.unicodeScalars.map { s -> Character in
            s.isASCII && (CharacterSet.alphanumerics.contains(s) || s == "-" || s == "_") ? Character(s) : "-"
        })
        if out.first.map({ !$0.isLetter }) ?? true { out = "m" + out }
        return out
    }

    public func write(_ scene: MapScene) -> Data {
        var out = Output(prefix: idPrefix)
        out.text.reserveCapacity(1 << 20)
        out.put("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        out.put("<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"\(idPrefix)\" width=\"\(scene.pixelWidth)px\" height=\"\(scene.pixelHeight)px\" viewBox=\"0 0 \(scene.width) \(scene.height)\">\n")
        out.put("<rect width=\"\(scene.width)\" height=\"\(scene.height)\"\(paint("fill", scene.background))/>\n")
        items(scene.base, &out)
        // Top-level furniture groups (header, panels, footer) form the furniture layer.
        var i = 0
        let top = scene.overlay
        while i < top.count {
            if case .group(.furniture, _) = top[i] {
                out.put("<g id=\"\(out.id("furniture"))\">\n")
                while i < top.count, case .group(.furniture, _) = top[i] { items([top[i]], &out); i += 1 }
                out.put("</g>\n")
            } else {
                items([top[i]], &out)
                i += 1
            }
        }
        out.put("</svg>\n")
        return Data(out.text.utf8)
    }

    // MARK: items

    private func items(_ list: [SceneItem], _ out: inout Output, attributes: String = "") {
        for item in list {
            switch item {
            case .path(let p): path(p, &out, attributes: attributes)
            case .symbol(let s): symbol(s, &out)
            case .text(let t): text(t, &out, attributes: attributes)
            case .clip(let r, let inner):
                let id = out.next("clip")
                out.put("<clipPath id=\"\(id)\"><rect x=\"\(n(r.x))\" y=\"\(n(r.y))\" width=\"\(n(r.width))\" height=\"\(n(r.height))\"/></clipPath>\n")
                out.put("<g clip-path=\"url(#\(id))\">\n")
                items(inner, &out)
                out.put("</g>\n")
            case .group(let role, let inner):
                group(role, inner, &out)
            }
        }
    }

    private func group(_ role: SceneRole, _ inner: [SceneItem], _ out: inout Output) {
        switch role {
        case .layer(let name):
            out.put(out.claim(name) ? "<g id=\"\(out.id(name))\" class=\"layer\">\n" : "<g class=\"layer\" data-layer=\"\(esc(name))\">\n")
        case .furniture(let name, let box):
            out.put("<g data-furniture=\"\(esc(name))\" data-bbox=\"\(bbox(box))\">\n")
        case .place(let id, let c, let inset):
            let r = inner.compactMap { if case .symbol(let s) = $0 { return s.radius } else { return nil } }.max() ?? 0
            out.put("<g class=\"place\" data-place=\"\(esc(id))\" data-x=\"\(n(c.x))\" data-y=\"\(n(c.y))\" data-r=\"\(n(r))\"\(insetAttr(inset))>\n")
        case .land(let iso3):
            out.put("<g data-country=\"\(esc(iso3))\">\n")
        case .label(let id, let box, let inset):
            // The attributes go on the <text> itself.
            items(inner, &out, attributes: " class=\"label\" data-place=\"\(esc(id))\" data-bbox=\"\(bbox(box))\"\(insetAttr(inset))")
            return
        case .leader(let id, let inset):
            items(inner, &out, attributes: " class=\"leader\" data-place=\"\(esc(id))\"\(insetAttr(inset))")
            return
        case .unchanging:
            // A raster cache hint only: the items are written as they are.
            items(inner, &out)
            return
        }
        items(inner, &out)
        out.put("</g>\n")
    }

    private func insetAttr(_ inset: String?) -> String { inset.map { " data-inset=\"\(esc($0))\"" } ?? "" }
    private func bbox(_ r: SceneRect) -> String { "\(n(r.x)) \(n(r.y)) \(n(r.width)) \(n(r.height))" }

    // MARK: primitives

    private func pathData(_ subpaths: [[ScenePoint]], closed: Bool) -> String {
        var d = ""
        for sub in subpaths where !sub.isEmpty {
            d += "M\(n(sub[0].x)) \(n(sub[0].y))"
            for p in sub.dropFirst() { d += "L\(n(p.x)) \(n(p.y))" }
            if closed { d += "Z" }
        }
        return d
    }

    private func path(_ p: PathItem, _ out: inout Output, attributes: String) {
        let d = pathData(p.subpaths, closed: p.closed)
        guard !d.isEmpty else { return }
        var a = ""
        switch p.fill {
        case nil: a += " fill=\"none\""
        case .solid(let c)?: a += paint("fill", c) + " fill-rule=\"evenodd\""
        case .hatch(let colors, let spacing)?: a += " fill=\"url(#\(hatch(colors, spacing: spacing, &out)))\" fill-rule=\"evenodd\""
        }
        if let s = p.stroke { a += stroke(s) }
        out.put("<path\(attributes) d=\"\(d)\"\(a)/>\n")
    }

    /// Diagonal stripes as a pattern: Cairo draws them as lines up and to the
    /// right, `spacing / 2` apart along x and `spacing / 3` wide, colours in turn.
    private func hatch(_ colors: [RGBA], spacing: Double, _ out: inout Output) -> String {
        let id = out.next("hatch")
        let pitch = spacing / 2 * 0.70710678, width = spacing / 3
        let tile = pitch * Double(max(colors.count, 1))
        out.put("<pattern id=\"\(id)\" patternUnits=\"userSpaceOnUse\" width=\"\(n(tile))\" height=\"10\" patternTransform=\"rotate(45)\">")
        for (i, c) in colors.enumerated() {
            out.put("<rect x=\"\(n((Double(i) + 0.5) * pitch - width / 2))\" y=\"0\" width=\"\(n(width))\" height=\"10\"\(paint("fill", c))/>")
        }
        out.put("</pattern>\n")
        return id
    }

    private func outline(_ s: SymbolItem, attributes: String) -> String {
        switch SymbolOutline(s) {
        case .circle(let c, let r): return "<circle cx=\"\(n(c.x))\" cy=\"\(n(c.y))\" r=\"\(n(r))\"\(attributes)/>"
        case .polygon(let pts): return "<path d=\"\(pathData([pts], closed: true))\"\(attributes)/>"
        }
    }

    private func symbol(_ s: SymbolItem, _ out: inout Output) {
        if let ring = s.ring {
            out.put("<circle cx=\"\(n(s.center.x))\" cy=\"\(n(s.center.y))\" r=\"\(n(SymbolOutline.ringRadius(s)))\" fill=\"none\"\(stroke(ring))/>\n")
        }
        if s.fills.count >= 2 {
            for (half, fill) in zip(SymbolOutline.halves(s), s.fills.prefix(2)) {
                let id = out.next("clip")
                out.put("<clipPath id=\"\(id)\"><rect x=\"\(n(half.x))\" y=\"\(n(half.y))\" width=\"\(n(half.width))\" height=\"\(n(half.height))\"/></clipPath>")
                out.put(outline(s, attributes: paint("fill", fill) + " clip-path=\"url(#\(id))\"") + "\n")
            }
            out.put(outline(s, attributes: " fill=\"none\"" + stroke(s.stroke)) + "\n")
        } else {
            let fill = s.fills.first.map { paint("fill", $0) } ?? " fill=\"none\""
            out.put(outline(s, attributes: fill + stroke(s.stroke)) + "\n")
        }
    }

    /// Whether a line reads right to left: its first strong character is Arabic or Hebrew.
    static func isRightToLeft(_ line: String) -> Bool {
        for s in line.unicodeScalars {
            switch s.value {
            case 0x0590...0x08FF, 0xFB1D...0xFDFF, 0xFE70...0xFEFF: return true
            case 0x41...0x5A, 0x61...0x7A, 0xC0...0x24F: return false
            default: continue
            }
        }
        return false
    }

    private func text(_ t: TextItem, _ out: inout Output, attributes: String) {
        let laid = lines(t)
        guard !laid.isEmpty else { return }
        let rtl = laid.map { SemanticSVGWriter.isRightToLeft($0.text) }
        let allRTL = !rtl.contains(false)
        var a = attributes
        a += " font-family=\"\(allRTL ? "Noto Sans Arabic, Noto Sans" : "Noto Sans, Noto Sans Arabic")\" font-size=\"\(n(t.font.size))\""
        if t.font.bold { a += " font-weight=\"bold\"" }
        if t.font.italic { a += " font-style=\"italic\"" }
        if t.letterSpacing != 0 { a += " letter-spacing=\"\(n(t.letterSpacing))\"" }
        if allRTL { a += " direction=\"rtl\"" }
        a += " text-anchor=\"middle\"" + paint("fill", t.color)
        if let halo = t.halo { a += " paint-order=\"stroke\"" + stroke(halo) }
        // Each line centred where Pango put it: the browser's own shaping may
        // differ by a fraction of a pixel in width, never in place.
        var body = ""
        for (line, isRTL) in zip(laid, rtl) {
            let x = t.origin.x + line.x + line.width / 2, y = t.origin.y + line.baseline
            let dir = isRTL && !allRTL ? " direction=\"rtl\" unicode-bidi=\"embed\" font-family=\"Noto Sans Arabic, Noto Sans\"" : ""
            body += "<tspan x=\"\(n(x))\" y=\"\(n(y))\"\(dir)>\(esc(line.text))</tspan>"
        }
        out.put("<text\(a)>\(body)</text>\n")
    }

    // MARK: attributes

    private func hex(_ c: RGBA) -> String {
        func byte(_ v: Double) -> Int { Int((min(max(v, 0), 1) * 255).rounded()) }
        let v = byte(c.red) << 16 | byte(c.green) << 8 | byte(c.blue)
        let s = String(v, radix: 16)
        return "#" + String(repeating: "0", count: 6 - s.count) + s
    }

    private func paint(_ name: String, _ c: RGBA) -> String {
        " \(name)=\"\(hex(c))\"" + (c.alpha < 1 ? " \(name)-opacity=\"\(n(c.alpha))\"" : "")
    }

    private func stroke(_ s: Stroke) -> String {
        var a = paint("stroke", s.color) + " stroke-width=\"\(n(s.width))\""
        if s.dash.isEmpty {
            a += " stroke-linejoin=\"round\" stroke-linecap=\"round\""
        } else {
            a += " stroke-linejoin=\"round\" stroke-dasharray=\"\(s.dash.map(n).joined(separator: " "))\""
        }
        return a
    }

    /// A number with at most two decimals, no trailing zeros: stable and short.
    func n(_ v: Double) -> String {
        let c = Int((v * 100).rounded())
        let sign = c < 0 ? "-" : ""
        let a = abs(c)
        let whole = a / 100, frac = a % 100
        if frac == 0 { return sign + String(whole) }
        return sign + String(whole) + (frac % 10 == 0 ? "." + String(frac / 10) : (frac < 10 ? ".0" : ".") + String(frac))
    }

    private func esc(_ s: String) -> String {
        guard s.contains(where: { $0 == "&" || $0 == "<" || $0 == ">" || $0 == "\"" }) else { return s }
        return s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    /// The document being written and its id counters.
    private struct Output {
        let prefix: String
        var text = ""
        var counters: [String: Int] = [:]
        var claimed: Set<String> = []
        mutating func put(_ s: String) { text += s }
        func id(_ name: String) -> String { prefix + "-" + name }
        /// A fresh numbered id: `prefix-clip-3`.
        mutating func next(_ kind: String) -> String {
            let k = (counters[kind] ?? 0) + 1
            counters[kind] = k
            return "\(prefix)-\(kind)-\(k)"
        }
        /// True the first time a layer name is seen: ids stay unique.
        mutating func claim(_ name: String) -> Bool { claimed.insert(name).inserted }
    }
}

extension MapRenderer {
    /// The scene as semantic SVG (see ``SemanticSVGWriter``), text laid out
    /// by this renderer's Pango so it sits where the PNG has it.
    public func semanticSVG(_ scene: MapScene, idPrefix: String) -> Data {
        SemanticSVGWriter(idPrefix: idPrefix) { [self] t in
            layout(t.text, font: t.font, alignment: t.alignment, letterSpacing: t.letterSpacing).lines
        }.write(scene)
    }
}
