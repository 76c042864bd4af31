import Foundation
import PatrolCore
import PatrolWire
import Testing
import ZeroMQ
@testable import PatrolHub

/// Coverage events are built for subscribers whose prefix takes them, and not at all when nobody would
/// receive them (the lockstep simulator subscribes to alerts and plans only).
@Suite struct CoverageEventSubscriptionTests {
    let context: Context
    let clock = ManualClock()
    let hub: Hub
    let configuration: HubConfiguration

    init() throws {
        (context, configuration, hub) = try LockstepHub.make(clock: clock)
    }

    private func subscriber(_ prefixes: [String]) throws -> Socket {
        let socket = try Socket(context, type: .sub)
        for prefix in prefixes { try socket.set(.subscribe, Array(prefix.utf8)) }
        try socket.connect(configuration.eventEndpoint)
        return socket
    }

    private func connectDrone() throws -> TestDevice {
        let drone = try TestDevice("drone-a", context: context, endpoint: configuration.deviceEndpoint)
        try drone.hello(kind: .drone, sentMS: clock.nowMS())
        try hub.pump(nowMS: clock.nowMS())
        return drone
    }

    /// The drone reports one frame, then the hub runs for a second (two coverage periods).
    private func observeAndRun(_ drone: TestDevice, eastM: Double = 0) throws {
        let observation = Observation(capturedMS: clock.nowMS(), cameraPosition: Vec3(xM: -20 + eastM, yM: 0, zM: 20),
                                      headingDeg: 90, pitchDeg: 45, fovDeg: 80, rangeM: 30)
        try drone.send(.observation(observation), sentMS: clock.nowMS())
        for _ in 0..<10 {
            clock.advance(byMS: 100)
            try hub.pump(nowMS: clock.nowMS())
        }
    }

    private func topics(_ socket: Socket) -> [String] {
        var topics: [String] = []
        while let frames = try? socket.receiveMultipart(dontWait: true), let topic = frames.first {
            topics.append(String(decoding: topic, as: UTF8.self))
        }
        return topics
    }

    @Test(arguments: ["coverage", "cov", ""])
    func aSubscriberWhosePrefixTakesCoverageReceivesCoverageEvents(prefix: String) throws {
        let socket = try subscriber([prefix])
        try observeAndRun(try connectDrone())
        #expect(topics(socket).contains("coverage"))
        #expect(hub.counters["events_out.coverage"] > 0)
    }

    @Test func withoutACoverageSubscriberNoCoverageEventIsBuilt() throws {
        let socket = try subscriber(["alert", "plan"])
        try observeAndRun(try connectDrone())
        #expect(!topics(socket).contains("coverage"))
        #expect(hub.counters["events_out.coverage"] == 0)
        // The map itself took the frame.
        #expect(hub.counters["observations_committed"] == 1)
    }

    @Test func aSubscriberThatLeavesStopsCoverageEvents() throws {
        let socket = try subscriber(["coverage"])
        let drone = try connectDrone()
        try observeAndRun(drone)
        let whileSubscribed = hub.counters["events_out.coverage"]
        #expect(whileSubscribed > 0)
        try socket.set(.unsubscribe, Array("coverage".utf8))
        Thread.sleep(forTimeInterval: 0.1)
        try observeAndRun(drone, eastM: 10)
        #expect(hub.counters["observations_committed"] == 2)
        #expect(hub.counters["events_out.coverage"] == whileSubscribed)
    }
}
