import FrontlineCore
import Gazetteer
import Timeline

/// Finds candidate control events in news text, Arabic or English.
///
/// The reading is shallow and rule-based, in the order a careful reader goes:
/// sentences, clauses (cut at commas and at فيما / بينما / but), the places a
/// clause names, the control word that makes it a claim, the side that acts
/// (after the verb, before it, or carried over from the clause or sentence
/// before), what qualifies it (negation, denial, failure, plan, past), how much
/// of the place (بالكامل or أطراف), and its date. Words come from the theatre's
/// ``Lexicon``; nothing here names a place, a faction or a verb.
///
/// A value: build it once per theatre (it indexes every gazetteer name) and
/// use it from any thread.
public struct Extractor: Sendable {
    public let lexicon: Lexicon
    let index: PlaceIndex

    public init(gazetteer: Gazetteer, lexicon: Lexicon) {
        self.lexicon = lexicon
        index = PlaceIndex(gazetteer: gazetteer, lexicon: lexicon)
    }

    /// Every claim of an article, flagged ones included (``Claim/flags``), in
    /// text order, one per place, side, date and flags. `outlet` is the
    /// citation (`--source`), which can tell which side "the Libyan army" is.
    public func claims(in text: String, article: String, published: Day, outlet: String? = nil) -> [Claim] {
        let sentences = Tokenizer.sentences(of: text).map { analyse($0, published: published) }
        var context = ArticleContext()
        for s in sentences {
            for m in s.terms {
                for e in m.entries where lexicon.entries[e].termClass == .pejorative {
                    context.insulted[lexicon.entries[e].value, default: 0] += 1
                }
                for e in m.entries where lexicon.entries[e].termClass == .outlet { context.outletSide = context.outletSide ?? lexicon.entries[e].value }
            }
        }
        if let outlet {
            for s in Tokenizer.sentences(of: outlet) {
                let tokens = s.tokens
                for m in lexicon.terms(in: tokens, taken: Array(repeating: false, count: tokens.count)) {
                    for e in m.entries where lexicon.entries[e].termClass == .outlet { context.outletSide = lexicon.entries[e].value }
                }
            }
        }
        var result: [Claim] = []
        var seen: [String: Int] = [:]
        for s in sentences {
            for claim in read(s, context: &context, article: article, published: published) {
                let key = "\(claim.place.id)|\(claim.controllerAfter)|\(claim.date)|\(claim.flags.map(\.rawValue))"
                if let i = seen[key] {
                    if claim.confidence > result[i].confidence { result[i] = claim }
                } else {
                    seen[key] = result.count
                    result.append(claim)
                }
            }
        }
        // A withdrawal that names no successor adds nothing when the article says who holds the place.
        return result.filter { c in
            c.controllerAfter != .unknown || !result.contains { $0.place == c.place && $0.flags.isEmpty && $0.controllerAfter.factionID != nil }
        }
    }

    /// The places an article names, claim or not, in text order, each once.
    public func places(in text: String) -> [Place] {
        var seen = Set<String>(), result: [Place] = []
        for s in Tokenizer.sentences(of: text) {
            for m in index.mentions(in: s.tokens, lexicon: lexicon) where seen.insert(index.places[m.place].id).inserted {
                result.append(index.places[m.place])
            }
        }
        return result
    }

    // MARK: - One sentence

    /// What the reading of earlier sentences hands on.
    struct ArticleContext {
        /// The side that last acted: the subject of a clause with no actor of its own.
        var lastSubject: String?
        var lastClaimant: String?
        /// How often the article insults each side (مليشيات حفتر): its outlet's stance.
        var insulted: [String: Int] = [:]
        var outletSide: String?
    }

    struct Analysis {
        let sentence: Sentence
        let mentions: [Mention]
        let terms: [TermMatch]
        let dates: [DateMention]
        let clauses: [Range<Int>]
        var tokens: [Token] { sentence.tokens }
    }

