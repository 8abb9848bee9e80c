import ArgumentParser
import FrontlineCore
import Timeline

struct Diff: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "What changed between two days, with the source of each change.")

    @Argument(help: "The first day, YYYY-MM-DD.") var from: Day
    @Argument(help: "The second day, YYYY-MM-DD.") var to: Day
    @OptionGroup var theatre: TheatreOptions

    func run() throws {
        try reportingErrors {
            let t = try theatre.load(covering: from)
            if let note = try t.requireCovered(to) { printError(note) }
            let changes = t.timeline.changes(from: from, to: to)
            guard !changes.isEmpty else {
                print("no changes between \(from) and \(to)")
                return
            }
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
