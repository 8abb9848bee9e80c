import Foundation
import Testing
@testable import FrontlineFuzz

/// A short, seeded run of every fuzz target: the same inputs every time, a few
/// seconds in all. The long runs are in docs/testing.md.
@Suite struct FuzzSmokeTests {
    @Test(arguments: FuzzTarget.allCases)
    func seededRunFindsNoFailure(_ target: FuzzTarget) {
        var loop = FuzzLoop(target: target, seeds: target.seeds, seed: 15)
        loop.run(300)
        #expect(loop.runs == 300)
        // The mutations must reach more than one behaviour of the parser, or the run tests nothing.
        #expect(loop.signatures.count > 3, "\(target): \(loop.signatures.sorted())")
    }

    /// The targets that read a file run side by side without touching each
    /// other's input (they once shared one file name per process, and CI's
    /// parallel run crashed when one unlinked what another was reading).
    @Test func fileTargetsRunInParallel() {
        let targets: [FuzzTarget] = [.gazetteer, .geonames, .gazetteer, .geonames]
        DispatchQueue.concurrentPerform(iterations: targets.count) { i in
            let target = targets[i]
            for _ in 0..<100 {
                let outcome = target.run(target.seeds[0])
                precondition(!outcome.split(separator: "|").contains { $0.hasPrefix("error ") }, "\(target): \(outcome)")
            }
        }
    }

    @Test func theSameSeedGivesTheSameInputs() {
        var a = FuzzLoop(target: .tsv, seeds: FuzzTarget.tsv.seeds, seed: 7)
        var b = FuzzLoop(target: .tsv, seeds: FuzzTarget.tsv.seeds, seed: 7)
        var inputsA: [Data] = [], inputsB: [Data] = []
        a.run(50) { inputsA.append($0) }
        b.run(50) { inputsB.append($0) }
        #expect(inputsA == inputsB)
    }

    /// The seeds are valid inputs: the parsers accept them without errors.
    @Test func seedsAreValid() {
        for target in FuzzTarget.allCases {
            let outcome = target.run(target.seeds[0])
            // A signature lists "severity field message" shapes, "|"-separated.
            #expect(!outcome.split(separator: "|").contains { $0.hasPrefix("error ") }, "\(target): \(outcome)")
        }
    }
}
