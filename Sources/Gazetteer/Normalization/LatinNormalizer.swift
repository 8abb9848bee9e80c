import Foundation

/// Folds Latin-script transliterations of Arabic names to a matching key.
///
/// The rules follow how one Arabic sound is written by different hands
/// (English, French, Italian, GeoNames' BGN/PCGN): ou/u/o, ee/i/e, q/g/k,
/// gh/g, dh/d, th/t, ch/sh, doubled letters, a final -ah/-eh or silent -e, the
/// article al-/el-/ash-/… as a separate word, ʿayn and hamza marks. They are
/// deliberately not stronger than that: kh, sh, z, j and h stay apart, so that
/// al-Asabaa and Espiaa, or Khoms and Qoms, do not meet.
enum LatinNormalizer {
    /// Article spellings (after case folding) dropped when they stand as their
    /// own word before another word: `al-Asabaa`, `As Sidrah`, `Wadi ar-Rabi`.
    static let articles: [String] = [
        "al", "el", "il", "ul", "ad", "adh", "ed", "ag", "ak",
        "ash", "as", "es", "at", "ath", "et", "az", "ez", "ar", "er", "an", "en",
    ]

    /// Whether a word is one of ``articles``; a scan of a short list, cheaper
    /// than building a value to look up in a set, for every word of 100,000 names.
    private static func isArticle(_ word: ArraySlice<UInt32>) -> Bool {
        guard word.count == 2 || word.count == 3 else { return false }
        return articles.contains { article in
            article.utf8.count == word.count && zip(article.utf8, word).allSatisfy { UInt32($0) == $1 }
        }
    }

    /// Marks that stand for ʿayn or hamza, or are typographic apostrophes;
    /// they vanish without splitting the word (Sha'afin → shaafin).
    private static func isApostrophe(_ v: UInt32) -> Bool {
        switch v {
        case 0x27, 0x60, 0xB4, 0x2BC, 0x2BE, 0x2BF, 0x2BB, 0x2018, 0x2019, 0x2032, 0x02C8: return true
        default: return false
        }
    }

