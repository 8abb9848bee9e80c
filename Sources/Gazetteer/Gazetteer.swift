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
/// A value type: build it once (it indexes at load; the fuzzy index waits for
/// the first lookup that needs it) and share it freely across threads. Lookup
/// goes exact name → normalised key → fuzzy key (see ``resolve(_:options:)``).
public struct Gazetteer: Sendable {
    public private(set) var places: [Place]
    private var byID: [String: Int]
    /// Names exactly as written in the data: the first place with the name,
    /// and in `moreExact` the rare others (one small value each, no array per
    /// name, which keeps loading 20,000 places fast).
    private var byExactName: [String: NameRef]
    private var moreExact: [String: [NameRef]]
    /// Distinct normalised keys, their first owner (more in `moreOwners`), and
    /// the fuzzy index over them, built on the first lookup that needs it.
    private var keys: NameKeyTable
    private var owners: [NameRef]
    private var moreOwners: [Int: [NameRef]]
    private var fuzzy: LazyFuzzyIndex

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
    /// Taken off the score of a supplement place (see ``Place/isSupplement``): a
    /// curated place of the same name wins, and the supplement place is still
    /// reported as an alternative, so the reader learns that another village
    /// bears the name. Smaller than any gap between methods. (A supplement place
    /// is also matched with one edit less than a curated one; see ``resolve(_:options:)``.)
    public static let supplementPenalty = 0.02
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
        // Sized up front: growing a table of 100,000 names rehashes it many times.
        byID.reserveCapacity(places.count)
        let names = places.reduce(0) { $0 + $1.nameCount }
        byExactName.reserveCapacity(names)
        // Built in locals, then stored: the fuzzy index needs the finished keys.
        var keys = NameKeyTable(capacity: names)
        var owners: [NameRef] = []
        var moreOwners: [Int: [NameRef]] = [:]
        owners.reserveCapacity(names)
        var scratch = NameKeyScratch()
        for (i, place) in places.enumerated() {
            _ = Self.firstValue(in: &byID, for: place.id, else: i)
            for n in 0..<place.nameCount {
                let name = place.name(at: n)
                let ref = NameRef(place: Int32(i), name: Int32(n))
                if let first = Self.firstValue(in: &byExactName, for: name, else: ref), first.place != ref.place {
                    moreExact[name, default: []].append(ref)
                }
                // Each key keeps one name per place: the first the place has with that key.
                Self.forEachIndexKey(of: name, scratch: &scratch) { key in
                    let (k, isNew) = keys.insert(key)
                    if isNew {
                        owners.append(ref)
                    } else if owners[k].place != ref.place, !(moreOwners[k]?.contains(where: { $0.place == ref.place }) ?? false) {
                        moreOwners[k, default: []].append(ref)
                    }
                }
            }
        }
        self.keys = keys
        self.owners = owners
        self.moreOwners = moreOwners
        fuzzy = LazyFuzzyIndex(storage: keys.storage, starts: keys.starts)
    }

    /// The value `dictionary` has for `key`; or, when it has none, nil after
    /// storing `value` under the key. One hash of the key either way, where
    /// a lookup then an insertion hash it twice: hashing the names (Arabic
    /// ones through Unicode normalisation) was a large part of indexing.
    private static func firstValue<Value>(in dictionary: inout [String: Value], for key: String, else value: Value) -> Value? {
        var isNew = false
        // The default is only evaluated, and stored, when the key is missing.
        let stored = Self.read(&dictionary[key, default: { isNew = true; return value }()])
        return isNew ? nil : stored
    }

    private static func read<Value>(_ value: inout Value) -> Value { value }

    private func owners(ofKey k: Int) -> [NameRef] {
        [owners[k]] + (moreOwners[k] ?? [])
    }

    /// Calls `body` with every owner of key number `k`, building no array.
    private func forEachOwner(ofKey k: Int, _ body: (NameRef) -> Void) {
        body(owners[k])
        if !moreOwners.isEmpty, let more = moreOwners[k] { more.forEach(body) }
    }

    private func forEachExactOwner(of name: String, _ body: (NameRef) -> Void) {
        guard let first = byExactName[name] else { return }
        body(first)
        if !moreExact.isEmpty, let more = moreExact[name] { more.forEach(body) }
    }

    /// The keys a name is indexed under: its own, and for a name with a
    /// qualifier in brackets ("Suq al-Khamis (Khoms)") the key without it, so
    /// the bare name finds every place that bears it.
    static func indexKeys(of name: String) -> [NameKey] {
        var scratch = NameKeyScratch()
        var result: [NameKey] = []
        forEachIndexKey(of: name, scratch: &scratch) { result.append(NameKey(scalars: Array($0))) }
        return result.isEmpty ? [NameKey(scalars: [])] : result
    }

    /// Calls `body` with each of ``indexKeys(of:)`` but an empty one, built in
    /// `scratch` (no array per name).
    static func forEachIndexKey(of name: String, scratch: inout NameKeyScratch,
                                _ body: (UnsafeBufferPointer<UInt32>) -> Void) {
        NameKey.build(name, into: &scratch)
        if !scratch.key.isEmpty { scratch.key.withUnsafeBufferPointer(body) }
        // Searched as bytes: Character search would cost more than the key itself.
        guard let open = name.utf8.firstIndex(of: UInt8(ascii: "(")), open > name.startIndex else { return }
        let key = scratch.key   // a copy, but names with brackets are few
        NameKey.build(String(name[..<open]), into: &scratch)
        if !scratch.key.isEmpty, scratch.key != key { scratch.key.withUnsafeBufferPointer(body) }
    }

    public func place(id: String) -> Place? { byID[id].map { places[$0] } }

    /// Whether a lookup has needed, and so built, the fuzzy index (for tests).
    var fuzzyIndexIsBuilt: Bool { fuzzy.isBuilt }

    /// The normalised keys of a place's names, for merging and tests.
    func keys(of place: Place) -> Set<NameKey> {
        Set(place.allNames.flatMap(Self.indexKeys(of:)))
    }

    /// Places that have a name with this normalised key.
    func places(withKey key: NameKey) -> [Int] {
        keys.number(of: key.scalars).map { owners(ofKey: $0).map { Int($0.place) } } ?? []
    }

    /// The query without surrounding white space; cheap when there is none,
    /// which is nearly always.
    static func trimmed(_ query: String) -> String {
        let scalars = query.unicodeScalars
        guard let first = scalars.first, let last = scalars.last,
              isWhitespace(first) || isWhitespace(last) else { return query }
        return query.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// `scalar.properties.isWhitespace`, answered without the Unicode tables
    /// for ASCII (nearly every first and last letter of a query) and Arabic letters.
    static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09...0x0D, 0x20: return true
        case 0x00..<0x80, 0x0621...0x064A: return false
        default: return scalar.properties.isWhitespace
        }
    }

    /// Resolves one name, Arabic or Latin, to its place.
    ///
    /// Order: a name exactly as written (score 1.0), then the normalised key
    /// (0.95; 0.9 when a proclitic or glued article had to go), then keys within
    /// an edit distance that grows with the key's length (at most 0.85; one edit
    /// less for supplement places). A later step only runs when the earlier ones found nothing. A query
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
            let score = place.isSupplement ? score - Self.supplementPenalty : score
            let old = found.firstIndex { $0.place == ref.place }
            if let old, found[old].candidate.score >= score { return }
            let candidate = Candidate(place: place, score: score, method: method, matchedName: place.name(at: Int(ref.name)))
            if let old { found[old].candidate = candidate } else { found.append((ref.place, candidate)) }
        }
        forEachExactOwner(of: trimmed) { offer($0, Self.exactScore, .exact) }
        if !found.isEmpty {
            return Ranking.resolution(for: query, candidates: found.map(\.candidate), options: options)
        }
        var scratch = NameKeyScratch()
        NameKey.build(trimmed, into: &scratch)
        let key = scratch.key
        if !key.isEmpty, let k = keys.number(of: key) {
            forEachOwner(ofKey: k) { offer($0, Self.normalizedScore, .normalized) }
        }
        if found.isEmpty {
            for fallback in NameKey(scalars: key).fallbacks {
                guard let k = keys.number(of: fallback.scalars) else { continue }
                forEachOwner(ofKey: k) { offer($0, Self.fallbackScore, .normalized) }
            }
        }
        // (Keys too short for any edit would find nothing: the index is not built for them.)
        if found.isEmpty, !key.isEmpty, case let limit = EditDistance.threshold(forLength: key.count), limit > 0 {
            for hit in fuzzy.index.search(key, limit: limit) {
                let length = max(key.count, keys.length(of: hit.key))
                let score = Self.fuzzyCeiling * (1 - Double(hit.distance) / Double(length + 1))
                // A supplement place takes one edit less: among a thousand village
                // names, one of them is a letter or two from almost any word (Cairo
                // from a village Qayu), and a misspelt small village is rarer than
                // a name the gazetteer does not have.
                let supplementTooFar = hit.distance > limit - 1
                forEachOwner(ofKey: hit.key) { ref in
                    if supplementTooFar, places[Int(ref.place)].isSupplement { return }
                    offer(ref, score, .fuzzy)
                }
            }
        }
        return Ranking.resolution(for: query, candidates: found.map(\.candidate), options: options)
    }
}
