/// How urgent an alert is.
///
/// Mirrors the proto enum `Severity`; JSON and `rawValue` use the lowercase proto names.
public enum Severity: String, WireEnum, Encodable {
    /// For information (`SEVERITY_INFO = 1`).
    case info = "info"
    /// Needs attention (`SEVERITY_WARNING = 2`).
    case warning = "warning"
    /// Needs action now (`SEVERITY_CRITICAL = 3`).
    case critical = "critical"

    public var wireValue: UInt32 {
        switch self {
        case .info: 1
        case .warning: 2
        case .critical: 3
        }
    }

    public static var protoName: String { "Severity" }
}
