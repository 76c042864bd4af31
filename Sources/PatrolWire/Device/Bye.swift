/// A device's goodbye before it disconnects (`Bye`).
public struct Bye: Hashable, Sendable {
    /// Why, for operators; <= 256 bytes.
    public var reason: String

    public init(reason: String = "") {
        self.reason = reason
    }
}

extension Bye: Validating {
    func validate(at path: FieldPath) throws(WireError) {
        try Check.text(reason, path.child("reason"), maxBytes: 256)
    }
}
