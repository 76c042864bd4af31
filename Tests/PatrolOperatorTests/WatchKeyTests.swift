import Testing
@testable import PatrolOperator

@Suite struct WatchKeyTests {
    @Test func lettersArrowsAndTabDecodeToKeys() {
        let bytes: [UInt8] = Array("qp+-hjkl".utf8) + [0x1B, 0x5B, 0x41, 0x1B, 0x5B, 0x44, 0x09, 0x1B, 0x5B, 0x5A]
            + Array("aN0xr".utf8)
        #expect(WatchKey.decode(bytes) == [
            .quit, .pause, .zoomIn, .zoomOut, .panLeft, .panDown, .panUp, .panRight, .panUp, .panLeft, .nextAlert,
            .previousAlert, .acknowledge, .previousAlert, .resetView, .toggleRoutes,
        ])
    }

    @Test func aLoneEscapeIsSkippedAndWhatFollowsStillCounts() {
        #expect(WatchKey.decode([0x1B]) == [])
        #expect(WatchKey.decode([0x1B, UInt8(ascii: "q")]) == [.quit])
        #expect(WatchKey.decode([0x1B, 0x5B, UInt8(ascii: "X"), UInt8(ascii: "p")]) == [.pause])
    }
}
