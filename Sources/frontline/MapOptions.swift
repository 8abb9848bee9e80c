import ArgumentParser
import Foundation
import FrontlineCore
import Geo
import Render
import Timeline

/// The map options `render`, `frames` and `animate` share: the extent, the
/// canvas, the language, the CRS and whether zones are drawn. Checked here once,
/// with the same messages for every command; problems are usage errors (64).
struct MapOptions: ParsableArguments {
    @OptionGroup var viewOptions: ExtentOptions

    @Option(help: ArgumentHelp("Canvas size in layout pixels, 1 to 16000 a side (after --scale).", valueName: "WxH"))
    var size: String = "1600x1200"

    @Option(help: "Pixel density: 2 draws the same layout at twice the pixels (PNG), or twice the page size (SVG, PDF).")
    var scale: Double = 1

    @Option(help: "Names in en (English), ar (Arabic) or both.")
    var lang: String = "en"

    @Option(help: "A PROJ string (+proj=lcc ...) or EPSG:nnnn; default: the theatre's CRS.")
    var crs: String?

    @Flag(inversion: .prefixedNo, help: "Draw zones of control and the front line derived from place control.")
    var zones = true

    @Option(help: ArgumentHelp("What every id in SVG output starts with, so many maps can share one HTML page. Default fl-<date>-<view>.", valueName: "prefix"))
    var idPrefix: String?

    @Flag(help: "List on stderr the labels that could not be placed, highest priority first.")
    var verbose = false

    @Option(help: "The map's title, in every language (default: the view's title in theatre.tsv, else the theatre's).")
    var title: String?

    @Option(help: "A line under the title.")
    var subtitle: String?

    @Option(help: "Who made the map, first in the footer (\"Map: Jane Doe, Example News\").")
    var credit: String?

    func validate() throws {
        for (name, value) in [("--title", title), ("--subtitle", subtitle), ("--credit", credit)] {
            if let value, value.contains(where: \.isNewline) { throw ValidationError("\(name) must be one line") }
        }
        _ = try language()
        _ = try canvas()
    }

    func language() throws -> MapLanguage {
        guard let language = MapLanguage(rawValue: lang) else { throw ValidationError("--lang '\(lang)': use en, ar or both") }
        return language
    }

    /// The smallest canvas the map furniture (title, legend, scale bar,
    /// locator inset) fits on and leaves most of the map in view, layout px,
    /// found by drawing: at 480x360 the legend covers half the map, and the
    /// two-language legend is half as wide again.
    static func minimumSize(for language: MapLanguage) -> (width: Int, height: Int) {
        language == .both ? (800, 600) : (640, 480)
    }
    static let maximumPixels = 16000

    /// Width and height in layout px, at least ``minimumSize(for:)``; the pixel size
    /// (times --scale) is at most 16000 a side. Every bound is checked before
    /// any arithmetic, so no size can overflow.
    func canvas() throws -> (width: Int, height: Int) {
        let dims = size.lowercased().split(separator: "x", omittingEmptySubsequences: false)
        guard dims.count == 2, let w = Int(dims[0]), let h = Int(dims[1]) else {
            throw ValidationError("--size '\(size)' is not WIDTHxHEIGHT, for example 1600x1200")
        }
        guard scale.isFinite, scale > 0, scale <= 8 else { throw ValidationError("--scale must be more than 0 and at most 8, got \(scale)") }
        let (minW, minH) = Self.minimumSize(for: try language()), most = Self.maximumPixels
        guard w >= minW, h >= minH else {
            throw ValidationError("--size \(size) is too small for the title, legend, scale bar and inset\(lang == "both" ? " in both languages" : ""); give at least \(minW)x\(minH)")
        }
        guard w <= most, h <= most else { throw ValidationError("--size \(size): each side must be at most \(most) px") }
        // Both factors are bounded now: the products are below 128,001.
        let pw = (Double(w) * scale).rounded(), ph = (Double(h) * scale).rounded()
        guard pw <= Double(most), ph <= Double(most) else {
            throw ValidationError("--size \(size) at --scale \(scale) is \(Int(pw))x\(Int(ph)) px; each side must be at most \(most) px")
        }
        return (w, h)
    }

