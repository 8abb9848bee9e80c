import FrontlineCore
import Testing
@testable import Gazetteer

/// The OSM place file merged under the curated gazetteer: curated rows win,
/// duplicates are merged into them, and the small villages become known.
@Suite struct OSMMergeTests {
    private func place(_ id: String, _ name: String, _ ar: String, _ lat: Double, _ lon: Double,
                       _ kind: PlaceKind = .village, source: String, alternates: [String] = []) -> Place {
        Place(id: id, name: name, nameArabic: ar, alternateNames: alternates,
              location: GeoPoint(latitude: lat, longitude: lon), kind: kind, admin1: "", source: source)
    }

    private var curated: Gazetteer {
        Gazetteer(places: [
            place("watiya_base", "al-Watiya Air Base", "قاعدة الوطية", 32.4734, 11.8979, .airbase, source: "dafif:HL77", alternates: ["الوطية"]),
            place("watiya", "al-Watiya village", "قرية الوطية", 32.4771, 11.7839, source: "osm:node/1565509506"),
            place("badr", "Badr", "بدر", 32.0608, 11.5425, .town, source: "osm:node/1246799128"),
        ])
    }

    @Test func aNodeTheCuratedRowCitesIsMergedNotDoubled() throws {
        let node = place("osm_1565509506", "Al Watya", "الوطية", 32.4771, 11.7839, source: "osm:node/1565509506")
        let merged = Gazetteer.merged(curated: curated, supplement: [node])
        #expect(merged.places.count == 3)
        let village = try #require(merged.place(id: "watiya"))
        // Its new name is the village's; the bare الوطية stays the air base's, as the curated rows decided.
        #expect(village.alternateNames == ["Al Watya"])
        #expect(merged.resolve("Al Watya").match?.place.id == "watiya")
        #expect(merged.resolve("الوطية").match?.place.id == "watiya_base")
    }

    @Test func aNodeOfTheSameNameNearbyIsMergedOneFarAwayIsKept() {
        let near = place("osm_1", "Badr", "بدر", 32.07, 11.50, source: "osm:node/1")
        let far = place("osm_2", "Badr", "بدر", 30.5, 19.0, source: "osm:node/2")
        let merged = Gazetteer.merged(curated: curated, supplement: [near, far])
        #expect(merged.places.map(\.id) == ["watiya_base", "watiya", "badr", "osm_2"])
        #expect(merged.place(id: "osm_2")?.isSupplement == true)
        #expect(merged.place(id: "badr")?.isSupplement == false)
    }

    @Test func theCuratedPlaceWinsATieAndTheOtherIsReported() throws {
        let far = place("osm_2", "Badr", "بدر", 30.5, 19.0, .town, source: "osm:node/2")
        let merged = Gazetteer.merged(curated: curated, supplement: [far])
        let resolution = merged.resolve("Badr")
        #expect(resolution.match?.place.id == "badr")
        #expect(resolution.match?.score == 1)
        #expect(resolution.alternatives.map(\.place.id) == ["osm_2"])
        #expect(resolution.alternatives.first.map { $0.score < 1 } == true)
    }

    @Test func aSmallVillageOnlyOSMKnowsIsFound() {
        let hamlet = place("osm_3", "Funqul", "فنقل", 25.9252, 14.2726, source: "osm:node/3", alternates: ["Fanaqal"])
        let merged = Gazetteer.merged(curated: curated, supplement: [hamlet])
        for query in ["Funqul", "فنقل", "Fanaqal"] {
            #expect(merged.resolve(query).match?.place.id == "osm_3", "\(query)")
        }
    }

    /// The real files: every OSM place node is known, and the curated rows keep their places.
    @Test func theRealOSMFileMergesUnderTheCuratedOne() throws {
        let osm = try Gazetteer.load(contentsOf: TestData.root.appendingPathComponent("gazetteer/libya-osm.tsv"))
        let merged = Gazetteer.merged(curated: TestData.libya, supplement: osm)
        #expect(osm.places.count > 850)
        // Each node a curated row cites was merged into that row, not added again.
        let cited = Set(TestData.libya.places.compactMap { SourceRecord(source: $0.source)?.description })
        for p in merged.places where p.isSupplement {
            #expect(!cited.contains(p.source), "\(p.id) doubles a curated row")
        }
        #expect(merged.places.count < TestData.libya.places.count + osm.places.count)
        for p in TestData.libya.places {
            #expect(merged.place(id: p.id)?.location == p.location)
        }
    }
}
