import Foundation
import FrontlineCore
import Render
import Timeline

/// The report's own words, in English or Arabic (`--lang ar`; `both` reads
/// English with every place named in both scripts).
struct ReportText {
    let arabic: Bool

    init(_ language: MapLanguage) { arabic = language == .ar }

    private func t(_ en: String, _ ar: String) -> String { arabic ? ar : en }

    /// A date for running text. In Arabic it sits in a left-to-right isolate
    /// (LRI … PDI), so 2020-06-05 keeps its order inside a right-to-left line.
    func day(_ d: Day) -> String { arabic ? "\u{2066}\(d)\u{2069}" : "\(d)" }

    /// Figures in a left-to-right isolate on an Arabic page (a sign or a
    /// thousands comma would otherwise move).
    func isolated(_ s: String) -> String { arabic ? "\u{2066}\(s)\u{2069}" : s }

    /// The separator of a list of names.
    var comma: String { arabic ? "، " : ", " }

    var summary: String { t("Summary", "الملخص") }
    var chart: String { t("Ground held", "المساحة المسيطر عليها") }
    var maps: String { t("Maps", "الخرائط") }
    var events: String { t("Events", "الأحداث") }
    var method: String { t("Method and caveats", "المنهجية والتحفظات") }
    var credits: String { t("Data credits", "مصادر البيانات") }
    var contents: String { t("Contents", "المحتويات") }
    var side: String { t("Side", "الطرف") }
    var gained: String { t("Places gained", "أماكن كسبها") }
    var lost: String { t("Places lost", "أماكن خسرها") }
    var contested: String { t("Contested", "متنازع عليها") }
    var none: String { t("none", "لا شيء") }
    var date: String { t("Date", "التاريخ") }
    var place: String { t("Place", "المكان") }
    var change: String { t("Before → after", "قبل ← بعد") }
    var action: String { t("Action", "الإجراء") }
    var status: String { t("Status", "الحالة") }
    var source: String { t("Source", "المصدر") }
    var quote: String { t("Quoted sentence", "الجملة المقتبسة") }
    var map: String { t("Map", "الخريطة") }
    var noChange: String { t("the situation on the first day of the range", "الوضع في اليوم الأول من الفترة") }
    var eventsOnMap: String { t("Events shown", "الأحداث المعروضة") }
    var noEvents: String { t("No event is dated in this map's window.", "لا حدث مؤرخ في فترة هذه الخريطة.") }
    var km2: String { t("km²", "كم²") }

    func areaHeading(_ day: Day) -> String { t("Zone area \(self.day(day))", "مساحة المنطقة \(self.day(day))") }
    var areaChange: String { t("Change", "التغير") }

