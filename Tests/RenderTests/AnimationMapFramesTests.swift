import Foundation
import FrontlineCore
@testable import Render
import Testing
import Timeline

@Suite struct AnimationMapFramesTests {
    static func setup(format: OutputFormat = .png, scale: Double = 1) throws -> MapPipeline {
        MapPipeline(basemap: try Fixture.basemap(), crs: Fixture.crs, view: Fixture.westView, overview: Fixture.libyaView,
                      homeCountry: "LBY", width: 640, height: 480, scale: scale, language: .en, caption: Fixture.caption,
                      factions: [Fixture.gna, Fixture.lna], timeline: AnimationFixture.timeline, format: format)
    }

    /// `ringDays` 1 rings a change on its own day only, as these frame-reuse tests count on.
    static func plan(step: FrameStep = .days(1), ringDays: Int = 1) throws -> FramePlan {
        try FramePlan.make(timeline: AnimationFixture.timeline, from: AnimationFixture.day("2020-06-01"),
                           to: AnimationFixture.day("2020-06-10"), step: step, ringDays: ringDays)
    }

    @Test func reusedFramesHaveTheSamePixelsAsWholeRenders() throws {
        let setup = try Self.setup(), plan = try Self.plan()
        let drawer = try MapFrameDrawer(pipeline: setup, labels: try setup.labelPlan())
        let whole = try MapRenderer()
        for frame in plan.frames {
            let fast = try decodeRGB(try drawer.draw(frame))
            let reference = try decodeRGB(try whole.png(try drawer.scene(for: frame)))
            #expect(fast.width == reference.width && fast.height == reference.height)
            #expect(fast.pixels == reference.pixels, "frame \(frame.number) (\(frame.date)) differs from a whole render")
        }
        // Drawn whole: 06-01 only. The change days (03, 05, 09) and the days after
        // them, when the rings go away (04, 06, 10), redraw the rows of what changed
        // (on this small map no change reaches 40 % of the rows). The other three
        // redraw the header only.
        #expect(drawer.counts.whole == 1)
        #expect(drawer.counts.redrawn == 6)
        #expect(drawer.counts.headerOnly == 3)
    }

    /// With the default three-day rings the legend's "since" day moves on every
    /// ringed frame, a small change most days: those frames redraw their changed
    /// rows only, and every frame is still a whole render's pixels.
    @Test func partlyRedrawnFramesHaveTheSamePixelsAsWholeRenders() throws {
        for scale in [1.0, 2.0] {
            let setup = try Self.setup(scale: scale), plan = try Self.plan(ringDays: FramePlan.defaultRingDays)
            let drawer = try MapFrameDrawer(pipeline: setup, labels: try setup.labelPlan())
            let whole = try MapRenderer()
            for frame in plan.frames {
                let fast = try decodeRGB(try drawer.draw(frame))
                let reference = try decodeRGB(try whole.png(try drawer.scene(for: frame)))
                #expect(fast.pixels == reference.pixels, "scale \(scale), frame \(frame.number) (\(frame.date)) differs from a whole render")
            }
            // Only 06-01 is drawn whole, and only 06-02 is quiet enough for the header
            // alone: every other day has a ring coming, going or its "since" moving on.
            #expect(drawer.counts.whole == 1, "scale \(scale)")
            #expect(drawer.counts.redrawn == 8, "scale \(scale)")
        }
    }

    @Test func aScaleThatSplitsAPixelRowFallsBackToWholeFrames() throws {
        let setup = try Self.setup(scale: 1.37), plan = try Self.plan()
        let drawer = try MapFrameDrawer(pipeline: setup, labels: try setup.labelPlan())
        _ = try decodeRGB(try drawer.draw(plan.frames[0]))
        #expect(drawer.headerRows == nil || drawer.counts.headerOnly == 0)
    }

    @Test func labelsStayPutAcrossFrames() throws {
        let setup = try Self.setup(), plan = try Self.plan()
        let drawer = try MapFrameDrawer(pipeline: setup, labels: try setup.labelPlan())
        var seen: [String: SceneRect] = [:]
        for frame in plan.frames {
            let scene = try drawer.scene(for: frame)
            #expect(!scene.labels.isEmpty)
            for label in scene.labels {
                if let first = seen[label.placeID] {
                    #expect(first == label.rect, "\(label.placeID) moved in frame \(frame.number)")
                } else {
                    seen[label.placeID] = label.rect
                }
            }
        }
        #expect(seen.keys.sorted() == ["gharyan", "sirte", "tarhuna"])
    }

