import Foundation
import Testing
import FrontlineCore

@Suite struct TrimmingTests {
    /// Fields and alternate names lose the spaces around them as Foundation's
    /// `.whitespaces` trimming does (tabs and Unicode space separators), without it.
    @Test func spacesAreTrimmedLikeFoundation() {
        for text in ["  Tarhouna ", "\u{00A0}ترهونة\u{2009}", "\tal-Maya\u{3000}", "", "   ", "Zawiya", " a b ", "\u{202F}x\u{205F}"] {
            #expect(Substring(text).trimmingSpaces() == text.trimmingCharacters(in: .whitespaces), "\(text.debugDescription)")
        }
    }
}
