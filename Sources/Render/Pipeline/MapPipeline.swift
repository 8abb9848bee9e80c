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
    /// The named view drawn (`west`), for its title and the SVG's default id prefix; nil for a box of no view.
    public var viewName: String?
    /// What every SVG id starts with; nil: `fl-<date>-<view>`.
    public var idPrefix: String?
    /// Overrides the title (the view's own, else the theatre's), in every language.
    public var title: String?
    /// A line under the title; nil for none.
    public var subtitle: String?
    /// Who made the map, first in the footer; nil for none.
    public var credit: String?

    public init(view: GeoBox, crs: String? = nil, width: Int = 1600, height: Int = 1200, scale: Double = 1,
                language: MapLanguage = .en, format: OutputFormat = .png, zones: Bool = true,
                viewName: String? = nil, idPrefix: String? = nil) {
        self.viewName = viewName
        self.idPrefix = idPrefix
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

/// What a ``MapPipeline`` needs from a theatre's settings alone: the CRS,
/// checked by PROJ against the view, and the basemap, read and parsed. It is
/// made apart so that a command can make it while the theatre's gazetteer and
/// event log load (``Theatre/load(directory:alongside:)``), on the other core.
public struct MapSetup: Sendable {
    public let spec: MapSpec
    /// The CRS drawn: the spec's, else the theatre's.
    public let crs: String
    public let basemap: Basemap
    /// The projection made to check the CRS, handed on to the pipeline's first drawer.
    let projection: Handoff<Projection>

    /// - Throws: ``MapSetupError`` for a CRS that PROJ refuses or that is in
    ///   degrees; ``DataError`` for a bad basemap file; ``SystemError`` for I/O.
    public init(settings: TheatreSettings, spec: MapSpec) throws {
        self.spec = spec
        crs = spec.crs ?? settings.crs
        let projection: Projection
        do { projection = try Projection(mapCRS: crs, covering: [("the view", spec.view)]) } catch let error as MapCRSError {
            throw MapSetupError(description: error.description, crsFromSpec: spec.crs != nil)
        }
        basemap = try Basemap.load(settings.basemap)
        self.projection = Handoff<Projection>(projection)
    }
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
    /// See ``MapSpec/viewName`` and ``MapSpec/idPrefix``.
    public var viewName: String?
    public var idPrefix: String?
    /// The factions fronts are drawn between (the belligerents); nil: all.
    public var belligerents: Set<String>?
    /// The theatre's drawn areas of control; those in force on a day take precedence over derived zones.
    public var areas: [DrawnArea] = []
    /// The projection made to check the CRS, handed to the first drawer.
    var checkedProjection = Handoff<Projection>()

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
        try self.init(theatre: theatre, setup: MapSetup(settings: theatre.settings, spec: spec))
    }

    /// The pipeline for a loaded theatre and the setup made from its settings
    /// (see ``MapSetup``); checks that every place of the timeline projects.
    /// - Throws: ``DataError`` for a place the CRS cannot project or a bad drawn area.
    public init(theatre: Theatre, setup: MapSetup) throws {
        let settings = theatre.settings, spec = setup.spec
        // A place the CRS cannot project (a pole in a conic projection) is bad data, found before drawing.
        let unprojectable = try setup.projection.borrow(orMaking: { try Projection(crs: setup.crs) }) { projection in
            TheatreGeometry.placeProblems(theatre.timeline.places, in: projection, settings: settings).filter { $0.severity == .error }
        }
        if !unprojectable.isEmpty { throw DataError(unprojectable) }
        let titles = settings.title(ofView: spec.viewName)
        let caption = MapCaption(title: spec.title ?? titles.title, titleArabic: spec.title ?? titles.titleArabic,
                                 subtitle: spec.subtitle ?? "", credit: spec.credit ?? "",
                                 basemapCredit: settings.basemapCredit)
        let overview = settings.views.max { $0.box.squareDegrees < $1.box.squareDegrees }?.box ?? spec.view
        self.init(basemap: setup.basemap, crs: setup.crs, view: spec.view, overview: overview,
                  homeCountry: settings.country, width: spec.width, height: spec.height, scale: spec.scale,
                  language: spec.language, caption: caption, factions: theatre.factions, timeline: theatre.timeline,
                  format: spec.format, zoneReachMeters: spec.zones ? settings.zoneReachKilometers * 1000 : nil)
        viewName = spec.viewName
        idPrefix = spec.idPrefix
        belligerents = theatre.belligerents
        areas = try DrawnArea.load(for: theatre)
        checkedProjection = setup.projection
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
    ///
    /// - Parameter drawer: a drawer of this pipeline to plan with (it can go
    ///   on to draw); nil makes one for the plan alone.
    public func labelPlan(using drawer: MapDrawer? = nil) throws -> LabelPlan {
        try (drawer ?? makeDrawer()).composer.planLabels(for: timeline.places)
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
        // The projection that checked the CRS serves the first drawer: a new one is a
        // new PROJ context, which for an EPSG code or WKT opens PROJ's database again.
        let projection = try pipeline.checkedProjection.take() ?? Projection(crs: pipeline.crs)
        composer = try MapComposer(projector: PipelineProjector(projection), basemap: pipeline.basemap,
                                   view: pipeline.view, overview: pipeline.overview, homeCountry: pipeline.homeCountry,
                                   width: pipeline.width, height: pipeline.height, scale: pipeline.scale,
                                   language: pipeline.language, caption: pipeline.caption, measurer: renderer)
        composer.viewName = pipeline.viewName
    }

    /// Zones of control and the front for a state, derived once per distinct
    /// state (GEOS) and shared through the zone cache; nil when the pipeline draws no zones.
    public func territory(for state: ControlState) throws -> TerritoryOverlay? {
        guard let reach = pipeline.zoneReachMeters else { return nil }
        // Drawn areas come and go with the day, so the key holds which are in force.
        let inForce = pipeline.areas.map { $0.isInForce(on: state.date) ? Control.faction($0.id) : .unknown }
        let controls = state.places.map(\.control) + inForce
        if let cached = zones[controls] { return cached }
        let overlay = try composer.territory(for: state, reachMeters: reach, belligerents: pipeline.belligerents,
                                             areas: pipeline.areas)
        zones[controls] = overlay
        return overlay
    }

    /// The map of `day`: control on that day, `changed` places ringed as changed
    /// since `since`, labels from `labels` when given (frames keep one plan), else laid out for this map.
    public func scene(at day: Day, changed: Set<String>, since: Day?, labels: LabelPlan? = nil) throws -> MapScene {
        let state = pipeline.timeline.state(at: day)
        var scene = try composer.compose(state: state, factions: pipeline.factions, changed: changed, changedSince: since,
                                         territory: try territory(for: state), labels: labels)
        if let prefix = pipeline.idPrefix { scene.idPrefix = prefix }
        return scene
    }

    /// The basemap raster being drawn on another core (``drawBaseAhead()``).
    private var baseAhead: Background<BaseRaster>?

    /// For a PNG, starts drawing the basemap raster on another core while the
    /// zones and labels are worked out here; ``render(_:)`` waits for it and
    /// paints the map over it. Worth it for a single map; a frame sequence
    /// draws its basemap once per worker anyway.
    public func drawBaseAhead() {
        guard pipeline.format == .png, baseAhead == nil else { return }
        let base = composer.baseScene
        baseAhead = Background { try MapRenderer.baseRaster(of: base) }
    }

    /// See ``MapRenderer/textsWithUnknownGlyphs(in:)``.
    public func textsWithUnknownGlyphs(in scene: MapScene) -> [String] { renderer.textsWithUnknownGlyphs(in: scene) }

    /// Whether a basemap raster is being drawn ahead, not yet taken.
    var isDrawingBaseAhead: Bool { baseAhead != nil }

    /// The scene in the pipeline's format.
    public func render(_ scene: MapScene) throws -> Data {
        if let ahead = baseAhead {
            baseAhead = nil
            renderer.adopt(try ahead.wait())
        }
        return try renderer.render(scene, as: pipeline.format)
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

/// A value made on one thread and taken, once, by another: a projection
/// made to check the CRS, handed to the first drawer; the drawer that planned
/// a frame sequence's labels, handed to the first worker. PROJ, Cairo and
/// Pango allow their handles to move between threads as long as one thread
/// uses them at a time; the lock and the single take guarantee that.
///
/// - Important: thread-safe (`@unchecked` because the compiler cannot see
///   that the lock guards `value`).
final class Handoff<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value?

    init(_ value: Value? = nil) { self.value = value }

    /// The value, the first time; nil after.
    func take() -> Value? {
        lock.lock()
        defer { lock.unlock() }
        defer { value = nil }
        return value
    }

    /// `body` on the value while it has not been taken (the lock keeps other
    /// threads off it meanwhile), else on one `make` makes.
    func borrow<T>(orMaking make: () throws -> Value, _ body: (Value) throws -> T) throws -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body(value ?? make())
    }
}

/// Geo's PROJ ``Projection`` as the composer's projector: each drawer makes its
/// own (its own PROJ context and transform).
///
/// - Important: not thread-safe, like the PROJ handles it owns; one per drawer.
final class PipelineProjector: MapProjector {
    let projection: Projection
    init(_ projection: Projection) { self.projection = projection }
    func projectPoints(_ points: [GeoPoint]) throws -> [PlanarPoint] { try projection.project(points) }
}

extension GeoBox {
    /// Square degrees, only to pick the widest view for the locator inset.
    var squareDegrees: Double { (east - west) * (north - south) }
}
