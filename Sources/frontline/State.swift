import ArgumentParser
import FrontlineCore
import Geo
import Timeline

struct State: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "state",
        abstract: "Who held which place on a day.",
        discussion: """
        JSON: {"date", "places": [{"id","name","name_ar","lat","lon","controller","since","source"}]}; \
        controller is a faction id, "contested" or null.

        GeoJSON: an RFC 7946 FeatureCollection in lon/lat WGS84 that opens as it is in QGIS: \
        place Points (id, name, name_ar, controller, since, source), zone Polygons and \
        MultiPolygons (kind "zone", controller) and front LineStrings (kind "front", \
        between [A, B], sparse_data true where no place of one side is near), and the \
        extent of data (kind "extent_of_data"). Zones and fronts are derived from place \
        control (Voronoi cells clipped to the land, no farther than the theatre's reach), \
        not observed, except zones with "drawn_area" and "source": the theatre's drawn \
        areas (areas/*.geojson), which take precedence where they are in force.

        Examples:
          frontline state --date 2020-06-05
          frontline state --date 2020-06-05 --format json
          frontline state --date 2020-05-25 --format geojson > 2020-05-25.geojson
        """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table, json, geojson, csv
    }

    @Option(help: "The day, YYYY-MM-DD.") var date: Day
    @Option(help: "table, json, geojson or csv.") var format: Format = .table
    @OptionGroup var theatre: TheatreOptions

    func run() throws {
        try reportingErrors {
            let loaded = try theatre.load(covering: date)
            let state = loaded.timeline.state(at: date)
            switch format {
            case .table: print(StateOutput.table(state), terminator: "")
            case .json: print(StateOutput.json(state), terminator: "")
            case .geojson:
                let geometry = try TheatreGeometry(settings: loaded.settings, basemap: Basemap.load(loaded.settings.basemap),
                                                   belligerents: loaded.belligerents, areas: DrawnArea.load(for: loaded))
                let territory = try geometry.territory(for: state)
                print(try StateGeoJSON.document(state: state, territory: territory, projection: geometry.projection), terminator: "")
            case .csv: print(StateOutput.csv(state), terminator: "")
            }
        }
    }
}
