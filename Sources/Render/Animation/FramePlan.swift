import Foundation
import FrontlineCore
import Timeline

/// How far apart frames are: every N days, or one frame per date on which
/// control of some place changed.
public enum FrameStep: Hashable, Sendable, CustomStringConvertible {
    /// Every N days (N ≥ 1).
    case days(Int)
    /// The first day, then every day on which something changed.
    case event

    /// Parses `1d`, `7d`, `Nd` or `event`; nil for anything else.
    public init?(parsing text: String) {
        let t = text.lowercased()
        if t == "event" || t == "events" { self = .event; return }
        guard t.hasSuffix("d"), let n = Int(t.dropLast()), n >= 1, n <= 100_000 else { return nil }
        self = .days(n)
    }

    public var description: String {
        switch self {
        case .days(let n): return "\(n)d"
        case .event: return "event"
        }
    }
}

/// One frame to draw: its place in the sequence, its day, and what changed
/// since the frame before (empty for the first frame).
public struct FrameSpec: Hashable, Sendable {
    /// 1-based, as in the file name.
    public var number: Int
    public var date: Day
    /// Places whose control differs from the previous frame's date, sorted by place id.
    public var changes: [PlaceChange]
    /// The previous frame's date, nil for the first frame.
    public var previousDate: Day?
    /// Places ringed on this frame: those that changed hands since the previous
    /// frame, and those that did within the ring window (so a ring stays on for
    /// some days in a daily animation). Places first reported (from unknown)
    /// did not change hands and are not ringed.
    public var ringed: Set<String>
    /// The first day the rings cover, nil when nothing is ringed.
    public var ringSince: Day?

    public init(number: Int, date: Day, changes: [PlaceChange], previousDate: Day?, ringed: Set<String>? = nil, ringSince: Day? = nil) {
        self.number = number
        self.date = date
        self.changes = changes
        self.previousDate = previousDate
        let fromFrames = Set(changes.filter { $0.before != .unknown }.map(\.place.id))
        self.ringed = ringed ?? fromFrames
        self.ringSince = ringSince ?? (self.ringed.isEmpty ? nil : previousDate.map { $0.adding(days: 1) })
    }

    /// Ids of the places that changed since the previous frame.
    public var changedPlaceIDs: Set<String> { Set(changes.map(\.place.id)) }
}

/// The frames of a date range: which days, in order, and the changes between them.
///
/// A value; building it reads the timeline only. Frame files are named
/// `frame-0001.png` and on, with more digits when there are more than 9,999 frames.
public struct FramePlan: Hashable, Sendable {
    /// Days a ring stays on in `frames` and `animate` (`--ring-days`).
    public static let defaultRingDays = 3
    /// The most frames one plan may hold; a guard against a typo'd range.
    public static let maximumFrames = 10_000

    public var from: Day
    public var to: Day
    public var step: FrameStep
    public var frames: [FrameSpec]

    /// Why a plan cannot be made; each message says what to change.
    public struct PlanError: Error, Hashable, Sendable, CustomStringConvertible {
        public var description: String
    }

    /// Plans the frames from `from` to `to` inclusive.
    ///
    /// With `.days(n)` the frames are `from`, `from + n`, … up to `to`; `to` itself
    /// is added as the last frame when the step does not land on it, so the
    /// animation always ends on the requested day. With `.event` the frames are
    /// `from` and every later day up to `to` on which some place's control differs
    /// from the day before.
    /// `ringDays`: a place stays ringed on the frames of the `ringDays` days
    /// from its change (1: the day of the change only), besides being ringed on
    /// the first frame after a change between frames.
    public static func make(timeline: ControlTimeline, from: Day, to: Day, step: FrameStep, ringDays: Int = defaultRingDays) throws -> FramePlan {
        guard ringDays >= 1 else { throw PlanError(description: "--ring-days must be at least 1, got \(ringDays)") }
        guard from <= to else {
            throw PlanError(description: "--from \(from) is after --to \(to); give the earlier day first")
        }
        var dates: [Day] = []
        switch step {
        case .days(let n):
            guard n >= 1 else { throw PlanError(description: "--step must be at least 1d") }
            let span = from.days(to: to)
            let count = span / n + 1 + (span % n == 0 ? 0 : 1)
            guard count <= maximumFrames else {
                throw PlanError(description: "\(from) to \(to) every \(n) day(s) is \(count) frames; the most is \(maximumFrames). Use a shorter range or a longer --step (7d, event)")
            }
            var d = from
            while d <= to {
                dates.append(d)
                d = d.adding(days: n)
            }
            if dates.last != to { dates.append(to) }
        case .event:
            dates = [from]
            for d in eventDays(in: timeline, after: from, through: to) {
                if !timeline.changes(from: d.adding(days: -1), to: d).isEmpty { dates.append(d) }
            }
            guard dates.count <= maximumFrames else {
                throw PlanError(description: "\(from) to \(to) has \(dates.count) event days; the most is \(maximumFrames). Use a shorter range")
            }
        }
        var frames: [FrameSpec] = []
        frames.reserveCapacity(dates.count)
        for (i, d) in dates.enumerated() {
            let previous = i == 0 ? nil : dates[i - 1]
            let changes = previous.map { timeline.changes(from: $0, to: d) } ?? []
            let window = timeline.changedPlaces(at: d, since: d.adding(days: -(ringDays - 1)))
            let betweenFrames = Set(changes.filter { $0.before != .unknown }.map(\.place.id))
            let ringed = window.ids.union(betweenFrames)
            var since = window.ids.isEmpty ? nil : window.since
            if !betweenFrames.isEmpty, let previous {
                since = min(since ?? previous.adding(days: 1), previous.adding(days: 1))
            }
            frames.append(FrameSpec(number: i + 1, date: d, changes: changes.sorted { $0.place.id < $1.place.id }, previousDate: previous,
                                    ringed: ringed, ringSince: ringed.isEmpty ? nil : since))
        }
        return FramePlan(from: from, to: to, step: step, frames: frames)
    }

    /// Days strictly after `after` and up to `through` on which some event is dated.
    static func eventDays(in timeline: ControlTimeline, after: Day, through: Day) -> [Day] {
        var days = Set<Day>()
        for events in timeline.eventsByPlace.values {
            for e in events where e.date > after && e.date <= through { days.insert(e.date) }
        }
        return days.sorted()
    }

    /// Digits in frame numbers: 4, or more for longer sequences.
    public var digits: Int { max(4, String(frames.count).count) }

    /// `frame-0001.png` for frame 1.
    public func fileName(of frame: FrameSpec, extension ext: String) -> String {
        let n = String(frame.number)
        return "frame-" + String(repeating: "0", count: max(0, digits - n.count)) + n + "." + ext
    }

    /// The index written beside the frames: `frame  date  changes`, one row a
    /// frame, changes as `tarhuna: lna→gna; …` (place id, control before → after).
    public func indexTSV(extension ext: String) -> String {
        var out = "frame\tdate\tchanges\n"
        for f in frames {
            let changes = f.changes.map { "\($0.place.id): \($0.before)→\($0.after)" }.joined(separator: "; ")
            out += "\(fileName(of: f, extension: ext))\t\(f.date)\t\(changes)\n"
        }
        return out
    }
}
