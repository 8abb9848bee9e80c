import Foundation
import FrontlineCore
import Gazetteer

extension TheatreSettings {
    /// The theatre's gazetteer: the curated files (`gazetteer`, `|`-separated; an
    /// id may be in only one of them), then each `gazetteer.extra` file merged
    /// under them (``Gazetteer/merged(curated:supplement:)-(_,[Place])``: curated
    /// rows win, duplicates are merged into them). Throws ``DataError`` with the
    /// problems of every file, not only the first.
    public func loadGazetteer() throws -> Gazetteer {
        var problems: [Diagnostic] = []
        var places: [Place] = []
        var firstFile: [String: String] = [:]
        // Each file's places are read unindexed; the curated places are indexed
        // once (the merge looks names up in them), and the whole once more.
        func load(_ url: URL) -> [Place]? {
            do { return try Gazetteer.loadPlaces(contentsOf: url, displayPath: Theatre.displayPath(url)) } catch let error as DataError {
                problems += error.diagnostics
            } catch {
                problems.append(Diagnostic(.error, at: SourceLocation(file: Theatre.displayPath(url), line: 0), "\(error)"))
            }
            return nil
        }
        for url in gazetteerFiles {
            guard let filePlaces = load(url) else { continue }
            let path = Theatre.displayPath(url)
            for p in filePlaces {
                if let other = firstFile[p.id] {
                    problems.append(Diagnostic(.error, at: SourceLocation(file: path, line: 0), field: "id",
                                               "place id '\(p.id)' is also in \(other)"))
                    continue
                }
                firstFile[p.id] = path
                places.append(p)
            }
        }
        var gazetteer = Gazetteer(places: places)
        for url in extraGazetteerFiles {
            guard let extra = load(url) else { continue }
            gazetteer = Gazetteer.merged(curated: gazetteer, supplement: extra)
        }
        if !problems.isEmpty { throw DataError(problems) }
        if gazetteer.places.isEmpty {
            // Otherwise every event would be "unknown place", once per row.
            let files = (gazetteerFiles + extraGazetteerFiles).map(Theatre.displayPath).joined(separator: ", ")
            throw DataError(at: SourceLocation(file: files, line: 0), "the gazetteer has no places: every event needs one")
        }
        return gazetteer
    }
}
