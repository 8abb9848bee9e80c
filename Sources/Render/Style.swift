import Gazetteer
import Timeline

/// Colours and sizes of the map, in one place so the look can be tuned without
/// touching composition logic. Sizes are layout px at scale 1.
enum Style {
    static let sea = RGBA(hex: 0xc9dfec)
    static let land = RGBA(hex: 0xe9e5dc)
    static let homeLand = RGBA(hex: 0xfbf8f1)
    static let coast = Stroke(color: RGBA(hex: 0x5d88a6), width: 0.9)
    static let border = Stroke(color: RGBA(hex: 0x7a746a), width: 1.1, dash: [6, 3])
    static let countryName = RGBA(hex: 0x8c857a)
    static let ink = RGBA(hex: 0x1b1b1b)
    static let softInk = RGBA(hex: 0x555555)
    static let halo = Stroke(color: RGBA(1, 1, 1, 0.88), width: 3.2)
    static let panel = RGBA(1, 1, 1, 0.9)
    static let panelEdge = Stroke(color: RGBA(hex: 0x9a9a9a), width: 0.8)
    static let unknown = RGBA(hex: 0x9b9b9b)
    /// A dark edge: a symbol keeps its contrast on a zone of its own colour
    /// (an amber plane on amber ground), which a white edge did not.
    static let symbolEdge = Stroke(color: RGBA(hex: 0x262626), width: 1.1)
    /// Rings, front and date each have their own colour, told apart by hue for
    /// colour-blind readers (vermilion, black, blue: Okabe & Ito's palette) and
    /// by lightness in greyscale (relative luminance 0.22, 0.01, 0.11).
    static let changedRing = Stroke(color: RGBA(hex: 0xd55e00), width: 2.6)
    static let front = Stroke(color: RGBA(hex: 0x141414), width: 3.2)
    static let frontCasing = Stroke(color: RGBA(1, 1, 1, 0.85), width: 6.5)
    /// A front through sparse data: dashed and lighter, so it reads as a guess.
    static let sparseFront = Stroke(color: RGBA(hex: 0x141414, alpha: 0.55), width: 2.2, dash: [7, 5])
    static let dateColor = RGBA(hex: 0x0060a8)
    /// Where zones end because the data does: thin, dotted, grey, unlike any front.
    static let dataEdge = Stroke(color: RGBA(hex: 0x6e6e6e, alpha: 0.8), width: 1, dash: [1.5, 3.5])
    /// Land no place reaches: lighter than the land, so it stays apart from every
    /// zone tint in greyscale (relative luminance about 0.97 against 0.82 for
    /// the lightest tint, LNA amber). Solid, not hatched: a hatch over the
    /// whole desert tripled the drawing time of a map.
    static let noData = Paint.solid(RGBA(1, 1, 1, 0.7))
    /// The circle around a place whose coordinate is approximate.
    static let approximate = Stroke(color: RGBA(hex: 0x262626, alpha: 0.7), width: 1, dash: [2.5, 2])
    /// A place held on one side's claim only: white inside, its edge in the faction's colour.
    static let claimedEdgeWidth = 2.4
    static let zoneAlpha = 0.3
    static let margin = 14.0

    static func color(_ c: RGBColor, alpha: Double = 1) -> RGBA {
        RGBA(Double(c.red) / 255, Double(c.green) / 255, Double(c.blue) / 255, alpha)
    }

    /// Symbol shape and radius by kind; cities grow with population.
    static func symbol(for place: Place) -> (SymbolShape, Double) {
        switch place.kind {
        case .city: return (.circle, place.population >= 500_000 ? 8.5 : 7)
        case .town: return (.circle, 5.5)
        case .village: return (.circle, 4)
        case .district: return (.circle, 4.5)
        case .airbase, .airport: return (.plane, 8)
        case .port: return (.square, 5)
        case .oilfield: return (.triangle, 5.5)
        case .crossing, .camp: return (.square, 4.5)
        case .road, .junction, .ruins, .site: return (.diamond, 4)
        case .region: return (.diamond, 4.5)
        }
    }

    /// Label priority: cities first, then airbases and towns; changed places go up.
    /// `closeUp` is a city-scale view, where districts are what the reader came for.
    static func importance(of place: Place, emphasised: Bool, closeUp: Bool = false) -> Double {
        let base: Double
        switch place.kind {
        case .district where closeUp: base = 65
        case .city: base = 100
        case .airbase, .airport: base = 70
        case .town: base = 60
        case .port, .oilfield, .crossing, .camp: base = 45
        case .road, .junction, .ruins, .site: base = 35
        case .district: base = 40
        case .village: base = 30
        case .region: base = 20
        }
        return base + min(Double(place.population) / 100_000, 30) + (emphasised ? 50 : 0)
    }

    static func labelFont(for place: Place) -> FontSpec {
        switch place.kind {
        case .city: return FontSpec(size: place.population >= 500_000 ? 17 : 15, bold: true)
        case .town, .airbase, .airport: return FontSpec(size: 13.5)
        case .region: return FontSpec(size: 12.5, italic: true)
        default: return FontSpec(size: 12.5)
        }
    }
}
