import FrontlineCore
import Gazetteer

/// The state of one place on one day, with the event that put it there.
public struct PlaceState: Hashable, Sendable {
    public let place: Place
    public let control: Control
    /// The day the current state began (the date of `event`); nil when unknown.
    public let since: Day?
    /// The event behind the state: its source answers "why".
    public let event: ControlEvent?
    /// How sure the record is of the state: `confirmed` when any event of the
    /// current run (the change or a later report of the same state) is
    /// confirmed, `claimed` when every one is a claim; nil when unknown.
    public let status: EventStatus?

    /// `status` defaults to the event's own.
    public init(place: Place, control: Control, since: Day?, event: ControlEvent?, status: EventStatus? = nil) {
        self.place = place
        self.control = control
        self.since = since
        self.event = event
        self.status = status ?? event?.status
    }

    /// Whether the state rests on claims only (drawn hollow on maps).
    public var isClaimed: Bool { status == .claimed }
}

/// Who held what on one day: every place of the timeline, sorted by id.
public struct ControlState: Sendable {
    public let date: Day
    public let places: [PlaceState]

    public init(date: Day, places: [PlaceState]) {
        self.date = date
        self.places = places
    }

    /// The state of one place (binary search: `places` is sorted by id).
    public func state(of placeID: String) -> PlaceState? {
        var lo = 0, hi = places.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if places[mid].place.id < placeID { lo = mid + 1 } else { hi = mid }
        }
        return lo < places.count && places[lo].place.id == placeID ? places[lo] : nil
    }
}

/// One place whose control differs between two days.
public struct PlaceChange: Hashable, Sendable {
    public let place: Place
    public let before: Control
    public let after: Control
    /// The last event that changed the place between the two days.
    public let event: ControlEvent?

    public init(place: Place, before: Control, after: Control, event: ControlEvent?) {
        self.place = place
        self.before = before
        self.after = after
        self.event = event
    }
}

/// The per-place state machine over a validated event log.
///
/// Events are grouped per place and sorted by date (file order breaks ties).
/// Each place keeps its event days as ordinals and, per event, the index of the
/// event that began the current run of equal states, so the state at a day is
/// one binary search per place and `since` needs no walk back. A value: share
/// it across threads freely.
public struct ControlTimeline: Sendable {
    /// Places that appear in the log, sorted by id.
    public let places: [Place]
    /// Events per place id, in the order they apply.
    public let eventsByPlace: [String: [ControlEvent]]
    /// The first and last event dates, nil for an empty log.
    public let firstDay: Day?
    public let lastDay: Day?

    /// Per place (aligned with `places`): its events in order, their day
    /// ordinals, and for each event the index of the change it continues.
    private let lanes: [Lane]
    private let laneIndex: [String: Int]

    private struct Lane: Sendable {
        let events: [ControlEvent]
        let ordinals: [Int32]
        let causes: [Int32]
    }

    /// Builds the timeline. `events` must already be validated (``EventLog``)
    /// and resolved to gazetteer ids; events of places the gazetteer lacks are left out.
    public init(events: [ControlEvent], gazetteer: Gazetteer) {
        self.init(events: events, order: ControlTimeline.applyOrder(events), gazetteer: gazetteer)
    }

    /// Builds the timeline of a checked log, reusing the order its replay computed.
    public init(log: EventLog, gazetteer: Gazetteer) {
        self.init(events: log.events, order: log.applyOrder, gazetteer: gazetteer)
    }

    /// Indices of `events` per place id, in the order they apply: by date, file
    /// order (index) on ties.
    static func applyOrder(_ events: [ControlEvent]) -> [String: [Int]] {
        let ordinals = events.map { Int32($0.date.ordinal) }
        var grouped: [String: [Int]] = [:]
        for (i, e) in events.enumerated() { grouped[e.placeID, default: []].append(i) }
        // Indices ascend within a group, so the index breaks date ties in file order.
        for key in grouped.values.indices {
            grouped.values[key].sort { ordinals[$0] != ordinals[$1] ? ordinals[$0] < ordinals[$1] : $0 < $1 }
        }
        return grouped
    }

