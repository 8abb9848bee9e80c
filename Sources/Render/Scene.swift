import FrontlineCore
import Geo

/// A colour with alpha, components 0...1, as the scene hands it to a backend.
public struct RGBA: Hashable, Sendable {
    public var red: Double
    public var green: Double
    public var blue: Double
    public var alpha: Double
    public init(_ red: Double, _ green: Double, _ blue: Double, _ alpha: Double = 1) {
        self.red = red
        self.green = green
        self.blue = blue
        self.alpha = alpha
    }
    /// `RGBA(hex: 0x1f3f8f)`.
    public init(hex: UInt32, alpha: Double = 1) {
        self.init(Double((hex >> 16) & 0xff) / 255, Double((hex >> 8) & 0xff) / 255, Double(hex & 0xff) / 255, alpha)
    }
    public func with(alpha: Double) -> RGBA { RGBA(red, green, blue, alpha) }
}

/// A point on the canvas in layout pixels (y down). The backend multiplies by the
/// scene's `scale`, so a scene composed for 1600x1200 draws at 3200x2400 unchanged.
public struct ScenePoint: Hashable, Sendable {
    public var x: Double
    public var y: Double
    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }
}

/// An axis-aligned rectangle in layout pixels.
public struct SceneRect: Hashable, Sendable {
    public var x: Double
    public var y: Double
    public var width: Double
    public var height: Double
    public init(x: Double, y: Double, width: Double, height: Double) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }
    public var maxX: Double { x + width }
    public var maxY: Double { y + height }
    public func intersects(_ o: SceneRect) -> Bool {
        x < o.maxX && o.x < maxX && y < o.maxY && o.y < maxY
    }
    public func contains(_ o: SceneRect) -> Bool {
        o.x >= x && o.y >= y && o.maxX <= maxX && o.maxY <= maxY
    }
    public func insetBy(_ d: Double) -> SceneRect {
        SceneRect(x: x + d, y: y + d, width: width - 2 * d, height: height - 2 * d)
    }
}

/// How a closed path is filled.
public enum Paint: Hashable, Sendable {
    case solid(RGBA)
    /// Diagonal stripes in alternating colours (contested ground); `spacing` in layout px.
    case hatch([RGBA], spacing: Double)
}

/// How a path is stroked; widths in layout px, `dash` lengths in layout px (empty: solid).
public struct Stroke: Hashable, Sendable {
    public var color: RGBA
    public var width: Double
    public var dash: [Double]
    public init(color: RGBA, width: Double, dash: [Double] = []) {
        self.color = color
        self.width = width
        self.dash = dash
    }
}

/// A set of polylines or rings drawn as one path (even-odd fill, so holes work).
public struct PathItem: Hashable, Sendable {
    public var subpaths: [[ScenePoint]]
    public var closed: Bool
    public var fill: Paint?
    public var stroke: Stroke?
    public init(subpaths: [[ScenePoint]], closed: Bool, fill: Paint? = nil, stroke: Stroke? = nil) {
        self.subpaths = subpaths
        self.closed = closed
        self.fill = fill
        self.stroke = stroke
    }
}

/// The shape of a place symbol.
public enum SymbolShape: String, Hashable, Sendable {
    case circle, square, diamond, triangle
    /// A plane seen from above: airbases and airports.
    case plane
}

/// A place symbol. With two fills the shape is split vertically, left half the
/// first colour and right half the second (a contested place).
public struct SymbolItem: Hashable, Sendable {
    public var shape: SymbolShape
    public var center: ScenePoint
    /// Half the symbol's extent, layout px.
    public var radius: Double
    public var fills: [RGBA]
    public var stroke: Stroke
    /// A ring drawn around the symbol (a place that changed hands), nil for none.
    public var ring: Stroke?
    public init(shape: SymbolShape, center: ScenePoint, radius: Double, fills: [RGBA], stroke: Stroke, ring: Stroke? = nil) {
        self.shape = shape
        self.center = center
        self.radius = radius
        self.fills = fills
        self.stroke = stroke
        self.ring = ring
    }
    /// The area the symbol covers, ring included; used as an obstacle for labels.
    public var bounds: SceneRect {
        let r = radius + (ring == nil ? 1 : 5)
        return SceneRect(x: center.x - r, y: center.y - r, width: 2 * r, height: 2 * r)
    }
}

/// A font as Pango names it: a family list and a size in layout px.
public struct FontSpec: Hashable, Sendable {
    /// Latin first, Arabic as the fallback, so mixed strings shape with both.
    public static let families = "Noto Sans, Noto Sans Arabic"
    public var size: Double
    public var bold: Bool
    public var italic: Bool
    public init(size: Double, bold: Bool = false, italic: Bool = false) {
        self.size = size
        self.bold = bold
        self.italic = italic
    }
    /// The Pango font description string, `Noto Sans, Noto Sans Arabic Bold 13px`.
    public var pangoDescription: String {
        var s = FontSpec.families
        if bold { s += " Bold" }
        if italic { s += " Italic" }
        // Two decimals keep the string (and SVG output) stable across platforms.
        let scaled = (size * 100).rounded() / 100
        return s + " \(scaled)px"
    }
}

/// Horizontal alignment of the lines of a text block inside its box.
public enum TextAlignment: String, Hashable, Sendable {
    case left, center, right
}

