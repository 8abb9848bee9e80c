import Foundation
import FrontlineCore
import Gazetteer

/// `frontline check`'s audit of the gazetteer files: each is checked against the
/// reference records vendored in the `sources` folder beside it, when there is one.
enum GazetteerSourcesCheck {
    static let folderName = "sources"

    static func diagnostics(for files: [URL]) -> [Diagnostic] {
        var cache: [URL: Result<ReferenceRecords, DataError>] = [:]
        var problems: [Diagnostic] = []
        for file in files {
            let folder = file.deletingLastPathComponent().appendingPathComponent(folderName)
            guard FileManager.default.fileExists(atPath: folder.path) else { continue }
            let records = cache[folder] ?? Result {
                do { return try ReferenceRecords(directory: folder, displayDirectory: Theatre.displayPath(folder)) }
                catch let error as DataError { throw error }
                catch { throw DataError(at: SourceLocation(file: Theatre.displayPath(folder), line: 0), "\(error)") }
            }.mapError { $0 as! DataError }
            cache[folder] = records
            switch records {
            case .success(let r): problems += GazetteerAudit.check(contentsOf: file, displayPath: Theatre.displayPath(file), records: r)
            case .failure(let e): if cache.count == 1 || !problems.contains(e.diagnostics[0]) { problems += e.diagnostics }
            }
        }
        return problems
    }
}