    init(events: [ControlEvent], order grouped: [String: [Int]], gazetteer: Gazetteer) {
        var places: [Place] = []
        places.reserveCapacity(grouped.count)
        for id in grouped.keys { if let p = gazetteer.place(id: id) { places.append(p) } }
        places.sort { $0.id < $1.id }
        var lanes: [Lane] = []
        lanes.reserveCapacity(places.count)
        var byPlace: [String: [ControlEvent]] = [:]
        byPlace.reserveCapacity(places.count)
        var laneIndex: [String: Int] = [:]
        laneIndex.reserveCapacity(places.count)
        var first = Int32.max, last = Int32.min
        for place in places {
            let list = grouped[place.id]!.map { events[$0] }
            let ordinals = list.map { Int32($0.date.ordinal) }
            var causes = [Int32](repeating: 0, count: list.count)
            for i in 1..<max(1, list.count) {
                // An event that leaves the state as it was (a confirming hold, a repeated
                // report) continues the run: `since` stays the day of the change.
                causes[i] = list[i].to == list[i - 1].to ? causes[i - 1] : Int32(i)
            }
            if let f = ordinals.first, let l = ordinals.last { first = min(first, f); last = max(last, l) }
            laneIndex[place.id] = lanes.count
            lanes.append(Lane(events: list, ordinals: ordinals, causes: causes))
            byPlace[place.id] = list
        }
        self.places = places
        self.lanes = lanes
        self.laneIndex = laneIndex
        self.eventsByPlace = byPlace
        self.firstDay = places.isEmpty ? nil : Day(ordinal: Int(first))
        self.lastDay = places.isEmpty ? nil : Day(ordinal: Int(last))
    }

    /// Index in the lane of the last event applying on `day` (events apply from
    /// their date inclusive), or nil when none does yet.
    private static func lastIndex(in lane: Lane, on day: Int32) -> Int? {
        var lo = 0, hi = lane.ordinals.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if lane.ordinals[mid] <= day { lo = mid + 1 } else { hi = mid }
        }
        return lo == 0 ? nil : lo - 1
    }

    /// The last event of a place that applies on `day`, or nil when none does yet.
    public func lastEvent(of placeID: String, on day: Day) -> ControlEvent? {
        guard let l = laneIndex[placeID], let i = Self.lastIndex(in: lanes[l], on: Int32(day.ordinal)) else { return nil }
        return lanes[l].events[i]
    }

    private static func state(of place: Place, in lane: Lane, on day: Int32) -> PlaceState {
        guard let i = lastIndex(in: lane, on: day) else {
            return PlaceState(place: place, control: .unknown, since: nil, event: nil)
        }
        let first = Int(lane.causes[i])
        let cause = lane.events[first]
        // A later confirmed report of the same state confirms a claimed change.
        let confirmed = lane.events[first...i].contains { $0.status == .confirmed }
        return PlaceState(place: place, control: lane.events[i].to, since: cause.date, event: cause,
                          status: confirmed ? .confirmed : .claimed)
    }

    /// The state of a place on a day, with the event that set it. A `hold` that
    /// confirms the current state does not move `since`, nor the cited event.
    public func placeState(_ place: Place, on day: Day) -> PlaceState {
        guard let l = laneIndex[place.id] else {
            return PlaceState(place: place, control: .unknown, since: nil, event: nil)
        }
        return Self.state(of: place, in: lanes[l], on: Int32(day.ordinal))
    }

    /// Who held what on `day`.
    public func state(at day: Day) -> ControlState {
        let ordinal = Int32(day.ordinal)
        var result: [PlaceState] = []
        result.reserveCapacity(places.count)
        for (i, place) in places.enumerated() { result.append(Self.state(of: place, in: lanes[i], on: ordinal)) }
        return ControlState(date: day, places: result)
    }

    /// Places whose control differs between `from` and `to` (either order of dates).
    public func changes(from: Day, to: Day) -> [PlaceChange] {
        places.compactMap { place in
            let a = placeState(place, on: from), b = placeState(place, on: to)
            guard a.control != b.control else { return nil }
            return PlaceChange(place: place, before: a.control, after: b.control, event: b.event)
        }
    }

    /// Every event of a place, in the order they apply.
    public func history(of placeID: String) -> [ControlEvent] { eventsByPlace[placeID] ?? [] }
}
