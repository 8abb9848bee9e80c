import ArgumentParser
import Foundation
import FrontlineCore
import Timeline

/// `--theatre DIR`, shared by every command that reads a theatre
/// (`@OptionGroup var theatre: TheatreOptions`).
struct TheatreOptions: ParsableArguments {
    @Option(name: .customLong("theatre"), help: ArgumentHelp("The theatre folder (theatre.tsv and its data); default: the embedded Libya theatre.", valueName: "DIR"))
    var directory: String?

    /// The folder to read: `--theatre`, else the embedded default.
    func url() throws -> URL {
        if let directory { return URL(fileURLWithPath: directory) }
        guard let url = TheatreLocator.defaultDirectory() else {
            throw DataError(at: SourceLocation(file: "theatre", line: 0),
                            "no theatre found: pass --theatre DIR or set FRONTLINE_THEATRE to a folder holding theatre.tsv")
        }
        return url
    }

    /// Loads and checks the theatre; data errors propagate as ``DataError`` (exit 1 through `reportingErrors`).
    func load() throws -> Theatre {
        try Theatre.load(directory: url())
    }

    /// Loads the theatre and checks that `day` is covered, printing the note
    /// for a day after the last event to stderr.
    func load(covering day: Day) throws -> Theatre {
        let theatre = try load()
        if let note = try theatre.requireCovered(day) { printError(note) }
        return theatre
    }
}
