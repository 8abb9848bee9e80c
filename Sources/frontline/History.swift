import ArgumentParser
import FrontlineCore
import Timeline

struct History: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "Every event of one place, in the order they apply.",
        discussion: """
        Each event with its date, action, from and to, status, the line of the event \
        log and the source. A name two places share is refused with both listed: \
        give the id, --near or --within.

        Examples:
          frontline history ترهونة
          frontline history Tarhouna
          frontline history "Suq al-Khamis" --near 32.57,14.17
          frontline history watiya --theatre path/to/theatre
        """)

    @Argument(help: "The place, in any spelling the gazetteer resolves (Arabic included).") var place: String
    @OptionGroup var narrowing: PlaceNarrowing
    @OptionGroup var theatre: TheatreOptions

    func run() throws {
        try reportingErrors {
            let t = try theatre.load()
            let (p, method) = try t.placeMatch(named: place, options: narrowing.options())
            if method == .fuzzy { printError("note: taking '\(place)' to mean \(p.name) (\(p.nameArabic)), the closest spelling in the gazetteer") }
            let events = t.timeline.history(of: p.id)
            print("\(p.name) (\(p.nameArabic.isEmpty ? p.id : p.nameArabic))")
            guard !events.isEmpty else {
                print("no events: the log never mentions \(p.name)")
                return
            }
            let rows = events.map { e in
                [e.precision == .month ? String(e.date.description.prefix(7)) : e.date.description,
                 e.action.rawValue, e.from?.description ?? "", e.to.description, e.status.rawValue,
                 "\(e.location.file):\(e.location.line)", e.source]
            }
            print(TextTable.render(header: ["date", "action", "from", "to", "status", "line", "source"], rows: rows), terminator: "")
        }
    }
}
