import Foundation
import FrontlineCore
import Gazetteer
import Geo
import Render
import Timeline

/// What to report on: the range, the extent and language of the maps, and how many maps at most.
public struct ReportRequest: Sendable {
    public var from: Day
    public var to: Day
    /// The lon/lat box every map shows.
    public var view: GeoBox
    public var language: MapLanguage
    /// nil: the theatre's title and the range.
    public var title: String?
    /// More change dates than this and the maps are one per week.
    public var maxMaps: Int
    /// Map canvas in layout px (one px is one PDF point before the page fit).
    public var mapWidth: Int
    public var mapHeight: Int

    public init(from: Day, to: Day, view: GeoBox, language: MapLanguage, title: String? = nil, maxMaps: Int = 24,
                mapWidth: Int = 960, mapHeight: Int = 720) {
        self.from = from
        self.to = to
        self.view = view
        self.language = language
        self.title = title
        self.maxMaps = maxMaps
        self.mapWidth = mapWidth
        self.mapHeight = mapHeight
    }
}

extension ReportRequest {
    /// The maps' settings for the map pipeline: vector output (SVG in HTML,
    /// PDF pages), zones drawn, the theatre's CRS.
    public var mapSpec: MapSpec {
        MapSpec(view: view, width: mapWidth, height: mapHeight, language: language, format: .svg, zones: true)
    }
}

/// A range the log cannot report on; the message says what to change. A usage
/// problem (the command line turns it into exit 64).
public struct ReportRangeError: Error, Hashable, Sendable, CustomStringConvertible {
    public var description: String
}

/// Builds a ``ReportContent`` from a theatre: the summary, the chart, the maps
/// (through ``ReportMapSource``) and the event table.
public enum ReportBuilder {
    /// Checks the range against the log: `from` not after `to`, and the range
    /// overlapping the log's dates.
    public static func checkRange(from: Day, to: Day, timeline: ControlTimeline) throws {
        guard from <= to else {
            throw ReportRangeError(description: "--from \(from) is after --to \(to); give the earlier day first")
        }
        guard let first = timeline.firstDay, let last = timeline.lastDay else {
            throw ReportRangeError(description: "the event log has no events to report on")
        }
        if to < first || from > last {
            throw ReportRangeError(description: "\(from) to \(to) is outside the event log, which covers \(first) to \(last)")
        }
    }

    /// The map days: `from`, then each day control changed up to `to`; when there
    /// are more change days than `maxMaps`, `from` and then the end of every week
    /// (7 days on from `from`, and `to`) in which control changed.
    static func mapPlan(timeline: ControlTimeline, from: Day, to: Day, maxMaps: Int) throws -> (frames: [FrameSpec], weekly: Bool) {
        let byEvent = try FramePlan.make(timeline: timeline, from: from, to: to, step: .event)
        if byEvent.frames.count - 1 <= maxMaps { return (byEvent.frames, false) }
        let byWeek = try FramePlan.make(timeline: timeline, from: from, to: to, step: .days(7))
        // A week without a change is the map before it again; leave it out. Changes
        // are diffs of states, so the next kept week's are the same either way.
        var kept = [byWeek.frames[0]]
        for f in byWeek.frames.dropFirst() where !f.changes.isEmpty {
            var frame = f
            frame.number = kept.count + 1
            frame.previousDate = kept.last!.date
            frame.changes = timeline.changes(from: kept.last!.date, to: f.date).sorted { $0.place.id < $1.place.id }
            kept.append(frame)
        }
        return (kept, true)
    }

    /// How many maps ``build(theatre:request:maps:progress:)`` will draw, for a progress bar.
    public static func mapCount(theatre: Theatre, request: ReportRequest) throws -> Int {
        try checkRange(from: request.from, to: request.to, timeline: theatre.timeline)
        return try mapPlan(timeline: theatre.timeline, from: request.from, to: request.to, maxMaps: request.maxMaps).frames.count
    }