    func analyse(_ sentence: Sentence, published: Day) -> Analysis {
        let tokens = sentence.tokens
        // A place name inside a longer actor name ("the Tripoli government",
        // "قوات حكومة طرابلس") names a side, not a place: the actor wins.
        let actors = lexicon.terms(in: tokens, taken: Array(repeating: false, count: tokens.count)).filter { t in
            t.end - t.start > 1 && t.entries.contains { [.actor, .spokesman].contains(lexicon.entries[$0].termClass) }
        }
        let mentions = index.mentions(in: tokens, lexicon: lexicon).filter { m in
            !actors.contains { $0.start <= m.start && m.end <= $0.end && $0.end - $0.start > m.end - m.start }
        }
        var taken = Array(repeating: false, count: tokens.count)
        for m in mentions { for i in m.start..<m.end { taken[i] = true } }
        let terms = lexicon.terms(in: tokens, taken: taken)
        let dates = DateResolver.dates(in: tokens, terms: terms, lexicon: lexicon, published: published)
        var cuts = tokens.indices.filter { tokens[$0].isBreak }
        for m in terms where m.entries.contains(where: { lexicon.entries[$0].termClass == .clauseBreak }) { cuts.append(m.start) }
        cuts.sort()
        var clauses: [Range<Int>] = []
        var start = 0
        for c in cuts {
            if c > start { clauses.append(start..<c) }
            start = c + (tokens[c].isBreak ? 1 : 0)
        }
        if start < tokens.count { clauses.append(start..<tokens.count) }
        // "دخلت قوات الوفاق، مساء أمس الجمعة، مدينة بني وليد": a date set off by commas
        // does not cut the verb from its object.
        let dateWords = Set(dates.flatMap { Array($0.start..<$0.end) })
        var merged: [Range<Int>] = []
        var k = 0
        while k < clauses.count {
            let c = clauses[k]
            let onlyDate = !c.isEmpty && c.filter({ !dateWords.contains($0) }).count <= 1 && c.contains(where: dateWords.contains)
            if onlyDate, let previous = merged.last, k + 1 < clauses.count {
                merged[merged.count - 1] = previous.lowerBound..<clauses[k + 1].upperBound
                k += 2
                continue
            }
            merged.append(c)
            k += 1
        }
        clauses = merged
        return Analysis(sentence: sentence, mentions: mentions, terms: terms, dates: dates, clauses: clauses)
    }

    func has(_ m: TermMatch, _ c: TermClass) -> Bool { m.entries.contains { lexicon.entries[$0].termClass == c } }
    func value(_ m: TermMatch, _ c: TermClass) -> String? {
        m.entries.first { lexicon.entries[$0].termClass == c }.map { lexicon.entries[$0].value }
    }

    static let actorClasses: [TermClass] = [.actor, .ambiguousActor, .ownForces, .pejorative, .spokesman]

    func isActor(_ m: TermMatch) -> Bool { Self.actorClasses.contains { has(m, $0) } }

    /// A side named by an actor term, and how much less sure that makes the reading.
    func side(of m: TermMatch, in a: Analysis, claimant: String?, context: ArticleContext) -> (String, Double)? {
        for c in [TermClass.actor, .spokesman, .pejorative] { if let v = value(m, c) { return (v, 0) } }
        if has(m, .ownForces) { return (claimant ?? context.lastSubject).map { ($0, 0.1) } }
        guard has(m, .ambiguousActor) else { return nil }
        // "الجيش الليبي التابع لحكومة الوفاق": a named side right after it.
        if let next = a.terms.first(where: { $0.start >= m.end && $0.start < m.end + 4 && has($0, .actor) }), let v = value(next, .actor) {
            return (v, 0.05)
        }
        if let claimant { return (claimant, 0.05) }
        // An outlet that calls one side militias calls the other the army.
        if let (insulted, _) = context.insulted.max(by: { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }),
           let other = lexicon.opponent(of: insulted) {
            return (other, 0.15)
        }
        if let outlet = context.outletSide { return (outlet, 0.2) }
        return nil
    }

    /// The side making the sentence's claims: its spokesman, the side its
    /// sources or statement belong to, or the speaker of the sentence before
    /// for a continuation (وأضاف).
    ///
    /// Only frames before the end of `limit` count ("قال المسماري إن …" owns
    /// what follows it, not a clause before it), unless the sentence ends in
    /// one ("…, the GNA said").
    func claimant(of a: Analysis, context: ArticleContext, before limit: Int? = nil) -> String? {
        if let limit {
            if let s = claimant(of: a, terms: a.terms.filter { $0.start < limit }, context: context) { return s }
            // A trailing attribution: the last clause speaks and claims nothing itself.
            guard let last = a.clauses.last, last.lowerBound >= limit,
                  a.terms.contains(where: { last.contains($0.start) && (has($0, .say) || has($0, .spokesman)) }),
                  !a.terms.contains(where: { last.contains($0.start) && $0.entries.contains { lexicon.entries[$0].termClass.isControl } })
            else { return nil }
            return claimant(of: a, terms: a.terms.filter { last.contains($0.start) }, context: context)
        }
        return claimant(of: a, terms: a.terms, context: context)
    }

