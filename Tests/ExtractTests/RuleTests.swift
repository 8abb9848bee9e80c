import Foundation
import Testing
import FrontlineCore
import Gazetteer
import Timeline
@testable import Extract

/// One test per rule of reading, on sentences written for the test.
@Suite struct RuleTests {
    func flags(_ text: String, _ place: String, date: String = "2020-06-10") -> [[ClaimFlag]] {
        Libya.claims(text, date: date).filter { $0.place.id == place }.map(\.flags)
    }

    @Test func gainVerbsCapture() {
        #expect(Libya.plain("وسيطرت قوات الوفاق على مدينة غريان.") == ["gharyan=gna"])
        #expect(Libya.plain("أحكمت قوات حفتر سيطرتها على مدينة مزدة.") == ["mizdah=lna"])
        #expect(Libya.plain("واستعادت القوات الحكومية بلدة العربان.") == ["al_urban=gna"])
        #expect(Libya.plain("وتمكنت قوات بركان الغضب من السيطرة على مدينة ترهونة.") == ["tarhuna=gna"])
    }

    @Test func weakVerbsContest() {
        #expect(Libya.plain("ودخلت قوات حفتر مدينة غريان.") == ["gharyan=contested"])
        #expect(Libya.plain("وحاصرت قوات الوفاق مدينة ترهونة من ثلاث جهات.") == ["tarhuna=contested"])
        #expect(Libya.plain("وتقدمت قوات الوفاق في محور عين زارة.") == ["ain_zara=contested"])
        // Entering without a fight is taking.
        #expect(Libya.plain("ودخلت قوات الوفاق مدينة الأصابعة دون قتال.") == ["al_asabaa=gna"])
        // Advancing towards a place takes nothing yet.
        #expect(Libya.plain("وتتقدم قوات الوفاق نحو مدينة بني وليد.") == [])
    }

    @Test func withdrawalGivesThePlaceAwayOnlyWhenTheTextSays() {
        let bare = Libya.claims("وانسحبت قوات حفتر من مدينة غريان.").filter { $0.flags.isEmpty }
        #expect(bare.map { "\($0.place.id)=\(Libya.controller($0))/\($0.action)" } == ["gharyan=unknown/withdraw"])
        #expect(Libya.plain("وانسحبت قوات حفتر من مدينة غريان أمام تقدم قوات الوفاق.") == ["gharyan=gna"])
        #expect(Libya.plain("وخسرت قوات حفتر مدينة صبراتة.") == ["sabratha=gna"])
        // Fleeing towards a place does not give it away.
        #expect(Libya.plain("وفرت قوات حفتر باتجاه مدينة ترهونة.") == [])
    }

    @Test func negationAndFailureDropTheClaim() {
        #expect(Libya.plain("ولم تتمكن قوات حفتر من السيطرة على مدينة غريان.") == [])
        #expect(flags("ولم تتمكن قوات حفتر من السيطرة على مدينة غريان.", "gharyan").contains { $0.contains(.failed) || $0.contains(.negated) })
        #expect(Libya.plain("لم تدخل قوات الوفاق مدينة سرت حتى الآن.") == [])
        // A repelled attack: the defender still holds the place; the attack is shown flagged.
        #expect(Libya.plain("وتصدت قوات الوفاق لهجوم شنته قوات حفتر على منطقة وادي الربيع.") == ["wadi_al_rabi=gna"])
        #expect(flags("وتصدت قوات الوفاق لهجوم شنته قوات حفتر على منطقة وادي الربيع.", "wadi_al_rabi").contains([.failed]))
    }

    @Test func denialDropsTheClaimAndConfirmsTheHolder() {
        let text = "ونفى أحمد المسماري سيطرة قوات الوفاق على مدينة ترهونة."
        #expect(Libya.plain(text) == ["tarhuna=lna"])
        #expect(flags(text, "tarhuna").contains([.denied]))
        #expect(Libya.plain("ونفت حكومة الوفاق دخول قوات حفتر إلى منطقة عين زارة.") == ["ain_zara=gna"])
    }

