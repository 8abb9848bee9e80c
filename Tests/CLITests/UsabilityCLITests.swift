import Foundation
import Testing

/// What a new user trips over: typos, help, versions, ambiguous names, dates.
@Suite struct UsabilityCLITests {
    @Test func aMistypedCommandGetsASuggestion() throws {
        let r = try CLI.run(["rendr", "--date", "2020-06-05"])
        #expect(r.status == 64)
        #expect(r.stderr.contains("unknown command 'rendr'; did you mean 'render'?"), "\(r.stderr)")
        #expect(!r.stderr.contains("Unknown option '--date'"))
        let prefix = try CLI.run(["hist", "Tarhuna"])
        #expect(prefix.status == 64 && prefix.stderr.contains("did you mean 'history'?"), "\(prefix.stderr)")
    }

    @Test func helpForANonexistentCommandFails() throws {
        let r = try CLI.run(["help", "nosuch"])
        #expect(r.status == 64, "\(r.stdout)\(r.stderr)")
        #expect(r.stderr.contains("unknown command 'nosuch'"))
        #expect(try CLI.run(["help", "render"]).status == 0)
    }

    @Test func versionIsPrinted() throws {
        let r = try CLI.run(["--version"])
        #expect(r.status == 0)
        #expect(r.stdout.split(separator: ".").count == 3, "\(r.stdout)")
    }

    @Test func everyRecordCommandHasExamples() throws {
        for command in ["diff", "history", "why", "check"] {
            let r = try CLI.run([command, "--help"])
            #expect(r.status == 0)
            #expect(r.stdout.contains("Examples:") && r.stdout.contains("frontline \(command) "), "\(command): \(r.stdout)")
        }
        let top = try CLI.run(["--help"])
        #expect(top.stdout.contains("69 a needed program is missing"), "the exit statuses are listed")
    }

    /// The example in `resolve --help` finds what it shows.
    @Test func resolveHelpExampleWorks() throws {
        let help = try CLI.run(["resolve", "--help"]).stdout
        let line = try #require(help.split(separator: "\n").first { $0.contains("resolve Watiya --within") })
        let arguments = line.split(separator: " ").map(String.init).drop { $0 != "resolve" }
        let r = try CLI.run(Array(arguments))
        #expect(r.status == 0)
        #expect(r.stdout.contains("al-Watiya"), "\(arguments): \(r.stdout)")
    }

    @Test func ambiguousNamesAreListedAndNarrowed() throws {
        for command in [["history", "Suq al-Khamis"], ["why", "Suq al-Khamis", "--date", "2020-06-05"]] {
            let r = try CLI.run(command)
            #expect(r.status == 1, "\(command): \(r.stdout)")
            #expect(r.stderr.contains("ambiguous place 'Suq al-Khamis'") && r.stderr.contains("suq_al_khamis_khoms")
                    && r.stderr.contains("suq_al_khamis_imsihil"), "\(r.stderr)")
            let near = try CLI.run(command + ["--near", "32.57,14.17"])
            #expect(near.status == 0, "\(near.stderr)")
            #expect(near.stdout.contains("Suq al-Khamis (Khoms)"), "\(near.stdout)")
            let within = try CLI.run(command + ["--within", "13,32.3,13.6,32.8"])
            #expect(within.status == 0 && within.stdout.contains("Imsihil"), "\(within.stdout)\(within.stderr)")
        }
    }

    @Test func diffRefusesReversedDaysAndSaysWhatItCounts() throws {
        let reversed = try CLI.run(["diff", "2020-06-06", "2020-06-03"])
        #expect(reversed.status == 64)
        #expect(reversed.stderr.contains("give the earlier day first") && reversed.stderr.contains("Usage: frontline diff"), "\(reversed.stderr)")
        let r = try CLI.run(["diff", "2020-06-03", "2020-06-06"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("events dated 2020-06-03 are part of its state"), "\(r.stdout)")
    }

    /// A usage error found while running (not parsing) ends with that command's usage.
    @Test func runTimeUsageErrorsShowTheCommandsUsage() throws {
        let dir = try CLI.temporaryFolder()
        let r = try CLI.run(["render", "--date", "2020-06-05", "--crs", "EPSG:4326", "--out", dir.appendingPathComponent("x.png").path])
        #expect(r.status == 64)
        #expect(r.stderr.contains("Usage: frontline render "), "\(r.stderr)")
        #expect(!r.stderr.contains("Usage: frontline <subcommand>"))
    }

    @Test func anEmptyBoxIsWarnedAbout() throws {
        let dir = try CLI.temporaryFolder()
        let r = try CLI.run(["render", "--date", "2020-06-05", "--bbox", "0,0,1,1", "--size", "640x480", "--out", dir.appendingPathComponent("x.png").path])
        #expect(r.status == 0)
        #expect(r.stderr.contains("warning: --bbox 0,0,1,1 holds no place of the theatre"), "\(r.stderr)")
        let full = try CLI.run(["render", "--date", "2020-06-05", "--bbox", "12.5,32,14.5,33", "--size", "640x480", "--out", dir.appendingPathComponent("y.png").path])
        #expect(!full.stderr.contains("warning"), "\(full.stderr)")
    }

    /// render and frames follow one rule before the record: draw every place unknown, and say so.
    @Test func daysBeforeTheRecordAreDrawnAsNoInformation() throws {
        let dir = try CLI.temporaryFolder()
        let r = try CLI.run(["render", "--date", "2019-01-01", "--size", "640x480", "--out", dir.appendingPathComponent("x.png").path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("2019-01-01 is before the record, which starts on 2019-04-03; every place is drawn as unknown"), "\(r.stderr)")
        let f = try CLI.run(["frames", "--from", "2019-03-31", "--to", "2019-04-01", "--size", "640x480", "--jobs", "1",
                             "--out", dir.appendingPathComponent("f").path])
        #expect(f.status == 0, "\(f.stderr)")
        #expect(f.stderr.contains("before the record, which starts on 2019-04-03"), "\(f.stderr)")
    }

    @Test func aMissingFFmpegIsExit69() throws {
        let dir = try CLI.temporaryFolder()
        let r = try CLI.run(["animate", "--from", "2020-06-01", "--to", "2020-06-02", "--out", dir.appendingPathComponent("a.mp4").path],
                            environment: ["PATH": "/nonexistent"])
        #expect(r.status == 69, "\(r.stderr)")
        #expect(r.stderr.contains("ffmpeg"))
    }

    /// A size past Int.max once crashed (SIGILL) inside the error message; frames and animate share the check.
    @Test func hugeSizesAreUsageErrorsEverywhere() throws {
        let dir = try CLI.temporaryFolder()
        for command in [["render", "--date", "2020-06-05", "--out", dir.appendingPathComponent("x.png").path],
                        ["frames", "--from", "2020-06-01", "--to", "2020-06-02", "--out", dir.appendingPathComponent("f").path],
                        ["animate", "--from", "2020-06-01", "--to", "2020-06-02", "--out", dir.appendingPathComponent("a.png").path]] {
            for size in ["9223372036854775807x1", "9223372036854775807x9223372036854775807", "16001x1000", "99999999999999999999x2"] {
                let r = try CLI.run(command + ["--size", size])
                #expect(r.status == 64, "\(command[0]) --size \(size): \(r.status) \(r.stderr)")
            }
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty)
    }
}
