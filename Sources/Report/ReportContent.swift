import FrontlineCore
import Gazetteer
import Render
import Timeline

/// Everything a report says, as plain values: what the HTML and the PDF
/// layouts both draw from, so the two formats cannot disagree.
///
/// Built by ``ReportBuilder`` from a theatre, a date range and the maps'
/// scenes; every figure in it is derived from the event log (and the zones
/// derived from it), never typed in.
public struct ReportContent: Sendable {
    public var title: String
    /// The theatre's own title, in both scripts.
    public var theatreName: String
    public var theatreNameArabic: String
    public var from: Day
    public var to: Day
    /// The last event date of the whole log: the data's own date, so the same
    /// data gives the same report whenever it is generated.
    public var generated: Day
    /// The event log's file name (`events.tsv`), as the report cites it.
    public var eventsFile: String
    public var language: MapLanguage
    public var factions: [Faction]
    public var summary: ReportSummary
    public var chart: AreaChart
    public var maps: [ReportMap]
    public var events: [EventRow]
    /// Whether the maps are one per week (more change dates than `--max-maps`).
    public var weekly: Bool
    public var method: [String]
    public var credits: [String]

    /// The faction with this id, nil for an unknown one.
    public func faction(_ id: String) -> Faction? { factions.first { $0.id == id } }
}

/// The net change over the range, per side.
public struct ReportSummary: Sendable, Hashable {
    /// One side's gains and losses between the first and the last day.
    public struct Side: Sendable, Hashable {
        public var factionID: String
        /// Places it held on the last day and not on the first (ids, sorted by name).
        public var gained: [PlaceName]
        /// Places it held on the first day and not on the last.
        public var lost: [PlaceName]
        /// Derived zone area, square kilometres, on the first and the last day.
        public var areaFrom: Double
        public var areaTo: Double
        public var areaChange: Double { areaTo - areaFrom }
    }
    public var sides: [Side]
    /// Contested zone area, km², on the first and the last day.
    public var contestedAreaFrom: Double
    public var contestedAreaTo: Double
    /// Places contested on the last day.
    public var contestedAtEnd: [PlaceName]
    public var eventCount: Int
    public var confirmedCount: Int
    public var claimedCount: Int
}

/// A place's names in both scripts.
public struct PlaceName: Sendable, Hashable {
    public var id: String
    public var latin: String
    public var arabic: String
    /// Kilometres of stated imprecision of its coordinate, nil for a named record.
    public var approximateKilometers: Double?

    public init(_ place: Place) {
        id = place.id
        latin = place.name
        arabic = place.nameArabic
        approximateKilometers = place.approximateKilometers
    }
}

/// Derived zone area held per faction over the range, sampled at the first
/// day, every map date and the last day.
public struct AreaChart: Sendable, Hashable {
    public struct Sample: Sendable, Hashable {
        public var day: Day
        /// km² per faction id; contested ground under `contested`.
        public var areas: [String: Double]
    }
    /// The ids drawn, in legend order (factions holding ground at some sample, then `contested`).
    public var series: [String]
    public var samples: [Sample]
    /// Days on which control changed, marked on the chart.
    public var changeDays: [Day]
    /// The key of contested ground in `areas`.
    public static let contested = "contested"
}

/// One map of the report.
public struct ReportMap: Sendable {
    /// 1-based; also its anchor, `map-N`.
    public var number: Int
    public var date: Day
    /// The date the previous map shows (nil for the first map).
    public var previousDate: Day?
    /// Places whose control differs from the previous map's date (ringed on the map).
    public var changes: [PlaceChange]
    /// Indices into ``ReportContent/events`` of the events this map covers.
    public var eventIndices: [Int]
    public var scene: MapScene

    public var anchor: String { "map-\(number)" }
}

/// One row of the event table.
public struct EventRow: Sendable, Hashable {
    /// 1-based, in table order; also its anchor, `event-N`.
    public var number: Int
    public var date: Day
    public var precision: DatePrecision
    public var place: PlaceName
    public var before: Control?
    public var after: Control
    public var action: EventAction
    public var status: EventStatus
    public var source: String
    /// The URL in the source, when it has one.
    public var sourceURL: String?
    /// The quoted sentence (the `note` column).
    public var note: String
    /// Where the row is in the event log (`maps/libya/events.tsv:123`).
    public var location: SourceLocation
    /// The number of the map that shows this event.
    public var mapNumber: Int

    public var anchor: String { "event-\(number)" }
}

extension EventRow {
    /// The first `http(s)://` URL in a source citation, without trailing punctuation.
    static func url(in source: String) -> String? {
        guard let start = source.range(of: "https://") ?? source.range(of: "http://") else { return nil }
        var url = String(source[start.lowerBound...].prefix { !$0.isWhitespace && $0 != ";" && $0 != "," })
        while let last = url.last, ".)]".contains(last) { url.removeLast() }
        return url
    }
}

extension Day {
    /// `2020-06-05`, or `2020-06` for a month-precision date.
    func text(_ precision: DatePrecision) -> String {
        precision == .month ? String(description.prefix(7)) : description
    }
}
