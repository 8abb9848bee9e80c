import Foundation
import FrontlineCore
import Gazetteer

/// `events.tsv`, parsed and checked: the events that can be used, and every
/// problem found, each with its file, line and field.
///
/// Checking never stops at the first problem, so `frontline check` can list
/// them all. Rows with an error are left out of ``events``; the replay checks
/// (a `from` that contradicts the state, two changes on one day) skip a
/// place's rows from the day of a dropped row on, because the missing row
/// would make later ones look wrong.
///
/// Place names: a row may name a place by gazetteer id, by any of its names, or
/// by a spelling the gazetteer's normalisation maps to a name (case, accents,
/// Arabic letter forms). A name the gazetteer finds only by fuzzy matching is an
/// error with the match as suggestion: a guess must not silently decide where a
/// front line runs.
public struct EventLog: Sendable {
    /// The columns of `events.tsv`, in order. `status` may be left out of older
    /// files (every row is then `confirmed`).
    public static let columns = ["date", "place", "from", "to", "action", "source", "note", "status"]
    static let requiredColumns = ["date", "place", "from", "to", "action", "source", "note"]

    public let path: String
    /// The usable events, in file order.
    public let events: [ControlEvent]
    /// Errors and warnings, in line order.
    public let diagnostics: [Diagnostic]
    /// Indices of ``events`` per place id in the order they apply, computed
    /// once for the replay and handed on to ``ControlTimeline/init(log:gazetteer:)``.
    let applyOrder: [String: [Int]]

    public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }
    public var warnings: [Diagnostic] { diagnostics.filter { $0.severity == .warning } }

    /// Reads and checks an event log. Throws ``DataError`` only when the file
    /// cannot be read or its header lacks a column; row problems are in ``diagnostics``.
    public static func load(contentsOf url: URL, displayPath: String? = nil,
                            gazetteer: Gazetteer, factions: [Faction]) throws -> EventLog {
        let table = try TSVTable(contentsOf: url, displayPath: displayPath, required: requiredColumns)
        return check(table, gazetteer: gazetteer, factions: factions)
    }

    /// Parses and checks TSV text (`path` is only used in messages).
    public static func parse(text: String, path: String, gazetteer: Gazetteer, factions: [Faction]) throws -> EventLog {
        let table = try TSVTable(text: text, path: path, required: requiredColumns)
        return check(table, gazetteer: gazetteer, factions: factions)
    }

    /// Checks a table row by row, then replays each place in date order.
    public static func check(_ table: TSVTable, gazetteer: Gazetteer, factions: [Faction]) -> EventLog {
        var checker = RowChecker(table: table, gazetteer: gazetteer, factionIDs: factions.map(\.id))
        var problems = table.fieldCountProblems()
        var events: [ControlEvent] = []
        events.reserveCapacity(table.rows.count)
        // Place id -> the earliest day of a dropped row (distantPast when its date is bad too).
        var brokenPlaces: [String: Day] = [:]
        for row in table.rows where row.fields.count == table.header.count {
            let (event, rowProblems, placeID) = checker.check(row)
            problems += rowProblems
            if let event { events.append(event) } else if let placeID {
                let day = (try? Day.parseDated(row["date"]).day) ?? Day(ordinal: Int(Int32.min) / 2)
                brokenPlaces[placeID] = min(brokenPlaces[placeID] ?? day, day)
            }
        }
        let order = ControlTimeline.applyOrder(events)
        problems += replay(events, order: order, skipping: brokenPlaces) { gazetteer.place(id: $0)?.name ?? $0 }
        problems.sort { ($0.location.line, $0.severity == .error ? 0 : 1) < ($1.location.line, $1.severity == .error ? 0 : 1) }
        return EventLog(path: table.path, events: events, diagnostics: problems, applyOrder: order)
    }

    /// Replays every place in date order (file order on ties) and reports rows
    /// whose `from` or `hold` contradicts the state, and second changes on one day.
    /// Rows of a place dated on or after a dropped row of that place are not
    /// replayed: the missing row would make them look wrong.
    static func replay(_ events: [ControlEvent], order byPlace: [String: [Int]], skipping broken: [String: Day],
                       name: (String) -> String) -> [Diagnostic] {
        var problems: [Diagnostic] = []
        for (placeID, indices) in byPlace {
            let cut = broken[placeID]
            let order = cut.map { cut in indices.filter { events[$0].date < cut } } ?? indices
            var state: Control? = nil
            var stateLine = 0
            var lastChange: (day: Day, line: Int)? = nil
            for i in order {
                let e = events[i]
                let at = e.location
                // Messages use the gazetteer's name: the row may spell the place any way.
                let placeName = name(e.placeID)
                var contradicted = false
                if let from = e.from, let current = state, from != current {
                    problems.append(Diagnostic(.error, at: at, field: "from",
                        "'from' is \(from) but \(placeName) is \(current) on \(e.date) (line \(stateLine))"))
                    contradicted = true
                }
                let changes: Bool
                if let current = state {
                    if e.to == current {
                        if e.action != .hold && !contradicted {
                            problems.append(Diagnostic(.warning, at: at, field: "to",
                                "\(e.action.rawValue) changes nothing: \(placeName) is already \(current) (line \(stateLine)); use hold for a confirmation"))
                        }
                        changes = false
                    } else if e.action == .hold {
                        problems.append(Diagnostic(.error, at: at, field: "to",
                            "hold says \(e.to) but \(placeName) is \(current) on \(e.date) (line \(stateLine)); a change needs capture, withdraw or contest"))
                        changes = true
                    } else {
                        changes = true
                    }
                } else {
                    // The first row of a place states where things stand; only a real action counts as a change.
                    changes = e.action != .hold
                }
                if changes {
                    if let last = lastChange, last.day == e.date {
                        problems.append(Diagnostic(.error, at: at, field: "date",
                            "second change of \(placeName) on \(e.date) (first on line \(last.line)); keep the one the sources support"))
                    }
                    lastChange = (e.date, at.line)
                }
                if state != e.to { stateLine = at.line }
                state = e.to
            }
        }
        return problems
    }
}

