import FrontlineCore

/// What sort of place a gazetteer row is. The renderer picks a symbol from it.
public enum PlaceKind: String, Sendable, Hashable, CaseIterable, Codable {
    case city, town, village, district, airbase, airport, port, oilfield, region, crossing
}

/// One place of the gazetteer: a stable id, its names in Latin and Arabic
/// script, and a WGS84 position.
public struct Place: Hashable, Sendable, Identifiable {
    /// Stable slug, `tarhuna`; events and outputs refer to places by it.
    public let id: String
    /// Canonical English name, `Tarhuna`.
    public let name: String
    /// Arabic name as written locally, `ترهونة`.
    public let nameArabic: String
    /// Other spellings, any script: `Tarhouna`, `Tarhunah`.
    public let alternateNames: [String]
    public let location: GeoPoint
    public let kind: PlaceKind
    /// First-level administrative division (district, `sha'biyah`), may be empty.
    public let admin1: String
    /// Where the coordinate comes from (`GeoNames 2210221`, `OSM node …`).
    public let source: String
    /// Population where known (GeoNames rows); 0 when unknown. Used to rank
    /// candidates and to size city symbols.
    public let population: Int

    public init(id: String, name: String, nameArabic: String, alternateNames: [String],
                location: GeoPoint, kind: PlaceKind, admin1: String, source: String, population: Int = 0) {
        self.id = id
        self.name = name
        self.nameArabic = nameArabic
        self.alternateNames = alternateNames
        self.location = location
        self.kind = kind
        self.admin1 = admin1
        self.source = source
        self.population = population
    }

    public var latitude: Double { location.latitude }
    public var longitude: Double { location.longitude }

    /// Every name the place answers to, canonical first.
    public var allNames: [String] { [name] + (nameArabic.isEmpty ? [] : [nameArabic]) + alternateNames }

    /// How many names ``allNames`` holds, and the `n`-th of them, without
    /// building the array: the gazetteer's index and every lookup use these.
    var nameCount: Int { 1 + (nameArabic.isEmpty ? 0 : 1) + alternateNames.count }
    func name(at n: Int) -> String {
        if n == 0 { return name }
        if nameArabic.isEmpty { return alternateNames[n - 1] }
        return n == 1 ? nameArabic : alternateNames[n - 2]
    }
}

/// How a query found its place. Reported with every result so that a user can
/// tell a certain match from a guess.
public enum MatchMethod: String, Sendable, Hashable, Codable {
    /// The query is, letter for letter, a name of the place.
    case exact
    /// The query equals a name after normalisation (case, accents, Arabic letter forms, articles).
    case normalized
    /// The query is within an edit distance of a normalised name.
    case fuzzy
}

/// One candidate for a query.
public struct Candidate: Hashable, Sendable {
    public let place: Place
    /// 1.0 for an exact match, lower for looser ones; comparable across methods.
    public let score: Double
    public let method: MatchMethod
    /// The name of the place that matched (it may be an alternate spelling).
    public let matchedName: String

    public init(place: Place, score: Double, method: MatchMethod, matchedName: String) {
        self.place = place
        self.score = score
        self.method = method
        self.matchedName = matchedName
    }
}

/// The answer to one query: the best match, or none, and the close runners-up.
public struct Resolution: Sendable {
    public let query: String
    /// nil when nothing is close enough, never the nearest junk.
    public let match: Candidate?
    /// Other candidates whose scores are close to the match's; when not empty
    /// the query is ambiguous and the user should narrow it (`--near`, `--within`).
    public let alternatives: [Candidate]

    public init(query: String, match: Candidate?, alternatives: [Candidate]) {
        self.query = query
        self.match = match
        self.alternatives = alternatives
    }

    public var isAmbiguous: Bool { !alternatives.isEmpty }
}
