import Foundation
import PatrolCore
import PatrolWire
import Testing
import ZeroMQ
@testable import PatrolHub

/// The walking skeleton over loopback TCP: a live hub thread, DEALER devices, an operator and a subscriber.
@Suite struct HubSkeletonTests {
    private func operatorRequest(_ socket: Socket, _ body: OperatorRequest.Body, id: UInt64) throws -> OperatorReply {
        try socket.send([[], OperatorRequest(requestID: id, body: body).encoded()])
        var poller = Poller()
        poller.register(socket)
        guard try poller.poll(timeoutMS: 3000).isReadable(0), let frames = try socket.receiveMultipart() else {
            throw HubError("operator endpoint did not answer within 3 s")
        }
        return try OperatorReply(decoding: try #require(frames.last))
    }

    @Test func devicesRegisterReportAndShowUpThroughTheOperatorAPI() throws {
        var configuration = HubConfiguration(missionDirectory: try TestMission.write())
        configuration.deviceEndpoint = "tcp://127.0.0.1:*"
        configuration.operatorEndpoint = "tcp://127.0.0.1:*"
        configuration.eventEndpoint = "tcp://127.0.0.1:*"
        configuration.logLevel = .error
        let context = try Context()
        let hub = try HubThread(configuration: configuration, context: context)
        defer { hub.stop() }

        let subscriber = try Socket(context, type: .sub)
        try subscriber.set(.subscribe, Array("fleet".utf8))
        try subscriber.connect(hub.eventEndpoint)

        var devices: [TestDevice] = []
        for (id, kind) in [("drone-a", DeviceKind.drone), ("drone-b", .drone), ("robot-a", .robot)] {
            let device = try TestDevice(id, context: context, endpoint: hub.deviceEndpoint)
            try device.hello(kind: kind, sentMS: WallClock().nowMS())
            #expect(try device.await { $0.isWelcome } != nil)
            try device.send(.telemetry(Telemetry(position: Vec3(xM: 1, yM: 2, zM: kind == .drone ? 20 : 0),
                                                 headingDeg: 10, speedMPS: 1, batteryFraction: 0.5,
                                                 enduranceRemainingS: 700, state: .patrolling)),
                            sentMS: WallClock().nowMS())
            devices.append(device)
        }
        Thread.sleep(forTimeInterval: 0.2)

        let operatorSocket = try Socket(context, type: .dealer)
        try operatorSocket.connect(hub.operatorEndpoint)
        guard case .devices(let reply) = try operatorRequest(operatorSocket, .devices, id: 1).body else {
            Issue.record("not a devices reply")
            return
        }
        #expect(reply.devices.map(\.deviceID) == ["drone-a", "drone-b", "robot-a"])
        #expect(reply.devices.allSatisfy { $0.connected && $0.batteryFraction == 0.5 && $0.state == .patrolling })
        guard case .status(let status) = try operatorRequest(operatorSocket, .status, id: 2).body else {
            Issue.record("not a status reply")
            return
        }
        #expect(status.devicesConnected == 3)
        #expect(status.counters.contains { $0.name == "messages_in.telemetry" && $0.value == 3 })

        var poller = Poller()
        poller.register(subscriber)
        #expect(try poller.poll(timeoutMS: 2000).isReadable(0))
        let event = try #require(try subscriber.receiveMultipart())
        #expect(event.first == Array("fleet".utf8))
        #expect(try Event(decoding: event[1]).siteID == "testsite")
    }

    @Test func aMalformedOperatorRequestGetsAnErrorReply() throws {
        var configuration = HubConfiguration.inproc(try TestMission.write())
        configuration.operatorEndpoint = "tcp://127.0.0.1:*"
        let context = try Context()
        let hub = try HubThread(configuration: configuration, context: context)
        defer { hub.stop() }
        let socket = try Socket(context, type: .dealer)
        try socket.connect(hub.operatorEndpoint)
        try socket.send([[], [0xff, 0xff, 0x00]])
        var poller = Poller()
        poller.register(socket)
        #expect(try poller.poll(timeoutMS: 3000).isReadable(0))
        let reply = try OperatorReply(decoding: try #require(try socket.receiveMultipart()?.last))
        guard case .error(let error) = reply.body else {
            Issue.record("expected an error reply")
            return
        }
        #expect(error.code == "malformed")
    }
}