    func claimant(of a: Analysis, terms: [TermMatch], context: ArticleContext) -> String? {
        for m in terms where has(m, .spokesman) { return value(m, .spokesman) }
        func sideAfter(_ m: TermMatch, within n: Int) -> String? {
            for other in terms where other.start >= m.end && other.start < m.end + n && isActor(other) && !has(other, .ownForces) {
                // Reported speech starts at إن / أن / that: a side named after it is the subject, not the speaker.
                if a.tokens[m.end..<other.start].contains(where: { $0.keys.first == "ان" || $0.keys.first == "that" }) { return nil }
                return side(of: other, in: a, claimant: nil, context: context)?.0
            }
            return nil
        }
        for m in terms where has(m, .sourceWord) { if let s = sideAfter(m, within: 6) { return s } }
        for m in terms where has(m, .say) { if let s = sideAfter(m, within: 3) { return s } }
        // English: "the GNA said", "LNA spokesman Ahmed al-Mismari said".
        for m in terms where isActor(m) && !has(m, .ownForces) {
            if terms.contains(where: { ($0.start >= m.end && $0.start < m.end + 4) && (has($0, .say) || has($0, .sourceWord)) }) {
                return side(of: m, in: a, claimant: nil, context: context)?.0
            }
        }
        if let first = terms.first, first.start <= 1, has(first, .say) { return context.lastClaimant }
        return nil
    }

    /// Reads one sentence; updates what the next sentence inherits.
    func read(_ a: Analysis, context: inout ArticleContext, article: String, published: Day) -> [Claim] {
        let claimant = claimant(of: a, context: context)   // the sentence's, for the next sentence
        var claims: [Claim] = []
        var sentenceSubject: String? = nil
        var previousClause: (controller: Control, action: EventAction, trigger: TermMatch, subject: String?, flags: [ClaimFlag], confidence: Double)? = nil
        for (ci, clause) in a.clauses.enumerated() {
            let triggers = a.terms.filter { clause.contains($0.start) && $0.entries.contains { lexicon.entries[$0].termClass.isControl } }
            if triggers.isEmpty {
                // "…غرب سرت، وجارف والقبيبة جنوبها": a clause that is only more places
                // joined by و shares the claim of the clause before.
                let claimant = self.claimant(of: a, context: context, before: clause.upperBound)
                // English lists too: "seized al-Ajaylat, Regdalin and Zaltan".
                let listed = { (m: Mention) in a.tokens[m.start].isLatin && ci > 0
                    && claims.contains { c in a.mentions.contains { $0.end == a.clauses[ci - 1].upperBound && a.tokens[$0.start].isLatin && self.index.places[$0.place] == c.place } } }
                if let p = previousClause, let first = a.mentions.first(where: { clause.contains($0.start) }),
                   first.coordinated || listed(first), first.start == clause.lowerBound {
                    for m in a.mentions where clause.contains(m.start) && !isReference(m, in: a, objectStart: clause.lowerBound) {
                        claims.append(makeClaim(m, a, controller: p.controller, action: p.action, trigger: p.trigger, scope: "",
                                                confidence: p.confidence, flags: p.flags, claimant: claimant, article: article, published: published))
                    }
                }
                continue
            }
            let claimant = self.claimant(of: a, context: context, before: clause.upperBound)
            for t in triggers {
                guard let c = lexicon.entries[t.entries.first { lexicon.entries[$0].termClass.isControl }!].termClass as TermClass? else { continue }
                let reading = interpret(t, as: c, clause: clause, clauseIndex: ci, in: a, claimant: claimant, context: context,
                                        sentenceSubject: sentenceSubject)
                for r in reading {
                    let flags = self.flags(for: t, clause: clause, in: a, date: date(for: t, clause: clause, in: a, published: published))
                    let f = r.flags.isEmpty ? flags : r.flags
                    for m in r.places {
                        claims.append(makeClaim(m, a, controller: r.controller, action: r.action, trigger: t, scope: r.scope,
                                                confidence: r.confidence, flags: f, claimant: claimant, article: article, published: published))
                    }
                    if !r.places.isEmpty { previousClause = (r.controller, r.action, t, r.subject, f, r.confidence) }
                }
                if let s = reading.first?.subject { sentenceSubject = s }
            }
        }
        if let s = sentenceSubject ?? claimant { context.lastSubject = s }
        if claimant != nil { context.lastClaimant = claimant }
        return claims
    }

