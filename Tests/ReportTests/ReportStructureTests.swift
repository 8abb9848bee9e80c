import Foundation
import FrontlineCore
import Render
@testable import Report
import Testing
import Timeline

func htmlEscaped(_ s: String) -> String {
    s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
        .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
}

@Suite struct ReportContentTests {
    @Test func aMapOfTheFirstDayThenOnePerChangeDay() throws {
        let content = try Month.english.get()
        let days = try Month.changeDays()
        #expect(!days.isEmpty)
        #expect(content.maps.map(\.date) == [Month.from] + days)
        #expect(!content.weekly)
        for map in content.maps.dropFirst() {
            #expect(!map.changes.isEmpty, "map \(map.number) of \(map.date) shows no change")
            // Its rings are the places whose control differs from the day before.
            let timeline = try Month.theatre.get().timeline
            #expect(Set(map.changes.map(\.place.id)) == Set(timeline.changes(from: map.date.adding(days: -1), to: map.date).map(\.place.id)))
        }
    }

    @Test func everyEventOfTheRangeIsARowTiedToTheMapThatShowsIt() throws {
        let content = try Month.english.get()
        let events = try Month.eventsInRange()
        #expect(content.events.count == events.count)
        #expect(Set(content.events.map(\.location.line)) == Set(events.map(\.location.line)))
        #expect(content.events.map(\.date) == content.events.map(\.date).sorted())
        for row in content.events {
            let map = content.maps[row.mapNumber - 1]
            let earlier = row.mapNumber >= 2 ? content.maps[row.mapNumber - 2].date : nil
            // The first map on or after the event's day (or the last map, for events after it).
            #expect(map.date >= row.date || row.mapNumber == content.maps.count)
            #expect(earlier.map { $0 < row.date } ?? true)
            #expect(map.eventIndices.contains(row.number - 1))
        }
        #expect(content.maps.flatMap(\.eventIndices).sorted() == Array(content.events.indices))
    }

    @Test func theSummaryAddsUpFromTheStates() throws {
        let content = try Month.english.get()
        let timeline = try Month.theatre.get().timeline
        let a = timeline.state(at: Month.from), b = timeline.state(at: Month.to)
        for side in content.summary.sides {
            let gained = zip(a.places, b.places).filter { $0.control.factionID != side.factionID && $1.control.factionID == side.factionID }
            let lost = zip(a.places, b.places).filter { $0.control.factionID == side.factionID && $1.control.factionID != side.factionID }
            #expect(Set(side.gained.map(\.id)) == Set(gained.map(\.1.place.id)))
            #expect(Set(side.lost.map(\.id)) == Set(lost.map(\.0.place.id)))
            #expect(side.areaFrom >= 0 && side.areaTo >= 0)
        }
        let s = content.summary
        #expect(s.confirmedCount + s.claimedCount == s.eventCount)
        #expect(s.eventCount == content.events.count)
        // Zones cover at most Libya's land (1.76 million km²).
        let total = s.sides.map(\.areaTo).reduce(0, +) + s.contestedAreaTo
        #expect(total > 0 && total < 1_760_000)
        #expect(content.chart.samples.first?.day == Month.from && content.chart.samples.last?.day == Month.to)
    }

    @Test func moreChangeDaysThanMapsGivesWeeklyMaps() throws {
        let days = try Month.changeDays()
        let max = days.count - 1
        let content = try Month.build(try Month.request(maxMaps: max))
        #expect(content.weekly)
        #expect(content.maps.count < days.count + 1)
        #expect(content.maps.first?.date == Month.from)
        for (previous, map) in zip(content.maps, content.maps.dropFirst()) {
            #expect(!map.changes.isEmpty)
            // Week ends from the first day, or the last day of the range.
            #expect(Month.from.days(to: map.date) % 7 == 0 || map.date == Month.to)
            #expect(map.previousDate == previous.date)
        }
        #expect(content.maps.flatMap(\.eventIndices).count == content.events.count)
    }

