import Foundation
import Gazetteer

/// One word of an article, with the forms it is compared in.
struct Token: Sendable {
    /// The word as written (vowel marks and all).
    let surface: String
    /// The word, then the word without its proclitics (و ف, then ب ل ك):
    /// `وبالمدينة`, `بالمدينة`, `المدينة`. Only forms of two letters or more.
    let forms: [String]
    /// The gazetteer key of each form (the article goes in the key).
    let keys: [String]
    /// Each form lightly folded (marks gone, alef and hamza seats one, article kept).
    let light: [String]
    /// The proclitic letters taken off each form (`""`, `"و"`, `"وب"`).
    let clitics: [String]
    /// A clause boundary (، , ؛ ; : and brackets), not a word.
    let isBreak: Bool
    /// Inside quotation marks.
    let quoted: Bool
    /// Latin script.
    let isLatin: Bool
    /// Has an upper-case Latin letter (a proper name in English text).
    let hasCapital: Bool
}

/// A sentence: its text (the quote a claim carries) and its tokens.
struct Sentence: Sendable {
    let text: String
    let tokens: [Token]
}

/// Cuts article text into sentences and words.
///
/// Words are runs of letters and digits (vowel marks, tatweel and in-word
/// apostrophes and hyphens of Latin words included); sentence ends are . ! ? ؟
/// and line breaks; commas, semicolons, colons and brackets become break tokens
/// that end a clause. Quotation marks are not tokens: they mark the words inside.
enum Tokenizer {
    /// Words after which a sentence ends at the next comma (and at twice as many, anywhere).
    static let longSentence = 300

    static func sentences(of text: String) -> [Sentence] {
        var result: [Sentence] = []
        var tokens: [Token] = []
        var sentenceText = String.UnicodeScalarView()
        var word = String.UnicodeScalarView()
        var quoted = false
        let scalars = Array(text.unicodeScalars)
        func endWord() {
            guard !word.isEmpty else { return }
            tokens.append(makeToken(String(word), quoted: quoted))
            word.removeAll()
        }
        func endSentence() {
            endWord()
            let trimmed = String(sentenceText).trimmingCharacters(in: .whitespacesAndNewlines)
            if tokens.contains(where: { !$0.isBreak }) {
                result.append(Sentence(text: trimmed, tokens: tokens))
            }
            tokens.removeAll()
            sentenceText.removeAll()
            quoted = false
        }
        for (i, s) in scalars.enumerated() {
            let prev = i > 0 ? scalars[i - 1] : " "
            let next = i + 1 < scalars.count ? scalars[i + 1] : " "
            if isWordScalar(s) || (isInWordJoiner(s) && !word.isEmpty && isLatinLetter(prev) && isLatinLetter(next))
                || (s == "." && isDigit(prev) && isDigit(next)) {
                word.append(s)
                sentenceText.append(s)
                continue
            }
            switch s {
            case ".", "!", "?", "؟", "\n", "|":
                if s != "\n" && s != "|" { sentenceText.append(s) }
                endSentence()
            case "،", ",", "؛", ";", ":", "(", ")", "[", "]":
                endWord()
                sentenceText.append(s)
                tokens.append(Token(surface: String(s), forms: [], keys: [], light: [], clitics: [], isBreak: true,
                                    quoted: false, isLatin: false, hasCapital: false))
                // Text without full stops (a list, a transcript) is read in pieces of at most a few
                // hundred words, cut at a comma: a sentence is read in time quadratic in its length.
                if tokens.count >= Self.longSentence { endSentence() }
            case "\"", "“", "”", "«", "»", "„":
                endWord()
                sentenceText.append(s)
                switch s {
                case "“", "«", "„": quoted = true
                case "”", "»": quoted = false
                default: quoted.toggle()
                }
            default:
                endWord()
                sentenceText.append(s.properties.isWhitespace ? " " : s)
                if tokens.count >= 2 * Self.longSentence { endSentence() }
            }
        }
        endSentence()
        return result
    }

    /// The words of a short text (a term, a place name), without forms: what
    /// names and terms are split into, the same way articles are.
    static func words(of text: String) -> [String] {
        sentences(of: text).flatMap { $0.tokens.filter { !$0.isBreak }.map(\.surface) }
    }

    static func makeToken(_ surface: String, quoted: Bool) -> Token {
        let first = surface.unicodeScalars.first!
        let latin = isLatinLetter(first) || isDigit(first)
        var forms = [surface], clitics = [""]
        if !latin {
            // و and ف join clauses; ب ل ك are prepositions. Each may stand before
            // the article or a bare name, so every stripped form is tried.
            // (Two letters may remain: ولم, فلن. Place names need three, see PlaceIndex.)
            func strip(_ s: String, _ letters: Set<Unicode.Scalar>) -> String? {
                guard let c = s.unicodeScalars.first, letters.contains(c), s.unicodeScalars.count >= 3 else { return nil }
                return String(s.unicodeScalars.dropFirst())
            }
            if let a = strip(surface, ["و", "ف"]) {
                forms.append(a); clitics.append(String(first))
            }
            for (f, c) in zip(forms, clitics) {
                if let b = strip(f, ["ب", "ل", "ك"]) {
                    forms.append(b); clitics.append(c + String(f.unicodeScalars.first!))
                }
            }
        }
        return Token(surface: surface, forms: forms, keys: forms.map(Gazetteer.matchKey), light: forms.map(lightFold),
                     clitics: clitics, isBreak: false, quoted: quoted, isLatin: latin,
                     hasCapital: surface.unicodeScalars.contains { $0.value >= 0x41 && $0.value <= 0x5A })
    }

    /// Marks and tatweel dropped, alef and hamza seats, ta marbuta and alef
    /// maqsura folded, Latin lower-cased; the article stays (`اليوم` is not `يوم`).
    static func lightFold(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        for c in s.unicodeScalars {
            switch c.value {
            case 0x064B...0x065F, 0x0670, 0x0640: continue
            case 0x0622, 0x0623, 0x0625, 0x0671: out.append("ا")
            case 0x0629: out.append("ه")
            case 0x0649: out.append("ي")
            case 0x41...0x5A: out.append(Unicode.Scalar(c.value + 0x20)!)
            default: out.append(c)
            }
        }
        return String(out)
    }

    static func isWordScalar(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x0621...0x063A, 0x0640...0x065F, 0x0660...0x0669, 0x066E...0x06D3, 0x06F0...0x06F9: return true
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: return true
        case 0x00...0x7F: return false
        default: return s.properties.isAlphabetic
        }
    }

    static func isInWordJoiner(_ s: Unicode.Scalar) -> Bool { s == "-" || s == "'" || s == "’" || s == "ʿ" || s == "‘" }
    static func isLatinLetter(_ s: Unicode.Scalar) -> Bool {
        (s.value >= 0x41 && s.value <= 0x5A) || (s.value >= 0x61 && s.value <= 0x7A) || (s.value >= 0xC0 && s.value <= 0x24F)
    }
    static func isDigit(_ s: Unicode.Scalar) -> Bool { (0x30...0x39).contains(s.value) || (0x0660...0x0669).contains(s.value) }
}
