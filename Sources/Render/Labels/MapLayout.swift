import Foundation
import FrontlineCore
import Gazetteer
import Geo

/// Where the furniture on the map goes, decided with the labels.
public struct FurnitureLayout: Hashable, Sendable {
    /// The room kept for the legend; the legend of a day sits in its outer corner.
    public var legend: SceneRect
    /// How much the legend is shrunk below the canvas's furniture scale (1, or
    /// less where a full-size legend would hide a dot anywhere).
    public var legendScale: Double = 1
    /// The legend's columns: two where one column, even shrunk, would hide a
    /// dot (a tall legend on a map with no tall empty corner).
    public var legendColumns: Int = 1
    /// The locator map of the whole theatre; nil where no room is free of dots.
    public var locator: SceneRect?
    public var scaleBar: SceneRect
}

/// A magnified box of a part of the map too dense to label (the Tripoli
/// cluster on a country map), drawn in free space with its own dots and labels.
public struct DetailInsetPlan: Hashable, Sendable {
    /// The inset's name in the SVG (`data-inset`): the id of its most important place.
    public var name: String
    /// What it magnifies, in main-map px (framed on the main map).
    public var window: SceneRect
    /// Where it is drawn, px; `rect.width = window.width * magnification`.
    public var rect: SceneRect
    public var magnification: Double
    /// Labels inside the inset, in canvas px, by place id.
    public var labels: [String: PlacedLabel]
    public var leaders: [String: [ScenePoint]]
    /// The places whose dots the inset draws.
    public var placeIDs: Set<String>

    /// Main-map px to inset px.
    public func map(_ p: ScenePoint) -> ScenePoint {
        ScenePoint(x: rect.x + (p.x - window.x) * magnification, y: rect.y + (p.y - window.y) * magnification)
    }
}

extension MapComposer {
    /// See ``furnitureScale(width:height:)``.
    var furnitureScale: Double { MapComposer.furnitureScale(width: width, height: height) }
    /// Labels shrink less than furniture: they are the map's content.
    var labelScale: Double { max(0.75, furnitureScale) }

    /// The largest radius a place's symbol takes on any day: a contested place's
    /// split symbol is drawn larger (see `compose`).
    func dotRadius(_ place: Place) -> Double {
        let (shape, r) = Style.symbol(for: place)
        return shape == .plane ? max(r, 9) : max(r, 5.5)
    }

    // MARK: land under a box

    /// Whether a box lies (partly) on a neighbour's land (see ``LandMask``).
    func touchesForeignLand(_ rect: SceneRect) -> Bool { landMask.touchesForeignLand(rect) }

    /// Whether a point is on a neighbour's land, tested on the rings themselves
    /// (once a place: whether its label must stay off foreign land).
    func isOnForeignLand(_ p: ScenePoint) -> Bool {
        canvasLand.contains { $0.iso3 != homeCountry && $0.bounds.insetBy(-1).intersects(SceneRect(x: p.x, y: p.y, width: 0, height: 0))
            && MapComposer.contains($0.rings, p) }
    }

    /// The share of a box over the home country's land: that is where the
    /// data is, so furniture prefers sea and neighbours.
    func homeLandShare(_ rect: SceneRect) -> Double { landMask.homeShare(rect) }

    // MARK: furniture

    /// Candidate positions of a panel: the four corners and the middles of the
    /// four edges of the map area, `Style.margin` in.
    func panelCandidates(_ size: TextSize) -> [SceneRect] {
        let m = Style.margin * furnitureScale
        let xs = [mapArea.x + m, mapArea.x + (mapArea.width - size.width) / 2, mapArea.maxX - m - size.width]
        let ys = [mapArea.y + m, mapArea.y + (mapArea.height - size.height) / 2, mapArea.maxY - m - size.height]
        var out: [SceneRect] = []
        for y in ys { for x in xs where !(x == xs[1] && y == ys[1]) {
            out.append(SceneRect(x: x.rounded(), y: y.rounded(), width: size.width, height: size.height))
        } }
        // Then the quarter points of each edge, for a crowded map.
        for f in [0.25, 0.75] {
            let x = mapArea.x + m + (mapArea.width - 2 * m - size.width) * f, y = mapArea.y + m + (mapArea.height - 2 * m - size.height) * f
            out += [SceneRect(x: x.rounded(), y: ys[0].rounded(), width: size.width, height: size.height),
                    SceneRect(x: x.rounded(), y: ys[2].rounded(), width: size.width, height: size.height),
                    SceneRect(x: xs[0].rounded(), y: y.rounded(), width: size.width, height: size.height),
                    SceneRect(x: xs[2].rounded(), y: y.rounded(), width: size.width, height: size.height)]
        }
        return out
    }

