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
        let labels = try pipeline.labelPlan()
        let pipeline = self.pipeline
        let runner = FrameRunner(plan: plan, folder: folder, fileExtension: fileExtension, jobs: jobs,
                                 cancellation: cancellation, progress: progress)
        let zones = ZoneCache()
        let report = try runner.run { _ in try MapFrameDrawer(pipeline: pipeline, labels: labels, zones: zones) }
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
