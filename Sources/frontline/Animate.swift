import ArgumentParser

// In progress: replaced by the work on its issue.
struct Animate: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "animate", abstract: "(in progress)")
    func run() throws {
        printError("frontline animate: not built yet")
        throw ExitCode(70)
    }
}
