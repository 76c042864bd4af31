/// A request the hub could not serve (`ErrorReply`).
public struct ErrorReply: Hashable, Sendable {
    /// Machine-readable: `malformed`, `unknown_device`, `unknown_alert`, `no_mission`...; non-empty,
    /// <= 64 bytes of `[A-Za-z0-9_.-]`.
    public var code: String
    /// Names the thing and what was expected; <= 512 bytes.
    public var message: String

    public init(code: String, message: String) {
        self.code = code
        self.message = message
    }
}

extension ErrorReply: Validating {
    func validate(at path: FieldPath) throws(WireError) {
        try Check.id(code, path.child("code"))
        try Check.text(message, path.child("message"), maxBytes: 512)
    }
}
