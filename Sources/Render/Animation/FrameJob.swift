import Foundation
import Geo
import FrontlineCore
import Timeline

extension MapFrameSetup {
    /// The setup for a theatre: its basemap, caption and timeline, the given view.
    /// - Parameter zones: draw zones of control and the front line, reaching the theatre's `zone_reach_km`.
    public init(theatre: Theatre, view: GeoBox, crs: String?, width: Int, height: Int, scale: Double,
                language: MapLanguage, format: OutputFormat, zones: Bool = true) throws {
        let settings = theatre.settings
        let basemap = try Basemap.load(settings.basemap)
        // The footer names the event log relative to the repository (maps/<theatre>/events.tsv),
        // not to the working folder, so frames are the same bytes wherever they are made.
        let root = settings.directory.standardizedFileURL.deletingLastPathComponent().deletingLastPathComponent().path
        var events = settings.eventsFile.standardizedFileURL.path
        if events.hasPrefix(root + "/") { events = String(events.dropFirst(root.count + 1)) }
        let caption = MapCaption(title: settings.title, titleArabic: settings.titleArabic, eventCount: theatre.events.count,
                                 eventsPath: events, basemapCredit: settings.basemapCredit)
        let overview = settings.views.max { ($0.box.east - $0.box.west) * ($0.box.north - $0.box.south) <
            ($1.box.east - $1.box.west) * ($1.box.north - $1.box.south) }?.box ?? view
        self.init(basemap: basemap, crs: crs ?? settings.crs, view: view, overview: overview, homeCountry: settings.country,
                  width: width, height: height, scale: scale, language: language, caption: caption,
                  factions: theatre.factions, timeline: theatre.timeline, format: format,
                  zoneReachMeters: zones ? settings.zoneReachKilometers * 1000 : nil)
    }
}

/// Writes the frames of a plan into a folder: frame files, then `frames.tsv`.
public struct FrameJob: Sendable {
    public var setup: MapFrameSetup
    public var plan: FramePlan
    /// Worker threads.
    public var jobs: Int

    public init(setup: MapFrameSetup, plan: FramePlan, jobs: Int) {
        self.setup = setup
        self.plan = plan
        self.jobs = jobs
    }

    /// The frame file extension, `png` or `svg`.
    public var fileExtension: String { setup.format.rawValue }

    /// Lays out labels once, draws every frame with `jobs` workers, and writes
    /// the index when every frame is there. A cancelled run writes no index.
    public func write(to folder: URL, cancellation: CancellationToken = CancellationToken(),
                      progress: (@Sendable () -> Void)? = nil) throws -> FrameRunReport {
        let labels = try setup.labelPlan()
        let setup = self.setup
        let runner = FrameRunner(plan: plan, folder: folder, fileExtension: fileExtension, jobs: jobs,
                                 cancellation: cancellation, progress: progress)
        let zones = ZoneCache()
        let report = try runner.run { _ in try MapFrameDrawer(setup: setup, labels: labels, zones: zones) }
        if !report.cancelled {
            try AtomicFile.write(Data(plan.indexTSV(extension: fileExtension).utf8), to: folder.appendingPathComponent("frames.tsv"))
        }
        return report
    }

    /// Frame files (and the index) a folder already holds: `frame-*.png|svg` and `frames.tsv`.
    public static func existingFrames(in folder: URL) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { name in
            name == "frames.tsv" || (name.hasPrefix("frame-") && (name.hasSuffix(".png") || name.hasSuffix(".svg")))
        }.sorted()
    }
}