    struct Reading {
        var places: [Mention]
        var controller: Control
        var action: EventAction
        var scope: String
        var confidence: Double
        var subject: String?
        var flags: [ClaimFlag] = []
    }

    var contested: Control { lexicon.sides.count >= 2 ? .contested(lexicon.sides.sorted()) : .unknown }

    /// What one control word of a clause claims, for which places.
    func interpret(_ t: TermMatch, as c: TermClass, clause: Range<Int>, clauseIndex: Int, in a: Analysis,
                   claimant: String?, context: ArticleContext, sentenceSubject: String?) -> [Reading] {
        let actors = a.terms.filter { isActor($0) }
        let after = actors.filter { $0.start >= t.end && $0.start < t.end + 3 && clause.contains($0.start) }
        let english = a.tokens[t.start].isLatin
        let passive = english && a.terms.contains { has($0, .passive) && $0.end <= t.start && $0.end >= t.start - 2 }
        var penalty = 0.0
        func sideOf(_ m: TermMatch) -> String? {
            guard let (s, p) = side(of: m, in: a, claimant: claimant, context: context) else { return nil }
            penalty = max(penalty, p)
            return s
        }
        // The side that acts: after the verb (Arabic order), before it, or the one
        // that acted last in this sentence or the one before.
        func subject(skippingAfter: Bool = false) -> String? {
            if passive {
                // "X was captured by GNA forces"
                if let by = actors.first(where: { $0.start >= t.end && $0.start < t.end + 4 }) { return sideOf(by) }
            } else if !skippingAfter, !english, let first = after.first, let s = sideOf(first) { return s }
            if let before = actors.last(where: { $0.end <= t.start && $0.end >= t.start - 4 && clause.contains($0.start) }), let s = sideOf(before) {
                return s
            }
            if let s = sentenceSubject { penalty = max(penalty, 0.05); return s }
            // The subject of the sentence, named in an earlier clause (وتواصل قوات حفتر …، حيث … وخسرت).
            if let earlier = actors.last(where: { $0.end <= t.start && !has($0, .spokesman) }), let s = sideOf(earlier) {
                penalty = max(penalty, 0.05)
                return s
            }
            if let s = context.lastSubject { penalty = max(penalty, 0.1); return s }
            if let s = claimant { penalty = max(penalty, 0.15); return s }
            return nil
        }
        let objectStart = english && !passive ? (after.first.map { _ in t.end } ?? t.end) : (after.last?.end ?? t.end)
        // A repelled attack's object runs on past the attack's own purpose (صد هجوما للسيطرة على X).
        var (objects, scope) = objectPlaces(of: t, from: objectStart, clause: clause, in: a, passive: passive,
                                            stopAtNextControl: ![.repel, .deny].contains(c))
        let whole = a.terms.contains { has($0, .scopeWhole) && clause.contains($0.start) && $0.start >= t.start - 2 && $0.start <= (objects.last?.end ?? t.end) + 3 }
        if scope.isEmpty && whole { scope = "whole" }
        let bonus = scope == "whole" ? 0.1 : 0
        func reading(_ places: [Mention], _ controller: Control?, _ action: EventAction, _ base: Double, _ subject: String?) -> [Reading] {
            guard let controller, !places.isEmpty else { return [] }
            let confidence = min(0.95, max(0.05, base + bonus - penalty))
            return [Reading(places: places, controller: controller, action: action, scope: scope, confidence: confidence, subject: subject)]
        }
        let toward = objects.filter { isDestination($0, in: a) }
        let targets = objects.filter { !isDestination($0, in: a) }
        switch c {
        case .gain:
            let s = subject()
            return reading(targets, scope == "part" ? contested : s.map(Control.faction), scope == "part" ? .contest : .capture, 0.8, s)
        case .weak:
            let s = subject()
            // "دخلت … بلدتي تيجي وبدر …، دون أي مواجهات": entered without a fight is taken.
            let upgraded = a.terms.contains { has($0, .upgrade) && $0.start >= t.end && $0.start < t.end + 20 }
            if upgraded, scope != "part", let s { return reading(targets, .faction(s), .capture, 0.7, s) }
            return reading(targets, contested, .contest, 0.6, s)
        case .loss:
            let s = subject()
            // "أعادت التمركز في منطقة X": the side now stands at X.
            let at = targets.filter { isLocation($0, in: a) }
            let from = targets.filter { !isLocation($0, in: a) }
            var out = reading(at, s.map(Control.faction), .hold, 0.5, s)
            let other = s.flatMap(lexicon.opponent(of:))
            let named = other.map { o in actors.contains { clause.contains($0.start) && !has($0, .ownForces) && sideOf($0) == o } } ?? false
            out += reading(from, named ? other.map(Control.faction) : .unknown, .withdraw, 0.6, s)
            _ = toward
            return out
        case .lose:
            let s = subject()
            return reading(targets, s.flatMap(lexicon.opponent(of:)).map(Control.faction), .capture, 0.7, s)
        case .expel:
            // "طرد بقايا قوات حفتر من X": the side after the verb is the one expelled.
            // "طرد بقايا قوات حفتر من X": one side after the verb, then من: the expelled.
            // "طردت قوات الوفاق قوات حفتر من X": two sides: who expels, then who is expelled.
            let named = actors.filter { $0.start >= t.end && $0.start < t.end + 6 && clause.contains($0.start) }
            var winner: String? = nil, loser: String? = nil
            if named.count >= 2 {
                winner = sideOf(named[0]); loser = sideOf(named[named.count - 1])
            } else if let only = named.first {
                // After a verbal noun (عن طرد، من إنهاء وجود، الطرد) the side named is its object; after
                // a verb, its subject, unless من follows it (طردت قوات حفتر من: passive reading).
                let next = a.tokens.indices.contains(only.end) ? a.tokens[only.end].keys.first ?? "" : ""
                let noun = (t.start > 0 && a.terms.contains { $0.end == t.start && has($0, .preposition) })
                    || a.tokens[t.start].light.first?.hasPrefix("ال") == true
                if english || noun || ["من", "from", "out"].contains(next) { loser = sideOf(only) } else { winner = sideOf(only) }
            }
            if winner == nil { winner = subject(skippingAfter: true) }
            if winner == nil || winner == loser { winner = loser.flatMap(lexicon.opponent(of:)) }
            return reading(targets, winner.map(Control.faction), .capture, 0.8, winner)
        case .repel:
            let s = subject()
            var out = reading(targets, s.map(Control.faction), .hold, 0.55, s)
            if var failed = reading(targets, s.flatMap(lexicon.opponent(of:)).map(Control.faction), .capture, 0.3, nil).first {
                failed.flags = [.failed]
                out.append(failed)
            }
            return out
        case .deny:
            // The denied claim is read from its own control word; the denier holds the place.
            let inner = a.terms.filter { $0.start >= t.end && $0.start < t.end + 10 && clause.contains($0.start)
                && $0.entries.contains { [.gain, .weak, .expel].contains(lexicon.entries[$0].termClass) } }
            guard let claimWord = inner.first else { return [] }
            // The denier: between the verb and the denied claim (نفى المسماري سيطرة …), or before the
            // verb (قنونو نفى، the GNA denied), or the speaker; not the side named in the claim.
            let between = actors.first { $0.start >= t.end && $0.end <= claimWord.start }
            let before = actors.last { $0.end <= t.start && $0.end >= t.start - 4 }
            let denier = (english ? (before ?? between) : (between ?? before)).flatMap(sideOf) ?? claimant
            let (places, _) = objectPlaces(of: claimWord, from: claimWord.end, clause: clause, in: a, passive: false, stopAtNextControl: false)
            let claimedBy = actors.first { $0.start >= claimWord.end && $0.start < claimWord.end + 3 }.flatMap(sideOf)
            guard let denier, claimedBy != denier else { return [] }
            return reading(places, .faction(denier), .hold, 0.45, denier)
        case .fighting:
            // "محاور القتال" names a front, it does not report fighting.
            if a.terms.contains(where: { $0.end == t.start && has($0, .frontWord) }) { return [] }
            guard let first = targets.first, first.start - t.end <= 4 else { return [] }
            return reading(targets, contested, .contest, 0.5, nil)
        case .holds:
            // "تحت سيطرة قوات حفتر", "the LNA still holds Tarhuna": a state, not a change.
            let genitive = actors.first { $0.start >= t.end && $0.start < t.end + 3 }
            guard let holder = genitive.flatMap(sideOf) ?? subject(skippingAfter: true) else { return [] }
            var places = targets
            if places.isEmpty {
                // "قاعدة الوطية، التي لا تزال تحت سيطرة …": the place the clause hangs on.
                places = Array(a.mentions.filter { $0.end <= t.start && !isReference($0, in: a, objectStart: 0) }.suffix(1))
            }
            return reading(places, .faction(holder), .hold, 0.55, holder)
        case .stronghold, .positions:
            // "آخر معقل لقوات حفتر", "مواقع قوات الوفاق بالمنطقة": the side named after the word holds the place.
            guard let holder = actors.first(where: { $0.start >= t.end && $0.start < t.end + 4 }).flatMap(sideOf) else { return [] }
            var places = c == .positions
                ? a.mentions.filter { clause.contains($0.start) && !isReference($0, in: a, objectStart: clause.lowerBound) }
                : targets
            // "… في أجواء منطقة أبو قرين، دون توجيه ضربات لمواقع قوات الوفاق في المنطقة"
            if places.isEmpty, c == .positions, clauseIndex > 0 {
                let previous = a.clauses[clauseIndex - 1]
                places = a.mentions.filter { previous.contains($0.start) && !isReference($0, in: a, objectStart: previous.lowerBound) }
            }
            if places.isEmpty, c == .stronghold, clauseIndex > 0,
               let previous = a.mentions.last(where: { $0.end == clause.lowerBound - 1 }) {
                places = [previous]   // "… مدينة ترهونة، آخر مركز رئيسي لقوات حفتر"
            }
            return reading(places, .faction(holder), .hold, c == .stronghold ? 0.6 : 0.5, nil)
        default:
            return []
        }
    }

