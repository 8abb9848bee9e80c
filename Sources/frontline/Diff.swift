import ArgumentParser

// In progress: replaced by the work on its issue.
struct Diff: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "diff", abstract: "(in progress)")
    func run() throws {
        printError("frontline diff: not built yet")
        throw ExitCode(70)
    }
}
