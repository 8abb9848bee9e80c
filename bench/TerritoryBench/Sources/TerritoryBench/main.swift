// Times TerritoryBuilder.build (zones, no data, fronts) on Libya's land with
// synthetic places: 150 and 5,000, two factions split along a wavy line west
// of Sirte, one place in 25 contested. Medians of repeated builds on one
// reused builder, as the frame renderer uses it.
import Foundation
import Geo
import Timeline

let here = URL(fileURLWithPath: #filePath)
let fixture = here.deletingLastPathComponent().appendingPathComponent(
    "../../../../Tests/GeoTests/Fixtures/territory-libya-land.tsv").standardized
let ring = try String(contentsOf: fixture, encoding: .utf8).split(separator: "\n")
    .filter { !$0.hasPrefix("#") }
    .map { line -> PlanarPoint in
        let f = line.split(separator: "\t")
        return PlanarPoint(x: Double(f[0])!, y: Double(f[1])!)
    }
let land = PlanarPolygon(exterior: ring)

func inside(_ p: PlanarPoint) -> Bool {
    var c = false
    var j = ring.count - 1
    for i in ring.indices {
        let a = ring[i], b = ring[j]
        if (a.y > p.y) != (b.y > p.y), p.x < (b.x - a.x) * (p.y - a.y) / (b.y - a.y) + a.x { c.toggle() }
        j = i
    }
    return c
}

/// A fixed linear congruential generator: the same places on every run.
struct Generator {
    var state: UInt64 = 2020
    mutating func next() -> Double {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return Double(state >> 11) / Double(1 << 53)
    }
}

func places(_ n: Int) -> [TerritoryPlace] {
    var generator = Generator()
    func random() -> Double { generator.next() }
    let xs = ring.map(\.x), ys = ring.map(\.y)
    var out: [TerritoryPlace] = []
    while out.count < n {
        let p = PlanarPoint(x: xs.min()! + random() * (xs.max()! - xs.min()!), y: ys.min()! + random() * (ys.max()! - ys.min()!))
        guard inside(p) else { continue }
        let frontX = -150_000 + 60_000 * sin(p.y / 90_000)
        let control: Control = out.count % 25 == 0 ? .contested(["gna", "lna"]) : (p.x < frontX ? .faction("gna") : .faction("lna"))
        out.append(TerritoryPlace(id: "p\(out.count)", control: control, point: p, weight: out.count % 10 == 0 ? 1.5 : 1))
    }
    return out
}

/// Area of a polygon in km² (shoelace; holes are clockwise, so they subtract).
func squareKilometres(_ polygon: PlanarPolygon) -> Double {
    ([polygon.exterior] + polygon.holes).reduce(0) { sum, ring in
        sum + zip(ring, ring.dropFirst()).reduce(0) { $0 + ($1.0.x * $1.1.y - $1.1.x * $1.0.y) }
    } / 2 / 1e6
}

/// What the build produced, in numbers that must not move when only speed
/// changes: area per controller, no-data area, front length.
func summary(_ territory: Territory) -> String {
    let zones = territory.zones.map { zone in
        String(format: "%@ %.3f km²", zone.controller.description, zone.polygons.reduce(0) { $0 + squareKilometres($1) })
    }
    let noData = territory.noData.reduce(0) { $0 + squareKilometres($1) }
    var front = 0.0
    for line in territory.fronts.flatMap(\.lines) {
        for (a, b) in zip(line, line.dropFirst()) { front += ((b.x - a.x) * (b.x - a.x) + (b.y - a.y) * (b.y - a.y)).squareRoot() }
    }
    return zones.joined(separator: ", ") + String(format: "; no data %.3f km²; fronts %.3f km", noData, front / 1000)
}

let builder = try TerritoryBuilder(land: [land], reachMeters: 60_000)
// PASSES=0 times the build without front smoothing (the zones' edges unchanged).
if let p = ProcessInfo.processInfo.environment["PASSES"], let n = Int(p) { builder.frontSmoothingPasses = n }
// Sizes may be given as arguments (e.g. `TerritoryBench 150` for profiling).
let sizes = CommandLine.arguments.dropFirst().compactMap { Int($0) }
for n in sizes.isEmpty ? [150, 5_000] : sizes {
    let input = places(n)
    let runs = n < 1000 ? 200 : 30
    var times: [Double] = []
    var territory = try builder.build(input)  // warm-up
    for _ in 0..<runs {
        let start = DispatchTime.now().uptimeNanoseconds
        territory = try builder.build(input)
        times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
    }
    times.sort()
    let vertices = territory.zones.flatMap(\.polygons).reduce(0) { $0 + $1.exterior.count + $1.holes.reduce(0) { $0 + $1.count } }
    let frontPoints = territory.fronts.flatMap(\.lines).reduce(0) { $0 + $1.count }
    print(String(format: "%5d places: median %.2f ms, min %.2f ms, max %.2f ms (%d runs; %d zones, %d zone vertices, %d front lines, %d front points)",
                 n, times[times.count / 2], times[0], times[times.count - 1], runs, territory.zones.count, vertices,
                 territory.fronts.flatMap(\.lines).count, frontPoints))
    print("      output: " + summary(territory))
}
