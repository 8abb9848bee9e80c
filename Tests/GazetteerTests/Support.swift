import Foundation
@testable import Gazetteer

/// Files the tests read: the real curated gazetteer from the package root, and
/// the GeoNames fixtures bundled with the tests.
enum TestData {
    /// The package root: this file is Tests/GazetteerTests/Support.swift.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `gazetteer/libya.tsv`, loaded once for all tests.
    static let libya: Gazetteer = {
        do {
            return try Gazetteer.load(contentsOf: root.appendingPathComponent("gazetteer/libya.tsv"), displayPath: "gazetteer/libya.tsv")
        } catch {
            fatalError("gazetteer/libya.tsv does not load: \(error)")
        }
    }()

    static func fixture(_ name: String) -> URL {
        Bundle.module.url(forResource: "Fixtures/\(name)", withExtension: nil)
            ?? root.appendingPathComponent("Tests/GazetteerTests/Fixtures/\(name)")
    }

    /// The key of a name, as a string, for readable expectations.
    static func key(_ name: String) -> String { NameKey(name).description }
}
