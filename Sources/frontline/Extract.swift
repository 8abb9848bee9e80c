import ArgumentParser
import Extract
import Foundation
import FrontlineCore
import Timeline

struct ExtractCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract",
        abstract: "Propose control events from news articles (Arabic or English), each with its quote, for a person to accept.",
        discussion: """
        Reads each article, finds the places it names and what it claims about them \
        (captured, entered, withdrew from, denied...), resolves relative dates against \
        --date, and prints candidate events. Negated, failed, hypothetical and past \
        claims are left out unless --all. The event log is never changed.

        Examples:
          frontline extract article.txt --date 2020-06-04
          frontline extract article.txt --date 2020-06-04 --tsv --source "Al Jazeera, 2020-06-04, https://..."
          curl -s URL | frontline extract - --date 2020-06-04 --json
        """)

    @Argument(help: "Article files (UTF-8 text); - reads standard input.") var files: [String]
    @Option(help: "The publication day (YYYY-MM-DD): relative dates (أمس, last Monday) count back from it.") var date: Day
    @Option(help: "The citation written in the source column of --tsv rows (outlet, date, URL); default: the file name and --date.")
    var source: String?
    @Flag(help: "Print JSON: {\"events\": [...]}.") var json = false
    @Flag(help: "Print rows in the events.tsv layout, status claimed, quote in note.") var tsv = false
    @Flag(help: "Also show negated, failed, hypothetical and past claims, flagged.") var all = false
    @Flag(help: "Print how each sentence is read (places, terms, dates) instead of claims: for tuning a lexicon.") var explain = false
    @OptionGroup var theatre: TheatreOptions

    func validate() throws {
        if json && tsv { throw ValidationError("choose one of --json and --tsv") }
        if files.filter({ $0 == "-" }).count > 1 { throw ValidationError("standard input (-) can be read only once") }
    }

    func run() throws {
        try reportingErrors {
            let t = try theatre.load()
            let lexicon = try Lexicon.load(for: t)
            let extractor = Extractor(gazetteer: t.gazetteer, lexicon: lexicon)
            var claims: [Claim] = []
            for file in files {
                let text = try Self.read(file)
                if explain { print(extractor.explain(text, published: date), terminator: ""); continue }
                claims += extractor.claims(in: text, article: file, published: date, outlet: source, timeline: t.timeline)
                    .filter { all || $0.flags.isEmpty }
            }
            guard !claims.isEmpty else { return }
            if json {
                print(ClaimOutput.json(claims), terminator: "")
            } else if tsv {
                print(ClaimOutput.tsv(claims, theatre: t) { source ?? "\(($0.article as NSString).lastPathComponent) (\(date))" }, terminator: "")
            } else {
                print(ClaimOutput.table(claims), terminator: "")
            }
        }
    }

    /// The text of a file or of standard input; a data error naming the file
    /// when it cannot be read or is not UTF-8.
    static func read(_ file: String) throws -> String {
        let data: Data
        if file == "-" {
            data = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            guard let d = FileManager.default.contents(atPath: file) else {
                let why = FileManager.default.fileExists(atPath: file) ? "cannot be read" : "does not exist"
                throw DataError(at: SourceLocation(file: file, line: 0), "the article \(why)")
            }
            data = d
        }
        let name = file == "-" ? "standard input" : file
        guard let text = String(data: data, encoding: .utf8) else {
            // Where the first bad byte is, so the user can look.
            var line = 1
            var valid = 0
            let bytes = [UInt8](data)
            var i = 0
            while i < bytes.count {
                let n = bytes[i] < 0x80 ? 1 : bytes[i] >> 5 == 0b110 ? 2 : bytes[i] >> 4 == 0b1110 ? 3 : bytes[i] >> 3 == 0b11110 ? 4 : 0
                guard n > 0, i + n <= bytes.count, String(bytes: bytes[i..<(i + n)], encoding: .utf8) != nil else { break }
                if bytes[i] == 0x0A { line += 1 }
                i += n
                valid = i
            }
            throw DataError(at: SourceLocation(file: name, line: line), "not UTF-8 text (bad byte at offset \(valid)); convert it first, e.g. iconv -f CP1256 -t UTF-8")
        }
        return text
    }
}
