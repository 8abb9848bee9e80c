import Gazetteer

/// A lexicon term found in a sentence: tokens `start..<end`, and every entry
/// spelled that way (one word can be two things: قبل is "ago" and "before").
struct TermMatch: Sendable {
    let entries: [Int]
    let start: Int
    let end: Int
    /// The proclitics taken off the first word (a ل before a verbal noun says "in order to").
    let clitics: String
}

/// A gazetteer place named in a sentence, tokens `start..<end`.
struct Mention: Sendable {
    let place: Int
    let start: Int
    let end: Int
    let quoted: Bool
    /// The first word lost a و to match: the name is coordinated with what precedes it.
    let coordinated: Bool
}

extension Lexicon {
    /// Whether `word` matches one of the token's forms; the form's number if so.
    static func match(_ word: TermWord, _ token: Token) -> Int? {
        for f in token.forms.indices {
            let text = word.surface ? token.light[f] : token.keys[f]
            // Compared as UTF-8 bytes: both sides are folded alike, and String's
            // Unicode-aware comparison was most of the time of a sentence.
            if word.prefix ? text.utf8.starts(with: word.text.utf8) : text.utf8.elementsEqual(word.text.utf8) { return f }
        }
        return nil
    }

    /// Every term of the sentence, longest first at each word, none overlapping
    /// each other or a place name (`taken`).
    func terms(in tokens: [Token], taken: [Bool]) -> [TermMatch] {
        var result: [TermMatch] = []
        var i = 0
        while i < tokens.count {
            guard !tokens[i].isBreak, !taken[i] else { i += 1; continue }
            var candidates: [Int] = []
            for (f, key) in tokens[i].keys.enumerated() {
                byFirstWord[ByteKey(key)].map { candidates += $0 }
                byFirstLetters[ByteKey.firstTwo(key)].map { candidates += $0 }
                byFirstLetters[ByteKey.firstTwo(tokens[i].light[f])].map { candidates += $0 }
            }
            if candidates.isEmpty { i += 1; continue }
            candidates.sort()
            var best: (length: Int, entries: [Int], clitics: String) = (0, [], "")
            var previous = -1
            for e in candidates where e != previous {
                previous = e
                let words = entries[e].words
                guard i + words.count <= tokens.count else { continue }
                var firstForm: Int? = nil
                var ok = true
                for (k, w) in words.enumerated() {
                    let t = tokens[i + k]
                    guard !t.isBreak, !taken[i + k], let f = Self.match(w, t) else { ok = false; break }
                    if k == 0 { firstForm = f }
                }
                guard ok, let f = firstForm else { continue }
                if words.count > best.length {
                    best = (words.count, [e], tokens[i].clitics[f])
                } else if words.count == best.length {
                    best.entries.append(e)
                }
            }
            if best.length > 0 {
                result.append(TermMatch(entries: best.entries, start: i, end: i + best.length, clitics: best.clitics))
                i += best.length
            } else {
                i += 1
            }
        }
        return result
    }

    /// Whether the token is one of the words that mark what follows as a place
    /// (a place word, a compass word, a preposition).
    func isCue(_ token: Token) -> Bool {
        for key in token.keys {
            for e in byFirstWord[ByteKey(key)] ?? [] where entries[e].words.count == 1 {
                switch entries[e].termClass {
                case .placeWord, .compass, .preposition, .toward, .frontWord: return true
                default: continue
                }
            }
        }
        return false
    }
}

/// Every name of every place of a gazetteer, keyed as the resolver keys them,
/// for finding names in running text.
///
/// A name of several words is found by keying the words of the text one more
/// at a time while the key so far begins some name (`prefixes`), so a
/// sentence costs about one key a word whatever the size of the gazetteer.
struct PlaceIndex: Sendable {
    let places: [Place]
    private var names: [ByteKey: [Int]] = [:]
    private var prefixes: Set<ByteKey> = []
    private(set) var maxWords = 1