    @Test func rangesTheLogCannotReportOnAreRefused() throws {
        let timeline = try Month.theatre.get().timeline
        #expect(throws: ReportRangeError.self) { try ReportBuilder.checkRange(from: Month.to, to: Month.from, timeline: timeline) }
        let first = timeline.firstDay!, last = timeline.lastDay!
        #expect(throws: ReportRangeError.self) { try ReportBuilder.checkRange(from: first.adding(days: -30), to: first.adding(days: -1), timeline: timeline) }
        #expect(throws: ReportRangeError.self) { try ReportBuilder.checkRange(from: last.adding(days: 1), to: last.adding(days: 9), timeline: timeline) }
        try ReportBuilder.checkRange(from: first, to: last, timeline: timeline)
    }
}

@Suite struct HTMLReportTests {
    @Test func oneFigurePerMapListingItsEvents() throws {
        let html = try Month.html.get()
        let content = try Month.english.get()
        let figures = values(after: "<figure class=\"map\" id=\"", until: "</figure>", in: html)
        #expect(figures.count == content.maps.count)
        for (map, figure) in zip(content.maps, figures) {
            #expect(figure.hasPrefix("\(map.anchor)\">"))
            #expect(count("\(map.date)", in: String(figure)) > 0)
            for i in map.eventIndices { #expect(count("href=\"#event-\(i + 1)\"", in: String(figure)) == 1) }
        }
    }

    @Test func aRowPerEventWithItsSourceLinkingToItsMap() throws {
        let html = try Month.html.get()
        let content = try Month.english.get()
        let rows = values(after: "<tr id=\"event-", until: "\n", in: html)
        #expect(rows.count == content.events.count)
        for (row, event) in zip(rows, content.events) {
            #expect(withoutTags(row).contains(htmlEscaped(event.source)), "row \(event.number) lacks its source")
            #expect(row.contains("href=\"#map-\(event.mapNumber)\""))
            if let url = event.sourceURL { #expect(row.contains("href=\"\(htmlEscaped(url))\"")) }
        }
    }

    @Test func nothingOutsideTheFileAndEveryInternalReferenceResolves() throws {
        let html = try Month.html.get()
        for marker in ["src=", "<link", "@import", "<script", "url(http", "<iframe", "<object", "<img"] {
            #expect(count(marker, in: html) == 0, "the report loads something: \(marker)")
        }
        let all = ids(in: html)
        #expect(Set(all).count == all.count, "ids repeat: the maps' glyphs would mix")
        let known = Set(all)
        let references = values(after: "href=\"#", until: "\"", in: html) + values(after: "url(#", until: ")", in: html)
        #expect(!references.isEmpty)
        for r in Set(references) { #expect(known.contains(r), "#\(r) points nowhere") }
        // Every other link is a source's URL, for the reader to follow.
        let urls = Set(try Month.english.get().events.compactMap(\.sourceURL).map(htmlEscaped))
        for link in values(after: "href=\"", until: "\"", in: html) where !link.hasPrefix("#") {
            #expect(urls.contains(String(link)), "\(link) is not a source")
        }
    }

    @Test func tarhunaInBothScriptsInTheTable() throws {
        let html = try Month.html.get()
        let tarhuna = try Month.theatre.get().gazetteer.place(id: "tarhuna")!
        let rows = values(after: "<tr id=\"event-", until: "\n", in: html).filter { $0.contains(">\(tarhuna.name)<") }
        #expect(!rows.isEmpty)
        #expect(rows.allSatisfy { $0.contains("<span lang=\"ar\" dir=\"rtl\">\(tarhuna.nameArabic)</span>") })
    }

    @Test func arabicReportsRunRightToLeft() throws {
        let html = String(decoding: try HTMLReport.render(try Month.arabic.get()), as: UTF8.self)
        #expect(count("<html lang=\"ar\" dir=\"rtl\">", in: html) == 1)
        #expect(count("Noto Sans Arabic", in: html) > 0)
        #expect(count("<h2>الأحداث</h2>", in: html) == 1)
    }

    @Test func sameDataSameBytes() throws {
        let again = String(decoding: try HTMLReport.render(try Month.build(try Month.request(.en))), as: UTF8.self)
        #expect(again == (try Month.html.get()))
    }
}

@Suite struct PDFReportTests {
    func write() throws -> URL {
        let url = try temporaryFolder().appendingPathComponent("report.pdf")
        try Month.pdf.get().write(to: url)
        return url
    }

    @Test func pagesOutlineLinksAndMetadata() throws {
        let url = try write()
        let info = try run("/usr/bin/pdfinfo", [url.path])
        #expect(info.status == 0, "\(info.output)")
        let pages = info.output.split(separator: "\n").first { $0.hasPrefix("Pages:") }.flatMap { Int($0.split(separator: " ").last!) } ?? 0
        #expect(pages >= 2)
        let content = try Month.english.get()
        #expect(info.output.contains("Title:           \(content.title)"))
        #expect(info.output.contains("CreationDate:") && info.output.contains("\(content.generated.year)"))
        let raw = String(decoding: try Data(contentsOf: url), as: UTF8.self)
        #expect(count("/Outlines", in: raw) > 0)
        // A bookmark for the title, six sections and every map.
        // Titles are (ASCII) or <FEFF UTF-16>; one of them is the document's own.
        #expect(count("/Title (", in: raw) + count("/Title <", in: raw) - 1 >= 7 + content.maps.count)
        let links = count("/Subtype /Link", in: raw)
        // A link from every row to its map, and from every map's list to each event.
        #expect(links >= 2 * content.events.count)
        let uris = Set(content.events.compactMap(\.sourceURL))
        for u in uris { #expect(count("/URI (\(u))", in: raw) > 0, "no link out to \(u)") }
        let dests = try run("/usr/bin/pdfinfo", ["-dests", url.path])
        for map in content.maps { #expect(dests.output.contains(map.anchor)) }
        #expect(dests.output.contains("event-\(content.events.count)"))
    }

    @Test func itsTextHasTheEvents() throws {
        let url = try write()
        let text = try run("/usr/bin/pdftotext", [url.path, "-"])
        #expect(text.status == 0)
        let flat = text.output.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        for e in try Month.english.get().events {
            #expect(flat.contains(e.place.latin), "no \(e.place.latin) in the PDF text")
            #expect(flat.contains(e.date.description))
        }
    }

    @Test func sameDataSameBytes() throws {
        let again = try PDFReport.render(try Month.english.get(), paper: .a4)
        #expect(again == (try Month.pdf.get()))
    }

    @Test func quotesAndBackslashesInLinksDoNotBreakTheDocument() throws {
        let writer = try PDFDocumentWriter(width: 200, height: 200, metadata: PDFMetadata(title: "t", subject: "s", author: "a", keywords: "k", date: "2020-06-01T00:00:00"))
        writer.drawText("x", x: 10, y: 10, width: 100, style: DocumentTextStyle(font: FontSpec(size: 10)))
        try writer.destination("it's \\ here", at: ScenePoint(x: 10, y: 10))
        try writer.link(SceneRect(x: 10, y: 10, width: 50, height: 10), toDestination: "it's \\ here")
        try writer.link(SceneRect(x: 10, y: 30, width: 50, height: 10), toURI: "https://example.org/a'b\\c")
        try writer.addOutline("O'Brien \\ test", destination: "it's \\ here")
        try writer.newPage()
        writer.drawText("second page", x: 10, y: 10, width: 100, style: DocumentTextStyle(font: FontSpec(size: 10)))
        let data = try writer.finish()
        let raw = String(decoding: data, as: UTF8.self)
        #expect(raw.contains("/Subtype /Link"))
        #expect(raw.contains("/URI (https://example.org/a%27b%5Cc)"))
        #expect(raw.contains("/Count 2") || raw.contains("/Type /Pages"))
        let url = try temporaryFolder().appendingPathComponent("escaped.pdf")
        try data.write(to: url)
        let text = try run("/usr/bin/pdftotext", [url.path, "-"])
        // Drawing went on after the tags: the surface did not fall into its error state.
        #expect(text.output.contains("second page"))
    }
}
