// Measures the gazetteer against a generated 20,000-place GeoNames dump, and the
// load of the embedded theatre's own gazetteer (curated + OSM place file).
//
//   swift build -c release                                    (the frontline binary)
//   swift build -c release --package-path bench/GazetteerBench --scratch-path .build-bench
//   .build-bench/release/GazetteerBench [--frontline .build/release/frontline] [--runs 7]
//
// Prints medians over several runs, in the units named on each line.
import Dispatch
import Foundation
import FrontlineCore
import Gazetteer
import Timeline

/// SplitMix64: a fixed seed gives the same file on every machine.
struct Generator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }
    mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }
}

/// Syllables with an Arabic spelling each, so names come in both scripts and
/// in transliteration variants (ou/u, -ah, al-) the way GeoNames has them:
/// consonant × vowel × optional final consonant, 21 × 4 × 7 = 588 syllables.
/// (A first version drew from 42 fixed syllables; with 20,000 names, most
/// names were then within two edits of dozens of others, which no real
/// gazetteer looks like.)
let syllables: [(latin: String, arabic: String)] = {
    let consonants: [(String, String)] = [
        ("b", "ب"), ("t", "ت"), ("th", "ث"), ("j", "ج"), ("h", "ح"), ("kh", "خ"), ("d", "د"), ("dh", "ذ"),
        ("r", "ر"), ("z", "ز"), ("s", "س"), ("sh", "ش"), ("f", "ف"), ("q", "ق"), ("k", "ك"), ("l", "ل"),
        ("m", "م"), ("n", "ن"), ("w", "و"), ("y", "ي"), ("gh", "غ"),
    ]
    let vowels: [(String, String)] = [("a", ""), ("i", "ي"), ("u", "و"), ("aa", "ا")]
    let codas: [(String, String)] = [("", ""), ("n", "ن"), ("r", "ر"), ("l", "ل"), ("m", "م"), ("s", "س"), ("t", "ت")]
    var result: [(String, String)] = []
    for c in consonants { for v in vowels { for e in codas { result.append((c.0 + v.0 + e.0, c.1 + v.1 + e.1)) } } }
    return result
}()

struct GeneratedPlace {
    let latin: String
    let arabic: String
}

func generate(count: Int, to url: URL) throws -> [GeneratedPlace] {
    var g = Generator(state: 20_190_404)
    var places: [GeneratedPlace] = []
    var seen = Set<String>()
    var text = ""
    text.reserveCapacity(count * 200)
    var id = 3_000_000
    while places.count < count {
        let n = 2 + g.below(3)
        let parts = (0..<n).map { _ in g.pick(syllables) }
        var latin = parts.map(\.latin).joined()
        latin = latin.prefix(1).uppercased() + latin.dropFirst()
        if g.below(4) == 0 { latin = "Bir " + latin }
        guard seen.insert(latin).inserted else { continue }
        let arabic = (latin.hasPrefix("Bir ") ? "بئر " : "") + parts.map(\.arabic).joined()
        let variants = [latin.replacingOccurrences(of: "u", with: "ou"), latin + "ah", "Al " + latin, arabic].joined(separator: ",")
        let lat = 20 + 13 * g.unit(), lon = 9.5 + 15 * g.unit()
        let population = g.below(3) == 0 ? g.below(200_000) : 0
        id += 1 + g.below(50)
        let row = ["\(id)", latin, latin, variants, String(format: "%.5f", lat), String(format: "%.5f", lon), "P", "PPL", "LY", "",
                   "\(10 + g.below(60))", "", "", "", "\(population)", "", "\(g.below(900))", "Africa/Tripoli", "2024-01-01"]
        text += row.joined(separator: "\t") + "\n"
        places.append(GeneratedPlace(latin: latin, arabic: arabic))
    }
    try Data(text.utf8).write(to: url)
    return places
}

/// Wall-clock seconds. On a shared machine this includes time other
/// processes had the CPU, hence also ``cpuSeconds(_:)``.
func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

/// CPU seconds this thread spent in `body`: what the work costs, whatever else runs.
func cpuSeconds(_ body: () throws -> Void) rethrows -> Double {
    func now() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }
    let start = now()
    try body()
    return now() - start
}

/// User + system CPU seconds used so far by finished child processes.
func childrenCPUSeconds() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_CHILDREN.rawValue, &usage)
    return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
}

func median(_ xs: [Double]) -> Double {
    let s = xs.sorted()
    return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
}

