import Foundation
import FrontlineCore

/// Options that narrow a lookup when a name is ambiguous.
public struct ResolveOptions: Sendable {
    /// Prefer candidates near this point (`--near LAT,LON`): among candidates of
    /// close score, the nearest wins.
    public var near: GeoPoint?
    /// Keep only candidates inside this box (`--within W,S,E,N`).
    public var within: GeoBox?
    /// How many alternatives to report at most.
    public var limit: Int

    public init(near: GeoPoint? = nil, within: GeoBox? = nil, limit: Int = 5) {
        self.near = near
        self.within = within
        self.limit = limit
    }
}

/// A set of places with an index over every spelling of their names.
///
/// A value type: build it once (it indexes at load) and share it freely across
/// threads. Lookup goes exact name → normalised key → fuzzy key (see
/// ``resolve(_:options:)``).
public struct Gazetteer: Sendable {
    public private(set) var places: [Place]
    private var byID: [String: Int]
    /// Names exactly as written in the data: the first place with the name,
    /// and in `moreExact` the rare others (one small value each, no array per
    /// name, which keeps loading 20,000 places fast).
    private var byExactName: [ExactName: NameRef]
    private var moreExact: [ExactName: [NameRef]]
    /// Distinct normalised keys, their first owner (more in `moreOwners`), and
    /// the fuzzy index over them.
    private var keys: [NameKey]
    private var keyNumbers: [NameKey: Int]
    private var owners: [NameRef]
    private var moreOwners: [Int: [NameRef]]
    private let fuzzy = LazyFuzzyIndex()

    /// One name of one place: indexes into `places` and the place's `allNames`.
    struct NameRef: Hashable, Sendable {
        let place: Int32
        let name: Int32
    }

    /// Scores by method. Exact is certain; a normalised match only lost
    /// spelling noise; a key reached by stripping a clitic is a little less sure.
    static let exactScore = 1.0, normalizedScore = 0.95, fallbackScore = 0.9
    /// Fuzzy scores stay below this, falling with the share of letters edited.
    static let fuzzyCeiling = 0.85
    /// Candidates within this much of the best score make the query ambiguous.
    public static let ambiguityMargin = 0.1
    /// Queries longer than this (in Unicode scalars) are refused: no place name is
    /// that long, and it bounds the cost of one lookup.
    public static let maximumQueryLength = 200

    public init(places: [Place]) {
        self.places = places
        byID = [:]
        byExactName = [:]
        moreExact = [:]
        keys = []
        keyNumbers = [:]
        owners = []
        moreOwners = [:]
        // Sized up front: growing a dictionary of 100,000 names rehashes it many times.
        byID.reserveCapacity(places.count)
        let names = places.reduce(0) { $0 + $1.alternateNames.count + 2 }
        byExactName.reserveCapacity(names)
        keyNumbers.reserveCapacity(names)
        keys.reserveCapacity(names)
        owners.reserveCapacity(names)
        for (i, place) in places.enumerated() {
            if byID[place.id] == nil { byID[place.id] = i }
            for n in 0..<place.nameCount {
                let name = place.name(at: n)
                let ref = NameRef(place: Int32(i), name: Int32(n))
                let exact = ExactName(name)
                if let first = byExactName[exact] {
                    if first.place != ref.place { moreExact[exact, default: []].append(ref) }
                } else {
                    byExactName[exact] = ref
                }
                Self.forEachIndexKey(of: name) { addKey($0, ref) }
            }
        }
    }

    private mutating func addKey(_ key: NameKey, _ ref: NameRef) {
        guard !key.isEmpty else { return }
        // One hash for both the lookup and the insertion: a mutating access
        // through `default:` stores the default when the key is new.
        let next = keys.count
        let k = Self.value(&keyNumbers[key, default: next])
        if k == next {
            keys.append(key)
            owners.append(ref)
        } else if owners[k].place != ref.place, moreOwners[k]?.contains(where: { $0.place == ref.place }) != true {
            moreOwners[k, default: []].append(ref)
        }
    }

    private static func value(_ stored: inout Int) -> Int { stored }

    private func owners(ofKey k: Int) -> [NameRef] {
        [owners[k]] + (moreOwners[k] ?? [])
    }

    /// Calls `body` with every owner of key number `k`, building no array.
    private func forEachOwner(ofKey k: Int, _ body: (NameRef) -> Void) {
        body(owners[k])
        if !moreOwners.isEmpty, let more = moreOwners[k] { more.forEach(body) }
    }

    private func forEachExactOwner(of name: String, _ body: (NameRef) -> Void) {
        let exact = ExactName(name)
        guard let first = byExactName[exact] else { return }
        body(first)
        if !moreExact.isEmpty, let more = moreExact[exact] { more.forEach(body) }
    }

    /// The keys a name is indexed under: its own, and for a name with a
    /// qualifier in brackets ("Suq al-Khamis (Khoms)") the key without it, so
    /// the bare name finds every place that bears it.
    static func indexKeys(of name: String) -> [NameKey] {
        var keys: [NameKey] = []
        forEachIndexKey(of: name) { keys.append($0) }
        return keys
    }

    /// ``indexKeys(of:)`` without the array, for the index of every name.
    static func forEachIndexKey(of name: String, _ body: (NameKey) -> Void) {
        let key = NameKey(name)
        body(key)
        // Searched as bytes: Character search would cost more than the key itself.
        guard let open = name.utf8.firstIndex(of: UInt8(ascii: "(")), open > name.startIndex else { return }
        let bare = NameKey(String(name[..<open]))
        if bare != key, !bare.isEmpty { body(bare) }
    }

