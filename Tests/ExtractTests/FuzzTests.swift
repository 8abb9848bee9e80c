import Foundation
import Testing
import FrontlineCore
@testable import Extract

/// Random texts built from the lexicon's words, place names, digits and punctuation: the
/// extractor never crashes, and reads the same text the same way twice.
@Suite struct FuzzTests {
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    @Test func randomTexts() {
        var rng = SplitMix(state: 14)
        let words = Libya.lexicon.entries.map { $0.term.replacingOccurrences(of: "*", with: "").replacingOccurrences(of: "=", with: "") }
            + Libya.theatre.gazetteer.places.prefix(80).flatMap { [$0.name, $0.nameArabic] }
            + ["و", "ب", "ل", "،", ".", "\"", "“", "”", "(", ")", "-", "12", "٢٠٢٠", "2019", "'", "\n", "؟", "|", "ـ", "ً", "x", ""]
        for _ in 0..<300 {
            var text = ""
            for _ in 0..<Int.random(in: 1...40, using: &rng) {
                let w = words.randomElement(using: &rng)!
                text += (Bool.random(using: &rng) ? " " : "") + (Int.random(in: 0..<5, using: &rng) == 0 ? "و" : "") + w
            }
            let a = Libya.claims(text, date: "2020-06-10")
            let b = Libya.claims(text, date: "2020-06-10")
            #expect(a == b)
            _ = ClaimOutput.json(a)
            _ = Libya.extractor.explain(text, published: try! Day.parse("2020-06-10"))
        }
    }
}
