import ArgumentParser
import Extract
import Foundation
import FrontlineCore
import Geo
import Timeline

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate a theatre's data; print every problem as file:line: message.",
        discussion: """
        Reads every file of the theatre as render would (settings, gazetteer, factions, \
        event log, basemap) and checks that its CRS draws every view and projects every \
        place. Problems go to stdout, one a line; a count to stderr. Exit status 1 \
        when there are errors, 0 when there are only warnings or none.

        Examples:
          frontline check
          frontline check --theatre path/to/theatre
          frontline check --theatre path/to/theatre | grep events.tsv
        """)

    @OptionGroup var theatre: TheatreOptions

    func run() throws {
        try reportingErrors {
            let directory = try theatre.url()
            var (loaded, diagnostics) = Theatre.checked(directory: directory)
            // Drawn areas need GEOS to check their polygons, so Geo checks them.
            diagnostics += DrawnArea.check(theatreDirectory: directory)
            // What drawing needs (basemap, CRS, projectable places), so a theatre
            // that passes check also renders.
            if let settings = loaded?.settings ?? (try? TheatreSettings.load(directory: directory)) {
                diagnostics += TheatreGeometry.problems(of: settings, places: loaded?.timeline.places ?? [])
            }
            // The extractor's lexicon is checked against the factions, so only once the theatre itself loads.
            if !diagnostics.contains(where: { $0.severity == .error }), let t = loaded, t.settings.lexiconFile != nil {
                do { _ = try Lexicon.load(for: t) } catch let error as DataError { diagnostics += error.diagnostics }
            }
            for d in diagnostics { print(d.description) }
            let errors = diagnostics.filter { $0.severity == .error }.count
            let warnings = diagnostics.count - errors
            func plural(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
            printError("\(plural(errors, "error")), \(plural(warnings, "warning"))")
            if errors > 0 { throw Exit.dataError }
        }
    }
}
