import ArgumentParser

// In progress: replaced by the work on its issue.
struct History: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "history", abstract: "(in progress)")
    func run() throws {
        printError("frontline history: not built yet")
        throw ExitCode(70)
    }
}
