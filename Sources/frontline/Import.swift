import ArgumentParser

// In progress: replaced by the work on its issue.
struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "import", abstract: "(in progress)")
    func run() throws {
        printError("frontline import: not built yet")
        throw ExitCode(70)
    }
}
