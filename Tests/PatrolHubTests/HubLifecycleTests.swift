import Foundation
import PatrolCore
import PatrolWire
import Testing
import ZeroMQ
@testable import PatrolHub

/// Device lifecycle in lockstep: the test owns the one thread, sends, pumps the hub, reads replies.
@Suite struct HubLifecycleTests {
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

    @Test func helloIsWelcomedAndTelemetryUpdatesTheFleet() throws {
        let drone = try device("drone-a")
        try drone.hello(kind: .drone, sentMS: clock.nowMS())
        try pump()
        let replies = try drone.receiveAll(waitMS: 50)
        let welcome = try #require(replies.first { $0.isWelcome })
        guard case .welcome(let body) = welcome.body else { return }
        #expect(body.siteID == "testsite")
        #expect(body.heartbeatIntervalMS == 1000)
        try drone.send(.telemetry(Telemetry(position: Vec3(xM: 3, yM: 4, zM: 20), headingDeg: 90, speedMPS: 5,
                                            batteryFraction: 0.75, enduranceRemainingS: 1000, state: .patrolling)),
                       sentMS: clock.nowMS())
        try pump()
        let info = try #require(hub.devices["drone-a"]?.info)
        #expect(info.connected)
        #expect(info.position == Vec3(xM: 3, yM: 4, zM: 20))
        #expect(info.batteryFraction == 0.75)
        #expect(info.state == .patrolling)
        #expect(hub.counters["messages_in.telemetry"] == 1)
    }

    @Test(arguments: [
        ("unsupported_version", RejectReason.unsupportedVersion),
        ("unknown_device", .unknownDevice),
        ("kind_mismatch", .kindMismatch),
        ("not_registered", .notRegistered),
        ("malformed", .malformed),
    ])
    func badMessagesAreRejectedWithTheirReason(scenario: String, expected: RejectReason) throws {
        let probe = try device("drone-a")
        let now = clock.nowMS()
        switch scenario {
        case "unsupported_version": try probe.hello(kind: .drone, version: 7, sentMS: now)
        case "unknown_device": try probe.hello(kind: .drone, sentMS: now, id: "ghost-9")
        case "kind_mismatch": try probe.hello(kind: .robot, sentMS: now)
        case "not_registered": try probe.send(.heartbeat(Heartbeat(state: .idle)), sentMS: now)
        default: try probe.sendRaw([0xff, 0x01, 0x02, 0x03])
        }
        try pump()
        let reject = try #require(try probe.receiveAll(waitMS: 50).compactMap(\.reject).first)
        #expect(reject.reason == expected)
        #expect(!reject.detail.isEmpty)
        #expect(hub.counters.values.contains { $0.key.hasPrefix("rejects.") && $0.value == 1 })
        #expect(hub.devices["drone-a"]?.connected == false)
    }

    @Test func anIDConnectedElsewhereIsRefusedUntilTheFirstIsLost() throws {
        let first = try device("drone-a")
        let second = try device("drone-a")
        try first.hello(kind: .drone, sentMS: clock.nowMS())
        try pump()
        try second.hello(kind: .drone, sentMS: clock.nowMS())
        try pump()
        #expect(try second.receiveAll(waitMS: 50).compactMap(\.reject).first?.reason == .idInUse)
        clock.advance(byMS: 3_500)
        try pump()
        #expect(hub.devices["drone-a"]?.state == .lost)
        try second.hello(kind: .drone, sentMS: clock.nowMS())
        try pump()
        #expect(try second.receiveAll(waitMS: 50).contains { $0.isWelcome })
    }

    @Test func malformedFramesAreCountedAndTheHubKeepsServing() throws {
        let junk = try device("junk")
        var generator = SeededRandom(seed: 42)
        for _ in 0..<200 {
            let count = Int(generator.next() % 64)
            try junk.sendRaw((0..<count).map { _ in UInt8(truncatingIfNeeded: generator.next()) })
        }
        try pump()
        let malformed = hub.counters["messages_in.malformed"]
        #expect(malformed >= 150)
        let drone = try device("drone-b")
        try drone.hello(kind: .drone, sentMS: clock.nowMS())
        try pump()
        #expect(try drone.receiveAll(waitMS: 50).contains { $0.isWelcome })
    }

