/// "Did you mean …?" for names that are close to a known one.
///
/// The gazetteer has its own fuzzy matcher; this is the small fallback the
/// event-log checker uses for faction ids (a handful of short strings) and for
/// places when the gazetteer offers no candidate at all.
public enum Suggest {
    /// The candidate closest to `query` by edit distance (case-insensitive), if it
    /// is close enough to be a plausible typo: at most a third of the longer name.
    public static func closest(to query: String, among candidates: [String]) -> String? {
        Index(candidates).closest(to: query)
    }

    /// The candidates prepared once for many queries: a log of 100,000 rows of
    /// unknown places asks 100,000 times against the same thousand names, so
    /// each query must reject almost every name without computing a distance.
    struct Index: Sendable {
        private struct Entry: Sendable {
            let text: String
            let scalars: [UInt32]
            let histogram: SIMD16<UInt8>
            /// Position in the candidate list: ties go to the earlier candidate.
            let order: Int
        }
        /// Sorted by length, so a query scans only the lengths it could be within reach of.
        private let entries: [Entry]

        init(_ candidates: [String]) {
            entries = candidates.enumerated().map { i, text in
                let scalars = text.lowercased().unicodeScalars.map(\.value)
                return Entry(text: text, scalars: scalars, histogram: Self.histogram(scalars), order: i)
            }.sorted { ($0.scalars.count, $0.order) < ($1.scalars.count, $1.order) }
        }

        /// Letters counted in 16 buckets (saturating). The difference of two
        /// histograms bounds the edit distance from below: each edit changes at
        /// most one count up and one down.
        private static func histogram(_ scalars: [UInt32]) -> SIMD16<UInt8> {
            var h = SIMD16<UInt8>(repeating: 0)
            for s in scalars {
                let b = Int(s & 15)
                if h[b] < 255 { h[b] += 1 }
            }
            return h
        }

        func closest(to query: String) -> String? {
            let q = query.lowercased().unicodeScalars.map(\.value)
            guard !q.isEmpty else { return nil }
            let qh = Self.histogram(q)
            // Lengths within reach: |q - c| <= max(1, max(q, c) / 3) needs c in about [2q/3, 3q/2].
            let low = q.count - max(1, q.count / 3), high = q.count + max(1, (q.count + 1) / 2)
            var lo = 0, hi = entries.count
            while lo < hi { let mid = (lo + hi) / 2; if entries[mid].scalars.count < low { lo = mid + 1 } else { hi = mid } }
            var best: (entry: Int, distance: Int)? = nil
            var i = lo
            while i < entries.count, entries[i].scalars.count <= high {
                defer { i += 1 }
                let c = entries[i]
                let limit = max(1, max(q.count, c.scalars.count) / 3)
                if abs(q.count - c.scalars.count) > limit { continue }
                let below = qh .<= c.histogram
                let over = SIMD16<UInt16>(truncatingIfNeeded: qh.replacing(with: 0, where: below) &- c.histogram.replacing(with: 0, where: below)).wrappedSum()
                let under = SIMD16<UInt16>(truncatingIfNeeded: c.histogram.replacing(with: 0, where: .!below) &- qh.replacing(with: 0, where: .!below)).wrappedSum()
                let cap = best.map { min(limit, $0.distance) } ?? limit
                if Int(max(over, under)) > cap { continue }
                guard let d = Suggest.distance(q, c.scalars, atMost: cap) else { continue }
                if let b = best, d > b.distance || (d == b.distance && entries[b.entry].order < c.order) { continue }
                best = (i, d)
            }
            return best.map { entries[$0.entry].text }
        }
    }

    /// Levenshtein distance, two rows; nil as soon as it must exceed `limit`.
    static func distance(_ a: [UInt32], _ b: [UInt32], atMost limit: Int = .max) -> Int? {
        if a.isEmpty { return b.count <= limit ? b.count : nil }
        if b.isEmpty { return a.count <= limit ? a.count : nil }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            var rowMinimum = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                rowMinimum = min(rowMinimum, current[j])
            }
            if rowMinimum > limit { return nil }
            swap(&previous, &current)
        }
        return previous[b.count] <= limit ? previous[b.count] : nil
    }
}