/// A block of text: one or more lines (`\n`) laid out by Pango, `origin` is the
/// top-left corner of its logical box, in layout px.
public struct TextItem: Hashable, Sendable {
    public var text: String
    public var font: FontSpec
    public var origin: ScenePoint
    public var color: RGBA
    /// Pale outline drawn under the glyphs so text reads over lines and fills.
    public var halo: Stroke?
    public var alignment: TextAlignment
    /// Extra space between letters, in layout px (country names are spaced out).
    public var letterSpacing: Double
    public init(text: String, font: FontSpec, origin: ScenePoint, color: RGBA, halo: Stroke? = nil,
                alignment: TextAlignment = .left, letterSpacing: Double = 0) {
        self.text = text
        self.font = font
        self.origin = origin
        self.color = color
        self.halo = halo
        self.alignment = alignment
        self.letterSpacing = letterSpacing
    }
}

/// One drawing instruction; a scene is a list of them, drawn in order.
public indirect enum SceneItem: Hashable, Sendable {
    case path(PathItem)
    case symbol(SymbolItem)
    case text(TextItem)
    /// Everything inside is clipped to the rectangle (the map frame, the inset).
    case clip(SceneRect, [SceneItem])
    /// Items that belong together and say what they are: raster backends draw
    /// the items and ignore the role; the semantic SVG writes the role as a
    /// named group or as data attributes (see ``SceneRole``).
    case group(SceneRole, [SceneItem])
}

/// What a ``SceneItem/group(_:_:)`` holds, for backends that keep meaning
/// (the semantic SVG) and for tests that check the map without drawing it.
public enum SceneRole: Hashable, Sendable {
    /// A drawing layer: `basemap`, `zones`, `front`, `places`, `labels`, `furniture`.
    case layer(String)
    /// A piece of furniture (`legend`, `scale-bar`, `locator-inset`,
    /// `detail-inset`, `title`, `footer`) and the box it takes, layout px.
    case furniture(String, bbox: SceneRect)
    /// The symbol of a place, its centre in layout px; `inset` names the
    /// detail inset it is drawn in, nil on the main map.
    case place(String, center: ScenePoint, inset: String?)
    /// The label of a place (one text item) and its measured box.
    case label(String, bbox: SceneRect, inset: String?)
    /// The leader line from a place's symbol to its label (one path item).
    case leader(String, inset: String?)
    /// The land of one country (ISO3), so a reader of the SVG can tell whose ground a label is on.
    case land(String)
    /// Items that paint all of `bounds` opaquely (the first one covers it) and
    /// are the same in every map that has this `key` (a detail inset's sea and
    /// land): a raster backend draws them once and paints the pixels after.
    /// Vector backends draw the items; the SVG writes no group for it.
    case unchanging(key: String, bounds: SceneRect)
}

/// A label the composer placed, kept beside the drawing instructions so tests
/// (and frame sequences) can reason about positions without drawing.
public struct PlacedLabel: Hashable, Sendable {
    public var placeID: String
    public var text: String
    /// The text box on the canvas, layout px.
    public var rect: SceneRect
    /// Which candidate position won (`right`, `above-left`, …, `leader`).
    public var position: String
    /// The detail inset the label is drawn in (its `rect` is then in the
    /// inset's canvas px), nil on the main map.
    public var inset: String?
}

/// One row of the legend, as composed.
public struct LegendEntry: Hashable, Sendable {
    public enum Key: Hashable, Sendable {
        case faction(String)
        case contested
        case unknown
        case changed
        case airbase
        /// Held on one side's claim only (a hollow symbol).
        case claimed
        /// A coordinate that is approximate (a dashed circle).
        case approximate
        /// Zones derived from place control (the tints).
        case zone
        /// Zones drawn from published maps (`areas/`).
        case drawnArea
        /// Land no place reaches.
        case noData
        /// Where the zones end because the data does.
        case dataEdge
        case front
        /// A front far from the places of one side or both (dashed).
        case sparseFront
    }
    public var key: Key
    public var text: String
}

/// A whole map as plain values: what to draw, in order, on a canvas of
/// `width` x `height` layout px, multiplied by `scale` into device pixels.
///
/// `base` holds what does not change between dates (sea, land, borders, country
/// names); `baseKey` identifies it, so a renderer drawing many frames of one
/// view paints a cached raster of the base instead of drawing it again.
public struct MapScene: Hashable, Sendable {
    public var width: Int
    public var height: Int
    public var scale: Double
    public var background: RGBA
    public var baseKey: String
    public var base: [SceneItem]
    public var overlay: [SceneItem]
    public var labels: [PlacedLabel]
    public var legend: [LegendEntry]
    /// Labels that did not fit anywhere (ids, highest priority first), reported so a reader can tell.
    public var droppedLabels: [String]
    /// What every id in the scene's SVG starts with, so many maps inline in
    /// one page: by default `fl-<date>`, with the view's name when the composer has one.
    public var idPrefix: String = "map"
    /// Every text the scene draws, for glyph-coverage checks.
    public var texts: [TextItem] {
        func collect(_ items: [SceneItem]) -> [TextItem] {
            items.flatMap { item -> [TextItem] in
                switch item {
                case .text(let t): return [t]
                case .clip(_, let inner), .group(_, let inner): return collect(inner)
                default: return []
                }
            }
        }
        return collect(base) + collect(overlay)
    }
    /// The device size in pixels.
    public var pixelWidth: Int { Int(clampingRounded: Double(width) * scale) }
    public var pixelHeight: Int { Int(clampingRounded: Double(height) * scale) }
}