    /// The places a control word is about, and the scope words before them.
    ///
    /// The first place within six words of where the object starts (after the
    /// verb and its subject), then every place joined to it by و or a list;
    /// a place that only locates another (غرب سرت, محاور القتال في طرابلس) is
    /// skipped. With no place after the word, a pronoun on it (سيطرتها عليه)
    /// points back to the last place before it.
    func objectPlaces(of t: TermMatch, from objectStart: Int, clause: Range<Int>, in a: Analysis, passive: Bool,
                      stopAtNextControl: Bool = true) -> ([Mention], String) {
        let stop = !stopAtNextControl ? clause.upperBound : a.terms.first { $0.start >= t.end && clause.contains($0.start) && $0.entries.contains { lexicon.entries[$0].termClass.isControl } }?.start ?? clause.upperBound
        // A place after the next control word is that word's object.
        let inClause = a.mentions.filter { clause.contains($0.start) && ($0.start < stop || $0.end <= t.start) }
        var scope = ""
        if passive {
            if let m = inClause.last(where: { $0.end <= t.start && t.start - $0.end <= 4 }) { return ([m], scope) }
            return ([], scope)
        }
        var result: [Mention] = []
        // Words between the verb and its object, dates not counted (سيطرت في 26 يونيو 2019 على …).
        func distance(_ m: Mention) -> Int {
            (objectStart..<m.start).filter { i in !a.dates.contains { $0.start <= i && i < $0.end } }.count
        }
        if let first = inClause.first(where: { $0.start >= objectStart && distance($0) <= 6 && !isReference($0, in: a, objectStart: objectStart) }),
           !inClause.contains(where: { $0.start >= objectStart && $0.start < first.start && !isReference($0, in: a, objectStart: objectStart) }) {
            if a.terms.contains(where: { has($0, .scopePart) && $0.start >= objectStart && $0.end <= first.start }) { scope = "part" }
            result.append(first)
            var last = first.end
            for m in inClause where m.start > first.start {
                guard m.start - last <= 3 else { break }
                last = m.end
                if isReference(m, in: a, objectStart: objectStart) { continue }
                let gap = a.tokens[result.last!.end..<m.start]
                // Joined by و (also و + a preposition: وفي مدينة X) or a list; not a place
                // that only locates the others (… في منطقة الجبل الغربي).
                let joined = m.coordinated || gap.contains { $0.clitics.count > 1 && $0.clitics[1] == "و" } || gap.contains { ["و", "and"].contains($0.keys.first ?? "") || $0.isBreak }
                    || (gap.isEmpty)
                if joined && gap.allSatisfy({ tok in ["و", "and"].contains(tok.keys.first ?? "") || tok.isBreak || isPlaceWord(tok) || tok.clitics.count > 1 && tok.clitics[1] == "و" }) {
                    result.append(m)
                }
            }
            return (result, scope)
        }
        // A pronoun object: سيطرتها الكاملة عليه، استعادتهما.
        let pronouns: Set<String> = ["عليه", "عليها", "منها", "فيها", "منه", "فيه", "عليهما", "it", "them"]
        let window = a.tokens[t.start..<min(clause.upperBound, t.end + 3)]
        let dual = Tokenizer.lightFold(a.tokens[t.end - 1].surface).hasSuffix("هما")
        let pointsBack = dual || window.contains { pronouns.contains(Tokenizer.lightFold($0.surface)) }
            || ["ها", "ه"].contains { Tokenizer.lightFold(a.tokens[t.end - 1].surface).hasSuffix($0) }
        guard pointsBack else { return ([], scope) }
        let before = inClause.filter { $0.end <= t.start && !isReference($0, in: a, objectStart: clause.lowerBound) }
        return (Array(before.suffix(dual ? 2 : 1)), scope)
    }

