import Foundation
import Testing
@testable import PatrolHub

/// The load benchmark's machinery at a tiny scale (the real run is `make bench`).
@Suite struct HubLoadBenchmarkTests {
    @Test func aSmallLoadIsMeasuredNextToRawThroughput() throws {
        let mission = try TestMission.write()
        let options = HubLoadBenchmark.Options(missionDirectory: mission, devices: 20, seconds: 1, telemetryHz: 10,
                                               observationHz: 2, senderThreads: 1, rawMessages: 2_000)
        let result = try HubLoadBenchmark.run(options)
        #expect(result.devicesWelcomed == 20)
        #expect(result.telemetryReceived >= 100)
        #expect(result.observationsApplied > 0)
        #expect(result.observationsCommitted == result.observationsApplied)
        #expect(result.rawZMQMessagesPerSecond > 0)
        #expect(result.ratioToRaw > 0)
        #expect(result.reportToMapP99MS >= result.reportToMapP50MS)
        #expect(result.operatorP99MS > 0)
    }
}
