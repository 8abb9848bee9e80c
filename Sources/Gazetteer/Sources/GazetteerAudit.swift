import Foundation
import FrontlineCore

/// The checks a gazetteer file must pass beyond loading: every coordinate is
/// its record's, every approximate row says how approximate and why, and the
/// fields are clean. `frontline check` and the tests run it; loading does not,
/// so drawing a map does not pay for reading the references.
public enum GazetteerAudit {
    /// How far a row may be from the record it cites, in km: the 4–5 decimals
    /// the files keep, with room for rounding (issue 10: "to 100 m").
    public static let recordToleranceKilometres = 0.1

    /// Problems of the gazetteer file at `url`, checked against `records`.
    public static func check(contentsOf url: URL, displayPath: String, records: ReferenceRecords) -> [Diagnostic] {
        let table: TSVTable
        do {
            table = try TSVTable(contentsOf: url, displayPath: displayPath, required: Gazetteer.columns)
        } catch let error as DataError {
            return error.diagnostics
        } catch {
            return [Diagnostic(.error, at: SourceLocation(file: displayPath, line: 0), "\(error)")]
        }
        var problems: [Diagnostic] = []
        let index = records.byNameKey()
        for row in table.rows where row.fields.count == table.header.count {
            problems += check(row, at: table.location(of: row), records: records, index: index)
        }
        return problems
    }

    /// How near a record sharing a name must be for an `approx.` row to be told
    /// that it could cite it, in km.
    public static let couldCiteKilometres = 30.0

    static func check(_ row: TSVTable.Row, at: SourceLocation, records: ReferenceRecords,
                      index: [NameKey: [SourceRecord]]) -> [Diagnostic] {
        var problems: [Diagnostic] = []
        func error(_ field: String, _ message: String) { problems.append(Diagnostic(.error, at: at, field: field, message)) }
        let id = row["id"]
        if !isSlug(id) { error("id", "'\(id)' is not a lowercase slug (letters, digits, single underscores)") }
        if row["name"].isEmpty { error("name", "empty name") }
        if !row["name_ar"].isEmpty, !row["name_ar"].unicodeScalars.contains(where: { (0x0621...0x064A).contains($0.value) }) {
            error("name_ar", "'\(row["name_ar"])' has no Arabic letters")
        }
        if row["alt_names"].split(separator: "|", omittingEmptySubsequences: false).contains(where: { $0.allSatisfy(\.isWhitespace) }),
           !row["alt_names"].isEmpty {
            error("alt_names", "an empty alternative name (a stray '|')")
        }
        let source = row["source"]
        guard let lat = Double(row["lat"]), let lon = Double(row["lon"]) else { return problems }  // the loader reports these
        let here = GeoPoint(latitude: lat, longitude: lon)
        let names = [row["name"], row["name_ar"]] + row["alt_names"].split(separator: "|").map(String.init)
        let keys = Set(names.flatMap(Gazetteer.indexKeys(of:))).filter { !$0.scalars.isEmpty }
        if let record = SourceRecord(source: source) {
            guard let found = records[record] else {
                error("source", "\(record) is not in gazetteer/sources (no such record in the vendored \(record.reference.rawValue) file)")
                return problems
            }
            let km = Ranking.kilometres(here, found.location)
            if km > recordToleranceKilometres {
                error("lat", String(format: "%@ is %.1f km from its record %@ (%.5f, %.5f); copy the record's coordinate",
                                    id, km, record.description, found.location.latitude, found.location.longitude))
            }
            // The record must be this place: it shares a name with the row, the row
            // names its key (an airfield's ICAO code), or the note after the record
            // quotes the record's name (an oil field cited by its airstrip). A typo
            // in a node id would otherwise pass with whatever village that node is.
            let recordKeys = Set(found.names.flatMap(Gazetteer.indexKeys(of:)))
            let note = source.dropFirst(record.description.count)
            if keys.isDisjoint(with: recordKeys), !names.contains(record.key), !found.names.contains(where: { note.contains($0) }) {
                error("source", "\(record) is named \(found.names.prefix(3).map { "'\($0)'" }.joined(separator: ", ")), "
                      + "none of the row's names; cite the right record, or add its name to alt_names or quote it in a note")
            }
        } else if source.hasPrefix("approx.") {
            if !hasStatedPrecision(source) {
                error("source", "an approximate source must read 'approx. N km: reason', got '\(source)'")
            }
            // A record of the same name nearby may be this place: say so, so the row
            // is checked by a person rather than left approximate by habit.
            var nearest: (SourceRecord, Double)?
            for key in keys {
                for ref in index[key] ?? [] {
                    guard let r = records[ref] else { continue }
                    let d = Ranking.kilometres(here, r.location)
                    if d <= couldCiteKilometres, d < nearest?.1 ?? .infinity || (d == nearest?.1 && ref.description < nearest!.0.description) {
                        nearest = (ref, d)
                    }
                }
            }
            if let (ref, d) = nearest, !source.contains(ref.description) {
                problems.append(Diagnostic(.warning, at: at, field: "source", String(format:
                    "approximate, but the record %@ (%@) of the same name is %.1f km away; cite it, or say in the reason why not",
                    ref.description, records[ref]?.names.first ?? "", d)))
            }
        } else {
            error("source", "'\(source)' names no record; write osm:node/N, dafif:ICAO, ourairports:ICAO, geonames:N, "
                  + "wikipedia:Article, or 'approx. N km: reason'")
        }
        return problems
    }

    /// `approx. N km: reason`: the precision ``CoordinatePrecision`` reads, then a reason.
    static func hasStatedPrecision(_ source: String) -> Bool {
        guard let colon = source.firstIndex(of: ":") else { return false }
        let head = source[..<colon], reason = source[source.index(after: colon)...]
        guard head.hasSuffix(" km"), !reason.trimmingCharacters(in: .whitespaces).isEmpty else { return false }
        let number = head.dropFirst("approx.".count).dropLast(3).trimmingCharacters(in: .whitespaces)
        guard let value = Double(number), value > 0 else { return false }
        return CoordinatePrecision.approximateKilometers(source: source) == value
    }

    static func isSlug(_ id: String) -> Bool {
        let parts = id.split(separator: "_", omittingEmptySubsequences: false)
        return !id.isEmpty && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber) } }
    }
}
