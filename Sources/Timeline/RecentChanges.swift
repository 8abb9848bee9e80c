import FrontlineCore

extension ControlTimeline {
    /// Places whose control changed since the event date before the latest one on
    /// or before `day`, and that earlier date: what a single map rings as "changed".
    public func recentChanges(at day: Day) -> (places: Set<String>, since: Day?) {
        let dates = Set(eventsByPlace.values.joined().filter { $0.action != .hold }.map(\.date)).sorted()
        guard let latest = dates.last(where: { $0 <= day }) else { return ([], nil) }
        guard let previous = dates.last(where: { $0 < latest }) else { return ([], nil) }
        return (Set(changes(from: previous, to: day).map(\.place.id)), previous)
    }
}
