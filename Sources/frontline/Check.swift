import ArgumentParser
import Extract
import Foundation
import FrontlineCore
import Timeline

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate a theatre's data; print every problem as file:line: message.",
        discussion: "Exit status 1 when there are errors, 0 when there are only warnings or none.")

    @OptionGroup var theatre: TheatreOptions

    func run() throws {
        try reportingErrors {
            var diagnostics = Theatre.check(directory: try theatre.url())
            // The extractor's lexicon is checked against the factions, so only once the theatre itself loads.
            if !diagnostics.contains(where: { $0.severity == .error }), let t = try? theatre.load(), t.settings.lexiconFile != nil {
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
