import PatrolCore
import PatrolWire
import ZeroMQ

/// A simulated device's connection to the hub: a DEALER socket speaking the real protocol.
///
/// It says Hello until Welcomed (again after a Reject for an unregistered device, as after a hub
/// restart), numbers every message, keeps observations and detections until the hub acknowledges them
/// and resends them when an acknowledgement is late (at-least-once), and applies the link faults of the
/// step (down, drop, duplicate, reorder) on the way out.
public final class DeviceLink {
    public let deviceID: String
    private let socket: Socket
    private let hello: Hello
    public private(set) var isWelcomed = false
    /// Set when the hub refused the device for good (unknown id, wrong kind, bad version).
    public private(set) var refusal: String?
    public private(set) var heartbeatIntervalMS: Int64 = 1000
    private var nextSeq: UInt64 = 1
    private var lastHelloMS: Int64?
    private var lastReceivedMS: Int64?
    /// Unacknowledged reliable messages by seq: bytes and when they last went out.
    private var pending: [UInt64: (bytes: [UInt8], firstSentMS: Int64, lastSentMS: Int64, name: String)] = [:]
    private var heldBack: [UInt8]?
    /// Messages put on the socket since the last `takeSentCount()`.
    private var sentCount = 0
    private var random: SeededRandom

    /// Resend an unacknowledged observation or detection after this long, milliseconds.
    static let resendAfterMS: Int64 = 2000
    static let helloRetryMS: Int64 = 2000

    /// - Parameters:
    ///   - context: the ZeroMQ context (the hub's, for `inproc://`).
    ///   - endpoint: the hub's device endpoint.
    ///   - hello: what the device says first.
    ///   - seed: for the fault dice.
    /// - Throws: `ZMQError` when the socket cannot be made or connected.
    public init(context: Context, endpoint: String, hello: Hello, seed: UInt64) throws {
        deviceID = hello.deviceID
        self.hello = hello
        random = SeededRandom(seed: seed)
        socket = try Socket(context, type: .dealer)
        try socket.set(.routingID, Array(hello.deviceID.utf8))
        try socket.set(.lingerMS, Int32(0))
        try socket.set(.sendHighWaterMark, Int32(100_000))
        try socket.set(.receiveHighWaterMark, Int32(100_000))
        try socket.set(.reconnectIntervalMS, Int32(100))
        try socket.connect(endpoint)
    }

    deinit { socket.close() }

    public func close() { socket.close() }

    /// Messages sent but not acknowledged yet.
    public var unacknowledgedCount: Int { pending.count }

    /// Says Hello when not welcomed and the last one is old.
    public func helloIfNeeded(nowMS: Int64, conditions: LinkConditions, counters: inout MessageCounters) {
        // A hub that restarted may not know this connection and stay silent: when reports go unanswered
        // for several heartbeat intervals, introduce the device again.
        // The cheap test first: this runs for every device on every step.
        if isWelcomed, nowMS - (lastReceivedMS ?? 0) > 5 * heartbeatIntervalMS,
           let oldest = pending.values.lazy.map(\.firstSentMS).min(), nowMS - oldest > 5 * heartbeatIntervalMS {
            isWelcomed = false
            lastHelloMS = nil
        }
        guard !isWelcomed, refusal == nil else { return }
        if let last = lastHelloMS, nowMS - last < Self.helloRetryMS { return }
        lastHelloMS = nowMS
        send(.hello(hello), nowMS: nowMS, conditions: conditions, counters: &counters)
    }

    /// Sends one message; observations and detections are kept until acknowledged.
    /// - Returns: the message's seq.
    @discardableResult
    public func send(_ body: DeviceMessage.Body, nowMS: Int64, conditions: LinkConditions,
                     counters: inout MessageCounters) -> UInt64 {
        let seq = nextSeq
        nextSeq += 1
        let bytes = DeviceMessage(seq: seq, sentMS: nowMS, body: body).encoded()
        switch body {
        case .observation, .detection: pending[seq] = (bytes, nowMS, nowMS, Self.name(of: body))
        default: break
        }
        transmit(bytes, name: Self.name(of: body), conditions: conditions, counters: &counters)
        return seq
    }

