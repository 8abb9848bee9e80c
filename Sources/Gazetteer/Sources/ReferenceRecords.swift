import Foundation
import FrontlineCore

/// The public records the gazetteer's coordinates are copied from, as vendored
/// in `gazetteer/sources/` (see its README): OSM place nodes, DAFIF and
/// OurAirports airfields, GeoNames places, Wikipedia infobox coordinates.
public struct ReferenceRecords: Sendable {
    /// One record: where it puts the place and the names it gives it.
    public struct Record: Sendable {
        public let location: GeoPoint
        public let names: [String]
    }

    /// The file of each reference and its key and name columns.
    static let files: [(reference: SourceRecord.Reference, file: String, key: String, names: [String])] = [
        (.osm, "osm-places.tsv", "osm_id", ["name", "name_ar", "name_en", "other_names"]),
        (.dafif, "dafif-airfields.tsv", "icao", ["name"]),
        (.ourairports, "ourairports-airfields.tsv", "icao", ["name", "city"]),
        (.geonames, "geonames-places.tsv", "geonameid", ["name", "alternate_names"]),
        (.wikipedia, "wikipedia-coordinates.tsv", "article", ["article"]),
    ]

    private var records: [SourceRecord: Record] = [:]
    /// Every record by the normalised keys of its names, built on demand by the audit.
    func byNameKey() -> [NameKey: [SourceRecord]] {
        var index: [NameKey: [SourceRecord]] = [:]
        for (ref, record) in records {
            for key in Set(record.names.flatMap(Gazetteer.indexKeys(of:))) where !key.scalars.isEmpty {
                index[key, default: []].append(ref)
            }
        }
        return index
    }

    public var count: Int { records.count }

    public subscript(_ record: SourceRecord) -> Record? { records[record] }

    /// Reads every reference file in `directory`. Throws ``DataError`` naming the
    /// file and line of a bad row; a missing file is an error too, as a row
    /// citing its reference could not be checked.
    public init(directory: URL, displayDirectory: String? = nil) throws {
        var problems: [Diagnostic] = []
        for spec in Self.files {
            let path = (displayDirectory ?? directory.path) + "/" + spec.file
            let table: TSVTable
            do {
                table = try TSVTable(contentsOf: directory.appendingPathComponent(spec.file), displayPath: path,
                                     required: [spec.key, "lat", "lon"] + spec.names)
            } catch let error as DataError {
                problems += error.diagnostics
                continue
            }
            problems += table.fieldCountProblems()
            for row in table.rows where row.fields.count == table.header.count {
                guard let lat = Double(row["lat"]), (-90...90).contains(lat), let lon = Double(row["lon"]), (-180...180).contains(lon) else {
                    problems.append(Diagnostic(.error, at: table.location(of: row), field: "lat", "'\(row["lat"]), \(row["lon"])' is not a coordinate"))
                    continue
                }
                let names = spec.names.flatMap { row[$0].split(separator: "|").map(String.init) }.filter { !$0.isEmpty }
                records[SourceRecord(reference: spec.reference, key: row[spec.key])] =
                    Record(location: GeoPoint(latitude: lat, longitude: lon), names: names)
            }
        }
        if !problems.isEmpty { throw DataError(problems) }
    }
}
