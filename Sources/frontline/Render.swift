import ArgumentParser
import Foundation
import FrontlineCore
import Gazetteer
import Geo
import Render
import Timeline

/// `frontline render`: one map of one day.
struct Render: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Draw the map of one day to PNG, SVG or PDF.",
        discussion: """
        Draws who held what on --date: places coloured by the faction holding them, \
        contested places split in two colours, places held on one side's claim only \
        drawn hollow, approximate positions circled, places that changed hands since \
        --since (default: since the previous change date) ringed, with a legend, title, \
        scale bar, locator inset and the outlets behind what is shown. Labels follow \
        --lang and never overlap.

        The map covers a named view of the theatre (--view) or any lon/lat box \
        (--bbox W,S,E,N), projected with the theatre's CRS or --crs, fitted to \
        --size and padded to keep its shape. The file path written is printed on \
        stdout; the file appears complete or not at all.

        Examples:
          frontline render --date 2020-06-05
              writes frontline-2020-06-05.png (view 'west', 1600x1200, English)
          frontline render --date 2020-06-05 --view tripoli --lang both --out tripoli.svg
          frontline render --date 2019-04-10 --bbox 12.5,32,14.5,33 --format pdf
          frontline render --date 2020-06-05 --scale 2 --lang ar --out report@2x.png
          frontline render --date 2020-01-10 --since 2020-01-01 --view libya
              rings every place that changed hands in the first ten days of January

        With FRONTLINE_TIMINGS=1 in the environment, the time of each stage \
        (loading, projection, zones, labels, drawing) is printed on stderr.
        """
    )

    @Option(help: "The day to draw, YYYY-MM-DD.")
    var date: String

    @Option(help: ArgumentHelp("Where to write; the extension picks the format unless --format is given. Default frontline-<date>.<format>.", valueName: "file"))
    var out: String?

    @Option(help: "png, svg or pdf.")
    var format: String?

    @Option(help: ArgumentHelp("Ring places that changed hands from this day (included) to --date. Default: since the previous change date.", valueName: "YYYY-MM-DD"))
    var since: String?

    @OptionGroup var map: MapOptions

    @OptionGroup var theatre: TheatreOptions

    /// Everything the options say, checked; thrown errors are usage errors (64).
    struct Request {
        var day: Day
        var width: Int
        var height: Int
        var format: OutputFormat
        var language: MapLanguage
        var output: URL
        var since: Day?
    }

    func request() throws -> Request {
        let day: Day
        do { day = try Day.parse(date) } catch { throw ValidationError("--date: \(error)") }
        let (w, h) = try map.canvas()
        let language = try map.language()
        var chosen: OutputFormat
        if let format {
            guard let f = OutputFormat(rawValue: format.lowercased()) else {
                throw ValidationError("--format '\(format)': use png, svg or pdf")
            }
            chosen = f
            // A PDF named .png opens as a broken image: the name must say what the file is.
            let ext = out.map { URL(fileURLWithPath: $0).pathExtension.lowercased() } ?? ""
            if let out, !ext.isEmpty, ext != f.rawValue {
                throw ValidationError("--out \(out) is named .\(ext) but --format is \(f.rawValue); name it .\(f.rawValue) or leave out --format")
            }
        } else if let out {
            let ext = URL(fileURLWithPath: out).pathExtension.lowercased()
            guard let f = OutputFormat(rawValue: ext) else {
                throw ValidationError("cannot tell the format of '\(out)' from its extension; name it .png, .svg or .pdf, or give --format")
            }
            chosen = f
        } else {
            chosen = .png
        }
        let output = URL(fileURLWithPath: out ?? "frontline-\(day).\(chosen.rawValue)")
        let folder = output.deletingLastPathComponent()
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ValidationError("cannot write \(output.path): the folder \(folder.path) does not exist")
        }
        guard FileManager.default.isWritableFile(atPath: folder.path) else {
            throw ValidationError("cannot write \(output.path): the folder \(folder.path) is not writable")
        }
        var sinceDay: Day?
        if let since {
            do { sinceDay = try Day.parse(since) } catch { throw ValidationError("--since: \(error)") }
            guard sinceDay! <= day else { throw ValidationError("--since \(since) is after --date \(day); give an earlier day") }
        }
        return Request(day: day, width: w, height: h, format: chosen, language: language, output: output, since: sinceDay)
    }

    func run() throws {
        let request = try request()
        try reportingErrors {
            var timings = StageTimings()
            let (loaded, pipeline) = try map.load(theatre, format: request.format)
            if let note = loaded.coverageNote(request.day) { printError(note) }
            timings.lap("load theatre, projection and basemap")
            let drawer = try pipeline.makeDrawer()
            drawer.drawBaseAhead()
            timings.lap("fonts and fit basemap")
            let (changed, since) = loaded.timeline.changedPlaces(at: request.day, since: request.since)
            if timings.enabled {
                // Derived ahead only to time it apart: the scene takes it from the drawer's zone cache.
                _ = try drawer.territory(for: loaded.timeline.state(at: request.day))
                timings.lap("zones and front")
            }
            let scene = try drawer.scene(at: request.day, changed: changed, since: since)
            timings.lap(timings.enabled ? "compose" : "zones, front and compose")
            if map.verbose {
                for id in scene.droppedLabels { printError("label not placed (no room): \(id)") }
            }
            let data = try drawer.render(scene)
            timings.lap("draw and encode")
            warnOfUnknownGlyphs(drawer.textsWithUnknownGlyphs(in: scene))
            try AtomicFile.write(data, to: request.output)
            timings.lap("write")
            timings.report()
            print(request.output.path)
        }
    }
}
