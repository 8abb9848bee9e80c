import Foundation
import Gazetteer

/// How `frontline resolve` prints its results: a JSON array or an aligned table.
enum ResolveOutput {
    struct Row: Sendable {
        let query: String
        let resolution: Resolution?
        let error: String?
    }

    // MARK: JSON

    /// One object per query, keys in a fixed order, numbers in Swift's shortest
    /// round-trip form: the same input always gives the same bytes. Chunks of
    /// rows are formatted on all cores.
    static func json(_ rows: [Row]) -> String {
        if rows.isEmpty { return "[\n]\n" }
        let parts = inChunks(rows) { slice in jsonRows(slice, last: rows.count - 1) }
        return "[\n" + parts.joined() + "]\n"
    }

    /// The rows of `slice`, each followed by `,` unless it is row `last` of the whole output.
    private static func jsonRows(_ slice: ArraySlice<Row>, last: Int) -> String {
        var out = ""
        // A place's object is written once and reused: 100,000 queries name far fewer places.
        var objects: [String: String] = [:]
        func place(_ p: Place) -> String {
            if let done = objects[p.id] { return done }
            let text = placeObject(p)
            objects[p.id] = text
            return text
        }
        for (i, row) in zip(slice.indices, slice) {
            out += "  {\"query\": " + string(row.query)
            if let match = row.resolution?.match {
                out += ", \"match\": " + place(match.place)
                out += ", \"score\": " + score(match.score) + ", \"method\": " + string(match.method.rawValue)
            } else {
                out += ", \"match\": null, \"score\": null, \"method\": null"
            }
            out += ", \"alternatives\": ["
            out += (row.resolution?.alternatives ?? []).map { c in
                String(place(c.place).dropLast()) + ", \"score\": " + score(c.score) + ", \"method\": " + string(c.method.rawValue) + "}"
            }.joined(separator: ", ")
            out += "]"
            if let error = row.error { out += ", \"error\": " + string(error) }
            out += i == last ? "}\n" : "},\n"
        }
        return out
    }

    private static func placeObject(_ p: Place) -> String {
        "{\"id\": \(string(p.id)), \"name\": \(string(p.name)), \"name_ar\": \(string(p.nameArabic)), "
            + "\"lat\": \(p.latitude), \"lon\": \(p.longitude), \"kind\": \(string(p.kind.rawValue))}"
    }

    /// A score with three decimals, `0.950`. Written by hand: `String(format:)`
    /// costs more than the lookup itself.
    static func score(_ s: Double) -> String {
        let thousandths = Int((max(0, s) * 1000).rounded())
        let fraction = String(thousandths % 1000)
        return "\(thousandths / 1000)." + String(repeating: "0", count: 3 - fraction.count) + fraction
    }

    /// A JSON string literal (RFC 8259 escapes; everything else as UTF-8).
    static func string(_ s: String) -> String {
        // Nearly every name needs no escape at all.
        if !s.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
            return "\"" + s + "\""
        }
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20: out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    // MARK: Table

    /// `query → name  name_ar  lat, lon  method score`, columns aligned, with
    /// "no match" and "ambiguous: also …" lines. Chunks of rows are formatted
    /// on all cores, once the column widths are known.
    static func table(_ rows: [Row]) -> String {
        let widths = inChunks(rows) { slice in
            (query: slice.map(\.query.count).max() ?? 0,
             name: slice.compactMap { $0.resolution?.match?.place.name.count }.max() ?? 0,
             arabic: slice.compactMap { $0.resolution?.match?.place.nameArabic.count }.max() ?? 0)
        }
        let width = min(40, widths.map(\.query).max() ?? 0)
        let nameWidth = min(32, widths.map(\.name).max() ?? 0)
        let arabicWidth = min(24, widths.map(\.arabic).max() ?? 0)
        return inChunks(rows) { slice in
            tableRows(slice, width: width, nameWidth: nameWidth, arabicWidth: arabicWidth)
        }.joined()
    }

    private static func tableRows(_ slice: ArraySlice<Row>, width: Int, nameWidth: Int, arabicWidth: Int) -> String {
        var out = ""
        // Each place's columns are formatted once (`String(format:)` is slow).
        var formatted: [String: String] = [:]
        func columns(_ p: Place) -> String {
            if let done = formatted[p.id] { return done }
            let text = pad(p.name, nameWidth) + "  " + pad(p.nameArabic, arabicWidth) + "  " + coordinates(p) + "  "
            formatted[p.id] = text
            return text
        }
        for row in slice {
            out += pad(row.query, width) + "  →  "
            if let error = row.error {
                out += "error: \(error)\n"
                continue
            }
            guard let resolution = row.resolution, let match = resolution.match else {
                out += "no match\n"
                continue
            }
            let p = match.place
            out += columns(p) + pad(match.method.rawValue, 10) + " " + score(match.score) + "\n"
            if resolution.isAmbiguous {
                let others = resolution.alternatives.map { "\($0.place.name) (\($0.place.kind.rawValue), \(coordinates($0.place)))" }
                out += String(repeating: " ", count: width + 5) + "ambiguous: also " + others.joined(separator: "; ")
                    + "; narrow it with --near LAT,LON or --within W,S,E,N\n"
            }
        }
        return out
    }

    private static func coordinates(_ p: Place) -> String {
        String(format: "%8.4f, %8.4f", p.latitude, p.longitude)
    }

    private static func pad(_ s: String, _ width: Int) -> String {
        let n = s.count
        return n >= width ? s : s + String(repeating: " ", count: width - n)
    }
}
