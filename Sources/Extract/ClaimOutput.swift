import Foundation
import FrontlineCore
import Gazetteer
import Timeline

extension Lexicon {
    /// The lexicon a theatre names (`lexicon` in theatre.tsv), checked against its factions.
    public static func load(for theatre: Theatre) throws -> Lexicon {
        guard let url = theatre.settings.lexiconFile else {
            let file = Theatre.displayPath(theatre.settings.directory.appendingPathComponent(TheatreSettings.fileName))
            throw DataError(at: SourceLocation(file: file, line: 0), field: "lexicon",
                            "the theatre has no lexicon: add a row 'lexicon<TAB>lexicon.tsv' naming the extractor's word list")
        }
        return try load(contentsOf: url, displayPath: Theatre.displayPath(url), factions: theatre.factions.map(\.id))
    }
}

extension Extractor {
    /// The claims of an article, each compared with the event log: its `from`,
    /// whether the log has it already (`known`), and the action a log row would take.
    public func claims(in text: String, article: String, published: Day, outlet: String?, timeline: ControlTimeline) -> [Claim] {
        claims(in: text, article: article, published: published, outlet: outlet).map { claim in
            var c = claim
            c.compare(with: timeline)
            return c
        }
    }
}

/// The text forms of claims: JSON, rows for `events.tsv`, a table.
public enum ClaimOutput {
    /// `{"events": [...]}`, one claim a line, keys in a fixed order.
    /// Flagged claims carry `"flags"`; `article` names the file.
    public static func json(_ claims: [Claim]) -> String {
        var out = "{\"events\":["
        for (i, c) in claims.enumerated() {
            var fields: [(String, String)] = [
                ("place", "{\"id\":\(JSONText.string(c.place.id)),\"name\":\(JSONText.string(c.place.name)),"
                    + "\"name_ar\":\(JSONText.string(c.place.nameArabic)),\"lat\":\(JSONText.number(c.place.latitude)),"
                    + "\"lon\":\(JSONText.number(c.place.longitude))}"),
                ("controller_after", StateOutput.controllerText(c.controllerAfter).map(JSONText.string) ?? "null"),
                ("from", c.from.flatMap(StateOutput.controllerText).map(JSONText.string) ?? "null"),
                ("action", JSONText.string(c.action.rawValue)),
                ("date", JSONText.string(c.date.description)),
                ("date_precision", JSONText.string(c.datePrecision.rawValue)),
                ("claimed_by", c.claimedBy.map(JSONText.string) ?? "null"),
                ("quote", JSONText.string(c.quote)),
                ("trigger", JSONText.string(c.trigger)),
                ("scope", c.scope.isEmpty ? "null" : JSONText.string(c.scope)),
                ("confidence", JSONText.number(c.confidence)),
                ("known", c.known ? "true" : "false"),
                ("article", JSONText.string(c.article)),
            ]
            if !c.flags.isEmpty { fields.append(("flags", "[" + c.flags.map { JSONText.string($0.rawValue) }.joined(separator: ",") + "]")) }
            out += (i == 0 ? "\n" : ",\n") + "{" + fields.map { "\"\($0.0)\":\($0.1)" }.joined(separator: ",") + "}"
        }
        return out + (claims.isEmpty ? "]}\n" : "\n]}\n")
    }

    /// An aligned table for a person reading in a terminal.
    public static func table(_ claims: [Claim]) -> String {
        let rows = claims.map { c -> [String] in
            let quote = c.quote.count > 70 ? String(c.quote.prefix(70)) + "…" : c.quote
            return [c.date.description, c.place.name, c.controllerAfter.description, c.action.rawValue, c.claimedBy ?? "-",
                    String(format: "%.2f", c.confidence), c.known ? "known" : (c.flags.map(\.rawValue).joined(separator: ",")), quote]
        }
        return TextTable.render(header: ["date", "place", "after", "action", "claimed_by", "conf", "note", "quote"], rows: rows)
    }

    /// Rows in the `events.tsv` layout (`date place from to action source note
    /// status`, status `claimed`, the quote in `note`), ready to append to the
    /// log after review.
    ///
    /// Every row is checked the way `frontline check` checks the log, by
    /// checking the log with the rows appended: a row the check would refuse
    /// (a second change of a place that day, a `from` that a later row of the
    /// log contradicts), a claim the log already has, and a flagged claim are
    /// written as `#` comments saying why, so that the rows that stay pass.
    public static func tsv(_ claims: [Claim], theatre: Theatre, source: (Claim) -> String) -> String {
        func clean(_ s: String) -> String {
            String(s.unicodeScalars.map { $0 == "\t" || $0 == "\n" || $0 == "\r" ? " " : Character($0) })
        }
        let rows = claims.map { c in
            [c.date.description, c.place.name, c.from?.description ?? "", c.controllerAfter.description, c.action.rawValue,
             clean(source(c)), clean(c.quote), EventStatus.claimed.rawValue].joined(separator: "\t")
        }
        var why: [Int: String] = [:]
        for (i, c) in claims.enumerated() {
            if !c.flags.isEmpty { why[i] = c.flags.map(\.rawValue).joined(separator: ", ") }
            else if c.known { why[i] = "known: the log has it" }
        }
        let url = theatre.settings.eventsFile
        if let data = FileManager.default.contents(atPath: url.path), let log = String(data: data, encoding: .utf8) {
            let base = log.hasSuffix("\n") || log.isEmpty ? log : log + "\n"
            let baseLines = base.utf8.reduce(0) { $1 == UInt8(ascii: "\n") ? $0 + 1 : $0 }
            let path = Theatre.displayPath(url)
            let before = (try? EventLog.parse(text: base, path: path, gazetteer: theatre.gazetteer, factions: theatre.factions))
            let oldErrors = Set((before?.errors ?? []).map(\.description))
            let placeOfLine = Dictionary((before?.events ?? []).map { ($0.location.line, $0.placeID) }, uniquingKeysWith: { a, _ in a })
            // Each pass comments out the rows that make errors; a row taken out can
            // clear another's error, so repeat until the rows left pass.
            for _ in 0..<4 {
                var lineOfRow: [Int: Int] = [:]
                var text = base
                var line = baseLines
                for (i, row) in rows.enumerated() where why[i] == nil {
                    text += row + "\n"
                    line += 1
                    lineOfRow[line] = i
                }
                guard !lineOfRow.isEmpty, let after = try? EventLog.parse(text: text, path: path, gazetteer: theatre.gazetteer, factions: theatre.factions) else { break }
                var changed = false
                for e in after.errors where !oldErrors.contains(e.description) {
                    if let i = lineOfRow[e.location.line] {
                        why[i] = "the check would refuse it: \(e.field.map { "\($0): " } ?? "")\(e.message)"
                        changed = true
                    } else if let place = placeOfLine[e.location.line] {
                        for (i, c) in claims.enumerated() where why[i] == nil && c.place.id == place {
                            why[i] = "it contradicts \(path):\(e.location.line): \(e.message)"
                            changed = true
                        }
                    }
                }
                if !changed { break }
            }
        }
        return rows.enumerated().map { i, row in why[i].map { "# \($0): \(row)\n" } ?? row + "\n" }.joined()
    }
}