    init(gazetteer: Gazetteer, lexicon: Lexicon) {
        places = gazetteer.places
        let placeWords = Set(lexicon.entries.filter { $0.termClass == .placeWord && $0.words.count == 1 }.map { ByteKey($0.words[0].text) })
        for (i, place) in places.enumerated() {
            for name in place.allNames {
                // ICAO and IATA codes (HLLT, TIP) are not how articles name places,
                // and short ones are English words (BEN).
                if name.count <= 4, name.unicodeScalars.allSatisfy({ ($0.value >= 0x41 && $0.value <= 0x5A) || ($0.value >= 0x30 && $0.value <= 0x39) }) { continue }
                let words = Tokenizer.words(of: name)
                guard !words.isEmpty else { continue }
                for k in 1..<words.count { prefixes.insert(ByteKey(Gazetteer.matchKey(words[0..<k].joined(separator: " ")))) }
                let key = Gazetteer.matchKey(words.joined(separator: " "))
                // A name that is only a place word (المطار, "the airport") says which place only to a reader
                // who knows the story: not matched.
                guard key.unicodeScalars.count >= 3, !placeWords.contains(ByteKey(key)) else { continue }
                if !(names[ByteKey(key)]?.contains(i) ?? false) { names[ByteKey(key), default: []].append(i) }
                maxWords = max(maxWords, words.count)
            }
        }
    }

    /// The places named in a sentence, longest name first, left to right.
    ///
    /// A name that is also an ordinary word (`common_name`), and a one-word
    /// village name, counts only after a cue: a place word, a compass word, a
    /// preposition (as a word or a clitic ب ل), quotation marks, or a place
    /// just before it joined by و. Latin names need a capital letter.
    func mentions(in tokens: [Token], lexicon: Lexicon) -> [Mention] {
        var result: [Mention] = []
        var i = 0
        while i < tokens.count {
            guard !tokens[i].isBreak else { i += 1; continue }
            var candidates: [(length: Int, form: Int, places: [Int])] = []
            for f in tokens[i].forms.indices {
                var key = tokens[i].keys[f]
                var text = tokens[i].forms[f]
                var n = 1
                while true {
                    if let found = names[ByteKey(key)] { candidates.append((n, f, found)) }
                    guard n < maxWords, prefixes.contains(ByteKey(key)), i + n < tokens.count, !tokens[i + n].isBreak else { break }
                    text += " " + tokens[i + n].surface
                    key = Gazetteer.matchKey(text)
                    n += 1
                }
            }
            // Longest first; on a tie, the form that kept more of the word.
            candidates.sort { $0.length != $1.length ? $0.length > $1.length : $0.form < $1.form }
            var accepted = false
            for c in candidates {
                let span = tokens[i..<(i + c.length)]
                let first = tokens[i]
                if first.isLatin {
                    guard span.contains(where: \.hasCapital) else { continue }
                } else {
                    let clitics = first.clitics[c.form]
                    // Joined by و to a place just before, across a comma too (غرب سرت، وجارف).
                    let coordinated = clitics.hasPrefix("و")
                        && (result.last?.end == i || (i >= 1 && tokens[i - 1].isBreak && (result.last?.end ?? -9) >= i - 1))
                    let place = places[c.places[0]]
                    let key = Gazetteer.matchKey(span.map { $0.forms.first! }.joined(separator: " "))
                    let needsCue = lexicon.commonNames.contains(key) || lexicon.commonNames.contains(first.keys[c.form])
                        || (place.kind == .village && c.length == 1)
                    // ك ("like") is no cue, and كامل is not ك + الأمل.
                    if needsCue && clitics.contains("ك") { continue }
                    if needsCue {
                        let cued = span.contains(where: \.quoted) || coordinated
                            || clitics.contains(where: { "بل".contains($0) })
                            || (i > 0 && !tokens[i - 1].isBreak && lexicon.isCue(tokens[i - 1]))
                        guard cued else { continue }
                    }
                }
                let clitics = first.clitics[c.form]
                result.append(Mention(place: c.places[0], start: i, end: i + c.length, quoted: span.contains(where: \.quoted),
                                      coordinated: clitics.hasPrefix("و")))
                i += c.length
                accepted = true
                break
            }
            if !accepted { i += 1 }
        }
        return result
    }
}
