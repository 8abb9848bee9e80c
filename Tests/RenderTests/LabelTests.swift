import Foundation
import FrontlineCore
import Gazetteer
import Render
import Testing
import Timeline

/// Label placement on the real data, when the checkout has it: every place of
/// the gazetteer (denser than any map) for overlaps, the places of the event
/// log (what the map shows) for the Tripoli districts.
@Suite struct LabelTests {
    static func realPlaces() throws -> [Place] {
        let file = Fixture.repository.appendingPathComponent("gazetteer/libya.tsv")
        try #require(FileManager.default.fileExists(atPath: file.path), "the real gazetteer is not in this checkout")
        return try Gazetteer.load(contentsOf: file).places
    }

    static func eventLogPlaces() throws -> [Place] {
        let gazetteer = Gazetteer(places: try realPlaces())
        let events = try TSVTable(contentsOf: Fixture.repository.appendingPathComponent("maps/libya/events.tsv"), required: ["place"])
        let ids = Set(events.rows.compactMap { gazetteer.resolve($0["place"]).match?.place.id ?? gazetteer.place(id: $0["place"])?.id })
        return gazetteer.places.filter { ids.contains($0.id) }
    }

    static func scene(view: GeoBox, language: MapLanguage, places: [Place], renderer: MapRenderer) throws -> MapScene {
        let state = ControlState(date: Day(year: 2020, month: 6, day: 5)!, places: places.sorted { $0.id < $1.id }.map {
            PlaceState(place: $0, control: .faction("gna"), since: nil, event: nil)
        })
        return try Fixture.composer(view: view, width: 1600, height: 1200, language: language, renderer: renderer)
            .compose(state: state, factions: [Fixture.gna, Fixture.lna])
    }

    @Test(arguments: [("west", Fixture.westView), ("tripoli", Fixture.tripoliView), ("libya", Fixture.libyaView)])
    func noTwoLabelsOverlap(name: String, view: GeoBox) throws {
        let places = try Self.realPlaces()
        let renderer = try MapRenderer()
        for language in MapLanguage.allCases {
            let scene = try Self.scene(view: view, language: language, places: places, renderer: renderer)
            #expect(scene.labels.count > 10, "\(name) \(language): only \(scene.labels.count) labels")
            for (i, a) in scene.labels.enumerated() {
                for b in scene.labels[(i + 1)...] {
                    #expect(!a.rect.intersects(b.rect), "\(name) \(language): '\(a.text)' overlaps '\(b.text)'")
                }
                #expect(a.rect.x >= 0 && a.rect.maxX <= 1600 && a.rect.y >= 0 && a.rect.maxY <= 1200, "\(a.text) leaves the canvas")
            }
        }
    }

    @Test(arguments: MapLanguage.allCases)
    func frontDistrictsOfTripoliAreLabelled(language: MapLanguage) throws {
        let places = try Self.eventLogPlaces()
        let renderer = try MapRenderer()
        let scene = try Self.scene(view: Fixture.tripoliView, language: language, places: places, renderer: renderer)
        let labelled = Set(scene.labels.map(\.placeID))
        let front = ["Ain Zara", "Qasr bin Ghashir", "Wadi al-Rabi", "Salah al-Din", "Khallat al-Furjan", "Espiaa",
                     "Suq al-Khamis Imsihil", "Tripoli International Airport"]
        for name in front {
            guard let place = places.first(where: { $0.name == name }) else {
                Issue.record("\(name) is not in the gazetteer"); continue
            }
            #expect(labelled.contains(place.id), "\(name) has no label on the tripoli view (\(language))")
        }
        #expect(places.contains { $0.name.hasPrefix("Mitiga") && labelled.contains($0.id) }, "Mitiga has no label")
    }

    @Test func aFixedPlanKeepsLabelsInPlace() throws {
        let renderer = try MapRenderer()
        let composer = try Fixture.composer(renderer: renderer)
        let plan = try composer.planLabels(for: Fixture.places)
        let a = try composer.compose(state: Fixture.state(Day(year: 2019, month: 4, day: 10)!), factions: [Fixture.gna, Fixture.lna], labels: plan)
        let b = try composer.compose(state: Fixture.state(Day(year: 2020, month: 6, day: 5)!), factions: [Fixture.gna, Fixture.lna],
                                     changed: ["tarhuna"], labels: plan)
        #expect(a.labels == b.labels)
        #expect(a.baseKey == b.baseKey)
    }