    @Test func plansOffersAndPastStatesAreNotEvents() {
        #expect(Libya.plain("وتستعد قوات الوفاق لاقتحام مدينة سرت.") == [])
        #expect(Libya.plain("وعرض أعيان مدينة بني وليد تسليم المدينة إلى قوات الوفاق.") == [])
        #expect(Libya.plain("ولا عودة للحوار قبل السيطرة على مدينة سرت.") == [])
        let past = "وهي المدينة التي سيطرت عليها قوات حفتر قبل ست سنوات، مدينة درنة."
        #expect(Libya.claims("سيطرت قوات حفتر على مدينة درنة قبل ست سنوات.").allSatisfy { $0.flags.contains(.past) })
        #expect(Libya.plain(past).isEmpty)
    }

    @Test func scopeWholeAndParts() {
        let whole = Libya.claims("وسيطرت قوات الوفاق بالكامل على مدينة غريان.").filter { $0.flags.isEmpty }
        #expect(whole.map(\.scope) == ["whole"])
        #expect(Libya.plain("وسيطرت قوات الوفاق على أجزاء من مدينة ترهونة.") == ["tarhuna=contested"])
        #expect(Libya.plain("وسيطرت قوات حفتر على أطراف مدينة غريان.") == ["gharyan=contested"])
    }

    @Test func severalPlacesInOneClause() {
        #expect(Libya.plain("وسيطرت قوات الوفاق على مدينتي صبراتة وصرمان.") == ["sabratha=gna", "surman=gna"])
        #expect(Libya.plain("ودخلت قوات الوفاق بلدتي \"تيجي\" و\"بدر\" دون مقاومة.") == ["badr=gna", "tiji=gna"])
        // A place that only locates the others is not taken.
        #expect(Libya.plain("وسيطرت قوات الوفاق على مناطق الوشكة وبويرات الحسون غرب سرت.") == ["al_washka=gna", "buwairat_al_hassoun=gna"])
    }

    @Test func commonWordNamesNeedACue() {
        let names = { (text: String) in Libya.extractor.places(in: text).map(\.id) }
        #expect(names("وسرت شائعات عن هدنة قريبة.") == [])
        #expect(names("ووصلت التعزيزات إلى مدينة سرت.") == ["sirte"])
        #expect(names("ووصلت التعزيزات إلى سرت.") == ["sirte"])
        #expect(names("ومن هذه الزاوية يرى المراقبون الأمر.") == [])
        #expect(names("وتقدمت القوات نحو مدينة الزاوية.") == ["zawiya"])
        #expect(names("وقررت رد الجميل للسكان.") == [])
        #expect(names("ودخلت القوات بلدة الجميل.") == ["al_jmail"])
        #expect(names("وظهر بدر في السماء.") == [])
        #expect(names("ودخلت القوات \"بدر\" صباحا.") == ["badr"])
        // The main cities need no cue.
        #expect(names("طرابلس وترهونة وغريان ومصراتة") == ["tripoli", "tarhuna", "gharyan", "misrata"])
        // Clitics and the article come off: وبترهونة، والعجيلات، لمدينة.
        #expect(names("وبترهونة والعجيلات ولزليتن") == ["tarhuna", "al_ajaylat", "zliten"])
        // The longest name wins: مطار طرابلس الدولي is the airport, not Tripoli.
        #expect(names("داخل مطار طرابلس الدولي") == ["tripoli_international_airport"])
    }

