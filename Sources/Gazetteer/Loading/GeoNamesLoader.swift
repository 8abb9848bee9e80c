import Foundation
import FrontlineCore

/// Reads a GeoNames country dump (`LY.txt` from download.geonames.org/export/dump).
///
/// The layout is fixed: no header, 19 tab-separated columns: geonameid, name,
/// asciiname, alternatenames (comma-separated), latitude, longitude, feature
/// class, feature code, country code, cc2, admin1 code, admin2, admin3, admin4,
/// population, elevation, dem, timezone, modification date.
enum GeoNamesLoader {
    static let columnCount = 19

    static func places(from data: Data, path: String) throws -> [Place] {
        var places: [Place] = []
        var problems: [Diagnostic] = []
        var lineNumber = 0
        data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            let bytes = raw.bindMemory(to: UInt8.self)
            var lineStart = 0
            while lineStart < bytes.count {
                var lineEnd = lineStart
                while lineEnd < bytes.count, bytes[lineEnd] != 0x0A { lineEnd += 1 }
                lineNumber += 1
                var end = lineEnd
                if end > lineStart, bytes[end - 1] == 0x0D { end -= 1 }
                let line = UnsafeBufferPointer(rebasing: bytes[lineStart..<end])
                lineStart = lineEnd + 1
                // Blank lines and `#` comments are not GeoNames, but harmless.
                if line.isEmpty || line[0] == UInt8(ascii: "#") { continue }
                let at = SourceLocation(file: path, line: lineNumber)
                switch parse(line) {
                case .place(let place): places.append(place)
                case .skipped: continue
                case .problem(let field, let message): problems.append(Diagnostic(.error, at: at, field: field, message))
                }
            }
        }
        if !problems.isEmpty { throw DataError(problems) }
        return places
    }

    private enum Outcome {
        case place(Place)
        /// A feature frontline does not draw: rivers, hills, hotels…
        case skipped
        case problem(field: String?, String)
    }

    private static func parse(_ line: UnsafeBufferPointer<UInt8>) -> Outcome {
        // The line is checked as UTF-8 once; its fields are then cut by byte offsets.
        guard let text = String(validating: line, as: UTF8.self) else {
            return .problem(field: nil, "the line is not valid UTF-8")
        }
        var fields: [Substring] = []
        fields.reserveCapacity(columnCount)
        let utf8 = text.utf8
        var start = utf8.startIndex
        var index = start
        while index != utf8.endIndex {
            if utf8[index] == 0x09 {
                fields.append(text[start..<index])
                start = utf8.index(after: index)
            }
            index = utf8.index(after: index)
        }
        fields.append(text[start..<utf8.endIndex])
        guard fields.count == columnCount else {
            return .problem(field: nil, "\(fields.count) tab-separated columns where a GeoNames dump has \(columnCount)")
        }
        guard let geonameID = Int(fields[0]), geonameID > 0 else {
            return .problem(field: "geonameid", "'\(fields[0])' is not a GeoNames id")
        }
        let name = String(fields[1])
        guard !name.isEmpty else { return .problem(field: "name", "the name is empty") }
        guard let lat = Double(decimal: fields[4]), (-90...90).contains(lat) else {
            return .problem(field: "latitude", "'\(fields[4])' is not a latitude")
        }
        guard let lon = Double(decimal: fields[5]), (-180...180).contains(lon) else {
            return .problem(field: "longitude", "'\(fields[5])' is not a longitude")
        }
        let population = fields[14].isEmpty ? 0 : Int(fields[14]) ?? -1
        guard population >= 0 else { return .problem(field: "population", "'\(fields[14])' is not a population") }
        guard let kind = kind(featureClass: fields[6], code: fields[7], population: population) else { return .skipped }
        var alternates: [String] = []
        let ascii = String(fields[2])
        if !ascii.isEmpty, ascii != name { alternates.append(ascii) }
        let list = fields[3]
        var from = list.utf8.startIndex
        for i in list.utf8.indices where list.utf8[i] == UInt8(ascii: ",") || list.utf8.index(after: i) == list.utf8.endIndex {
            let to = list.utf8[i] == UInt8(ascii: ",") ? i : list.utf8.endIndex
            let alternate = String(list[from..<to])
            from = list.utf8.index(after: i)
            if !alternate.isEmpty, alternate != name, alternate != ascii { alternates.append(alternate) }
        }
        // GeoNames lists the Arabic name among the alternates; the first one becomes name_ar.
        let arabic = alternates.first(where: ArabicNormalizer.isArabic) ?? ""
        return .place(Place(id: "gn\(geonameID)", name: name, nameArabic: arabic,
                            alternateNames: alternates.filter { $0 != arabic },
                            location: GeoPoint(latitude: lat, longitude: lon), kind: kind,
                            admin1: String(fields[10]), source: "GeoNames \(geonameID)", population: population))
    }

    /// The kind of a GeoNames feature, or nil for features frontline does not use.
    ///
    /// Populated places are sized by population (GeoNames' own PPL codes say
    /// nothing about size): ≥ 100,000 a city, ≥ 5,000 a town, else a village.
    static func kind(featureClass: Substring, code: Substring, population: Int) -> PlaceKind? {
        switch (featureClass, code) {
        case ("P", "PPLC"): return .city
        case ("P", "PPLX"): return .district
        case ("P", "PPLH"), ("P", "PPLQ"), ("P", "PPLW"), ("P", "PPLCH"): return nil   // historical, abandoned, destroyed
        case ("P", _): return population >= 100_000 ? .city : population >= 5_000 ? .town : .village
        case ("A", "ADM1"), ("A", "ADM1H"): return .region
        case ("A", let c) where c.hasPrefix("ADM"): return .district
        case ("S", "AIRB"): return .airbase
        case ("S", "AIRP"), ("S", "AIRF"), ("S", "AIRH"): return .airport
        case ("S", "PSTB"), ("S", "PSTC"): return .crossing
        case ("L", "PRT"), ("S", "PRT"), ("S", "OILT"): return .port
        case ("L", "OILF"), ("L", "GASF"), ("S", "OILW"): return .oilfield
        case ("L", "RGN"), ("L", "AREA"), ("T", "MTS"): return .region
        default: return nil
        }
    }
}

extension Gazetteer {
    /// Loads a GeoNames country dump (`LY.txt`). Features that frontline has no
    /// kind for (wadis, hills, hotels) are left out. Throws ``DataError`` listing
    /// every malformed line as `file:line: message`.
    public static func loadGeoNames(contentsOf url: URL, displayPath: String? = nil) throws -> Gazetteer {
        Gazetteer(places: try loadGeoNamesPlaces(contentsOf: url, displayPath: displayPath))
    }

    /// The places of a GeoNames dump, not yet indexed (for merging several files).
    public static func loadGeoNamesPlaces(contentsOf url: URL, displayPath: String? = nil) throws -> [Place] {
        let path = displayPath ?? url.path
        return try GeoNamesLoader.places(from: try DataFile.read(url, displayPath: path), path: path)
    }
}
