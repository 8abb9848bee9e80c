import Foundation
import FrontlineCore
import Gazetteer
import Geo
import Render
import Timeline

/// A small fixed theatre for tests: a dozen real places around Tripoli and
/// Tarhuna, two factions, the Natural Earth basemap from Fixtures. Built in
/// code so goldens do not move when the real event log grows.
enum Fixture {
    static let fixtures = Bundle.module.resourceURL!.appendingPathComponent("Fixtures")
    static let crs = "+proj=lcc +lat_0=26.5 +lon_0=17.5 +lat_1=22 +lat_2=31 +datum=WGS84 +units=m +no_defs"
    static let gna = Faction(id: "gna", name: "Government of National Accord", nameArabic: "حكومة الوفاق الوطني",
                             color: RGBColor(hex: "#1f3f8f")!, short: "GNA")
    static let lna = Faction(id: "lna", name: "Libyan National Army (Haftar)", nameArabic: "قوات حفتر",
                             color: RGBColor(hex: "#f5b942")!, short: "LNA")
    static let tripoliView = GeoBox(west: 12.65, south: 32.25, east: 13.75, north: 33.02)
    static let westView = GeoBox(west: 10.5, south: 29.0, east: 20.0, north: 33.6)
    static let libyaView = GeoBox(west: 9.0, south: 19.0, east: 26.0, north: 34.0)

    static func place(_ id: String, _ name: String, _ ar: String, _ lat: Double, _ lon: Double, _ kind: PlaceKind, _ pop: Int = 0) -> Place {
        Place(id: id, name: name, nameArabic: ar, alternateNames: [], location: GeoPoint(latitude: lat, longitude: lon),
              kind: kind, admin1: "", source: "test", population: pop)
    }

    static let places: [Place] = [
        place("tripoli", "Tripoli", "طرابلس", 32.8872, 13.1913, .city, 1_150_000),
        place("tarhuna", "Tarhuna", "ترهونة", 32.4350, 13.6332, .town),
        place("ain-zara", "Ain Zara", "عين زارة", 32.8060, 13.2300, .district),
        place("qasr-bin-ghashir", "Qasr bin Ghashir", "قصر بن غشير", 32.6870, 13.1760, .town),
        place("tripoli-airport", "Tripoli International Airport", "مطار طرابلس الدولي", 32.6635, 13.1590, .airport),
        place("mitiga", "Mitiga", "معيتيقة", 32.8941, 13.2760, .airport),
        place("salah-al-din", "Salah al-Din", "صلاح الدين", 32.8150, 13.1900, .district),
        place("wadi-al-rabi", "Wadi al-Rabi", "وادي الربيع", 32.7600, 13.2900, .district),
        place("gharyan", "Gharyan", "غريان", 32.1722, 13.0203, .city, 85_000),
        place("zawiya", "Zawiya", "الزاوية", 32.7571, 12.7276, .city, 200_000),
        place("aziziya", "al-Aziziya", "العزيزية", 32.5308, 13.0175, .town),
        place("misrata", "Misrata", "مصراتة", 32.3754, 15.0925, .city, 400_000),
        place("sirte", "Sirte", "سرت", 31.2089, 16.5887, .city, 80_000),
        place("watiya", "al-Watiya Air Base", "قاعدة الوطية", 32.4747, 11.8978, .airbase),
    ]

    static func state(_ date: Day) -> ControlState {
        let lnaHeld: Set<String> = ["tarhuna", "sirte", "qasr-bin-ghashir", "tripoli-airport"]
        let contested: Set<String> = ["ain-zara", "wadi-al-rabi"]
        return ControlState(date: date, places: places.sorted { $0.id < $1.id }.map { p in
            let control: Control = lnaHeld.contains(p.id) ? .faction("lna") : contested.contains(p.id) ? .contested(["gna", "lna"]) : .faction("gna")
            return PlaceState(place: p, control: control, since: nil, event: nil)
        })
    }

    /// Natural Earth and, unless `detail` is false, the close-up coast layer (GSHHG).
    static func basemap(detail: Bool = true) throws -> Basemap {
        let dir = fixtures.appendingPathComponent("basemap")
        func file(_ name: String) -> URL { dir.appendingPathComponent(name + ".geojson") }
        return try Basemap.load(BasemapFiles(countries: file("countries"), coast: file("coast"), borders: file("borders"),
                                             detailLand: detail ? file("detail-land") : nil,
                                             detailCoast: detail ? file("detail-coast") : nil,
                                             detailBorders: detail ? file("detail-borders") : nil))
    }

    static let caption = MapCaption(title: "Western Libya, 2019–2020: who holds what", titleArabic: "غرب ليبيا ٢٠١٩–٢٠٢٠: من يسيطر على ماذا",
                                    basemapCredit: "Natural Earth 1:10m (public domain)")

    static func composer(view: GeoBox = tripoliView, width: Int = 800, height: Int = 600, scale: Double = 1,
                         language: MapLanguage = .en, detail: Bool = true, renderer: MapRenderer) throws -> MapComposer {
        try MapComposer(projector: try Projection(crs: crs), basemap: try basemap(detail: detail), view: view, overview: libyaView,
                        homeCountry: "LBY", width: width, height: height, scale: scale, language: language,
                        caption: caption, measurer: renderer)
    }

    static func scene(view: GeoBox = tripoliView, width: Int = 800, height: Int = 600, scale: Double = 1,
                      language: MapLanguage = .en, renderer: MapRenderer) throws -> MapScene {
        try composer(view: view, width: width, height: height, scale: scale, language: language, renderer: renderer)
            .compose(state: state(Day(year: 2020, month: 5, day: 25)!), factions: [gna, lna], changed: ["tarhuna"],
                     changedSince: Day(year: 2020, month: 5, day: 20)!)
    }

    /// The checkout's root, for tests that read the real theatre when it is there.
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
}
