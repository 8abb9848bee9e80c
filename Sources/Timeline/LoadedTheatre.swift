import Foundation
import FrontlineCore
import Gazetteer

/// A theatre with all its data loaded and checked: settings, the merged
/// gazetteer, factions, the event log and the timeline built from it.
///
/// Every command starts from here. A value: build it once and share it.
public struct Theatre: Sendable {
    public let settings: TheatreSettings
    /// Every gazetteer file of the settings, merged.
    public let gazetteer: Gazetteer
    public let factions: [Faction]
    /// The events of the log, in file order.
    public let events: [ControlEvent]
    public let timeline: ControlTimeline
    /// Problems that do not stop the theatre from being used (a row without a source).
    public let warnings: [Diagnostic]

    /// Loads and checks a theatre folder. Throws ``DataError`` carrying every
    /// error of every file (warnings ride along), or ``SystemError`` never: an
    /// unreadable file is a data problem of that file.
    public static func load(directory: URL) throws -> Theatre {
        let (theatre, diagnostics) = assemble(directory: directory)
        guard let theatre, !diagnostics.contains(where: { $0.severity == .error }) else { throw DataError(diagnostics) }
        return theatre
    }

    /// Every problem of every file of the theatre, errors and warnings, without
    /// stopping at the first file that has one.
    /// Also audits each gazetteer file against the records vendored beside it
    /// (``GazetteerAudit``) and the seed quotes (``SeedQuoteCheck``), which loading skips.
    public static func check(directory: URL) -> [Diagnostic] {
        checked(directory: directory).diagnostics
    }

    /// As ``check(directory:)``, with the theatre as far as it could be read
    /// (nil when its settings, gazetteer, factions or event log file could not
    /// be), for checks that go on to the theatre's geometry.
    public static func checked(directory: URL) -> (theatre: Theatre?, diagnostics: [Diagnostic]) {
        let (theatre, diagnostics) = assemble(directory: directory)
        guard let settings = theatre?.settings else { return (theatre, diagnostics) }
        var more = GazetteerSourcesCheck.diagnostics(for: settings.gazetteerFiles + settings.extraGazetteerFiles)
        if let seeds = SeedQuoteCheck.seedsDirectory(settings: settings) {
            more += SeedQuoteCheck.check(events: settings.eventsFile, displayPath: displayPath(settings.eventsFile), seeds: seeds)
        }
        return (theatre, diagnostics + more)
    }

    public func faction(id: String) -> Faction? { factions.first { $0.id == id } }

    /// The factions fronts are drawn between (role `belligerent`).
    public var belligerents: Set<String> { Set(factions.filter { $0.role == .belligerent }.map(\.id)) }

    /// Where a day falls relative to the record.
    public enum Coverage: Hashable, Sendable {
        /// The log has no events at all.
        case empty
        /// Before the first event: nothing is known.
        case before(first: Day)
        case within
        /// After the last event: the state is that of the last event, which may be stale.
        case after(last: Day)
    }

    public func coverage(of day: Day) -> Coverage {
        guard let first = timeline.firstDay, let last = timeline.lastDay else { return .empty }
        if day < first { return .before(first: first) }
        if day > last { return .after(last: last) }
        return .within
    }

    /// What `render` and `frames` say about a day they draw, the one rule for
    /// both: a day before the record (or any day of an empty log) is drawn with
    /// every place unknown, which the note says; a day after the last event is
    /// drawn as of then. Nil within the record.
    public func coverageNote(_ day: Day) -> String? {
        switch coverage(of: day) {
        case .empty: return "note: the event log has no events; every place is drawn as unknown (no information)"
        case .before(let first): return "note: \(day) is before the record, which starts on \(first); every place is drawn as unknown (no information)"
        case .after(let last): return "note: \(day) is after the last event (\(last)); showing the state as of then"
        case .within: return nil
        }
    }

