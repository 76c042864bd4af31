/// An order from the hub to a device (`Command`).
public struct Command: Hashable, Sendable {
    public var kind: CommandKind
    /// Where to go: required for `.goTo` and `.investigate`, nil otherwise.
    public var target: Vec3?
    /// Why, for operators and logs; <= 256 bytes.
    public var reason: String
    /// The alert that caused it; empty if none.
    public var alertID: String
    /// The command's id; empty if none.
    public var commandID: String

    public init(kind: CommandKind, target: Vec3? = nil, reason: String = "", alertID: String = "",
                commandID: String = "") {
        self.kind = kind
        self.target = target
        self.reason = reason
        self.alertID = alertID
        self.commandID = commandID
    }
}

extension Command: Validating {
    func validate(at path: FieldPath) throws(WireError) {
        if let target {
            try target.validate(at: path.child("target"))
        } else if kind == .goTo || kind == .investigate {
            throw WireError(.inconsistent, field: path.child("target").text,
                            "absent; a \(kind.rawValue) command needs a target")
        }
        try Check.text(reason, path.child("reason"), maxBytes: 256)
        try Check.id(alertID, path.child("alert_id"), optional: true)
        try Check.id(commandID, path.child("command_id"), optional: true)
    }
}
