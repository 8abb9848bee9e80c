/// Folds Arabic-script names to a matching key.
///
/// Libyan media, GeoNames and OCR'd reports write the same name with and
/// without vowel marks, with different alef and hamza seats, with ة or ه at the
/// end, and with the article ال and a proclitic (و ب ل ف ك) glued on. All of
/// those collapse here, so that العُربان, العربان and والعربان give one key.
enum ArabicNormalizer {
    /// The folded words of one Arabic-script name, each without its article.
    /// Separators (spaces, punctuation) end a word; marks and tatweel vanish.
    static func words(of name: String) -> [[UInt32]] {
        var words: [[UInt32]] = []
        var word: [UInt32] = []
        for scalar in name.unicodeScalars {
            let v = scalar.value
            switch v {
            case 0x064B...0x065F, 0x0670, 0x06D6...0x06ED, 0x0640, 0x0621:
                // Harakat, superscript alef, Quranic marks, tatweel, and the
                // free-standing hamza: writers add or omit them at will.
                continue
            case 0x0622, 0x0623, 0x0625, 0x0671, 0x0672, 0x0673: word.append(0x0627)   // alef forms → ا
            case 0x0629: word.append(0x0647)                                            // ة → ه
            case 0x0649, 0x0626, 0x06CC, 0x06D0: word.append(0x064A)                    // ى ئ ی → ي
            case 0x0624: word.append(0x0648)                                            // ؤ → و
            case 0x06A9, 0x06AA, 0x06AF: word.append(0x0643)                            // ک ڪ گ → ك
            case 0x06C1, 0x06BE: word.append(0x0647)                                    // ہ ھ → ه
            case 0x067E: word.append(0x0628)                                            // پ → ب
            case 0x0686: word.append(0x062C)                                            // چ → ج
            case 0x06A4: word.append(0x0641)                                            // ڤ → ف
            case 0x06A8: word.append(0x0642)                                            // ڨ (Maghrebi g) → ق
            case 0x0660...0x0669: word.append(v - 0x0660 + 0x30)                        // Arabic-Indic digits
            case 0x06F0...0x06F9: word.append(v - 0x06F0 + 0x30)
            case 0x41...0x5A: word.append(v + 0x20)
            case 0x61...0x7A, 0x30...0x39: word.append(v)
            case 0x0600...0x06FF where !isArabicLetter(v):
                // Arabic punctuation (، ؛ ؟) separates words.
                if !word.isEmpty { words.append(word); word.removeAll(keepingCapacity: true) }
            default:
                if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                    word.append(v)
                } else if !word.isEmpty {
                    words.append(word)
                    word.removeAll(keepingCapacity: true)
                }
            }
        }
        if !word.isEmpty { words.append(word) }
        return words.map(strippingArticle)
    }

    private static func isArabicLetter(_ v: UInt32) -> Bool {
        (0x0620...0x064A).contains(v) || (0x066E...0x06D3).contains(v) || (0x06FA...0x06FF).contains(v)
    }

    private static let alef: UInt32 = 0x0627, lam: UInt32 = 0x0644
    /// و ب ف ك: the one-letter proclitics that can sit before the article.
    private static let proclitics: Set<UInt32> = [0x0648, 0x0628, 0x0641, 0x0643]

    /// Drops ال, a proclitic + ال (وال، بال), or لل (ل + ال with its alef elided),
    /// keeping at least two letters of the word so that short names survive.
    static func strippingArticle(_ w: [UInt32]) -> [UInt32] {
        if w.count >= 4, w[0] == alef, w[1] == lam { return Array(w[2...]) }
        if w.count >= 5, proclitics.contains(w[0]), w[1] == alef, w[2] == lam { return Array(w[3...]) }
        if w.count >= 4, w[0] == lam, w[1] == lam { return Array(w[2...]) }
        return w
    }

    /// A query written with a proclitic on a name that has no article
    /// (بترهونة, وسرت): the key without that first letter, if enough remains.
    static func withoutProclitic(_ key: [UInt32]) -> [UInt32]? {
        guard key.count >= 4, let first = key.first, proclitics.contains(first) || first == lam,
              (0x0620...0x064A).contains(key[1]) else { return nil }
        return Array(key.dropFirst())
    }

    /// True when the text has at least one Arabic letter, so it goes through this normaliser.
    static func isArabic(_ text: String) -> Bool {
        text.unicodeScalars.contains { (0x0600...0x06FF).contains($0.value) || (0xFB50...0xFEFF).contains($0.value) }
    }
}
