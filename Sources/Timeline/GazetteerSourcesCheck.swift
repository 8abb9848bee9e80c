import Foundation
import FrontlineCore
import Gazetteer

/// `frontline check`'s audit of the gazetteer files: each is checked against the
/// reference records vendored in the `sources` folder beside it, when there is one.
enum GazetteerSourcesCheck {
    static let folderName = "sources"

    static func diagnostics(for files: [URL]) -> [Diagnostic] {
        var problems: [Diagnostic] = []
        // The records of each folder, read once however many files sit beside it;
        // nil when they do not load (their problems are then reported once).
        var records: [URL: ReferenceRecords?] = [:]
        for file in files {
            let folder = file.deletingLastPathComponent().appendingPathComponent(folderName)
            guard FileManager.default.fileExists(atPath: folder.path) else { continue }
            if records[folder] == nil {
                do {
                    records[folder] = try ReferenceRecords(directory: folder, displayDirectory: Theatre.displayPath(folder))
                } catch let error as DataError {
                    problems += error.diagnostics
                    records[folder] = .some(nil)
                } catch {
                    problems.append(Diagnostic(.error, at: SourceLocation(file: Theatre.displayPath(folder), line: 0), "\(error)"))
                    records[folder] = .some(nil)
                }
            }
            guard let loaded = records[folder] ?? nil else { continue }
            problems += GazetteerAudit.check(contentsOf: file, displayPath: Theatre.displayPath(file), records: loaded)
        }
        return problems
    }
}
