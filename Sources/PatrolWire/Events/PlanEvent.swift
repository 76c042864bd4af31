/// A new plan (`PlanEvent`).
public struct PlanEvent: Hashable, Sendable {
    public var plan: PlanReply
    /// `start`, `device_lost`, `device_joined`, `charging`, `operator`; <= 64 bytes.
    public var reason: String

    public init(plan: PlanReply, reason: String) {
        self.plan = plan
        self.reason = reason
    }
}

extension PlanEvent: Validating {
    func validate(at path: FieldPath) throws(WireError) {
        try plan.validate(at: path.child("plan"))
        try Check.text(reason, path.child("reason"), maxBytes: 64)
    }
}
