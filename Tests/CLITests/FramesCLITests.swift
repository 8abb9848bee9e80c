import Foundation
import Testing

/// The chunk types of a PNG file in order (no CRC check: the library tests do that).
func pngChunkTypes(_ data: Data) -> [String] {
    let b = [UInt8](data)
    var types: [String] = []
    var at = 8
    while at + 8 <= b.count {
        let length = Int(b[at]) << 24 | Int(b[at + 1]) << 16 | Int(b[at + 2]) << 8 | Int(b[at + 3])
        types.append(String(decoding: b[(at + 4)..<(at + 8)], as: UTF8.self))
        at += 12 + length
    }
    return types
}

@Suite struct FramesCLITests {
    /// A small, quick map for CLI runs.
    let small = ["--size", "640x480", "--jobs", "2"]

    @Test func framesWritesNumberedFramesAndAnIndex() throws {
        let out = try CLI.temporaryFolder().appendingPathComponent("frames")
        let r = try CLI.run(["frames", "--from", "2020-05-20", "--to", "2020-06-05", "--step", "7d", "--out", out.path] + small)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.hasPrefix("wrote 4 frames to \(out.path) in "))
        #expect(r.stderr.isEmpty) // not a terminal: no progress bar
        let names = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted()
        #expect(names == ["frame-0001.png", "frame-0002.png", "frame-0003.png", "frame-0004.png", "frames.tsv"])
        let index = try String(contentsOf: out.appendingPathComponent("frames.tsv"), encoding: .utf8).split(separator: "\n")
        #expect(index.first == "frame\tdate\tchanges")
        #expect(index.dropFirst().map { $0.split(separator: "\t", omittingEmptySubsequences: false)[1] } ==
                ["2020-05-20", "2020-05-27", "2020-06-03", "2020-06-05"])
        #expect(index.last?.contains("tarhuna: lna→gna") == true)
        // The image data comes in several IDAT chunks (header band, cached bands, tail).
        let types = pngChunkTypes(try Data(contentsOf: out.appendingPathComponent("frame-0001.png")))
        #expect(types.first == "IHDR" && types.last == "IEND" && Set(types) == ["IHDR", "IDAT", "IEND"])
    }

    @Test func aFolderWithFramesIsRefusedUnlessForced() throws {
        let out = try CLI.temporaryFolder()
        try Data("x".utf8).write(to: out.appendingPathComponent("frame-0001.png"))
        try Data("keep".utf8).write(to: out.appendingPathComponent("notes.txt"))
        let args = ["frames", "--from", "2020-06-04", "--to", "2020-06-05", "--out", out.path] + small
        let refused = try CLI.run(args)
        #expect(refused.status == 64)
        #expect(refused.stderr.contains("--force"))
        let forced = try CLI.run(args + ["--force"])
        #expect(forced.status == 0, "\(forced.stderr)")
        let names = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted()
        #expect(names == ["frame-0001.png", "frame-0002.png", "frames.tsv", "notes.txt"])
    }

    @Test func eventStepMakesOneFramePerChangeDay() throws {
        let out = try CLI.temporaryFolder()
        let r = try CLI.run(["frames", "--from", "2020-06-01", "--to", "2020-06-06", "--step", "event", "--out", out.path] + small)
        #expect(r.status == 0, "\(r.stderr)")
        let index = try String(contentsOf: out.appendingPathComponent("frames.tsv"), encoding: .utf8).split(separator: "\n").dropFirst()
        #expect(index.count >= 2)
        // Every frame after the first has changes.
        #expect(index.dropFirst().allSatisfy { !$0.hasSuffix("\t") })
    }

    @Test func svgFramesAreByteIdenticalAcrossRuns() throws {
        let a = try CLI.temporaryFolder(), b = try CLI.temporaryFolder()
        let args = ["frames", "--from", "2020-06-04", "--to", "2020-06-05", "--format", "svg"] + small
        #expect(try CLI.run(args + ["--out", a.path]).status == 0)
        #expect(try CLI.run(args + ["--out", b.path, "--jobs", "1"]).status == 0)
        for name in ["frame-0001.svg", "frame-0002.svg", "frames.tsv"] {
            #expect(try Data(contentsOf: a.appendingPathComponent(name)) == Data(contentsOf: b.appendingPathComponent(name)), "\(name)")
        }
    }

    @Test func animateWritesAValidAPNG() throws {
        let out = try CLI.temporaryFolder().appendingPathComponent("west.png")
        let r = try CLI.run(["animate", "--from", "2020-06-01", "--to", "2020-06-05", "--out", out.path, "--frame-ms", "300"] + small)
        #expect(r.status == 0, "\(r.stderr)")
        let types = pngChunkTypes(try Data(contentsOf: out))
        #expect(types.first == "IHDR")
        #expect(types.last == "IEND")
        #expect(types.firstIndex(of: "acTL")! < types.firstIndex(of: "IDAT")!)
        #expect(types.filter { $0 == "fcTL" }.count == 5)
        #expect(types.firstIndex(of: "fcTL")! < types.firstIndex(of: "IDAT")!)
        #expect(!types.contains("fdAT") || types.lastIndex(of: "IDAT")! < types.firstIndex(of: "fdAT")!)
        let left = try FileManager.default.contentsOfDirectory(atPath: out.deletingLastPathComponent().path)
        #expect(left == ["west.png"])
    }

    @Test func videoWithoutFFmpegSaysSoPlainly() throws {
        let empty = try CLI.temporaryFolder()
        let out = try CLI.temporaryFolder().appendingPathComponent("war.mp4")
        let r = try CLI.run(["animate", "--from", "2020-06-01", "--to", "2020-06-05", "--out", out.path] + small,
                            environment: ["PATH": empty.path])
        #expect(r.status == 69)
        #expect(r.stderr.contains("ffmpeg is not installed; install it (apt-get install ffmpeg) or write .png/.apng"))
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }

    @Test func badOptionsAreUsageErrors() throws {
        let out = try CLI.temporaryFolder()
        for args in [["--step", "2w"], ["--from", "2020-06-05", "--to", "2020-06-01"], ["--jobs", "0"], ["--lang", "fr"]] {
            var full = ["frames", "--from", "2020-06-01", "--to", "2020-06-05", "--out", out.path]
            // Later options win, so the bad value replaces the good one.
            full += args
            let r = try CLI.run(full)
            #expect(r.status == 64, "\(args): \(r.stderr)")
        }
        let r = try CLI.run(["animate", "--from", "2020-06-01", "--to", "2020-06-05", "--out", out.appendingPathComponent("a.avi").path])
        #expect(r.status == 64)
        #expect(r.stderr.contains(".apng"))
    }

    @Test func interruptingLeavesOnlyWholeFrames() throws {
        let out = try CLI.temporaryFolder()
        let process = Process()
        process.executableURL = CLI.binary
        process.arguments = ["frames", "--from", "2019-04-04", "--to", "2020-06-05", "--out", out.path, "--size", "800x600", "--jobs", "2"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Wait for the first frame, then press Ctrl-C.
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline, (try? FileManager.default.contentsOfDirectory(atPath: out.path))?.contains(where: { $0.hasPrefix("frame-") }) != true {
            usleep(10_000)
        }
        process.interrupt()
        process.waitUntilExit()
        #expect(process.terminationStatus == 130)
        let names = try FileManager.default.contentsOfDirectory(atPath: out.path)
        #expect(!names.isEmpty)
        #expect(names.allSatisfy { $0.hasPrefix("frame-") && $0.hasSuffix(".png") }, "\(names)")
        #expect(!names.contains("frames.tsv"))
        for name in names {
            let data = try Data(contentsOf: out.appendingPathComponent(name))
            #expect(pngChunkTypes(data).last == "IEND", "\(name) is not whole")
        }
    }

    @Test func interruptingAnimateLeavesNothing() throws {
        let folder = try CLI.temporaryFolder()
        let process = Process()
        process.executableURL = CLI.binary
        process.arguments = ["animate", "--from", "2019-04-04", "--to", "2020-06-05", "--out", folder.appendingPathComponent("war.png").path,
                             "--size", "800x600", "--jobs", "2"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        // Its own temporary folder, to see the frames being drawn and that none are left behind.
        let scratch = try CLI.temporaryFolder()
        process.environment = ProcessInfo.processInfo.environment.merging(["TMPDIR": scratch.path]) { _, new in new }
        try process.run()
        // Interrupt once the first frame is drawn (not after a fixed sleep, which
        // a loaded machine can spend before the process even listens for Ctrl-C).
        func framesDrawn() -> Bool {
            let folders = (try? FileManager.default.contentsOfDirectory(atPath: scratch.path)) ?? []
            return folders.contains { name in
                ((try? FileManager.default.contentsOfDirectory(atPath: scratch.appendingPathComponent(name).path)) ?? [])
                    .contains { $0.hasPrefix("frame-") }
            }
        }
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline, process.isRunning, !framesDrawn() { usleep(10_000) }
        #expect(process.isRunning, "animate ended before it was interrupted")
        process.interrupt()
        process.waitUntilExit()
        #expect(process.terminationStatus == 130)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.path).isEmpty, "the frames' temporary folder is left")
    }
}
