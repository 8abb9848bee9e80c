import ArgumentParser

// In progress: replaced by the work on its issue.
struct Render: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "render", abstract: "(in progress)")
    func run() throws {
        printError("frontline render: not built yet")
        throw ExitCode(70)
    }
}
