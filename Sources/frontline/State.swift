import ArgumentParser

// In progress: replaced by the work on its issue.
struct State: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "state", abstract: "(in progress)")
    func run() throws {
        printError("frontline state: not built yet")
        throw ExitCode(70)
    }
}