    /// Appends the key of `name` to `key`: words split on anything that is not
    /// a letter or digit, articles dropped, each word folded, no spaces.
    /// `letters` and `ends` are working buffers, passed in so that indexing
    /// many names reuses them (their contents on entry do not matter).
    static func appendKey(of name: String, to key: inout [UInt32], letters: inout [UInt32], ends: inout [Int]) {
        // One buffer of letters and the end of each word in it: no array per word.
        letters.removeAll(keepingCapacity: true)
        letters.reserveCapacity(name.utf8.count)
        ends.removeAll(keepingCapacity: true)
        func endWord() {
            if letters.count > (ends.last ?? 0) { ends.append(letters.count) }
        }
        for scalar in name.unicodeScalars {
            let v = scalar.value
            if v < 0x80 {
                switch v {
                case 0x41...0x5A: letters.append(v + 0x20)
                case 0x61...0x7A, 0x30...0x39: letters.append(v)
                case 0x27, 0x60: continue
                default: endWord()
                }
            } else if isApostrophe(v) || (0x0300...0x036F).contains(v) {
                continue
            } else if (0x0660...0x0669).contains(v) {
                letters.append(v - 0x0660 + 0x30)
            } else if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                appendFolded(scalar, to: &letters)
            } else {
                endWord()
            }
        }
        endWord()
        var start = 0
        for (i, end) in ends.enumerated() {
            defer { start = end }
            let word = letters[start..<end]
            // An article is dropped only when a name follows it: "El" alone stays.
            if i < ends.count - 1, isArticle(word) { continue }
            fold(word, into: &key)
        }
    }

    /// A letter outside ASCII: its accents stripped (é → e, ṭ → t), a few
    /// ligatures spelled out; letters of other scripts kept, lower-cased.
    private static func appendFolded(_ scalar: Unicode.Scalar, to word: inout [UInt32]) {
        switch scalar.value {
        case 0xDF: word.append(contentsOf: [0x73, 0x73])           // ß
        case 0xE6, 0xC6: word.append(contentsOf: [0x61, 0x65])     // æ
        case 0x153, 0x152: word.append(contentsOf: [0x6F, 0x65])   // œ
        case 0xF8, 0xD8: word.append(0x6F)                          // ø
        case 0x131: word.append(0x69)                               // dotless ı
        case 0x142, 0x141: word.append(0x6C)                        // ł
        case 0x111, 0x110: word.append(0x64)                        // đ
        default:
            // Canonical decomposition separates base letter and marks; rare
            // enough (accented letters only) that Foundation's cost is fine.
            for s in String(scalar).decomposedStringWithCanonicalMapping.lowercased().unicodeScalars
            where !(0x0300...0x036F).contains(s.value) {
                word.append(s.value)
            }
        }
    }

    // The letters the rules name, as ASCII codes. Written as literals, not
    // computed from characters: a computed static is initialised lazily and
    // every read of it goes through `swift_once`, which showed in the load profile.
    private static let a: UInt32 = 0x61, e: UInt32 = 0x65, h: UInt32 = 0x68, i: UInt32 = 0x69, o: UInt32 = 0x6F, u: UInt32 = 0x75
    private static let y: UInt32 = 0x79, q: UInt32 = 0x71, g: UInt32 = 0x67, k: UInt32 = 0x6B, c: UInt32 = 0x63, s: UInt32 = 0x73
    private static let d: UInt32 = 0x64, t: UInt32 = 0x74, p: UInt32 = 0x70, f: UInt32 = 0x66, j: UInt32 = 0x6A, l: UInt32 = 0x6C

    private static func isVowel(_ v: UInt32) -> Bool { v == a || v == e || v == i || v == o || v == u || v == y }

    /// The spelling rules on one word, appended to `out`. Doubled letters are
    /// collapsed later, over the whole key.
    static func fold(_ word: ArraySlice<UInt32>, into out: inout [UInt32]) {
        var w = word
        var last: UInt32? = nil
        // Ta marbuta and silent final e: Tarhunah, Kikleh → -a; Sirte, Ghariane → no e.
        if w.count > 3, w[w.endIndex - 1] == h, w[w.endIndex - 2] == a || w[w.endIndex - 2] == e {
            w = w.dropLast(2)
            last = a
        } else if w.count > 3, w[w.endIndex - 1] == e, !isVowel(w[w.endIndex - 2]) {
            w = w.dropLast()
        }
        var index = w.startIndex
        while index < w.endIndex {
            let ch = w[index]
            let next = index + 1 < w.endIndex ? w[index + 1] : 0
            var emit = ch
            var width = 1
            switch (ch, next) {
            case (o, u), (o, o): emit = u; width = 2           // Tarhouna, Tarhoona
            case (e, e): emit = i; width = 2                   // Rabee
            case (c, h): out.append(s); emit = h; width = 2    // French ch = sh: Chahat
            case (d, j): emit = j; width = 2                   // Djofra
            case (g, h): emit = k; width = 2                   // Gharian = Garian
            case (d, h): emit = d; width = 2                   // adh-Dhahra
            case (t, h): emit = t; width = 2                   // Sabratha = Sabrata
            case (p, h): emit = f; width = 2
            default:
                switch ch {
                case o: emit = u
                case e, y: emit = i
                case q, g, c: emit = k
                default: break
                }
            }
            out.append(emit)
            index += width
        }
        if let last { out.append(last) }
    }

    /// A query with the article glued on (Alasabaa, Elwatiya): the key without it.
    static func withoutGluedArticle(_ key: [UInt32]) -> [UInt32]? {
        guard key.count >= 6, key[0] == a || key[0] == i, key[1] == l else { return nil }
        return Array(key.dropFirst(2))
    }
}
