import ArgumentParser
import Foundation
import FrontlineCore
import Render

extension Day: ExpressibleByArgument {
    public init?(argument: String) {
        guard let day = try? Day.parse(argument) else { return nil }
        self = day
    }
}

/// Exit statuses, following sysexits(3) where it has one.
enum Exit {
    /// Bad data: a theatre or input file that fails validation.
    static let dataError = ExitCode(1)
    /// Bad usage (ArgumentParser's ValidationError also exits with 64).
    static let usage = ExitCode(64)
    /// A program frontline needs is missing (ffmpeg for MP4, WebM, GIF): EX_UNAVAILABLE.
    static let unavailable = ExitCode(69)
    /// A system failure: a C library or the file system.
    static let system = ExitCode(70)
}

/// Prints to standard error.
func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}

/// Warns of texts drawn as boxes: the map's fonts (Noto Sans, Noto Sans Arabic) lack some of their letters.
func warnOfUnknownGlyphs(_ texts: [String]) {
    for text in texts {
        printError("warning: the map's fonts (\(FontSpec.families)) have no letters for some of '\(text)'; they show as boxes")
    }
}

/// Runs `body`, turning frontline's error families into messages on stderr and the
/// matching exit status. Keeps every command's error handling the same.
func reportingErrors<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as DataError {
        printError(error.description)
        throw Exit.dataError
    } catch let error as SystemError {
        printError("error: \(error)")
        throw Exit.system
    }
}

/// Wall-clock time of each stage of a command, printed to standard error when
/// the environment has `FRONTLINE_TIMINGS=1`: where a slow map spends its time,
/// without a profiler. Costs one clock read a stage when off.
struct StageTimings {
    let enabled = ProcessInfo.processInfo.environment["FRONTLINE_TIMINGS"] == "1"
    private var last = DispatchTime.now().uptimeNanoseconds
    private var stages: [(String, UInt64)] = []

    /// Ends the current stage, naming it.
    mutating func lap(_ stage: String) {
        guard enabled else { return }
        let now = DispatchTime.now().uptimeNanoseconds
        stages.append((stage, now - last))
        last = now
    }

    /// Prints `stage ms` lines and the total.
    func report() {
        guard enabled else { return }
        let total = stages.reduce(0) { $0 + $1.1 }
        for (stage, nanoseconds) in stages + [("total", total)] {
            printError("timing: \(stage) \(String(format: "%.1f", Double(nanoseconds) / 1e6)) ms")
        }
    }
}
