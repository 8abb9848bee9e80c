import Foundation
import FrontlineCore

/// The kinds of animation file `frontline animate` writes.
public enum AnimationFormat: String, Sendable, CaseIterable {
    /// Animated PNG, written by frontline itself.
    case apng
    case mp4, webm, gif

    /// From a file name: `.png` and `.apng` are APNG; nil for anything else.
    public init?(fileName: String) {
        switch URL(fileURLWithPath: fileName).pathExtension.lowercased() {
        case "png", "apng": self = .apng
        case "mp4": self = .mp4
        case "webm": self = .webm
        case "gif": self = .gif
        default: return nil
        }
    }

    /// Whether making it needs ffmpeg.
    public var needsFFmpeg: Bool { self != .apng }
}

/// How long frames stay on screen.
public struct FrameTiming: Hashable, Sendable {
    /// Every frame but the last, milliseconds.
    public var frameMilliseconds: Int
    /// The last frame, milliseconds.
    public var holdLastMilliseconds: Int
    public init(frameMilliseconds: Int, holdLastMilliseconds: Int) {
        self.frameMilliseconds = frameMilliseconds
        self.holdLastMilliseconds = holdLastMilliseconds
    }
}

/// Puts frames written by ``FrameJob`` together into one animation file.
public enum AnimationAssembler {
    /// An APNG of the PNG frames in `folder`, in plan order; returns what was written.
    ///
    /// Throws `CancellationError` when `cancellation` is set between two frames;
    /// the half-made file is deleted then, as on any error.
    public static func apng(plan: FramePlan, folder: URL, timing: FrameTiming, to output: URL,
                            cancellation: CancellationToken = CancellationToken()) throws -> APNGWriter.Summary {
        let writer = try APNGWriter(url: output)
        do {
            for (i, frame) in plan.frames.enumerated() {
                if cancellation.isCancelled { throw CancellationError() }
                let url = folder.appendingPathComponent(plan.fileName(of: frame, extension: "png"))
                let data: Data
                do { data = try Data(contentsOf: url) } catch {
                    throw SystemError("I/O", "cannot read \(url.path): \(error.localizedDescription)")
                }
                let last = i == plan.frames.count - 1
                try writer.add(png: data, delayMilliseconds: last ? timing.holdLastMilliseconds : timing.frameMilliseconds)
            }
            return try writer.finish()
        } catch {
            writer.abandon()
            throw error
        }
    }
}

/// Runs Debian's `ffmpeg` to turn PNG frames into MP4, WebM or GIF.
public enum FFmpeg {
    /// The message when ffmpeg is missing; says how to get it and what works without it.
    public static let missingMessage = "ffmpeg is not installed; install it (apt-get install ffmpeg) or write .png/.apng"

    /// The `ffmpeg` executable on `PATH`, or nil.
    public static func locate(path: String? = ProcessInfo.processInfo.environment["PATH"]) -> URL? {
        for dir in (path ?? "").split(separator: ":") where !dir.isEmpty {
            let candidate = URL(fileURLWithPath: String(dir)).appendingPathComponent("ffmpeg")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return nil
    }

    /// The arguments that encode `frame-%0Nd.png` in `folder` into `output`.
    ///
    /// Frames come in at 1000/frame-ms per second; the last one is held by
    /// cloning it (`tpad`) for the extra time. MP4 needs even sides (yuv420p);
    /// GIF gets a palette made from the frames themselves.
    public static func arguments(format: AnimationFormat, plan: FramePlan, folder: URL, timing: FrameTiming, output: URL) -> [String] {
        let pattern = folder.appendingPathComponent("frame-%0\(plan.digits)d.png").path
        let rate = String(format: "%.6g", 1000.0 / Double(timing.frameMilliseconds))
        let hold = String(format: "%.3f", Double(max(0, timing.holdLastMilliseconds - timing.frameMilliseconds)) / 1000)
        var filter = "tpad=stop_mode=clone:stop_duration=\(hold)"
        var args = ["-hide_banner", "-loglevel", "error", "-nostdin", "-y", "-framerate", rate, "-i", pattern]
        switch format {
        case .mp4:
            filter += ",scale=trunc(iw/2)*2:trunc(ih/2)*2"
            args += ["-vf", filter, "-c:v", "libx264", "-pix_fmt", "yuv420p", "-preset", "veryfast", "-crf", "20",
                     "-movflags", "+faststart", "-f", "mp4"]
        case .webm:
            args += ["-vf", filter, "-c:v", "libvpx-vp9", "-b:v", "0", "-crf", "32", "-row-mt", "1", "-f", "webm"]
        case .gif:
            args += ["-filter_complex", filter + ",split[a][b];[a]palettegen=stats_mode=diff[p];[b][p]paletteuse", "-f", "gif"]
        case .apng:
            args += ["-vf", filter, "-f", "apng"]
        }
        return args + [output.path]
    }

    /// Encodes into a temporary file beside `output` and renames it into place.
    /// Throws ``SystemError`` with ffmpeg's own message when it fails.
    public static func encode(executable: URL, format: AnimationFormat, plan: FramePlan, folder: URL, timing: FrameTiming,
                              output: URL) throws {
        try AtomicFile.write(to: output) { tmp in
            let process = Process()
            process.executableURL = executable
            process.arguments = arguments(format: format, plan: plan, folder: folder, timing: timing, output: tmp)
            let errors = Pipe()
            process.standardError = errors
            process.standardOutput = FileHandle.nullDevice
            do { try process.run() } catch {
                throw SystemError("ffmpeg", "cannot start \(executable.path): \(error.localizedDescription)")
            }
            let message = errors.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            guard process.terminationReason == .exit, process.terminationStatus == 0 else {
                let text = String(decoding: message, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
                throw SystemError("ffmpeg", "encoding \(output.lastPathComponent) failed (status \(process.terminationStatus))"
                                  + (text.isEmpty ? "" : ": " + text))
            }
        }
    }
}
