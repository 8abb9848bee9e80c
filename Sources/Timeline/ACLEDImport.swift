import Foundation
import FrontlineCore
import Gazetteer

/// Turns an ACLED export into candidate rows of `events.tsv`, for a person to
/// review. Never writes the event log.
///
/// Only ACLED's territory-change sub-events are kept. `actor1` is the side that
/// gains ground in all three, so it becomes `to` through the `--actor`
/// mappings. Every candidate is `claimed`: ACLED codes reports, and a reviewer
/// decides what the record confirms.
public enum ACLEDImport {
    /// The sub-event types that record a change of territory.
    public static let territorySubEvents: Set<String> = [
        "Government regains territory", "Non-state actor overtakes territory", "Non-violent transfer of territory",
    ]
    public static let requiredColumns = ["event_id_cnty", "event_date", "time_precision", "sub_event_type", "actor1",
                                         "location", "latitude", "longitude", "geo_precision", "source", "notes"]
    /// How far from ACLED's coordinates a gazetteer place may be to stand in for an unknown location name.
    public static let coordinateMatchKilometers = 10.0

    /// `NAME=FACTION`: every actor whose name contains NAME (case-insensitive) is FACTION.
    public struct ActorMapping: Hashable, Sendable {
        public let pattern: String
        public let faction: String
        public init(pattern: String, faction: String) {
            self.pattern = pattern
            self.faction = faction
        }
        /// Parses `NAME=FACTION`; the last `=` splits, so names may contain one.
        public init?(parsing text: String) {
            guard let eq = text.lastIndex(of: "=") else { return nil }
            let name = text[..<eq].trimmingCharacters(in: .whitespaces)
            let faction = text[text.index(after: eq)...].trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty, !faction.isEmpty else { return nil }
            self.init(pattern: name, faction: faction)
        }
    }

    /// What an import produced.
    public struct Outcome: Sendable {
        /// Candidate rows in `events.tsv` column order (without header), by date.
        public var rows: [[String]] = []
        public var recordsRead = 0
        public var territoryChanges = 0
        /// actor1 values that no mapping covers, with how many rows each.
        public var unmappedActors: [String: Int] = [:]
        /// Location names resolved neither by name nor by coordinates.
        public var unresolvedLocations: Set<String> = []
        /// Rows that could not be read (bad date, wrong field count).
        public var problems: [Diagnostic] = []

        /// The rows as TSV with the header, ready to paste into `events.tsv`.
        public var tsv: String {
            ([EventLog.columns] + rows).map { $0.joined(separator: "\t") }.joined(separator: "\n") + "\n"
        }

        public var summary: String {
            var lines = ["\(recordsRead) ACLED rows read, \(territoryChanges) territory changes, \(rows.count) candidate rows printed"]
            if !unmappedActors.isEmpty {
                let list = unmappedActors.sorted { $0.key < $1.key }.map { "\($0.key) (\($0.value))" }.joined(separator: "; ")
                lines.append("skipped, no --actor mapping for actor1: \(list)")
            }
            if !unresolvedLocations.isEmpty {
                lines.append("not in the gazetteer (kept with ACLED coordinates in the note): \(unresolvedLocations.sorted().joined(separator: ", "))")
            }
            return lines.joined(separator: "\n")
        }
    }

