import Foundation
import FrontlineCore
import Gazetteer
@testable import Timeline

/// Fixture files and small builders shared by the Timeline tests.
enum Fixture {
    static var folder: URL { Bundle.module.url(forResource: "Fixtures", withExtension: nil)! }
    static func url(_ name: String) -> URL { folder.appendingPathComponent(name) }

    static var gazetteer: Gazetteer { try! Gazetteer.load(contentsOf: url("gazetteer.tsv")) }

    static let factions = [
        Faction(id: "gna", name: "GNA", nameArabic: "", color: RGBColor(red: 0, green: 0, blue: 255), short: "GNA"),
        Faction(id: "lna", name: "LNA", nameArabic: "", color: RGBColor(red: 255, green: 200, blue: 0), short: "LNA"),
        Faction(id: "local", name: "Local", nameArabic: "", color: RGBColor(red: 100, green: 150, blue: 100), short: "Local"),
    ]

    static let header = "date\tplace\tfrom\tto\taction\tsource\tnote\tstatus"

    /// An event log from rows written with `|` between fields (tabs are hard to
    /// read in a test); the header is line 1, so the first row is line 2.
    static func log(_ rows: [String]) throws -> EventLog {
        let text = ([header] + rows.map { $0.replacingOccurrences(of: "|", with: "\t") }).joined(separator: "\n")
        return try EventLog.parse(text: text, path: "events.tsv", gazetteer: gazetteer, factions: factions)
    }
}

