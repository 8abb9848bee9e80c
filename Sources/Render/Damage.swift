import CCairo
import Foundation

/// One thing a raster backend draws, with the clip rectangles it is drawn
/// inside: what two overlays are compared by, to redraw only where they differ.
///
/// Groups only say what their items are, so they flatten away; an unchanging
/// group (``SceneRole/unchanging(key:bounds:)``) stays one leaf, because it is
/// painted as one.
struct DrawnLeaf: Hashable {
    var item: SceneItem
    var clips: [SceneRect]

    /// The leaves of `items` in drawing order.
    static func flatten(_ items: [SceneItem]) -> [DrawnLeaf] {
        var leaves: [DrawnLeaf] = []
        func walk(_ items: [SceneItem], _ clips: [SceneRect]) {
            for item in items {
                switch item {
                case .clip(let rect, let inner): walk(inner, clips + [rect])
                case .group(.unchanging, _): leaves.append(DrawnLeaf(item: item, clips: clips))
                case .group(_, let inner): walk(inner, clips)
                case .path, .symbol, .text: leaves.append(DrawnLeaf(item: item, clips: clips))
                }
            }
        }
        walk(items, [])
        return leaves
    }
}

extension MapRenderer {
    /// The pixel rows where a raster of the leaves `new` differs from one of
    /// `old`: the rows of every leaf that is in one and not the other, leaves
    /// matched in order (``CollectionDifference``), as sorted runs that do not
    /// touch. Outside them each pixel is covered by the same matched leaves in
    /// the same order, so it is the same in both rasters.
    ///
    /// Rows of a raster `height` px tall drawn at `scale`, a row more each side
    /// for antialiasing.
    func damagedRows(from old: [DrawnLeaf], to new: [DrawnLeaf], scale: Double, height: Int) -> [Range<Int>] {
        var runs: [Range<Int>] = []
        for change in new.difference(from: old) {
            let leaf: DrawnLeaf
            switch change {
            case .remove(_, let element, _), .insert(_, let element, _): leaf = element
            }
            guard let box = bounds(of: leaf.item) else { continue }
            var top = box.y, bottom = box.maxY
            for clip in leaf.clips {
                top = max(top, clip.y)
                bottom = min(bottom, clip.maxY)
            }
            guard bottom > top else { continue }
            let first = max(0, Int((top * scale).rounded(.down)) - 1), end = min(height, Int((bottom * scale).rounded(.up)) + 1)
            if end > first { runs.append(first..<end) }
        }
        runs.sort { $0.lowerBound < $1.lowerBound }
        var merged: [Range<Int>] = []
        for run in runs {
            if let last = merged.last, run.lowerBound <= last.upperBound {
                merged[merged.count - 1] = last.lowerBound..<max(last.upperBound, run.upperBound)
            } else {
                merged.append(run)
            }
        }
        return merged
    }

    /// The area a leaf's drawing can touch, layout px; nil for one that draws nothing.
    private func bounds(of item: SceneItem) -> SceneRect? {
        switch item {
        case .path(let p):
            // Round joins and caps (butt when dashed) stay within half the width.
            return Self.box(around: p.subpaths.joined(), grownBy: (p.stroke?.width ?? 0) / 2)
        case .symbol(let s):
            var reach: Double
            switch SymbolOutline(s) {
            case .circle(_, let r): reach = r
            case .polygon(let pts): reach = pts.map { max(abs($0.x - s.center.x), abs($0.y - s.center.y)) }.max() ?? 0
            }
            reach += s.stroke.width / 2
            if let ring = s.ring { reach = max(reach, SymbolOutline.ringRadius(s) + ring.width / 2) }
            return SceneRect(x: s.center.x - reach, y: s.center.y - reach, width: 2 * reach, height: 2 * reach)
        case .text(let t):
            let layout = layout(t.text, font: t.font, alignment: t.alignment, letterSpacing: t.letterSpacing)
            let ink = layout.inkAndLogicalBox
            // The raster halo is the glyphs drawn again, offset by up to half its width.
            let grow = (t.halo?.width ?? 0) / 2
            return SceneRect(x: t.origin.x + ink.x - grow, y: t.origin.y + ink.y - grow,
                             width: ink.width + 2 * grow, height: ink.height + 2 * grow)
        case .group(.unchanging(_, let bounds), _):
            return bounds
        case .clip, .group:
            preconditionFailure("flattened leaves hold no clips or groups")
        }
    }

    private static func box<S: Sequence>(around points: S, grownBy d: Double) -> SceneRect? where S.Element == ScenePoint {
        var minX = Double.infinity, minY = Double.infinity, maxX = -Double.infinity, maxY = -Double.infinity
        for p in points {
            minX = min(minX, p.x); maxX = max(maxX, p.x)
            minY = min(minY, p.y); maxY = max(maxY, p.y)
        }
        guard minX <= maxX else { return nil }
        return SceneRect(x: minX - d, y: minY - d, width: maxX - minX + 2 * d, height: maxY - minY + 2 * d)
    }
}
