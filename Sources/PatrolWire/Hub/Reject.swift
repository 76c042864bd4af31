/// The hub's refusal of a device message (`Reject`).
public struct Reject: Hashable, Sendable {
    public var reason: RejectReason
    /// Names the field or id and what was expected; <= 512 bytes.
    public var detail: String

    public init(reason: RejectReason, detail: String) {
        self.reason = reason
        self.detail = detail
    }
}

extension Reject: Validating {
    func validate(at path: FieldPath) throws(WireError) {
        try Check.text(detail, path.child("detail"), maxBytes: 512)
    }
}
