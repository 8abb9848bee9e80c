import Foundation
import Gazetteer

/// Drawing the detail inset: the main map's own layers, magnified.
extension MapComposer {
    static let detailFrame = Stroke(color: RGBA(hex: 0x333333), width: 1.3)

    static func outline(_ r: SceneRect) -> [ScenePoint] {
        [ScenePoint(x: r.x, y: r.y), ScenePoint(x: r.maxX, y: r.y), ScenePoint(x: r.maxX, y: r.maxY), ScenePoint(x: r.x, y: r.maxY)]
    }

    /// The frame on the main map around what the inset magnifies.
    func detailWindowFrame(_ detail: DetailInsetPlan) -> SceneItem {
        .group(.layer("detail-window"), [.path(PathItem(subpaths: [MapComposer.outline(detail.window)], closed: true,
                                                        stroke: MapComposer.detailFrame))])
    }

    /// The paths of `items` with every point mapped (texts dropped: a name
    /// placed for the main map means nothing at another scale).
    /// Cut to `frame` (a little larger than the inset): the magnified map
    /// reaches far beyond the box, and drawing all of it only to clip it away
    /// would cost every frame.
    static func paths(of items: [SceneItem], mapped f: (ScenePoint) -> ScenePoint, within frame: SceneRect) -> [SceneItem] {
        items.compactMap { item -> SceneItem? in
            switch item {
            case .path(var p):
                p.subpaths = p.closed ? p.subpaths.map { Clipping.ring($0.map(f), to: frame) }.filter { !$0.isEmpty }
                                      : p.subpaths.flatMap { Clipping.line($0.map(f), to: frame) }
                return p.subpaths.isEmpty ? nil : .path(p)
            case .clip(_, let inner): return .group(.layer("clipped"), paths(of: inner, mapped: f, within: frame))
            // Land keeps no country tag: `data-country` rings are the main map's.
            case .group(.land, let inner): return .group(.layer("detail-land"), paths(of: inner, mapped: f, within: frame))
            case .group(let role, let inner): return .group(role, paths(of: inner, mapped: f, within: frame))
            case .symbol, .text: return nil
            }
        }
    }

    /// The basemap of the inset, made once per composer and plan: it does not change with the day.
    func detailBase(_ detail: DetailInsetPlan) -> [SceneItem] {
        if let cached = detailBaseCache[detail.rect] { return cached }
        var items = MapComposer.paths(of: baseItems, mapped: detail.map, within: detail.rect.insetBy(-20))
        // The layer names belong to the main map.
        items = items.map { if case .group(.layer, let inner) = $0 { return .group(.layer("detail-basemap"), inner) } else { return $0 } }
        detailBaseCache[detail.rect] = items
        return items
    }

    /// The inset: sea, land, zones, front, the dots of the window with their
    /// labels, all magnified, framed, over a panel.
    func detailInsetItems(_ detail: DetailInsetPlan, zones: [SceneItem], fronts: [SceneItem],
                          symbols: [(place: Place, item: SymbolItem)], places: [Place]) -> SceneItem {
        let sea = SceneItem.path(PathItem(subpaths: [MapComposer.outline(detail.rect)], closed: true, fill: .solid(Style.sea)))
        // Sea and land do not change with the day: a frame sequence draws them once.
        var inside: [SceneItem] = [.group(.unchanging(key: "\(baseKey)|detail|\(detail.rect)", bounds: detail.rect), [sea] + detailBase(detail))]
        inside += MapComposer.paths(of: zones, mapped: detail.map, within: detail.rect.insetBy(-20))
        inside += MapComposer.paths(of: fronts, mapped: detail.map, within: detail.rect.insetBy(-20))
        for (place, var item) in symbols {
            item.center = detail.map(item.center)
            inside.append(.group(.place(place.id, center: item.center, inset: detail.name), [.symbol(item)]))
        }
        inside += labelLayer(detail.labels, leaders: detail.leaders, places: places.filter { detail.placeIDs.contains($0.id) },
                             inset: detail.name)
        let frame = SceneItem.path(PathItem(subpaths: [MapComposer.outline(detail.rect)], closed: true, stroke: MapComposer.detailFrame))
        return .group(.furniture("detail-inset", bbox: detail.rect.insetBy(-1)), [.clip(detail.rect, inside), frame])
    }
}