/// One typing error: a dropped, doubled-then-changed, or swapped letter inside the name.
func misspell(_ name: String, _ g: inout Generator) -> String {
    var c = Array(name.lowercased())
    let i = 1 + g.below(max(1, c.count - 2))
    switch g.below(3) {
    case 0: c.remove(at: i)
    case 1: c.insert(g.pick(Array("xvzjk")), at: i)
    default: if i + 1 < c.count { c.swapAt(i, i + 1) } else { c.remove(at: i) }
    }
    return String(c)
}

var arguments = CommandLine.arguments.dropFirst()
var frontline: String? = nil
var runs = 7
var keep: String? = nil
while let a = arguments.popFirst() {
    switch a {
    case "--keep": keep = arguments.popFirst()
    case "--frontline": frontline = arguments.popFirst()
    case "--runs": runs = Int(arguments.popFirst() ?? "") ?? runs
    default: FileHandle.standardError.write(Data("unknown argument \(a)\n".utf8)); exit(64)
    }
}

// The generated files go to a temporary folder, or to --keep DIR for a look (or a profiler).
let folder = keep.map { URL(fileURLWithPath: $0) }
    ?? FileManager.default.temporaryDirectory.appendingPathComponent("gazetteer-bench-\(ProcessInfo.processInfo.processIdentifier)")
try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
defer { if keep == nil { try? FileManager.default.removeItem(at: folder) } }
let dump = folder.appendingPathComponent("LY-generated.txt")
let generated = try generate(count: 20_000, to: dump)
let size = (try FileManager.default.attributesOfItem(atPath: dump.path)[.size] as? Int) ?? 0
print("generated: \(generated.count) places, \(size / 1024) KiB, GeoNames layout")

// Load: read, parse, index (all but the fuzzy index, see below).
// Each run loads into a fresh variable, kept alive, so that freeing the
// previous run's gazetteer is not timed.
var loaded: [Gazetteer] = []
var loadCPU: [Double] = []
let loads = try (0..<runs).map { _ in
    var fresh: Gazetteer?
    var t = 0.0
    loadCPU.append(try cpuSeconds { t = try seconds { fresh = try Gazetteer.loadGeoNames(contentsOf: dump) } })
    if let fresh { loaded.append(fresh) }
    return t
}
let gazetteer = loaded[0]
print(String(format: "load: median %.1f ms wall (min %.1f, max %.1f), %.1f ms CPU, over %d runs; %d places",
             median(loads) * 1e3, loads.min()! * 1e3, loads.max()! * 1e3, median(loadCPU) * 1e3, runs, gazetteer.places.count))

// The fuzzy index is built by the first lookup that needs it, not at load: time
// that first fuzzy lookup on the loaded gazetteers no lookup has touched yet,
// so that its cost stays in view (load + this = the old eager load).
var builds: [Double] = [], buildCPU: [Double] = []
var firstLookupGenerator = Generator(state: 11)
for fresh in loaded.dropFirst() {
    let query = misspell(generated[0].latin, &firstLookupGenerator) + "x"
    var t = 0.0
    buildCPU.append(cpuSeconds { t = seconds { _ = fresh.resolve(query) } })
    builds.append(t)
}
if !builds.isEmpty {
    print(String(format: "fuzzy index, built by the first fuzzy lookup: median %.1f ms wall (min %.1f, max %.1f), %.1f ms CPU, over %d fresh loads",
                 median(builds) * 1e3, builds.min()! * 1e3, builds.max()! * 1e3, median(buildCPU) * 1e3, builds.count))
}

// The embedded theatre's own gazetteer, as every command loads it: the curated
// libya.tsv and the OSM place file (gazetteer.extra) merged under it.
do {
    let theatre = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../../../maps/libya").standardized
    let settings = try TheatreSettings.load(directory: theatre)
    var kept: [Gazetteer] = []
    var cpu: [Double] = []
    var wall: [Double] = []
    for _ in 0..<runs {
        var fresh: Gazetteer?
        var t = 0.0
        cpu.append(try cpuSeconds { t = try seconds { fresh = try settings.loadGazetteer() } })
        wall.append(t)
        if let fresh { kept.append(fresh) }
    }
    print(String(format: "theatre gazetteer (libya.tsv + libya-osm.tsv merged): median %.1f ms wall (min %.1f, max %.1f), %.1f ms CPU, over %d runs; %d places",
                 median(wall) * 1e3, wall.min()! * 1e3, wall.max()! * 1e3, median(cpu) * 1e3, runs, kept[0].places.count))
}

