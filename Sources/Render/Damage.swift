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

extension DrawnLeaf {
    /// What the leaf is matched by across frames: the leaf itself, except a
    /// path whose rings may change in part and still be drawn the same
    /// elsewhere (see ``MapRenderer/changedBoxes(from:to:grownBy:stretches:)``): its
    /// style and clips, without its points.
    var matchKey: DrawnLeaf {
        guard case .path(var p) = item, MapRenderer.locality(of: p) != nil else { return self }
        p.subpaths = []
        return DrawnLeaf(item: .path(p), clips: clips)
    }
}

extension MapRenderer {
    /// The pixel rows where a raster of the leaves `new` differs from one of
    /// `old`, as sorted runs that do not touch. Outside them each pixel is
    /// covered by the same leaves in the same order, or by paths changed only
    /// far from it, so it is the same in both rasters.
    ///
    /// Leaves are matched in order by their ``DrawnLeaf/matchKey``
    /// (``CollectionDifference``): a leaf in one and not the other damages all
    /// it covers; a matched path whose rings changed damages only around the
    /// changed stretches (``changedBoxes(from:to:grownBy:stretches:)``).
    ///
    /// Rows of a raster `height` px tall drawn at `scale`, a row more each side
    /// for antialiasing.
    func damagedRows(from old: [DrawnLeaf], to new: [DrawnLeaf], scale: Double, height: Int) -> [Range<Int>] {
        var runs: [Range<Int>] = []
        func damage(_ box: SceneRect, clips: [SceneRect]) {
            var top = box.y, bottom = box.maxY
            for clip in clips {
                top = max(top, clip.y)
                bottom = min(bottom, clip.maxY)
            }
            guard bottom > top else { return }
            let first = max(0, Int((top * scale).rounded(.down)) - 1), end = min(height, Int((bottom * scale).rounded(.up)) + 1)
            if end > first { runs.append(first..<end) }
        }
        let difference = new.map(\.matchKey).difference(from: old.map(\.matchKey))
        var removed = Set<Int>(), inserted = Set<Int>()
        for change in difference {
            switch change {
            case .remove(let offset, _, _):
                removed.insert(offset)
                if let box = bounds(of: old[offset].item) { damage(box, clips: old[offset].clips) }
            case .insert(let offset, _, _):
                inserted.insert(offset)
                if let box = bounds(of: new[offset].item) { damage(box, clips: new[offset].clips) }
            }
        }
        // The matched leaves, in order in both: equal, or paths of one style.
        let kept = (0..<old.count).filter { !removed.contains($0) }, keptNew = (0..<new.count).filter { !inserted.contains($0) }
        for (i, j) in zip(kept, keptNew) where old[i] != new[j] {
            guard case .path(let a) = old[i].item, case .path(let b) = new[j].item else { preconditionFailure("only paths match unequal") }
            for box in Self.changedBoxes(from: a.subpaths, to: b.subpaths, grownBy: (a.stroke?.width ?? 0) / 2,
                                         stretches: Self.locality(of: a) == .stretches) {
                damage(box, clips: new[j].clips)
            }
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

    /// How little of a path a change to some of its rings can redraw.
    enum Locality {
        /// Only the stretches of a ring that changed: an even-odd fill in one
        /// colour (a closed loop of edges adds no parity to a pixel outside its
        /// box) with at most a solid stroke (each stretch is stroked where it lies).
        case stretches
        /// A changed ring whole: with a dashed stroke, whose dashes start anew
        /// at each ring's first point, so a change shifts them to the ring's end.
        case rings
    }

    /// Nil for a path that must be redrawn whole when any ring changes: a
    /// hatch, whose stripes start from the whole path's extents.
    static func locality(of p: PathItem) -> Locality? {
        if case .hatch = p.fill { return nil }
        return p.stroke?.dash.isEmpty ?? true ? .stretches : .rings
    }

    /// Boxes around what differs between two sets of rings or lines of one
    /// path, grown by `d` (half the stroke): nothing for a ring in both; for a
    /// ring changed in a stretch (the k-th ring only in `old` against the k-th
    /// only in `new`), the stretch that differs after their common start and
    /// end, with the points it hangs from; a whole ring with no counterpart.
    /// Without `stretches`, every ring in one and not the other, whole.
    ///
    /// Why a stretch is enough: the edges removed and added run between the
    /// same two points, so together they close a loop, and a closed loop adds
    /// nothing to the winding or coverage of a pixel outside its box; the
    /// joins at the two points lie within the box grown by half the stroke.
    static func changedBoxes(from old: [[ScenePoint]], to new: [[ScenePoint]], grownBy d: Double, stretches: Bool = true) -> [SceneRect] {
        var counts: [[ScenePoint]: Int] = [:]
        for ring in old { counts[ring, default: 0] += 1 }
        var added: [[ScenePoint]] = []
        for ring in new {
            if let n = counts[ring], n > 0 { counts[ring] = n - 1 } else { added.append(ring) }
        }
        var left = counts
        let gone = old.filter { ring in
            guard let n = left[ring], n > 0 else { return false }
            left[ring] = n - 1
            return true
        }
        var boxes: [SceneRect] = []
        guard stretches else {
            return (gone + added).compactMap { box(around: $0, grownBy: d) }
        }
        for (a, b) in zip(gone, added) {
            var start = 0
            while start < a.count, start < b.count, a[start] == b[start] { start += 1 }
            var end = 0
            while end < a.count - start, end < b.count - start, a[a.count - 1 - end] == b[b.count - 1 - end] { end += 1 }
            // The differing stretches and the shared points on either side; a ring
            // that differs at its first or last point changes its closing edge too,
            // which joins those two points, so they are then in the stretch as well.
            func stretch(_ r: [ScenePoint]) -> ArraySlice<ScenePoint> {
                r[max(0, start - 1)..<min(r.count, r.count - end + 1)]
            }
            var points = Array(stretch(a)) + Array(stretch(b))
            if start == 0 || end == 0 { points += [a.first, a.last, b.first, b.last].compactMap { $0 } }
            if let box = box(around: points, grownBy: d) { boxes.append(box) }
        }
        for ring in gone.dropFirst(added.count) + added.dropFirst(gone.count) {
            if let box = box(around: ring, grownBy: d) { boxes.append(box) }
        }
        return boxes
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

    static func box<S: Sequence>(around points: S, grownBy d: Double) -> SceneRect? where S.Element == ScenePoint {
        var minX = Double.infinity, minY = Double.infinity, maxX = -Double.infinity, maxY = -Double.infinity
        for p in points {
            minX = min(minX, p.x); maxX = max(maxX, p.x)
            minY = min(minY, p.y); maxY = max(maxY, p.y)
        }
        guard minX <= maxX else { return nil }
        return SceneRect(x: minX - d, y: minY - d, width: maxX - minX + 2 * d, height: maxY - minY + 2 * d)
    }
}