    @Test func libyanArmyIsDecidedFromContext() throws {
        // Named right after: التابع لحكومة الوفاق.
        #expect(Libya.plain("وأعلن الجيش الليبي التابع لحكومة الوفاق السيطرة على مدينة غريان.") == ["gharyan=gna"])
        // The spokesman says whose army it is.
        #expect(Libya.plain("وقال أحمد المسماري إن الجيش الليبي سيطر على مدينة غريان.") == ["gharyan=lna"])
        // An outlet that calls one side militias calls the other the army; less sure.
        let text = "وقصفت ميليشيات حفتر الأحياء السكنية. وسيطر الجيش الليبي على مدينة غريان."
        let byStance = Libya.claims(text).filter { $0.flags.isEmpty && $0.place.id == "gharyan" }
        #expect(byStance.map(Libya.controller) == ["gna"])
        let named = try #require(Libya.claims("وسيطرت قوات الوفاق على مدينة غريان.").first)
        #expect((byStance.first?.confidence ?? 1) < named.confidence)
        // The citation's outlet, when nothing in the text decides.
        #expect(Libya.plain("وسيطر الجيش الليبي على مدينة غريان.", outlet: "Al Arabiya, 2019-04-04") == ["gharyan=lna"])
    }

    @Test func claimantIsTheSpeakersSide() throws {
        let c = try #require(Libya.claims("وقال محمد قنونو إن قواته سيطرت على مدينة غريان.").first)
        #expect(c.claimedBy == "gna")
        #expect(Libya.controller(c) == "gna")
        let s = try #require(Libya.claims("وقال مصدر محلي إن قوات حفتر دخلت مدينة غريان.").first)
        #expect(s.claimedBy == nil)
    }

    @Test func relativeDatesResolveAgainstThePublicationDay() {
        func date(_ text: String, _ published: String = "2020-06-04") -> String {
            guard let c = Libya.claims(text, date: published).first else { return "none" }
            return "\(c.date) \(c.datePrecision.rawValue)"
        }
        // 2020-06-04 is a Thursday.
        #expect(date("وسيطرت قوات الوفاق اليوم على مدينة غريان.") == "2020-06-04 day")
        #expect(date("وسيطرت قوات الوفاق أمس على مدينة غريان.") == "2020-06-03 day")
        #expect(date("وسيطرت قوات الوفاق أول أمس على مدينة غريان.") == "2020-06-02 day")
        #expect(date("وسيطرت قوات الوفاق الاثنين الماضي على مدينة غريان.") == "2020-06-01 day")
        #expect(date("وسيطرت قوات الوفاق مساء الجمعة على مدينة غريان.") == "2020-05-29 day")
        #expect(date("وسيطرت قوات الوفاق الخميس الماضي على مدينة غريان.") == "2020-05-28 day")
        #expect(date("وسيطرت قوات الوفاق على مدينة غريان قبل أسبوعين.") == "2020-05-21 week")
        #expect(date("وسيطرت قوات الوفاق على مدينة غريان قبل ثلاثة أيام.") == "2020-06-01 day")
        #expect(date("وسيطرت قوات الوفاق في 26 يونيو/حزيران 2019 على مدينة غريان.") == "2019-06-26 day")
        #expect(date("وسيطرت قوات الوفاق يوم ٥ يونيو على مدينة ترهونة.", "2020-06-10") == "2020-06-05 day")
        #expect(date("وسيطرت قوات الوفاق على مدينة غريان.") == "2020-06-04 publication")
        #expect(date("GNA forces captured Gharyan on Monday.") == "2020-06-01 day")
        #expect(date("GNA forces captured Gharyan two days ago.") == "2020-06-02 day")
        #expect(date("GNA forces captured Gharyan on June 3.") == "2020-06-03 day")
        // A December date in a January article is last year's.
        #expect(date("وسيطرت قوات حفتر في 20 ديسمبر على مدينة سرت.", "2020-01-07") == "2019-12-20 day")
    }

