import Foundation
import FrontlineCore
import Gazetteer
import Geo
import Timeline

/// One parser of user input, run on arbitrary bytes. A run must return (data
/// errors are fine) and what it returns must hold together; anything else
/// stops the process (`fatalError`), which is what both libFuzzer and the
/// plain mutation loop (``FuzzLoop``) look for.
public enum FuzzTarget: String, CaseIterable, Sendable {
    /// `TSVTable`: the reader of every frontline data file.
    case tsv
    /// `events.tsv` against a small gazetteer and three factions.
    case events
    /// `factions.tsv`.
    case factions
    /// The curated gazetteer TSV (`gazetteer/libya.tsv`).
    case gazetteer
    /// Basemap GeoJSON.
    case geojson
    /// A GeoNames country dump (`LY.txt`).
    case geonames
    /// An ACLED CSV export through `import acled`.
    case acled
    /// `resolve -`: one name a line on standard input.
    case names

    /// Runs the parser on `data` and checks what it returned. Returns a short
    /// signature of the outcome (which messages, which shapes), which the
    /// mutation loop uses to keep inputs that behave in a new way.
    @discardableResult
    public func run(_ data: Data) -> String {
        switch self {
        case .tsv: return Self.tsv(data)
        case .events: return Self.events(data)
        case .factions: return Self.factions(data)
        case .gazetteer: return Self.gazetteer(data)
        case .geojson: return Self.geojson(data)
        case .geonames: return Self.geonames(data)
        case .acled: return Self.acled(data)
        case .names: return Self.names(data)
        }
    }

    // MARK: the targets

    static let path = "fuzz.tsv"

    static func text(_ data: Data) -> String? { try? DataFile.text(of: data, path: path) }

    static func tsv(_ data: Data) -> String {
        guard let text = text(data) else { return "not text" }
        return outcome(of: "TSVTable", text: text) {
            let table = try TSVTable(text: text, path: path)
            var last = table.headerLine
            for row in table.rows {
                check(row.line > last, "rows out of order: line \(row.line) after \(last)")
                check(!row.fields.contains { $0.contains("\t") || $0.contains("\n") }, "a field holds a tab or line break")
                last = row.line
            }
            check(last <= lineCount(text), "line \(last) past the end (\(lineCount(text)) lines)")
            return "table \(min(table.header.count, 9)) \(table.fieldCountProblems().isEmpty)"
        }
    }

    static func events(_ data: Data) -> String {
        guard let text = text(data) else { return "not text" }
        return outcome(of: "EventLog", text: text) {
            let log = try EventLog.parse(text: text, path: path, gazetteer: context.gazetteer, factions: context.factions)
            for e in log.events {
                check(context.gazetteer.place(id: e.placeID) != nil, "event of an unknown place id \(e.placeID)")
                check(!e.source.isEmpty || log.warnings.contains { $0.location.line == e.location.line }, "a row without source and without a warning")
            }
            // The timeline built from what the checker let through must answer for any day.
            let timeline = ControlTimeline(log: log, gazetteer: context.gazetteer)
            if let first = timeline.firstDay, let last = timeline.lastDay {
                check(first <= last, "first day after last")
                _ = timeline.state(at: first)
                _ = timeline.state(at: last.adding(days: 1))
            }
            return signature(log.diagnostics, text: text) + " events \(min(log.events.count, 3))"
        }
    }

    static func factions(_ data: Data) -> String {
        guard let text = text(data) else { return "not text" }
        return outcome(of: "factions", text: text) {
            let (factions, problems) = Faction.parse(try TSVTable(text: text, path: path, required: Faction.columns))
            check(Set(factions.map(\.id)).count == factions.count, "duplicate faction ids accepted")
            check(!factions.contains { Faction.reservedIDs.contains($0.id) }, "a reserved id accepted")
            return signature(problems, text: text) + " factions \(min(factions.count, 3))"
        }
    }

    static func gazetteer(_ data: Data) -> String {
        withFile(data) { url in
            outcome(of: "gazetteer", text: String(decoding: data, as: UTF8.self)) {
                let g = try Gazetteer.load(contentsOf: url, displayPath: path)
                for p in g.places { checkCoordinates(p.location) }
                for p in g.places.prefix(5) { _ = g.resolve(p.name) }
                return "places \(min(g.places.count, 3))"
            }
        }
    }

    static func geonames(_ data: Data) -> String {
        withFile(data) { url in
            outcome(of: "GeoNames", text: String(decoding: data, as: UTF8.self)) {
                let places = try Gazetteer.loadGeoNamesPlaces(contentsOf: url, displayPath: path)
                for p in places { checkCoordinates(p.location) }
                _ = Gazetteer.merged(curated: context.gazetteer, supplement: places)
                return "places \(min(places.count, 3))"
            }
        }
    }

    static func geojson(_ data: Data) -> String {
        outcome(of: "GeoJSON", text: String(decoding: data, as: UTF8.self)) {
            let features = try GeoJSONReader.read(data: data, file: path)
            for f in features {
                for line in f.geometry.lines { for p in line { check(p.latitude.isFinite && p.longitude.isFinite, "a non-finite coordinate") } }
            }
            return "features \(min(features.count, 3))"
        }
    }

    static func acled(_ data: Data) -> String {
        guard let text = text(data) else { return "not text" }
        return outcome(of: "ACLED", text: text) {
            let imported = try ACLEDImport.run(csv: text, path: path, gazetteer: context.gazetteer, factions: context.factions,
                                              timeline: nil, actors: context.actors)
            for row in imported.rows {
                check(row.count == EventLog.columns.count, "a candidate row of \(row.count) cells")
                check(!row.contains { $0.contains("\t") || $0.contains("\n") || $0.contains("\r") }, "a cell would break the TSV")
            }
            // What import prints must read back as an event log (errors allowed, not a thrown header problem).
            _ = try? EventLog.parse(text: imported.tsv, path: "import.tsv", gazetteer: context.gazetteer, factions: context.factions)
            return signature(imported.problems, text: text) + " rows \(min(imported.rows.count, 3))"
        }
    }

