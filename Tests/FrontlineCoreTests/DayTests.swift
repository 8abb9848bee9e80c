import Testing
@testable import FrontlineCore

@Suite struct DayTests {
    @Test func parsesAndPrintsISODates() throws {
        let d = try Day.parse("2020-06-05")
        #expect(d.year == 2020 && d.month == 6 && d.day == 5)
        #expect(d.description == "2020-06-05")
    }

    @Test func rejectsImpossibleAndMalformedDates() {
        #expect(throws: DayParseError.impossible("2020-02-30")) { try Day.parse("2020-02-30") }
        #expect(throws: DayParseError.impossible("2019-02-29")) { try Day.parse("2019-02-29") }
        #expect(throws: DayParseError.malformed("2020-6-5")) { try Day.parse("2020-6-5") }
        #expect(throws: DayParseError.malformed("yesterday")) { try Day.parse("yesterday") }
        #expect(throws: DayParseError.malformed("2020-06")) { try Day.parse("2020-06") }
        #expect((try? Day.parse("2020-02-29")) != nil)
    }

    @Test func monthPrecisionDatesLandOnTheFirst() throws {
        let d = try Day.parseDated("2020-06")
        #expect(d.precision == .month)
        #expect(d.day.description == "2020-06-01")
    }

    @Test func ordinalsRoundTripAndCount() throws {
        #expect(Day(year: 1970, month: 1, day: 1)!.ordinal == 0)
        let a = try Day.parse("2019-04-04"), b = try Day.parse("2020-06-05")
        #expect(a.days(to: b) == 428)
        for n in stride(from: -800_000, through: 800_000, by: 997) {
            #expect(Day(ordinal: n).ordinal == n)
        }
        #expect(a.adding(days: 428) == b)
        #expect(a < b)
    }
}
