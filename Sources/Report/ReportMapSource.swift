import Foundation
import FrontlineCore
import Geo
import Render
import Timeline

/// Where the report's maps come from: the same map setup `frames` draws with
/// (one extent, projection and label plan for every map of the report, so
/// labels stay put from map to map), composed into scenes on `jobs` workers.
public struct ReportMapSource: Sendable {
    let setup: MapFrameSetup
    let jobs: Int

    /// The theatre's basemap, read once, also used for the zone areas.
    var basemap: Basemap { setup.basemap }

    public init(theatre: Theatre, request: ReportRequest, jobs: Int = ProcessInfo.processInfo.activeProcessorCount) throws {
        // The report draws its maps as vectors (SVG in HTML, PDF pages); the
        // format here only picks the frame drawer's raster shortcuts, unused.
        setup = try MapFrameSetup(theatre: theatre, view: request.view, crs: nil, width: request.mapWidth,
                                  height: request.mapHeight, scale: 1, language: request.language, format: .svg)
        self.jobs = max(1, jobs)
    }

    /// The scene of every frame, in order; each worker owns its own renderer,
    /// composer and projector, and the zones of a state are derived once.
    func scenes(for frames: [FrameSpec], progress: (@Sendable () -> Void)?) throws -> [MapScene] {
        let labels = try setup.labelPlan()
        let zones = ZoneCache()
        let results = SceneSlots(count: frames.count)
        let workers = min(jobs, frames.count)
        let setup = self.setup
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            do {
                let drawer = try MapFrameDrawer(setup: setup, labels: labels, zones: zones)
                for i in stride(from: worker, to: frames.count, by: workers) {
                    results.set(i, .success(try drawer.scene(for: frames[i])))
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
