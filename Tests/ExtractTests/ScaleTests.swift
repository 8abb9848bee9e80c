import Foundation
import Testing
import FrontlineCore
import Gazetteer
import Timeline
@testable import Extract

/// Matching with a village gazetteer the size of OSM's (1,500 more places, many named after
/// ordinary words): villages and common-word names need a cue, cities do not.
@Suite struct ScaleTests {
    static let extractor: Extractor = {
        let words = ["النور", "السلام", "الخير", "الأمل", "البركة", "الوحدة", "الفتح", "الشهداء", "الحرية", "النصر",
                     "الجديدة", "القديمة", "الكبيرة", "الصغيرة", "الشرقية", "الغربية", "الرملة", "العين", "البئر", "الوادي"]
        var places = Libya.theatre.gazetteer.places
        for i in 0..<1500 {
            let word = words[i % words.count]
            // One-word villages named after common words, and two-word ones.
            let ar = i < words.count ? word : "\(word) \(["الجديدة", "القبلية", "البحرية"][i % 3]) \(i)"
            places.append(Place(id: "village_\(i)", name: "Village \(i)", nameArabic: ar, alternateNames: [],
                                location: GeoPoint(latitude: 31 + Double(i % 100) / 100, longitude: 12 + Double(i / 100) / 10),
                                kind: .village, admin1: "", source: "test"))
        }
        return Extractor(gazetteer: Gazetteer(places: places), lexicon: Libya.lexicon)
    }()

    func names(_ text: String) -> [String] { Self.extractor.places(in: text).map(\.id) }

    @Test func villagesNamedAfterWordsNeedACue() {
        #expect(names("وقال إن النور والسلام سيعمان البلاد، وإن الخير قادم.") == [])
        #expect(names("ودخلت القوات قرية النور.") == ["village_0"])
        #expect(names("ووصلت التعزيزات إلى \"الخير\".") == ["village_2"])
    }

    @Test func citiesStillNeedNone() {
        #expect(names("طرابلس وترهونة وغريان ومصراتة وبني وليد") == ["tripoli", "tarhuna", "gharyan", "misrata", "bani_walid"])
    }

    @Test func seedsReadTheSameWithTheBigGazetteer() throws {
        for a in try Fixture.rows("articles.tsv") where a["set"] == "seeds" {
            let text = try String(contentsOf: Fixture.folder.appendingPathComponent(a["article"]!), encoding: .utf8)
            let day = try Day.parse(a["date"]!)
            let small = Libya.extractor.claims(in: text, article: "a", published: day).map { "\($0.place.id)=\($0.controllerAfter)" }
            let big = Self.extractor.claims(in: text, article: "a", published: day).map { "\($0.place.id)=\($0.controllerAfter)" }
            #expect(small == big, "\(a["article"]!)")
        }
    }
}