    /// How much a panel at `rect` would hide: dots under it (never wanted),
    /// neighbours' names, dots close enough to need its room for their labels,
    /// and the home country's land, where zones and fronts are drawn.
    func clutter(_ rect: SceneRect, dots: [LabelDot]) -> Double {
        var score = 0.0
        let near = rect.insetBy(-30)
        for d in dots {
            if d.rect.intersects(rect.insetBy(-6)) { score += 100 } else if d.rect.intersects(near) { score += 2 }
        }
        for c in countryLabelRects where c.intersects(rect) { score += 20 }
        return score + 4 * homeLandShare(rect)
    }

    /// Legend, locator inset and scale bar where the map is emptiest, measured
    /// among the candidate positions (``panelCandidates(_:)``), largest first;
    /// ties go to the conventional corner (legend bottom right, locator top
    /// right, scale bar bottom left).
    /// The legend's sizes, largest first: its text stays readable at 0.75 of
    /// the canvas's furniture size, and a smaller legend beats a hidden place.
    static let legendShrinks = [1.0, 0.88, 0.75]

    /// `legend`: the legend's shape in one column at full size (see ``LegendShape``).
    func arrangeFurniture(dots: [LabelDot], legend shape: LegendShape,
                          legend fixedLegend: (rect: SceneRect, scale: Double, columns: Int)? = nil,
                          keepClearOf fixed: [SceneRect] = []) -> FurnitureLayout {
        var taken: [SceneRect] = fixed
        /// The emptiest candidate among the panel's sizes (tried in order, the
        /// next only while every position of the one before hides a dot),
        /// whether it hides no dot, and which size it took.
        func best(_ sizes: [TextSize], preferred: Int, penalties: [Double]) -> (SceneRect, Bool, Int) {
            var choice: (SceneRect, Double, Int)?
            // Smaller rather than over a dot: on a crowded map the locator and the legend shrink.
            for (k, size) in sizes.enumerated() where choice == nil || choice!.1 >= 100 {
                for (i, c) in panelCandidates(size).enumerated() where !taken.contains(where: { $0.intersects(c.insetBy(-8)) }) {
                    let score = clutter(c, dots: dots) + (i == preferred ? 0 : 0.5) + penalties[k]
                    if choice == nil || score < choice!.1 { choice = (c, score, k) }
                }
            }
            let r = choice?.0 ?? panelCandidates(sizes[0])[preferred]
            taken.append(r)
            return (r, (choice?.1 ?? 100) < 100, choice?.2 ?? 0)
        }
        /// A panel's size shrunk: 2 px to spare, as fonts round to a quarter px, so text need not shrink exactly.
        func shrunk(_ size: TextSize, _ shrink: Double) -> TextSize {
            let spare = shrink < 1 ? 2.0 : 0
            return TextSize(width: (size.width * shrink).rounded(.up) + spare, height: (size.height * shrink).rounded(.up) + spare)
        }
        // Candidate order: top row left, middle, right; middle row left, right; bottom row left, middle, right.
        let legend: (rect: SceneRect, scale: Double, columns: Int)
        if let fixedLegend {
            legend = fixedLegend
            taken.append(fixedLegend.rect)
        } else {
            // One column at every shrink first (a legend reads down), then two.
            let shapes = [1, 2].flatMap { columns in Self.legendShrinks.map { (columns, $0) } }
            let found = best(shapes.map { shrunk(shape.size(columns: $0.0), $0.1) }, preferred: 7,
                             penalties: shapes.map { Double($0.0 - 1) + (1 - $0.1) })
            legend = (found.0, shapes[found.2].1, shapes[found.2].0)
        }
        let locatorShrinks = [1.0, 0.8, 0.65]
        let locator = best(locatorShrinks.map { shrunk(insetSize, $0) }, preferred: 2, penalties: locatorShrinks.map { 1 - $0 })
        let bar = best([shrunk(TextSize(width: scaleBar.pixels + 28 * furnitureScale, height: 44 * furnitureScale), 1)], preferred: 5, penalties: [0]).0
        // A map too crowded for the locator anywhere goes without it rather than hide a place.
        return FurnitureLayout(legend: legend.rect, legendScale: legend.scale, legendColumns: legend.columns,
                               locator: locator.1 ? locator.0 : nil, scaleBar: bar)
    }

