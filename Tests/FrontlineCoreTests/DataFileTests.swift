import Foundation
import Testing
@testable import FrontlineCore

/// Every way a data path can be wrong gives a message that says what the path
/// is, never Foundation's wording or an endless read.
@Suite struct DataFileTests {
    func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("datafile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    func message(_ url: URL, shown: String = "x") -> String {
        do { _ = try DataFile.readText(url, displayPath: shown); return "read" } catch let error as DataError {
            return error.description
        } catch { return "other: \(error)" }
    }

    @Test func pathsThatAreNotFiles() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(message(dir) == "x: this is a folder, not a file")
        #expect(message(URL(fileURLWithPath: "/dev/zero")) == "x: this is a device, not a data file")
        #expect(message(dir.appendingPathComponent("nope.tsv")) == "x: the file does not exist")
        let a = dir.appendingPathComponent("a"), b = dir.appendingPathComponent("b")
        try FileManager.default.createSymbolicLink(atPath: a.path, withDestinationPath: b.path)
        try FileManager.default.createSymbolicLink(atPath: b.path, withDestinationPath: a.path)
        #expect(message(a) == "x: the path is a loop of symbolic links")
        let dangling = dir.appendingPathComponent("dangling")
        try FileManager.default.createSymbolicLink(atPath: dangling.path, withDestinationPath: dir.appendingPathComponent("gone").path)
        #expect(message(dangling).hasPrefix("x: the file is a symbolic link to nothing"))
        let file = dir.appendingPathComponent("f.tsv")
        try Data("a\n".utf8).write(to: file)
        #expect(message(file.appendingPathComponent("below")) == "x: a part of the path is a file, not a folder")
    }

    @Test func badBytesAreReportedWithLineAndColumn() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("f.tsv")
        try Data("key\tvalue\nتر\t\u{FF}".utf8).write(to: file)  // valid: U+00FF is two bytes
        #expect(message(file) == "read")
        try Data([0x6B, 0x0A, 0xD8, 0xAA, 0x61, 0xFF, 0x0A]).write(to: file)
        #expect(message(file) == "x:2: column 3: not valid UTF-8 (save the file as UTF-8)")
        try Data([0x6B, 0x0A, 0x0A, 0x61, 0xE2, 0x82]).write(to: file)  // cut short at the end
        #expect(message(file) == "x:3: column 2: not valid UTF-8 (save the file as UTF-8)")
        try Data([0x6B, 0x0A, 0x61, 0x00, 0x62]).write(to: file)
        #expect(message(file) == "x:2: column 2: a NUL byte; text data cannot contain one")
        // A byte-order mark is dropped, not taken as part of the first column name.
        try Data([0xEF, 0xBB, 0xBF, 0x6B]).write(to: file)
        #expect(try DataFile.readText(file) == "k")
    }

    @Test func tsvRefusesNULInTextHandedIn() throws {
        let error = try #require(throws: DataError.self) { try TSVTable(text: "id\tname\nx\tTar\u{0}huna\n", path: "g.tsv") }
        #expect(error.description == "g.tsv:2: column 6: a NUL byte; text data cannot contain one")
    }

    @Test func decimalsArePlainFiniteNumbers() {
        for good in ["32", "-0.25", "+1.5", ".5", "5.", "1e3", "1E-3", "32.0000001"] {
            #expect(Double(decimal: good) != nil, "\(good)")
        }
        for bad in ["", "nan", "NaN", "inf", "-inf", "infinity", "0x1p5", "0x20", "1e", "e3", ".", "-", "1.2.3", "1e308000", " 1", "1,5", "1e+"] {
            #expect(Double(decimal: bad) == nil, "\(bad)")
        }
        #expect(Double(decimal: "1e3") == 1000)
    }
}

@Suite struct ClampingRoundedTests {
    @Test func convertsWithoutTrapping() {
        #expect(Int(clampingRounded: 2.5) == 3)
        #expect(Int(clampingRounded: -2.4) == -2)
        #expect(Int(clampingRounded: 9223372036854775807.0 * 2) == .max)
        #expect(Int(clampingRounded: Double(Int.max)) == .max)
        #expect(Int(clampingRounded: -.infinity) == .min)
        #expect(Int(clampingRounded: .nan) == 0)
    }
}
