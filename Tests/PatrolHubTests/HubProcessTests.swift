import Foundation
import PatrolCore
import PatrolWire
import Testing
import ZeroMQ
@testable import PatrolHub

/// The real `patrolhub` executable killed with SIGKILL and restarted on the same database.
@Suite struct HubProcessTests {
    /// `patrolhub` beside the test bundle (SwiftPM builds every product with the tests).
    private var executable: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("patrolhub")
    }

    /// A loopback endpoint on a port free right now, found with a plain socket: a ZeroMQ socket unbinds in
    /// its I/O thread some time after `close`, so the hub started next could find the port still taken.
    private func freeEndpoint() throws -> String {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw POSIXError(.EMFILE) }
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { generic in
                bind(descriptor, generic, length) == 0 && getsockname(descriptor, generic, &length) == 0
            }
        }
        guard bound else { throw POSIXError(.EADDRINUSE) }
        return "tcp://127.0.0.1:\(UInt16(bigEndian: address.sin_port))"
    }

    private func launch(mission: URL, database: String, devices: String, operators: String,
                        events: String) throws -> Process {
        let process = Process()
        process.executableURL = executable
        process.arguments = [mission.path, "--devices", devices, "--operators", operators, "--events", events,
                             "--db", database, "--log-level", "error"]
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    @Test func nothingAcknowledgedIsLostWhenTheHubIsKilled() throws {
        #expect(FileManager.default.isExecutableFile(atPath: executable.path), "build patrolhub first")
        let context = try Context()
        let mission = try TestMission.write()
        let database = FileManager.default.temporaryDirectory.appendingPathComponent("kill-\(UUID().uuidString).sqlite").path
        let (devices, operators, events) = (try freeEndpoint(), try freeEndpoint(), try freeEndpoint())
        let first = try launch(mission: mission, database: database, devices: devices, operators: operators, events: events)
        let drone = try TestDevice("drone-a", context: context, endpoint: devices)
        try drone.hello(kind: .drone, sentMS: WallClock().nowMS())
        #expect(try drone.await(timeoutMS: 10_000) { $0.isWelcome } != nil)
        var sent: Set<UInt64> = []
        for step in 0..<20 {
            let observation = Observation(capturedMS: WallClock().nowMS(),
                                          cameraPosition: Vec3(xM: Double(step % 8) * 8 - 30, yM: 0, zM: 20),
                                          headingDeg: Double(step * 17 % 360), pitchDeg: 45, fovDeg: 80, rangeM: 30)
            sent.insert(try drone.send(.observation(observation), sentMS: WallClock().nowMS()))
        }
        var acked: Set<UInt64> = []
        let deadline = Date().addingTimeInterval(5)
        while acked.count < sent.count && Date() < deadline {
            if let message = try drone.await(timeoutMS: 200, { $0.ackedSeqs != nil }) {
                acked.formUnion(message.ackedSeqs ?? [])
            }
        }
        #expect(acked == sent)
        kill(first.processIdentifier, SIGKILL)
        first.waitUntilExit()
        #expect(first.terminationReason == .uncaughtSignal)

        let second = try launch(mission: mission, database: database, devices: devices, operators: operators, events: events)
        defer {
            second.terminate()
            second.waitUntilExit()
        }
        let again = try TestDevice("drone-a", context: context, endpoint: devices)
        try again.hello(kind: .drone, sentMS: WallClock().nowMS())
        let welcome = try #require(try again.await(timeoutMS: 10_000) { $0.isWelcome })
        guard case .welcome(let body) = welcome.body else { return }
        #expect(body.lastAckedSeq == acked.max())
        // The restarted hub still knows every acknowledged seq: resending one is dropped as a duplicate.
        let resent = try #require(acked.min())
        try again.send(.observation(Observation(capturedMS: WallClock().nowMS(), cameraPosition: Vec3(xM: 0, yM: 0, zM: 20),
                                                headingDeg: 0, pitchDeg: 45, fovDeg: 80, rangeM: 30)),
                       seq: resent, sentMS: WallClock().nowMS())
        #expect(try again.await(timeoutMS: 3000) { $0.ackedSeqs == [resent] } != nil)
        let operatorSocket = try Socket(context, type: .dealer)
        try operatorSocket.connect(operators)
        try operatorSocket.send([[], OperatorRequest(requestID: 1, body: .status).encoded()])
        var poller = Poller()
        poller.register(operatorSocket)
        #expect(try poller.poll(timeoutMS: 5000).isReadable(0))
        let reply = try OperatorReply(decoding: try #require(try operatorSocket.receiveMultipart()?.last))
        guard case .status(let status) = reply.body else {
            Issue.record("not a status reply")
            return
        }
        let committed = status.counters.first { $0.name == "observations_committed" }?.value ?? 0
        #expect(committed == Double(sent.count))
    }
}
