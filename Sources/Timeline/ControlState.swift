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

    public init(place: Place, control: Control, since: Day?, event: ControlEvent?) {
        self.place = place
        self.control = control
        self.since = since
        self.event = event
    }
}

/// Who held what on one day: every place of the timeline, sorted by id.
public struct ControlState: Sendable {
    public let date: Day
    public let places: [PlaceState]

    public init(date: Day, places: [PlaceState]) {
        self.date = date
        self.places = places
    }

    public func state(of placeID: String) -> PlaceState? { places.first { $0.place.id == placeID } }
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
/// Events are grouped per place and sorted by date (file order breaks ties), so
/// the state at a day is a binary search per place. A value: share it across
/// threads freely.
public struct ControlTimeline: Sendable {
    /// Places that appear in the log, sorted by id.
    public let places: [Place]
    /// Events per place id, in the order they apply.
    public let eventsByPlace: [String: [ControlEvent]]
    /// The first and last event dates, nil for an empty log.
    public let firstDay: Day?
    public let lastDay: Day?

    /// Builds the timeline. `events` must already be validated (``EventLog``)
    /// and resolved to gazetteer ids.
    public init(events: [ControlEvent], gazetteer: Gazetteer) {
        var grouped: [String: [(Int, ControlEvent)]] = [:]
        for (i, e) in events.enumerated() { grouped[e.placeID, default: []].append((i, e)) }
        var byPlace: [String: [ControlEvent]] = [:]
        for (id, list) in grouped {
            byPlace[id] = list.sorted { a, b in a.1.date != b.1.date ? a.1.date < b.1.date : a.0 < b.0 }.map(\.1)
        }
        self.eventsByPlace = byPlace
        self.places = byPlace.keys.compactMap { gazetteer.place(id: $0) }.sorted { $0.id < $1.id }
        self.firstDay = events.map(\.date).min()
        self.lastDay = events.map(\.date).max()
    }

    /// The last event of a place that applies on `day` (events apply from their
    /// date inclusive), or nil when none does yet.
    public func lastEvent(of placeID: String, on day: Day) -> ControlEvent? {
        guard let list = eventsByPlace[placeID] else { return nil }
        var lo = 0, hi = list.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if list[mid].date <= day { lo = mid + 1 } else { hi = mid }
        }
        return lo == 0 ? nil : list[lo - 1]
    }

    /// The state of a place on a day, with the event that set its controller.
    /// A `hold` that confirms the current state does not move `since`.
    public func placeState(_ place: Place, on day: Day) -> PlaceState {
        guard let list = eventsByPlace[place.id], let last = lastEvent(of: place.id, on: day) else {
            return PlaceState(place: place, control: .unknown, since: nil, event: nil)
        }
        // Walk back over observations that confirm the same state, so `since` and the
        // cited event are those of the change, not of a later confirmation.
        var cause = last
        if let index = list.lastIndex(of: last) {
            var i = index
            while i > 0, list[i].action == .hold, list[i - 1].to == last.to { i -= 1 }
            cause = list[i]
        }
        return PlaceState(place: place, control: last.to, since: cause.date, event: cause)
    }

    /// Who held what on `day`.
    public func state(at day: Day) -> ControlState {
        ControlState(date: day, places: places.map { placeState($0, on: day) })
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