    @Test func english() {
        #expect(Libya.plain("GNA forces captured the town of Gharyan on Wednesday.") == ["gharyan=gna"])
        #expect(Libya.plain("Haftar's forces retook Gharyan.") == ["gharyan=lna"])
        #expect(Libya.plain("LNA fighters entered Tarhuna.") == ["tarhuna=contested"])
        #expect(Libya.plain("The LNA repelled an attack on Tarhuna.") == ["tarhuna=lna"])
        #expect(Libya.plain("Al-Watiya air base was captured by GNA forces.") == ["al_watiya_airbase=gna"])
        #expect(Libya.plain("The GNA is preparing to capture Sirte.") == [])
        #expect(Libya.plain("GNA forces did not enter Sirte.") == [])
        #expect(Libya.plain("The LNA withdrew from Gharyan.").count == 1)
        // Lower-case words are not names.
        #expect(Libya.extractor.places(in: "an urban area in the south").isEmpty)
    }

    /// A place name inside an actor's name ("the Tripoli government") names the
    /// side: the actor takes the clause, the place is not claimed.
    @Test func aPlaceInsideAnActorsNameIsTheActor() {
        #expect(Libya.plain("Forces loyal to the Tripoli government said on Monday they had captured al-Watiya air base.", date: "2020-05-18")
            == ["al_watiya_airbase=gna"])
        #expect(!Libya.claims("The Tripoli government said its forces captured Gharyan.", date: "2019-06-26").contains { $0.place.id == "tripoli" })
    }

    @Test func knownAndFromComeFromTheLog() throws {
        // The log has Tarhuna going to the GNA on 2020-06-05.
        let c = try #require(Libya.claims("وسيطرت قوات الوفاق على مدينة ترهونة.", date: "2020-06-06").first)
        #expect(c.known)
        #expect(c.from == .faction("gna"))
        #expect(c.action == .hold)
        let new = try #require(Libya.claims("وسيطرت قوات حفتر على مدينة ترهونة.", date: "2020-06-20").first)
        #expect(!new.known)
        #expect(new.from == .faction("gna"))
        #expect(new.action == .capture)
    }

    @Test func statesOfControl() {
        #expect(Libya.plain("وتقع قاعدة الوطية، التي لا تزال تحت سيطرة قوات حفتر، غرب طرابلس.") == ["al_watiya_airbase=lna"])
        #expect(Libya.plain("The LNA still holds the town of Tarhuna.") == ["tarhuna=lna"])
        // "كانت تحت سيطرة" is a past state.
        #expect(Libya.plain("وكانت مدينة غريان تحت سيطرة قوات حفتر.") == [])
    }

    @Test func aDateBetweenCommasKeepsTheVerbWithItsObject() {
        #expect(Libya.plain("ودخلت قوات الوفاق، مساء أمس، مدينة بني وليد دون قتال.") == ["bani_walid=gna"])
    }

    @Test func englishLists() {
        #expect(Libya.plain("GNA forces seized the towns of al-Ajaylat, Regdalin and Zaltan.") == ["al_ajaylat=gna", "raqdalin=gna", "zaltan=gna"])
    }

    @Test func aTextWithoutClaimsGivesNone() {
        #expect(Libya.claims("عقد مجلس الأمن جلسة طارئة لبحث الأوضاع في طرابلس.").isEmpty)
        #expect(Libya.claims("").isEmpty)
    }
}

/// The lexicon file is checked row by row, each problem with its line and field.
@Suite struct LexiconTests {
    @Test func badRowsAreReportedWithTheirLines() throws {
        let text = "class\tterm\tvalue\ngain\tسيطر*\t\nverb\tدخل\t\nactor\tحفتر\tlnaa\nweekday\tالأحد\tSunday\nactor\t\tgna\n"
        let table = try TSVTable(text: text, path: "lexicon.tsv")
        do {
            _ = try Lexicon(table: table, factions: ["gna", "lna"])
            Issue.record("a bad lexicon loaded")
        } catch let error as DataError {
            let messages = error.diagnostics.map(\.description)
            #expect(messages.contains { $0.hasPrefix("lexicon.tsv:3: class:") && $0.contains("unknown class 'verb'") })
            #expect(messages.contains { $0.hasPrefix("lexicon.tsv:4: value:") && $0.contains("'lnaa' is not a faction") })
            #expect(messages.contains { $0.hasPrefix("lexicon.tsv:5: value:") && $0.contains("not a whole number") })
            #expect(messages.contains { $0.hasPrefix("lexicon.tsv:6: term:") })
        }
    }

