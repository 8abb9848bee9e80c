/// Smooths each front and the two zone edges it runs along in the same way, so
/// the drawn front stays exactly on the boundary between the zone colours.
///
/// An unsmoothed front is made of vertices of the zones on both of its sides
/// (same Voronoi vertices, same cut points). For every front line found whole,
/// as a run of consecutive vertices, in the rings of exactly two zones, the run
/// is replaced in both rings by the smoothed line (one of them reversed), so
/// the zones still meet exactly and do not overlap. A line that is not found
/// like that (cut by the coast at a point the zone does not share, say) stays
/// unsmoothed in the front too. If any changed polygon turns out invalid (a
/// corner cut reaching across a thin part of a zone), no line is smoothed:
/// same input, same output, and never an invalid zone.
enum TerritoryZoneSmoothing {
    /// Where a run of a front line lies in a zone ring (open ring, no closing point).
    private struct Run {
        var zone: Int
        var polygon: Int
        /// 0 for the exterior, 1 + hole index for a hole.
        var ring: Int
        var start: Int
        var forward: Bool
    }

    private struct RingKey: Hashable {
        var zone: Int
        var polygon: Int
        var ring: Int
    }

    static func smooth(fronts: [FrontLine], zones: inout [Zone], places: TerritoryGrid, passes: Int,
                       context: GEOSContext) throws -> [FrontLine] {
        guard passes > 0 else { return fronts }
        // Every ring vertex: where it is.
        var rings: [RingKey: [PlanarPoint]] = [:]
        var at: [PlanarPoint: [(RingKey, Int)]] = [:]
        for (z, zone) in zones.enumerated() {
            for (p, polygon) in zone.polygons.enumerated() {
                for (r, ring) in ([polygon.exterior] + polygon.holes).enumerated() where ring.count >= 4 {
                    let key = RingKey(zone: z, polygon: p, ring: r)
                    let open = Array(ring.dropLast())
                    rings[key] = open
                    for (i, point) in open.enumerated() { at[point, default: []].append((key, i)) }
                }
            }
        }

        var smoothedFronts = fronts
        // Replacements per ring: run start, run length (vertices), path replacing it.
        var replacements: [RingKey: [(start: Int, length: Int, path: [PlanarPoint])]] = [:]
        for (f, front) in fronts.enumerated() {
            for (l, line) in front.lines.enumerated() where line.count > 2 {
                let runs = findRuns(of: line, rings: rings, at: at)
                guard runs.count == 2, runs[0].zone != runs[1].zone else { continue }
                let smoothed = TerritoryFront.smooth(line, places: places, passes: passes)
                smoothedFronts[f].lines[l] = smoothed
                for run in runs {
                    let key = RingKey(zone: run.zone, polygon: run.polygon, ring: run.ring)
                    let m = rings[key]!.count
                    let length = line.first == line.last ? m + 1 : line.count
                    // Stored as a forward run: a backward match is the reversed line forward.
                    let start = run.forward ? run.start : (run.start - (line.count - 1) % m + m) % m
                    replacements[key, default: []].append((start, length, run.forward ? smoothed : smoothed.reversed()))
                }
            }
        }
        guard !replacements.isEmpty else { return fronts }

        var changed = zones
        var touched = Set<RingKey>()
        for (key, list) in replacements {
            let ring = rings[key]!
            let m = ring.count
            let starts = Dictionary(list.map { ($0.start, $0) }, uniquingKeysWith: { first, _ in first })
            // Begin at a run start so no run wraps past the walk's end.
            let origin = list.map(\.start).min()!
            var out: [PlanarPoint] = []
            var j = 0
            while j < m {
                let i = (origin + j) % m
                if let run = starts[i] {
                    out.append(contentsOf: run.path.dropLast())
                    j += run.length - 1
                } else {
                    out.append(ring[i])
                    j += 1
                }
            }
            out.append(out[0])
            if key.ring == 0 {
                changed[key.zone].polygons[key.polygon].exterior = out
            } else {
                changed[key.zone].polygons[key.polygon].holes[key.ring - 1] = out
            }
            touched.insert(RingKey(zone: key.zone, polygon: key.polygon, ring: 0))
        }
        for key in touched {
            let polygon = try GEOSGeometry.polygon(changed[key.zone].polygons[key.polygon], context: context)
            if try !polygon.isValid() { return fronts }
        }
        zones = changed
        return smoothedFronts
    }

    /// The places where `line` runs, whole, along consecutive vertices of a ring.
    private static func findRuns(of line: [PlanarPoint], rings: [RingKey: [PlanarPoint]],
                                 at: [PlanarPoint: [(RingKey, Int)]]) -> [Run] {
        let closed = line.first == line.last
        let count = closed ? line.count - 1 : line.count
        var runs: [Run] = []
        for (key, start) in at[line[0]] ?? [] {
            let ring = rings[key]!
            let m = ring.count
            guard count <= m else { continue }
            for forward in [true, false] {
                let matches = (0..<count).allSatisfy { k in
                    ring[((start + (forward ? k : -k)) % m + m) % m] == line[k]
                }
                // A closed line that is the whole ring must go all the way round.
                if matches && (!closed || count == m) {
                    runs.append(Run(zone: key.zone, polygon: key.polygon, ring: key.ring, start: start, forward: forward))
                    break
                }
            }
        }
        return runs
    }
}
