/// Messages of a run by type and what the link faults did to them.
public struct MessageCounters: Sendable, Equatable {
    /// Device -> hub messages put on the wire, by proto name (`hello`, `telemetry`, ...), resends included.
    public var sent: [String: Int] = [:]
    /// Hub -> device messages received, by proto name (`welcome`, `assign_route`, ...).
    public var received: [String: Int] = [:]
    /// Observations and detections sent again because no acknowledgement came.
    public var resent = 0
    /// Messages a fault dropped, duplicated or held back to reorder.
    public var dropped = 0
    public var duplicated = 0
    public var reordered = 0
    /// Messages not sent, or received and discarded, while a device's link was down.
    public var lostToLinkDown = 0
    /// Frames from the hub that did not decode.
    public var undecodable = 0
    /// Rejects by reason.
    public var rejects: [String: Int] = [:]

    public init() {}

    /// Adds another set of counts to these.
    public mutating func add(_ other: MessageCounters) {
        for (name, count) in other.sent { sent[name, default: 0] += count }
        for (name, count) in other.received { received[name, default: 0] += count }
        for (name, count) in other.rejects { rejects[name, default: 0] += count }
        resent += other.resent
        dropped += other.dropped
        duplicated += other.duplicated
        reordered += other.reordered
        lostToLinkDown += other.lostToLinkDown
        undecodable += other.undecodable
    }

    mutating func countSent(_ name: String) { sent[name, default: 0] += 1 }
    mutating func countReceived(_ name: String) { received[name, default: 0] += 1 }
}