    func range(_ from: Day, _ to: Day) -> String { t("From \(self.day(from)) to \(self.day(to))", "من \(self.day(from)) إلى \(self.day(to))") }
    func generated(_ day: Day, events: String) -> String {
        t("Generated from the event log (\(events)), whose last event is dated \(self.day(day)).",
          "أُعدّ من سجل الأحداث (\(events)) الذي يعود آخر حدث فيه إلى \(self.day(day)).")
    }
    func eventCounts(_ s: ReportSummary) -> String {
        t("\(s.eventCount) events in the range: \(s.confirmedCount) confirmed, \(s.claimedCount) claimed by one side only.",
          "\(s.eventCount) حدثاً في الفترة: \(s.confirmedCount) مؤكداً و\(s.claimedCount) يدّعيه طرف واحد فقط.")
    }
    func contestedAtEnd(_ day: Day) -> String { t("Still contested on \(self.day(day))", "ما زالت متنازعاً عليها في \(self.day(day))") }
    func contestedArea(_ from: String, _ to: String) -> String {
        t("Contested zones: \(from) km² → \(to) km².", "المناطق المتنازع عليها: \(isolated(from)) كم² ← \(isolated(to)) كم².")
    }
    var chartCaption: String {
        t("Derived zone area per side (km²) on each day control changed; dashed lines mark the change dates.",
          "مساحة المناطق المشتقة لكل طرف (كم²) في كل يوم تغيرت فيه السيطرة؛ الخطوط المتقطعة تشير إلى تواريخ التغيير.")
    }
    func mapTitle(_ m: ReportMap, weekly: Bool) -> String {
        if m.previousDate == nil { return t("\(self.day(m.date)): the start of the range", "\(self.day(m.date)): بداية الفترة") }
        if weekly, let p = m.previousDate {
            return t("\(self.day(m.date)): changes since \(self.day(p))", "\(self.day(m.date)): التغييرات منذ \(self.day(p))")
        }
        return t("\(self.day(m.date)): changes that day", "\(self.day(m.date)): تغييرات ذلك اليوم")
    }
    func actionName(_ a: EventAction) -> String {
        switch a {
        case .capture: return t("capture", "سيطرة")
        case .withdraw: return t("withdraw", "انسحاب")
        case .contest: return t("contest", "قتال")
        case .hold: return t("hold", "ثبات")
        }
    }
    func statusName(_ s: EventStatus) -> String {
        switch s {
        case .confirmed: return t("confirmed", "مؤكد")
        case .claimed: return t("claimed", "ادعاء")
        }
    }
    func precisionNote(_ p: DatePrecision) -> String {
        p == .month ? t("month only", "الشهر فقط") : t("day", "يوم")
    }
    /// A control in words: a side's short name, `contested (GNA, LNA)`, `unknown`.
    func control(_ c: Control?, factions: [Faction]) -> String {
        guard let c else { return "–" }
        func name(_ id: String) -> String {
            guard let f = factions.first(where: { $0.id == id }) else { return id }
            return arabic ? f.nameArabic : f.short
        }
        switch c {
        case .faction(let id): return name(id)
        case .contested(let ids): return t("contested", "متنازع عليه") + (ids.isEmpty ? "" : " (" + ids.map(name).joined(separator: comma) + ")")
        case .unknown: return t("unknown", "غير معروف")
        }
    }
    /// `LNA → GNA`; on an Arabic page the arrow points the way the line reads.
    func transition(_ before: Control?, _ after: Control, factions: [Faction]) -> String {
        "\(control(before, factions: factions)) \(arabic ? "←" : "→") \(control(after, factions: factions))"
    }
    func sideName(_ id: String, factions: [Faction]) -> String {
        if id == AreaChart.contested { return contested }
        guard let f = factions.first(where: { $0.id == id }) else { return id }
        return arabic ? f.nameArabic : "\(f.name) (\(f.short))"
    }

    /// How the report's figures are made, and what they cannot say.
    func method(reachKilometers: Double, weekly: Bool, approximate: [PlaceName], eventsFile: String, logStart: Day?) -> [String] {
        let reach = String(format: "%.0f", reachKilometers)
        var out = [
            t("Control of each place comes from the event log (\(eventsFile)): every row is dated and cites its source. The state on a day applies every event dated on or before it; events of one day apply in the order of the log.",
              "تأتي السيطرة على كل مكان من سجل الأحداث (\(eventsFile)): كل صف مؤرخ ويذكر مصدره. الوضع في يوم ما هو نتيجة كل الأحداث المؤرخة فيه أو قبله، وأحداث اليوم الواحد تطبق بترتيب السجل."),
            t("A place's control is known from its first event in the log on; before that it is drawn as unknown and holds no zone. The log starts on \(logStart.map { self.day($0) } ?? "–").",
              "تُعرف السيطرة على المكان ابتداءً من أول حدث له في السجل؛ وقبل ذلك يُرسم كمجهول ولا تكون له منطقة. يبدأ السجل في \(logStart.map { self.day($0) } ?? "–")."),
            t("Zones of control are derived, not observed: each place holds the ground nearer to it than to any other place, out to about \(reach) km (farther for cities, less for air bases and oil fields), on the country's land; ground no place reaches is left as no data. Areas are measured on these derived zones over the whole country, not only the maps' view, in an equal-area projection, and are indicative only.",
              "مناطق السيطرة مشتقة وليست مرصودة: يسيطر كل مكان على الأرض الأقرب إليه من أي مكان آخر حتى نحو \(reach) كم (أبعد للمدن وأقل للقواعد الجوية وحقول النفط) على أرض البلد؛ والأرض التي لا يبلغها أي مكان تُترك بلا بيانات. تقاس المساحات على هذه المناطق المشتقة في البلد كله لا في نطاق الخرائط وحده، بإسقاط متساوي المساحة، وهي تقريبية."),
            t("Confirmed: reported by independent sources or conceded by the losing side. Claimed: reported by one side only. Claimed changes are drawn on the maps like confirmed ones and marked in the event table.",
              "مؤكد: أوردته مصادر مستقلة أو أقر به الطرف الخاسر. ادعاء: أورده طرف واحد فقط. ترسم التغييرات المدّعاة على الخرائط كالمؤكدة وتُميّز في جدول الأحداث."),
            weekly
                ? t("There are more change dates than maps allowed, so there is one map per week in which control changed; each map rings the places that changed since the map before it. Each event links to the first map on or after its date.",
                    "تواريخ التغيير أكثر من عدد الخرائط المسموح به، لذا هناك خريطة لكل أسبوع تغيرت فيه السيطرة؛ تحيط كل خريطة بالأماكن التي تغيرت منذ الخريطة السابقة. يرتبط كل حدث بأول خريطة في تاريخه أو بعده.")
                : t("There is a map of the first day and one for each day on which control changed; each rings the places that changed that day. Each event links to the first map on or after its date.",
                    "هناك خريطة لليوم الأول وخريطة لكل يوم تغيرت فيه السيطرة؛ تحيط كل خريطة بالأماكن التي تغيرت في ذلك اليوم. يرتبط كل حدث بأول خريطة في تاريخه أو بعده."),
        ]
        if approximate.isEmpty {
            out.append(t("Every place in this report has a coordinate from a named record.", "لكل مكان في هذا التقرير إحداثيات من سجل مسمى."))
        } else {
            let list = approximate.map { p in
                let km = String(format: "%.0f", p.approximateKilometers ?? 0)
                return arabic ? "\(p.arabic.isEmpty ? p.latin : p.arabic) (\(km) كم)" : "\(p.latin) (\(km) km)"
            }.joined(separator: comma)
            out.append(t("Approximate coordinates (the precision the source states): \(list).",
                         "إحداثيات تقريبية (بالدقة التي يذكرها المصدر): \(list)."))
        }
        return out
    }

