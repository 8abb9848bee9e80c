import ArgumentParser
import FrontlineCore
import Timeline

struct Why: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "why",
        abstract: "The event and source behind a place's state on a day.",
        discussion: """
        Prints who held the place on --date, since when, the event (file:line) and \
        its source and note, and the last confirmed event when the latest is a claim.

        Examples:
          frontline why "Tripoli International Airport" --date 2020-06-04
          frontline why ترهونة --date 2020-06-05
          frontline why "Suq al-Khamis" --date 2020-06-05 --near 32.57,14.17
        """)

    @Argument(help: "The place, in any spelling the gazetteer resolves.") var place: String
    @Option(help: "The day, YYYY-MM-DD.") var date: Day
    @OptionGroup var narrowing: PlaceNarrowing
    @OptionGroup var theatre: TheatreOptions

    func run() throws {
        try reportingErrors {
            let t = try theatre.load(covering: date)
            let (p, method) = try t.placeMatch(named: place, options: narrowing.options())
            if method == .fuzzy { printError("note: taking '\(place)' to mean \(p.name) (\(p.nameArabic)), the closest spelling in the gazetteer") }
            let s = t.timeline.placeState(p, on: date)
            print("\(p.name) on \(date): \(s.control)")
            guard let e = s.event, let since = s.since else {
                print("no event for \(p.name) on or before \(date)")
                return
            }
            print("since:  \(StateOutput.dateText(since, precision: e.precision))"
                  + (e.precision == .month ? ": the source gives only the month; the change is applied from its 1st" : ""))
            print("status: \(s.status?.rawValue ?? e.status.rawValue)" + (s.isClaimed ? " (claimed by one side only; drawn hollow on maps)" : ""))
            print("event:  \(e.location.file):\(e.location.line): \(e.action.rawValue) \(e.from.map { "\($0) -> " } ?? "")\(e.to) (\(e.status.rawValue))")
            if let km = p.approximateKilometers {
                print("position: approximate, within about \(JSONText.number(km)) km (\(p.source))")
            }
            print("source: \(e.source.isEmpty ? "(none)" : e.source)")
            if !e.note.isEmpty { print("note:   \(e.note)") }
            if let last = t.timeline.lastEvent(of: p.id, on: date), last != e {
                print("last confirmed: \(last.date) (\(last.location.file):\(last.location.line)), \(last.source)")
            }
        }
    }
}