    /// The check commands run on a requested day. A day before the record (or a
    /// record with no events) is a data error: every place would be "unknown",
    /// which looks like an answer but is not. A day after the last event is
    /// allowed; the returned note says the state may be stale.
    public func requireCovered(_ day: Day) throws -> String? {
        let at = SourceLocation(file: Theatre.displayPath(settings.eventsFile), line: 0)
        switch coverage(of: day) {
        case .empty: throw DataError(at: at, "the event log has no events, so nothing is known on \(day)")
        case .before(let first): throw DataError(at: at, "\(day) is before the record, which starts on \(first)")
        case .after: return coverageNote(day)
        case .within: return nil
        }
    }

    /// The place a user means by `name`: a gazetteer id, any name, or any
    /// spelling the gazetteer resolves (fuzzy included: this is a query, not data).
    /// Throws ``DataError`` with a suggestion when nothing matches.
    public func place(named name: String) throws -> Place {
        try placeMatch(named: name).place
    }

    /// Like ``place(named:)``, with how the name matched, so that a command can
    /// tell the user when it took a misspelling to mean a place (`method == .fuzzy`).
    ///
    /// A name two places answer about equally well is refused with both listed,
    /// unless `options.near` picks the nearer (as `resolve` does).
    public func placeMatch(named name: String, options: ResolveOptions = ResolveOptions()) throws -> (place: Place, method: MatchMethod) {
        if let p = gazetteer.place(id: name) { return (p, .exact) }
        let resolution = gazetteer.resolve(name, options: options)
        if let match = resolution.match {
            if options.near == nil, !resolution.alternatives.isEmpty {
                let all = ([match] + resolution.alternatives).map {
                    "\($0.place.name) (id \($0.place.id), \($0.place.location.latitude), \($0.place.location.longitude))"
                }
                throw DataError(at: SourceLocation(file: settings.gazetteerFiles.first.map(Theatre.displayPath) ?? "gazetteer", line: 0),
                                "ambiguous place '\(name)': it could be \(all.joined(separator: "; ")); give the id, or --near LAT,LON or --within W,S,E,N")
            }
            return (match.place, match.method)
        }
        let suggestion = Suggest.closest(to: name, among: gazetteer.places.flatMap(\.allNames))
            .flatMap { gazetteer.resolve($0).match?.place.name ?? $0 }
        // The place is missing from the gazetteer, so that is the file the message points at.
        let file = settings.gazetteerFiles.first.map(Theatre.displayPath) ?? "gazetteer"
        throw DataError(at: SourceLocation(file: file, line: 0),
                        "unknown place '\(name)'" + (suggestion.map { "; did you mean \($0)?" } ?? ""))
    }

    /// A path as messages show it: relative to the working folder when inside it.
    public static func displayPath(_ url: URL) -> String {
        let path = url.standardizedFileURL.path
        let cwd = FileManager.default.currentDirectoryPath
        let prefix = cwd.hasSuffix("/") ? cwd : cwd + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }

    /// Why `directory` cannot be read as a theatre, or nil when it has a
    /// `theatre.tsv` (whose own problems ``TheatreSettings/load(directory:)`` reports).
    static func folderProblem(_ directory: URL) -> String? {
        let fm = FileManager.default
        var isFolder: ObjCBool = false
        guard fm.fileExists(atPath: directory.path, isDirectory: &isFolder) else { return "the theatre folder does not exist" }
        guard isFolder.boolValue else { return "this is a file; --theatre takes the folder that holds \(TheatreSettings.fileName)" }
        guard fm.isReadableFile(atPath: directory.path), fm.isExecutableFile(atPath: directory.path) else {
            return "permission denied: the theatre folder cannot be read"
        }
        let settings = directory.appendingPathComponent(TheatreSettings.fileName).path
        guard fm.fileExists(atPath: settings) else { return "not a theatre folder: it has no \(TheatreSettings.fileName)" }
        return nil
    }

