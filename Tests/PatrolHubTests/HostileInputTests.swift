import Foundation
import PatrolCore
import PatrolWire
import Testing
import ZeroMQ
@testable import PatrolHub

/// Hostile peers on the device endpoint (issue 9 item 2): floods, wrong frame counts, bad numbers, timestamps
/// far off, replayed and absurd seqs. Each is dropped or rejected and counted by reason; the hub keeps serving.
@Suite struct HostileInputTests {
    let context: Context
    let clock = ManualClock()
    let hub: Hub
    let configuration: HubConfiguration

    init() throws {
        (context, configuration, hub) = try LockstepHub.make(clock: clock)
    }

    private func device(_ id: String) throws -> TestDevice {
        try TestDevice(id, context: context, endpoint: configuration.deviceEndpoint)
    }

    private func pump() throws { try hub.pump(nowMS: clock.nowMS()) }

    @Test func aFloodingDeviceIsRateLimitedWhileAnotherIsServed() throws {
        let flooder = try device("drone-a")
        let neighbour = try device("drone-b")
        try flooder.hello(kind: .drone, sentMS: clock.nowMS())
        try neighbour.hello(kind: .drone, sentMS: clock.nowMS())
        try pump()
        _ = try flooder.receiveAll(waitMS: 20)
        _ = try neighbour.receiveAll(waitMS: 20)
        let floodCount = 6000
        for batch in 0..<(floodCount / 500) {
            for _ in 0..<500 { try flooder.send(.heartbeat(Heartbeat(state: .patrolling)), sentMS: clock.nowMS()) }
            if batch == 5 {
                try neighbour.send(.telemetry(Telemetry(position: Vec3(xM: 12, yM: -7, zM: 20), headingDeg: 0,
                                                        speedMPS: 0, batteryFraction: 0.9, enduranceRemainingS: 1200,
                                                        state: .patrolling)), sentMS: clock.nowMS())
            }
            try pump()
        }
        let burst = Int64(hub.inputGuard.burst)
        // The registered device has its own bucket (its Hello was counted against the connection's): a full
        // burst went through, everything after it was dropped.
        #expect(hub.counters["rejects.rate_limited"] == Int64(floodCount) - burst)
        #expect(hub.counters["messages_in.telemetry"] == 1)
        #expect(hub.devices["drone-b"]?.position.x == 12)
        // One Reject per second at most, so the hub's answers cannot amplify the flood.
        let rejects = try flooder.receiveAll(waitMS: 20).compactMap(\.reject)
        #expect(rejects.map(\.reason) == [.rateLimited])
        // A second later the bucket has refilled by the sustained rate.
        clock.advance(byMS: 1000)
        let heartbeatsBefore = hub.counters["messages_in.heartbeat"]
        for _ in 0..<10 { try flooder.send(.heartbeat(Heartbeat(state: .patrolling)), sentMS: clock.nowMS()) }
        try pump()
        #expect(hub.counters["messages_in.heartbeat"] == heartbeatsBefore + 10)
    }

