import Foundation
import FrontlineCore
import Gazetteer
import Timeline

/// A small timeline for frame tests: three places, a few changes in June 2020.
enum AnimationFixture {
    static func place(_ id: String, _ lat: Double, _ lon: Double) -> Place {
        Place(id: id, name: id.capitalized, nameArabic: "", alternateNames: [], location: GeoPoint(latitude: lat, longitude: lon),
              kind: .town, admin1: "", source: "test")
    }

    static func event(_ date: String, _ id: String, _ to: Control, line: Int, action: EventAction = .capture) -> ControlEvent {
        ControlEvent(location: SourceLocation(file: "events.tsv", line: line), date: try! Day.parse(date), precision: .day,
                     placeID: id, placeName: id, from: nil, to: to, action: action, status: .confirmed, source: "test", note: "")
    }

    static let timeline: ControlTimeline = {
        let places = [place("tarhuna", 32.43, 13.63), place("gharyan", 32.17, 13.02), place("sirte", 31.2, 16.59)]
        let events = [
            event("2020-06-01", "tarhuna", .faction("lna"), line: 2, action: .hold),
            event("2020-06-01", "gharyan", .faction("gna"), line: 3, action: .hold),
            event("2020-06-01", "sirte", .faction("lna"), line: 4, action: .hold),
            event("2020-06-03", "tarhuna", .contested(["gna", "lna"]), line: 5, action: .contest),
            event("2020-06-05", "tarhuna", .faction("gna"), line: 6),
            // A hold that changes nothing: not an event day for `--step event`.
            event("2020-06-07", "sirte", .faction("lna"), line: 7, action: .hold),
            event("2020-06-09", "sirte", .faction("gna"), line: 8),
        ]
        return ControlTimeline(events: events, gazetteer: Gazetteer(places: places))
    }()

    static func day(_ s: String) -> Day { try! Day.parse(s) }
}
