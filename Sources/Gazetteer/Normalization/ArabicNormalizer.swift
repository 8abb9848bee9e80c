/// Folds Arabic-script names to a matching key.
///
/// Libyan media, GeoNames and OCR'd reports write the same name with and
/// without vowel marks, with different alef and hamza seats, with ة or ه at the
/// end, and with the article ال and a proclitic (و ب ل ف ك) glued on. All of
/// those collapse here, so that العُربان, العربان and والعربان give one key.
enum ArabicNormalizer {
    /// Appends the key of an Arabic-script name to `key`: its folded words,
    /// each without its article, with nothing between them. Separators
    /// (spaces, punctuation) end a word; marks and tatweel vanish. Written
    /// into the caller's buffer, word by word in place, so that indexing
    /// 100,000 names allocates no array per word or name.
    static func appendKey(of name: String, to key: inout [UInt32]) {
        var wordStart = key.count
        func endWord() {
            let article = articleLength(key[wordStart...])
            if article > 0 { key.removeSubrange(wordStart..<(wordStart + article)) }
            wordStart = key.count
        }
        for scalar in name.unicodeScalars {
            let v = scalar.value
            switch v {
            case 0x064B...0x065F, 0x0670, 0x06D6...0x06ED, 0x0640, 0x0621:
                // Harakat, superscript alef, Quranic marks, tatweel, and the
                // free-standing hamza: writers add or omit them at will.
                continue
            case 0x0622, 0x0623, 0x0625, 0x0671, 0x0672, 0x0673: key.append(0x0627)    // alef forms → ا
            case 0x0629: key.append(0x0647)                                             // ة → ه
            case 0x0649, 0x0626, 0x06CC, 0x06D0: key.append(0x064A)                     // ى ئ ی → ي
            case 0x0624: key.append(0x0648)                                             // ؤ → و
            case 0x06A9, 0x06AA, 0x06AF: key.append(0x0643)                             // ک ڪ گ → ك
            case 0x06C1, 0x06BE: key.append(0x0647)                                     // ہ ھ → ه
            case 0x067E: key.append(0x0628)                                             // پ → ب
            case 0x0686: key.append(0x062C)                                             // چ → ج
            case 0x06A4: key.append(0x0641)                                             // ڤ → ف
            case 0x06A8: key.append(0x0642)                                             // ڨ (Maghrebi g) → ق
            case 0x0660...0x0669: key.append(v - 0x0660 + 0x30)                         // Arabic-Indic digits
            case 0x06F0...0x06F9: key.append(v - 0x06F0 + 0x30)
            case 0x41...0x5A: key.append(v + 0x20)
            case 0x61...0x7A, 0x30...0x39: key.append(v)
            case 0x0620...0x063F, 0x0641...0x064A:
                // The plain letters (those not folded above), all alphabetic:
                // answered here, not by the Unicode property tables below.
                key.append(v)
            case 0x0600...0x06FF where !isArabicLetter(v):
                // Arabic punctuation (، ؛ ؟) separates words.
                endWord()
            default:
                if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                    key.append(v)
                } else {
                    endWord()
                }
            }
        }
        endWord()
    }

    private static func isArabicLetter(_ v: UInt32) -> Bool {
        (0x0620...0x064A).contains(v) || (0x066E...0x06D3).contains(v) || (0x06FA...0x06FF).contains(v)
    }

    private static let alef: UInt32 = 0x0627, lam: UInt32 = 0x0644

    /// و ب ف ك: the one-letter proclitics that can sit before the article.
    private static func isProclitic(_ v: UInt32) -> Bool {
        v == 0x0648 || v == 0x0628 || v == 0x0641 || v == 0x0643
    }

    /// How many leading letters of a word are its article: ال, a proclitic +
    /// ال (وال، بال), or لل (ل + ال with its alef elided); 0 when there is none,
    /// or when fewer than two letters would remain, so that short names survive.
    static func articleLength(_ w: ArraySlice<UInt32>) -> Int {
        let s = w.startIndex
        if w.count >= 4, w[s] == alef, w[s + 1] == lam { return 2 }
        if w.count >= 5, isProclitic(w[s]), w[s + 1] == alef, w[s + 2] == lam { return 3 }
        if w.count >= 4, w[s] == lam, w[s + 1] == lam { return 2 }
        return 0
    }

    /// A query written with a proclitic on a name that has no article
    /// (بترهونة, وسرت): the key without that first letter, if enough remains.
    static func withoutProclitic(_ key: [UInt32]) -> [UInt32]? {
        guard key.count >= 4, let first = key.first, isProclitic(first) || first == lam,
              (0x0620...0x064A).contains(key[1]) else { return nil }
        return Array(key.dropFirst())
    }

    /// True when the text has at least one Arabic letter, so it goes through this normaliser.
    static func isArabic(_ text: String) -> Bool {
        text.unicodeScalars.contains { (0x0600...0x06FF).contains($0.value) || (0xFB50...0xFEFF).contains($0.value) }
    }
}
