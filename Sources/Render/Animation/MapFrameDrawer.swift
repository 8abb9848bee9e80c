import Foundation
import FrontlineCore
import Timeline

/// Draws the frames of one worker: the map of each frame's day, with the fixed
/// label plan, the date in the header and rings on places changed since the
/// previous frame.
///
/// What it reuses, from cheapest to dearest:
/// - when the map below the header is the same as the previous frame's (no
///   change of control, no rings), everything but the header band: only the
///   header with the new date is drawn and compressed;
/// - when what differs from the previous raster (a ring comes or goes, the
///   legend's "since" day moves on, a place changes hands on a large map)
///   spans at most ``redrawLimit`` of its pixel rows, those rows: the
///   previous raster is drawn again there only
///   (``MapRenderer/damagedRows(from:to:scale:height:)``);
/// - otherwise the map is drawn over the static basemap raster (sea, land,
///   borders, names; cached by ``MapRenderer``).
///
/// Either way only the horizontal bands of pixels that differ from the
/// previous frame are compressed again (``BandedPNG``).
///
/// - Important: not thread-safe; one per worker thread. It owns two renderers
///   (Pango font maps, Cairo surfaces) and a projector.
public final class MapFrameDrawer: FrameDrawing {
    let map: MapDrawer
    let labels: LabelPlan
    /// Draws only header bands, so its base cache never evicts the map's.
    let headerRenderer: MapRenderer
    /// Pixel rows of the header band, nil when the scale puts its edge inside a
    /// pixel row (then every frame is drawn whole; unchanged bands are still reused).
    let headerRows: Int?
    private let encoder: BandedPNG
    /// The previous frame's drawing instructions below the header.
    private var previousOverlay: [SceneItem]?
    /// The last raster drawn whole or in part, and the leaves it shows (header
    /// included: a frame that redraws only the header band leaves it as it was).
    private var raster: (surface: CairoSurface, leaves: [DrawnLeaf], baseKey: String)?
    /// The texts of the first frame drawn that the map's fonts cannot draw all
    /// of; nil until a frame is drawn.
    public private(set) var textsWithUnknownGlyphs: [String]?
    /// Frames drawn whole, redrawn where they differ, and that redrew only the header, for tests and benchmarks.
    public private(set) var counts = (whole: 0, redrawn: 0, headerOnly: 0)
    /// Above this share of the raster's rows a partial redraw saves little: the frame is drawn whole.
    static let redrawLimit = 0.75

    /// - Parameter zones: zones already derived, shared by the workers of a run;
    ///   a fresh cache when the drawer works alone.
    public convenience init(pipeline: MapPipeline, labels: LabelPlan, zones: ZoneCache = ZoneCache()) throws {
        try self.init(drawer: pipeline.makeDrawer(zones: zones), labels: labels)
    }

    /// Draws frames with `drawer` (which may have planned `labels`), from now
    /// on on the calling thread only.
    public init(drawer: MapDrawer, labels: LabelPlan) throws {
        self.labels = labels
        map = drawer
        let pipeline = drawer.pipeline
        headerRenderer = try MapRenderer()
        let rows = map.composer.headerHeight * pipeline.scale
        let pixelHeight = Int(clampingRounded: Double(pipeline.height) * pipeline.scale)
        let pixelWidth = Int(clampingRounded: Double(pipeline.width) * pipeline.scale)
        headerRows = rows == rows.rounded() && rows >= 1 && Int(rows) < pixelHeight ? Int(rows) : nil
        encoder = BandedPNG(width: pixelWidth, height: pixelHeight, headerRows: headerRows ?? 0)
    }

    /// The scene of one frame, as `render` would compose it with the plan's labels.
    public func scene(for frame: FrameSpec) throws -> MapScene {
        return try map.scene(at: frame.date, changed: frame.ringed, since: frame.ringSince, labels: labels)
    }

    public func draw(_ frame: FrameSpec) throws -> Data {
        let scene = try scene(for: frame)
        if textsWithUnknownGlyphs == nil { textsWithUnknownGlyphs = map.textsWithUnknownGlyphs(in: scene) }
        let pipeline = map.pipeline
        guard pipeline.format == .png else { return try map.render(scene) }
        // The header is the only part that names the day; all else equal means
        // the pixels below the header are equal too.
        let header = map.composer.headerItems(date: frame.date)
        // Compared, not hashed: hashing every overlay item hashed every zone's points, each frame.
        let rest = scene.overlay.filter { !header.contains($0) }
        defer { previousOverlay = rest }
        if let rows = headerRows, rest == previousOverlay, encoder.isPrimed {
            // The band alone: the header items on white. Its layout height times the
            // scale is exactly `rows` device pixels (checked in init).
            let band = MapScene(width: pipeline.width, height: Int(clampingRounded: map.composer.headerHeight.rounded(.down)), scale: pipeline.scale, background: RGBA(1, 1, 1),
                                baseKey: "header", base: [], overlay: header, labels: [], legend: [], droppedLabels: [])
            let top = try headerRenderer.rgb(band)
            guard top.height == rows else { throw SystemError("render", "the header band is \(top.height) rows, expected \(rows)") }
            counts.headerOnly += 1
            return encoder.encode(header: top.pixels)
        }
        let leaves = DrawnLeaf.flatten(scene.overlay)
        if let raster, raster.baseKey == scene.baseKey {
            let rows = map.renderer.damagedRows(from: raster.leaves, to: leaves, scale: pipeline.scale, height: encoder.height)
            if Double(rows.reduce(0) { $0 + $1.count }) <= Self.redrawLimit * Double(encoder.height) {
                try map.renderer.redraw(scene, on: raster.surface, rows: rows)
                self.raster?.leaves = leaves
                counts.redrawn += 1
                return try encoder.encode(surface: raster.surface)
            }
        }
        let surface: CairoSurface
        if let reused = raster?.surface {
            try map.renderer.rasterize(scene, into: reused)
            surface = reused
        } else {
            surface = try map.renderer.rasterize(scene)
        }
        raster = (surface, leaves, scene.baseKey)
        counts.whole += 1
        return try encoder.encode(surface: surface)
    }
}
