import Foundation
import FrontlineCore
import Gazetteer
import Geo
import Timeline

/// Everything a frame worker needs to build its own renderer: plain values,
/// made once on the calling thread and handed to every worker.
public struct MapFrameSetup: Sendable {
    public var basemap: Basemap
    /// The CRS as a PROJ string; each worker makes its own projector from it.
    public var crs: String
    public var view: GeoBox
    /// The box the locator inset shows.
    public var overview: GeoBox
    /// ISO3 of the theatre's country.
    public var homeCountry: String
    /// Canvas in layout px; `scale` multiplies into device px.
    public var width: Int
    public var height: Int
    public var scale: Double
    public var language: MapLanguage
    public var caption: MapCaption
    public var factions: [Faction]
    public var timeline: ControlTimeline
    /// `.png` or `.svg`.
    public var format: OutputFormat
    /// How far zones of control reach from their places, metres; nil draws no zones.
    public var zoneReachMeters: Double?

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

    /// A renderer and a composer for this setup, owned by the caller's thread.
    func makeComposer() throws -> (MapRenderer, MapComposer) {
        let renderer = try MapRenderer()
        let projector = try FrameProjector(crs: crs)
        let composer = try MapComposer(projector: projector, basemap: basemap, view: view, overview: overview,
                                       homeCountry: homeCountry, width: width, height: height, scale: scale,
                                       language: language, caption: caption, measurer: renderer)
        return (renderer, composer)
    }

    /// Label positions for every frame of a run, decided once so labels stay put
    /// from frame to frame: every place of the timeline is laid out, whether or
    /// not it is known yet on a given day, so the plan does not depend on the range.
    ///
    /// Places are ranked by importance alone, not by whether they change within
    /// the plan: over a long range dozens of places change, and putting them
    /// first would push the capital's label out to a leader line.
    public func labelPlan() throws -> LabelPlan {
        let (_, composer) = try makeComposer()
        return try composer.planLabels(for: timeline.places)
    }
}

/// Draws the frames of one worker: the map of each frame's day, with the fixed
/// label plan, the date in the header and rings on places changed since the
/// previous frame.
///
/// What it reuses, from cheapest to dearest:
/// - when the map below the header is the same as the previous frame's (no
///   change of control, no rings), everything but the header band: only the
///   header with the new date is drawn and compressed;
/// - otherwise the map is drawn over the static basemap raster (sea, land,
///   borders, names; cached by ``MapRenderer``), and only the horizontal bands
///   of pixels that differ from the previous frame are compressed again
///   (``BandedPNG``).
///
/// - Important: not thread-safe; one per worker thread. It owns two renderers
///   (Pango font maps, Cairo surfaces) and a projector.
public final class MapFrameDrawer: FrameDrawing {
    let setup: MapFrameSetup
    let labels: LabelPlan
    let renderer: MapRenderer
    /// Draws only header bands, so its base cache never evicts the map's.
    let headerRenderer: MapRenderer
    let composer: MapComposer
    /// Pixel rows of the header band, nil when the scale puts its edge inside a
    /// pixel row (then every frame is drawn whole; unchanged bands are still reused).
    let headerRows: Int?
    private let encoder: BandedPNG
    /// The previous frame's drawing instructions below the header.
    private var previousOverlay: [SceneItem]?
    /// Zones derived so far, shared by the workers of a run.
    let zones: ZoneCache
    /// Frames drawn whole and frames that redrew only the header, for tests and benchmarks.
    public private(set) var counts = (whole: 0, headerOnly: 0)

    /// - Parameter zones: zones already derived, shared by the workers of a run;
    ///   a fresh cache when the drawer works alone.
    public init(setup: MapFrameSetup, labels: LabelPlan, zones: ZoneCache = ZoneCache()) throws {
        self.setup = setup
        self.labels = labels
        self.zones = zones
        (renderer, composer) = try setup.makeComposer()
        headerRenderer = try MapRenderer()
        let rows = composer.headerHeight * setup.scale
        let pixelHeight = Int((Double(setup.height) * setup.scale).rounded())
        let pixelWidth = Int((Double(setup.width) * setup.scale).rounded())
        headerRows = rows == rows.rounded() && rows >= 1 && Int(rows) < pixelHeight ? Int(rows) : nil
        encoder = BandedPNG(width: pixelWidth, height: pixelHeight, headerRows: headerRows ?? 0)
    }

    /// The scene of one frame, as `render` would compose it with the plan's labels.
    public func scene(for frame: FrameSpec) throws -> MapScene {
        let state = setup.timeline.state(at: frame.date)
        let changed = frame.changedPlaceIDs
        return try composer.compose(state: state, factions: setup.factions, changed: changed,
                                    changedSince: changed.isEmpty ? nil : frame.previousDate,
                                    territory: try territory(for: state), labels: labels)
    }

    private func territory(for state: ControlState) throws -> TerritoryOverlay? {
        guard let reach = setup.zoneReachMeters else { return nil }
        let controls = state.places.map(\.control)
        if let cached = zones[controls] { return cached }
        let overlay = try composer.territory(for: state, reachMeters: reach)
        zones[controls] = overlay
        return overlay
    }

    public func draw(_ frame: FrameSpec) throws -> Data {
        let scene = try scene(for: frame)
        switch setup.format {
        case .svg: return try renderer.svg(scene)
        case .pdf: return try renderer.pdf(scene)
        case .png: break
        }
        // The header is the only part that names the day; all else equal means
        // the pixels below the header are equal too.
        let header = composer.headerItems(date: frame.date)
        let headerSet = Set(header)
        let rest = scene.overlay.filter { !headerSet.contains($0) }
        defer { previousOverlay = rest }
        if let rows = headerRows, rest == previousOverlay, encoder.isPrimed {
            // The band alone: the header items on white. Its layout height times the
            // scale is exactly `rows` device pixels (checked in init).
            let band = MapScene(width: setup.width, height: Int(composer.headerHeight), scale: setup.scale, background: RGBA(1, 1, 1),
                                baseKey: "header", base: [], overlay: header, labels: [], legend: [], droppedLabels: [])
            let top = try headerRenderer.rgb(band)
            guard top.height == rows else { throw SystemError("render", "the header band is \(top.height) rows, expected \(rows)") }
            counts.headerOnly += 1
            return encoder.encode(header: top.pixels)
        }
        let surface = try renderer.rasterize(scene)
        counts.whole += 1
        return try encoder.encode(surface: surface)
    }
}

/// Zones of control by the control of every place (in timeline order), shared
/// by the workers of one run so each distinct state is derived (GEOS) once,
/// whichever worker meets it first. Zones are plain values in the map's
/// projected metres, the same for every worker of one setup.
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

/// Geo's PROJ ``Projection`` as the composer's projector: each worker makes its
/// own (its own PROJ context and transform).
///
/// - Important: not thread-safe, like the PROJ handles it owns; one per worker.
final class FrameProjector: MapProjector {
    let projection: Projection
    init(crs: String) throws { projection = try Projection(crs: crs) }
    func projectPoints(_ points: [GeoPoint]) throws -> [PlanarPoint] { try projection.project(points) }
}
