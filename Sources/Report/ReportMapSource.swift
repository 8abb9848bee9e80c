import Foundation
import FrontlineCore
import Geo
import Render
import Timeline

/// Where the report's maps come from: the one map pipeline `render` and
/// `frames` draw with, with one label plan for every map of the report (so
/// labels stay put from map to map), composed into scenes on `jobs` workers.
public struct ReportMapSource: Sendable {
    public let pipeline: MapPipeline
    let jobs: Int

    /// The theatre's basemap, read once by the pipeline, also used for the zone areas.
    var basemap: Basemap { pipeline.basemap }

    public init(pipeline: MapPipeline, jobs: Int = ProcessInfo.processInfo.activeProcessorCount) {
        self.pipeline = pipeline
        self.jobs = max(1, jobs)
    }

    /// The pipeline of ``ReportRequest/mapSpec`` for a theatre.
    public init(theatre: Theatre, request: ReportRequest, jobs: Int = ProcessInfo.processInfo.activeProcessorCount) throws {
        self.init(pipeline: try MapPipeline(theatre: theatre, spec: request.mapSpec), jobs: jobs)
    }

    /// The scene of every frame, in order; each worker owns its own drawer
    /// (renderer, composer, projector), and the zones of a state are derived once.
    func scenes(for frames: [FrameSpec], progress: (@Sendable () -> Void)?) throws -> [MapScene] {
        let labels = try pipeline.labelPlan()
        let zones = ZoneCache()
        let results = SceneSlots(count: frames.count)
        let workers = min(jobs, frames.count)
        let pipeline = self.pipeline
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            do {
                let drawer = try pipeline.makeDrawer(zones: zones)
                for i in stride(from: worker, to: frames.count, by: workers) {
                    let f = frames[i]
                    let changed = f.changedPlaceIDs
                    results.set(i, .success(try drawer.scene(at: f.date, changed: changed, since: changed.isEmpty ? nil : f.previousDate, labels: labels)))
                    progress?()
                }
            } catch {
                results.set(worker, .failure(error))
            }
        }
        return try results.values()
    }
}

/// One slot per scene, filled by the workers.
///
/// - Important: thread-safe: the lock guards `slots` (`@unchecked` because the
///   compiler cannot see that).
private final class SceneSlots: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [Result<MapScene, Error>?]
    private var firstError: Error?

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ i: Int, _ value: Result<MapScene, Error>) {
        lock.lock()
        defer { lock.unlock() }
        if case .failure(let e) = value { if firstError == nil { firstError = e } } else { slots[i] = value }
    }

    func values() throws -> [MapScene] {
        lock.lock()
        defer { lock.unlock() }
        if let firstError { throw firstError }
        return try slots.map { slot in
            guard case .success(let scene)? = slot else { throw SystemError("report", "a map was not drawn") }
            return scene
        }
    }
}
