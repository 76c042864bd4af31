import Foundation
import PatrolTestKit
import PatrolWire
import Testing
@testable import PatrolOperator

/// docs/examples/example_device.py against a real hub over loopback TCP.
@Suite struct ExampleDeviceTests {
    static let script = Fixtures.repositoryRoot.appendingPathComponent("docs/examples/example_device.py")

    /// `$PATROLHUB_PYTHON` when it can import pyzmq and protobuf (`make test` sets it to the .venv python).
    static let python: String? = {
        guard let python = ProcessInfo.processInfo.environment["PATROLHUB_PYTHON"], !python.isEmpty else {
            return nil
        }
        return (try? run(python, ["-c", "import zmq, google.protobuf"], timeoutS: 20))?.status == 0 ? python : nil
    }()

    /// Runs a program to its end (or kills it after `timeoutS`); returns its exit status and standard output.
    static func run(_ program: String, _ arguments: [String], timeoutS: Double) throws
        -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        // The programs run here print a few lines, far below a pipe's buffer, so reading after the exit is safe.
        let deadline = Date().addingTimeInterval(timeoutS)
        while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        return (process.terminationStatus, text)
    }

    /// The first drone of the plaza mission's fleet, read from its mission.json.
    static func plazaDrone() throws -> String {
        let data = try Data(contentsOf: Fixtures.mission("plaza").appendingPathComponent("mission.json"))
        let mission = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let fleet = try #require(mission["fleet"] as? [[String: Any]])
        let drone = try #require(fleet.first { $0["kind"] as? String == "drone" })
        return try #require(drone["id"] as? String)
    }

    @Test(.enabled(if: python != nil, "PATROLHUB_PYTHON is unset or cannot import zmq and google.protobuf"))
    func exampleDeviceRegistersAndReportsToARealHub() throws {
        let python = try #require(Self.python)
        let deviceID = try Self.plazaDrone()
        let hub = try LiveHub(mission: Fixtures.mission("plaza"))
        defer { hub.stop() }
        let result = try Self.run(python, [Self.script.path, "--hub", hub.deviceEndpoint, "--device", deviceID,
                                           "--seconds", "3"], timeoutS: 30)
        #expect(result.status == 0, "example device: \(result.output)")
        #expect(result.output.contains("welcome: \(deviceID) at site plaza"))
        #expect(result.output.contains("summary: device \(deviceID)"))

        let client = try OperatorClient(endpoint: hub.operatorEndpoint, timeoutMS: 3000)
        guard case .devices(let devices) = try client.request(.devices) else {
            Issue.record("expected a devices reply")
            return
        }
        let device = try #require(devices.devices.first { $0.deviceID == deviceID })
        #expect(device.lastSeenMS > 0)
        guard case .status(let status) = try client.request(.status) else {
            Issue.record("expected a status reply")
            return
        }
        let counters = Dictionary(status.counters.map { ($0.name, $0.value) }, uniquingKeysWith: { $1 })
        #expect(counters["devices_welcomed"] == 1)
        // Telemetry twice a second and an observation every second for 3 s.
        #expect((counters["messages_in.telemetry"] ?? 0) >= 4)
        #expect((counters["messages_in.observation"] ?? 0) >= 2)
        #expect((counters["messages_in.bye"] ?? 0) == 1)
    }
}
