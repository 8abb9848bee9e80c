import Synchronization

/// The fuzzy index of a gazetteer, built on the first fuzzy lookup instead of
/// at load.
///
/// Most lookups are answered by the exact or the normalised step (an event
/// log spells nearly every place as the gazetteer does), so most runs never
/// need the index, and building it was a tenth of the load. The first caller
/// builds it under a lock; callers on other threads meanwhile wait for it,
/// and every later caller gets the built one. Shared by every copy of the
/// gazetteer, which is fine as the keys never change after loading.
final class LazyFuzzyIndex: Sendable {
    private let storage: [UInt32]
    private let starts: [Int32]
    private let built = Mutex<FuzzyIndex?>(nil)

    /// For the keys of a ``NameKeyTable``; see ``FuzzyIndex/init(storage:starts:)``.
    init(storage: [UInt32], starts: [Int32]) {
        self.storage = storage
        self.starts = starts
    }

    /// The index, built now if no lookup has needed it yet.
    var index: FuzzyIndex {
        built.withLock { index in
            if let index { return index }
            let fresh = FuzzyIndex(storage: storage, starts: starts)
            index = fresh
            return fresh
        }
    }

    /// Whether the index has been built (for tests).
    var isBuilt: Bool { built.withLock { $0 != nil } }
}
