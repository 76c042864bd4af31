import Foundation
import PatrolCore
import PatrolWire
import Synchronization
import ZeroMQ
@testable import PatrolHub

/// A clock the test moves by hand (lockstep runs).
final class ManualClock: PatrolCore.Clock {
    private let value: Atomic<Int64>

    init(_ startMS: Int64 = 1_800_000_000_000) {
        value = Atomic(startMS)
    }

    func nowMS() -> Int64 { value.load(ordering: .relaxed) }

    @discardableResult
    func advance(byMS delta: Int64) -> Int64 { value.add(delta, ordering: .relaxed).newValue }
}

/// A small mission written to a temporary folder: a 80 m x 60 m square, no cameras, two drones and a robot.
enum TestMission {
    static let fleet = ["drone-a", "drone-b", "robot-a"]

    /// `extraDrones`: more drones like drone-a and drone-b, after them in the fleet.
    static func write(name: String = "testsite", extraDrones: [String] = []) throws -> URL {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("patrolhub-\(name)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        // Around the origin (45.59 N, 84.87 E): 1e-5 deg is ~1.11 m north, ~0.78 m east.
        func lon(_ xM: Double) -> Double { 84.87 + xM / 77_950 }
        func lat(_ yM: Double) -> Double { 45.59 + yM / 111_130 }
        func ring(_ points: [(Double, Double)]) -> [[Double]] {
            (points + [points[0]]).map { [lon($0.0), lat($0.1)] }
        }
        let features: [[String: Any]] = [
            ["type": "Feature", "properties": ["kind": "boundary"],
             "geometry": ["type": "Polygon", "coordinates": [ring([(-40, -30), (40, -30), (40, 30), (-40, 30)])]]],
            ["type": "Feature", "properties": ["kind": "building", "height_m": 6],
             "geometry": ["type": "Polygon", "coordinates": [ring([(-5, -5), (5, -5), (5, 5), (-5, 5)])]]],
            ["type": "Feature", "properties": ["kind": "dock", "id": "dock-1"],
             "geometry": ["type": "Point", "coordinates": [lon(-35), lat(-25)]]],
        ]
        let site: [String: Any] = ["type": "FeatureCollection", "features": features]
        func device(_ id: String, _ kind: String) -> [String: Any] {
            ["id": id, "kind": kind, "speed_mps": kind == "drone" ? 8.0 : 1.5, "endurance_s": 1500, "dock": "dock-1",
             "camera": ["fov_deg": 80, "range_m": kind == "drone" ? 30 : 15, "pitch_deg": kind == "drone" ? 45 : 10,
                        "altitude_m": kind == "drone" ? 20 : 1.5]]
        }
        let mission: [String: Any] = [
            "name": name, "site": "site.geojson", "origin": ["lat": 45.59, "lon": 84.87], "cell_m": 4,
            "fleet": [device("drone-a", "drone"), device("drone-b", "drone"), device("robot-a", "robot")]
                + extraDrones.map { device($0, "drone") },
            "policy": ["revisit_s": 120, "battery_reserve_fraction": 0.2],
        ]
        try JSONSerialization.data(withJSONObject: site).write(to: directory.appendingPathComponent("site.geojson"))
        try JSONSerialization.data(withJSONObject: mission).write(to: directory.appendingPathComponent("mission.json"))
        return directory
    }
}

/// A device speaking the wire protocol over a DEALER socket.
/// A hub on a fresh copy of the test mission, over inproc endpoints in a new context, on `clock`: the
/// test owns the one thread and pumps it.
enum LockstepHub {
    static func make(clock: ManualClock, extraDrones: [String] = []) throws
        -> (context: Context, configuration: HubConfiguration, hub: Hub) {
        let context = try Context()
        let configuration = HubConfiguration.inproc(try TestMission.write(extraDrones: extraDrones))
        return (context, configuration, try Hub(configuration: configuration, context: context, clock: clock))
    }
}

final class TestDevice {
    let id: String
    let socket: Socket
    var seq: UInt64 = 0

    init(_ id: String, context: Context, endpoint: String, routingID: String? = nil) throws {
        self.id = id
        socket = try Socket(context, type: .dealer)
        try socket.set(.lingerMS, 0)
        if let routingID { try socket.set(.routingID, Array(routingID.utf8)) }
        try socket.connect(endpoint)
    }

    deinit { socket.close() }

    @discardableResult
    func send(_ body: DeviceMessage.Body, seq explicit: UInt64? = nil, sentMS: Int64) throws -> UInt64 {
        let number: UInt64
        if let explicit {
            number = explicit
        } else {
            seq += 1
            number = seq
        }
        try socket.send(DeviceMessage(seq: number, sentMS: sentMS, body: body).encoded())
        return number
    }

    func sendRaw(_ bytes: [UInt8]) throws { try socket.send(bytes) }

    func hello(kind: DeviceKind, version: UInt32 = ProtocolVersion.current, sentMS: Int64, id: String? = nil) throws {
        let capabilities = Capabilities(maxSpeedMPS: 8, enduranceS: 1500,
                                        camera: PatrolCore.CameraSpec(fovDeg: 80, rangeM: 30, pitchDeg: 45, altitudeM: 20),
                                        personCounting: true, detection: true)
        try send(.hello(Hello(deviceID: id ?? self.id, kind: kind, protocolVersion: version, capabilities: capabilities)),
                 sentMS: sentMS)
    }

    /// Every HubMessage waiting now (after giving the hub's replies `waitMS` to arrive).
    func receiveAll(waitMS: Int = 0) throws -> [HubMessage] {
        var poller = Poller()
        poller.register(socket)
        var messages: [HubMessage] = []
        if waitMS > 0 { _ = try poller.poll(timeoutMS: waitMS) }
        while let frame = try socket.receiveFrame(dontWait: true) {
            messages.append(try HubMessage(decoding: frame.bytes))
        }
        return messages
    }

    /// Waits up to `timeoutMS` for a message matching `predicate`, skipping others.
    func await(timeoutMS: Int = 2000, _ predicate: (HubMessage) -> Bool) throws -> HubMessage? {
        let deadline = Date().addingTimeInterval(Double(timeoutMS) / 1000)
        var poller = Poller()
        poller.register(socket)
        while Date() < deadline {
            _ = try poller.poll(timeoutMS: 20)
            while let frame = try socket.receiveFrame(dontWait: true) {
                let message = try HubMessage(decoding: frame.bytes)
                if predicate(message) { return message }
            }
        }
        return nil
    }
}

extension HubConfiguration {
    /// Loopback-free lockstep endpoints on a shared context.
    static func inproc(_ mission: URL, tag: String = UUID().uuidString) -> HubConfiguration {
        var configuration = HubConfiguration(missionDirectory: mission)
        configuration.deviceEndpoint = "inproc://devices-\(tag)"
        configuration.operatorEndpoint = "inproc://operators-\(tag)"
        configuration.eventEndpoint = "inproc://events-\(tag)"
        configuration.logLevel = .error
        return configuration
    }
}

extension HubMessage {
    var isWelcome: Bool { if case .welcome = body { true } else { false } }
    var reject: Reject? { if case .reject(let reject) = body { reject } else { nil } }
    var route: AssignRoute? { if case .assignRoute(let route) = body { route } else { nil } }
    var ackedSeqs: [UInt64]? { if case .ack(let ack) = body { ack.seqs } else { nil } }
    var command: Command? { if case .command(let command) = body { command } else { nil } }
}
