import Foundation
import PatrolCore
import PatrolWire
import Testing
import ZeroMQ
@testable import PatrolHub

/// Lockstep hubs handle a pump's device messages in an order fixed by the senders, not by libzmq's timing.
@Suite struct DeviceMessageOrderTests {
    @Test func messagesAreHandledRoundRobinOverSendersInRoutingIDOrder() throws {
        let context = try Context()
        let clock = ManualClock()
        var configuration = HubConfiguration.inproc(try TestMission.write())
        configuration.recordsDeviceDeliveries = true
        configuration.ordersDeviceMessages = true
        let hub = try Hub(configuration: configuration, context: context, clock: clock)
        // Routing ids are the device ids, as the simulator's are; they connect in the order they send.
        func device(_ id: String) throws -> TestDevice {
            try TestDevice(id, context: context, endpoint: configuration.deviceEndpoint, routingID: id)
        }
        let robot = try device("robot-a"), droneB = try device("drone-b"), droneA = try device("drone-a")
        // Sent robot first and drone-a last; drone-a's telemetry only makes sense after its own Hello.
        try robot.hello(kind: .robot, sentMS: clock.nowMS())
        try droneB.hello(kind: .drone, sentMS: clock.nowMS())
        try droneA.hello(kind: .drone, sentMS: clock.nowMS())
        try droneA.send(.telemetry(Telemetry(position: Vec3(xM: 10, yM: 10, zM: 20), headingDeg: 0, speedMPS: 0,
                                             batteryFraction: 0.9, enduranceRemainingS: 1000, state: .idle)),
                        sentMS: clock.nowMS())
        clock.advance(byMS: 100)
        try hub.pump(nowMS: clock.nowMS())
        let deliveries = hub.takeDeviceDeliveries().map { String(decoding: $0, as: UTF8.self) }
        #expect(Array(deliveries.prefix(3)) == ["drone-a", "drone-b", "robot-a"])
        #expect(hub.counters["rejects.not_registered"] == 0)
        #expect(hub.devices["drone-a"]?.batteryFraction == 0.9)
        for device in [robot, droneB, droneA] {
            #expect(try device.receiveAll(waitMS: 20).contains { $0.isWelcome })
        }
    }

    /// A lockstep simulator sends its next step's messages while the hub pumps: told how many messages each
    /// sender has in the pump, the hub handles those and keeps the rest for the next pump.
    @Test func aCountedPumpHandlesEachSendersQuotaAndKeepsLaterMessagesForTheNextPump() throws {
        let context = try Context()
        let clock = ManualClock()
        var configuration = HubConfiguration.inproc(try TestMission.write())
        configuration.ordersDeviceMessages = true
        let hub = try Hub(configuration: configuration, context: context, clock: clock)
        let drone = try TestDevice("drone-a", context: context, endpoint: configuration.deviceEndpoint,
                                   routingID: "drone-a")
        let robot = try TestDevice("robot-a", context: context, endpoint: configuration.deviceEndpoint,
                                   routingID: "robot-a")
        func telemetry(battery: Double) -> DeviceMessage.Body {
            .telemetry(Telemetry(position: Vec3(xM: 10, yM: 10, zM: 20), headingDeg: 0, speedMPS: 0,
                                 batteryFraction: battery, enduranceRemainingS: 1000, state: .idle))
        }
        try drone.hello(kind: .drone, sentMS: clock.nowMS())
        try drone.send(telemetry(battery: 0.9), sentMS: clock.nowMS())
        try robot.hello(kind: .robot, sentMS: clock.nowMS())
        Thread.sleep(forTimeInterval: 0.02)

        // The drone's telemetry and the robot's Hello were sent "after" this pump began.
        clock.advance(byMS: 100)
        try hub.pump(nowMS: clock.nowMS(), expectedDeviceMessages: [Array("drone-a".utf8): 1])
        #expect(hub.devices["drone-a"]?.routingID != nil)
        #expect(hub.devices["drone-a"]?.batteryFraction == 1)
        #expect(hub.devices["robot-a"]?.routingID == nil)
        #expect(hub.counters["messages_in.telemetry"] == 0)

        try drone.send(telemetry(battery: 0.8), sentMS: clock.nowMS())
        clock.advance(byMS: 100)
        try hub.pump(nowMS: clock.nowMS(),
                     expectedDeviceMessages: [Array("drone-a".utf8): 1, Array("robot-a".utf8): 1])
        #expect(hub.devices["drone-a"]?.batteryFraction == 0.9)
        #expect(hub.devices["robot-a"]?.routingID != nil)
        #expect(hub.counters["messages_in.telemetry"] == 1)

        // A pump without counts takes everything, kept or waiting.
        clock.advance(byMS: 100)
        try hub.pump(nowMS: clock.nowMS())
        #expect(hub.devices["drone-a"]?.batteryFraction == 0.8)
        #expect(hub.counters["messages_in.telemetry"] == 2)
    }
}
