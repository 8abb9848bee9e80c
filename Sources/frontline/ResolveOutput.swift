import Foundation
import FrontlineCore
import Gazetteer

/// How `frontline resolve` prints its results: a JSON array or an aligned table.
enum ResolveOutput {
    struct Row: Sendable {
        let query: String
        let resolution: Resolution?
        let error: String?
    }

    /// The text of all rows, in order, as pieces to write one after another:
    /// a JSON array, or an aligned table. Long inputs are formatted on all
    /// cores, each core taking a contiguous run of chunks with its own cache
    /// of formatted places; the bytes are the same as formatting the rows one
    /// after another (formatting had become a third of `resolve -`).
    static func format(_ chunks: [[Row]], json: Bool) -> [String] {
        let stripes = min(chunks.count, ProcessInfo.processInfo.activeProcessorCount)
        guard stripes > 0 else { return [json ? "[\n]\n" : ""] }
        @Sendable func runs(_ s: Int) -> Range<Int> { (s * chunks.count / stripes)..<((s + 1) * chunks.count / stripes) }
        let widths = json ? TableWidths() : Array(0..<stripes).concurrentMap { TableWidths(chunks[runs($0)].joined()) }
            .reduce(TableWidths()) { $0.widest($1) }
        let lastChunk = chunks.lastIndex { !$0.isEmpty }
        var pieces = Array(0..<stripes).concurrentMap { s -> String in
            var out = ""
            if json {
                var writer = JSONWriter()
                for c in runs(s) {
                    for (i, row) in chunks[c].enumerated() {
                        writer.append(row, last: c == lastChunk && i == chunks[c].count - 1, to: &out)
                    }
                }
            } else {
                var writer = TableWriter(widths: widths)
                for c in runs(s) { for row in chunks[c] { writer.append(row, to: &out) } }
            }
            return out
        }
        if json {
            pieces.insert("[\n", at: 0)
            pieces.append("]\n")
        }
        return pieces
    }

    // MARK: JSON

    /// One object per query, keys in a fixed order, numbers in Swift's shortest
    /// round-trip form: the same input always gives the same bytes.
    struct JSONWriter {
        /// A place's object is written once and reused: 100,000 queries name far fewer places.
        private var objects: [String: String] = [:]

        private mutating func place(_ p: Place) -> String {
            if let done = objects[p.id] { return done }
            let text = placeObject(p)
            objects[p.id] = text
            return text
        }

        /// Appends one row's object, with the comma that separates it from the next unless it is `last`.
        mutating func append(_ row: Row, last: Bool, to out: inout String) {
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
            out += last ? "}\n" : "},\n"
        }
    }

    private static func placeObject(_ p: Place) -> String {
        "{\"id\": \(string(p.id)), \"name\": \(string(p.name)), \"name_ar\": \(string(p.nameArabic)), "
            + "\"lat\": \(p.latitude), \"lon\": \(p.longitude), \"kind\": \(string(p.kind.rawValue))}"
    }

    /// A score with three decimals, `0.950`. Written by hand: `String(format:)`
    /// costs more than the lookup itself.
    static func score(_ s: Double) -> String {
        let thousandths = Int(clampingRounded: max(0, s) * 1000)
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

    /// The widths of the table's columns: the longest query, name and Arabic
    /// name, each capped.
    struct TableWidths: Sendable {
        var query = 0, name = 0, arabic = 0

        init() {}

        init<S: Sequence<Row>>(_ rows: S) {
            for row in rows {
                query = max(query, min(40, characterCount(row.query)))
                guard let p = row.resolution?.match?.place else { continue }
                name = max(name, min(32, characterCount(p.name)))
                arabic = max(arabic, min(24, characterCount(p.nameArabic)))
            }
        }

        func widest(_ other: TableWidths) -> TableWidths {
            var w = self
            w.query = max(query, other.query)
            w.name = max(name, other.name)
            w.arabic = max(arabic, other.arabic)
            return w
        }
    }

    /// `query → name  name_ar  lat, lon  method score`, columns aligned, with
    /// "no match" and "ambiguous: also …" lines.
    struct TableWriter {
        let widths: TableWidths
        /// Each place's columns are formatted once (`String(format:)` is slow).
        private var formatted: [String: String] = [:]

        init(widths: TableWidths) { self.widths = widths }

        private mutating func columns(_ p: Place) -> String {
            if let done = formatted[p.id] { return done }
            let text = pad(p.name, widths.name) + "  " + pad(p.nameArabic, widths.arabic) + "  " + coordinates(p) + "  "
            formatted[p.id] = text
            return text
        }

        mutating func append(_ row: Row, to out: inout String) {
            out += pad(row.query, widths.query) + "  →  "
            if let error = row.error {
                out += "error: \(error)\n"
                return
            }
            guard let resolution = row.resolution, let match = resolution.match else {
                out += "no match\n"
                return
            }
            let p = match.place
            out += columns(p) + pad(match.method.rawValue, 10) + " " + score(match.score) + "\n"
            if resolution.isAmbiguous {
                let others = resolution.alternatives.map { "\($0.place.name) (\($0.place.kind.rawValue), \(coordinates($0.place)))" }
                out += String(repeating: " ", count: widths.query + 5) + "ambiguous: also " + others.joined(separator: "; ")
                    + "; narrow it with --near LAT,LON or --within W,S,E,N\n"
            }
        }
    }

    private static func coordinates(_ p: Place) -> String {
        String(format: "%8.4f, %8.4f", p.latitude, p.longitude)
    }

    /// How many characters `s` has, as `s.count` counts them (what the table
    /// pads by), without walking grapheme clusters when every byte is ASCII
    /// and none is a carriage return (the one ASCII pair that is one character).
    static func characterCount(_ s: String) -> Int {
        s.utf8.allSatisfy { $0 < 0x80 && $0 != 0x0D } ? s.utf8.count : s.count
    }

    private static func pad(_ s: String, _ width: Int) -> String {
        let n = characterCount(s)
        return n >= width ? s : s + String(repeating: " ", count: width - n)
    }
}