    /// Boxes labels keep clear of: the furniture, the neighbours' names, the footer.
    func labelObstacles(_ f: FurnitureLayout, details: [SceneRect] = []) -> [SceneRect] {
        countryLabelRects + [f.scaleBar, f.legend.insetBy(-2),
                             SceneRect(x: 0, y: mapArea.maxY - 2, width: Double(width), height: footerHeight + 2)]
            + (f.locator.map { [$0.insetBy(-4)] } ?? []) + details.map { $0.insetBy(-4) }
    }

    /// The legend's room when a plan serves many days: every kind of row a day
    /// can show, and three factions.
    func reservedLegendShape() -> LegendShape {
        // Every row the legend can have but the factions', then room for three factions.
        var marks = LegendMarks()
        marks.contested = true; marks.contestedZone = true; marks.unknown = true; marks.air = true; marks.changed = true
        marks.claimed = true; marks.approximate = true; marks.noData = true; marks.dataEdge = true
        marks.front = true; marks.sparseFront = true
        marks.derivedZones = ["?"]; marks.drawnZones = ["?"]
        let rows = legendRows(factions: [], marks: marks, changedSince: Day(year: 2020, month: 12, day: 30))
        var shape = legendShape(entries: rows)
        shape.rows += 3
        return shape
    }

    // MARK: the plan