    /// Builds the whole report. `progress` is called once per map drawn.
    public static func build(theatre: Theatre, request: ReportRequest, maps source: ReportMapSource,
                             progress: (@Sendable () -> Void)? = nil) throws -> ReportContent {
        let timeline = theatre.timeline
        try checkRange(from: request.from, to: request.to, timeline: timeline)
        let (frames, weekly) = try mapPlan(timeline: timeline, from: request.from, to: request.to, maxMaps: request.maxMaps)

        let rows = eventRows(theatre: theatre, from: request.from, to: request.to, mapDates: frames.map(\.date))
        let scenes = try source.scenes(for: frames, progress: progress)
        let maps = frames.enumerated().map { i, f in
            ReportMap(number: i + 1, date: f.date, previousDate: f.previousDate, changes: f.changes,
                      eventIndices: rows.indices.filter { rows[$0].mapNumber == i + 1 }, scene: scenes[i])
        }

        let areas = try ZoneAreas(theatre: theatre, basemap: source.basemap)
        let changeDays = try FramePlan.make(timeline: timeline, from: request.from, to: request.to, step: .event).frames.dropFirst().map(\.date)
        var sampleDays = Set([request.from, request.to]).union(changeDays).union(frames.map(\.date)).sorted()
        sampleDays = sampleDays.filter { $0 >= request.from && $0 <= request.to }
        let samples = try sampleDays.map { AreaChart.Sample(day: $0, areas: try areas.areas(at: $0, timeline: timeline)) }
        let summary = summarize(timeline: timeline, factions: theatre.factions, from: request.from, to: request.to,
                                rows: rows, first: samples.first!.areas, last: samples.last!.areas)
        let series = theatre.factions.map(\.id).filter { id in samples.contains { ($0.areas[id] ?? 0) > 0 } }
            + (samples.contains { ($0.areas[AreaChart.contested] ?? 0) > 0 } ? [AreaChart.contested] : [])
        let chart = AreaChart(series: series, samples: samples, changeDays: changeDays)

        let settings = theatre.settings
        let title = request.title ?? (request.language == .ar ? settings.titleArabic : settings.title)
        let text = ReportText(request.language)
        let places = Set(rows.map(\.place)).sorted { $0.latin < $1.latin }
        return ReportContent(
            title: title, theatreName: settings.title, theatreNameArabic: settings.titleArabic,
            from: request.from, to: request.to, generated: timeline.lastDay ?? request.to, eventsFile: settings.eventsFile.lastPathComponent, language: request.language,
            factions: theatre.factions, summary: summary, chart: chart, maps: maps, events: rows, weekly: weekly,
            method: text.method(reachKilometers: settings.zoneReachKilometers, weekly: weekly,
                                approximate: places.filter { $0.approximateKilometers != nil }, eventsFile: settings.eventsFile.lastPathComponent, logStart: timeline.firstDay),
            credits: text.credits(basemap: settings.basemapCredit, placeSources: Set(rows.compactMap { theatre.gazetteer.place(id: $0.place.id)?.source })))
    }

    /// The events dated in the range, by date then order in the log, each tied
    /// to the first map dated on or after it (the map that shows its result), or
    /// the last map for events after it.
    static func eventRows(theatre: Theatre, from: Day, to: Day, mapDates: [Day]) -> [EventRow] {
        let inRange = theatre.events.enumerated().filter { $0.element.date >= from && $0.element.date <= to }
            .sorted { ($0.element.date, $0.offset) < ($1.element.date, $1.offset) }.map(\.element)
        return inRange.enumerated().compactMap { i, e in
            guard let place = theatre.gazetteer.place(id: e.placeID) else { return nil }
            let map = (mapDates.firstIndex { $0 >= e.date } ?? mapDates.count - 1) + 1
            return EventRow(number: i + 1, date: e.date, precision: e.precision, place: PlaceName(place), before: e.from,
                            after: e.to, action: e.action, status: e.status, source: e.source,
                            sourceURL: EventRow.url(in: e.source), note: e.note,
                            location: SourceLocation(file: URL(fileURLWithPath: e.location.file).lastPathComponent, line: e.location.line),
                            mapNumber: map)
        }
    }