    public func place(id: String) -> Place? { byID[id].map { places[$0] } }

    /// The normalised keys of a place's names, for merging and tests.
    func keys(of place: Place) -> Set<NameKey> {
        Set(place.allNames.flatMap(Self.indexKeys(of:)))
    }

    /// Places that have a name with this normalised key.
    func places(withKey key: NameKey) -> [Int] {
        keyNumbers[key].map { owners(ofKey: $0).map { Int($0.place) } } ?? []
    }

    /// The query without surrounding white space; cheap when there is none,
    /// which is nearly always.
    static func trimmed(_ query: String) -> String {
        let scalars = query.unicodeScalars
        guard let first = scalars.first, let last = scalars.last,
              first.properties.isWhitespace || last.properties.isWhitespace else { return query }
        return query.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Resolves one name, Arabic or Latin, to its place.
    ///
    /// Order: a name exactly as written (score 1.0), then the normalised key
    /// (0.95; 0.9 when a proclitic or glued article had to go), then keys within
    /// an edit distance that grows with the key's length (at most 0.85). A
    /// later step only runs when the earlier ones found nothing. A query
    /// nothing is close to gets no match, not the nearest junk.
    public func resolve(_ query: String, options: ResolveOptions = ResolveOptions()) -> Resolution {
        let trimmed = Self.trimmed(query)
        guard !trimmed.isEmpty, trimmed.unicodeScalars.count <= Self.maximumQueryLength else {
            return Resolution(query: query, match: nil, alternatives: [])
        }
        // The best candidate per place; a handful at most, so a plain array.
        var found: [(place: Int32, candidate: Candidate)] = []
        func offer(_ ref: NameRef, _ score: Double, _ method: MatchMethod) {
            let place = places[Int(ref.place)]
            if let box = options.within, !box.contains(place.location) { return }
            let old = found.firstIndex { $0.place == ref.place }
            if let old, found[old].candidate.score >= score { return }
            let candidate = Candidate(place: place, score: score, method: method, matchedName: place.name(at: Int(ref.name)))
            if let old { found[old].candidate = candidate } else { found.append((ref.place, candidate)) }
        }
        forEachExactOwner(of: trimmed) { offer($0, Self.exactScore, .exact) }
        if !found.isEmpty {
            return Ranking.resolution(for: query, candidates: found.map(\.candidate), options: options)
        }
        let key = NameKey(trimmed)
        if let k = keyNumbers[key] {
            forEachOwner(ofKey: k) { offer($0, Self.normalizedScore, .normalized) }
        }
        if found.isEmpty {
            for fallback in key.fallbacks {
                guard let k = keyNumbers[fallback] else { continue }
                forEachOwner(ofKey: k) { offer($0, Self.fallbackScore, .normalized) }
            }
        }
        if found.isEmpty, !key.isEmpty {
            let limit = EditDistance.threshold(forLength: key.count)
            for hit in fuzzy.index(over: keys).search(key.scalars, limit: limit) {
                let length = max(key.count, keys[hit.key].count)
                let score = Self.fuzzyCeiling * (1 - Double(hit.distance) / Double(length + 1))
                forEachOwner(ofKey: hit.key) { offer($0, score, .fuzzy) }
            }
        }
        return Ranking.resolution(for: query, candidates: found.map(\.candidate), options: options)
    }
}

/// The fuzzy index, built on the first lookup that needs it.
///
/// Why lazily: building it is about a tenth of loading a 20,000-place
/// gazetteer, and most users never need it: an event log, a map or a batch of
/// names as the gazetteer writes them are all found exactly or by their
/// normalised key. A class, so that copies of a `Gazetteer` share one index;
/// the lock makes the first build safe when `resolve -` looks names up on
/// every core at once.
final class LazyFuzzyIndex: @unchecked Sendable {
    private let lock = NSLock()
    private var built: FuzzyIndex?

    /// The index over `keys`, which must be the same array on every call.
    func index(over keys: [NameKey]) -> FuzzyIndex {
        lock.lock()
        defer { lock.unlock() }
        if let built { return built }
        let index = FuzzyIndex(keys: keys)
        built = index
        return index
    }
}

/// A name as written, compared and hashed by its UTF-8 bytes.
///
/// Why not `String`: String equality and hashing follow Unicode canonical
/// equivalence, which for non-ASCII text (every Arabic name) means
/// normalising on every hash and comparison; that was a large share of
/// loading a gazetteer and of each exact lookup. So "exact" means these very
/// bytes. A name typed in another Unicode normalisation form (decomposed
/// أ or é) is still found, one step later, by its normalised key, which
/// drops the combining marks.
struct ExactName: Hashable {
    let text: String

    init(_ text: String) { self.text = text }

    static func == (a: ExactName, b: ExactName) -> Bool {
        // Native strings are contiguous UTF-8; the fallback is for bridged ones.
        let same = a.text.utf8.withContiguousStorageIfAvailable { x in
            b.text.utf8.withContiguousStorageIfAvailable { y in
                x.count == y.count && (x.isEmpty || memcmp(x.baseAddress!, y.baseAddress!, x.count) == 0)
            }
        }
        return (same ?? nil) ?? a.text.utf8.elementsEqual(b.text.utf8)
    }

    func hash(into hasher: inout Hasher) {
        let hashed: Void? = text.utf8.withContiguousStorageIfAvailable { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
        if hashed == nil { for byte in text.utf8 { hasher.combine(byte) } }
    }
}
