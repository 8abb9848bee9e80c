import ArgumentParser
import Foundation
import FrontlineCore
import Render
import Report
import Timeline

/// `frontline report`: a sourced HTML or PDF report over a date range.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write a sourced report over a date range: summary, chart, a map per change, the event table.",
        discussion: """
        The report opens with the net change (places gained and lost by each side, \
        derived zone area on the first and last day, places still contested, events \
        confirmed and claimed), then a chart of the ground each side held, the map of \
        the first day and one map per day on which control changed (changed places \
        ringed; one map per week when there are more change days than --max-maps), \
        the table of every event in the range with its source and quoted sentence, \
        and the method, caveats and data credits.

        FILE.html is one self-contained page (inline CSS and SVG, no script, nothing \
        fetched); FILE.pdf is drawn with Cairo and Pango (vector maps, bookmarks, \
        links from events to maps and to sources). The same data gives the same bytes. \
        The file appears complete or not at all; its path is printed on stdout. \
        With FRONTLINE_TIMINGS=1 the time of each stage is printed on stderr.

        Examples:
          frontline report --from 2020-05-15 --to 2020-06-15 --out june.html
          frontline report --from 2020-05-15 --to 2020-06-15 --out june.pdf --paper letter
          frontline report --from 2019-04-01 --to 2020-06-30 --lang ar --out war-ar.html
          frontline report --from 2020-05-20 --to 2020-06-10 --view tripoli --lang both --out tripoli.pdf
        """
    )

    @Option(help: "The first day, YYYY-MM-DD.")
    var from: Day

    @Option(help: "The last day, YYYY-MM-DD (included).")
    var to: Day

    @Option(help: ArgumentHelp("Where to write: FILE.html or FILE.pdf (the extension picks the format).", valueName: "file"))
    var out: String

    @OptionGroup var extent: ExtentOptions

    @Option(help: "The report's language: en, ar (right to left) or both (English text, maps named in both scripts).")
    var lang: String = "en"

    @Option(help: "The report's title; default: the theatre's title.")
    var title: String?

    @Option(name: .customLong("max-maps"), help: ArgumentHelp("More change days than this and maps are one per week, 1 to 1000.", valueName: "N"))
    var maxMaps: Int = 24

    @Option(help: "PDF paper: a4 or letter.")
    var paper: String = "a4"

    @OptionGroup var theatre: TheatreOptions

    enum Format { case html, pdf }

    var format: Format? {
        switch URL(fileURLWithPath: out).pathExtension.lowercased() {
        case "html", "htm": return .html
        case "pdf": return .pdf
        default: return nil
        }
    }

    func validate() throws {
        guard format != nil else { throw ValidationError("--out '\(out)': name the report FILE.html or FILE.pdf") }
        guard MapLanguage(rawValue: lang) != nil else { throw ValidationError("--lang '\(lang)': use en, ar or both") }
        guard PaperSize(rawValue: paper.lowercased()) != nil else { throw ValidationError("--paper '\(paper)': use a4 or letter") }
        guard (1...1000).contains(maxMaps) else { throw ValidationError("--max-maps must be 1 to 1000, got \(maxMaps)") }
        guard from <= to else { throw ValidationError("--from \(from) is after --to \(to); give the earlier day first") }
        let folder = URL(fileURLWithPath: out).deletingLastPathComponent()
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ValidationError("cannot write \(out): the folder \(folder.path) does not exist")
        }
    }

    func run() throws {
        try reportingErrors {
            var timings = StageTimings()
            let loaded = try theatre.load()
            timings.lap("load theatre")
            let settings = loaded.settings
            do { try ReportBuilder.checkRange(from: from, to: to, timeline: loaded.timeline) } catch let e as ReportRangeError {
                throw ValidationError(e.description)
            }
            let box = try extent.box(in: settings)
            let request = ReportRequest(from: from, to: to, view: box, language: MapLanguage(rawValue: lang)!, title: title, maxMaps: maxMaps)
            let source = ReportMapSource(pipeline: try MapPipeline.forCommandLine(theatre: loaded, spec: request.mapSpec))
            timings.lap("map pipeline")
            let bar = ProgressBar(total: try ReportBuilder.mapCount(theatre: loaded, request: request), label: "maps")
            let content = try ReportBuilder.build(theatre: loaded, request: request, maps: source, progress: { bar.advance() })
            bar.finish()
            timings.lap("maps, zones and summary")
            let data: Data
            switch format! {
            case .html: data = try HTMLReport.render(content)
            case .pdf: data = try PDFReport.render(content, paper: PaperSize(rawValue: paper.lowercased())!)
            }
            timings.lap(format == .html ? "HTML layout" : "PDF layout")
            try AtomicFile.write(data, to: URL(fileURLWithPath: out))
            timings.lap("write")
            timings.report()
            print(out)
        }
    }
}
