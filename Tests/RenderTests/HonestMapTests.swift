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

    /// The drawing items of the main map (its clip), groups and clips opened.
    static func mapItems(_ scene: MapScene) -> [SceneItem] {
        func open(_ items: [SceneItem]) -> [SceneItem] {
            items.flatMap { item -> [SceneItem] in
                switch item {
                case .group(_, let inner), .clip(_, let inner): return open(inner)
                default: return [item]
                }
            }
        }
        guard case .clip(_, let items)? = scene.overlay.first else { return [] }
        return open(items)
    }

    static func symbol(_ id: String, in scene: MapScene, at point: ScenePoint) -> SymbolItem? {
        Self.mapItems(scene).compactMap { item -> SymbolItem? in if case .symbol(let s) = item { return s } else { return nil } }
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
        let items = Self.mapItems(scene)
        #expect(!items.isEmpty, "no map layer")
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

    /// On the real record: Sirte fell on 6 January 2020. A map of 10 January
    /// rings it when the window opens on 1 January; the default window (since
    /// the previous change date) does not reach back that far; the log's first
    /// day rings nothing.
    @Test func sirteIsRingedOnTheTenthOfJanuaryWithSinceTheFirst() throws {
        let theatre = try Theatre.load(directory: Fixture.repository.appendingPathComponent("maps/libya"))
        let timeline = theatre.timeline
        let tenth = Day(year: 2020, month: 1, day: 10)!
        let window = timeline.changedPlaces(at: tenth, since: Day(year: 2020, month: 1, day: 1)!)
        #expect(window.ids.contains("sirte"))
        #expect(window.since == Day(year: 2020, month: 1, day: 1)!)
        #expect(!timeline.changedPlaces(at: tenth).ids.contains("sirte"))
        let first = try #require(timeline.firstDay)
        #expect(timeline.changedPlaces(at: first).ids.isEmpty)
        #expect(timeline.changedPlaces(at: first, since: first).ids.isEmpty, "places first reported did not change hands")

        let spec = MapSpec(view: try #require(theatre.settings.view(named: "libya")).box, width: 1200, height: 900)
        let drawer = try MapPipeline(theatre: theatre, spec: spec).makeDrawer()
        let scene = try drawer.scene(at: tenth, changed: window.ids, since: window.since)
        let sirte = try #require(timeline.places.first { $0.id == "sirte" })
        let at = try #require(try drawer.composer.positions(of: [sirte])["sirte"])
        #expect(Self.symbol("sirte", in: scene, at: at)?.ring != nil)
        #expect(scene.legend.contains { $0.key == .changed && $0.text.contains("1 January 2020") })
    }

    /// The libya view shows who held the country: the drawn LNA area covers Sabha's surroundings.
    @Test func theLibyaViewDrawsTheLNAHeldEastAndSouth() throws {
        let theatre = try Theatre.load(directory: Fixture.repository.appendingPathComponent("maps/libya"))
        let spec = MapSpec(view: try #require(theatre.settings.view(named: "libya")).box, width: 1200, height: 900)
        let drawer = try MapPipeline(theatre: theatre, spec: spec).makeDrawer()
        let day = Day(year: 2019, month: 6, day: 30)!
        let overlay = try #require(try drawer.territory(for: theatre.timeline.state(at: day)))
        let drawn = overlay.zones.filter { $0.drawn != nil }
        #expect(drawn.map(\.controller) == [.faction("lna")])
        let scene = try drawer.scene(at: day, changed: [], since: nil)
        #expect(scene.legend.contains { $0.key == .drawnArea })
        #expect(scene.texts.contains { $0.text.hasPrefix("Libya, 2019–2020") }, "the libya view has its own title")
    }

    /// --title, --subtitle and --credit reach the map; each view has its own title; the
    /// footer names outlets, not the event log's path.
    @Test func titlesSubtitleCreditAndOutletsInTheFooter() throws {
        let theatre = try Theatre.load(directory: Fixture.repository.appendingPathComponent("maps/libya"))
        var spec = MapSpec(view: try #require(theatre.settings.view(named: "tripoli")).box, width: 1200, height: 900)
        spec.viewName = "tripoli"
        let day = Day(year: 2020, month: 5, day: 25)!
        let own = try MapPipeline(theatre: theatre, spec: spec).makeDrawer().scene(at: day, changed: [], since: nil)
        #expect(own.texts.contains { $0.text == "The battle for Tripoli, 2019–2020: who holds what" })
        let footer = try #require(own.texts.first { $0.text.hasPrefix("Control:") })
        #expect(footer.text.contains("Al Jazeera") && !footer.text.contains("events.tsv"))
        spec.title = "Tripoli, May 2020"
        spec.subtitle = "Derived from sourced reports"
        spec.credit = "Map: Test Desk"
        let given = try MapPipeline(theatre: theatre, spec: spec).makeDrawer().scene(at: day, changed: [], since: nil)
        #expect(given.texts.contains { $0.text == "Tripoli, May 2020" })
        #expect(given.texts.contains { $0.text == "Derived from sourced reports" })
        #expect(given.texts.contains { $0.text.hasPrefix("Map: Test Desk · Control:") })
    }
}