    /// Reads an ACLED CSV export. `timeline`, when given, fills `from` with the
    /// state the day before. Throws ``DataError`` when the file cannot be read or
    /// lacks a column; a mapping to an unknown faction is also a data error.
    public static func run(csv text: String, path: String, gazetteer: Gazetteer, factions: [Faction],
                           timeline: ControlTimeline?, actors: [ActorMapping]) throws -> Outcome {
        let factionIDs = Set(factions.map(\.id))
        if let bad = actors.first(where: { !factionIDs.contains($0.faction) }) {
            throw DataError(at: SourceLocation(file: "--actor", line: 0),
                            "'\(bad.faction)' is not a faction; factions are \(factions.map(\.id).joined(separator: ", "))")
        }
        var outcome = Outcome()
        var dated: [(Day, Int, [String])] = []
        // Exports name the same few locations and actors thousands of times.
        var resolved: [String: Candidate?] = [:]
        var mapped: [String: ActorMapping?] = [:]
        var nearestByCoordinates: [String: (Place, Double)?] = [:]
        var days: [String: Day?] = [:]
        var header: [String]? = nil
        var column: [String: Int] = [:]
        var text = text
        do {
            try text.withUTF8 { bytes in
                try CSV.forEachRecord(in: bytes) { record in
                    guard let header else {
                        let names = (0..<record.count).map { record.field($0).trimmingCharacters(in: .whitespaces) }
                        for (i, name) in names.enumerated() where column[name] == nil { column[name] = i }
                        let missing = requiredColumns.filter { column[$0] == nil }
                        if !missing.isEmpty {
                            throw DataError(at: SourceLocation(file: path, line: record.line), field: "header",
                                            "not an ACLED export: missing column\(missing.count > 1 ? "s" : "") \(missing.joined(separator: ", "))")
                        }
                        header = names
                        return
                    }
                    outcome.recordsRead += 1
                    let at = SourceLocation(file: path, line: record.line)
                    guard record.count == header.count else {
                        outcome.problems.append(Diagnostic(.error, at: at, "\(record.count) fields where the header has \(header.count)"))
                        return
                    }
                    func field(_ name: String) -> String { clean(record.field(column[name]!)) }
                    guard territorySubEvents.contains(field("sub_event_type")) else { return }
                    outcome.territoryChanges += 1
                    let dateText = field("event_date")
                    let parsedDay: Day?
                    if let cached = days[dateText] { parsedDay = cached } else {
                        parsedDay = parseDate(dateText)
                        days[dateText] = parsedDay
                    }
                    guard let day = parsedDay else {
                        outcome.problems.append(Diagnostic(.error, at: at, field: "event_date", "'\(field("event_date"))' is not a date"))
                        return
                    }
                    let latitudeText = field("latitude"), longitudeText = field("longitude")
                    var coordinates: GeoPoint? = nil
                    if !latitudeText.isEmpty || !longitudeText.isEmpty {
                        guard let lat = Double(decimal: latitudeText), (-90...90).contains(lat) else {
                            outcome.problems.append(Diagnostic(.error, at: at, field: "latitude", "'\(latitudeText)' is not a latitude"))
                            return
                        }
                        guard let lon = Double(decimal: longitudeText), (-180...180).contains(lon) else {
                            outcome.problems.append(Diagnostic(.error, at: at, field: "longitude", "'\(longitudeText)' is not a longitude"))
                            return
                        }
                        coordinates = GeoPoint(latitude: lat, longitude: lon)
                    }
                    let actor = field("actor1")
                    let mapping: ActorMapping?
                    if let cached = mapped[actor] { mapping = cached } else {
                        mapping = actors.first(where: { actor.localizedCaseInsensitiveContains($0.pattern) })
                        mapped[actor] = mapping
                    }
                    guard let mapping else {
                        outcome.unmappedActors[actor, default: 0] += 1
                        return
                    }
                    let timePrecision = field("time_precision"), geoPrecision = field("geo_precision")
                    let location = field("location")
                    var notes: [String] = ["ACLED \(field("sub_event_type"))", "actor1 \(actor)"]
                    var placeCell = location
                    var place: Place? = nil
                    let match: Candidate?
                    if let cached = resolved[location] { match = cached } else {
                        match = gazetteer.resolve(location).match
                        resolved[location] = match
                    }
                    if let match {
                        place = match.place
                        placeCell = match.place.name
                        if match.method == .fuzzy { notes.append("place matched loosely from '\(location)'") }
                    } else if let point = coordinates {
                        let (lat, lon) = (point.latitude, point.longitude)
                        let key = latitudeText + "," + longitudeText
                        let found: (Place, Double)?
                        if let cached = nearestByCoordinates[key] { found = cached } else {
                            found = nearest(to: point, in: gazetteer, within: coordinateMatchKilometers)
                            nearestByCoordinates[key] = found
                        }
                        if let (near, km) = found {
                            place = near
                            placeCell = near.name
                            notes.append("'\(location)' not in the gazetteer; placed by ACLED coordinates \(lat),\(lon), \(formatKm(km)) km from \(near.name)")
                        } else {
                            outcome.unresolvedLocations.insert(location)
                            notes.append("'\(location)' not in the gazetteer; ACLED coordinates \(lat),\(lon)")
                        }
                    } else {
                        outcome.unresolvedLocations.insert(location)
                        notes.append("'\(location)' not in the gazetteer and ACLED gives no coordinates")
                    }
                    notes.append("geo_precision \(geoPrecision)")
                    notes.append("time_precision \(timePrecision)")
                    if !field("notes").isEmpty { notes.append(field("notes")) }
                    // ACLED's time_precision 3 means "the month is known"; our month form says the
                    // same, and such a row applies from the first of the month.
                    let monthOnly = timePrecision == "3"
                    let applies = monthOnly ? Day(year: day.year, month: day.month, day: 1)! : day
                    var from = ""
                    if let place, let timeline {
                        let before = timeline.placeState(place, on: applies.adding(days: -1)).control
                        if before != .unknown { from = before.description }
                    }
                    let to = mapping.faction
                    let action = from == to ? EventAction.hold : .capture
                    let dateCell = monthOnly ? String(day.description.prefix(7)) : day.description
                    let source = "ACLED \(field("event_id_cnty"))" + (field("source").isEmpty ? "" : " (\(field("source")))")
                    dated.append((day, record.line, [dateCell, placeCell, from, to, action.rawValue, source, notes.joined(separator: "; "), EventStatus.claimed.rawValue]))
                }
            }
        } catch let error as CSV.ParseError {
            throw DataError(at: SourceLocation(file: path, line: error.line), error.message)
        }
        if header == nil { throw DataError(at: SourceLocation(file: path, line: 0), "the file is empty") }
        outcome.rows = dated.sorted { ($0.0, $0.1) < ($1.0, $1.1) }.map(\.2)
        return outcome
    }

