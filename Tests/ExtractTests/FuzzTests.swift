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

@Suite struct LongTextTests {
    /// A text with no full stop in it (a list, a transcript) is read in pieces, and each quote stays short.
    @Test func runOnTextIsReadInPiecesWithShortQuotes() {
        let piece = "وسيطرت قوات الوفاق على مدينة غريان، ودخلت قوات حفتر منطقة عين زارة، "
        let text = String(repeating: piece, count: 400)
        let claims = Libya.claims(text)
        #expect(Set(claims.map(\.place.id)) == ["gharyan", "ain_zara"])
        #expect(claims.allSatisfy { $0.quote.unicodeScalars.count < 1_500 })
    }
}
