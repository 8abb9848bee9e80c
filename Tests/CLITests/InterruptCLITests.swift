import Foundation
import Testing

/// Ctrl-C while `render` writes leaves neither the output nor its temporary file.
@Suite struct InterruptCLITests {
    @Test(arguments: [SIGINT, SIGTERM])
    func aSignalDuringTheWriteLeavesNoFile(_ sig: Int32) throws {
        let dir = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        // Spawned with SIGINT and SIGTERM at their default actions and unblocked, as a shell
        // starts a command in the foreground: the test runner may ignore them, and
        // frontline keeps a signal its parent ignored (nohup, background jobs).
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t()
        sigemptyset(&defaults)
        sigaddset(&defaults, SIGINT)
        sigaddset(&defaults, SIGTERM)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        var none = sigset_t()
        sigemptyset(&none)
        posix_spawnattr_setsigmask(&attributes, &none)  // nor blocked, as a runner's threads may have them
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))
        let arguments = [CLI.binary.path, "render", "--date", "2020-06-05", "--out", dir.appendingPathComponent("map.png").path]
        // Hold the write between the temporary file and the rename.
        let environment = ProcessInfo.processInfo.environment.map { "\($0.key)=\($0.value)" } + ["FRONTLINE_TEST_WRITE_PAUSE_MS=5000"]
        var argv = arguments.map { strdup($0) } + [nil]
        var envp = environment.map { strdup($0) } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid: pid_t = 0
        #expect(posix_spawn(&pid, CLI.binary.path, nil, &attributes, &argv, &envp) == 0)
        func files() -> [String] { (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? [] }
        var status: Int32 = 0
        let deadline = Date().addingTimeInterval(60)
        while files().isEmpty, waitpid(pid, &status, WNOHANG) == 0, Date() < deadline { usleep(20_000) }
        #expect(files().count == 1 && files()[0].hasPrefix(".map.png.") && files()[0].hasSuffix(".tmp"), "\(files())")
        kill(pid, sig)
        waitpid(pid, &status, 0)
        // Ended by the signal itself (not a normal exit), as the shell reports 128 + signal.
        #expect(status & 0x7f == sig, "wait status \(status)")
        #expect(files().isEmpty, "left behind: \(files())")
    }
}
