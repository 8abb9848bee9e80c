import ArgumentParser

// In progress: replaced by the work on its issue.
struct Frames: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "frames", abstract: "(in progress)")
    func run() throws {
        printError("frontline frames: not built yet")
        throw ExitCode(70)
    }
}