    /// Resends the reliable messages whose acknowledgement is overdue, oldest first.
    public func resendOverdue(nowMS: Int64, conditions: LinkConditions, counters: inout MessageCounters) {
        guard isWelcomed, !pending.isEmpty else { return }
        for seq in pending.keys.sorted() {
            guard let entry = pending[seq], nowMS - entry.lastSentMS >= Self.resendAfterMS else { continue }
            pending[seq] = (entry.bytes, entry.firstSentMS, nowMS, entry.name)
            counters.resent += 1
            transmit(entry.bytes, name: entry.name, conditions: conditions, counters: &counters)
        }
    }

    private func transmit(_ bytes: [UInt8], name: String, conditions: LinkConditions, counters: inout MessageCounters) {
        if conditions.isDown {
            counters.lostToLinkDown += 1
            return
        }
        if conditions.dropRate > 0, random.nextUnit() < conditions.dropRate {
            counters.dropped += 1
            return
        }
        counters.countSent(name)
        if conditions.reorderRate > 0, heldBack == nil, random.nextUnit() < conditions.reorderRate {
            // Hold this one back: it goes out right after the next message, so the two swap.
            heldBack = bytes
            counters.reordered += 1
            return
        }
        put(bytes)
        if conditions.duplicateRate > 0, random.nextUnit() < conditions.duplicateRate {
            counters.duplicated += 1
            put(bytes)
        }
        if let held = heldBack {
            heldBack = nil
            put(held)
        }
    }

    private func put(_ bytes: [UInt8]) {
        // A full queue means the hub is gone or far behind: the message counts as lost, like on a radio.
        if (try? socket.send(bytes, dontWait: true)) == true { sentCount += 1 }
    }

    /// How many messages went onto the socket since the last call (a lockstep hub is told how many to
    /// expect from each device).
    public func takeSentCount() -> Int {
        defer { sentCount = 0 }
        return sentCount
    }

    /// Receives every waiting hub message, handling Welcome, Reject and acknowledgements itself.
    /// - Parameter expected: how many messages the hub sent since the last call, when known (lockstep): the
    ///   link reads that many and no more. Reading on until the queue is found empty would cost system
    ///   calls on both sides: libzmq puts an emptied pipe to sleep, and the hub's next message to it must
    ///   then wake this socket through its mailbox.
    /// - Returns: the messages the device must act on (AssignRoute, Command), in arrival order.
    public func receive(nowMS: Int64, conditions: LinkConditions, counters: inout MessageCounters,
                        expected: Int? = nil) -> [HubMessage] {
        var actionable: [HubMessage] = []
        var left = expected ?? .max
        while left > 0, let frames = try? socket.receiveMultipart(dontWait: true) {
            left -= 1
            guard let bytes = frames.last else { continue }
            if conditions.isDown {
                counters.lostToLinkDown += 1
                continue
            }
            lastReceivedMS = nowMS
            guard let message = try? HubMessage(decoding: bytes) else {
                counters.undecodable += 1
                continue
            }
            if message.ackSeq != 0 { pending[message.ackSeq] = nil }
            switch message.body {
            case .welcome(let welcome):
                counters.countReceived("welcome")
                isWelcomed = true
                heartbeatIntervalMS = Int64(max(100, welcome.heartbeatIntervalMS))
                if welcome.lastAckedSeq > 0 {
                    for seq in pending.keys where seq <= welcome.lastAckedSeq { pending[seq] = nil }
                    // Never reuse a seq the hub has already seen from this device.
                    nextSeq = max(nextSeq, welcome.lastAckedSeq + 1)
                }
            case .reject(let reject):
                counters.countReceived("reject")
                counters.rejects[reject.reason.rawValue, default: 0] += 1
                switch reject.reason {
                case .notRegistered:
                    isWelcomed = false
                    lastHelloMS = nil
                case .idInUse, .rateLimited, .malformed:
                    isWelcomed = false
                case .unknownDevice, .kindMismatch, .unsupportedVersion, .notAuthorized:
                    isWelcomed = false
                    refusal = "\(reject.reason.rawValue): \(reject.detail)"
                }
            case .ack(let ack):
                counters.countReceived("ack")
                for seq in ack.seqs { pending[seq] = nil }
            case .assignRoute:
                counters.countReceived("assign_route")
                actionable.append(message)
            case .command:
                counters.countReceived("command")
                actionable.append(message)
            }
        }
        return actionable
    }

    static func name(of body: DeviceMessage.Body) -> String {
        switch body {
        case .hello: "hello"
        case .heartbeat: "heartbeat"
        case .telemetry: "telemetry"
        case .observation: "observation"
        case .detection: "detection"
        case .routeProgress: "route_progress"
        case .bye: "bye"
        }
    }
}
