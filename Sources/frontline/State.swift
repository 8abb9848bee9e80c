import ArgumentParser
import FrontlineCore
import Timeline

struct State: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "state",
        abstract: "Who held which place on a day.",
        discussion: "JSON: {\"date\", \"places\": [{\"id\",\"name\",\"name_ar\",\"lat\",\"lon\",\"controller\",\"since\",\"source\"}]}; controller is a faction id, \"contested\" or null.")

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table, json, geojson, csv
    }

    @Option(help: "The day, YYYY-MM-DD.") var date: Day
    @Option(help: "table, json, geojson or csv.") var format: Format = .table
    @OptionGroup var theatre: TheatreOptions

    func run() throws {
        try reportingErrors {
            let state = try theatre.load(covering: date).timeline.state(at: date)
            switch format {
            case .table: print(StateOutput.table(state), terminator: "")
            case .json: print(StateOutput.json(state), terminator: "")
            case .geojson: print(StateOutput.geoJSON(state), terminator: "")
            case .csv: print(StateOutput.csv(state), terminator: "")
            }
        }
    }
}
