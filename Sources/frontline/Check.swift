import ArgumentParser
import Foundation
import FrontlineCore
import Geo
import Timeline

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate a theatre's data; print every problem as file:line: message.",
        discussion: "Exit status 1 when there are errors, 0 when there are only warnings or none.")

    @OptionGroup var theatre: TheatreOptions

    func run() throws {
        try reportingErrors {
            let directory = try theatre.url()
            // Drawn areas need GEOS to check their polygons, so Geo checks them.
            let diagnostics = Theatre.check(directory: directory) + DrawnArea.check(theatreDirectory: directory)
            for d in diagnostics { print(d.description) }
            let errors = diagnostics.filter { $0.severity == .error }.count
            let warnings = diagnostics.count - errors
            func plural(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
            printError("\(plural(errors, "error")), \(plural(warnings, "warning"))")
            if errors > 0 { throw Exit.dataError }
        }
    }
}
