/// "Did you mean …?" for names that are close to a known one.
///
/// The gazetteer has its own fuzzy matcher; this is the small fallback the
/// event-log checker uses for faction ids (a handful of short strings) and for
/// places when the gazetteer offers no candidate at all.
enum Suggest {
    /// The candidate closest to `query` by edit distance (case-insensitive), if it
    /// is close enough to be a plausible typo: at most a third of the longer name.
    static func closest(to query: String, among candidates: [String]) -> String? {
        let q = Array(query.lowercased())
        guard !q.isEmpty else { return nil }
        var best: (String, Int)? = nil
        for candidate in candidates {
            let c = Array(candidate.lowercased())
            // Length difference is a lower bound of the distance: skip hopeless ones cheaply.
            let limit = max(1, max(q.count, c.count) / 3)
            if abs(q.count - c.count) > limit { continue }
            let d = distance(q, c)
            if d <= limit, best == nil || d < best!.1 { best = (candidate, d) }
        }
        return best?.0
    }

    /// Levenshtein distance, two rows.
    static func distance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
