import ArgumentParser
import Foundation
import FrontlineCore
import Timeline

struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Turn another dataset into candidate event rows for review.",
        subcommands: [ACLED.self])

    struct ACLED: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "acled",
            abstract: "Candidate events.tsv rows from an ACLED CSV export's territory changes.",
            discussion: """
            Keeps "Government regains territory", "Non-state actor overtakes territory" and \
            "Non-violent transfer of territory"; actor1 becomes 'to' through --actor. Rows go to \
            stdout for review; the event log is never changed. A summary goes to stderr.

            Example: frontline import acled libya.csv --actor "Government of National Accord=gna" --actor "Haftar=lna"
            """)

        @Argument(help: "The ACLED CSV export.") var file: String
        @Option(name: .customLong("actor"), help: ArgumentHelp("NAME=FACTION: actor1 values containing NAME (any case) map to FACTION. Repeatable; first match wins.", valueName: "NAME=FACTION"))
        var actors: [String] = []
        @OptionGroup var theatre: TheatreOptions

        func validate() throws {
            for a in actors where ACLEDImport.ActorMapping(parsing: a) == nil {
                throw ValidationError("--actor '\(a)' is not NAME=FACTION")
            }
        }

        func run() throws {
            try reportingErrors {
                let t = try theatre.load()
                let text = try DataFile.readText(URL(fileURLWithPath: file), displayPath: file)
                let outcome = try ACLEDImport.run(csv: text, path: file, gazetteer: t.gazetteer, factions: t.factions,
                                                  timeline: t.timeline, actors: actors.compactMap(ACLEDImport.ActorMapping.init(parsing:)))
                print(outcome.tsv, terminator: "")
                for p in outcome.problems { printError(p.description) }
                printError(outcome.summary)
                if outcome.problems.contains(where: { $0.severity == .error }) { throw Exit.dataError }
            }
        }
    }
}