    /// The extent to draw: --bbox, else --view, else the theatre's default view.
    func extent(in settings: TheatreSettings) throws -> GeoBox { try viewOptions.box(in: settings) }
}

/// `--view NAME | --bbox W,S,E,N`: the extent of a map, shared by the map
/// commands (through ``MapOptions``) and `report`.
struct ExtentOptions: ParsableArguments {
    @Option(help: "A named view of the theatre (libya, west, tripoli for the default theatre).")
    var view: String?

    @Option(help: ArgumentHelp("Any extent as lon/lat degrees: west,south,east,north.", valueName: "W,S,E,N"))
    var bbox: String?

    func validate() throws {
        if view != nil, bbox != nil { throw ValidationError("give --view or --bbox, not both") }
    }

    /// --bbox, else --view, else the theatre's default view.
    func box(in settings: TheatreSettings) throws -> GeoBox {
        if let bbox {
            guard let box = GeoBox(parsing: bbox) else {
                throw ValidationError("--bbox '\(bbox)' is not W,S,E,N in degrees with W < E and S < N")
            }
            return box
        }
        let name = view ?? settings.defaultView
        guard let v = settings.view(named: name) else {
            throw ValidationError("unknown view '\(name)'; the views of this theatre are \(settings.views.map(\.name).joined(separator: ", "))")
        }
        return v.box
    }
}

extension MapOptions {
    /// The theatre, loaded, and the map pipeline these options describe for it:
    /// the one place `render`, `frames` and `animate` turn options into maps.
    /// The basemap is read and the CRS checked while the theatre's gazetteer
    /// and event log load. A CRS given with --crs that cannot draw is bad usage
    /// (64); the theatre's own CRS is bad data (1).
    func load(_ theatre: TheatreOptions, format: OutputFormat) throws -> (theatre: Theatre, pipeline: MapPipeline) {
        let (loaded, setup) = try Theatre.load(directory: theatre.url()) { settings in
            try MapSetup.forCommandLine(settings: settings, spec: spec(in: settings, format: format))
        }
        if let bbox = viewOptions.bbox, !loaded.timeline.places.contains(where: { setup.spec.view.contains($0.location) }) {
            printError("warning: --bbox \(bbox) holds no place of the theatre; the map shows no control")
        }
        return (loaded, try MapPipeline(theatre: loaded, setup: setup))
    }

    /// The map these options describe in a theatre of these settings.
    func spec(in settings: TheatreSettings, format: OutputFormat) throws -> MapSpec {
        let (width, height) = try canvas()
        var spec = MapSpec(view: try extent(in: settings), crs: crs, width: width, height: height, scale: scale,
                           language: try language(), format: format, zones: zones)
        spec.viewName = viewOptions.bbox == nil ? viewOptions.view ?? settings.defaultView : nil
        spec.title = title
        spec.subtitle = subtitle
        spec.credit = credit
        spec.idPrefix = idPrefix
        return spec
    }
}

extension MapSetup {
    /// The setup for a command: a CRS given with --crs that cannot draw is
    /// bad usage (64); the theatre's own CRS is bad data (1).
    static func forCommandLine(settings: TheatreSettings, spec: MapSpec) throws -> MapSetup {
        do { return try MapSetup(settings: settings, spec: spec) } catch let error as MapSetupError {
            if error.crsFromSpec { throw ValidationError("--crs: \(error.description)") }
            throw DataError(at: settings.location(of: "crs"), field: "crs", error.description)
        }
    }
}

extension MapPipeline {
    /// The pipeline for a command, with the errors of ``MapSetup/forCommandLine(settings:spec:)``.
    static func forCommandLine(theatre: Theatre, spec: MapSpec) throws -> MapPipeline {
        try MapPipeline(theatre: theatre, setup: MapSetup.forCommandLine(settings: theatre.settings, spec: spec))
    }
}