    @Test func theLibyaLexiconLoadsAndNamesTwoSides() {
        #expect(Libya.lexicon.sides == ["gna", "lna"])
        #expect(Libya.lexicon.opponent(of: "gna") == "lna")
        #expect(Libya.lexicon.entries.count > 500)
    }
}

/// Every word list the issue names, one sentence each.
@Suite struct VocabularyTests {
    @Test(arguments: [
        ("وبسطت قوات الوفاق سيطرتها على مدينة غريان.", "gharyan=gna"),
        ("وفرضت قوات الكرامة سيطرتها على مدينة غريان.", "gharyan=lna"),
        ("وحررت قوات بركان الغضب مدينة صبراتة.", "sabratha=gna"),
        ("وأصبحت قوات القيادة العامة تسيطر على كامل مدينة سرت.", "sirte=lna"),
        ("واقتحمت قوات حفتر منطقة عين زارة.", "ain_zara=contested"),
        ("ووصلت قوات الوفاق إلى مشارف مدينة ترهونة.", "tarhuna=contested"),
        ("وطوقت قوات الوفاق مدينة ترهونة.", "tarhuna=contested"),
        ("وسيطرت قوات الوفاق على شوارع في مدينة ترهونة.", "tarhuna=contested"),
        ("وسيطرت قوات الوفاق على مداخل مدينة ترهونة.", "tarhuna=contested"),
        ("وسيطرت قوات الوفاق على مدينة غريان بشكل كامل.", "gharyan=gna"),
        ("وطردت قوات الوفاق قوات حفتر من مدينة غريان.", "gharyan=gna"),
        ("وقال خالد المحجوب إن القوات انسحبت من مدينة غريان أمام تقدم قوات الوفاق.", "gharyan=gna"),
        ("وقال مصطفى المجعي إن قواته سيطرت على مدينة غريان.", "gharyan=gna"),
        ("Government forces took control of Gharyan.", "gharyan=gna"),
        ("The LNA recaptured Gharyan.", "gharyan=lna"),
        ("Haftar's forces seized Gharyan.", "gharyan=lna"),
        ("GNA forces advanced on Tarhuna.", "tarhuna=contested"),
        ("The LNA withdrew from Gharyan as GNA forces advanced.", "gharyan=gna"),
    ])
    func claims(_ text: String, _ expected: String) {
        #expect(Libya.plain(text) == [expected], "\(text)")
    }

    @Test(arguments: [
        ("وأحبطت قوات الوفاق محاولة قوات حفتر السيطرة على منطقة عين زارة.", "lna"),
        ("وأفشلت قوات الوفاق هجوما لقوات حفتر للسيطرة على منطقة عين زارة.", "lna"),
        ("وقال المسماري إنه لا صحة لسيطرة قوات الوفاق على مدينة ترهونة.", "gna"),
        ("The GNA denied that Haftar's forces had entered Zawiya.", "lna"),
        ("The LNA failed to capture Gharyan.", "lna"),
    ])
    func theAttackerTakesNothing(_ text: String, _ attacker: String) {
        let taken = Libya.claims(text).filter { $0.flags.isEmpty && $0.controllerAfter == .faction(attacker) }
        #expect(taken.isEmpty, "\(text): \(taken.map { "\($0.place.id)=\($0.controllerAfter)" })")
        #expect(!Libya.claims(text).isEmpty, "\(text): the attack is shown, flagged")
    }

    @Test func repositioningIsAWithdrawal() {
        let c = Libya.claims("وأعلنت قوات حفتر إعادة تموضع قواتها من مدينة غريان.").filter { $0.flags.isEmpty }
        #expect(c.map(\.action) == [.withdraw])
    }
}
