/// Gives a zone the small pockets of no data that it encloses on every side.
///
/// Why: a weak place (an airport, an oil field: half the reach) owns its whole
/// Voronoi cell but reaches only part of it, so the far corner of its cell can
/// be left as no data even where a stronger place of the same side, a little
/// farther away, reaches. On the 2020 map that left white triangles inside
/// GNA ground near Misrata, Zintan and Gharyan, which a reader can only take
/// for an error. A pocket enclosed by one controller's zone touches no other
/// side anywhere, so giving it to that zone moves no front.
///
/// A pocket is a hole of a zone polygon that is, exactly, one polygon of the
/// no-data ground (so it holds no enclave of another zone and no island), no
/// larger than `maximumArea` (one place's disc): a large enclosed area with
/// no place in it stays no data.
enum TerritoryPockets {
    /// Removes the pockets from `noData` and the holes they were from `zones`.
    static func fill(_ zones: inout [Zone], noData: inout [PlanarPolygon], maximumArea: Double) {
        // Candidates: no-data polygons without holes of their own, small enough.
        var candidates = noData.indices.filter { i in
            noData[i].holes.isEmpty && abs(signedDoubleArea(noData[i].exterior)) / 2 <= maximumArea
        }
        guard !candidates.isEmpty else { return }
        var filled = Set<Int>()
        for z in zones.indices {
            for p in zones[z].polygons.indices where !zones[z].polygons[p].holes.isEmpty {
                zones[z].polygons[p].holes.removeAll { hole in
                    guard let match = candidates.firstIndex(where: { same(noData[$0].exterior, hole) }) else { return false }
                    filled.insert(candidates[match])
                    candidates.remove(at: match)
                    return true
                }
            }
        }
        noData = noData.indices.filter { !filled.contains($0) }.map { noData[$0] }
    }

    /// The same ring up to where it starts and which way it runs: the same
    /// vertex set, area and box. GEOS writes a no-data polygon with the very
    /// coordinates of the zone's hole, so exact comparison is right.
    static func same(_ a: [PlanarPoint], _ b: [PlanarPoint]) -> Bool {
        guard a.count == b.count, abs(abs(signedDoubleArea(a)) - abs(signedDoubleArea(b))) <= 1e-9 * max(1, abs(signedDoubleArea(a))) else {
            return false
        }
        return Set(a) == Set(b)
    }
}