    func isPlaceWord(_ token: Token) -> Bool {
        token.keys.contains { key in (lexicon.byFirstWord[ByteKey(key)] ?? []).contains { lexicon.entries[$0].termClass == .placeWord && lexicon.entries[$0].words.count == 1 } }
    }

    /// The word before a place, past any place words (مدينة، العاصمة), or nil at the clause start.
    func wordBefore(_ m: Mention, in a: Analysis, skippingFrontWords: Bool = true) -> (index: Int, term: TermMatch?)? {
        var i = m.start - 1
        while i >= 0, !a.tokens[i].isBreak {
            let term = a.terms.first { $0.start <= i && i < $0.end }
            if let term, has(term, .placeWord), skippingFrontWords || !has(term, .frontWord) { i = term.start - 1; continue }
            return (i, term)
        }
        return nil
    }

    /// A place named only to locate something else: after a compass word
    /// (غرب سرت، جنوب العاصمة طرابلس, south of Tripoli) or inside the area a
    /// front word names (محاور القتال في طرابلس).
    func isReference(_ m: Mention, in a: Analysis, objectStart: Int) -> Bool {
        if let (_, term) = wordBefore(m, in: a), let term, has(term, .compass) { return true }
        // English "south of Tripoli": compass, then "of".
        if m.start >= 2, a.tokens[m.start - 1].keys.first == "of",
           let term = a.terms.first(where: { $0.end == m.start - 1 }), has(term, .compass) { return true }
        // "محاور القتال في طرابلس": in (في، ب، in) after the front word makes the place its container;
        // "محاور الشعافين والقره بوللي" names the fronts themselves.
        let container = m.start > 0 && (a.tokens[m.start].clitics.last?.contains("ب") ?? false)
        for f in a.terms where has(f, .frontWord) && f.start >= objectStart && f.end < m.start {
            let between = a.tokens[f.end..<m.start]
            if container || between.contains(where: { ["في", "in", "inside"].contains($0.keys.first ?? "") }) { return true }
        }
        return false
    }

