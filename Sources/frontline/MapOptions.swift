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

    func validate() throws {
        _ = try language()
        _ = try canvas()
    }

    func language() throws -> MapLanguage {
        guard let language = MapLanguage(rawValue: lang) else { throw ValidationError("--lang '\(lang)': use en, ar or both") }
        return language
    }

    /// Width and height in layout px; the pixel size (times --scale) is 1 to 16000 a side.
    func canvas() throws -> (width: Int, height: Int) {
        let dims = size.lowercased().split(separator: "x", omittingEmptySubsequences: false)
        guard dims.count == 2, let w = Int(dims[0]), let h = Int(dims[1]) else {
            throw ValidationError("--size '\(size)' is not WIDTHxHEIGHT, for example 1600x1200")
        }
        guard scale > 0, scale <= 8, scale.isFinite else { throw ValidationError("--scale must be more than 0 and at most 8, got \(scale)") }
        let pw = Double(w) * scale, ph = Double(h) * scale
        guard w >= 1, h >= 1, pw >= 1, ph >= 1, pw <= 16000, ph <= 16000 else {
            throw ValidationError("--size \(size) at --scale \(scale) is \(Int(pw))x\(Int(ph)) px; each side must be 1 to 16000 px")
        }
        return (w, h)
    }

    /// The extent to draw: --bbox, else --view, else the theatre's default view.
    func extent(in settings: TheatreSettings) throws -> GeoBox { try viewOptions.box(in: settings) }

    /// The map pipeline these options describe for a loaded theatre: the one
    /// place `render`, `frames` and `animate` turn options into maps.
    /// A CRS given with --crs that cannot draw is bad usage (64); the theatre's
    /// own CRS is bad data (1).
    func pipeline(for theatre: Theatre, format: OutputFormat) throws -> MapPipeline {
        let (width, height) = try canvas()
        let spec = MapSpec(view: try extent(in: theatre.settings), crs: crs, width: width, height: height, scale: scale,
                           language: try language(), format: format, zones: zones)
        return try MapPipeline.forCommandLine(theatre: theatre, spec: spec)
    }
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

extension MapPipeline {
    /// The pipeline for a command: a CRS given with --crs that cannot draw is
    /// bad usage (64); the theatre's own CRS is bad data (1).
    static func forCommandLine(theatre: Theatre, spec: MapSpec) throws -> MapPipeline {
        do { return try MapPipeline(theatre: theatre, spec: spec) } catch let error as MapSetupError {
            if error.crsFromSpec { throw ValidationError("--crs: \(error.description)") }
            let file = Theatre.displayPath(theatre.settings.directory.appendingPathComponent("theatre.tsv"))
            throw DataError(at: SourceLocation(file: file, line: 0), field: "crs", error.description)
        }
    }
}
