/// Finds the keys within a small edit distance of a query key, fast.
///
/// Three filters, cheapest first, each a lower bound on the distance so none
/// can hide a match:
/// 1. Positional bigrams: k edits (with transpositions) destroy at most 3k of
///    the L + 1 padded bigrams of a key of length L, and move the others by
///    the insertions minus the deletions before them (see `shiftWindow`).
///    Only keys whose length is within k are looked up. A key sharing fewer
///    than L + 1 − 3k bigrams, each where the query's could have moved, is
///    never looked at again.
/// 2. Letter counts: the letters one string has and the other lacks, counted
///    with multiplicity, need one edit each (transpositions keep counts).
/// 3. A banded, early-exit edit distance on what is left.
/// (bigram, position, key length) triples are hashed into a fixed table; a collision only
/// lets an extra key through to the next filter.
struct FuzzyIndex: Sendable {
    // Not private: the tests recount the buckets the plain way to check the search against it.
    /// Every key's scalars, one after another.
    let storage: [UInt32]
    /// Where each key starts in `storage`; one more entry than there are keys.
    let starts: [Int32]
    /// For each bigram bucket, where its postings start in `postings`.
    let bucketStarts: [Int32]
    /// Key numbers, grouped by bigram bucket.
    let postings: [Int32]
    /// For each key, which of 64 letter bins it uses: one load tells whether a
    /// key has letters the query lacks, before its letters are read.
    private let letterMasks: [UInt64]

    private static let bucketBits = 18
    private static let bucketMask = (1 << bucketBits) - 1
    /// Pads both ends so that a key's first and last letters weigh like the others.
    private static let startMark: UInt32 = 0x1_0000_0, endMark: UInt32 = 0x1_0000_1

    /// An index over the keys of a ``NameKeyTable``: `storage` holds them one
    /// after another and key `k` is `storage[starts[k]..<starts[k + 1]]`.
    /// (The arrays are shared with the table, not copied.)
    init(storage: [UInt32], starts: [Int32]) {
        let keyCount = starts.count - 1
        // Two passes over the bigrams: count per bucket, then fill (CSR layout:
        // one flat array, no per-bucket allocation).
        var counts = [Int32](repeating: 0, count: (1 << Self.bucketBits) + 1)
        for k in 0..<keyCount {
            let from = Int(starts[k]), to = Int(starts[k + 1])
            Self.forEachBigram(storage, from, to) { counts[Self.bucket($0, $1, $2, to - from) + 1] += 1 }
        }
        for b in 1..<counts.count { counts[b] += counts[b - 1] }
        var fill = counts
        var postings = [Int32](repeating: 0, count: Int(counts[counts.count - 1]))
        for k in 0..<keyCount {
            let from = Int(starts[k]), to = Int(starts[k + 1])
            Self.forEachBigram(storage, from, to) { a, b, position in
                let bucket = Self.bucket(a, b, position, to - from)
                postings[Int(fill[bucket])] = Int32(k)
                fill[bucket] += 1
            }
        }
        self.storage = storage
        self.starts = starts
        self.bucketStarts = counts
        self.postings = postings
        self.letterMasks = (0..<keyCount).map { Self.mask(storage[Int(starts[$0])..<Int(starts[$0 + 1])]) }
    }

    var keyCount: Int { starts.count - 1 }

    private static func mask<C: Collection<UInt32>>(_ scalars: C) -> UInt64 {
        scalars.reduce(0) { $0 | (1 << UInt64($1 & 63)) }
    }

    @inline(__always)
    static func bucket(_ a: UInt32, _ b: UInt32, _ position: Int, _ keyLength: Int) -> Int {
        var h = (a &* 0x9E37_79B1) ^ (b &* 0x85EB_CA6B) ^ (UInt32(truncatingIfNeeded: position) &* 0xC2B2_AE35)
            ^ (UInt32(truncatingIfNeeded: keyLength) &* 0x1656_67B1)
        h ^= h >> 15
        h = h &* 0x2C1B_3C6D
        return Int((h ^ (h >> 13)) & UInt32(bucketMask))
    }

    /// Calls `body` with each padded bigram of `s[from..<to]` and its position.
    @inline(__always)
    static func forEachBigram(_ s: [UInt32], _ from: Int, _ to: Int, _ body: (UInt32, UInt32, Int) -> Void) {
        var previous = startMark
        for i in from..<to {
            body(previous, s[i], i - from)
            previous = s[i]
        }
        body(previous, endMark, to - from)
    }

