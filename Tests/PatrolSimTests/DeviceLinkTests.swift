import Foundation
import PatrolCore
@testable import PatrolSim
import PatrolWire
import Testing
import ZeroMQ

/// The simulated devices' link, against a bare ROUTER standing in for the hub.
@Suite struct DeviceLinkTests {
    @Test func aLinkToldHowManyMessagesWaitReadsThatManyAndLeavesTheRest() throws {
        let context = try Context()
        defer { context.close() }
        let endpoint = "inproc://device-link-\(UUID().uuidString)"
        let hub = try Socket(context, type: .router)
        defer { hub.close() }
        try hub.bind(endpoint)
        let hello = Hello(deviceID: "drone-1", kind: .drone,
                          capabilities: Capabilities(maxSpeedMPS: 8, enduranceS: 1500,
                                                     camera: CameraSpec(fovDeg: 80, rangeM: 40, pitchDeg: 45,
                                                                        altitudeM: 30)),
                          firmware: "test")
        let link = try DeviceLink(context: context, endpoint: endpoint, hello: hello, seed: 1)
        defer { link.close() }
        var counters = MessageCounters()
        let clear = LinkConditions(isDown: false, dropRate: 0, duplicateRate: 0, reorderRate: 0)
        link.helloIfNeeded(nowMS: 0, conditions: clear, counters: &counters)
        let helloFrames = try #require(try hub.receiveMultipart())
        let routingID = try #require(helloFrames.first)
        for seq in 1...3 {
            let ack = HubMessage(seq: UInt64(seq), body: .ack(Ack(seqs: [UInt64(seq)])))
            try hub.send([routingID, ack.encoded()])
        }
        Thread.sleep(forTimeInterval: 0.05)
        _ = link.receive(nowMS: 1, conditions: clear, counters: &counters, expected: 2)
        #expect(counters.received["ack"] == 2)
        _ = link.receive(nowMS: 2, conditions: clear, counters: &counters)
        #expect(counters.received["ack"] == 3)
    }
}
