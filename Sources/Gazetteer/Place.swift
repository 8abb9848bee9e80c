import FrontlineCore

/// What sort of place a gazetteer row is. The renderer picks a symbol from it.
///
/// `camp` (a military camp or compound), `road`, `junction`, `ruins` and the
/// general `site` (a checkpoint, a refinery) are for the places news names that
/// are not settlements, so they need not be forced into village or district.
public enum PlaceKind: String, Sendable, Hashable, CaseIterable, Codable {
    case city, town, village, district, airbase, airport, port, oilfield, region, crossing
    case camp, road, junction, ruins, site
}

/// One place of the gazetteer: a stable id, its names in Latin and Arabic
/// script, and a WGS84 position.
///
/// The fields live in one shared, immutable object. A place is copied into
/// every ``Candidate`` and ``Resolution``; copying one reference costs one
/// retain, where copying seven strings and an array cost seven, and those
/// retains and releases were most of the time of a normalised lookup.
public struct Place: Hashable, Sendable, Identifiable {
    private final class Fields: Sendable {
        let id: String
        let name: String
        let nameArabic: String
        let alternateNames: [String]
        let location: GeoPoint
        let kind: PlaceKind
        let admin1: String
        let source: String
        let population: Int
        let isSupplement: Bool

        init(id: String, name: String, nameArabic: String, alternateNames: [String],
             location: GeoPoint, kind: PlaceKind, admin1: String, source: String, population: Int, isSupplement: Bool) {
            self.id = id
            self.name = name
            self.nameArabic = nameArabic
            self.alternateNames = alternateNames
            self.location = location
            self.kind = kind
            self.admin1 = admin1
            self.source = source
            self.population = population
            self.isSupplement = isSupplement
        }
    }

    private let fields: Fields

    /// Stable slug, `tarhuna`; events and outputs refer to places by it.
    public var id: String { fields.id }
    /// Canonical English name, `Tarhuna`.
    public var name: String { fields.name }
    /// Arabic name as written locally, `ترهونة`.
    public var nameArabic: String { fields.nameArabic }
    /// Other spellings, any script: `Tarhouna`, `Tarhunah`.
    public var alternateNames: [String] { fields.alternateNames }
    public var location: GeoPoint { fields.location }
    public var kind: PlaceKind { fields.kind }
    /// First-level administrative division (district, `sha'biyah`), may be empty.
    public var admin1: String { fields.admin1 }
    /// Where the coordinate comes from: the record it is copied from
    /// (`osm:node/1565509495`, see ``SourceRecord``) or `approx. N km: reason`.
    public var source: String { fields.source }
    /// Population where known (GeoNames rows); 0 when unknown. Used to rank
    /// candidates and to size city symbols.
    public var population: Int { fields.population }
    /// Whether the place comes from a supplement merged under the curated
    /// gazetteer (the OSM place file, a GeoNames dump). A curated place wins a
    /// tie with a supplement place of the same name (see ``Gazetteer/supplementPenalty``).
    public var isSupplement: Bool { fields.isSupplement }

    public init(id: String, name: String, nameArabic: String, alternateNames: [String],
                location: GeoPoint, kind: PlaceKind, admin1: String, source: String, population: Int = 0,
                isSupplement: Bool = false) {
        fields = Fields(id: id, name: name, nameArabic: nameArabic, alternateNames: alternateNames,
                        location: location, kind: kind, admin1: admin1, source: source, population: population,
                        isSupplement: isSupplement)
    }

    /// The same place with more alternate names, or marked as a supplement.
    func with(alternateNames: [String]? = nil, isSupplement: Bool? = nil) -> Place {
        Place(id: id, name: name, nameArabic: nameArabic, alternateNames: alternateNames ?? self.alternateNames,
              location: location, kind: kind, admin1: admin1, source: source, population: population,
              isSupplement: isSupplement ?? self.isSupplement)
    }

    /// Equal when every field is equal, as for a plain struct of these fields.
    public static func == (a: Place, b: Place) -> Bool {
        if a.fields === b.fields { return true }
        return a.id == b.id && a.name == b.name && a.nameArabic == b.nameArabic
            && a.alternateNames == b.alternateNames && a.location == b.location && a.kind == b.kind
            && a.admin1 == b.admin1 && a.source == b.source && a.population == b.population
            && a.isSupplement == b.isSupplement
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(id)
        hasher.combine(name)
        hasher.combine(nameArabic)
        hasher.combine(alternateNames)
        hasher.combine(location)
        hasher.combine(kind)
        hasher.combine(admin1)
        hasher.combine(source)
        hasher.combine(population)
        hasher.combine(isSupplement)
    }

    /// How far the coordinate may be from the place, from `source`: nil when it
    /// is a named record's (`osm:node/N`, `dafif:ICAO`, `geonames:N`,
    /// `wikipedia:Article`), otherwise the kilometres an `approx.` source states
    /// (`approx. 3 km: junction on the airport road`), or 5 km when it states none.
    /// The map marks approximate places; outputs carry this figure.
    public var approximateKilometers: Double? { CoordinatePrecision.approximateKilometers(source: fields.source) }

    public var latitude: Double { location.latitude }
    public var longitude: Double { location.longitude }

    /// Every name the place answers to, canonical first.
    public var allNames: [String] { [name] + (nameArabic.isEmpty ? [] : [nameArabic]) + alternateNames }

    /// How many names ``allNames`` has, without building it.
    var nameCount: Int { 1 + (fields.nameArabic.isEmpty ? 0 : 1) + fields.alternateNames.count }

    /// `allNames[n]`, without building the array (the index and lookups ask for one name at a time).
    func name(at n: Int) -> String {
        if n == 0 { return fields.name }
        if fields.nameArabic.isEmpty { return fields.alternateNames[n - 1] }
        return n == 1 ? fields.nameArabic : fields.alternateNames[n - 2]
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

/// Reads the precision a gazetteer `source` field states. One parser, so the
/// gazetteer check, the map and the outputs agree on what "approximate" means.
public enum CoordinatePrecision {
    /// The precision assumed for an `approx.` source that names no figure.
    public static let defaultApproximateKilometers = 5.0

    /// nil for a record; the stated (or default) kilometres for `approx.`.
    public static func approximateKilometers(source: String) -> Double? {
        // Case-insensitive "approx" on the first bytes, without lowercasing the
        // whole source (maps ask for every place, every frame).
        let head = source.utf8.prefix(6)
        guard head.count == 6, zip(head, "approx".utf8).allSatisfy({ $0 | 0x20 == $1 }) else { return nil }
        // The first "<number> km" in the field is the precision.
        let scalars = Array(source.unicodeScalars)
        var i = 0
        while i < scalars.count {
            guard scalars[i].value >= 48 && scalars[i].value <= 57 else { i += 1; continue }
            var j = i
            while j < scalars.count, scalars[j].value >= 48 && scalars[j].value <= 57 || scalars[j] == "." { j += 1 }
            var k = j
            while k < scalars.count, scalars[k] == " " { k += 1 }
            if k + 1 < scalars.count, scalars[k] == "k", scalars[k + 1] == "m",
               let value = Double(String(String.UnicodeScalarView(scalars[i..<j]))), value > 0, value.isFinite {
                return value
            }
            i = max(j, i + 1)
        }
        return defaultApproximateKilometers
    }
}
