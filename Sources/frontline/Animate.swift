import ArgumentParser
import Foundation
import FrontlineCore
import Render

/// `frontline animate`: the frames of a date range as one animation file.
struct Animate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "animate",
        abstract: "Make an animation (APNG, MP4, WebM or GIF) of a date range.",
        discussion: """
        Draws the same frames as `frontline frames` (same options, fixed labels, \
        date stamp, rings on changes) and puts them together. The output's \
        extension picks the format:
          .png / .apng   animated PNG, written by frontline itself
          .mp4 / .webm / .gif   encoded by ffmpeg (Debian's ffmpeg package), which
                                must be on PATH
        Each frame shows for --frame-ms, the last one for --hold-last-ms. The \
        file appears complete or not at all; Ctrl-C exits 130 and leaves nothing.

        Examples:
          frontline animate --from 2020-04-06 --to 2020-06-05 --out west.png
          frontline animate --from 2019-04-04 --to 2020-06-11 --step event \\
                            --frame-ms 700 --out war.mp4
          frontline animate --from 2020-05-15 --to 2020-06-05 --view tripoli \\
                            --size 800x600 --out tripoli.gif
        """
    )

    @OptionGroup var options: FrameOptions

    @Option(help: ArgumentHelp("The animation file: .png or .apng, .mp4, .webm, .gif.", valueName: "file"))
    var out: String

    @Option(name: .customLong("frame-ms"), help: ArgumentHelp("How long each frame shows, milliseconds.", valueName: "ms"))
    var frameMilliseconds: Int = 400

    @Option(name: .customLong("hold-last-ms"), help: ArgumentHelp("How long the last frame shows, milliseconds.", valueName: "ms"))
    var holdLastMilliseconds: Int = 2000

    func validate() throws {
        guard AnimationFormat(fileName: out) != nil else {
            throw ValidationError("cannot tell the format of '\(out)' from its extension; name it .png, .apng, .mp4, .webm or .gif")
        }
        guard (10...600_000).contains(frameMilliseconds) else { throw ValidationError("--frame-ms must be 10 to 600000, got \(frameMilliseconds)") }
        guard (10...600_000).contains(holdLastMilliseconds) else {
            throw ValidationError("--hold-last-ms must be 10 to 600000, got \(holdLastMilliseconds)")
        }
    }

    func run() throws {
        let format = AnimationFormat(fileName: out)!
        let output = URL(fileURLWithPath: out)
        // Before any drawing: a missing ffmpeg should cost the user no waiting.
        var ffmpeg: URL?
        if format.needsFFmpeg {
            guard let found = FFmpeg.locate() else {
                printError("error: " + FFmpeg.missingMessage)
                throw ExitCode(69) // EX_UNAVAILABLE: a needed program is missing
            }
            ffmpeg = found
        }
        let folder = output.deletingLastPathComponent()
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ValidationError("cannot write \(out): the folder \(folder.path) does not exist")
        }
        try reportingErrors {
            // Ctrl-C stays a clean stop until the end: while the theatre loads, while
            // frames are drawn, while the APNG is assembled, and while ffmpeg (which
            // gets the same Ctrl-C from the terminal) encodes. Whatever is half-made is
            // deleted. Listening starts before the theatre loads: a process started
            // with SIGINT ignored (a background job, a parent that listens itself)
            // would otherwise lose a Ctrl-C sent while it loads, and draw everything.
            let token = CancellationToken()
            let signals = SignalCancellation(token: token)
            defer { signals.stop() }
            let job = try options.job(format: .png)
            let frames = FileManager.default.temporaryDirectory.appendingPathComponent("frontline-animate-\(getpid())-\(UUID().uuidString)")
            do { try FileManager.default.createDirectory(at: frames, withIntermediateDirectories: true) } catch {
                throw SystemError("I/O", "cannot create a temporary folder: \(error.localizedDescription)")
            }
            defer { try? FileManager.default.removeItem(at: frames) }
            let report = try options.run(job, into: frames, token: token)
            let timing = FrameTiming(frameMilliseconds: frameMilliseconds, holdLastMilliseconds: holdLastMilliseconds)
            let start = Date()
            func cancelled() -> ExitCode {
                printError("cancelled (\(token.cancellationReason ?? "signal")): \(out) was not written")
                return ExitCode(130)
            }
            if let ffmpeg {
                do {
                    try FFmpeg.encode(executable: ffmpeg, format: format, plan: job.plan, folder: frames, timing: timing, output: output)
                } catch where token.isCancelled {
                    throw cancelled()
                }
                print("wrote \(out): \(report.written) frames drawn in \(frontline.timing(report)), encoded by ffmpeg in "
                      + String(format: "%.2f s", Date().timeIntervalSince(start)))
            } else {
                let summary: APNGWriter.Summary
                do {
                    summary = try AnimationAssembler.apng(plan: job.plan, folder: frames, timing: timing, to: output, cancellation: token)
                } catch is CancellationError {
                    throw cancelled()
                }
                let merged = summary.framesGiven - summary.framesStored
                print("wrote \(out): \(summary.framesStored) APNG frames" + (merged > 0 ? " (\(merged) identical merged)" : "")
                      + ", \(summary.bytes / 1024) KB; \(report.written) frames drawn in \(frontline.timing(report))")
            }
        }
    }
}
