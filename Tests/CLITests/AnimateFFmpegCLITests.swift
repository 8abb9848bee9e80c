import Foundation
import Testing

/// `animate` to MP4, WebM and GIF through Debian's ffmpeg, checked with ffprobe:
/// codec, size, frame count and duration. scripts/setup.sh installs ffmpeg, so
/// CI runs these; they fail (not skip) when it is missing.
@Suite struct AnimateFFmpegCLITests {
    struct Probe: Decodable {
        struct Stream: Decodable {
            let codec_name: String
            let width: Int
            let height: Int
            let nb_read_frames: String?
        }
        struct Format: Decodable { let duration: String? }
        let streams: [Stream]
        let format: Format
    }

    static func tool(_ name: String) throws -> URL {
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
            let url = URL(fileURLWithPath: String(dir)).appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        Issue.record("\(name) is not installed: run scripts/setup.sh (it installs Debian's ffmpeg)")
        throw CancellationError()
    }

    static func probe(_ file: URL) throws -> Probe {
        let process = Process()
        process.executableURL = try tool("ffprobe")
        process.arguments = ["-v", "error", "-count_frames", "-select_streams", "v:0",
                             "-show_entries", "stream=codec_name,width,height,nb_read_frames", "-show_entries", "format=duration",
                             "-of", "json", file.path]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return try JSONDecoder().decode(Probe.self, from: data)
    }

    /// Five daily frames at 400 ms, the last held 2000 ms: 3.6 s. ffmpeg holds
    /// the last frame by cloning it at the frame rate (2.5 fps), so 9 frames;
    /// the APNG frontline writes itself stores the 5 frames with their delays
    /// (ffprobe gives no duration for APNG).
    @Test(arguments: [("mp4", "h264", 9), ("webm", "vp9", 9), ("gif", "gif", 9), ("png", "apng", 5)])
    func encodesWithTheRightCodecSizeFramesAndDuration(ext: String, codec: String, frames: Int) throws {
        _ = try Self.tool("ffmpeg")
        let dir = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("campaign.\(ext)")
        let r = try CLI.run(["animate", "--from", "2020-06-01", "--to", "2020-06-05", "--size", "640x480", "--jobs", "2",
                             "--frame-ms", "400", "--hold-last-ms", "2000", "--out", out.path])
        #expect(r.status == 0, "\(r.stderr)")
        let probe = try Self.probe(out)
        let stream = try #require(probe.streams.first)
        #expect(stream.codec_name == codec)
        #expect(stream.width == 640 && stream.height == 480)
        #expect(stream.nb_read_frames == "\(frames)", "frames: \(stream.nb_read_frames ?? "none")")
        if codec != "apng" {
            let duration = try #require(probe.format.duration.flatMap(Double.init))
            #expect(abs(duration - 3.6) < 0.05, "duration \(duration) s")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["campaign.\(ext)"], "nothing else left")
    }

    /// Raw RGB of every frame of `input` (a PNG sequence pattern or an animation), decoded by ffmpeg.
    static func rawFrames(_ input: String, in dir: URL, framerate: String? = nil) throws -> Data {
        let out = dir.appendingPathComponent("raw-\(UUID().uuidString).rgb")
        let process = Process()
        process.executableURL = try tool("ffmpeg")
        process.arguments = ["-hide_banner", "-loglevel", "error", "-nostdin"] + (framerate.map { ["-framerate", $0] } ?? [])
            + ["-i", input, "-vsync", "passthrough", "-f", "rawvideo", "-pix_fmt", "rgb24", out.path]
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        return try Data(contentsOf: out)
    }

    /// The APNG frontline writes itself, with only changed rectangles stored
    /// after the first frame, plays in ffmpeg as exactly the frames `frames` draws.
    @Test func theAPNGPlaysBackAsTheFrames() throws {
        let dir = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let frames = try CLI.run(["frames", "--from", "2020-06-01", "--to", "2020-06-05", "--size", "640x480", "--jobs", "2",
                                  "--out", dir.appendingPathComponent("f").path])
        #expect(frames.status == 0, "\(frames.stderr)")
        let animate = try CLI.run(["animate", "--from", "2020-06-01", "--to", "2020-06-05", "--size", "640x480", "--jobs", "2",
                                   "--out", dir.appendingPathComponent("campaign.png").path])
        #expect(animate.status == 0, "\(animate.stderr)")
        let drawn = try Self.rawFrames(dir.appendingPathComponent("f/frame-%04d.png").path, in: dir)
        let played = try Self.rawFrames(dir.appendingPathComponent("campaign.png").path, in: dir)
        #expect(drawn.count == 5 * 640 * 480 * 3)
        #expect(played == drawn, "ffmpeg's playback of the APNG differs from the frames")
    }
}
