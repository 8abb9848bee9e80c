import Foundation
import FrontlineCore
import Render
import Report
import Testing
import Timeline

/// The embedded Libya theatre of this checkout and the month of reports the
/// issue names, built once for all tests (the maps take a few seconds in debug).
enum Month {
    static let theatreDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("maps/libya")
    static let from = Day(year: 2020, month: 5, day: 15)!
    static let to = Day(year: 2020, month: 6, day: 15)!

    static let theatre = Lazy { try Theatre.load(directory: theatreDirectory) }

    static func request(_ language: MapLanguage = .en, maxMaps: Int = 24, from: Day = from, to: Day = to) throws -> ReportRequest {
        let settings = try theatre.get().settings
        return ReportRequest(from: from, to: to, view: settings.view(named: settings.defaultView)!.box, language: language, maxMaps: maxMaps)
    }

    static func build(_ request: ReportRequest) throws -> ReportContent {
        let t = try theatre.get()
        return try ReportBuilder.build(theatre: t, request: request, maps: try ReportMapSource(theatre: t, request: request))
    }

    static let english = Lazy { try build(try request(.en)) }
    static let arabic = Lazy { try build(try request(.ar)) }
    static let html = Lazy { String(decoding: try HTMLReport.render(try english.get()), as: UTF8.self) }
    static let pdf = Lazy { try PDFReport.render(try english.get(), paper: .a4) }

    /// The events the log dates in the range, found without the report code.
    static func eventsInRange() throws -> [ControlEvent] {
        try theatre.get().events.filter { $0.date >= from && $0.date <= to }
    }

    /// The days after `from` up to `to` on which some place's control differs
    /// from the day before, found without the report code.
    static func changeDays(from: Day = from, to: Day = to) throws -> [Day] {
        let timeline = try theatre.get().timeline
        var days: [Day] = []
        var d = from.adding(days: 1)
        while d <= to {
            if !timeline.changes(from: d.adding(days: -1), to: d).isEmpty { days.append(d) }
            d = d.adding(days: 1)
        }
        return days
    }
}

/// A value made on first use, once, whichever test asks first; a failure is
/// kept and thrown to every test that asks.
///
/// - Important: thread-safe: the lock guards the stored value and error
///   (`@unchecked` because the compiler cannot see that).
final class Lazy<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private let make: @Sendable () throws -> Value
    private var value: Value?
    private var error: Error?

    init(_ make: @escaping @Sendable () throws -> Value) { self.make = make }

    func get() throws -> Value {
        lock.lock()
        defer { lock.unlock() }
        if let value { return value }
        if let error { throw error }
        do {
            let made = try make()
            value = made
            return made
        } catch {
            self.error = error
            throw error
        }
    }
}

/// A fresh empty folder.
func temporaryFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("frontline-report-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// Runs a tool to the end; stdout and stderr together, and the exit status.
func run(_ tool: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
    guard FileManager.default.isExecutableFile(atPath: tool) else {
        Issue.record("\(tool) is missing: run scripts/setup.sh")
        return (127, "")
    }
    let p = Process()
    p.executableURL = URL(fileURLWithPath: tool)
    p.arguments = arguments
    let pipe = Pipe()
    p.standardOutput = pipe
    p.standardError = pipe
    try p.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return (p.terminationStatus, String(decoding: data, as: UTF8.self))
}

/// Every `id="…"` of a document, in order.
func ids(in html: String) -> [Substring] { values(after: " id=\"", until: "\"", in: html) }

/// Every value after `marker` up to the next `terminator`.
func values(after marker: String, until terminator: String, in text: String) -> [Substring] {
    let bytes = Array(text.utf8)
    let utf8 = text.utf8
    let starts = occurrences(of: marker, in: bytes).map { $0 + marker.utf8.count }
    let stops = occurrences(of: terminator, in: bytes)
    var out: [Substring] = []
    var j = 0
    for start in starts {
        while j < stops.count, stops[j] < start { j += 1 }
        guard j < stops.count else { break }
        out.append(Substring(utf8[utf8.index(utf8.startIndex, offsetBy: start)..<utf8.index(utf8.startIndex, offsetBy: stops[j])]))
    }
    return out
}

// The reports run to megabytes: these scan UTF-8 bytes with memchr and memcmp,
// as Foundation's substring search on a String that size takes minutes in a debug build.
#if canImport(Glibc)
import Glibc
#endif

/// Offsets of every occurrence of `needle` in `haystack`.
func occurrences(of needle: String, in haystack: [UInt8]) -> [Int] {
    let n = Array(needle.utf8)
    guard let first = n.first else { return [] }
    var out: [Int] = []
    haystack.withUnsafeBytes { h in
        n.withUnsafeBytes { nb in
            guard let base = h.baseAddress else { return }
            var at = 0
            while at + nb.count <= h.count, let p = memchr(base + at, Int32(first), h.count - at - nb.count + 1) {
                let offset = base.distance(to: UnsafeRawPointer(p))
                if memcmp(p, nb.baseAddress!, nb.count) == 0 {
                    out.append(offset)
                    at = offset + nb.count
                } else {
                    at = offset + 1
                }
            }
        }
    }
    return out
}

func count(_ needle: String, in text: String) -> Int { occurrences(of: needle, in: Array(text.utf8)).count }

/// The text with `<…>` tags taken out.
func withoutTags(_ s: Substring) -> String {
    var out = "", inTag = false
    for c in s {
        if c == "<" { inTag = true } else if c == ">" { inTag = false } else if !inTag { out.append(c) }
    }
    return out
}
