import Foundation
import FrontlineCore
import Gazetteer
import Geo
import Timeline

/// What a map shows besides its day: the extent, the canvas, the language, the
/// CRS, the output format and whether zones are drawn. Plain values; the
/// command line fills them from its options, a report from its own.
public struct MapSpec: Sendable, Hashable {
    /// The lon/lat box to draw.
    public var view: GeoBox
    /// A PROJ string or `EPSG:n`; nil means the theatre's CRS.
    public var crs: String?
    /// Canvas in layout px; `scale` multiplies into device px.
    public var width: Int
    public var height: Int
    public var scale: Double
    public var language: MapLanguage
    public var format: OutputFormat
    /// Draw zones of control and the front line, reaching the theatre's `zone_reach_km`.
    public var zones: Bool

    public init(view: GeoBox, crs: String? = nil, width: Int = 1600, height: Int = 1200, scale: Double = 1,
                language: MapLanguage = .en, format: OutputFormat = .png, zones: Bool = true) {
        self.view = view
        self.crs = crs
        self.width = width
        self.height = height
        self.scale = scale
        self.language = language
        self.format = format
        self.zones = zones
    }
}

/// A map setting that cannot be drawn, such as a CRS PROJ refuses or one in
/// degrees. `crsFromSpec` says whether the CRS came from the ``MapSpec`` (the
/// user's option) rather than the theatre, so the caller can blame the right one.
public struct MapSetupError: Error, CustomStringConvertible, Sendable {
    public let description: String
    public let crsFromSpec: Bool
}

/// The one map pipeline: a theatre and a ``MapSpec`` in, the map of any day out.
/// `render`, `frames`, `animate` and `report` all draw through it, so a map of
/// a day is the same whichever command asks for it.
///
/// This value holds only plain, Sendable data (basemap, timeline, caption, the
/// CRS as text), made once; each thread that draws makes its own ``MapDrawer``
/// from it, which owns the C handles (PROJ, Cairo, Pango).
public struct MapPipeline: Sendable {
    public var basemap: Basemap
    /// The CRS as a PROJ string; each drawer makes its own projection from it.
    public var crs: String
    public var view: GeoBox
    /// The box the locator inset shows: the theatre's widest view.
    public var overview: GeoBox
    /// ISO3 of the theatre's country.
    public var homeCountry: String
    public var width: Int
    public var height: Int
    public var scale: Double
    public var language: MapLanguage
    public var caption: MapCaption
    public var factions: [Faction]
    public var timeline: ControlTimeline
    public var format: OutputFormat
    /// How far zones of control reach from their places, metres; nil draws no zones.
    public var zoneReachMeters: Double?

    /// The pipeline from its parts, for tests and benchmarks that bring their own basemap.
    public init(basemap: Basemap, crs: String, view: GeoBox, overview: GeoBox, homeCountry: String, width: Int,
                height: Int, scale: Double, language: MapLanguage, caption: MapCaption, factions: [Faction],
                timeline: ControlTimeline, format: OutputFormat, zoneReachMeters: Double? = nil) {
        self.basemap = basemap
        self.crs = crs
        self.view = view
        self.overview = overview
        self.homeCountry = homeCountry
        self.width = width
        self.height = height
        self.scale = scale
        self.language = language
        self.caption = caption
        self.factions = factions
        self.timeline = timeline
        self.format = format
        self.zoneReachMeters = zoneReachMeters
    }

    /// The pipeline for a loaded theatre: reads its basemap and checks that the
    /// CRS can draw the view.
    /// - Throws: ``MapSetupError`` for a CRS that PROJ refuses or that is in
    ///   degrees; ``DataError`` for a bad basemap file; ``SystemError`` for I/O.
    public init(theatre: Theatre, spec: MapSpec) throws {
        let settings = theatre.settings
        let crs = spec.crs ?? settings.crs
        try Self.checkProjected(crs: crs, view: spec.view, fromSpec: spec.crs != nil)
        let caption = MapCaption(title: settings.title, titleArabic: settings.titleArabic, eventCount: theatre.events.count,
                                 eventsPath: Self.eventsPath(settings), basemapCredit: settings.basemapCredit)
        let overview = settings.views.max { $0.box.squareDegrees < $1.box.squareDegrees }?.box ?? spec.view
        self.init(basemap: try Basemap.load(settings.basemap), crs: crs, view: spec.view, overview: overview,
                  homeCountry: settings.country, width: spec.width, height: spec.height, scale: spec.scale,
                  language: spec.language, caption: caption, factions: theatre.factions, timeline: theatre.timeline,
                  format: spec.format, zoneReachMeters: spec.zones ? settings.zoneReachKilometers * 1000 : nil)
    }

    /// A drawer for the calling thread.
    public func makeDrawer(zones: ZoneCache = ZoneCache()) throws -> MapDrawer {
        try MapDrawer(pipeline: self, zones: zones)
    }

    /// Label positions for every map drawn with this pipeline, decided once so
    /// labels stay put from map to map: every place of the timeline is laid
    /// out, whether or not it is known yet on a given day.
    ///
    /// Places are ranked by importance alone, not by whether they change within
    /// a range: over a long range dozens of places change, and putting them
    /// first would push the capital's label out to a leader line.
    public func labelPlan() throws -> LabelPlan {
        try makeDrawer().composer.planLabels(for: timeline.places)
    }

