import Foundation
import FrontlineCore
import Testing
@testable import Gazetteer

@Suite struct GeoNamesLoaderTests {
    @Test func readsTheDumpLayout() throws {
        let g = try Gazetteer.loadGeoNames(contentsOf: TestData.fixture("LY-sample.txt"), displayPath: "LY-sample.txt")
        // 12 lines; the wadi (H.WAD) has no frontline kind and is left out.
        #expect(g.places.count == 11)
        #expect(g.place(id: "gn2210555") == nil)
        let tripoli = try #require(g.place(id: "gn2210247"))
        #expect(tripoli.kind == .city)
        #expect(tripoli.nameArabic == "طرابلس")
        #expect(tripoli.source == "GeoNames 2210247")
        #expect(tripoli.population == 1_150_989)
        #expect(abs(tripoli.latitude - 32.88743) < 1e-9 && abs(tripoli.longitude - 13.18733) < 1e-9)
        #expect(tripoli.alternateNames.contains("Tarabulus"))
        #expect(g.place(id: "gn6300939")?.kind == .airport)
        #expect(g.place(id: "gn7730462")?.kind == .airbase)
        #expect(g.place(id: "gn2219402")?.kind == .oilfield)
        #expect(g.place(id: "gn2210286")?.kind == .region)
        #expect(g.place(id: "gn2214846")?.kind == .village)   // 600 people
        #expect(g.place(id: "gn2211096")?.kind == .town)      // 10,000 people
        #expect(g.resolve("Bu Njem").match?.place.id == "gn2214846")
        #expect(g.resolve("Abu Nujaym").match?.method == .exact)   // the asciiname is one of its names
    }

    @Test func malformedLinesAreReportedWithTheirLineNumbers() throws {
        let error = try #require(throws: DataError.self) {
            try Gazetteer.loadGeoNames(contentsOf: TestData.fixture("LY-malformed.txt"), displayPath: "LY-malformed.txt")
        }
        let text = error.description
        #expect(error.diagnostics.count == 2)
        #expect(text.contains("LY-malformed.txt:2: latitude: 'north' is not a latitude"))
        #expect(text.contains("LY-malformed.txt:3: 8 tab-separated columns"))
    }

    @Test func aMissingFileIsADataError() {
        #expect(throws: DataError.self) {
            try Gazetteer.loadGeoNames(contentsOf: URL(fileURLWithPath: "/nonexistent/LY.txt"))
        }
    }

    @Test func featureCodesMapToKinds() {
        #expect(GeoNamesLoader.kind(featureClass: "P", code: "PPLC", population: 0) == .city)
        #expect(GeoNamesLoader.kind(featureClass: "P", code: "PPL", population: 250_000) == .city)
        #expect(GeoNamesLoader.kind(featureClass: "P", code: "PPLA2", population: 20_000) == .town)
        #expect(GeoNamesLoader.kind(featureClass: "P", code: "PPLQ", population: 0) == nil)
        #expect(GeoNamesLoader.kind(featureClass: "S", code: "AIRB", population: 0) == .airbase)
        #expect(GeoNamesLoader.kind(featureClass: "S", code: "PRT", population: 0) == .port)
        #expect(GeoNamesLoader.kind(featureClass: "A", code: "ADM2", population: 0) == .district)
        #expect(GeoNamesLoader.kind(featureClass: "H", code: "WAD", population: 0) == nil)
    }
}

@Suite struct MergeTests {
    let merged: Gazetteer = {
        let supplement = (try? Gazetteer.loadGeoNamesPlaces(contentsOf: TestData.fixture("LY-sample.txt"))) ?? []
        return Gazetteer.merged(curated: TestData.libya, supplement: supplement)
    }()

    @Test func curatedRowsWin() {
        // Same normalised name within 10 km: the GeoNames row is the curated place.
        for dropped in ["gn2210221", "gn2210247", "gn6300939", "gn2216885", "gn2211096"] {
            #expect(merged.place(id: dropped) == nil, "\(dropped) should merge into its curated row")
        }
        #expect(merged.resolve("Tarhūnah").match?.place.id == "tarhuna")
        #expect(merged.resolve("Tarhuna").match?.place.id == "tarhuna")
    }

    @Test func newPlacesAreAdded() {
        #expect(merged.places.count > TestData.libya.places.count)
        #expect(merged.resolve("Bu Njem").match?.place.id == "gn2214846")
        #expect(merged.resolve("Qaryat al Jadidah").match?.place.id == "gn2219980")
    }

    @Test func aNamesakeFarAwayIsAnotherPlace() {
        // GeoNames' Suq al Khamis in the Jabal is not either curated one.
        #expect(merged.place(id: "gn2215636") != nil)
        let r = merged.resolve("Suq al-Khamis", options: ResolveOptions(limit: 5))
        #expect(r.alternatives.count == 2)
    }
}
