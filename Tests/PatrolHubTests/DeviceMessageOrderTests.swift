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
}