    @Test func framesCarryTheirDateAndRingChangedPlaces() throws {
        let setup = try Self.setup(), plan = try Self.plan()
        let drawer = try MapFrameDrawer(pipeline: setup, labels: try setup.labelPlan())
        func rings(_ scene: MapScene) -> [SymbolItem] {
            func collect(_ items: [SceneItem]) -> [SymbolItem] {
                items.flatMap { item -> [SymbolItem] in
                    switch item {
                    case .symbol(let s): return s.ring == nil ? [] : [s]
                    case .clip(_, let inner), .group(_, let inner): return collect(inner)
                    default: return []
                    }
                }
            }
            return collect(scene.overlay)
        }
        let fifth = try drawer.scene(for: plan.frames[4]) // 2020-06-05: Tarhuna taken
        #expect(fifth.texts.contains { $0.text.contains("5 June 2020") })
        #expect(rings(fifth).count == 2) // Tarhuna, and the legend's "Changed hands" swatch
        let fourth = try drawer.scene(for: plan.frames[3]) // 2020-06-04: quiet
        #expect(fourth.texts.contains { $0.text.contains("4 June 2020") })
        #expect(rings(fourth).isEmpty)
    }

    /// With the default --ring-days 3, Tarhuna taken on 06-05 stays ringed on 06-05, 06-06 and 06-07, not on 06-08.
    @Test func aRingStaysOnForItsDays() throws {
        let plan = try Self.plan(ringDays: FramePlan.defaultRingDays)
        func frame(_ day: String) -> FrameSpec { plan.frames.first { $0.date == AnimationFixture.day(day) }! }
        for day in ["2020-06-05", "2020-06-06", "2020-06-07"] { #expect(frame(day).ringed.contains("tarhuna"), "\(day)") }
        #expect(!frame("2020-06-08").ringed.contains("tarhuna"))
        #expect(frame("2020-06-07").ringSince == AnimationFixture.day("2020-06-05"))
        #expect(frame("2020-06-01").ringed.isEmpty, "the first frame rings only changes within its window")
        #expect(throws: FramePlan.PlanError.self) { try Self.plan(ringDays: 0) }
    }

    @Test func svgFramesAreTheSameBytesEveryTime() throws {
        let setup = try Self.setup(format: .svg), plan = try Self.plan(step: .event)
        let labels = try setup.labelPlan()
        let a = try MapFrameDrawer(pipeline: setup, labels: labels), b = try MapFrameDrawer(pipeline: setup, labels: labels)
        for frame in plan.frames {
            let first = try a.draw(frame), second = try b.draw(frame)
            #expect(first == second, "frame \(frame.number)")
            #expect(String(decoding: first, as: UTF8.self).hasPrefix("<?xml"))
        }
        #expect(try setup.labelPlan() == labels)
    }

    @Test func aJobWritesFramesAndTheIndex() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("frontline-job-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let job = FrameJob(pipeline: try Self.setup(), plan: try Self.plan(step: .days(3)), jobs: 2)
        let report = try job.write(to: folder)
        #expect(report.written == 4)
        #expect(FrameJob.existingFrames(in: folder) == ["frame-0001.png", "frame-0002.png", "frame-0003.png", "frame-0004.png", "frames.tsv"])
        let apng = folder.appendingPathComponent("anim.png")
        let summary = try AnimationAssembler.apng(plan: job.plan, folder: folder, timing: FrameTiming(frameMilliseconds: 400, holdLastMilliseconds: 2000), to: apng)
        #expect(summary.framesStored == 4)
        let parsed = try ParsedAPNG(Data(contentsOf: apng))
        #expect(parsed.delays.map(\.0) == [400, 400, 400, 2000])
        // The first frame decodes as an ordinary PNG (viewers without APNG show it).
        let still = try decodeRGB(Data(contentsOf: apng))
        #expect(still.pixels == (try decodeRGB(Data(contentsOf: folder.appendingPathComponent("frame-0001.png")))).pixels)
    }
}
