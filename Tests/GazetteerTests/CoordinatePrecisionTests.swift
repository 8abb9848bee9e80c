import Testing
@testable import Gazetteer

@Suite struct CoordinatePrecisionTests {
    @Test func recordsAreExact() {
        #expect(CoordinatePrecision.approximateKilometers(source: "osm:node/1565509495") == nil)
        #expect(CoordinatePrecision.approximateKilometers(source: "dafif:HLLT") == nil)
    }

    @Test func approximateSourcesStateTheirKilometres() {
        #expect(CoordinatePrecision.approximateKilometers(source: "approx. 3 km: junction on the airport road") == 3)
        #expect(CoordinatePrecision.approximateKilometers(source: "approx. 0.5 km: camp gate") == 0.5)
        // A year is not a precision; the first figure followed by km is.
        #expect(CoordinatePrecision.approximateKilometers(source: "approx. (AFP 2019, 35-40 km south of Tripoli)") == 40)
        #expect(CoordinatePrecision.approximateKilometers(source: "approx. (OSM, Ain Zara centre)")
            == CoordinatePrecision.defaultApproximateKilometers)
    }

    @Test func theApproxMarkIsReadInAnyCase() {
        #expect(CoordinatePrecision.approximateKilometers(source: "Approx. 2 km: the square") == 2)
        #expect(CoordinatePrecision.approximateKilometers(source: "APPROX 4 km") == 4)
        #expect(CoordinatePrecision.approximateKilometers(source: "appro") == nil)
        #expect(CoordinatePrecision.approximateKilometers(source: "") == nil)
        #expect(CoordinatePrecision.approximateKilometers(source: "the approx. 3 km figure") == nil)
    }
}
