import Foundation
import PatrolCore
import PatrolTestKit
import Testing
@testable import PatrolSim

/// The replay page in a real browser: headless Chromium (Debian's `chromium`) loads it from a file and the
/// page's scripts run to the end without an error. Skipped, with the reason, where Chromium is not installed.
@Suite struct ReplayBrowserTests {
    static let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    @Test(.enabled(if: chromium != nil, "headless Chromium is not installed (apt-get install chromium)"),
          .timeLimit(.minutes(1)))
    func replayPageRunsItsScriptsWithoutErrorsInChromium() throws {
        let page = try TinyReplay().html
        // The probes run before and after the page's own scripts: an uncaught error marks the root element,
        // and reaching the end of the body marks it too.
        let errorProbe = "<script>addEventListener('error',function(e){document.documentElement"
            + ".setAttribute('data-script-error',String(e.message))});</script>"
        let endProbe = "<script>document.documentElement.setAttribute('data-loaded','yes')</script>"
        let probed = page.replacingOccurrences(of: "<head>", with: "<head>" + errorProbe)
            .replacingOccurrences(of: "</body>", with: endProbe + "</body>")
        #expect(probed.contains(errorProbe) && probed.contains(endProbe))

        let file = FileManager.default.temporaryDirectory.appendingPathComponent("replay-\(UUID().uuidString).html")
        try probed.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(Self.chromium))
        process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--virtual-time-budget=3000",
                             "--dump-dom", file.absoluteString]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let dom = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(dom.contains("data-loaded=\"yes\""), "the page's scripts did not run to the end")
        #expect(!dom.contains("data-script-error=\""), "script error: \(dom.prefix(400))")
    }
}
