import Foundation
import FrontlineCore
@testable import Render
import Testing

/// A drawer that writes the frame's date as text and can cancel the run after k frames.
final class TextFrameDrawer: FrameDrawing {
    let token: CancellationToken
    let cancelAfter: Int?
    let counter: Counter
    init(token: CancellationToken, cancelAfter: Int?, counter: Counter) {
        self.token = token
        self.cancelAfter = cancelAfter
        self.counter = counter
    }
    func draw(_ frame: FrameSpec) throws -> Data {
        if let k = cancelAfter, counter.increment() >= k { token.cancel(reason: "test") }
        // Slow enough that cancellation lands while other frames are in flight.
        usleep(2000)
        return Data(String(repeating: "\(frame.date)\n", count: 1000).utf8)
    }
}

/// - Important: shared by the test's workers; the lock guards `value`.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0
    func increment() -> Int {
        lock.lock()
        defer { lock.unlock() }
        value += 1
        return value
    }
}

@Suite struct AnimationRunnerTests {
    func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("frontline-frames-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    var plan: FramePlan {
        get throws {
            try FramePlan.make(timeline: AnimationFixture.timeline, from: AnimationFixture.day("2020-06-01"),
                               to: AnimationFixture.day("2020-07-10"), step: .days(1))
        }
    }

    @Test func writesEveryFrameWithSeveralWorkers() throws {
        let out = try folder()
        let plan = try self.plan
        let token = CancellationToken(), counter = Counter()
        let report = try FrameRunner(plan: plan, folder: out, fileExtension: "txt", jobs: 3, cancellation: token)
            .run { _ in TextFrameDrawer(token: token, cancelAfter: nil, counter: counter) }
        #expect(report.written == 40)
        #expect(!report.cancelled)
        let names = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted()
        #expect(names == plan.frames.map { plan.fileName(of: $0, extension: "txt") })
        let tenth = try String(contentsOf: out.appendingPathComponent("frame-0010.txt"), encoding: .utf8)
        #expect(tenth.hasPrefix("2020-06-10\n"))
    }

    @Test func cancellationLeavesOnlyCompleteFrames() throws {
        let out = try folder()
        let plan = try self.plan
        let token = CancellationToken(), counter = Counter()
        let report = try FrameRunner(plan: plan, folder: out, fileExtension: "txt", jobs: 2, cancellation: token)
            .run { _ in TextFrameDrawer(token: token, cancelAfter: 5, counter: counter) }
        #expect(report.cancelled)
        #expect(report.written < plan.frames.count)
        let names = try FileManager.default.contentsOfDirectory(atPath: out.path)
        #expect(names.count == report.written)
        #expect(!names.contains { $0.hasSuffix(".tmp") || $0.hasPrefix(".") })
        for name in names {
            // Each frame that exists is whole: 1000 lines of its date.
            let text = try String(contentsOf: out.appendingPathComponent(name), encoding: .utf8)
            #expect(text.split(separator: "\n").count == 1000)
        }
    }

    @Test func aDrawingErrorStopsTheRunAndIsThrown() throws {
        struct Boom: Error {}
        final class Failing: FrameDrawing {
            func draw(_ frame: FrameSpec) throws -> Data {
                if frame.number == 7 { throw Boom() }
                return Data("ok".utf8)
            }
        }
        let out = try folder()
        #expect(throws: Boom.self) {
            try FrameRunner(plan: try self.plan, folder: out, fileExtension: "txt", jobs: 2).run { _ in Failing() }
        }
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("frame-0007.txt").path))
    }

    @Test func chunksAreContiguousAndSeveralPerWorker() {
        #expect(FrameRunner.chunkSize(frames: 61, workers: 2) == 16)
        #expect(FrameRunner.chunkSize(frames: 365, workers: 2) == 64)
        #expect(FrameRunner.chunkSize(frames: 3, workers: 2) == 1)
    }

    @Test func progressLineShowsCountRateAndTimeLeft() {
        let line = ProgressBar.line(done: 30, total: 60, label: "frames", seconds: 1.5)
        #expect(line.contains("30/60 frames"))
        #expect(line.contains("20.0 frames/s"))
        #expect(line.contains("0:02 left"))
    }
}
