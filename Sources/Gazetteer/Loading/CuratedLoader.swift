import Foundation
import FrontlineCore

extension Gazetteer {
    /// The columns of frontline's own gazetteer TSV, in order.
    public static let columns = ["id", "name", "name_ar", "alt_names", "lat", "lon", "kind", "admin1", "source"]

    /// Loads a gazetteer TSV (`gazetteer/libya.tsv`). Throws ``DataError`` listing
    /// every bad row with its line.
    public static func load(contentsOf url: URL, displayPath: String? = nil) throws -> Gazetteer {
        Gazetteer(places: try loadPlaces(contentsOf: url, displayPath: displayPath))
    }

    /// The places of a gazetteer TSV, checked but not indexed: for a caller
    /// that combines several files into one gazetteer and indexes that once.
    public static func loadPlaces(contentsOf url: URL, displayPath: String? = nil) throws -> [Place] {
        let table = try TSVTable(contentsOf: url, displayPath: displayPath, required: columns)
        var problems = table.fieldCountProblems()
        var places: [Place] = []
        var seen: [String: Int] = [:]
        for row in table.rows where row.fields.count == table.header.count {
            let at = table.location(of: row)
            let id = row["id"]
            guard !id.isEmpty else { problems.append(Diagnostic(.error, at: at, field: "id", "empty id")); continue }
            if let first = seen[id] {
                problems.append(Diagnostic(.error, at: at, field: "id", "duplicate id '\(id)' (first on line \(first))"))
                continue
            }
            seen[id] = row.line
            guard let lat = Double(decimal: row["lat"]), (-90...90).contains(lat) else {
                problems.append(Diagnostic(.error, at: at, field: "lat", "'\(row["lat"])' is not a latitude")); continue
            }
            guard let lon = Double(decimal: row["lon"]), (-180...180).contains(lon) else {
                problems.append(Diagnostic(.error, at: at, field: "lon", "'\(row["lon"])' is not a longitude")); continue
            }
            guard let kind = PlaceKind(rawValue: row["kind"]) else {
                problems.append(Diagnostic(.error, at: at, field: "kind",
                    "unknown kind '\(row["kind"])'; use one of \(PlaceKind.allCases.map(\.rawValue).joined(separator: ", "))"))
                continue
            }
            let alternates = row["alt_names"].split(separator: "|").map { $0.trimmingSpaces() }.filter { !$0.isEmpty }
            places.append(Place(id: id, name: row["name"], nameArabic: row["name_ar"], alternateNames: alternates,
                                location: GeoPoint(latitude: lat, longitude: lon), kind: kind,
                                admin1: row["admin1"], source: row["source"]))
        }
        if problems.contains(where: { $0.severity == .error }) { throw DataError(problems) }
        return places
    }
}
