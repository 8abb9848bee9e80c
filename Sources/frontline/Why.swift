import ArgumentParser

// In progress: replaced by the work on its issue.
struct Why: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "why", abstract: "(in progress)")
    func run() throws {
        printError("frontline why: not built yet")
        throw ExitCode(70)
    }
}
