import Foundation
import PatrolCore
import PatrolHub
import PatrolWire
import ZeroMQ

/// The simulator's side of the hub: the in-process hub it pumps (lockstep runs), a SUB socket on the
/// hub's events (alerts tell which incidents were detected) and an operator DEALER (camera faults).
final class HubConnection {
    let context: Context
    /// Set in lockstep runs.
    let hub: Hub?
    /// Pumps `hub` (lockstep runs), on a thread of its own for a large fleet.
    private let pump: HubPump?
    let deviceEndpoint: String
    private let events: Socket?
    private let operatorSocket: Socket?
    private var nextRequestID: UInt64 = 1
    /// Operator requests kept for the next `startPump` (lockstep runs): sent while the hub pumps, they could
    /// be handled in this pump or the next.
    private var heldRequests: [[UInt8]] = []

    static let inprocDevices = "inproc://patrolsim-devices"
    static let inprocOperators = "inproc://patrolsim-operators"
    static let inprocEvents = "inproc://patrolsim-events"

    /// - Parameters:
    ///   - options: where the hub is.
    ///   - mission: the mission; the in-process hub loads it from its directory.
    init(options: SimulationOptions, mission: Mission) throws {
        context = try Context()
        var eventEndpoint = options.eventEndpoint
        var operatorEndpoint = options.operatorEndpoint
        switch options.hub {
        case .inproc:
            var configuration = HubConfiguration(missionDirectory: mission.directory)
            configuration.deviceEndpoint = Self.inprocDevices
            configuration.operatorEndpoint = Self.inprocOperators
            configuration.eventEndpoint = Self.inprocEvents
            configuration.databasePath = nil
            configuration.logLevel = .error
            configuration.recordsDeviceDeliveries = true
            configuration.ordersDeviceMessages = true
            // The hub's own clock, set to each pump's time: the simulation's clock moves on while it pumps.
            let hubClock = SimulationClock()
            let hub = try Hub(configuration: configuration, context: context, clock: hubClock)
            self.hub = hub
            pump = HubPump(hub: hub, clock: hubClock, ownThread: options.pumpsHubOnOwnThread
                               ?? (mission.fleet.count >= HubPump.ownThreadMinimumFleet))
            deviceEndpoint = Self.inprocDevices
            eventEndpoint = Self.inprocEvents
            operatorEndpoint = Self.inprocOperators
        case .remote(let endpoint):
            hub = nil
            pump = nil
            deviceEndpoint = endpoint
        }
        if let eventEndpoint {
            let socket = try Socket(context, type: .sub)
            try socket.set(.lingerMS, Int32(0))
            try socket.set(.receiveHighWaterMark, Int32(100_000))
            try socket.set(.subscribe, Array("alert".utf8))
            try socket.set(.subscribe, Array("plan".utf8))
            try socket.connect(eventEndpoint)
            events = socket
        } else {
            events = nil
        }
        if let operatorEndpoint {
            let socket = try Socket(context, type: .dealer)
            try socket.set(.lingerMS, Int32(0))
            try socket.connect(operatorEndpoint)
            operatorSocket = socket
        } else {
            operatorSocket = nil
        }
    }

    /// Whether alerts can be observed (an event endpoint is known).
    var observesAlerts: Bool { events != nil }
    var canCommandCameras: Bool { operatorSocket != nil }

    /// Whether the hub is pumped in lockstep (`startPump` then does something).
    var isLockstep: Bool { pump != nil }

    /// Sends the operator requests held back, then lets the in-process hub handle the step's device messages
    /// (`expected`, by routing id), those requests and every timer due at `nowMS` (on a thread of its own
    /// for a large fleet, see `HubPump`); nothing with a remote hub.
    func startPump(nowMS: Int64, expectedDeviceMessages expected: [[UInt8]: Int]) {
        guard let pump else { return }
        for request in heldRequests { _ = try? operatorSocket?.send([[], request], dontWait: true) }
        heldRequests.removeAll()
        pump.start(nowMS: nowMS, expectedDeviceMessages: expected)
    }

    /// Waits for the pump started last: its replies and events are then all waiting.
    /// - Throws: a socket failure of the in-process hub.
    func finishPump() throws {
        try pump?.finish()
    }

    /// Lockstep runs: the device ids the in-process hub sent to since the last call (only they have
    /// messages waiting); nil with a remote hub, whose messages may arrive at any time.
    func takeDeviceDeliveries() -> [String]? {
        guard let hub else { return nil }
        return hub.takeDeviceDeliveries().map { String(decoding: $0, as: UTF8.self) }
    }

    /// Events received since the last call (alert and plan topics).
    func receiveEvents(undecodable: inout Int) -> [Event] {
        guard let events else { return [] }
        var result: [Event] = []
        while let frames = try? events.receiveMultipart(dontWait: true) {
            guard let bytes = frames.last, let event = try? Event(decoding: bytes) else {
                undecodable += 1
                continue
            }
            result.append(event)
        }
        return result
    }

    /// Tells the hub, as an operator would, that a fixed camera went offline or came back.
    func setCameraState(cameraID: String, online: Bool) {
        guard let operatorSocket else { return }
        let request = OperatorRequest(requestID: nextRequestID,
                                      body: .setCameraState(SetCameraStateRequest(cameraID: cameraID, online: online)))
        nextRequestID += 1
        if isLockstep {
            heldRequests.append(request.encoded())
        } else {
            _ = try? operatorSocket.send([[], request.encoded()], dontWait: true)
        }
    }

    /// Operator replies received (errors are returned so the report can say a fault was refused).
    func receiveOperatorReplies() -> [OperatorReply] {
        guard let operatorSocket else { return [] }
        var replies: [OperatorReply] = []
        while let frames = try? operatorSocket.receiveMultipart(dontWait: true) {
            if let bytes = frames.last, let reply = try? OperatorReply(decoding: bytes) { replies.append(reply) }
        }
        return replies
    }

    func close() {
        try? pump?.finish()
        events?.close()
        operatorSocket?.close()
        hub?.close()
        context.close()
    }
}
