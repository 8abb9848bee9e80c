import ArgumentParser

// In progress: replaced by the work on its issue.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "check", abstract: "(in progress)")
    func run() throws {
        printError("frontline check: not built yet")
        throw ExitCode(70)
    }
}
