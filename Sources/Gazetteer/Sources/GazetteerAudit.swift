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
        for row in table.rows where row.fields.count == table.header.count {
            problems += check(row, at: table.location(of: row), records: records)
        }
        return problems
    }

    static func check(_ row: TSVTable.Row, at: SourceLocation, records: ReferenceRecords) -> [Diagnostic] {
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
        if let record = SourceRecord(source: source) {
            guard let found = records[record] else {
                error("source", "\(record) is not in gazetteer/sources (no such record in the vendored \(record.reference.rawValue) file)")
                return problems
            }
            let km = Ranking.kilometres(GeoPoint(latitude: lat, longitude: lon), found.location)
            if km > recordToleranceKilometres {
                error("lat", String(format: "%@ is %.1f km from its record %@ (%.5f, %.5f); copy the record's coordinate",
                                    id, km, record.description, found.location.latitude, found.location.longitude))
            }
        } else if source.hasPrefix("approx.") {
            if !hasStatedPrecision(source) {
                error("source", "an approximate source must read 'approx. N km: reason', got '\(source)'")
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