    /// Places the furniture and every label for `places` (for a frame sequence:
    /// every place of the timeline), with detail insets where the map is too
    /// dense for its labels.
    ///
    /// Order: legend (the largest panel), labels, then up to two detail
    /// insets, each the candidate (window size, place) that labels the most
    /// places overall; then the locator and the scale bar, which are small and
    /// find room anywhere; then the labels once more against all of it.
    func layout(for places: [Place], emphasised: Set<String>, legend legendShape: LegendShape) throws -> LabelPlan {
        let where_ = try positions(of: places)
        let visible = places.filter { where_[$0.id] != nil }.sorted { $0.id < $1.id }
        let byID = Dictionary(visible.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let dots = visible.map { LabelDot(id: $0.id, center: where_[$0.id]!, radius: dotRadius($0)) }
        var furniture = arrangeFurniture(dots: dots, legend: legendShape)
        let requests = visible.map { place -> LabelRequest in
            let c = where_[place.id]!
            return LabelRequest(dot: LabelDot(id: place.id, center: c, radius: dotRadius(place)), size: measure(labelText(for: place)),
                                // Of two equal places, the one whose position is a record's labels first:
                                // a dot placed by hand (approx.) gives way to one known to 100 m.
                                priority: Style.importance(of: place, emphasised: emphasised.contains(place.id), closeUp: closeUp)
                                    + (place.approximateKilometers == nil ? 0.001 : 0),
                                home: !isOnForeignLand(c), ringed: emphasised.contains(place.id))
        }
        let rank = Dictionary(requests.map { ($0.dot.id, $0.priority) }, uniquingKeysWith: { a, _ in a })
        // The main map's labels are placed several times (once, then for each
        // inset finalist): the candidates of the first placement serve the others.
        var mainCandidates: LabelCandidates?
        func placeMain(_ obstacles: [SceneRect], insets: [DetailInsetPlan], keepCandidates: Bool = false) -> (placed: [String: LabelPlacement], dropped: [String]) {
            let inside = insets.reduce(into: Set<String>()) { $0.formUnion($1.placeIDs) }
            var placer = LabelPlacer(area: mapArea.insetBy(3), obstacles: obstacles, dots: dots, rightToLeft: language == .ar,
                                     touchesForeignLand: { self.touchesForeignLand($0) }, reusing: mainCandidates)
            // Of the places an inset shows, only the cities keep a label on the main map too.
            let result = placer.place(requests.filter { !inside.contains($0.dot.id) || $0.priority >= 100 })
            if keepCandidates { mainCandidates = placer.candidates }
            return result
        }
        var (placed, dropped) = placeMain(labelObstacles(furniture), insets: [], keepCandidates: true)

        var insets: [DetailInsetPlan] = []
        var insetDropped: [String: [String]] = [:]
        for _ in 0..<2 {
            let shown = insets.reduce(into: Set<String>()) { $0.formUnion($1.placeIDs) }
            let taken = [furniture.legend] + insets.flatMap { [$0.rect, $0.window] }
            let current = placed.count + insets.reduce(0) { $0 + $1.labels.count }
            var candidates: [DetailInsetPlan] = []
            for side in [0.26, 0.2, 0.14, 0.1, 0.07] {
                guard let window = denseWindow(dropped: dropped.filter { !shown.contains($0) }, dots: dots.filter { !shown.contains($0.id) }, side: side, clearOf: insets.map(\.window)),
                      !candidates.contains(where: { $0.window == window }),
                      !insets.contains(where: { $0.window.intersects(window.insetBy(-6)) }),
                      let (rect, m) = detailRect(for: window, keepClearOf: taken, dots: dots, labels: Array(placed.values.map(\.rect)))
                else { continue }
                let inside = Set(dots.filter { window.contains($0.rect) && !shown.contains($0.id) }.map(\.id))
                let name = requests.filter { inside.contains($0.dot.id) }
                    .max { ($0.priority, $1.dot.id) < ($1.priority, $0.dot.id) }?.dot.id ?? "detail"
                candidates.append(DetailInsetPlan(name: name, window: window, rect: rect, magnification: m, labels: [:], leaders: [:], placeIDs: inside))
            }
            // Each candidate's own labels, placed independently of the others: on every core at once.
            let trials = candidates.concurrentMapUnchecked { candidate -> (plan: DetailInsetPlan, dropped: [String], estimate: Int) in
                var plan = candidate
                let lost = placeInset(&plan, requests: requests, byID: byID)
                // A first guess at what the main map keeps, without placing it
                // again: its labels clear of the inset and not handed to it.
                let kept = placed.filter { id, p in
                    !p.rect.intersects(plan.rect.insetBy(-4)) && (!plan.placeIDs.contains(id) || rank[id, default: 0] >= 100)
                }.count
                return (plan, lost, kept + plan.labels.count)
            }
            // The best guesses placed for real (two for the first inset, one for
            // the second); the better one is taken.
            let finalists = Array(trials.sorted(by: { $0.estimate > $1.estimate }).prefix(insets.isEmpty ? 2 : 1))
            let mains = finalists.concurrentMapUnchecked { trial in
                let all = insets + [trial.plan]
                return placeMain(labelObstacles(FurnitureLayout(legend: furniture.legend, legendScale: furniture.legendScale, legendColumns: furniture.legendColumns, locator: nil, scaleBar: .init(x: 0, y: 0, width: 0, height: 0)),
                                                details: all.map(\.rect)), insets: all)
            }
            var best: (plan: DetailInsetPlan, dropped: [String], main: ([String: LabelPlacement], [String]), count: Int)?
            for (trial, main) in zip(finalists, mains) {
                let count = main.placed.count + (insets + [trial.plan]).reduce(0) { $0 + $1.labels.count }
                if best == nil || count > best!.count { best = (trial.plan, trial.dropped, main, count) }
            }
            // An inset earns its room only by labelling more places.
            guard let chosen = best, chosen.count >= current + 3 else { break }
            insets.append(chosen.plan)
            insetDropped[chosen.plan.name] = chosen.dropped
            (placed, dropped) = chosen.main
        }
        if !insets.isEmpty {
            furniture = arrangeFurniture(dots: dots, legend: legendShape, legend: (furniture.legend, furniture.legendScale, furniture.legendColumns),
                                         keepClearOf: insets.flatMap { [$0.rect.insetBy(-8), $0.window.insetBy(-6)] })
            // Placed again only if the locator or the scale bar landed on a label or a leader.
            let panels = [furniture.scaleBar.insetBy(-1)] + (furniture.locator.map { [$0.insetBy(-5)] } ?? [])
            let hit = placed.values.contains { p in
                panels.contains { box in box.intersects(p.rect) || (p.leader.map { $0.count == 2 && LabelPlacer.segment($0[0], $0[1], hits: box) } ?? false) }
            }
            if hit { (placed, dropped) = placeMain(labelObstacles(furniture, details: insets.map(\.rect)), insets: insets) }
            let labelled = insets.reduce(into: Set<String>()) { $0.formUnion($1.labels.keys) }
            dropped = (dropped + insetDropped.values.joined()).filter { !labelled.contains($0) && placed[$0] == nil }
        }
        var out = LabelPlan(labels: [:], dropped: [], leaders: [:], furniture: furniture, details: insets)
        for (id, p) in placed {
            out.labels[id] = PlacedLabel(placeID: id, text: labelText(for: byID[id]!).text, rect: p.rect, position: p.position, inset: nil)
            if let l = p.leader { out.leaders[id] = l }
        }
        // Unplaceable labels by priority, highest first: the ones a reader misses most.
        out.dropped = Array(Set(dropped)).sorted { (rank[$0] ?? 0, $1) > (rank[$1] ?? 0, $0) }
        return out
    }

    /// Labels the inset's places on its magnified dots, by the main map's
    /// rules; returns the ids that found no room.
    func placeInset(_ plan: inout DetailInsetPlan, requests: [LabelRequest], byID: [String: Place]) -> [String] {
        let p = plan
        let insetRequests = requests.filter { p.placeIDs.contains($0.dot.id) }.map { r -> LabelRequest in
            var q = r
            q.dot.center = p.map(r.dot.center)
            return q
        }
        let back: (SceneRect) -> Bool = { r in
            self.touchesForeignLand(SceneRect(x: p.window.x + (r.x - p.rect.x) / p.magnification, y: p.window.y + (r.y - p.rect.y) / p.magnification,
                                              width: r.width / p.magnification, height: r.height / p.magnification))
        }
        var inner = LabelPlacer(area: p.rect.insetBy(3), obstacles: [], dots: insetRequests.map(\.dot),
                                rightToLeft: language == .ar, touchesForeignLand: back)
        let (placed, dropped) = inner.place(insetRequests)
        for (id, l) in placed {
            plan.labels[id] = PlacedLabel(placeID: id, text: labelText(for: byID[id]!).text, rect: l.rect, position: l.position, inset: p.name)
            if let leader = l.leader { plan.leaders[id] = leader }
        }
        return dropped
    }

    // MARK: detail inset

    /// The part of the map to magnify: the square (`side` times the map's
    /// short side) holding the most dots whose labels did not fit, when it
    /// holds at least three, grown to all the dots it touches and padded.
    func denseWindow(dropped: [String], dots: [LabelDot], side fraction: Double, clearOf windows: [SceneRect] = []) -> SceneRect? {
        guard dropped.count >= 3 else { return nil }
        // A dot too close to an inset's window for a frame of its own between them cannot be magnified again.
        let framable = dots.filter { d in !windows.contains { $0.intersects(d.rect.insetBy(-16)) } }
        let byID = Dictionary(framable.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let lost = dropped.compactMap { byID[$0] }
        let side = fraction * min(mapArea.width, mapArea.height)
        var best: (ScenePoint, Int)?
        for d in lost.sorted(by: { $0.id < $1.id }) {
            let n = lost.filter { abs($0.center.x - d.center.x) <= side / 2 && abs($0.center.y - d.center.y) <= side / 2 }.count
            if best == nil || n > best!.1 { best = (d.center, n) }
        }
        guard let (c, n) = best, n >= 3 else { return nil }
        let members = framable.filter { abs($0.center.x - c.x) <= side / 2 && abs($0.center.y - c.y) <= side / 2 }
        var x0 = Double.infinity, y0 = Double.infinity, x1 = -Double.infinity, y1 = -Double.infinity
        for m in members {
            x0 = min(x0, m.rect.x); y0 = min(y0, m.rect.y); x1 = max(x1, m.rect.maxX); y1 = max(y1, m.rect.maxY)
        }
        let pad = 8.0
        var w = x1 - x0 + 2 * pad, h = y1 - y0 + 2 * pad
        // Not too thin a box: an inset needs room for labels either side.
        w = max(w, h * 0.8); h = max(h, w * 0.6)
        let cx = (x0 + x1) / 2, cy = (y0 + y1) / 2
        var window = SceneRect(x: (cx - w / 2).rounded(), y: (cy - h / 2).rounded(), width: w.rounded(), height: h.rounded())
        window.x = min(max(window.x, mapArea.x), mapArea.maxX - window.width)
        window.y = min(max(window.y, mapArea.y), mapArea.maxY - window.height)
        // Beside an inset already drawn (a dense coast next to a capital), the
        // window gives up the side that touches it rather than the inset being
        // refused: it keeps the cut that holds the most unlabelled dots.
        for other in windows where other.intersects(window.insetBy(-7)) {
            let gap = 7.0
            let cuts = [SceneRect(x: other.maxX + gap, y: window.y, width: window.maxX - other.maxX - gap, height: window.height),
                        SceneRect(x: window.x, y: window.y, width: other.x - gap - window.x, height: window.height),
                        SceneRect(x: window.x, y: other.maxY + gap, width: window.width, height: window.maxY - other.maxY - gap),
                        SceneRect(x: window.x, y: window.y, width: window.width, height: other.y - gap - window.y)]
            let kept = cuts.filter { $0.width >= 24 && $0.height >= 24 }
                .map { cut in (cut, lost.filter { cut.contains($0.rect) }.count) }
            guard let (cut, count) = kept.max(by: { ($0.1, $0.0.width * $0.0.height) < ($1.1, $1.0.width * $1.0.height) }), count >= 3
            else { return nil }
            window = cut
        }
        return window
    }

    /// Where the inset goes and how much it magnifies: the emptiest free place
    /// among positions on a grid over the map (no dot, furniture or the window
    /// itself under it; fewest labels and least home land), at the largest
    /// magnification from 5x down to 2x for which one exists.
    func detailRect(for window: SceneRect, keepClearOf furniture: [SceneRect], dots: [LabelDot], labels: [SceneRect]) -> (SceneRect, Double)? {
        let maxW = mapArea.width * 0.4, maxH = mapArea.height * 0.5
        let taken = furniture.map { $0.insetBy(-8) } + [window.insetBy(-12)]
        var m = min(5, maxW / window.width, maxH / window.height)
        while m >= 2 {
            let size = TextSize(width: (window.width * m).rounded(), height: (window.height * m).rounded())
            let margin = Style.margin * furnitureScale
            var best: (SceneRect, Double)?
            let steps = 8
            for i in 0...steps {
                for j in 0...steps {
                    let x = mapArea.x + margin + (mapArea.width - 2 * margin - size.width) * Double(i) / Double(steps)
                    let y = mapArea.y + margin + (mapArea.height - 2 * margin - size.height) * Double(j) / Double(steps)
                    let r = SceneRect(x: x.rounded(), y: y.rounded(), width: size.width, height: size.height)
                    let frame = r.insetBy(-3)
                    guard !taken.contains(where: { $0.intersects(frame) }), !dots.contains(where: { $0.rect.intersects(frame.insetBy(-4)) }) else { continue }
                    let covered = labels.filter { $0.intersects(frame) }.count
                    let names = countryLabelRects.filter { $0.intersects(frame) }.count
                    let dx = (r.x + r.width / 2) - (window.x + window.width / 2), dy = (r.y + r.height / 2) - (window.y + window.height / 2)
                    let score = 10 * Double(covered) + 3 * Double(names) + 4 * homeLandShare(r) + hypot(dx, dy) / mapArea.width
                    if best == nil || score < best!.1 { best = (r, score) }
                }
            }
            if let (r, _) = best { return (r, m) }
            m *= 0.85
        }
        return nil
    }
}

