/// The distinct normalised keys of a gazetteer, numbered in order of first
/// appearance, stored one after another in one array and found through an
/// open-addressing hash table.
///
/// It replaces a `[NameKey: Int]` dictionary beside a `[NameKey]` array: those
/// held one heap array per key and hashed every scalar through `Hasher`, a
/// large share of the time to index 20,000 places. Here a key is a range of
/// one shared array (which the fuzzy index reads as it is), and a lookup
/// neither allocates nor builds a `NameKey`.
struct NameKeyTable: Sendable {
    /// Every key's scalars, one after another.
    private(set) var storage: [UInt32] = []
    /// Where each key starts in `storage`; one more entry than there are keys.
    private(set) var starts: [Int32] = [0]
    /// Each key's hash: a probe compares scalars only when the hash matches,
    /// and growing the table needs no rehashing.
    private var hashes: [UInt32] = []
    /// Key number + 1 in each slot, 0 for an empty slot. A power of two long,
    /// kept at most half full so that probe runs stay short.
    private var slots: [Int32]

    /// Room for `capacity` keys before the table grows.
    init(capacity: Int = 0) {
        var size = 16
        while size < 2 * capacity { size *= 2 }
        slots = [Int32](repeating: 0, count: size)
        hashes.reserveCapacity(capacity)
        starts.reserveCapacity(capacity + 1)
    }

    var count: Int { hashes.count }

    /// The length of key number `k`.
    func length(of k: Int) -> Int { Int(starts[k + 1] - starts[k]) }

    /// The scalars of key number `k`.
    func scalars(of k: Int) -> ArraySlice<UInt32> { storage[Int(starts[k])..<Int(starts[k + 1])] }

    /// The number of `key`, if the table has it.
    func number(of key: UnsafeBufferPointer<UInt32>) -> Int? {
        let h = Self.hash(key)
        return slots.withUnsafeBufferPointer { slots in
            let mask = slots.count - 1
            var slot = Int(h) & mask
            while slots[slot] != 0 {
                let k = Int(slots[slot]) - 1
                if hashes[k] == h, equals(k, key) { return k }
                slot = (slot + 1) & mask
            }
            return nil
        }
    }

    func number(of key: [UInt32]) -> Int? { key.withUnsafeBufferPointer { number(of: $0) } }

    /// Adds `key` unless the table has it; its number either way, and whether it is new.
    mutating func insert(_ key: UnsafeBufferPointer<UInt32>) -> (number: Int, isNew: Bool) {
        let h = Self.hash(key)
        let mask = slots.count - 1
        var slot = Int(h) & mask
        while slots[slot] != 0 {
            let k = Int(slots[slot]) - 1
            if hashes[k] == h, equals(k, key) { return (k, false) }
            slot = (slot + 1) & mask
        }
        let k = count
        storage.append(contentsOf: key)
        starts.append(Int32(storage.count))
        hashes.append(h)
        slots[slot] = Int32(k + 1)
        if 2 * count > slots.count { grow() }
        return (k, true)
    }

    private func equals(_ k: Int, _ key: UnsafeBufferPointer<UInt32>) -> Bool {
        let from = Int(starts[k]), to = Int(starts[k + 1])
        guard to - from == key.count else { return false }
        return storage.withUnsafeBufferPointer { all in
            var i = 0
            while i < key.count, all[from + i] == key[i] { i += 1 }
            return i == key.count
        }
    }

    private mutating func grow() {
        var bigger = [Int32](repeating: 0, count: 2 * slots.count)
        let mask = bigger.count - 1
        for k in 0..<count {
            var slot = Int(hashes[k]) & mask
            while bigger[slot] != 0 { slot = (slot + 1) & mask }
            bigger[slot] = Int32(k + 1)
        }
        slots = bigger
    }

    /// A multiply–xor-shift hash of the scalars (not `Hasher`: no seed to
    /// protect, and this is several times cheaper per scalar).
    static func hash(_ key: UnsafeBufferPointer<UInt32>) -> UInt32 {
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(key.count)
        for v in key {
            h = (h ^ UInt64(v)) &* 0xFF51_AFD7_ED55_8CCD
            h ^= h >> 32
        }
        h = (h ^ (h >> 29)) &* 0xC4CE_B9FE_1A85_EC53
        return UInt32(truncatingIfNeeded: h ^ (h >> 32))
    }
}
