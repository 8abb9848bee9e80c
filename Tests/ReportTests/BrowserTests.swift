import Foundation
import Report
import Testing

/// The HTML report in a real browser: Debian's chromium, headless, driven by
/// Selenium (`browser_check.py`, beside this file, says what it checks). Never
/// skipped: without the browser (scripts/setup.sh installs it) the test fails.
@Suite struct BrowserTests {
    @Test func theReportReadsRightInChromium() throws {
        let folder = try temporaryFolder()
        let english = folder.appendingPathComponent("report-en.html")
        let arabic = folder.appendingPathComponent("report-ar.html")
        try Data(try Month.html.get().utf8).write(to: english)
        try HTMLReport.render(try Month.arabic.get()).write(to: arabic)
        let script = Bundle.module.url(forResource: "browser_check", withExtension: "py")!
        let result = try run("/usr/bin/python3", [script.path, "--screenshots", folder.path, english.path, arabic.path])
        #expect(result.status == 0, "browser check failed (screenshots in \(folder.path)):\n\(result.output)")
        #expect(result.output.contains("ok \(english.path)") && result.output.contains("ok \(arabic.path)"))
    }
}