    /// Loads a theatre folder while `prepare` works, on another core, from its
    /// settings alone: a map's basemap and projection need nothing else, so
    /// they are ready when the gazetteer and the event log are.
    ///
    /// Errors are those of ``load(directory:)``, in the same order: the
    /// theatre's data errors first, then whatever `prepare` threw.
    public static func load<Prepared>(directory: URL, alongside prepare: (TheatreSettings) throws -> Prepared) throws -> (theatre: Theatre, prepared: Prepared) {
        let (settings, problems) = readSettings(directory: directory)
        guard let settings else { throw DataError(problems) }
        let (assembled, prepared) = concurrently({ assemble(settings: settings) }, { Result { try prepare(settings) } })
        let (theatre, diagnostics) = assembled
        guard let theatre, !diagnostics.contains(where: { $0.severity == .error }) else { throw DataError(diagnostics) }
        return (theatre, try prepared.get())
    }

    /// A data error as a diagnostic of `directory`: an error that is not a
    /// ``DataError`` (I/O) becomes one at the folder.
    private static func diagnostics(of error: Error, directory: URL) -> [Diagnostic] {
        if let error = error as? DataError { return error.diagnostics }
        return [Diagnostic(.error, at: SourceLocation(file: displayPath(directory), line: 0), "\(error)")]
    }

    /// The settings of a theatre folder, or the problems that stop them being read.
    private static func readSettings(directory: URL) -> (TheatreSettings?, problems: [Diagnostic]) {
        if let problem = folderProblem(directory) {
            return (nil, [Diagnostic(.error, at: SourceLocation(file: displayPath(directory), line: 0), problem)])
        }
        do { return (try TheatreSettings.load(directory: directory), []) } catch {
            return (nil, diagnostics(of: error, directory: directory))
        }
    }

    private static func assemble(directory: URL) -> (Theatre?, diagnostics: [Diagnostic]) {
        let (settings, problems) = readSettings(directory: directory)
        guard let settings else { return (nil, problems) }
        return assemble(settings: settings)
    }

    private static func assemble(settings: TheatreSettings) -> (Theatre?, diagnostics: [Diagnostic]) {
        var problems: [Diagnostic] = []
        func collect<T>(_ body: () throws -> T) -> T? {
            do { return try body() } catch {
                problems += diagnostics(of: error, directory: settings.directory)
            }
            return nil
        }

        let gazetteer = collect { try settings.loadGazetteer() }

        var factions: [Faction] = []
        // Ids of faction rows rejected for another field (a bad colour): the event
        // log is checked as if they were there, so one bad row in factions.tsv does
        // not turn every event of that faction into "unknown faction".
        var checkedFactions: [Faction] = []
        let factionsTable = collect({ try TSVTable(contentsOf: settings.factionsFile, displayPath: displayPath(settings.factionsFile),
                                              required: Faction.columns) })
        if let table = factionsTable {
            let parsed = Faction.parse(table)
            factions = parsed.factions
            problems += parsed.problems
            checkedFactions = factions
            var known = Set(factions.map(\.id))
            for row in table.rows where !row["id"].isEmpty && !Faction.reservedIDs.contains(row["id"]) && known.insert(row["id"]).inserted {
                checkedFactions.append(Faction(id: row["id"], name: row["name"], nameArabic: row["name_ar"],
                                               color: RGBColor(red: 0, green: 0, blue: 0), short: row["short"]))
            }
        }

        // An event log checked against a gazetteer that failed to load would report every
        // place as unknown; the gazetteer's own errors say what to fix first.
        // The same for a factions file that could not be read: every event would name an unknown faction.
        guard let gazetteer, factionsTable != nil else { return (nil, problems) }
        guard let log = collect({ try EventLog.load(contentsOf: settings.eventsFile, displayPath: displayPath(settings.eventsFile),
                                                    gazetteer: gazetteer, factions: checkedFactions) }) else { return (nil, problems) }
        problems += log.diagnostics
        let timeline = ControlTimeline(log: log, gazetteer: gazetteer)
        let theatre = Theatre(settings: settings, gazetteer: gazetteer, factions: factions, events: log.events,
                              timeline: timeline, warnings: problems.filter { $0.severity == .warning })
        return (theatre, problems)
    }
}
