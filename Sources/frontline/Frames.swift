import ArgumentParser
import Foundation
import FrontlineCore
import Render
import Timeline

/// The options `frames` and `animate` share: the date range and step, the map
/// (view, size, language, CRS, theatre) and the workers.
struct FrameOptions: ParsableArguments {
    @Option(help: "The first day, YYYY-MM-DD.")
    var from: Day

    @Option(help: "The last day, YYYY-MM-DD (included).")
    var to: Day

    @Option(help: ArgumentHelp("1d (daily), 7d (weekly), any Nd, or event (the first day, then each day control changed).", valueName: "step"))
    var step: String = "1d"

    @Option(name: .customLong("ring-days"), help: ArgumentHelp("Days a place stays ringed after it changes hands (1: the day of the change only).", valueName: "N"))
    var ringDays: Int = FramePlan.defaultRingDays

    @OptionGroup var map: MapOptions

    // Optional, not defaulted to the core count, so --help reads the same on every machine.
    @Option(name: .customLong("jobs"), help: ArgumentHelp("Worker threads, 1 to 256; default: the number of cores.", valueName: "N"))
    var jobsOption: Int?

    var jobs: Int { jobsOption ?? ProcessInfo.processInfo.activeProcessorCount }

    @OptionGroup var theatre: TheatreOptions

    func validate() throws {
        guard FrameStep(parsing: step) != nil else { throw ValidationError("--step '\(step)': use 1d, 7d, any Nd (N ≥ 1) or event") }
        guard from <= to else { throw ValidationError("--from \(from) is after --to \(to); give the earlier day first") }
        guard (1...3650).contains(ringDays) else { throw ValidationError("--ring-days must be 1 to 3650, got \(ringDays)") }
        guard (1...256).contains(jobs) else { throw ValidationError("--jobs must be 1 to 256, got \(jobs)") }
    }

    /// Loads the theatre and makes the job: the frame plan and the map setup.
    /// Usage problems throw `ValidationError` (64), data problems `DataError` (1).
    func job(format: OutputFormat) throws -> FrameJob {
        let (loaded, pipeline) = try map.load(theatre, format: format)
        let timeline = loaded.timeline
        // The rule render follows too: days before the record are drawn, every place unknown, and said so.
        if let first = timeline.firstDay, from < first {
            printError("note: days from \(from) to \(min(to, first.adding(days: -1))) are before the record, which starts on \(first); their frames draw every place as unknown (no information)")
        } else if timeline.firstDay == nil {
            printError(loaded.coverageNote(from) ?? "")
        }
        let plan: FramePlan
        do { plan = try FramePlan.make(timeline: timeline, from: from, to: to, step: FrameStep(parsing: step)!, ringDays: ringDays) } catch let e as FramePlan.PlanError {
            throw ValidationError(e.description)
        }
        return FrameJob(pipeline: pipeline, plan: plan, jobs: jobs)
    }

    /// Runs the job into `folder` with a progress bar on a terminal. Exits 130
    /// when `token` is cancelled (the caller turns Ctrl-C into that).
    func run(_ job: FrameJob, into folder: URL, token: CancellationToken) throws -> FrameRunReport {
        let bar = ProgressBar(total: job.plan.frames.count, label: "frames")
        let report = try job.write(to: folder, cancellation: token, progress: { bar.advance() })
        bar.finish()
        warnOfUnknownGlyphs(report.textsWithUnknownGlyphs)
        if report.cancelled {
            printError("cancelled (\(token.cancellationReason ?? "signal")) after \(report.written) of \(report.planned) frames; nothing half-written is left")
            throw ExitCode(130)
        }
        return report
    }
}

/// `1.9 s (32 frames/s)`.
func timing(_ report: FrameRunReport) -> String {
    let rate = report.seconds > 0 ? Double(report.written) / report.seconds : 0
    return String(format: "%.2f s (%.0f frames/s)", report.seconds, rate)
}

/// `frontline frames`: one map per step of a date range, for animations or slides.
struct Frames: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "frames",
        abstract: "Draw one map per day (or week, or event) of a date range into a folder.",
        discussion: """
        Writes frame-0001.png, frame-0002.png, … (more digits past 9,999 frames) and \
        frames.tsv, which lists each frame's file, date and the changes since the \
        previous frame (tarhuna: lna→gna; …). Every frame has the same extent, \
        projection and label positions (laid out once over the whole range), the \
        date in the header, and rings on places that changed hands since the \
        previous frame or within the last --ring-days days (default 3).

        Frames are drawn by --jobs workers, each with its own renderer; each file \
        appears whole or not at all. Ctrl-C stops cleanly: frames in flight finish, \
        no partial file is left, frames.tsv is not written, and the exit status is 130.

        The folder is made if missing. If it already holds frames (frame-*.png, \
        frame-*.svg or frames.tsv), frontline refuses unless --force is given, which \
        deletes those files first; other files are never touched.

        Examples:
          frontline frames --from 2020-04-06 --to 2020-06-05 --out frames/
              61 daily frames of the west view, 1600x1200 PNG
          frontline frames --from 2019-04-04 --to 2020-06-11 --step event --out events/
              one frame per day on which a place changed hands
          frontline frames --from 2019-04-04 --to 2020-06-05 --step 7d \\
                           --view tripoli --lang both --format svg --out weekly/
        """
    )

    @OptionGroup var options: FrameOptions

    @Option(help: ArgumentHelp("The folder to write the frames into.", valueName: "dir"))
    var out: String

    @Option(help: "png or svg.")
    var format: String = "png"

    @Flag(help: "Replace the frames a folder already holds (frame-*.png|svg and frames.tsv).")
    var force = false

    func validate() throws {
        guard format == "png" || format == "svg" else { throw ValidationError("--format '\(format)': use png or svg") }
    }

    func run() throws {
        let folder = URL(fileURLWithPath: out)
        try reportingErrors {
            let job = try options.job(format: OutputFormat(rawValue: format)!)
            if options.map.verbose {
                // The plan every frame uses (laid out again for the listing: --verbose only).
                for id in try job.pipeline.labelPlan().dropped { printError("label not placed (no room): \(id)") }
            }
            try prepare(folder)
            let token = CancellationToken()
            let signals = SignalCancellation(token: token)
            defer { signals.stop() }
            let report = try options.run(job, into: folder, token: token)
            print("wrote \(report.written) frames to \(out) in \(timing(report))")
        }
    }

    /// Makes the folder, or checks it holds no frames (deleting them with --force).
    func prepare(_ folder: URL) throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw ValidationError("--out \(out) is a file; give a folder") }
            let existing = FrameJob.existingFrames(in: folder)
            if !existing.isEmpty {
                guard force else {
                    throw ValidationError("\(out) already holds \(existing.count) frame file(s) (\(existing[0]), …); pass --force to replace them, or choose another folder")
                }
                for name in existing {
                    do { try FileManager.default.removeItem(at: folder.appendingPathComponent(name)) } catch {
                        throw SystemError("I/O", "cannot remove \(name) from \(out): \(error.localizedDescription)")
                    }
                }
            }
        } else {
            do { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) } catch {
                throw SystemError("I/O", "cannot create \(out): \(error.localizedDescription)")
            }
        }
    }
}
