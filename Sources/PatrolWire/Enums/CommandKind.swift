/// What the hub commands a device to do.
///
/// Mirrors the proto enum `CommandKind`; JSON and `rawValue` use the lowercase proto names.
public enum CommandKind: String, WireEnum, Encodable {
    /// Go home to the dock (`COMMAND_KIND_RETURN_TO_DOCK = 1`).
    case returnToDock = "return_to_dock"
    /// Hold position (`COMMAND_KIND_HOLD = 2`).
    case hold = "hold"
    /// Resume the assigned route (`COMMAND_KIND_RESUME = 3`).
    case resume = "resume"
    /// Go to the target and hold (`COMMAND_KIND_GO_TO = 4`).
    case goTo = "go_to"
    /// Go to the target, look, then resume the route (`COMMAND_KIND_INVESTIGATE = 5`).
    case investigate = "investigate"

    public var wireValue: UInt32 {
        switch self {
        case .returnToDock: 1
        case .hold: 2
        case .resume: 3
        case .goTo: 4
        case .investigate: 5
        }
    }

    public static var protoName: String { "CommandKind" }
}