    /// After a word of direction (باتجاه، نحو, towards): where a side heads, not what it takes.
    func isDestination(_ m: Mention, in a: Analysis) -> Bool {
        guard let (_, term) = wordBefore(m, in: a), let term else { return false }
        return has(term, .toward)
    }

    /// After في without a front word (في منطقة X, not في محور X): where a side stands.
    func isLocation(_ m: Mention, in a: Analysis) -> Bool {
        guard let (i, term) = wordBefore(m, in: a, skippingFrontWords: false) else { return false }
        if let term, has(term, .frontWord) { return false }
        return a.tokens[i].keys.first == "في" || a.tokens[i].keys.first == "in" || a.tokens[i].keys.first == "at"
    }

    /// What keeps a claim from being a claim of a new state.
    func flags(for t: TermMatch, clause: Range<Int>, in a: Analysis, date: DateMention?) -> [ClaimFlag] {
        var flags: [ClaimFlag] = []
        func window(_ m: TermMatch, _ c: TermClass) -> Bool {
            guard has(m, c), m.end <= t.start else { return false }
            guard let v = value(m, c), let n = Int(v) else { return clause.contains(m.start) }
            return t.start - m.end < n && (clause.contains(m.start) || c == .deny)
        }
        let before = a.terms.filter { $0.end <= t.start && $0.start >= (clause.contains($0.start) ? clause.lowerBound : max(0, t.start - 12)) }
        if before.contains(where: { window($0, .deny) }) { flags.append(.denied) }
        if before.contains(where: { window($0, .negation) }) { flags.append(.negated) }
        if before.contains(where: { window($0, .failure) }) { flags.append(.failed) }
        let action = t.entries.contains { [.gain, .weak, .expel, .loss, .lose].contains(lexicon.entries[$0].termClass) }
        // ل before a verbal noun (لاقتحام، للسيطرة: the key of لل- has lost the ل) says "in order to".
        let first = a.tokens[t.start]
        let lam = t.clitics.contains("ل")
            || (first.light.first?.hasPrefix("لل") == true && first.keys.first?.hasPrefix("ل") == false)
        let purpose = (action && lam)
            || (t.start > 0 && ["to"].contains(a.tokens[t.start - 1].keys.first ?? ""))
        if purpose || before.contains(where: { window($0, .hypothetical) }) { flags.append(.hypothetical) }
        let state = t.entries.contains { [.holds, .stronghold, .positions].contains(lexicon.entries[$0].termClass) }
        // "وكان الطيران قد حلّق": كان … قد is the narrative pluperfect, not a past state.
        func pastState(_ m: TermMatch) -> Bool {
            state && has(m, .pastState) && !a.tokens[m.end..<t.start].contains { $0.keys.first == "قد" }
        }
        if before.contains(where: { (has($0, .past) || pastState($0)) && clause.contains($0.start) })
            || (date?.agoDays ?? 0) >= 180 { flags.append(.past) }
        return flags
    }

