import Foundation
import FrontlineCore
import Gazetteer
import Geo
@testable import Render
import Testing
import Timeline

/// The rules that keep a map from saying more than the data: claimed against
/// confirmed, approximate positions, colours of rings, front and date, and a
/// legend that names every mark on the map.
@Suite struct HonestMapTests {
    static let day = Day(year: 2020, month: 5, day: 25)!

    /// Fixture state with Tarhuna held on a claim and Gharyan's position approximate.
    static func state(claimed: Bool) -> ControlState {
        let base = Fixture.state(day)
        return ControlState(date: day, places: base.places.map { s in
            var place = s.place
            if place.id == "gharyan" {
                place = Place(id: place.id, name: place.name, nameArabic: place.nameArabic, alternateNames: [], location: place.location,
                              kind: place.kind, admin1: "", source: "approx. 8 km: test", population: place.population)
            }
            guard s.place.id == "tarhuna" else { return PlaceState(place: place, control: s.control, since: nil, event: nil) }
            let event = ControlEvent(location: SourceLocation(file: "test", line: 1), date: day, precision: .day, placeID: "tarhuna",
                                     placeName: "Tarhuna", from: nil, to: s.control, action: .hold,
                                     status: claimed ? .claimed : .confirmed, source: "test", note: "")
            return PlaceState(place: place, control: s.control, since: day, event: event)
        })
    }

    static func symbol(_ id: String, in scene: MapScene, at point: ScenePoint) -> SymbolItem? {
        guard case .clip(_, let items)? = scene.overlay.first else { return nil }
        return items.compactMap { item -> SymbolItem? in if case .symbol(let s) = item { return s } else { return nil } }
            .first { abs($0.center.x - point.x) < 0.01 && abs($0.center.y - point.y) < 0.01 }
    }

    @Test func aClaimedPlaceIsDrawnHollowAndAConfirmedOneSolid() throws {
        let renderer = try MapRenderer()
        let composer = try Fixture.composer(view: Fixture.westView, renderer: renderer)
        let claimed = try composer.compose(state: Self.state(claimed: true), factions: [Fixture.gna, Fixture.lna])
        let confirmed = try composer.compose(state: Self.state(claimed: false), factions: [Fixture.gna, Fixture.lna])
        // Find Tarhuna's symbol by its position, the same in both scenes.
        let tarhuna = Fixture.places.first { $0.id == "tarhuna" }!
        let point = try #require(try composer.positions(of: [tarhuna])["tarhuna"])
        let a = try #require(Self.symbol("tarhuna", in: claimed, at: point))
        let b = try #require(Self.symbol("tarhuna", in: confirmed, at: point))
        let amber = RGBA(Double(0xf5) / 255, Double(0xb9) / 255, Double(0x42) / 255)
        #expect(b.fills == [amber], "a confirmed place is filled with its holder's colour")
        #expect(a.fills == [RGBA(1, 1, 1)], "a claimed place is hollow")
        #expect(a.stroke.color == amber, "a hollow symbol keeps its holder's colour on its edge")
        #expect(a != b)
        #expect(claimed.legend.contains { $0.key == .claimed })
        #expect(!confirmed.legend.contains { $0.key == .claimed })
    }

    @Test func anApproximatePositionIsCircledAndExplained() throws {
        let renderer = try MapRenderer()
        let composer = try Fixture.composer(view: Fixture.westView, renderer: renderer)
        let scene = try composer.compose(state: Self.state(claimed: false), factions: [Fixture.gna, Fixture.lna])
        #expect(scene.legend.contains { $0.key == .approximate })
        guard case .clip(_, let items)? = scene.overlay.first else { Issue.record("no map layer"); return }
        let gharyan = try #require(try composer.positions(of: Fixture.places)["gharyan"])
        // A dashed closed path centred on Gharyan, and none on exactly-placed Zawiya.
        func circled(_ c: ScenePoint) -> Bool {
            items.contains { item in
                guard case .path(let p) = item, p.closed, p.fill == nil, let s = p.stroke, !s.dash.isEmpty, let ring = p.subpaths.first,
                      ring.count > 8 else { return false }
                let cx = ring.dropLast().map(\.x).reduce(0, +) / Double(ring.count - 1)
                let cy = ring.dropLast().map(\.y).reduce(0, +) / Double(ring.count - 1)
                return abs(cx - c.x) < 0.5 && abs(cy - c.y) < 0.5
            }
        }
        #expect(circled(gharyan))
        #expect(!circled(try #require(try composer.positions(of: Fixture.places)["zawiya"])))
    }

    /// Ring, front and date differ in greyscale (relative luminance) and in hue.
    @Test func ringFrontAndDateHaveDistinctColours() {
        let colors = MapComposer.changeColours
        func luminance(_ c: RGBA) -> Double {
            func ch(_ v: Double) -> Double { v <= 0.03928 ? v / 12.92 : pow((v + 0.055) / 1.055, 2.4) }
            return 0.2126 * ch(c.red) + 0.7152 * ch(c.green) + 0.0722 * ch(c.blue)
        }
        let l = [colors.ring, colors.front, colors.date].map(luminance)
        for i in 0..<3 { for j in (i + 1)..<3 { #expect(abs(l[i] - l[j]) >= 0.09, "luminance \(l[i]) vs \(l[j])") } }
        #expect(colors.ring != colors.front && colors.front != colors.date && colors.ring != colors.date)
    }

    @Test func theLegendNamesZonesPerFactionNoDataAndTheHatch() throws {
        let renderer = try MapRenderer()
        let composer = try Fixture.composer(view: Fixture.westView, renderer: renderer)
        let state = Fixture.state(Self.day)
        let territory = try composer.territory(for: state, reachMeters: 60_000)
        let scene = try composer.compose(state: state, factions: [Fixture.gna, Fixture.lna], territory: territory)
        let keys = Set(scene.legend.map(\.key))
        #expect(keys.isSuperset(of: [.faction("gna"), .faction("lna"), .contested, .zone, .noData, .dataEdge]))
    }
}