/// Checks one row at a time; caches place resolutions, because a log names the
/// same few places over and over.
struct RowChecker {
    let table: TSVTable
    let gazetteer: Gazetteer
    let factionIDs: [String]
    let factionSet: Set<String>
    let hasStatus: Bool
    /// Column positions, looked up once: a row is read 100,000 times in a big log.
    private let column: [String: Int]
    /// Place name -> gazetteer id, and control cell -> parsed value: a log names
    /// the same few places and factions over and over.
    private var placeCache: [String: Result<String, PlaceProblem>] = [:]
    private var controlCache: [String: Result<Control?, Control.ParseFailure>] = [:]
    /// Every name of the gazetteer, prepared on the first unknown place.
    private var placeSuggestions: Suggest.Index? = nil

    struct PlaceProblem: Error { let message: String }

    init(table: TSVTable, gazetteer: Gazetteer, factionIDs: [String]) {
        self.table = table
        self.gazetteer = gazetteer
        self.factionIDs = factionIDs
        self.factionSet = Set(factionIDs)
        self.hasStatus = table.header.contains("status")
        var column: [String: Int] = [:]
        for (i, name) in table.header.enumerated() where column[name] == nil { column[name] = i }
        self.column = column
    }

    /// The event of a row, or nil with the reasons; also the place id when the
    /// place resolved, so the replay can skip a place whose row was dropped.
    mutating func check(_ row: TSVTable.Row) -> (ControlEvent?, [Diagnostic], String?) {
        let at = table.location(of: row)
        var problems: [Diagnostic] = []
        // Rows reaching here have as many fields as the header, and every required column exists.
        let cells = row.fields
        let date = cells[column["date"]!], placeName = cells[column["place"]!], fromText = cells[column["from"]!]
        let toText = cells[column["to"]!], actionText = cells[column["action"]!], source = cells[column["source"]!]
        let note = cells[column["note"]!], statusText = hasStatus ? cells[column["status"]!] : ""
        func fail(_ field: String, _ message: String) { problems.append(Diagnostic(.error, at: at, field: field, message)) }

        var dated: DatedDay? = nil
        if let fast = Self.quickDay(date) { dated = DatedDay(day: fast, precision: .day) } else {
            do { dated = try Day.parseDated(date) } catch { fail("date", error.description) }
        }
        var placeID: String? = nil
        switch resolvePlace(placeName) {
        case .success(let id): placeID = id
        case .failure(let problem): fail("place", problem.message)
        }
        let from = control(fromText, field: "from", allowEmpty: true, problems: &problems, at: at)
        let to = control(toText, field: "to", allowEmpty: false, problems: &problems, at: at)
        let action = EventAction(rawValue: actionText)
        if action == nil {
            fail("action", "unknown action '\(actionText)'; use one of \(EventAction.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        var status: EventStatus? = .confirmed
        if hasStatus {
            status = EventStatus(rawValue: statusText)
            if status == nil {
                fail("status", statusText.isEmpty ? "no status; write confirmed or claimed"
                      : "unknown status '\(statusText)'; use confirmed or claimed")
            }
        }
        if let action, let to = to ?? nil {
            switch (action, to) {
            case (.capture, .contested), (.capture, .unknown):
                fail("to", "capture needs the faction that took the place in 'to', not \(to)")
            case (.contest, .faction), (.contest, .unknown):
                fail("to", "contest needs 'to' written contested:a+b, not \(to)")
            default: break
            }
            if action != .hold, let from = from ?? nil, from == to {
                fail("to", "\(action.rawValue) from \(from) to \(to) changes nothing")
            }
        }
        if source.isEmpty {
            problems.append(Diagnostic(.warning, at: at, field: "source", "no source: cite an article file, or outlet, date and URL"))
        }
        guard problems.allSatisfy({ $0.severity == .warning }),
              let dated, let placeID, let from, let to = to ?? nil, let action, let status else {
            return (nil, problems, placeID)
        }
        let event = ControlEvent(location: at, date: dated.day, precision: dated.precision, placeID: placeID,
                                 placeName: placeName, from: from, to: to, action: action, status: status,
                                 source: source, note: note)
        return (event, problems, placeID)
    }

    /// `YYYY-MM-DD` read straight from the bytes; nil for anything else (month
    /// dates, errors), which then takes the general parser and its messages.
    static func quickDay(_ text: String) -> Day? {
        guard text.utf8.count == 10 else { return nil }
        var parts = (0, 0, 0)
        for (i, b) in text.utf8.enumerated() {
            if i == 4 || i == 7 {
                guard b == 0x2D else { return nil }  // "-"
                continue
            }
            guard b >= 0x30, b <= 0x39 else { return nil }
            let digit = Int(b - 0x30)
            switch i {
            case 0..<4: parts.0 = parts.0 * 10 + digit
            case 5..<7: parts.1 = parts.1 * 10 + digit
            default: parts.2 = parts.2 * 10 + digit
            }
        }
        return Day(year: parts.0, month: parts.1, day: parts.2)
    }

    /// Parses a control cell; returns `.some(nil)` for an allowed empty cell and
    /// nil (after recording the problem) for a bad one.
    private mutating func control(_ text: String, field: String, allowEmpty: Bool,
                                  problems: inout [Diagnostic], at: SourceLocation) -> Control?? {
        let parsed: Result<Control?, Control.ParseFailure>
        if let cached = controlCache[text] { parsed = cached } else {
            parsed = Control.parse(text, factions: factionSet)
            controlCache[text] = parsed
        }
        switch parsed {
        case .success(let c):
            if c == nil, !allowEmpty {
                problems.append(Diagnostic(.error, at: at, field: field, "empty '\(field)': write a faction id, contested:a+b or unknown"))
                return nil
            }
            return .some(c)
        case .failure(let failure):
            var message = failure.message
            if let id = failure.unknownFaction {
                message += Suggest.closest(to: id, among: factionIDs).map { "; did you mean \($0)?" }
                    ?? "; factions are \(factionIDs.joined(separator: ", "))"
            }
            problems.append(Diagnostic(.error, at: at, field: field, message))
            return nil
        }
    }

    private mutating func resolvePlace(_ name: String) -> Result<String, PlaceProblem> {
        if let cached = placeCache[name] { return cached }
        let result = Self.resolvePlace(name, in: gazetteer, suggestions: &placeSuggestions).map(\.id)
        placeCache[name] = result
        return result
    }

    /// - Parameter suggestions: the gazetteer's names prepared for "did you
    ///   mean", built here the first time a name resolves to nothing.
    static func resolvePlace(_ name: String, in gazetteer: Gazetteer, suggestions: inout Suggest.Index?) -> Result<Place, PlaceProblem> {
        guard !name.isEmpty else { return .failure(PlaceProblem(message: "empty place")) }
        if let p = gazetteer.place(id: name) { return .success(p) }
        let resolution = gazetteer.resolve(name)
        if let match = resolution.match, match.method != .fuzzy {
            // Equally good candidates mean the name alone cannot say which place is meant.
            let ties = resolution.alternatives.filter { $0.method == match.method && $0.score >= match.score && $0.place.id != match.place.id }
            if !ties.isEmpty {
                let ids = ([match] + ties).map { "\($0.place.name) (\($0.place.id))" }.joined(separator: ", ")
                return .failure(PlaceProblem(message: "ambiguous place '\(name)': it could be \(ids); write the id"))
            }
            return .success(match.place)
        }
        if resolution.match == nil, suggestions == nil { suggestions = Suggest.Index(gazetteer.places.flatMap(\.allNames)) }
        let suggestion = resolution.match?.place.name
            ?? suggestions?.closest(to: name).flatMap { n in
                gazetteer.resolve(n).match?.place.name ?? n
            }
        return .failure(PlaceProblem(message: "unknown place '\(name)'" + (suggestion.map { "; did you mean \($0)?" } ?? "")))
    }
}

extension Control {
    struct ParseFailure: Error {
        let message: String
        /// Set when the problem is an id that is not a faction, so a suggestion can follow.
        let unknownFaction: String?
    }

    /// Parses the `from`/`to` form: a faction id, `contested:a+b`, `unknown`, or
    /// "" (nil). Contested ids are sorted, so `contested:lna+gna` equals `contested:gna+lna`.
    static func parse(_ text: String, factions: Set<String>) -> Result<Control?, ParseFailure> {
        if text.isEmpty { return .success(nil) }
        if text == "unknown" { return .success(.unknown) }
        if text == "contested" || text.hasPrefix("contested:") {
            let ids = text.dropFirst("contested".count).dropFirst().split(separator: "+", omittingEmptySubsequences: false).map(String.init)
            let distinct = Set(ids.filter { !$0.isEmpty })
            guard distinct.count >= 2, distinct.count == ids.count else {
                return .failure(ParseFailure(message: "'\(text)' names fewer than two distinct factions; write contested:a+b", unknownFaction: nil))
            }
            if let bad = ids.first(where: { !factions.contains($0) }) {
                return .failure(ParseFailure(message: "unknown faction '\(bad)' in '\(text)'", unknownFaction: bad))
            }
            return .success(.contested(ids.sorted()))
        }
        guard factions.contains(text) else {
            return .failure(ParseFailure(message: "unknown faction '\(text)'", unknownFaction: text))
        }
        return .success(.faction(text))
    }

    /// Parses the `events.tsv` form against a list of faction ids; nil when it is not valid.
    public init?(parsing text: String, factions: [String]) {
        guard case .success(let c?) = Control.parse(text, factions: Set(factions)) else { return nil }
        self = c
    }
}
