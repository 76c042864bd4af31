/// What a device is doing.
///
/// Mirrors the proto enum `DeviceState`; JSON and `rawValue` use the lowercase proto names.
public enum DeviceState: String, WireEnum, Encodable {
    /// Connected, no route (`DEVICE_STATE_IDLE = 1`).
    case idle = "idle"
    /// Following its assigned route (`DEVICE_STATE_PATROLLING = 2`).
    case patrolling = "patrolling"
    /// Going home to its dock (`DEVICE_STATE_RETURNING = 3`).
    case returning = "returning"
    /// On its dock, charging (`DEVICE_STATE_CHARGING = 4`).
    case charging = "charging"
    /// Going to or investigating a commanded place (`DEVICE_STATE_DISPATCHED = 5`).
    case dispatched = "dispatched"
    /// Holding position on command (`DEVICE_STATE_HOLDING = 6`).
    case holding = "holding"
    /// Hub only: heartbeats missed; a device may not report it (`DEVICE_STATE_LOST = 7`).
    case lost = "lost"
    /// The device reports a fault it cannot recover from alone (`DEVICE_STATE_FAULT = 8`).
    case fault = "fault"

    public var wireValue: UInt32 {
        switch self {
        case .idle: 1
        case .patrolling: 2
        case .returning: 3
        case .charging: 4
        case .dispatched: 5
        case .holding: 6
        case .lost: 7
        case .fault: 8
        }
    }

    public static var protoName: String { "DeviceState" }
}
