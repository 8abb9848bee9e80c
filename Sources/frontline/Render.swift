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
        contested places split in two colours, places that changed hands since the \
        previous event date ringed in red, with a legend, title, scale bar, locator \
        inset and source credits. Labels follow --lang and never overlap.

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
        return Request(day: day, width: w, height: h, format: chosen, language: language, output: output)
    }

    func run() throws {
        let request = try request()
        try reportingErrors {
            var timings = StageTimings()
            let loaded = try theatre.load(covering: request.day)
            let settings = loaded.settings
            let box = try map.extent(in: settings)
            let timeline = loaded.timeline
            let overview = settings.views.max { $0.box.area < $1.box.area }?.box ?? box
            timings.lap("load theatre")
            let state = timeline.state(at: request.day)
            let (changed, since) = timeline.recentChanges(at: request.day)

            let renderer = try MapRenderer()
            let projector: Projection
            do { projector = try Projection(crs: map.crs ?? settings.crs) } catch let error as SystemError where map.crs != nil {
                // A CRS typed on the command line that PROJ refuses is bad usage, with PROJ's reason.
                throw ValidationError("--crs '\(map.crs!)': \(error.message)")
            }
            // Zones reach a set distance in metres and the map is fitted in CRS units:
            // a CRS in degrees (EPSG:4326) would draw nonsense zones, so refuse it.
            if try projector.project(box: box).width < 360 {
                throw ValidationError("--crs '\(map.crs ?? settings.crs)' is in degrees (a geographic CRS); give a projected CRS in metres such as EPSG:32633 or a +proj=lcc string")
            }
            timings.lap("projection")
            let basemap = try Basemap.load(settings.basemap)
            timings.lap("read basemap")
            let caption = MapCaption(title: settings.title, titleArabic: settings.titleArabic, eventCount: loaded.events.count,
                                     eventsPath: eventsPath(settings), basemapCredit: settings.basemapCredit)
            let composer = try MapComposer(projector: projector, basemap: basemap, view: box, overview: overview,
                                           homeCountry: settings.country, width: request.width, height: request.height,
                                           scale: map.scale, language: request.language, caption: caption, measurer: renderer)
            timings.lap("fit basemap")
            let territory = map.zones ? try composer.territory(for: state, reachMeters: settings.zoneReachKilometers * 1000) : nil
            timings.lap("zones and front")
            let scene = try composer.compose(state: state, factions: loaded.factions, changed: changed, changedSince: since,
                                             territory: territory)
            timings.lap("compose")
            let data = try renderer.render(scene, as: request.format)
            timings.lap("draw and encode")
            try AtomicFile.write(data, to: request.output)
            timings.lap("write")
            timings.report()
            print(request.output.path)
        }
    }
}

/// The event log as the footer names it: relative to the theatre's parent's
/// parent (`maps/libya/events.tsv` for the embedded theatre), whatever the working folder.
private func eventsPath(_ settings: TheatreSettings) -> String {
    let base = settings.directory.standardizedFileURL.deletingLastPathComponent().deletingLastPathComponent().path
    let path = settings.eventsFile.standardizedFileURL.path
    return path.hasPrefix(base + "/") ? String(path.dropFirst(base.count + 1)) : path
}

extension GeoBox {
    /// Square degrees, only to pick the widest view for the locator inset.
    var area: Double { (east - west) * (north - south) }
}

extension ControlTimeline {
    /// Places whose control changed since the event date before the latest one on
    /// or before `day`, and that earlier date: what the map rings as "changed".
    func recentChanges(at day: Day) -> (Set<String>, Day?) {
        let dates = Set(eventsByPlace.values.joined().filter { $0.action != .hold }.map(\.date)).sorted()
        guard let latest = dates.last(where: { $0 <= day }) else { return ([], nil) }
        guard let previous = dates.last(where: { $0 < latest }) else { return ([], nil) }
        return (Set(changes(from: previous, to: day).map(\.place.id)), previous)
    }
}
