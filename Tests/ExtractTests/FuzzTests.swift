import Foundation
import Testing
import FrontlineCore
@testable import Extract

/// Scrambled texts built from the lexicon's words, place names, digits and punctuation: the
/// extractor never crashes, and reads the same text the same way twice.
@Suite struct FuzzTests {
    @Test func randomTexts() {
        let words = Libya.lexicon.entries.map { $0.term.replacingOccurrences(of: "*", with: "").replacingOccurrences(of: "=", with: "") }
            + Libya.theatre.gazetteer.places.prefix(80).flatMap { [$0.name, $0.nameArabic] }
            + ["و", "ب", "ل", "،", ".", "\"", "“", "”", "(", ")", "-", "12", "٢٠٢٠", "2019", "'", "\n", "؟", "|", "ـ", "ً", "x", ""]
        // Words picked by multiplying with large primes: scattered, and the same on every run.
        for i in 0..<300 {
            var text = ""
            for j in 0..<(1 + (i * 31) % 40) {
                let k = i * 7919 + j * 104_729
                text += (k % 2 == 0 ? " " : "") + (k % 5 == 0 ? "و" : "") + words[k % words.count]
            }
            let a = Libya.claims(text, date: "2020-06-10")
            let b = Libya.claims(text, date: "2020-06-10")
            #expect(a == b)
            _ = ClaimOutput.json(a)
            _ = Libya.extractor.explain(text, published: try! Day.parse("2020-06-10"))
        }
    }
}
