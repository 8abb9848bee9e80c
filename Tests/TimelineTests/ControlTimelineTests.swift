import FrontlineCore
import Gazetteer
import Testing
@testable import Timeline

@Suite struct ControlTimelineTests {
    static let places = ["tripoli", "tarhuna", "watiya", "sirte", "gharyan", "misrata"]
    static let controls: [Control] = [.faction("gna"), .faction("lna"), .faction("local"), .contested(["gna", "lna"]), .unknown]
    static let start = Day(year: 2019, month: 4, day: 3)!

    /// Random events in random file order, with many same-day ties; not validated,
    /// because the state machine must answer for any sequence.
    static func randomEvents(_ rng: inout SeededRandom) -> [ControlEvent] {
        let count = Int.random(in: 0...40, using: &rng)
        return (0..<count).map { i in
            let place = places.randomElement(using: &rng)!
            let to = controls.randomElement(using: &rng)!
            let action = EventAction.allCases.randomElement(using: &rng)!
            return ControlEvent(location: FrontlineCore.SourceLocation(file: "events.tsv", line: i + 2),
                                date: start.adding(days: Int.random(in: 0...30, using: &rng)), precision: .day,
                                placeID: place, placeName: place, from: nil, to: to, action: action,
                                status: .confirmed, source: "s\(i)", note: "")
        }
    }

    /// The obvious replay: every event of the place up to the day, by date then file order.
    static func bruteForce(_ events: [ControlEvent], place: String, on day: Day) -> (Control, Day?, ControlEvent?) {
        let applying = events.enumerated()
            .filter { $0.element.placeID == place && $0.element.date <= day }
            .sorted { ($0.element.date, $0.offset) < ($1.element.date, $1.offset) }
            .map(\.element)
        var control = Control.unknown, since: Day? = nil, cause: ControlEvent? = nil
        var started = false
        for e in applying where !started || e.to != control {
            control = e.to
            since = e.date
            cause = e
            started = true
        }
        return (control, since, cause)
    }

    @Test func stateEqualsABruteForceReplay() {
        var rng = SeededRandom(seed: 20200605)
        let gazetteer = Fixture.gazetteer
        for _ in 0..<300 {
            let events = Self.randomEvents(&rng)
            let timeline = ControlTimeline(events: events, gazetteer: gazetteer)
            for offset in [-1, 0, 1, 5, 10, 15, 20, 29, 30, 31, 60] {
                let day = Self.start.adding(days: offset)
                let state = timeline.state(at: day)
                #expect(state.places.map(\.place.id) == state.places.map(\.place.id).sorted())
                for place in Self.places {
                    let expected = Self.bruteForce(events, place: place, on: day)
                    let got = state.state(of: place)
                    if timeline.history(of: place).isEmpty {
                        #expect(got == nil)
                        continue
                    }
                    #expect(got?.control == expected.0, "\(place) on \(day)")
                    #expect(got?.since == expected.1, "\(place) on \(day)")
                    #expect(got?.event == expected.2, "\(place) on \(day)")
                }
            }
        }
    }

    func timeline(_ rows: [String]) throws -> ControlTimeline {
        let log = try Fixture.log(rows)
        #expect(log.errors.isEmpty, "\(log.errors)")
        return ControlTimeline(events: log.events, gazetteer: Fixture.gazetteer)
    }

    func day(_ s: String) -> Day { try! Day.parse(s) }

    @Test func anEventAppliesFromItsDateInclusive() throws {
        let t = try timeline(["2019-04-03|Tarhuna||lna|hold|a||confirmed", "2020-06-05|Tarhuna|lna|gna|capture|b||confirmed"])
        let tarhuna = Fixture.gazetteer.place(id: "tarhuna")!
        #expect(t.placeState(tarhuna, on: day("2020-06-04")).control == .faction("lna"))
        #expect(t.placeState(tarhuna, on: day("2020-06-05")).control == .faction("gna"))
        #expect(t.placeState(tarhuna, on: day("2019-04-02")).control == .unknown)
        #expect(t.placeState(tarhuna, on: day("2019-04-02")).since == nil)
    }

    @Test func tiesAreResolvedInFileOrder() throws {
        // Unvalidated on purpose: two changes on one day, the later row wins.
        let events = [("lna", 2), ("gna", 3)].map { to, line in
            ControlEvent(location: FrontlineCore.SourceLocation(file: "e", line: line), date: day("2020-01-06"), precision: .day,
                         placeID: "sirte", placeName: "Sirte", from: nil, to: .faction(to), action: .capture,
                         status: .confirmed, source: "s", note: "")
        }
        let t = ControlTimeline(events: events, gazetteer: Fixture.gazetteer)
        #expect(t.state(at: day("2020-01-06")).state(of: "sirte")?.control == .faction("gna"))
        let reversed = ControlTimeline(events: events.reversed(), gazetteer: Fixture.gazetteer)
        #expect(reversed.state(at: day("2020-01-06")).state(of: "sirte")?.control == .faction("lna"))
    }

    @Test func aConfirmingHoldDoesNotMoveSince() throws {
        let t = try timeline([
            "2019-04-03|Watiya||lna|hold|a||confirmed",
            "2020-05-18|Watiya|lna|gna|capture|Al Jazeera||confirmed",
            "2020-05-25|Watiya|gna|gna|hold|later||confirmed",
        ])
        let s = t.state(at: day("2020-06-01")).state(of: "watiya")!
        #expect(s.control == .faction("gna"))
        #expect(s.since == day("2020-05-18"))
        #expect(s.event?.source == "Al Jazeera")
        #expect(t.lastEvent(of: "watiya", on: day("2020-06-01"))?.source == "later")
    }

    @Test func changesListPlacesThatDifferWithTheirEvent() throws {
        let t = try timeline([
            "2019-04-03|Tarhuna||lna|hold|a||confirmed",
            "2019-04-03|Sirte||gna|hold|a||confirmed",
            "2020-06-05|Tarhuna|lna|gna|capture|Reuters||confirmed",
        ])
        let changes = t.changes(from: day("2020-06-01"), to: day("2020-06-06"))
        #expect(changes.map(\.place.id) == ["tarhuna"])
        #expect(changes.first?.before == .faction("lna"))
        #expect(changes.first?.after == .faction("gna"))
        #expect(changes.first?.event?.source == "Reuters")
        #expect(t.changes(from: day("2020-06-06"), to: day("2020-06-07")).isEmpty)
        #expect(t.firstDay == day("2019-04-03"))
        #expect(t.lastDay == day("2020-06-05"))
    }

    @Test func historyIsInDateOrder() throws {
        let t = try timeline([
            "2020-06-05|Tarhuna|lna|gna|capture|b||confirmed",
            "2019-04-03|Tarhuna||lna|hold|a||confirmed",
        ])
        #expect(t.history(of: "tarhuna").map(\.source) == ["a", "b"])
        #expect(t.history(of: "nowhere").isEmpty)
    }
}
