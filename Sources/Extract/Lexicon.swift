import Foundation
import FrontlineCore
import Gazetteer

/// What a lexicon term does in a sentence. The classes are the extractor's
/// grammar; the words are theatre data (`maps/<theatre>/lexicon.tsv`), so a
/// theatre of another war brings its own verbs, actors and spokesmen.
public enum TermClass: String, CaseIterable, Sendable {
    // What a clause claims.
    case gain, weak, loss, lose, expel, repel, deny, fighting, stronghold, positions, holds
    // What qualifies a claim.
    case failure, negation, hypothetical, past, upgrade
    /// كان، كانت, was: the past of a state (كانت تحت سيطرة); a change in the pluperfect (كانت قد سيطرت) is still a change.
    case pastState = "past_state"
    /// "لا تزال، ما زال" (still): negation particles that negate nothing.
    case still
    case scopeWhole = "scope_whole", scopePart = "scope_part"
    // The words around a place name.
    case placeWord = "place_word", frontWord = "front_word", compass, toward, preposition
    // Clause and speaker structure.
    case clauseBreak = "clause_break", say, sourceWord = "source_word", passive
    // Sides.
    case actor, ambiguousActor = "ambiguous_actor", ownForces = "own_forces", spokesman, pejorative, outlet
    // Dates.
    case dayOffset = "day_offset", weekday, month, unit, unitFixed = "unit_fixed", number, ago, last, next
    // Gazetteer names that are ordinary words too.
    case commonName = "common_name"

    /// Classes whose value must be a faction id.
    var takesFaction: Bool { [.actor, .spokesman, .pejorative, .outlet].contains(self) }
    /// Classes whose value must be an integer (days, a weekday, a month, a window in words).
    var takesInteger: Bool {
        [.dayOffset, .weekday, .month, .unit, .unitFixed, .number].contains(self)
    }
    /// The classes that make a clause say something about control.
    var isControl: Bool { [.gain, .weak, .loss, .lose, .expel, .repel, .deny, .fighting, .stronghold, .positions, .holds].contains(self) }
}

/// One word of a term, as it is compared with the words of a text.
struct TermWord: Hashable, Sendable {
    /// The gazetteer key of the word (or its lightly folded surface when `surface`).
    let text: String
    /// Matches any word that begins with `text`.
    let prefix: Bool
    /// Compared with the word as written (article kept), not with its key.
    let surface: Bool
}

/// One row of the lexicon.
public struct LexiconEntry: Sendable {
    public let termClass: TermClass
    public let term: String
    let words: [TermWord]
    /// The value column: a faction id, a number, or empty.
    public let value: String
    public let line: Int
    var integer: Int? { Int(value) }
}

/// The extractor's word lists, indexed by their first word.
public struct Lexicon: Sendable {
    public let entries: [LexiconEntry]
    /// Entries by the key of their first word (exact first words).
    let byFirstWord: [ByteKey: [Int]]
    /// Entries whose first word is a prefix or a surface form, by the word's first two letters.
    let byFirstLetters: [UInt64: [Int]]
    /// Keys of the gazetteer names that need a cue (`common_name`).
    let commonNames: Set<String>
    /// Every faction that some actor term names, in file order: the belligerents.
    public let sides: [String]

    public static let columns = ["class", "term", "value"]

    /// Reads and checks `lexicon.tsv`: every class known, every faction value a
    /// faction of the theatre, every number a number. Throws ``DataError`` with
    /// each bad row's line and field.
    public static func load(contentsOf url: URL, displayPath: String? = nil, factions: [String]) throws -> Lexicon {
        let table = try TSVTable(contentsOf: url, displayPath: displayPath, required: columns)
        return try Lexicon(table: table, factions: factions)
    }

    public init(table: TSVTable, factions: [String]) throws {
        var problems = table.fieldCountProblems()
        var entries: [LexiconEntry] = []
        let known = Set(factions)
        for row in table.rows {
            let at = table.location(of: row)
            guard let termClass = TermClass(rawValue: row["class"]) else {
                problems.append(Diagnostic(.error, at: at, field: "class",
                                           "unknown class '\(row["class"])'; one of \(TermClass.allCases.map(\.rawValue).joined(separator: ", "))"))
                continue
            }
            let value = row["value"]
            if termClass.takesFaction, !known.contains(value) {
                problems.append(Diagnostic(.error, at: at, field: "value", "'\(value)' is not a faction of factions.tsv (\(factions.joined(separator: ", ")))"))
                continue
            }
            if termClass.takesInteger || ([.negation, .failure, .deny, .hypothetical].contains(termClass) && !value.isEmpty), Int(value) == nil {
                problems.append(Diagnostic(.error, at: at, field: "value", "'\(value)' is not a whole number"))
                continue
            }
            let words = Self.words(of: row["term"])
            guard !words.isEmpty else {
                problems.append(Diagnostic(.error, at: at, field: "term", "the term is empty"))
                continue
            }
            entries.append(LexiconEntry(termClass: termClass, term: row["term"], words: words, value: value, line: row.line))
        }
        if !problems.isEmpty { throw DataError(problems) }
        self.init(entries: entries)
    }

    init(entries: [LexiconEntry]) {
        self.entries = entries
        var byFirstWord: [ByteKey: [Int]] = [:], byFirstLetters: [UInt64: [Int]] = [:]
        var common = Set<String>(), sides: [String] = []
        for (i, e) in entries.enumerated() {
            let first = e.words[0]
            if first.prefix || first.surface {
                byFirstLetters[ByteKey.firstTwo(first.text), default: []].append(i)
            } else {
                byFirstWord[ByteKey(first.text), default: []].append(i)
            }
            if e.termClass == .commonName { common.insert(Gazetteer.matchKey(e.term)) }
            if e.termClass == .actor, !sides.contains(e.value) { sides.append(e.value) }
        }
        self.byFirstWord = byFirstWord
        self.byFirstLetters = byFirstLetters
        commonNames = common
        self.sides = sides
    }

    /// The words of a term, keyed as text words are.
    static func words(of term: String) -> [TermWord] {
        term.split(whereSeparator: { $0 == " " }).compactMap { raw in
            var word = Substring(raw)
            let surface = word.hasPrefix("=")
            if surface { word = word.dropFirst() }
            let prefix = word.hasSuffix("*")
            if prefix { word = word.dropLast() }
            let text = surface ? Tokenizer.lightFold(String(word)) : Gazetteer.matchKey(String(word))
            return text.isEmpty ? nil : TermWord(text: text, prefix: prefix, surface: surface)
        }
    }

    /// The other belligerent, when the theatre has exactly two.
    public func opponent(of side: String) -> String? {
        guard sides.count == 2, let i = sides.firstIndex(of: side) else { return nil }
        return sides[1 - i]
    }
}

/// A string key hashed and compared as its UTF-8 bytes. Keys are already
/// folded, so canonical equivalence adds nothing, and String's own hashing
/// normalises every Arabic key it sees, which was most of a lookup's time.
struct ByteKey: Hashable, Sendable {
    let text: String
    init(_ text: String) { self.text = text }

    static func == (a: ByteKey, b: ByteKey) -> Bool { a.text.utf8.elementsEqual(b.text.utf8) }

    func hash(into hasher: inout Hasher) {
        var t = text
        t.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }

    /// The first two Unicode scalars of a word, packed: the bucket of the prefix terms it may begin.
    static func firstTwo(_ text: String) -> UInt64 {
        var it = text.unicodeScalars.makeIterator()
        let a = UInt64(it.next()?.value ?? 0), b = UInt64(it.next()?.value ?? 0)
        return a << 32 | b
    }
}
