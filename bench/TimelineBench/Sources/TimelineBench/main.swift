// Generates a synthetic theatre (fixed seed), then times, in this process:
//  - load + index: reading and checking events.tsv against a loaded gazetteer
//    (EventLog.load) and building the ControlTimeline;
//  - the whole Theatre.load (settings, 10,000-place gazetteer, factions, events);
//  - state(at:) at random days.
// Figures are medians over repeated runs; the first run is a warm-up and not counted.
import Foundation
import FrontlineCore
import Gazetteer
import Timeline

struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

let placeCount = 10_000
let eventCount = 100_000
let arguments = CommandLine.arguments
let repeats = arguments.count > 1 ? Int(arguments[1]) ?? 7 : 7

/// CPU time of this thread: on a machine shared with other builds, wall time
/// also counts the time spent waiting for a core. Both are reported.
func threadCPUNanoseconds() -> UInt64 {
    var t = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
    return UInt64(t.tv_sec) * 1_000_000_000 + UInt64(t.tv_nsec)
}

/// Wall-clock and thread-CPU milliseconds of `body`.
func milliseconds(_ body: () throws -> Void) rethrows -> (wall: Double, cpu: Double) {
    let cpu = threadCPUNanoseconds()
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return (Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6, Double(threadCPUNanoseconds() - cpu) / 1e6)
}

/// Runs `body` `runs + 1` times and returns the wall and CPU medians, the first run not counted (warm-up).
func measure(runs: Int, _ body: () throws -> Void) rethrows -> (wall: [Double], cpu: [Double]) {
    var wall: [Double] = [], cpu: [Double] = []
    for run in 0...runs {
        let m = try milliseconds(body)
        if run > 0 { wall.append(m.wall); cpu.append(m.cpu) }
    }
    return (wall, cpu)
}

func median(_ xs: [Double]) -> Double {
    let s = xs.sorted()
    return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
}

// MARK: the synthetic theatre

var rng = SplitMix(state: 20200605)
let folder = FileManager.default.temporaryDirectory.appendingPathComponent("timeline-bench-\(getpid())")
try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(at: folder) }

var gazetteer = "id\tname\tname_ar\talt_names\tlat\tlon\tkind\tadmin1\tsource\n"
for i in 0..<placeCount {
    let lat = 25 + Double(Int.random(in: 0..<90_000, using: &rng)) / 10_000
    let lon = 10 + Double(Int.random(in: 0..<150_000, using: &rng)) / 10_000
    gazetteer += "p\(i)\tPlace \(i)\tمكان \(i)\tAlt \(i)\t\(lat)\t\(lon)\ttown\tA\tsynthetic\n"
}
try gazetteer.write(to: folder.appendingPathComponent("gazetteer.tsv"), atomically: true, encoding: .utf8)
try "id\tname\tname_ar\tcolor\tshort\ngna\tGNA\tالوفاق\t#1f3f8f\tGNA\nlna\tLNA\tحفتر\t#f5b942\tLNA\nlocal\tLocal\tمحلي\t#7f9a7a\tLocal\n"
    .write(to: folder.appendingPathComponent("factions.tsv"), atomically: true, encoding: .utf8)
try "key\tvalue\ntitle\tBenchmark\ncrs\tEPSG:4326\ngazetteer\tgazetteer.tsv\nfactions\tfactions.tsv\nevents\tevents.tsv\nbasemap.countries\tx\nbasemap.coast\tx\nbasemap.borders\tx\nview.all\t9,24,26,35\n"
    .write(to: folder.appendingPathComponent("theatre.tsv"), atomically: true, encoding: .utf8)

// Ten events a place: an initial hold, then nine changes on distinct later days,
// each `from` the previous state, so the log checks clean. Rows are shuffled so
// the loader has to sort.
let start = Day(year: 2019, month: 4, day: 3)!
let controls = ["gna", "lna", "local", "contested:gna+lna"]
var rows: [String] = []
rows.reserveCapacity(eventCount)
for i in 0..<placeCount {
    var state = controls[Int.random(in: 0..<3, using: &rng)]
    rows.append("\(start)\tp\(i)\t\t\(state)\thold\tsynthetic\tinitial\tconfirmed")
    var days = Set<Int>()
    while days.count < eventCount / placeCount - 1 { days.insert(Int.random(in: 1...450, using: &rng)) }
    for d in days.sorted() {
        var next = state
        while next == state { next = controls.randomElement(using: &rng)! }
        let action = next.hasPrefix("contested") ? "contest" : "capture"
        rows.append("\(start.adding(days: d))\tAlt \(i)\t\(state)\t\(next)\t\(action)\tsynthetic source \(d)\tnote\tclaimed")
        state = next
    }
}
rows.shuffle(using: &rng)
try ("date\tplace\tfrom\tto\taction\tsource\tnote\tstatus\n" + rows.joined(separator: "\n") + "\n")
    .write(to: folder.appendingPathComponent("events.tsv"), atomically: true, encoding: .utf8)

// MARK: measurements

let places = try Gazetteer.load(contentsOf: folder.appendingPathComponent("gazetteer.tsv"))
let factions = try Faction.load(contentsOf: folder.appendingPathComponent("factions.tsv"))
var timeline: ControlTimeline? = nil
// Earlier results are kept until the end, so freeing them is not timed as loading.
var kept: [ControlTimeline] = []
let loadIndex = try measure(runs: repeats) {
    if let timeline { kept.append(timeline) }
    let log = try EventLog.load(contentsOf: folder.appendingPathComponent("events.tsv"), gazetteer: places, factions: factions)
    precondition(log.errors.isEmpty, "the synthetic log should check clean: \(log.errors.prefix(3))")
    precondition(log.events.count == eventCount)
    timeline = ControlTimeline(log: log, gazetteer: places)
}
kept.removeAll()
// Where the load time goes: reading and splitting the TSV alone.
let tsvOnly = try measure(runs: repeats) { _ = try TSVTable(contentsOf: folder.appendingPathComponent("events.tsv")) }
var theatres: [Theatre] = []
let theatreLoad = try measure(runs: max(2, repeats / 2)) {
    theatres.append(try Theatre.load(directory: folder))
}
precondition(theatres.allSatisfy { $0.events.count == eventCount })
theatres.removeAll()
let t = timeline!
let stateRuns = ProcessInfo.processInfo.environment["BENCH_STATE_RUNS"].flatMap { Int($0) } ?? 1000
var checksum = 0
let days = (0...stateRuns).map { _ in start.adding(days: Int.random(in: -10...470, using: &rng)) }
var dayIndex = 0
let stateTimes = measure(runs: stateRuns) {
    checksum &+= t.state(at: days[dayIndex]).places.count
    dayIndex += 1
}
precondition(checksum == (stateRuns + 1) * placeCount)

func f(_ x: Double) -> String { String(format: "%.2f", x) }
func line(_ name: String, _ m: (wall: [Double], cpu: [Double])) {
    let sorted = m.wall.sorted()
    print("\(name): median \(f(median(m.wall))) ms wall (min \(f(sorted.first!)), p99 \(f(sorted[sorted.count * 99 / 100])), max \(f(sorted.last!))), median \(f(median(m.cpu))) ms CPU")
}
print("events \(eventCount), places \(placeCount); \(repeats) timed runs of each load, \(stateRuns) of state(at:); first run of each not counted")
line("load + index (EventLog.load + ControlTimeline)", loadIndex)
line("  TSVTable alone (read + split)", tsvOnly)
line("Theatre.load (adds the 10,000-place gazetteer)", theatreLoad)
line("state(at:) over 10,000 places", stateTimes)