var g = Generator(state: 7)
let exactQueries = (0..<200_000).map { _ in g.pick(generated).latin }
let normalizedQueries = (0..<200_000).map { i -> String in
    let p = g.pick(generated)
    return i % 2 == 0 ? p.latin.uppercased() : p.arabic.replacingOccurrences(of: "ا", with: "أ")
}
let fuzzyQueries = (0..<5_000).map { _ in misspell(g.pick(generated).latin, &g) }

@MainActor func throughput(_ label: String, _ queries: [String], expect method: MatchMethod) {
    var rates: [Double] = [], cpuRates: [Double] = []
    var hits = 0
    for _ in 0..<runs {
        hits = 0
        var t = 0.0
        let cpu = cpuSeconds { t = seconds { for q in queries where gazetteer.resolve(q).match?.method == method { hits += 1 } } }
        rates.append(Double(queries.count) / t)
        cpuRates.append(Double(queries.count) / cpu)
    }
    print(String(format: "%@: median %.0f lookups/s wall, %.0f per CPU second, over %d runs of %d (%.1f%% answered by %@)",
                 label, median(rates), median(cpuRates), runs, queries.count, 100 * Double(hits) / Double(queries.count), method.rawValue))
}
throughput("exact", exactQueries, expect: .exact)
throughput("normalised", normalizedQueries, expect: .normalized)

var latencies: [Double] = [], cpuLatencies: [Double] = []
var fuzzyHits = 0
for _ in 0..<runs {
    fuzzyHits = 0
    for q in fuzzyQueries {
        var r: Resolution?
        var t = 0.0
        cpuLatencies.append(cpuSeconds { t = seconds { r = gazetteer.resolve(q) } })
        latencies.append(t)
        if r?.match != nil { fuzzyHits += 1 }
    }
}
let methods = Dictionary(grouping: fuzzyQueries.prefix(1000).map { gazetteer.resolve($0).match?.method.rawValue ?? "none" }, by: { $0 }).mapValues(\.count)
print(String(format: "fuzzy: median %.1f µs wall (%.1f µs CPU) per lookup, 90th percentile %.1f µs wall, mean %.1f µs wall, over %d lookups (%.1f%% matched; of 1000: %@)",
             median(latencies) * 1e6, median(cpuLatencies) * 1e6, latencies.sorted()[latencies.count * 9 / 10] * 1e6,
             latencies.reduce(0, +) / Double(latencies.count) * 1e6, latencies.count,
             100 * Double(fuzzyHits) / Double(fuzzyQueries.count), methods.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")))

// The whole command: `frontline resolve - --gazetteer dump` over 100,000 names,
// 40% exact, 30% normalised, 20% misspelt, 10% not places at all: a harder
// mix than an event log, where nearly every name is written as the gazetteer has it.
if let frontline {
    var lines: [String] = []
    lines.reserveCapacity(100_000)
    for i in 0..<100_000 {
        switch i % 10 {
        case 0...3: lines.append(g.pick(generated).latin)
        case 4...6: lines.append(g.pick(generated).latin.uppercased())
        case 7...8: lines.append(misspell(g.pick(generated).latin, &g))
        default: lines.append(String((0..<8).map { _ in g.pick(Array("qxzvjwk")) }))
        }
    }
    let input = folder.appendingPathComponent("names.txt")
    try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: input)
    for format in [["--json"], []] {
        var times: [Double] = [], cpu: [Double] = []
        for _ in 0..<runs {
            let cpuBefore = childrenCPUSeconds()
            let process = Process()
            process.executableURL = URL(fileURLWithPath: frontline)
            process.arguments = ["resolve", "-", "--gazetteer", dump.path] + format
            process.standardInput = try FileHandle(forReadingFrom: input)
            process.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
            times.append(try seconds {
                try process.run()
                process.waitUntilExit()
            })
            guard process.terminationStatus == 0 else { print("frontline exited \(process.terminationStatus)"); exit(1) }
            cpu.append(childrenCPUSeconds() - cpuBefore)
        }
        print(String(format: "resolve - %@: median %.3f s wall (min %.3f, max %.3f), %.3f s CPU (user + system, all threads), for 100,000 names over %d runs",
                     format.isEmpty ? "(table)" : format[0], median(times), times.min()!, times.max()!, median(cpu), runs))
    }
}
