/// A calendar day in the proleptic Gregorian calendar, with no time zone.
///
/// Control events are dated to the day (or, less precisely, to the month), so a
/// day is the unit of time everywhere in frontline. Days compare and subtract as
/// integers through ``ordinal`` (days since 1970-01-01), which keeps the state
/// machine's lookups cheap.
public struct Day: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// Creates a day, or returns nil for an impossible date such as 2020-02-30.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              (1...Day.daysIn(month: month, year: year)).contains(day) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Days since 1970-01-01 (negative before it).
    public var ordinal: Int {
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    /// The day with the given ordinal (days since 1970-01-01).
    public init(ordinal: Int) {
        let z = ordinal + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.year = yoe + era * 400 + (m <= 2 ? 1 : 0)
        self.month = m
        self.day = d
    }

    public func adding(days: Int) -> Day { Day(ordinal: ordinal + days) }

    /// Whole days from `self` to `other` (positive when `other` is later).
    public func days(to other: Day) -> Int { other.ordinal - ordinal }

    public static func < (a: Day, b: Day) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }

    /// ISO 8601 calendar date, `2020-06-05`.
    public var description: String {
        pad(year, to: 4) + "-" + pad(month, to: 2) + "-" + pad(day, to: 2)
    }

    public static func isLeap(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}

/// How precisely a source dates an event.
public enum DatePrecision: String, Sendable, Hashable, CaseIterable {
    case day
    case month
}

/// A parsed ISO 8601 date: a full day, or a month (`2020-06`), which is placed on
/// the first of the month and marked with ``DatePrecision/month``.
public struct DatedDay: Hashable, Sendable {
    public let day: Day
    public let precision: DatePrecision
    public init(day: Day, precision: DatePrecision) {
        self.day = day
        self.precision = precision
    }
}

/// Why a string is not a date.
public enum DayParseError: Error, Equatable, Sendable, CustomStringConvertible {
    case malformed(String)
    case impossible(String)

    public var description: String {
        switch self {
        case .malformed(let s): return "'\(s)' is not a date; write YYYY-MM-DD, for example 2020-06-05"
        case .impossible(let s): return "'\(s)' is not a day of the calendar"
        }
    }
}

extension Day {
    /// Parses `YYYY-MM-DD` strictly (no time, no zone).
    public static func parse(_ text: String) throws(DayParseError) -> Day {
        let dated = try parseDated(text, allowMonth: false)
        return dated.day
    }

    /// Parses `YYYY-MM-DD`, or `YYYY-MM` when `allowMonth` is set.
    public static func parseDated(_ text: String, allowMonth: Bool = true) throws(DayParseError) -> DatedDay {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        func number(_ s: Substring, digits: Int) -> Int? {
            guard s.count == digits, s.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
            return Int(s)
        }
        guard parts.count == 3 || (allowMonth && parts.count == 2),
              let y = number(parts[0], digits: 4),
              let m = number(parts[1], digits: 2) else { throw .malformed(text) }
        if parts.count == 2 {
            guard let day = Day(year: y, month: m, day: 1) else { throw .impossible(text) }
            return DatedDay(day: day, precision: .month)
        }
        guard let d = number(parts[2], digits: 2) else { throw .malformed(text) }
        guard let day = Day(year: y, month: m, day: d) else { throw .impossible(text) }
        return DatedDay(day: day, precision: .day)
    }
}

/// Zero-padded decimal, `pad(5, to: 2)` is `05`.
func pad(_ value: Int, to width: Int) -> String {
    let digits = String(value)
    return String(repeating: "0", count: max(0, width - digits.count)) + digits
}
