import ArgumentParser

// In progress: replaced by the work on its issue.
struct Resolve: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "resolve", abstract: "(in progress)")
    func run() throws {
        printError("frontline resolve: not built yet")
        throw ExitCode(70)
    }
}
