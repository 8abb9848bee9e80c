import Foundation
import FrontlineCore
@testable import Render
import Testing
import Timeline

@Suite struct AnimationPlanTests {
    let timeline = AnimationFixture.timeline
    func day(_ s: String) -> Day { AnimationFixture.day(s) }

    @Test func stepsParse() {
        #expect(FrameStep(parsing: "1d") == .days(1))
        #expect(FrameStep(parsing: "7d") == .days(7))
        #expect(FrameStep(parsing: "event") == .event)
        for bad in ["0d", "d", "-1d", "7", "1w", "", "x7d"] { #expect(FrameStep(parsing: bad) == nil, "\(bad)") }
    }

    @Test func dailyFramesCountAndNames() throws {
        let plan = try FramePlan.make(timeline: timeline, from: day("2020-06-01"), to: day("2020-06-10"), step: .days(1))
        #expect(plan.frames.count == 10)
        #expect(plan.frames.map(\.number) == Array(1...10))
        #expect(plan.fileName(of: plan.frames[0], extension: "png") == "frame-0001.png")
        #expect(plan.fileName(of: plan.frames[9], extension: "svg") == "frame-0010.svg")
        #expect(plan.frames[0].changes.isEmpty)
        #expect(plan.frames[2].changedPlaceIDs == ["tarhuna"]) // 06-03, contested
        #expect(plan.frames[3].changes.isEmpty)
    }

    @Test func weeklyFramesEndOnTheLastDay() throws {
        let plan = try FramePlan.make(timeline: timeline, from: day("2020-06-01"), to: day("2020-06-10"), step: .days(7))
        #expect(plan.frames.map(\.date.description) == ["2020-06-01", "2020-06-08", "2020-06-10"])
        // Everything between two frames shows up as changed in the later one.
        #expect(plan.frames[1].changedPlaceIDs == ["tarhuna"])
        #expect(plan.frames[2].changedPlaceIDs == ["sirte"])
        #expect(plan.frames[1].previousDate == day("2020-06-01"))
    }

    @Test func eventFramesAreTheDaysSomethingChanged() throws {
        let plan = try FramePlan.make(timeline: timeline, from: day("2020-06-02"), to: day("2020-06-30"), step: .event)
        // 06-02 (always the first), 06-03, 06-05, 06-09; not the hold of 06-07.
        #expect(plan.frames.map(\.date.description) == ["2020-06-02", "2020-06-03", "2020-06-05", "2020-06-09"])
        #expect(plan.frames.allSatisfy { $0.number == 1 || !$0.changes.isEmpty })
    }

    @Test func indexListsEveryFrameWithItsChanges() throws {
        let plan = try FramePlan.make(timeline: timeline, from: day("2020-06-04"), to: day("2020-06-05"), step: .days(1))
        #expect(plan.indexTSV(extension: "png") == """
        frame\tdate\tchanges
        frame-0001.png\t2020-06-04\t
        frame-0002.png\t2020-06-05\ttarhuna: contested:gna+lna→gna

        """)
    }

    @Test func badRangesAreRefusedWithAReason() {
        #expect(throws: FramePlan.PlanError.self) {
            try FramePlan.make(timeline: timeline, from: day("2020-06-05"), to: day("2020-06-01"), step: .days(1))
        }
        do {
            _ = try FramePlan.make(timeline: timeline, from: day("1990-01-01"), to: day("2020-06-01"), step: .days(1))
            Issue.record("a 30-year daily plan should be refused")
        } catch {
            #expect("\(error)".contains("10000"))
        }
    }

    @Test func moreThan9999FramesGetMoreDigits() throws {
        let plan = try FramePlan.make(timeline: timeline, from: day("1993-01-01"), to: day("2020-05-18"), step: .days(1))
        #expect(plan.frames.count == 10_000)
        #expect(plan.fileName(of: plan.frames[0], extension: "png") == "frame-00001.png")
    }
}