    @Test func legendListsOnlyFactionsOnTheMap() throws {
        let renderer = try MapRenderer()
        let local = Faction(id: "local", name: "Local forces", nameArabic: "قوات محلية", color: RGBColor(hex: "#7f9a7a")!, short: "Local")
        let scene = try Fixture.composer(renderer: renderer)
            .compose(state: Fixture.state(Day(year: 2020, month: 5, day: 25)!), factions: [Fixture.gna, Fixture.lna, local], changed: ["tarhuna"])
        let keys = scene.legend.map(\.key)
        #expect(keys.contains(.faction("gna")) && keys.contains(.faction("lna")))
        #expect(!keys.contains(.faction("local")))
        #expect(keys.contains(.contested) && keys.contains(.changed))
    }

    @Test func arabicDatesUseArabicMonthsAndDigits() {
        let day = Day(year: 2020, month: 6, day: 5)!
        #expect(MapComposer.dateText(day, language: .en) == "5 June 2020")
        #expect(MapComposer.dateText(day, language: .ar) == "٥ يونيو ٢٠٢٠")
    }
}

@Suite struct TerritoryLayerTests {
    @Test func zonesAndFrontAreDrawnUnderThePlacesAndNamedInTheLegend() throws {
        let renderer = try MapRenderer()
        let composer = try Fixture.composer(view: Fixture.westView, renderer: renderer)
        let state = Fixture.state(Day(year: 2020, month: 5, day: 25)!)
        let territory = try composer.territory(for: state, reachMeters: 60_000)
        #expect(!territory.zones.isEmpty)
        #expect(!territory.fronts.isEmpty, "GNA and LNA places side by side must give a front")
        let scene = try composer.compose(state: state, factions: [Fixture.gna, Fixture.lna], territory: territory)
        let keys = scene.legend.map(\.key)
        #expect(keys.contains(.zone) && keys.contains(.front))
        guard case .clip(_, let layers)? = scene.overlay.first else { Issue.record("no map layer"); return }
        func index(_ name: String) -> Int? { layers.firstIndex { $0 == layers.first { if case .group(.layer(name), _) = $0 { return true } else { return false } } } }
        guard let zones = index("zones"), let places = index("places"), case .group(_, let zoneItems) = layers[zones] else {
            Issue.record("no zones or places layer"); return
        }
        let hatched = zones < places && zoneItems.contains { item in
            if case .path(let p) = item, case .hatch? = p.fill { return true } else { return false }
        }
        #expect(hatched, "contested ground (Ain Zara, Wadi al-Rabi) must be hatched, under the symbols")
        _ = try renderer.png(scene)
        _ = try renderer.svg(scene)
    }

    /// A front far outside the view (Sirte, seen from Tripoli) must not put
    /// "Front line" in the legend: a reader would look for it in vain.
    @Test func theLegendNamesTheFrontOnlyWhenItIsInView() throws {
        let renderer = try MapRenderer()
        let composer = try Fixture.composer(view: Fixture.tripoliView, renderer: renderer)
        let base = Fixture.state(Day(year: 2020, month: 6, day: 5)!)
        let state = ControlState(date: base.date, places: base.places.map { s in
            PlaceState(place: s.place, control: .faction(s.place.id == "sirte" ? "lna" : "gna"), since: nil, event: nil)
        })
        // 150 km: Misrata's and Sirte's zones meet (they are 230 km apart).
        let territory = try composer.territory(for: state, reachMeters: 150_000)
        // 230 km apart, the front between them is far from both: sparse, but a front.
        #expect(!(territory.fronts + territory.sparseFronts).isEmpty, "Misrata and Sirte are on opposite sides: there is a front, east of the view")
        let keys = try composer.compose(state: state, factions: [Fixture.gna, Fixture.lna], territory: territory).legend.map(\.key)
        #expect(keys.contains(.zone))
        #expect(!keys.contains(.front) && !keys.contains(.sparseFront))
    }
}
