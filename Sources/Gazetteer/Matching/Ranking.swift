import Foundation
import FrontlineCore

/// Orders candidates and decides whether a query is ambiguous.
enum Ranking {
    /// How much a kind of place weighs in a tie: a reporter who writes a bare
    /// name usually means the city, not the airbase or the village of that name.
    static func importance(_ kind: PlaceKind) -> Int {
        switch kind {
        case .city: return 9
        case .town: return 8
        case .district: return 7
        case .region: return 6
        case .airbase: return 5
        case .airport: return 4
        case .port: return 3
        case .oilfield: return 2
        case .crossing, .camp, .ruins: return 1
        case .village, .road, .junction, .site: return 0
        }
    }

    /// Best first: score, then kind, then population, then id, so the order
    /// never depends on the order of the data or of a hash table.
    static func precedes(_ a: Candidate, _ b: Candidate) -> Bool {
        if a.score != b.score { return a.score > b.score }
        let ia = importance(a.place.kind), ib = importance(b.place.kind)
        if ia != ib { return ia > ib }
        if a.place.population != b.place.population { return a.place.population > b.place.population }
        return a.place.id < b.place.id
    }

    static func resolution(for query: String, candidates: [Candidate], options: ResolveOptions) -> Resolution {
        // The common case, one place: nothing to rank.
        if candidates.count == 1 { return Resolution(query: query, match: candidates[0], alternatives: []) }
        var ranked = candidates.sorted(by: precedes)
        guard let best = ranked.first else { return Resolution(query: query, match: nil, alternatives: []) }
        // Only candidates about as good as the best compete; weaker ones are not
        // reported, as they would make every query look ambiguous.
        ranked = ranked.filter { $0.score >= best.score - Gazetteer.ambiguityMargin - 1e-9 }
        if let near = options.near {
            // Within the competing band, distance decides; score breaks equal distances.
            ranked = ranked.map { ($0, kilometres(near, $0.place.location)) }
                .sorted { $0.1 != $1.1 ? $0.1 < $1.1 : precedes($0.0, $1.0) }
                .map(\.0)
        }
        let alternatives = ranked.dropFirst().prefix(max(0, options.limit))
        return Resolution(query: query, match: ranked[0], alternatives: Array(alternatives))
    }

    /// Great-circle distance in kilometres (haversine, mean Earth radius 6371 km).
    static func kilometres(_ a: GeoPoint, _ b: GeoPoint) -> Double {
        let rad = Double.pi / 180
        let dLat = (b.latitude - a.latitude) * rad, dLon = (b.longitude - a.longitude) * rad
        let h = sin(dLat / 2) * sin(dLat / 2) + cos(a.latitude * rad) * cos(b.latitude * rad) * sin(dLon / 2) * sin(dLon / 2)
        return 2 * 6371 * asin(min(1, sqrt(h)))
    }
}
