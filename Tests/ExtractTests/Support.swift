import Foundation
import FrontlineCore
import Gazetteer
import Timeline
@testable import Extract

/// The embedded Libya theatre, its lexicon and an extractor over it, loaded once.
enum Libya {
    /// maps/libya of the checkout this file is in.
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("maps/libya")
    static let theatre: Theatre = try! Theatre.load(directory: directory)
    static let lexicon: Lexicon = try! Lexicon.load(for: theatre)
    static let extractor = Extractor(gazetteer: theatre.gazetteer, lexicon: lexicon)

    /// The claims of a text, flagged ones included, compared with the log.
    static func claims(_ text: String, date: String = "2020-06-10", outlet: String? = nil) -> [Claim] {
        extractor.claims(in: text, article: "test", published: try! Day.parse(date), outlet: outlet, timeline: theatre.timeline)
    }

    /// The plain claims (no flags) as `place=controller` strings, sorted.
    static func plain(_ text: String, date: String = "2020-06-10", outlet: String? = nil) -> [String] {
        claims(text, date: date, outlet: outlet).filter { $0.flags.isEmpty }.map { "\($0.place.id)=\(controller($0))" }.sorted()
    }

    static func controller(_ c: Claim) -> String {
        StateOutput.controllerText(c.controllerAfter) ?? "unknown"
    }
}

enum Fixture {
    static var folder: URL { Bundle.module.url(forResource: "Fixtures", withExtension: nil)! }

    /// Rows of a fixture TSV file by column name.
    static func rows(_ name: String) throws -> [[String: String]] {
        let table = try TSVTable(contentsOf: folder.appendingPathComponent(name))
        return table.rows.map { row in Dictionary(uniqueKeysWithValues: table.header.map { ($0, row[$0]) }) }
    }
}