    static func names(_ data: Data) -> String {
        let queries = ResolveQuery.lines(of: data)
        var matched = 0
        for (i, q) in queries.enumerated() {
            check(q.line == i + 1, "query lines not consecutive")
            guard q.error == nil else { continue }
            let r = context.gazetteer.resolve(q.text)
            if let m = r.match {
                matched += 1
                check(m.score.isFinite && m.score >= 0 && m.score <= 1, "score \(m.score) outside 0...1")
            }
        }
        return "names \(min(queries.count, 3)) matched \(min(matched, 3)) errors \(queries.contains { $0.error != nil })"
    }

    // MARK: helpers

    /// What one run of a parser comes to: what `run` says of the parsed
    /// value, or the signature of the ``DataError`` it threw for `text`. Any
    /// other error is a bug, and stops the process like a broken invariant.
    static func outcome(of parser: String, text: @autoclosure () -> String, _ run: () throws -> String) -> String {
        do { return try run() } catch let error as DataError {
            return signature(error.diagnostics, text: text())
        } catch { fatalError("\(parser) threw \(error)") }
    }

    static func check(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String) {
        if !condition() { fatalError("fuzz invariant: \(message())") }
    }

    static func checkCoordinates(_ p: GeoPoint) {
        check(p.latitude.isFinite && (-90...90).contains(p.latitude) && p.longitude.isFinite && (-180...180).contains(p.longitude),
              "coordinate \(p.latitude), \(p.longitude) accepted")
    }

    static func lineCount(_ text: String) -> Int { text.utf8.reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) } }

    /// Every diagnostic names the file and a line within it; the signature is
    /// the set of message shapes (quoted values and numbers blanked out).
    static func signature(_ diagnostics: [Diagnostic], text: String) -> String {
        let lines = lineCount(text)
        var shapes = Set<String>()
        for d in diagnostics {
            check(d.location.file == path, "a diagnostic names \(d.location.file)")
            check(d.location.line >= 0 && d.location.line <= lines, "line \(d.location.line) of a \(lines)-line input")
            check(!d.message.isEmpty, "an empty message")
            shapes.insert("\(d.severity) \(d.field ?? "-") \(shape(d.message))")
        }
        return shapes.sorted().joined(separator: "|")
    }

    static func shape(_ message: String) -> String {
        var out = "", quoted = false
        for c in message {
            if c == "'" { quoted.toggle(); continue }
            if quoted || c.isNumber { continue }
            out.append(c)
        }
        return String(out.prefix(60))
    }

    /// Loaders that take a path get the bytes through a file in memory-backed /dev/shm when there is one.
    /// Every call has its own file: targets run in parallel (swift-testing runs the
    /// smoke test's arguments on several threads at once), and a shared name let one
    /// target unlink or overwrite the file another was reading.
    static func withFile(_ data: Data, _ body: (URL) -> String) -> String {
        let folder = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
        let url = URL(fileURLWithPath: folder).appendingPathComponent("frontline-fuzz-\(getpid())-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: url.path, contents: data)
        defer { unlink(url.path) }
        return body(url)
    }

    /// The gazetteer, factions and actor mappings the event and ACLED targets check against.
    struct Context: Sendable {
        let gazetteer: Gazetteer
        let factions: [Faction]
        let actors: [ACLEDImport.ActorMapping]
    }

    static let context: Context = {
        func place(_ id: String, _ name: String, _ ar: String, _ alts: [String], _ lat: Double, _ lon: Double, _ kind: PlaceKind) -> Place {
            Place(id: id, name: name, nameArabic: ar, alternateNames: alts, location: GeoPoint(latitude: lat, longitude: lon),
                  kind: kind, admin1: "", source: "fuzz fixture")
        }
        let gazetteer = Gazetteer(places: [
            place("tripoli", "Tripoli", "طرابلس", ["Tarabulus"], 32.8872, 13.1913, .city),
            place("tarhuna", "Tarhuna", "ترهونة", ["Tarhouna", "Tarhunah"], 32.4350, 13.6332, .town),
            place("watiya", "al-Watiya airbase", "قاعدة الوطية", ["Watiya"], 32.4797, 11.8939, .airbase),
            place("sirte", "Sirte", "سرت", ["Sirt"], 31.2089, 16.5887, .city),
            place("suq-al-khamis-a", "Suq al-Khamis", "سوق الخميس", [], 32.57, 14.17, .village),
            place("suq-al-khamis-b", "Suq al-Khamis", "سوق الخميس", [], 32.72, 12.95, .village),
        ])
        let factions = [
            Faction(id: "gna", name: "GNA", nameArabic: "حكومة الوفاق", color: RGBColor(red: 0, green: 0, blue: 255), short: "GNA"),
            Faction(id: "lna", name: "LNA", nameArabic: "", color: RGBColor(red: 255, green: 200, blue: 0), short: "LNA"),
            Faction(id: "local", name: "Local", nameArabic: "", color: RGBColor(red: 100, green: 150, blue: 100), short: "Local"),
        ]
        let actors = ["Government of National Accord=gna", "Libyan National Army=lna"].compactMap(ACLEDImport.ActorMapping.init(parsing:))
        return Context(gazetteer: gazetteer, factions: factions, actors: actors)
    }()
}
