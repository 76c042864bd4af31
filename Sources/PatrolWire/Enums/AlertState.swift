/// Where an alert is in its life.
///
/// Mirrors the proto enum `AlertState`; JSON and `rawValue` use the lowercase proto names.
public enum AlertState: String, WireEnum, Encodable {
    /// The condition holds and nobody acknowledged it (`ALERT_STATE_OPEN = 1`).
    case open = "open"
    /// An operator acknowledged it; held until the condition clears (`ALERT_STATE_ACKNOWLEDGED = 2`).
    case acknowledged = "acknowledged"
    /// The condition cleared (`ALERT_STATE_RESOLVED = 3`).
    case resolved = "resolved"

    public var wireValue: UInt32 {
        switch self {
        case .open: 1
        case .acknowledged: 2
        case .resolved: 3
        }
    }

    public static var protoName: String { "AlertState" }
}
