import Foundation
import FrontlineCore

/// An event row that cites a seed article (`seeds/001_50675f680f27b41b.txt (Al
/// Jazeera, 2019-04-09)`) must quote the article's sentence in `note`, letter
/// for letter, so a reader can find the claim in the article.
///
/// The seeds are not part of a theatre, so the check runs when the folder is
/// found: the theatre's `seeds` setting, else `$FRONTLINE_SEEDS`. It is part of
/// `frontline check`, not of loading.
public enum SeedQuoteCheck {
    /// The folder of seed articles for a theatre, when one exists.
    public static func seedsDirectory(settings: TheatreSettings, environment: [String: String] = ProcessInfo.processInfo.environment) -> URL? {
        let candidates = [settings.seedsDirectory, environment["FRONTLINE_SEEDS"].map { URL(fileURLWithPath: $0) }].compactMap { $0 }
        var isDirectory: ObjCBool = false
        return candidates.first { FileManager.default.fileExists(atPath: $0.path, isDirectory: &isDirectory) && isDirectory.boolValue }
    }

    /// Problems of the event log at `events` against the seed articles in `seeds`.
    public static func check(events: URL, displayPath: String, seeds: URL) -> [Diagnostic] {
        guard let table = try? TSVTable(contentsOf: events, displayPath: displayPath, required: ["source", "note"]) else {
            return []   // the event log's own check reports an unreadable file
        }
        var texts: [String: String?] = [:]
        var problems: [Diagnostic] = []
        for row in table.rows {
            let source = row["source"]
            guard let range = source.range(of: "seeds/") else { continue }
            let file = String(source[range.upperBound...].prefix { !$0.isWhitespace })
            let text: String?
            if let cached = texts[file] { text = cached } else {
                text = try? String(contentsOf: seeds.appendingPathComponent(file), encoding: .utf8)
                texts[file] = text
            }
            guard let text else {
                problems.append(Diagnostic(.error, at: table.location(of: row), field: "source",
                                           "the seed file '\(file)' is not in \(Theatre.displayPath(seeds))"))
                continue
            }
            if row["note"].isEmpty || !text.contains(row["note"]) {
                problems.append(Diagnostic(.error, at: table.location(of: row), field: "note",
                                           "the note is not an exact quote from \(file)"))
            }
        }
        return problems
    }
}
