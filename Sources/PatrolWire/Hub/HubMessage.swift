/// One frame from the hub to a device (`HubMessage`).
public struct HubMessage: Hashable, Sendable {
    /// The message's payload: the proto's `oneof body`.
    public enum Body: Hashable, Sendable {
        case welcome(Welcome)
        case reject(Reject)
        case assignRoute(AssignRoute)
        case command(Command)
        case ack(Ack)
    }

    /// Hub sequence number for this device.
    public var seq: UInt64
    /// The device `seq` this answers or acknowledges as durable; 0 if none.
    public var ackSeq: UInt64
    public var body: Body

    public init(seq: UInt64, ackSeq: UInt64 = 0, body: Body) {
        self.seq = seq
        self.ackSeq = ackSeq
        self.body = body
    }
}

extension HubMessage: Validating {
    func validate(at path: FieldPath) throws(WireError) {
        switch body {
        case .welcome(let welcome): try welcome.validate(at: path.child("welcome"))
        case .reject(let reject): try reject.validate(at: path.child("reject"))
        case .assignRoute(let route): try route.validate(at: path.child("assign_route"))
        case .command(let command): try command.validate(at: path.child("command"))
        case .ack(let ack): try ack.validate(at: path.child("ack"))
        }
    }
}
