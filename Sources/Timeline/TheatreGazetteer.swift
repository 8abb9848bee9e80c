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
        func load(_ url: URL) -> Gazetteer? {
            do { return try Gazetteer.load(contentsOf: url, displayPath: Theatre.displayPath(url)) } catch let error as DataError {
                problems += error.diagnostics
            } catch {
                problems.append(Diagnostic(.error, at: SourceLocation(file: Theatre.displayPath(url), line: 0), "\(error)"))
            }
            return nil
        }
        for url in gazetteerFiles {
            guard let g = load(url) else { continue }
            let path = Theatre.displayPath(url)
            for p in g.places {
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
            gazetteer = Gazetteer.merged(curated: gazetteer, supplement: extra.places)
        }
        if !problems.isEmpty { throw DataError(problems) }
        return gazetteer
    }
}
