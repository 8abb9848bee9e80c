import ArgumentParser
import Foundation
import Timeline

@main
struct Frontline: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "frontline",
        abstract: "Track the front lines of a war from dated, sourced events, and draw them.",
        discussion: """
        With no --theatre, every command uses the embedded theatre: the 2019-2020 war \
        in western Libya (GNA and LNA).

        Examples:
          frontline render --date 2020-06-05
              draw that day's map to frontline-2020-06-05.png
          frontline state --date 2020-06-05 --format json
              who held what, with the source of each place's state
          frontline diff 2020-05-01 2020-06-10
              what changed between two days
          frontline resolve ترهونة Tarhouna Sirt
              any spelling, Arabic or Latin, to a place
          frontline frames --from 2020-05-15 --to 2020-06-15 --out frames/
              one map a day, for an animation
          frontline report --from 2020-05-15 --to 2020-06-15 --out june.html
              a sourced report: summary, chart, a map per change, the event table
          frontline check
              validate the theatre's data
          frontline extract article.txt --date 2020-06-04 --tsv
              candidate events from a news article, with the quote

        Exit status: 0 fine, 1 bad data (each problem as file:line: field: message), \
        64 bad usage, 69 a needed program is missing (ffmpeg for animate to .mp4, \
        .webm, .gif), 70 a system failure (a C library, the file system), \
        130 interrupted (Ctrl-C).
        """,
        version: Frontline.version,
        subcommands: [
            Resolve.self, State.self, Diff.self, History.self, Why.self, Check.self, Import.self,
            Render.self, Frames.self, Animate.self, ReportCommand.self, ExtractCommand.self,
        ]
    )

    /// Printed by `--version`.
    static let version = "0.15.0"

    /// ArgumentParser's main, with three things it does not do: a mistyped
    /// command gets "did you mean", `help NOSUCH` is an error, and a usage
    /// error found while running a command (not while parsing) ends with that
    /// command's usage rather than the top level's.
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        let names = configuration.subcommands.map { $0.configuration.commandName ?? "" }
        func unknown(_ name: String) -> Never {
            var message = "Error: unknown command '\(name)'"
            if let near = CommandSuggestion.closest(to: name, among: names) { message += "; did you mean '\(near)'?" }
            printError(message + "\nUsage: " + usageString() + "\n  See 'frontline --help' for the commands.")
            Foundation.exit(Exit.usage.rawValue)
        }
        if let first = arguments.first, !first.hasPrefix("-"), first != "help", !names.contains(first) { unknown(first) }
        if arguments.first == "help", arguments.count > 1, !arguments[1].hasPrefix("-"), !names.contains(arguments[1]) { unknown(arguments[1]) }
        var command: ParsableCommand
        do { command = try parseAsRoot(arguments) } catch { exit(withError: error) }
        do { try command.run() } catch let error as ValidationError {
            printError("Error: \(error.message)\nUsage: " + usageString(for: type(of: command)) + "\n  See 'frontline help \(type(of: command).configuration.commandName ?? "")' for more.")
            Foundation.exit(Exit.usage.rawValue)
        } catch {
            exit(withError: error)
        }
    }
}

/// The command a mistyped name most likely meant: the closest by edit
/// distance (`rendr`, `stat`), else the one it begins (`hist`).
enum CommandSuggestion {
    static func closest(to name: String, among names: [String]) -> String? {
        Suggest.closest(to: name, among: names)
            ?? (name.count >= 3 ? names.first { $0.hasPrefix(name.lowercased()) } : nil)
    }
}
