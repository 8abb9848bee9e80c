import FrontlineCore
import Testing
@testable import Gazetteer

/// The index structures behind lookups, checked against plain references:
/// the fuzzy search against the plain bigram count it narrowed, the key table
/// against a dictionary, `Place`'s shared storage against field equality.
@Suite struct IndexTests {
    /// Keys in the bench's style: 2–4 syllables of a small alphabet, some with
    /// repeated bigrams, some long; many within two edits of one another.
    static let keys: [[UInt32]] = {
        var g = SplitMix(seed: 42)
        let syllables = ["ba", "bi", "tar", "hun", "ka", "kal", "sir", "mu", "mi", "ra", "sa", "za", "la", "nu", "abab", "ghad"]
        var seen = Set<[UInt32]>()
        var keys: [[UInt32]] = []
        while keys.count < 3_000 {
            let n = 2 + g.below(4)
            let text = (0..<n).map { _ in syllables[g.below(syllables.count)] }.joined()
            let key = text.unicodeScalars.map(\.value)
            if seen.insert(key).inserted { keys.append(key) }
        }
        keys.append(Array("abcdefghijklmnopqrstuvwxyzabcdefghij".unicodeScalars.map(\.value)))
        return keys
    }()

    static let index: FuzzyIndex = {
        var storage: [UInt32] = []
        var starts: [Int32] = [0]
        for key in keys {
            storage += key
            starts.append(Int32(storage.count))
        }
        return FuzzyIndex(storage: storage, starts: starts)
    }()

    /// Queries: keys with one or two typing errors, and strings near nothing.
    static let queries: [[UInt32]] = {
        var g = SplitMix(seed: 7)
        var result: [[UInt32]] = []
        for _ in 0..<1_500 {
            var q = keys[g.below(keys.count)]
            for _ in 0...g.below(2) where q.count > 2 {
                let i = g.below(q.count - 1)
                switch g.below(4) {
                case 0: q.remove(at: i)
                case 1: q.insert(UInt32(0x61 + g.below(26)), at: i)
                case 2: q.swapAt(i, i + 1)
                default: q[i] = UInt32(0x61 + g.below(26))
                }
            }
            result.append(q)
        }
        result += ["qxzvjwkq", "ababababab", "bababa", "kalkalkal"].map { Array($0.unicodeScalars.map(\.value)) }
        return result
    }()

    /// The search as first written: every bigram counted at i − limit … i + limit,
    /// keys listed as their count reaches the threshold, then filtered.
    static func plainSearch(_ index: FuzzyIndex, _ query: [UInt32], limit: Int) -> [(key: Int, distance: Int)] {
        let length = query.count
        let needed = length + 1 - 3 * limit
        guard limit > 0, needed > 0 else { return [] }
        var counters = [Int](repeating: 0, count: index.starts.count - 1)
        var hits: [Int] = []
        FuzzyIndex.forEachBigram(query, 0, length) { a, b, i in
            for keyLength in max(1, length - limit)...(length + limit) {
                for position in max(0, i - limit)...min(keyLength, i + limit) {
                    let bucket = FuzzyIndex.bucket(a, b, position, keyLength)
                    for p in Int(index.bucketStarts[bucket])..<Int(index.bucketStarts[bucket + 1]) {
                        let k = Int(index.postings[p])
                        counters[k] = min(255, counters[k] + 1)
                        if counters[k] == needed { hits.append(k) }
                    }
                }
            }
        }
        return hits.compactMap { k in
            let key = Array(index.storage[Int(index.starts[k])..<Int(index.starts[k + 1])])
            guard abs(key.count - length) <= limit else { return nil }
            return EditDistance.bounded(query, key, limit: limit).map { (k, $0) }
        }
    }

    @Test func fuzzySearchFindsWhatThePlainCountFindsInItsOrder() {
        var compared = 0, several = 0
        for query in Self.queries {
            for limit in 1...3 {
                let found = Self.index.search(query, limit: limit)
                let plain = Self.plainSearch(Self.index, query, limit: limit)
                #expect(found.map(\.key) == plain.map(\.key), "\(query) limit \(limit)")
                #expect(found.map(\.distance) == plain.map(\.distance), "\(query) limit \(limit)")
                compared += 1
                if found.count > 1 { several += 1 }
            }
        }
        // The order only needs working out when there are several results; make sure that happened.
        #expect(several > 100, "\(several) of \(compared)")
    }

    @Test func fuzzySearchMissesNoKeyWithinTheLimit() {
        for query in Self.queries.prefix(300) {
            let limit = EditDistance.threshold(forLength: query.count)
            guard limit > 0 else { continue }
            let found = Set(Self.index.search(query, limit: limit).map(\.key))
            for (k, key) in Self.keys.enumerated() {
                #expect(found.contains(k) == (EditDistance.bounded(query, key, limit: limit) != nil), "\(query) ~ \(key)")
            }
        }
    }