    @Test func aLostDevicesShareIsReassignedWithinASecond() throws {
        let a = try device("drone-a")
        let b = try device("drone-b")
        try a.hello(kind: .drone, sentMS: clock.nowMS())
        try b.hello(kind: .drone, sentMS: clock.nowMS())
        for _ in 0..<3 {
            clock.advance(byMS: 100)
            try pump()
        }
        let firstRoutes = try b.receiveAll(waitMS: 50).compactMap(\.route)
        let before = try #require(firstRoutes.last)
        _ = try a.receiveAll()
        // b keeps beating, a goes silent: lost after 3 missed heartbeats, replanned within 1 s after that.
        var lostAtMS: Int64?
        var reassigned: AssignRoute?
        for _ in 0..<50 where reassigned == nil {
            clock.advance(byMS: 100)
            try b.send(.heartbeat(Heartbeat(state: .patrolling)), sentMS: clock.nowMS())
            try pump()
            if lostAtMS == nil, hub.devices["drone-a"]?.state == .lost { lostAtMS = clock.nowMS() }
            reassigned = try b.receiveAll(waitMS: 5).compactMap(\.route).last
        }
        let lost = try #require(lostAtMS)
        let route = try #require(reassigned)
        #expect(route.version > before.version)
        #expect(clock.nowMS() - lost <= 1000)
        #expect(hub.alerts.values.contains { $0.kind == .deviceLost && $0.deviceID == "drone-a" })
        // a comes back: it gets a route again.
        try a.send(.heartbeat(Heartbeat(state: .idle)), sentMS: clock.nowMS())
        for _ in 0..<3 {
            clock.advance(byMS: 100)
            try pump()
        }
        #expect(try a.receiveAll(waitMS: 20).contains { $0.route != nil })
    }

    @Test func observationsAreAcknowledgedOnceAndResendsAreDropped() throws {
        let drone = try device("drone-a")
        try drone.hello(kind: .drone, sentMS: clock.nowMS())
        try pump()
        _ = try drone.receiveAll(waitMS: 20)
        let observation = Observation(capturedMS: clock.nowMS(), cameraPosition: Vec3(xM: -20, yM: 0, zM: 20),
                                      headingDeg: 90, pitchDeg: 45, fovDeg: 80, rangeM: 30)
        let seq = try drone.send(.observation(observation), sentMS: clock.nowMS())
        try pump()
        let acks = try drone.receiveAll(waitMS: 20).compactMap(\.ackedSeqs).flatMap { $0 }
        #expect(acks == [seq])
        try drone.send(.observation(observation), seq: seq, sentMS: clock.nowMS())
        try pump()
        #expect(hub.counters["duplicates_dropped"] == 1)
        #expect(hub.counters["observations_committed"] == 1)
        #expect(try drone.receiveAll(waitMS: 20).compactMap(\.ackedSeqs).flatMap { $0 } == [seq])
    }

    @Test func aDetectionRaisesAnAlertAndDispatchesTheNearestDevice() throws {
        let reporter = try device("drone-a")
        let helper = try device("drone-b")
        try reporter.hello(kind: .drone, sentMS: clock.nowMS())
        try helper.hello(kind: .drone, sentMS: clock.nowMS())
        try pump()
        try helper.send(.telemetry(Telemetry(position: Vec3(xM: 20, yM: 20, zM: 20), headingDeg: 0, speedMPS: 0,
                                             batteryFraction: 1, enduranceRemainingS: 1400, state: .patrolling)),
                        sentMS: clock.nowMS())
        try reporter.send(.telemetry(Telemetry(position: Vec3(xM: -35, yM: -25, zM: 20), headingDeg: 0, speedMPS: 0,
                                               batteryFraction: 1, enduranceRemainingS: 1400, state: .patrolling)),
                          sentMS: clock.nowMS())
        try pump()
        _ = try helper.receiveAll(waitMS: 20)
        let detection = Detection(detectionID: "d1", kind: "fall", position: Vec3(xM: 25, yM: 22, zM: 0),
                                  confidence: 0.9, detectedMS: clock.nowMS(), evidenceRef: "img-1")
        try reporter.send(.detection(detection), sentMS: clock.nowMS())
        try pump()
        let alert = try #require(hub.alerts.values.first { $0.kind == .detection })
        #expect(alert.evidenceRef == "img-1")
        let command = try #require(try helper.receiveAll(waitMS: 20).compactMap(\.command).first)
        #expect(command.kind == .investigate)
        #expect(command.alertID == alert.alertID)
        #expect(hub.counters["detections_stored"] == 1)
    }
}
