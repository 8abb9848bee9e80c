import FrontlineCore
import Gazetteer
import Timeline

/// Why a claim is not a claim of a new state of control.
public enum ClaimFlag: String, Sendable, Hashable, CaseIterable {
    /// "did not take", "no truth to": the text says it did not happen.
    case negated
    /// An attack that failed (تصدى، أحبط، فشل): nothing changed hands.
    case failed
    /// One side denies the other's claim.
    case denied
    /// A plan, a purpose, an offer or a condition: "to take", "before taking".
    case hypothetical
    /// A state of the past: "took it six years ago".
    case past
}

/// One candidate control event found in an article, for a person to accept.
public struct Claim: Sendable, Hashable {
    public let place: Place
    /// The side that holds the place after, `contested`, or unknown (a withdrawal that names no one).
    public let controllerAfter: Control
    /// The place's state in the event log on `date`, before this claim; nil when the log never names it.
    public internal(set) var from: Control?
    public internal(set) var action: EventAction
    public let date: Day
    public let datePrecision: ClaimDatePrecision
    /// The side whose spokesman or outlet makes the claim, when the text says.
    public let claimedBy: String?
    /// The sentence that supports the claim.
    public let quote: String
    /// The words that make it a claim (`سيطرت`, `captured`).
    public let trigger: String
    /// `whole` (بالكامل), `part` (أجزاء، أطراف) or empty.
    public let scope: String
    /// 0…1: how sure the extractor is of the reading, not of the fact.
    public let confidence: Double
    /// The event log already has it: same place, same side, within two days.
    public internal(set) var known: Bool
    /// Why it is not a new state (empty for a plain claim).
    public let flags: [ClaimFlag]
    /// The article it comes from (a file name, or `-`).
    public let article: String
    /// The place as the article writes it.
    public let placeText: String
}

extension Claim {
    /// The log's view of the claim: where the place stood on the claim's day,
    /// whether the log already has the claim, and the action a row of the log
    /// would write (hold when nothing changes).
    mutating func compare(with timeline: ControlTimeline) {
        let history = timeline.history(of: place.id)
        if history.isEmpty {
            from = nil
        } else {
            let state = timeline.placeState(place, on: date).control
            from = state == .unknown ? nil : state
        }
        known = history.contains { e in e.to == controllerAfter && abs(e.date.days(to: date)) <= 2 }
        if action != .withdraw, let from, from == controllerAfter { action = .hold }
        if action == .hold, let from, from != controllerAfter { action = Self.action(for: controllerAfter) }
    }

    static func action(for control: Control) -> EventAction {
        if case .contested = control { return .contest }
        return .capture
    }
}
