import Foundation
import Testing

/// Runs the built `frontline` binary, as a user would.
struct CLIRun {
    let status: Int32
    let stdout: String
    let stderr: String
    let stdoutData: Data
}

enum CLI {
    /// The folder holding the test bundle also holds the built executable.
    static var binary: URL {
        // SwiftPM puts test bundles and executables in one products folder
        // (.build/debug); the test runner is started from inside it.
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        while !FileManager.default.isExecutableFile(atPath: folder.appendingPathComponent("frontline").path), folder.path != "/" {
            folder = folder.deletingLastPathComponent()
        }
        return folder.appendingPathComponent("frontline")
    }

    @discardableResult
    static func run(_ arguments: [String], stdin: String? = nil, cwd: URL? = nil, environment: [String: String] = [:]) throws -> CLIRun {
        try run(arguments, stdinData: stdin.map { Data($0.utf8) }, cwd: cwd, environment: environment)
    }

    /// As ``run(_:stdin:cwd:environment:)``, with raw bytes on standard input (to test bad UTF-8).
    @discardableResult
    static func run(_ arguments: [String], stdinData: Data?, cwd: URL? = nil, environment: [String: String] = [:]) throws -> CLIRun {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        if let cwd { process.currentDirectoryURL = cwd }
        var env = ProcessInfo.processInfo.environment
        for (k, v) in environment { env[k] = v }
        process.environment = env
        let out = Pipe(), err = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        if let stdinData { input.fileHandleForWriting.write(stdinData) }
        try input.fileHandleForWriting.close()
        // Read before waiting so a large output cannot fill the pipe and stall the child.
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return CLIRun(status: process.terminationStatus,
                      stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self),
                      stdoutData: outData)
    }

    /// The repository this test was built from.
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// A copy of the embedded theatre to edit, laid out as in the repository
    /// (`maps/libya` beside `gazetteer`, which theatre.tsv names relatively).
    /// Returns the copy's theatre folder.
    static func copyOfEmbeddedTheatre() throws -> URL {
        let root = try temporaryFolder()
        try FileManager.default.createDirectory(at: root.appendingPathComponent("maps"), withIntermediateDirectories: true)
        for part in ["maps/libya", "gazetteer"] {
            try FileManager.default.copyItem(at: repository.appendingPathComponent(part), to: root.appendingPathComponent(part))
        }
        return root.appendingPathComponent("maps/libya")
    }

    /// A fresh empty folder for outputs.
    static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("frontline-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

@Suite struct CLIBasics {
    @Test func helpListsEveryCommand() throws {
        let r = try CLI.run(["--help"])
        #expect(r.status == 0)
        for c in ["resolve", "state", "diff", "history", "why", "check", "render", "frames", "animate"] {
            #expect(r.stdout.contains(c), "help does not mention \(c)")
        }
    }

    @Test func unknownCommandIsAUsageError() throws {
        let r = try CLI.run(["paint"])
        #expect(r.status == 64)
    }
}