    /// Key numbers within `limit` edits of `query`, with their distances.
    func search(_ query: [UInt32], limit: Int) -> [(key: Int, distance: Int)] {
        let length = query.count
        let needed = length + 1 - 3 * limit
        guard limit > 0, needed > 0, keyCount > 0 else { return [] }
        // One byte a key, saturating: 255 shared bigrams is more than any bound
        // needs. On the stack when there is room: a fresh heap block for every
        // lookup cost more than zeroing it.
        let results = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: keyCount) { counters in
            counters.initialize(repeating: 0)
            return search(query, limit: limit, needed: needed, counters: counters)
        }
        return results.count < 2 ? results : inScanOrder(results, query: query, limit: limit, needed: needed)
    }

    /// ``search(_:limit:)`` with zeroed counters, one a key.
    private func search(_ query: [UInt32], limit: Int, needed: Int,
                        counters: UnsafeMutableBufferPointer<UInt8>) -> [(key: Int, distance: Int)] {
        let length = query.count
        var hits: [Int32] = []
        var results: [(key: Int, distance: Int)] = []
        postings.withUnsafeBufferPointer { postings in
            // Where each bucket's postings are, all read first: the reads
            // miss the cache, and independent of one another they overlap.
            let ranges = Self.buckets(of: query, limit: limit, window: Self.shiftWindow)
                .map { (from: Int(bucketStarts[$0]), to: Int(bucketStarts[$0 + 1])) }
            for (from, to) in ranges {
                for p in from..<to {
                    let k = Int(postings[p])
                    let c = counters[k]
                    if c == 255 { continue }
                    counters[k] = c + 1
                    if Int(c) + 1 == needed { hits.append(Int32(k)) }
                }
            }
        }
        // Letter counts of the query, folded into 64 bins (a fold only merges
        // letters, which can only lower the bound).
        var letters = [Int16](repeating: 0, count: 64)
        for s in query { letters[Int(s & 63)] += 1 }
        let queryMask = Self.mask(query)
        storage.withUnsafeBufferPointer { all in
            query.withUnsafeBufferPointer { q in
                for k in hits {
                    let from = Int(starts[Int(k)]), to = Int(starts[Int(k) + 1])
                    let keyLength = to - from
                    guard abs(keyLength - length) <= limit,
                          Int(counters[Int(k)]) >= max(keyLength, length) + 1 - 3 * limit,
                          (letterMasks[Int(k)] & ~queryMask).nonzeroBitCount <= limit,
                          (queryMask & ~letterMasks[Int(k)]).nonzeroBitCount <= limit else { continue }
                    let candidate = UnsafeBufferPointer(rebasing: all[from..<to])
                    var missing = 0   // key letters the query lacks
                    for s in candidate {
                        letters[Int(s & 63)] -= 1
                        if letters[Int(s & 63)] < 0 { missing += 1 }
                    }
                    for s in candidate { letters[Int(s & 63)] += 1 }
                    let extra = length - (keyLength - missing)   // query letters the key lacks
                    guard max(missing, extra) <= limit else { continue }
                    if let d = EditDistance.bounded(q, candidate, limit: limit) {
                        results.append((Int(k), d))
                    }
                }
            }
        }
        return results
    }

    /// Where the bigram at position i of the query can sit in a key of
    /// `keyLength` letters, as offsets from i, if the key is within `limit`
    /// edits. A bigram no edit touched moves by the insertions minus the
    /// deletions before it; the length difference d fixes insertions minus
    /// deletions overall, so with at most `limit` edits there are at most
    /// (limit + d) / 2 insertions and (limit − d) / 2 deletions. Half the
    /// buckets of the plain window i − limit … i + limit, and as many fewer
    /// postings to count, with no match lost.
    private static func shiftWindow(_ length: Int, _ keyLength: Int, _ limit: Int) -> (before: Int, after: Int) {
        let d = keyLength - length
        return ((limit - d) / 2, (limit + d) / 2)
    }

    /// The plain window, i − limit … i + limit: the one the search first
    /// counted with, and whose counting order the results keep.
    private static func plainWindow(_ length: Int, _ keyLength: Int, _ limit: Int) -> (before: Int, after: Int) {
        (limit, limit)
    }

    /// The buckets to count for `query`: each of its bigrams, at each key
    /// length within `limit` of its own, at each position `window` allows.
    private static func buckets(of query: [UInt32], limit: Int,
                                window: (Int, Int, Int) -> (before: Int, after: Int)) -> [Int] {
        let length = query.count
        var result: [Int] = []
        result.reserveCapacity((length + 1) * (2 * limit + 1) * (2 * limit + 1))
        forEachBigram(query, 0, length) { a, b, i in
            for keyLength in max(1, length - limit)...(length + limit) {
                let (before, after) = window(length, keyLength, limit)
                for position in max(0, i - before)...min(keyLength, i + after) {
                    result.append(bucket(a, b, position, keyLength))
                }
            }
        }
        return result
    }

    /// The results in the order the first version of the search found them:
    /// counting the plain window's buckets in order, a key was found when its
    /// count reached `needed`, keys reaching it in the same bucket in key
    /// order. The narrower window finds the same keys with other counts, so
    /// that order is worked out here, for the few results only: which of
    /// several equally close keys a place is reported under must not change.
    private func inScanOrder(_ results: [(key: Int, distance: Int)], query: [UInt32], limit: Int,
                             needed: Int) -> [(key: Int, distance: Int)] {
        let plain = Self.buckets(of: query, limit: limit, window: Self.plainWindow)
        func found(_ k: Int) -> Int {
            let from = Int(starts[k]), to = Int(starts[k + 1])
            // The buckets the key is posted in (a bucket twice if two of its bigrams share it),
            // and a 64-bit summary of them that rules out most of the query's buckets in one test.
            var posted: [Int] = []
            var summary: UInt64 = 0
            Self.forEachBigram(storage, from, to) { a, b, position in
                let bucket = Self.bucket(a, b, position, to - from)
                posted.append(bucket)
                summary |= 1 << UInt64(bucket & 63)
            }
            // Count as the plain search did, bucket by bucket, until the count reaches `needed`.
            var count = 0
            for (j, queryBucket) in plain.enumerated() where summary & (1 << UInt64(queryBucket & 63)) != 0 {
                for bucket in posted where bucket == queryBucket { count += 1 }
                if count >= needed { return j }
            }
            return Int.max
        }
        return results.map { (found($0.key), $0) }
            .sorted { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1.key < $1.1.key }
            .map(\.1)
    }
}
