import Foundation
import FrontlineCore

/// The plain mutation loop: no compiler instrumentation, so it runs on any
/// build (`swift run -c release frontline-fuzz TARGET`). Inputs are seeds
/// mutated byte- and line-wise and spliced with each other; an input is kept
/// in the corpus when its outcome signature (``FuzzTarget/run(_:)``) is new,
/// which stands in for coverage: new messages mean new code paths.
///
/// Deterministic for a seed: the same seed, seeds and run count give the same
/// inputs, so a failure found in `swift test` can be replayed.
public struct FuzzLoop {
    public let target: FuzzTarget
    public private(set) var corpus: [Data]
    public private(set) var signatures: Set<String> = []
    public private(set) var runs = 0
    private var random: SeededRandom

    /// Tokens that reach the parsers' edges: separators, quotes, numbers that
    /// `Double` reads but data must not mean, control states, scripts.
    static let tokens: [[UInt8]] = [
        "\t", "\n", "\r\n", "\"", ",", "#", "|", "nan", "inf", "-inf", "0x1p5", "1e308", "-90", "90.0000001", "180", "-180",
        "9223372036854775807", "contested:gna+lna", "contested:gna", "unknown", "capture", "withdraw", "contest", "hold",
        "claimed", "confirmed", "2020-02-30", "2020-06", "2020-06-05", "0000-01-01", "#+12345", "#1f3f8f", "ترهونة", "ال",
        "\u{200F}", "\u{FEFF}", "{", "}", "[", "]", ":", "null", "\"coordinates\":", "\"type\":\"Polygon\"", "\\u0000", "\\ud800",
        "Government regains territory", "Government of National Accord", "05 June 2020", "PPL", "P", "ADM1",
    ].map { Array($0.utf8) } + [[0x00], [0xFF], [0xC3], [0xE2, 0x82], [0xF4, 0x90, 0x80, 0x80], [0xED, 0xA0, 0x80]]

    public init(target: FuzzTarget, seeds: [Data], seed: UInt64) {
        self.target = target
        self.corpus = seeds.isEmpty ? [Data()] : seeds
        self.random = SeededRandom(seed: seed)
        for s in corpus { signatures.insert(target.run(s)) }
    }

    /// Runs `count` mutated inputs; `before` sees each input first (to save it
    /// where a crash would leave it).
    public mutating func run(_ count: Int, before: (Data) -> Void = { _ in }) {
        for _ in 0..<count {
            let input = mutate(corpus[random.below(corpus.count)])
            before(input)
            let signature = target.run(input)
            runs += 1
            if signatures.insert(signature).inserted, input.count <= 64 * 1024 { corpus.append(input) }
        }
    }

    mutating func mutate(_ seed: Data) -> Data {
        var bytes = [UInt8](seed)
        for _ in 0...random.below(4) {
            switch random.below(9) {
            case 0 where !bytes.isEmpty:  // flip a bit
                bytes[random.below(bytes.count)] ^= UInt8(1 << random.below(8))
            case 1:  // insert a random byte
                bytes.insert(UInt8(truncatingIfNeeded: random.next()), at: random.below(bytes.count + 1))
            case 2 where !bytes.isEmpty:  // delete a run
                let start = random.below(bytes.count)
                bytes.removeSubrange(start..<min(bytes.count, start + 1 + random.below(16)))
            case 3, 4:  // insert a token
                bytes.insert(contentsOf: Self.tokens[random.below(Self.tokens.count)], at: random.below(bytes.count + 1))
            case 5 where !bytes.isEmpty:  // overwrite a field with a token
                let start = random.below(bytes.count)
                var end = start
                while end < bytes.count, bytes[end] != 0x09, bytes[end] != 0x0A, bytes[end] != 0x2C { end += 1 }
                bytes.replaceSubrange(start..<end, with: Self.tokens[random.below(Self.tokens.count)])
            case 6:  // duplicate, drop or swap lines
                var lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
                guard !lines.isEmpty else { break }
                let a = random.below(lines.count), b = random.below(lines.count)
                switch random.below(3) {
                case 0: lines.insert(lines[a], at: b)
                case 1: if lines.count > 1 { lines.remove(at: a) }
                default: lines.swapAt(a, b)
                }
                bytes = Array(lines.joined(separator: [0x0A]))
            case 7:  // splice with another corpus entry
                let other = [UInt8](corpus[random.below(corpus.count)])
                let cut = random.below(bytes.count + 1), from = random.below(other.count + 1)
                bytes = Array(bytes[..<cut]) + other[from...]
            default:  // repeat a run (long lines, many rows)
                guard !bytes.isEmpty else { break }
                let start = random.below(bytes.count), length = 1 + random.below(min(64, bytes.count - start))
                let run = bytes[start..<(start + length)]
                bytes.insert(contentsOf: Array(repeating: run, count: 1 + random.below(8)).joined(), at: start)
            }
        }
        if bytes.count > 256 * 1024 { bytes.removeLast(bytes.count - 256 * 1024) }
        return Data(bytes)
    }
}