    /// ACLED writes `05 June 2020` (and some exports `2020-06-05` or `05-June-2020`).
    public static func parseDate(_ text: String) -> Day? {
        if let day = try? Day.parse(text) { return day }
        let parts = text.split(whereSeparator: { $0 == " " || $0 == "-" || $0 == "/" })
        guard parts.count == 3, let d = Int(parts[0]), let y = Int(parts[2]) else { return nil }
        let months = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"]
        let name = parts[1].lowercased()
        guard name.count >= 3, let m = months.firstIndex(where: { $0.hasPrefix(name) }) else { return nil }
        return Day(year: y, month: m + 1, day: d)
    }

    /// Tabs and line breaks would break a TSV row; ACLED notes have both. Each
    /// run of them becomes one space, and spaces at the ends go. Worked on the
    /// UTF-8 bytes (all three are ASCII): Foundation's trimming bridges through
    /// NSString and was most of the time of a million-row import.
    static func clean(_ s: String) -> String {
        let bytes = s.utf8
        func isBreak(_ b: UInt8) -> Bool { b == 0x09 || b == 0x0A || b == 0x0D }
        func isSpace(_ b: UInt8) -> Bool { b == 0x20 || isBreak(b) }
        guard let first = bytes.first, let last = bytes.last else { return s }
        if !isSpace(first), !isSpace(last), !bytes.contains(where: isBreak) { return s }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var pendingBreak = false
        for b in bytes {
            if isBreak(b) { pendingBreak = true; continue }
            if pendingBreak, !out.isEmpty, out.last != 0x20 { out.append(0x20) }
            pendingBreak = false
            out.append(b)
        }
        while out.last == 0x20 { out.removeLast() }
        let start = out.firstIndex { $0 != 0x20 } ?? out.endIndex
        return String(decoding: out[start...], as: UTF8.self)
    }

    /// The nearest place no farther than `limit` km, or nil. Places outside a
    /// lat/lon box a little larger than `limit` are skipped before any
    /// trigonometry: a big export asks this for every unresolved row.
    static func nearest(to point: GeoPoint, in gazetteer: Gazetteer, within limit: Double) -> (Place, Double)? {
        // A degree of latitude is at least 110.5 km; of longitude, that times cos(latitude).
        let dLat = limit / 110, cosine = cos(min(89.9, abs(point.latitude) + dLat) * .pi / 180)
        let dLon = cosine > 1e-6 ? limit / (110 * cosine) : 360
        var best: (Place, Double)? = nil
        for p in gazetteer.places {
            guard abs(p.location.latitude - point.latitude) <= dLat else { continue }
            let lon = abs(p.location.longitude - point.longitude)
            guard min(lon, 360 - lon) <= dLon else { continue }
            let km = greatCircleKilometers(point, p.location)
            if km <= limit, best == nil || km < best!.1 { best = (p, km) }
        }
        return best
    }

    /// Haversine distance on a sphere of radius 6371 km; good to a fraction of a
    /// per cent, plenty for "is this the same town".
    static func greatCircleKilometers(_ a: GeoPoint, _ b: GeoPoint) -> Double {
        let rad = Double.pi / 180
        let dLat = (b.latitude - a.latitude) * rad, dLon = (b.longitude - a.longitude) * rad
        let h = sin(dLat / 2) * sin(dLat / 2) + cos(a.latitude * rad) * cos(b.latitude * rad) * sin(dLon / 2) * sin(dLon / 2)
        return 2 * 6371 * asin(min(1, sqrt(h)))
    }

    static func formatKm(_ km: Double) -> String { String(format: "%.1f", km) }
}