    /// The data credits: the basemap's, and those of the records the places' coordinates come from.
    func credits(basemap: String, placeSources: Set<String>) -> [String] {
        var out = [t("Basemap: \(basemap).", "الخريطة الأساسية: \(basemap).")]
        let prefixes = Set(placeSources.compactMap { $0.split(separator: ":").first.map(String.init) })
        if prefixes.contains("osm") {
            out.append(t("Place coordinates from OpenStreetMap: © OpenStreetMap contributors, ODbL 1.0.",
                         "إحداثيات أماكن من OpenStreetMap: © مساهمو OpenStreetMap، رخصة ODbL 1.0."))
        }
        if prefixes.contains("geonames") {
            out.append(t("Place coordinates from GeoNames (CC BY 4.0).", "إحداثيات أماكن من GeoNames (CC BY 4.0)."))
        }
        if prefixes.contains("dafif") {
            out.append(t("Airfield coordinates from DAFIF (US NGA, public domain).", "إحداثيات المطارات من DAFIF (الوكالة الأمريكية NGA، ملكية عامة)."))
        }
        if prefixes.contains("wikipedia") {
            out.append(t("Place coordinates from Wikipedia (CC BY-SA 4.0).", "إحداثيات أماكن من ويكيبيديا (CC BY-SA 4.0)."))
        }
        out.append(t("Events: the sources cited in each row of the event table.", "الأحداث: المصادر المذكورة في كل صف من جدول الأحداث."))
        return out
    }
}

/// `12,345` with the thousands grouped, the same in every locale.
func formatKm2(_ value: Double) -> String {
    let n = Int(value.rounded())
    let digits = String(abs(n))
    var out = ""
    for (i, c) in digits.enumerated() {
        if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
        out.append(c)
    }
    return (n < 0 ? "−" : "") + out
}

/// `+1,234` / `−1,234` / `0`.
func formatSigned(_ value: Double) -> String {
    let n = Int(value.rounded())
    return n > 0 ? "+" + formatKm2(value) : formatKm2(value)
}

/// Whether the text's first strong character is Arabic (or another right-to-left script).
func startsRightToLeft(_ text: String) -> Bool {
    for scalar in text.unicodeScalars {
        let v = scalar.value
        if (0x0590...0x08FF).contains(v) || (0xFB1D...0xFDFF).contains(v) || (0xFE70...0xFEFF).contains(v) { return true }
        if scalar.properties.isAlphabetic { return false }
    }
    return false
}