    @Test func aHundredThousandSeededHostileFramesAreCountedByReasonAndStatusIsStillAnswered() throws {
        var random = SeededRandom(seed: 9)
        let good = try device("drone-a")
        let hostile = try device("drone-b")
        let junk = try device("junk")
        try good.hello(kind: .drone, sentMS: clock.nowMS())
        try hostile.hello(kind: .drone, sentMS: clock.nowMS())
        try pump()
        let observation = { (capturedMS: Int64) in
            Observation(capturedMS: capturedMS, cameraPosition: Vec3(xM: -20, yM: 0, zM: 20), headingDeg: 90,
                        pitchDeg: 45, fovDeg: 80, rangeM: 30)
        }
        for seq in UInt64(1)...20 {
            try hostile.send(.observation(observation(clock.nowMS())), seq: seq, sentMS: clock.nowMS())
        }
        try pump()
        #expect(hub.counters["observations_committed"] == 20)

        var sent: [String: Int64] = [:]
        var hostileSeq: UInt64 = 1000
        let yearMS: Int64 = 365 * 86_400_000
        let batches = 250  // 250 x 400 = 100,000 hostile frames (issue 9: at least 100,000 in make test)
        for _ in 0..<batches {
            let now = clock.nowMS()
            for _ in 0..<400 {
                let kind = Int.random(in: 0..<10, using: &random)
                hostileSeq += 1
                func telemetry(_ xM: Double) -> DeviceMessage.Body {
                    .telemetry(Telemetry(position: Vec3(xM: xM, yM: 0, zM: 20), headingDeg: 0, speedMPS: 1,
                                         batteryFraction: 0.5, enduranceRemainingS: 100, state: .patrolling))
                }
                switch kind {
                case 0:
                    let count = Int.random(in: 1...96, using: &random)
                    try junk.sendRaw((0..<count).map { _ in UInt8.random(in: 0...255, using: &random) })
                    sent["junk_bytes", default: 0] += 1
                case 1:
                    let frames = (0..<Int.random(in: 2...4, using: &random)).map { _ in [UInt8](repeating: 1, count: 3) }
                    _ = try junk.socket.send(frames)
                    sent["frame_count", default: 0] += 1
                case 2:
                    try junk.sendRaw([])
                    sent["empty", default: 0] += 1
                case 3:
                    try hostile.send(telemetry(.nan), seq: hostileSeq, sentMS: now)
                    sent["not_finite", default: 0] += 1
                case 4:
                    try hostile.send(telemetry(1e300), seq: hostileSeq, sentMS: now)
                    sent["out_of_range", default: 0] += 1
                case 5:
                    try hostile.send(.heartbeat(Heartbeat(state: .idle)), seq: hostileSeq, sentMS: now + yearMS)
                    sent["timestamp_future", default: 0] += 1
                case 6:
                    try hostile.send(.heartbeat(Heartbeat(state: .idle)), seq: hostileSeq, sentMS: now - 30 * 86_400_000)
                    sent["timestamp_past", default: 0] += 1
                case 7:
                    try hostile.send(.observation(observation(now)), seq: UInt64.random(in: 1...20, using: &random),
                                     sentMS: now)
                    sent["replayed", default: 0] += 1
                case 8:
                    try hostile.send(.observation(observation(now)), seq: UInt64.max - UInt64.random(in: 0...9, using: &random),
                                     sentMS: now)
                    sent["seq_out_of_range", default: 0] += 1
                default:
                    try hostile.send(.observation(observation(now + yearMS)), seq: hostileSeq, sentMS: now)
                    sent["report_in_future", default: 0] += 1
                }
            }
            try good.send(.heartbeat(Heartbeat(state: .patrolling)), sentMS: now)
            try hostile.send(.heartbeat(Heartbeat(state: .patrolling)), sentMS: now)
            try pump()
            clock.advance(byMS: 1000)
        }
        let total = sent.values.reduce(0, +)
        #expect(total == Int64(batches * 400))

        // The operator API still answers, and its counters show each reason.
        let operatorSocket = try Socket(context, type: .dealer)
        defer { operatorSocket.close() }
        try operatorSocket.set(.lingerMS, 0)
        try operatorSocket.connect(configuration.operatorEndpoint)
        try operatorSocket.send(OperatorRequest(requestID: 1, body: .status).encoded())
        try pump()
        let counters = try #require(try statusCounters(operatorSocket, timeoutMS: 500))
        for reason in ["not_finite", "out_of_range", "timestamp_future", "timestamp_past", "seq_out_of_range",
                       "report_in_future"] {
            #expect(Int64(counters["rejects.\(reason)"] ?? 0) == sent[reason], "rejects.\(reason)")
        }
        #expect(Int64(counters["duplicates_dropped"] ?? 0) == sent["replayed"])
        // Wrong frame counts are counted as such; undecodable bytes by their decoding error.
        #expect(Int64(counters["messages_in.malformed"] ?? 0)
                    >= sent["frame_count", default: 0] + sent["empty", default: 0] + sent["junk_bytes", default: 0] * 9 / 10)
        #expect(counters["rejects.rate_limited"] == nil)
        #expect(counters["devices.connected"] == 2)
        #expect(hub.devices["drone-a"]?.state != .lost)
        #expect(hub.counters["observations_committed"] == 20)
        // Bounded state: the fleet, the connections and the dedupe windows did not grow with the flood.
        #expect(hub.devices.count == TestMission.fleet.count)
        #expect(hub.connections.count == 2)
        // One bucket per connection before its Hello, one per registered device.
        #expect(hub.inputGuard.bucketCount <= 5)
        #expect(hub.devices["drone-b"]?.pendingSeqs.isEmpty == true)
    }

    @Test func senderBucketsStayBoundedUnderAFloodOfNewSenders() {
        var guardState = DeviceInputGuard()
        guardState.maxBuckets = 256
        var admitted = 0
        for index in 0..<10_000 where guardState.take(sender: "connection:\(index)", nowMS: 1_000) == .admit {
            admitted += 1
        }
        #expect(admitted == 10_000)
        #expect(guardState.bucketCount <= 256)
    }

    @Test func timestampsFarFromTheDevicesOwnAreRefused() {
        var guardState = DeviceInputGuard()
        let helloMS: Int64 = 1_767_225_600_000
        guardState.resetClock(deviceID: "d", sentMS: helloMS)
        #expect(guardState.checkTime(deviceID: "d", sentMS: helloMS + 1_000, reportMS: nil) == nil)
        #expect(guardState.checkTime(deviceID: "d", sentMS: helloMS + 3_600_000, reportMS: nil) == .future)
        #expect(guardState.checkTime(deviceID: "d", sentMS: helloMS - 3_600_000, reportMS: nil) == .past)
        #expect(guardState.checkTime(deviceID: "d", sentMS: helloMS + 2_000, reportMS: .min) == .reportTooOld)
        #expect(guardState.checkTime(deviceID: "d", sentMS: helloMS + 2_000, reportMS: .max) == .reportInFuture)
        // An observation buffered during an hour's outage is still accepted.
        #expect(guardState.checkTime(deviceID: "d", sentMS: helloMS + 2_000, reportMS: helloMS - 3_600_000) == nil)
        // A device never seen at Hello is judged against its first message.
        #expect(guardState.checkTime(deviceID: "new", sentMS: Int64.max, reportMS: nil) == nil)
        #expect(guardState.checkTime(deviceID: "new", sentMS: 0, reportMS: nil) == .past)
    }
}
