import FrontlineCore

/// How precisely a claim is dated.
public enum ClaimDatePrecision: String, Sendable, Hashable {
    /// A day: an explicit date, اليوم, أمس, a weekday.
    case day
    /// Within a week, a month or a year of the date given (قبل أسبوعين, الشهر الماضي).
    case week, month, year
    /// The text dates nothing: the publication day, the latest the event can be.
    case publication
}

/// A date expression of a sentence, resolved against the publication day.
struct DateMention: Sendable {
    let start: Int
    let end: Int
    let day: Day
    let precision: ClaimDatePrecision
    /// Said as "N units ago" (قبل ست سنوات): how far back.
    let agoDays: Int?
}

extension Day {
    /// 0 = Sunday … 6 = Saturday.
    var weekday: Int {
        // 2020-06-07 was a Sunday.
        let sunday = Day(year: 2020, month: 6, day: 7)!.ordinal
        return ((ordinal - sunday) % 7 + 7) % 7
    }
}

enum DateResolver {
    /// Every date expression of a sentence: اليوم / أمس / أول أمس, a weekday
    /// (with الماضي: strictly before), "N days/weeks ago" (قبل، منذ، ago), the
    /// last week or month, and day + month (+ year) in either order, digits in
    /// either script. Each resolved against `published`.
    static func dates(in tokens: [Token], terms: [TermMatch], lexicon: Lexicon, published: Day) -> [DateMention] {
        func classes(_ m: TermMatch) -> [TermClass] { m.entries.map { lexicon.entries[$0].termClass } }
        func value(_ m: TermMatch, _ c: TermClass) -> Int? {
            m.entries.first { lexicon.entries[$0].termClass == c }.flatMap { lexicon.entries[$0].integer }
        }
        func has(_ m: TermMatch, _ c: TermClass) -> Bool { classes(m).contains(c) }
        /// A number written in digits at token `i`.
        func digits(_ i: Int) -> Int? {
            guard i >= 0, i < tokens.count, !tokens[i].isBreak else { return nil }
            let k = tokens[i].keys[0]
            guard !k.isEmpty, k.unicodeScalars.allSatisfy({ $0.value >= 0x30 && $0.value <= 0x39 }), k.count <= 4 else { return nil }
            return Int(k)
        }
        let byStart = Dictionary(terms.map { ($0.start, $0) }, uniquingKeysWith: { a, _ in a })
        func term(at i: Int) -> TermMatch? { byStart[i] }
        func count(at i: Int) -> (Int, Int)? {   // a number (digits or a number word) and where it ends
            if let n = digits(i) { return (n, i + 1) }
            if let t = term(at: i), let n = value(t, .number) { return (n, t.end) }
            return nil
        }
        /// A unit after a count, or a unit that counts itself (يومين): days and the end.
        func span(at i: Int, count n: Int?) -> (days: Int, unit: Int, end: Int)? {
            guard let t = term(at: i) else { return nil }
            if let fixed = value(t, .unitFixed), n == nil { return (fixed, fixed / 2, t.end) }
            if let unit = value(t, .unit) { return ((n ?? 1) * unit, unit, t.end) }
            return nil
        }
        func precision(unit: Int) -> ClaimDatePrecision {
            unit <= 1 ? .day : unit <= 7 ? .week : unit <= 31 ? .month : .year
        }
        var result: [DateMention] = []
        var i = 0
        while i < tokens.count {
            defer { i += 1 }
            if let t = term(at: i) {
                if let offset = value(t, .dayOffset) {
                    var end = t.end
                    if let w = term(at: end), has(w, .weekday) { end = w.end }   // أول أمس الاثنين
                    result.append(DateMention(start: i, end: end, day: published.adding(days: offset), precision: .day, agoDays: nil))
                    i = end - 1
                    continue
                }
                if let w = value(t, .weekday) {
                    var back = (published.weekday - w + 7) % 7
                    var end = t.end
                    if let l = term(at: end), has(l, .last) { back = back == 0 ? 7 : back; end = l.end }
                    else if let n = term(at: end), has(n, .next) { back = -((w - published.weekday + 7) % 7); end = n.end }
                    result.append(DateMention(start: i, end: end, day: published.adding(days: -back), precision: .day, agoDays: nil))
                    i = end - 1
                    continue
                }
                if has(t, .ago) {   // قبل ثلاثة أيام، منذ أسبوعين
                    if let (n, after) = count(at: t.end), let s = span(at: after, count: n) {
                        result.append(DateMention(start: i, end: s.end, day: published.adding(days: -s.days), precision: precision(unit: s.unit), agoDays: s.days))
                        i = s.end - 1
                        continue
                    }
                    if let s = span(at: t.end, count: nil) {
                        result.append(DateMention(start: i, end: s.end, day: published.adding(days: -s.days), precision: precision(unit: s.unit), agoDays: s.days))
                        i = s.end - 1
                        continue
                    }
                }
                // الأسبوع الماضي, last week
                if let unit = value(t, .unit), let l = term(at: t.end), has(l, .last) {
                    result.append(DateMention(start: i, end: l.end, day: published.adding(days: -unit), precision: precision(unit: unit), agoDays: nil))
                    i = l.end - 1
                    continue
                }
                if let l = value(t, .unit).flatMap({ _ in Optional(t) }), i > 0, let before = term(at: i - 1), has(before, .last) {
                    let unit = value(l, .unit)!
                    result.append(DateMention(start: i - 1, end: l.end, day: published.adding(days: -unit), precision: precision(unit: unit), agoDays: nil))
                    continue
                }
                // June 5 [, 2020]
                if let month = value(t, .month), let d = digits(t.end), (1...31).contains(d) {
                    var end = t.end + 1
                    var year: Int? = nil
                    if let y = digits(end), y > 1900 { year = y; end += 1 }
                    else if end < tokens.count, tokens[end].isBreak, let y = digits(end + 1), y > 1900 { year = y; end += 2 }
                    if let day = explicit(day: d, month: month, year: year, published: published) {
                        result.append(DateMention(start: i, end: end, day: day, precision: .day, agoDays: nil))
                        i = end - 1
                    }
                    continue
                }
            }
            // 5 يونيو/حزيران 2020, 5 June 2020; N days ago
            if let (n, after) = count(at: i) {
                if let m = term(at: after), let month = value(m, .month), digits(i) != nil, (1...31).contains(n) {
                    var end = m.end
                    // A second name of the month after a slash (يونيو/حزيران) is not a token.
                    if let m2 = term(at: end), value(m2, .month) == month { end = m2.end }
                    var year: Int? = nil
                    if let y = digits(end), y > 1900 { year = y; end += 1 }
                    if let day = explicit(day: n, month: month, year: year, published: published) {
                        result.append(DateMention(start: i, end: end, day: day, precision: .day, agoDays: nil))
                        i = end - 1
                    }
                    continue
                }
                if let s = span(at: after, count: n), let ago = term(at: s.end), has(ago, .ago) {
                    result.append(DateMention(start: i, end: ago.end, day: published.adding(days: -s.days), precision: precision(unit: s.unit), agoDays: s.days))
                    i = ago.end - 1
                    continue
                }
            }
            if let s = span(at: i, count: nil), let ago = term(at: s.end), has(ago, .ago), tokens[i].isLatin {
                result.append(DateMention(start: i, end: ago.end, day: published.adding(days: -s.days), precision: precision(unit: s.unit), agoDays: s.days))
                i = ago.end - 1
            }
        }
        return result
    }

    /// Day and month with the year given or implied: the latest such day not
    /// after the publication (an article of January speaks of last December).
    static func explicit(day: Int, month: Int, year: Int?, published: Day) -> Day? {
        if let year { return Day(year: year, month: month, day: day) }
        if let d = Day(year: published.year, month: month, day: day), d <= published.adding(days: 1) { return d }
        return Day(year: published.year - 1, month: month, day: day)
    }
}
