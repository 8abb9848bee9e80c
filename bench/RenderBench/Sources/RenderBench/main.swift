// Times one 1600x1200 map drawn in-process, the way `frontline render` and a
// frames worker draw it, on the real gazetteer (every place, more than any
// day's map shows). Prints medians in milliseconds.
//
// usage: RenderBench [REPO_ROOT] [RUNS]
import Foundation
import FrontlineCore
import Gazetteer
import Geo
import Render
import Timeline

let arguments = CommandLine.arguments
let root = URL(fileURLWithPath: arguments.count > 1 ? arguments[1] : FileManager.default.currentDirectoryPath)
let runs = arguments.count > 2 ? Int(arguments[2]) ?? 30 : 30

func milliseconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
}

func median(_ values: [Double]) -> Double {
    let s = values.sorted()
    return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
}

let theatre = root.appendingPathComponent("maps/libya")
let settings = try TheatreSettings.load(directory: theatre)
let places = try Gazetteer.load(contentsOf: root.appendingPathComponent("gazetteer/libya.tsv")).places
let gna = Faction(id: "gna", name: "Government of National Accord", nameArabic: "حكومة الوفاق الوطني", color: RGBColor(hex: "#1f3f8f")!, short: "GNA")
let lna = Faction(id: "lna", name: "Libyan National Army (Haftar)", nameArabic: "قوات حفتر", color: RGBColor(hex: "#f5b942")!, short: "LNA")
// West of 14.5 E to the GNA, east to the LNA, Tarhuna contested: a plausible day.
let state = ControlState(date: Day(year: 2020, month: 6, day: 5)!, places: places.sorted { $0.id < $1.id }.map { p in
    let control: Control = p.id == "tarhuna" ? .contested(["gna", "lna"]) : p.longitude < 14.5 ? .faction("gna") : .faction("lna")
    return PlaceState(place: p, control: control, since: nil, event: nil)
})
let basemap = try Basemap.load(countries: settings.basemap.countries, coast: settings.basemap.coast, borders: settings.basemap.borders)
let caption = MapCaption(title: settings.title, titleArabic: settings.titleArabic, basemapCredit: settings.basemapCredit)
let view = settings.view(named: "west")!.box
let overview = settings.view(named: "libya")!.box

func composer(_ renderer: MapRenderer, language: MapLanguage = .en) throws -> MapComposer {
    try MapComposer(projector: try Projection(crs: settings.crs), basemap: basemap, view: view, overview: overview,
                    homeCountry: settings.country, width: 1600, height: 1200, scale: 1, language: language,
                    caption: caption, measurer: renderer)
}

var results: [(String, Double)] = []
// 1. A single map from nothing: renderer, projection, basemap fit, compose, draw, encode.
var cold: [Double] = []
for _ in 0..<runs {
    cold.append(try milliseconds {
        let renderer = try MapRenderer()
        let scene = try composer(renderer).compose(state: state, factions: [gna, lna], changed: ["tarhuna"])
        _ = try renderer.png(scene)
    })
}
results.append(("png 1600x1200, new renderer + composer (one map)", median(cold)))

// 2. A frames worker: renderer and composer reused, base raster cached.
let renderer = try MapRenderer()
let reused = try composer(renderer)
var warm: [Double] = [], composeOnly: [Double] = [], drawOnly: [Double] = []
for _ in 0..<runs {
    var scene: MapScene?
    composeOnly.append(try milliseconds { scene = try reused.compose(state: state, factions: [gna, lna], changed: ["tarhuna"]) })
    drawOnly.append(try milliseconds { _ = try renderer.png(scene!) })
    warm.append(composeOnly.last! + drawOnly.last!)
}
results.append(("png 1600x1200, reused renderer (frame)", median(warm)))
results.append(("  of which compose (labels placed)", median(composeOnly)))
results.append(("  of which draw + encode", median(drawOnly)))
let frame = try reused.compose(state: state, factions: [gna, lna], changed: ["tarhuna"])
var image: RGBImage?
results.append(("  draw only (RGB out)", median(try (0..<runs).map { _ in try milliseconds { image = try renderer.rgb(frame) } })))
results.append(("  PNG encode only (libspng level 1)", median(try (0..<runs).map { _ in try milliseconds { _ = try PNGEncoder.encode(image!) } })))
let scene = try reused.compose(state: state, factions: [gna, lna])
results.append(("svg 1600x1200, reused renderer", median(try (0..<max(5, runs / 3)).map { _ in try milliseconds { _ = try renderer.svg(scene) } })))
results.append(("pdf 1600x1200, reused renderer", median(try (0..<max(5, runs / 3)).map { _ in try milliseconds { _ = try renderer.pdf(scene) } })))

print("RenderBench: \(places.count) places, view west, \(runs) runs, medians")
for (name, ms) in results { print(String(format: "%-52@ %8.1f ms", name as NSString, ms)) }

// Where the drawing time goes: the same frame without halos, and without any text.
func stripped(_ items: [SceneItem], halos: Bool, texts: Bool) -> [SceneItem] {
    items.compactMap { item -> SceneItem? in
        switch item {
        case .text(var t):
            if !texts { return nil }
            if !halos { t.halo = nil }
            return .text(t)
        case .clip(let r, let inner): return .clip(r, stripped(inner, halos: halos, texts: texts))
        default: return item
        }
    }
}
var noHalo = frame, noText = frame
noHalo.overlay = stripped(frame.overlay, halos: false, texts: true)
noText.overlay = stripped(frame.overlay, halos: false, texts: false)
print(String(format: "%-52@ %8.1f ms", "  draw only, no halos" as NSString, median(try (0..<runs).map { _ in try milliseconds { _ = try renderer.rgb(noHalo) } })))
print(String(format: "%-52@ %8.1f ms", "  draw only, no text" as NSString, median(try (0..<runs).map { _ in try milliseconds { _ = try renderer.rgb(noText) } })))
