import ArgumentParser
import FrontlineCore
import Timeline

struct Diff: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "What changed between two days, with the source of each change.",
        discussion: """
        Compares the state at the end of the first day with the state at the end of \
        the second: events dated after the first day, up to and including the \
        second, count; events on the first day itself are part of its state and \
        are not listed. The first day must come before the second.

        Examples:
          frontline diff 2020-06-03 2020-06-06
          frontline diff 2019-04-03 2020-06-30      the whole campaign
          frontline diff 2020-05-01 2020-06-10 --theatre path/to/theatre
        """)

    @Argument(help: "The first day, YYYY-MM-DD.") var from: Day
    @Argument(help: "The second day, YYYY-MM-DD.") var to: Day
    @OptionGroup var theatre: TheatreOptions

    func validate() throws {
        guard from < to else {
            throw ValidationError(from == to ? "the two days are the same (\(from)); give an earlier and a later day"
                                             : "\(from) is after \(to); give the earlier day first")
        }
    }

    func run() throws {
        try reportingErrors {
            let t = try theatre.load(covering: from)
            if let note = try t.requireCovered(to) { printError(note) }
            let changes = t.timeline.changes(from: from, to: to)
            guard !changes.isEmpty else {
                print("no changes between \(from) and \(to)")
                return
            }
            print("changes after \(from), up to and including \(to) (events dated \(from) are part of its state):")
            // Status and date precision of the change itself, and whether the place's position is approximate.
            let rows = changes.map { c in
                [c.place.name, c.before.description, c.after.description,
                 c.event.map { StateOutput.dateText($0.date, precision: $0.precision) } ?? "-", c.event?.status.rawValue ?? "-",
                 c.place.approximateKilometers.map { "approx. \(JSONText.number($0)) km" } ?? "", c.event?.source ?? ""]
            }
            print(TextTable.render(header: ["place", from.description, to.description, "changed", "status", "position", "source"], rows: rows), terminator: "")
            print("\(changes.count) place\(changes.count == 1 ? "" : "s") changed between \(from) and \(to)")
        }
    }
}
