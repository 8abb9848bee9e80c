import Foundation
import Geo
import FrontlineCore
import Timeline

/// Writes the frames of a plan into a folder: frame files, then `frames.tsv`.
public struct FrameJob: Sendable {
    public var pipeline: MapPipeline
    public var plan: FramePlan
    /// Worker threads.
    public var jobs: Int

    public init(pipeline: MapPipeline, plan: FramePlan, jobs: Int) {
        self.pipeline = pipeline
        self.plan = plan
        self.jobs = jobs
    }

    /// The frame file extension, `png` or `svg`.
    public var fileExtension: String { pipeline.format.rawValue }

    /// Lays out labels once, draws every frame with `jobs` workers, and writes
    /// the index when every frame is there. A cancelled run writes no index.
    public func write(to folder: URL, cancellation: CancellationToken = CancellationToken(),
                      progress: (@Sendable () -> Void)? = nil) throws -> FrameRunReport {
        let pipeline = self.pipeline
        let zones = ZoneCache()
        // The drawer that plans the labels draws frames too, on the first worker
        // to start: one basemap fitted and one set of fonts opened fewer. A second
        // worker's drawer is made meanwhile, on the other core.
        let (planned, made) = concurrently({
            Result { () throws -> (MapDrawer, LabelPlan) in
                let planner = try pipeline.makeDrawer(zones: zones)
                return (planner, try pipeline.labelPlan(using: planner))
            }
        }, {
            Result { () throws -> MapDrawer? in
                jobs > 1 && plan.frames.count > 1 ? try pipeline.makeDrawer(zones: zones) : nil
            }
        })
        let (planner, labels) = try planned.get()
        var drawers = [try MapFrameDrawer(drawer: planner, labels: labels)]
        if let second = try made.get() { drawers.append(try MapFrameDrawer(drawer: second, labels: labels)) }
        let handed = drawers.map { Handoff($0) }
        let runner = FrameRunner(plan: plan, folder: folder, fileExtension: fileExtension, jobs: jobs,
                                 cancellation: cancellation, progress: progress)
        var report = try runner.run { worker in
            try (worker < handed.count ? handed[worker].take() : nil) ?? MapFrameDrawer(pipeline: pipeline, labels: labels, zones: zones)
        }
        // Any worker that drew a frame has seen every text a frame has but the date.
        report.textsWithUnknownGlyphs = drawers.lazy.compactMap(\.textsWithUnknownGlyphs).first ?? []
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
