import FrontlineCore

/// What a map rings as "changed": one rule for `render` (a window of days) and
/// for `frames` and `animate` (a ring stays on for some days after the change).
extension ControlTimeline {
    /// Event dates that change something (not `hold` observations), ascending.
    public var changeDays: [Day] {
        Set(eventsByPlace.values.joined().filter { $0.action != .hold }.map(\.date)).sorted()
    }

    /// The places a map of `day` rings as changed, and the first day of the window.
    ///
    /// The window runs from `since` to `day`, both included: a place counts
    /// when its control on `day` differs from that on the day before `since`,
    /// and it was known then (a place first reported, from unknown, did not
    /// change hands, so the log's first day never rings everything). Without
    /// `since`, the window opens the day after the change date before the
    /// latest one on or before `day`, so it holds the latest changes. Returns
    /// no places and nil when the window is empty or there is no earlier
    /// change date to compare with.
    public func changedPlaces(at day: Day, since: Day? = nil) -> (ids: Set<String>, since: Day?) {
        let start: Day
        if let since {
            guard since <= day else { return ([], nil) }
            start = since
        } else {
            let dates = changeDays
            guard let latest = dates.last(where: { $0 <= day }), let previous = dates.last(where: { $0 < latest }) else { return ([], nil) }
            start = Day(ordinal: previous.ordinal + 1)
        }
        let before = Day(ordinal: start.ordinal - 1)
        let ids = changes(from: before, to: day).filter { $0.before != .unknown }.map(\.place.id)
        return (Set(ids), start)
    }
}
