import Foundation
import PatrolCore
import PatrolWire
import Synchronization
import ZeroMQ
@testable import PatrolHub

/// A keys folder laid out as `patrolhub --keys DIR` expects, written in `patrolctl keygen`'s file format.
struct SecurityKeys {
    let directory: URL
    let hub: CurveKeyPair
    /// Device id -> its key pair (each listed in `devices/ID.pub`).
    let devices: [String: CurveKeyPair]
    let operatorKeys: CurveKeyPair

    init(devices ids: [String]) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("patrolhub-keys-\(UUID().uuidString)")
        for folder in ["devices", "operators"] {
            try FileManager.default.createDirectory(at: directory.appendingPathComponent(folder),
                                                    withIntermediateDirectories: true)
        }
        hub = try CurveKeyPair.generate()
        try "# hub\npublic-key: \(hub.publicKey)\nsecret-key: \(hub.secretKey)\n"
            .write(to: directory.appendingPathComponent("hub.key"), atomically: true, encoding: .utf8)
        var pairs: [String: CurveKeyPair] = [:]
        for id in ids {
            let pair = try CurveKeyPair.generate()
            pairs[id] = pair
            try Self.writePublic(pair, to: directory.appendingPathComponent("devices/\(id).pub"))
        }
        devices = pairs
        operatorKeys = try CurveKeyPair.generate()
        try Self.writePublic(operatorKeys, to: directory.appendingPathComponent("operators/op1.pub"))
    }

    static func writePublic(_ pair: CurveKeyPair, to file: URL, comment: String = "# CURVE public key") throws {
        try "\(comment)\n\(pair.publicKey)\n".write(to: file, atomically: true, encoding: .utf8)
    }

    func deviceFile(_ id: String) -> URL { directory.appendingPathComponent("devices/\(id).pub") }
}

extension HubThread {
    /// A hub with `--keys` running `run()` on its own thread over loopback TCP, as `patrolhub --keys` does.
    static func secured(keys: SecurityKeys, context: Context) throws -> HubThread {
        var configuration = HubConfiguration(missionDirectory: try TestMission.write())
        configuration.deviceEndpoint = "tcp://127.0.0.1:*"
        configuration.operatorEndpoint = "tcp://127.0.0.1:*"
        configuration.eventEndpoint = "tcp://127.0.0.1:*"
        configuration.keysDirectory = keys.directory
        configuration.logLevel = .error
        return try HubThread(configuration: configuration, context: context)
    }
}

/// A client socket's CURVE handshake outcome, seen through its monitor.
enum Handshake: Equatable {
    case succeeded
    case refused
    /// Nothing within the wait: the server never answered (e.g. it could not decrypt a wrong-server-key HELLO).
    case noAnswer

    /// Connects `socket` to `endpoint` and waits up to `timeoutMS` for the handshake's outcome. The hub thread
    /// answers ZAP between loop turns, which a replan on a loaded machine can delay by seconds.
    static func attempt(_ socket: Socket, endpoint: String, timeoutMS: Int = 5000) throws -> Handshake {
        let monitor = try socket.monitor([.handshakeSucceeded, .handshakeFailed, .disconnected])
        defer { monitor.close() }
        try socket.connect(endpoint)
        guard let event = try monitor.waitFor([.handshakeSucceeded, .handshakeFailed, .disconnected],
                                              timeoutMS: timeoutMS) else { return .noAnswer }
        return event.kind.contains(.handshakeSucceeded) ? .succeeded : .refused
    }
}

/// Makes a socket of `type` that is a CURVE client with `keys` (nil: plain text) of the server `serverKey`.
func secureClient(_ context: Context, _ type: SocketType, keys: CurveKeyPair?, serverKey: String) throws -> Socket {
    let socket = try Socket(context, type: type)
    try socket.set(.lingerMS, 0)
    if let keys { try socket.makeCurveClient(keys: keys, serverPublicKey: serverKey) }
    return socket
}

/// Sends one DeviceMessage on a connected DEALER and waits for the first HubMessage, if any.
/// A refused connection leaves the DEALER without a peer, where a blocking send would wait forever: nil then.
func exchange(_ socket: Socket, _ message: DeviceMessage, timeoutMS: Int = 5000) throws -> HubMessage? {
    guard try socket.send(message.encoded(), more: false, dontWait: true) else { return nil }
    return try firstHubMessage(socket, timeoutMS: timeoutMS)
}

/// Sends one DeviceMessage and waits for the first reply that `matches`, skipping others (a route the hub
/// assigns meanwhile, once its planner is ready, must not stand in for the reply a test waits for).
func exchange(_ socket: Socket, _ message: DeviceMessage, timeoutMS: Int = 5000,
              until matches: (HubMessage) -> Bool) throws -> HubMessage? {
    guard try socket.send(message.encoded(), more: false, dontWait: true) else { return nil }
    let deadline = Date().addingTimeInterval(Double(timeoutMS) / 1000)
    while Date() < deadline {
        let leftMS = max(1, Int(deadline.timeIntervalSinceNow * 1000))
        guard let reply = try firstHubMessage(socket, timeoutMS: leftMS) else { return nil }
        if matches(reply) { return reply }
    }
    return nil
}

func firstHubMessage(_ socket: Socket, timeoutMS: Int) throws -> HubMessage? {
    var poller = Poller()
    poller.register(socket)
    guard !(try poller.poll(timeoutMS: timeoutMS)).isEmpty, let frame = try socket.receiveFrame(dontWait: true) else {
        return nil
    }
    return try HubMessage(decoding: frame.bytes)
}

func helloMessage(_ id: String, kind: DeviceKind = .drone, seq: UInt64 = 1) -> DeviceMessage {
    let capabilities = Capabilities(maxSpeedMPS: 8, enduranceS: 1500,
                                    camera: PatrolCore.CameraSpec(fovDeg: 80, rangeM: 30, pitchDeg: 45, altitudeM: 20),
                                    personCounting: true, detection: true)
    return DeviceMessage(seq: seq, sentMS: WallClock().nowMS(), body: .hello(Hello(
        deviceID: id, kind: kind, protocolVersion: ProtocolVersion.current, capabilities: capabilities)))
}

/// Asks for the hub's status on a connected operator DEALER; the counters by name.
func statusCounters(_ socket: Socket, timeoutMS: Int = 5000) throws -> [String: Double]? {
    // Non-blocking: a refused connection leaves no peer to queue for.
    guard try socket.send(OperatorRequest(requestID: 7, body: .status).encoded(), more: false, dontWait: true) else {
        return nil
    }
    var poller = Poller()
    poller.register(socket)
    guard !(try poller.poll(timeoutMS: timeoutMS)).isEmpty, let frame = try socket.receiveFrame(dontWait: true) else {
        return nil
    }
    let reply = try OperatorReply(decoding: frame.bytes)
    guard case .status(let status) = reply.body else { return [:] }
    return Dictionary(status.counters.map { ($0.name, $0.value) }, uniquingKeysWith: { $1 })
}