    @Test func keyTableNumbersKeysInOrderOfFirstInsertion() {
        var table = NameKeyTable(capacity: 4)   // grows many times
        var reference: [[UInt32]: Int] = [:]
        var g = SplitMix(seed: 3)
        for _ in 0..<20_000 {
            let key = (0..<(1 + g.below(6))).map { _ in UInt32(0x61 + g.below(5)) }
            let (number, isNew) = key.withUnsafeBufferPointer { table.insert($0) }
            if let known = reference[key] {
                #expect(number == known && !isNew)
            } else {
                #expect(number == reference.count && isNew)
                reference[key] = number
            }
        }
        #expect(table.count == reference.count)
        for (key, number) in reference {
            #expect(table.number(of: key) == number)
            #expect(Array(table.scalars(of: number)) == key)
            #expect(table.length(of: number) == key.count)
        }
        #expect(table.number(of: [0x7A, 0x7A]) == nil)
        #expect(table.number(of: []) == nil)
    }

    @Test func placesAreEqualByTheirFields() {
        func place(_ name: String, population: Int = 5) -> Place {
            Place(id: "x", name: name, nameArabic: "س", alternateNames: ["A", "B"],
                  location: GeoPoint(latitude: 1, longitude: 2), kind: .town, admin1: "a", source: "s", population: population)
        }
        let a = place("Sirt"), b = place("Sirt")
        #expect(a == b && a.hashValue == b.hashValue)
        #expect(a != place("Sirte"))
        #expect(a != place("Sirt", population: 6))
        #expect(Set([a, b, place("Sirte")]).count == 2)
    }

    @Test func nameAtIsAllNamesWithoutTheArray() {
        let withArabic = Place(id: "a", name: "Sirt", nameArabic: "سرت", alternateNames: ["Sirte", "Surt"],
                               location: GeoPoint(latitude: 31, longitude: 16), kind: .city, admin1: "", source: "")
        let without = Place(id: "b", name: "Sirt", nameArabic: "", alternateNames: ["Sirte"],
                            location: GeoPoint(latitude: 31, longitude: 16), kind: .city, admin1: "", source: "")
        for p in [withArabic, without] {
            #expect(p.nameCount == p.allNames.count)
            #expect((0..<p.nameCount).map(p.name(at:)) == p.allNames)
        }
    }

    /// A name's Arabic key is its words' keys one after another, each word
    /// without its article, wherever the word stands (the key is now built in
    /// place, the article cut out of the buffer at the word's start).
    @Test(arguments: ["العُربان", "والعربان", "للعربان", "بال قره بوللي", "الوطية القرية", "ال", "وال", "الله",
                      "سوق الخميس، امسيحل", "أبو قرين", "ببب", "مطار طرابلس الدولي", "ك ك", "الـعربان", "بالعربان2 الالف"])
    func arabicKeysAreTheKeysOfTheirWords(_ name: String) {
        let words = name.split(whereSeparator: { $0 == " " || $0 == "،" })
        let expected = words.flatMap { NameKey(String($0)).scalars }
        #expect(NameKey(name).scalars == expected, "\(name)")
    }
}

extension SplitMix {
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
}

/// The fuzzy index is built by the first lookup that needs it, whichever
/// thread that is; lookups racing to build it must all get the same answers.
@Suite struct LazyFuzzyIndexTests {
    static let misspelt = ["Tarhxuna", "Misrrata", "Sirtte", "Ghadmes", "Zawiyya", "Ajdabyia", "Bani Walid", "Gharyn",
                           "ترهنة", "مصرته", "Qasr bin Ghashr", "Khomz", "Zuwarha", "Sabrathaa", "Brak al Shati"]

    @Test func exactAndNormalisedLookupsDoNotBuildIt() {
        let fresh = Gazetteer(places: TestData.libya.places)
        _ = fresh.resolve("Tarhuna")
        _ = fresh.resolve("TARHOUNA")
        _ = fresh.resolve("Tr")   // too short for any edit
        #expect(!fresh.fuzzyIndexIsBuilt)
        _ = fresh.resolve("Tarhxuna")
        #expect(fresh.fuzzyIndexIsBuilt)
    }

    @Test func concurrentFirstLookupsAgree() async {
        let expected = Self.misspelt.map { TestData.libya.resolve($0) }
        for _ in 0..<20 {
            // A fresh gazetteer each round, so that the lookups race to build its index.
            let fresh = Gazetteer(places: TestData.libya.places)
            let answers = await withTaskGroup(of: (Int, Resolution).self) { group in
                for (i, name) in Self.misspelt.enumerated() { group.addTask { (i, fresh.resolve(name)) } }
                var answers = [Resolution?](repeating: nil, count: Self.misspelt.count)
                for await (i, r) in group { answers[i] = r }
                return answers
            }
            for (i, answer) in answers.enumerated() {
                #expect(answer?.match == expected[i].match, "\(Self.misspelt[i])")
                #expect(answer?.alternatives == expected[i].alternatives, "\(Self.misspelt[i])")
            }
        }
        #expect(expected.contains { $0.match?.method == .fuzzy })
    }

    @Test func whitespaceShortcutAgreesWithTheUnicodeProperty() {
        for v in Array(0x00...0x7F) + Array(0x0600...0x06FF) + [0x85, 0xA0, 0x2000, 0x200B, 0x3000] {
            let scalar = Unicode.Scalar(UInt32(v))!
            #expect(Gazetteer.isWhitespace(scalar) == scalar.properties.isWhitespace, "\(v)")
        }
    }

    @Test func plainArabicLettersAreAlphabetic() {
        // The Arabic normaliser keeps these without asking the Unicode tables.
        for v in Array(0x0620...0x063F) + Array(0x0641...0x064A) {
            #expect(Unicode.Scalar(UInt32(v))!.properties.isAlphabetic, "\(v)")
        }
    }
}
