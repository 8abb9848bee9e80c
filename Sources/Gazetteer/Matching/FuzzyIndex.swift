/// Finds the keys within a small edit distance of a query key, fast.
///
/// A bigram count filter comes first: k edits (with transpositions) destroy at
/// most 3k of the L + 1 padded bigrams of a key of length L, so a key that
/// shares fewer than L + 1 − 3k bigrams with the query cannot be within k, and
/// is never compared. The survivors go through a banded, early-exit edit
/// distance. Bigrams are hashed into a fixed table; a hash collision only lets
/// an extra key through to the exact check, it never hides a match.
struct FuzzyIndex: Sendable {
    /// Every key's scalars, one after another.
    private let storage: [UInt32]
    /// Where each key starts in `storage`; one more entry than there are keys.
    private let starts: [Int32]
    /// For each bigram bucket, where its postings start in `postings`.
    private let bucketStarts: [Int32]
    /// Key numbers, grouped by bigram bucket.
    private let postings: [Int32]

    private static let bucketBits = 16
    private static let bucketMask = (1 << bucketBits) - 1
    /// Pads both ends so that a key's first and last letters weigh like the others.
    private static let startMark: UInt32 = 0x1_0000_0, endMark: UInt32 = 0x1_0000_1

    init(keys: [NameKey]) {
        var storage: [UInt32] = []
        var starts: [Int32] = [0]
        starts.reserveCapacity(keys.count + 1)
        for key in keys {
            storage.append(contentsOf: key.scalars)
            starts.append(Int32(storage.count))
        }
        // Two passes over the bigrams: count per bucket, then fill (CSR layout:
        // one flat array, no per-bucket allocation).
        var counts = [Int32](repeating: 0, count: (1 << Self.bucketBits) + 1)
        for k in keys.indices {
            Self.forEachBucket(storage, Int(starts[k]), Int(starts[k + 1])) { counts[$0 + 1] += 1 }
        }
        for b in 1..<counts.count { counts[b] += counts[b - 1] }
        var fill = counts
        var postings = [Int32](repeating: 0, count: Int(counts[counts.count - 1]))
        for k in keys.indices {
            Self.forEachBucket(storage, Int(starts[k]), Int(starts[k + 1])) { bucket in
                postings[Int(fill[bucket])] = Int32(k)
                fill[bucket] += 1
            }
        }
        self.storage = storage
        self.starts = starts
        self.bucketStarts = counts
        self.postings = postings
    }

    var keyCount: Int { starts.count - 1 }

    @inline(__always)
    private static func bucket(_ a: UInt32, _ b: UInt32) -> Int {
        let h = (a &* 0x9E37_79B1) ^ (b &* 0x85EB_CA6B)
        return Int((h ^ (h >> 15)) & UInt32(bucketMask))
    }

    @inline(__always)
    private static func forEachBucket(_ s: [UInt32], _ from: Int, _ to: Int, _ body: (Int) -> Void) {
        var previous = startMark
        for i in from..<to {
            body(bucket(previous, s[i]))
            previous = s[i]
        }
        body(bucket(previous, endMark))
    }

    /// Key numbers within `limit` edits of `query`, with their distances.
    func search(_ query: [UInt32], limit: Int) -> [(key: Int, distance: Int)] {
        let length = query.count
        let needed = length + 1 - 3 * limit
        guard limit > 0, needed > 0, keyCount > 0 else { return [] }
        var hits: [Int32] = []
        var results: [(key: Int, distance: Int)] = []
        var counters = [UInt16](repeating: 0, count: keyCount)
        counters.withUnsafeMutableBufferPointer { counter in
            postings.withUnsafeBufferPointer { postings in
                var queryBuckets: [Int] = []
                queryBuckets.reserveCapacity(length + 1)
                Self.forEachBucket(query, 0, length) { queryBuckets.append($0) }
                for b in queryBuckets {
                    for p in Int(bucketStarts[b])..<Int(bucketStarts[b + 1]) {
                        let k = Int(postings[p])
                        counter[k] &+= 1
                        if counter[k] == needed { hits.append(Int32(k)) }
                    }
                }
            }
        }
        storage.withUnsafeBufferPointer { all in
            query.withUnsafeBufferPointer { q in
                for k in hits {
                    let from = Int(starts[Int(k)]), to = Int(starts[Int(k) + 1])
                    let keyLength = to - from
                    guard abs(keyLength - length) <= limit,
                          Int(counters[Int(k)]) >= max(keyLength, length) + 1 - 3 * limit else { continue }
                    let candidate = UnsafeBufferPointer(rebasing: all[from..<to])
                    if let d = EditDistance.bounded(q, candidate, limit: limit) {
                        results.append((Int(k), d))
                    }
                }
            }
        }
        return results
    }
}
