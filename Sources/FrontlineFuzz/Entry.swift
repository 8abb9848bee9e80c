import Foundation

/// libFuzzer's entry point, for builds with `-sanitize=fuzzer`: the target
/// comes from `FRONTLINE_FUZZ_TARGET` (default `tsv`). In a plain build it is
/// an ordinary function nobody calls.
@_cdecl("LLVMFuzzerTestOneInput")
public func frontlineFuzzTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    libFuzzerTarget.run(data.map { Data(bytes: $0, count: size) } ?? Data())
    return 0
}

let libFuzzerTarget: FuzzTarget = {
    let name = ProcessInfo.processInfo.environment["FRONTLINE_FUZZ_TARGET"] ?? "tsv"
    guard let target = FuzzTarget(rawValue: name) else {
        fatalError("FRONTLINE_FUZZ_TARGET=\(name): use one of \(FuzzTarget.allCases.map(\.rawValue).joined(separator: ", "))")
    }
    return target
}()

/// `frontline-fuzz` without libFuzzer: the plain mutation loop.
///
///     frontline-fuzz TARGET|all [--seconds S] [--runs N] [--seed N] [--corpus DIR]
///
/// With `--corpus DIR`, seeds are read from `DIR/<target>/`, new inputs are
/// written there, and the input being run is kept in `DIR/<target>/.current`
/// so that a crash leaves it behind (the file is removed on a clean finish).
@_cdecl("frontline_fuzz_main")
public func frontlineFuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    var args = Array(CommandLine.arguments.dropFirst())
    func option(_ name: String) -> String? {
        guard let i = args.firstIndex(of: name), i + 1 < args.count else { return nil }
        defer { args.removeSubrange(i...(i + 1)) }
        return args[i + 1]
    }
    let seconds = option("--seconds").flatMap { Double($0) }
    let runs = option("--runs").flatMap(Int.init)
    let seed = option("--seed").flatMap(UInt64.init) ?? 1
    let corpus = option("--corpus").map { URL(fileURLWithPath: $0) }
    guard args.count == 1, let name = args.first, name == "all" || FuzzTarget(rawValue: name) != nil else {
        FileHandle.standardError.write(Data("usage: frontline-fuzz TARGET|all [--seconds S] [--runs N] [--seed N] [--corpus DIR]\ntargets: \(FuzzTarget.allCases.map(\.rawValue).joined(separator: " "))\n".utf8))
        return 64
    }
    let targets = name == "all" ? FuzzTarget.allCases : [FuzzTarget(rawValue: name)!]
    let perTarget = seconds.map { $0 / Double(targets.count) }
    for target in targets {
        let folder = corpus?.appendingPathComponent(target.rawValue)
        if let folder { try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) }
        var loop = FuzzLoop(target: target, seeds: target.seeds(adding: folder), seed: seed)
        let kept = loop.corpus.count
        let current = folder?.appendingPathComponent(".current")
        let start = Date()
        let batch = 200
        while true {
            if let runs, loop.runs >= runs { break }
            if let perTarget, Date().timeIntervalSince(start) >= perTarget { break }
            if runs == nil, perTarget == nil, loop.runs >= 10_000 { break }
            loop.run(runs.map { min(batch, $0 - loop.runs) } ?? batch) { input in
                if let current { try? input.write(to: current) }
            }
        }
        if let current { try? FileManager.default.removeItem(at: current) }
        if let folder {
            for (i, input) in loop.corpus.enumerated().dropFirst(kept) {
                try? input.write(to: folder.appendingPathComponent(String(format: "new-%llu-%05d", seed, i)))
            }
        }
        let elapsed = Date().timeIntervalSince(start)
        // Written at once, not buffered: a crash in a later target must not swallow this line.
        FileHandle.standardOutput.write(Data("\(target.rawValue): \(loop.runs) runs in \(String(format: "%.1f", elapsed)) s, \(loop.signatures.count) distinct outcomes, corpus \(kept) -> \(loop.corpus.count), no failure\n".utf8))
    }
    return 0
}