    /// The date expression nearest the control word: in its clause, else in its sentence.
    func date(for t: TermMatch, clause: Range<Int>, in a: Analysis, published: Day) -> DateMention? {
        func distance(_ d: DateMention) -> Int { d.start >= t.end ? d.start - t.end : t.start - d.end }
        return a.dates.filter { clause.contains($0.start) }.min { distance($0) < distance($1) }
            ?? a.dates.min { distance($0) < distance($1) }
    }

    /// The sentence; for a run-on "sentence" (no full stops for hundreds of words), the words
    /// around the control word, so that a quote stays something a person reads.
    func quote(around t: TermMatch, clause: Range<Int>, in a: Analysis) -> String {
        guard a.sentence.text.unicodeScalars.count > 600 else { return a.sentence.text }
        let from = max(clause.lowerBound, t.start - 30), to = min(clause.upperBound, t.end + 30)
        let words = a.tokens[from..<to].map(\.surface).joined(separator: " ")
        return (from > 0 ? "… " : "") + words + (to < a.tokens.count ? " …" : "")
    }

    func makeClaim(_ m: Mention, _ a: Analysis, controller: Control, action: EventAction, trigger t: TermMatch, scope: String,
                   confidence: Double, flags: [ClaimFlag], claimant: String?, article: String, published: Day) -> Claim {
        let clause = a.clauses.first { $0.contains(t.start) } ?? 0..<a.tokens.count
        let d = date(for: t, clause: clause, in: a, published: published)
        return Claim(place: index.places[m.place], controllerAfter: controller, from: nil, action: action,
                     date: d?.day ?? published, datePrecision: d?.precision ?? .publication, claimedBy: claimant,
                     quote: quote(around: t, clause: clause, in: a), trigger: a.tokens[t.start..<t.end].map(\.surface).joined(separator: " "),
                     scope: scope, confidence: (confidence * 100).rounded() / 100, known: false, flags: flags,
                     article: article, placeText: a.tokens[m.start..<m.end].map(\.surface).joined(separator: " "))
    }
}

extension Extractor {
    /// How the extractor reads a text, sentence by sentence: the clauses, and in
    /// each the places `[…]` and terms `<class:words>` it found. For tuning a
    /// lexicon (`frontline extract --explain`).
    public func explain(_ text: String, published: Day) -> String {
        var out = ""
        for s in Tokenizer.sentences(of: text) {
            let a = analyse(s, published: published)
            var marks: [Int: String] = [:], ends: [Int: String] = [:]
            for m in a.mentions {
                marks[m.start, default: ""] += "["
                ends[m.end - 1, default: ""] += "=\(index.places[m.place].id)]"
            }
            for t in a.terms {
                let classes = Set(t.entries.map { lexicon.entries[$0].termClass.rawValue }).sorted().joined(separator: ",")
                marks[t.start, default: ""] += "<\(classes):"
                ends[t.end - 1, default: ""] += ">"
            }
            for d in a.dates { ends[d.end - 1, default: ""] += "{\(d.day) \(d.precision.rawValue)}" }
            let words = a.tokens.enumerated().map { i, tok in (marks[i] ?? "") + tok.surface + (ends[i] ?? "") }
            out += words.joined(separator: " ") + "\n"
        }
        return out
    }
}
