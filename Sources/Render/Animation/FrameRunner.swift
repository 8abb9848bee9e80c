import Dispatch
import Foundation
import FrontlineCore

/// Draws frames one after another for one worker; the runner makes one per worker.
///
/// A worker gets runs of consecutive frames, in order, so a drawer may keep what
/// it drew last (a raster, a composed scene) and redo only what differs.
///
/// - Important: a drawer is used by exactly one thread, the worker that made
///   it or was handed it. It may own C handles (Cairo, Pango, PROJ); it is
///   never shared.
public protocol FrameDrawing: AnyObject {
    /// The encoded bytes of one frame (PNG or SVG).
    func draw(_ frame: FrameSpec) throws -> Data
}

/// What a run did.
public struct FrameRunReport: Hashable, Sendable {
    /// Frames written completely (renamed into place).
    public var written: Int
    /// The planned frame count.
    public var planned: Int
    /// True when the run stopped early on cancellation.
    public var cancelled: Bool
    /// Wall time of the run, seconds.
    public var seconds: Double
    /// Workers used.
    public var workers: Int
    /// Texts of the frames the map's fonts cannot draw all of (see
    /// ``MapRenderer/textsWithUnknownGlyphs(in:)``), from the first frame a
    /// worker drew: every frame has the same labels, title and legend.
    public var textsWithUnknownGlyphs: [String] = []
}

/// Writes the frames of a ``FramePlan`` into a folder with several workers.
///
/// Work is handed out in contiguous chunks: each worker takes the next chunk
/// of consecutive frames from a shared counter, draws them in order with its own
/// drawer, and writes each through a temporary file and a rename. Chunks are
/// two per worker: a worker that hits a busy stretch of the war does not leave
/// the others idle for long, and chunks are long enough that a drawer reuses its
/// previous frame's work most of the time (the first frame of a chunk is drawn
/// whole).
///
/// Cancellation is checked before each frame: frames in flight finish (whole
/// files or nothing), no new frame starts, and the index is not written.
public struct FrameRunner {
    public var plan: FramePlan
    public var folder: URL
    /// `png` or `svg`: the frame file extension.
    public var fileExtension: String
    /// Worker threads, at least 1 (capped by the frame count).
    public var jobs: Int
    public var cancellation: CancellationToken
    /// Called after each frame is written, from the worker's thread.
    public var progress: (@Sendable () -> Void)?

    public init(plan: FramePlan, folder: URL, fileExtension: String, jobs: Int,
                cancellation: CancellationToken = CancellationToken(), progress: (@Sendable () -> Void)? = nil) {
        self.plan = plan
        self.folder = folder
        self.fileExtension = fileExtension
        self.jobs = jobs
        self.cancellation = cancellation
        self.progress = progress
    }

    /// Frames per chunk: about two chunks a worker, at most 64 frames.
    static func chunkSize(frames: Int, workers: Int) -> Int {
        max(1, min(64, (frames + workers * 2 - 1) / (workers * 2)))
    }

    /// Runs the plan; `makeDrawer(worker)` is called once on each worker thread,
    /// so whatever it builds (or hands over) is used on that thread alone.
    ///
    /// Throws the first drawing or writing error (the other workers stop after
    /// their current frame). Returns normally when cancelled, with `cancelled` set.
    public func run(makeDrawer: @escaping @Sendable (_ worker: Int) throws -> any FrameDrawing) throws -> FrameRunReport {
        let start = DispatchTime.now().uptimeNanoseconds
        let frames = plan.frames
        let workers = max(1, min(jobs, frames.count))
        let chunk = FrameRunner.chunkSize(frames: frames.count, workers: workers)
        let state = RunState()
        let names = frames.map { plan.fileName(of: $0, extension: fileExtension) }
        let folder = self.folder, token = cancellation, progress = self.progress

        let work: @Sendable (Int) -> Void = { worker in
            do {
                let drawer = try makeDrawer(worker)
                while let range = state.nextChunk(size: chunk, total: frames.count) {
                    for i in range {
                        if token.isCancelled || state.failed { return }
                        let data = try drawer.draw(frames[i])
                        try AtomicFile.write(data, to: folder.appendingPathComponent(names[i]))
                        state.wrote()
                        progress?()
                    }
                }
            } catch {
                state.fail(error)
            }
        }
        if workers == 1 {
            work(0)
        } else {
            // concurrentPerform blocks until every worker returns; each iteration is one
            // long-lived worker, not one frame, so the drawers are made `workers` times.
            DispatchQueue.concurrentPerform(iterations: workers, execute: work)
        }
        if let error = state.error { throw error }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        return FrameRunReport(written: state.writtenCount, planned: frames.count, cancelled: token.isCancelled,
                              seconds: seconds, workers: workers)
    }
}

/// The runner's shared counters.
///
/// - Important: shared by the workers; the lock guards every stored var
///   (`@unchecked` because the compiler cannot see that).
private final class RunState: @unchecked Sendable {
    private let lock = NSLock()
    private var next = 0
    private var written = 0
    private var firstError: Error?

    func nextChunk(size: Int, total: Int) -> Range<Int>? {
        lock.lock()
        defer { lock.unlock() }
        guard next < total else { return nil }
        let r = next..<min(total, next + size)
        next = r.upperBound
        return r
    }

    func wrote() {
        lock.lock()
        written += 1
        lock.unlock()
    }

    func fail(_ error: Error) {
        lock.lock()
        if firstError == nil { firstError = error }
        lock.unlock()
    }

    var failed: Bool {
        lock.lock()
        defer { lock.unlock() }
        return firstError != nil
    }

    var error: Error? {
        lock.lock()
        defer { lock.unlock() }
        return firstError
    }

    var writtenCount: Int {
        lock.lock()
        defer { lock.unlock() }
        return written
    }
}
