import ArgumentParser
import Foundation
import FrontlineCore
import Gazetteer
import Timeline

/// `frontline resolve`: any spelling of a place, Arabic or Latin, to the place.
struct Resolve: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resolve",
        abstract: "Find the place a name means, in any spelling, Arabic or Latin.",
        discussion: """
        Each name is looked up in the theatre's gazetteer: first exactly as written, then \
        after normalisation (case, accents, Arabic letter forms and vowel marks, the \
        article al-/ال and clitics), then allowing a few typing errors. Every result says \
        which step matched (exact, normalized, fuzzy) and a score from 0 to 1. A name \
        nothing is close to gets "no match"; the exit status is still 0.

        When two places answer equally well, the result says "ambiguous" and lists the \
        others; --near or --within picks among them.

        Examples:
          frontline resolve ترهونة Tarhouna Sirt
          frontline resolve "Suq al-Khamis" --near 32.6,14.3    the one near Khoms
          frontline resolve Watiya --within 11.5,32,12.5,33 --json
          printf 'Misurata\\nالزاوية\\n' | frontline resolve - --json
          frontline resolve Nalut --gazetteer LY.txt            also search a GeoNames dump

        JSON output is an array with one object per name, in input order: \
        {"query", "match": {"id","name","name_ar","lat","lon","kind"} or null, "score", \
        "method", "alternatives": [...]}. With "-", a line that is not UTF-8 or longer \
        than \(Gazetteer.maximumQueryLength) characters gets "error" instead of a match.
        """
    )

    @Argument(help: ArgumentHelp("Names to resolve, or - to read one name per line from standard input.", valueName: "name"))
    var names: [String] = []

    @Flag(help: "Print a JSON array instead of a table.")
    var json = false

    @Option(help: "Report at most this many alternatives per name.")
    var limit = 5

    @OptionGroup var narrowing: PlaceNarrowing

    @Option(name: .customLong("gazetteer"),
            help: ArgumentHelp("A GeoNames dump (LY.txt layout) searched under the curated gazetteer. Repeatable.", valueName: "file"))
    var geoNamesFiles: [String] = []

    @Option(help: ArgumentHelp("The theatre folder (default: the embedded Libya theatre).", valueName: "dir"))
    var theatre: String?

    func validate() throws {
        if names.isEmpty { throw ValidationError("give one or more names, or - to read names from standard input") }
        if names.contains("-"), names.count > 1 { throw ValidationError("'-' reads names from standard input; give it alone") }
        if limit < 0 { throw ValidationError("--limit must be 0 or more") }
    }

    func run() throws {
        let gazetteer = try reportingErrors { try loadGazetteer() }
        let options = narrowing.options(limit: limit)
        let queries: [ResolveQuery] = names == ["-"]
            ? ResolveQuery.lines(of: FileHandle.standardInput.readDataToEndOfFile())
            : names.map { ResolveQuery(line: 0, text: $0, error: nil) }
        for q in queries { if let error = q.error { printError("stdin:\(q.line): \(error)") } }
        let chunks = Self.resolveAll(queries, in: gazetteer, options: options)
        for piece in ResolveOutput.format(chunks, json: json) { FileHandle.standardOutput.write(Data(piece.utf8)) }
    }

    /// Resolves every query, in input order, as chunks of rows. Long inputs
    /// (`resolve -` over a whole event log) are cut into chunks resolved on all
    /// cores: the gazetteer is an immutable value, safe to share. The chunks
    /// are kept apart, not joined, so that output is formatted on all cores too.
    static func resolveAll(_ queries: [ResolveQuery], in gazetteer: Gazetteer, options: ResolveOptions) -> [[ResolveOutput.Row]] {
        @Sendable func rows(_ slice: ArraySlice<ResolveQuery>) -> [ResolveOutput.Row] {
            slice.map { q in
                q.error == nil
                    ? ResolveOutput.Row(query: q.text, resolution: gazetteer.resolve(q.text, options: options), error: nil)
                    : ResolveOutput.Row(query: q.text, resolution: nil, error: q.error)
            }
        }
        let chunk = 2_000
        guard queries.count > chunk else { return [rows(queries[...])] }
        let chunks = (queries.count + chunk - 1) / chunk
        return Array(0..<chunks).concurrentMap { i in rows(queries[(i * chunk)..<min(queries.count, (i + 1) * chunk)]) }
    }

    /// The theatre's gazetteer (curated files, `gazetteer.extra` under them), with any GeoNames dumps merged under that.
    private func loadGazetteer() throws -> Gazetteer {
        guard let directory = theatre.map({ URL(fileURLWithPath: $0) }) ?? TheatreLocator.defaultDirectory() else {
            throw DataError(at: SourceLocation(file: "theatre", line: 0),
                            "cannot find the embedded theatre; give --theatre DIR or set FRONTLINE_THEATRE")
        }
        let settings = try TheatreSettings.load(directory: directory)
        var gazetteer = try settings.loadGazetteer()
        for file in geoNamesFiles {
            let supplement = try Gazetteer.loadGeoNamesPlaces(contentsOf: URL(fileURLWithPath: file), displayPath: file)
            gazetteer = Gazetteer.merged(curated: gazetteer, supplement: supplement)
        }
        return gazetteer
    }
}