    static func summarize(timeline: ControlTimeline, factions: [Faction], from: Day, to: Day, rows: [EventRow],
                          first: [String: Double], last: [String: Double]) -> ReportSummary {
        let before = timeline.state(at: from), after = timeline.state(at: to)
        var sides: [ReportSummary.Side] = []
        for f in factions {
            var gained: [PlaceName] = [], lost: [PlaceName] = []
            for (a, b) in zip(before.places, after.places) where a.control != b.control {
                if b.control.factionID == f.id { gained.append(PlaceName(b.place)) }
                if a.control.factionID == f.id { lost.append(PlaceName(a.place)) }
            }
            let areaFrom = first[f.id] ?? 0, areaTo = last[f.id] ?? 0
            guard !gained.isEmpty || !lost.isEmpty || areaFrom > 0 || areaTo > 0 else { continue }
            sides.append(.init(factionID: f.id, gained: gained.sorted { $0.latin < $1.latin }, lost: lost.sorted { $0.latin < $1.latin },
                               areaFrom: areaFrom, areaTo: areaTo))
        }
        let contested = after.places.filter { if case .contested = $0.control { return true } else { return false } }
        return ReportSummary(sides: sides, contestedAreaFrom: first[AreaChart.contested] ?? 0,
                             contestedAreaTo: last[AreaChart.contested] ?? 0,
                             contestedAtEnd: contested.map { PlaceName($0.place) }.sorted { $0.latin < $1.latin },
                             eventCount: rows.count, confirmedCount: rows.filter { $0.status == .confirmed }.count,
                             claimedCount: rows.filter { $0.status == .claimed }.count)
    }
}

/// Areas of the derived zones of control, km², per faction (and `contested`).
///
/// The zones are the ones the maps draw (each place's reach, clipped to the
/// country's land), derived here in an equal-area projection (Lambert
/// azimuthal, centred on the theatre) so that square metres are square metres;
/// the maps' conformal projection would inflate areas away from its standard
/// parallels.
///
/// - Important: owns PROJ and GEOS handles (through ``TheatreGeometry``): one per thread.
final class ZoneAreas {
    let geometry: TheatreGeometry
    private var cache: [[Control]: [String: Double]] = [:]

    init(theatre: Theatre, basemap: Basemap) throws {
        let settings = theatre.settings
        let widest = settings.views.max { ($0.box.east - $0.box.west) * ($0.box.north - $0.box.south) <
            ($1.box.east - $1.box.west) * ($1.box.north - $1.box.south) }?.box
        let lat = widest.map { ($0.south + $0.north) / 2 } ?? 0, lon = widest.map { ($0.west + $0.east) / 2 } ?? 0
        let crs = String(format: "+proj=laea +lat_0=%.4f +lon_0=%.4f +datum=WGS84 +units=m +no_defs", lat, lon)
        geometry = try TheatreGeometry(settings: settings, basemap: basemap, crs: crs)
    }

    func areas(at day: Day, timeline: ControlTimeline) throws -> [String: Double] {
        let state = timeline.state(at: day)
        let key = state.places.map(\.control)
        if let hit = cache[key] { return hit }
        var result: [String: Double] = [:]
        for zone in try geometry.territory(for: state).zones {
            let km2 = zone.polygons.reduce(0) { $0 + Self.area($1) } / 1_000_000
            switch zone.controller {
            case .faction(let id): result[id, default: 0] += km2
            case .contested: result[AreaChart.contested, default: 0] += km2
            case .unknown: break
            }
        }
        cache[key] = result
        return result
    }

    /// Planar area, m², of a polygon less its holes (shoelace).
    static func area(_ polygon: PlanarPolygon) -> Double {
        func ring(_ r: [PlanarPoint]) -> Double {
            guard r.count >= 3 else { return 0 }
            var sum = 0.0
            for i in r.indices {
                let a = r[i], b = r[(i + 1) % r.count]
                sum += a.x * b.y - b.x * a.y
            }
            return abs(sum) / 2
        }
        return ring(polygon.exterior) - polygon.holes.reduce(0) { $0 + ring($1) }
    }
}