    /// Zones reach a set distance in metres and the map is fitted in CRS units:
    /// a CRS in degrees (EPSG:4326) would draw nonsense zones, so refuse it.
    static func checkProjected(crs: String, view: GeoBox, fromSpec: Bool) throws {
        let projection: Projection
        do { projection = try Projection(crs: crs) } catch let error as SystemError {
            throw MapSetupError(description: "CRS '\(crs)': \(error.message)", crsFromSpec: fromSpec)
        }
        if try projection.project(box: view).width < 360 {
            throw MapSetupError(description: "CRS '\(crs)' is in degrees (a geographic CRS); give a projected CRS in metres such as EPSG:32633 or a +proj=lcc string", crsFromSpec: fromSpec)
        }
    }

    /// The event log as the footer names it: relative to the theatre's parent's
    /// parent (`maps/libya/events.tsv` for the embedded theatre), whatever the
    /// working folder, so maps are the same bytes wherever they are made.
    static func eventsPath(_ settings: TheatreSettings) -> String {
        let root = settings.directory.standardizedFileURL.deletingLastPathComponent().deletingLastPathComponent().path
        let path = settings.eventsFile.standardizedFileURL.path
        return path.hasPrefix(root + "/") ? String(path.dropFirst(root.count + 1)) : path
    }
}

/// Draws maps of a ``MapPipeline`` on one thread: the map of a day as a scene,
/// and a scene as PNG, SVG or PDF.
///
/// - Important: not thread-safe: it owns a renderer (Pango font map, Cairo
///   surfaces) and a projector (PROJ). Make one per thread.
public final class MapDrawer {
    public let pipeline: MapPipeline
    public let renderer: MapRenderer
    public let composer: MapComposer
    /// Zones derived so far, possibly shared with other drawers of the same pipeline.
    let zones: ZoneCache

    init(pipeline: MapPipeline, zones: ZoneCache) throws {
        self.pipeline = pipeline
        self.zones = zones
        renderer = try MapRenderer()
        composer = try MapComposer(projector: try PipelineProjector(crs: pipeline.crs), basemap: pipeline.basemap,
                                   view: pipeline.view, overview: pipeline.overview, homeCountry: pipeline.homeCountry,
                                   width: pipeline.width, height: pipeline.height, scale: pipeline.scale,
                                   language: pipeline.language, caption: pipeline.caption, measurer: renderer)
    }

    /// Zones of control and the front for a state, derived once per distinct
    /// state (GEOS) and shared through the zone cache; nil when the pipeline draws no zones.
    public func territory(for state: ControlState) throws -> TerritoryOverlay? {
        guard let reach = pipeline.zoneReachMeters else { return nil }
        let controls = state.places.map(\.control)
        if let cached = zones[controls] { return cached }
        let overlay = try composer.territory(for: state, reachMeters: reach)
        zones[controls] = overlay
        return overlay
    }

    /// The map of `day`: control on that day, `changed` places ringed as changed
    /// since `since`, labels from `labels` when given (frames keep one plan), else laid out for this map.
    public func scene(at day: Day, changed: Set<String>, since: Day?, labels: LabelPlan? = nil) throws -> MapScene {
        let state = pipeline.timeline.state(at: day)
        return try composer.compose(state: state, factions: pipeline.factions, changed: changed, changedSince: since,
                                    territory: try territory(for: state), labels: labels)
    }

    /// The scene in the pipeline's format.
    public func render(_ scene: MapScene) throws -> Data {
        try renderer.render(scene, as: pipeline.format)
    }
}

/// Zones of control by the control of every place (in timeline order), shared
/// by the drawers of one pipeline so each distinct state is derived (GEOS) once,
/// whichever worker meets it first. Zones are plain values in the map's
/// projected metres, the same for every drawer of one pipeline.
///
/// - Important: thread-safe: the lock guards `entries` (`@unchecked` because the
///   compiler cannot see that). Two workers meeting a new state at once may both
///   derive it; the results are equal.
public final class ZoneCache: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [[Control]: TerritoryOverlay] = [:]

    public init() {}

    subscript(controls: [Control]) -> TerritoryOverlay? {
        get {
            lock.lock()
            defer { lock.unlock() }
            return entries[controls]
        }
        set {
            lock.lock()
            defer { lock.unlock() }
            entries[controls] = newValue
        }
    }
}

/// Geo's PROJ ``Projection`` as the composer's projector: each drawer makes its
/// own (its own PROJ context and transform).
///
/// - Important: not thread-safe, like the PROJ handles it owns; one per drawer.
final class PipelineProjector: MapProjector {
    let projection: Projection
    init(crs: String) throws { projection = try Projection(crs: crs) }
    func projectPoints(_ points: [GeoPoint]) throws -> [PlanarPoint] { try projection.project(points) }
}

extension GeoBox {
    /// Square degrees, only to pick the widest view for the locator inset.
    var squareDegrees: Double { (east - west) * (north - south) }
}
