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
        let pipeline = self.pipeline
        return try concurrentMap(frames, jobs: jobs, worker: { try pipeline.makeDrawer(zones: zones) }) { drawer, f in
            let changed = f.changedPlaceIDs
            defer { progress?() }
            return try drawer.scene(at: f.date, changed: changed, since: changed.isEmpty ? nil : f.previousDate, labels: labels)
        }
    }
}

/// `body` applied to every item on up to `jobs` threads, each with its own
/// `worker` (a C-handle owner such as a drawer or a renderer, never shared);
/// results in the items' order. The first error thrown is rethrown.
func concurrentMap<Item: Sendable, Worker, Result: Sendable>(
    _ items: [Item], jobs: Int, worker: @Sendable () throws -> Worker, _ body: @Sendable (Worker, Item) throws -> Result
) throws -> [Result] {
    let slots = Slots<Result>(count: items.count)
    let workers = max(1, min(jobs, items.count))
    DispatchQueue.concurrentPerform(iterations: workers) { w in
        do {
            let own = try worker()
            for i in stride(from: w, to: items.count, by: workers) { slots.set(i, try body(own, items[i])) }
        } catch {
            slots.fail(error)
        }
    }
    return try slots.values()
}

/// One slot per result, filled by the workers.
///
/// - Important: thread-safe: the lock guards `slots` and `firstError`
///   (`@unchecked` because the compiler cannot see that).
private final class Slots<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [Value?]
    private var firstError: Error?

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ i: Int, _ value: Value) {
        lock.lock()
        defer { lock.unlock() }
        slots[i] = value
    }

    func fail(_ error: Error) {
        lock.lock()
        defer { lock.unlock() }
        if firstError == nil { firstError = error }
    }

    func values() throws -> [Value] {
        lock.lock()
        defer { lock.unlock() }
        if let firstError { throw firstError }
        return try slots.map { slot in
            guard let slot else { throw SystemError("report", "a worker left a result undone") }
            return slot
        }
    }
}
