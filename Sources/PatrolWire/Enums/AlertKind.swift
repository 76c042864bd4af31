/// What an alert is about.
///
/// Mirrors the proto enum `AlertKind`; JSON and `rawValue` use the lowercase proto names.
public enum AlertKind: String, WireEnum, Encodable {
    /// A high-weight blind spot unseen beyond k times its revisit target (`ALERT_KIND_STALE_BLIND_SPOT = 1`).
    case staleBlindSpot = "stale_blind_spot"
    /// Crowd density above the mission's threshold for a sustained time (`ALERT_KIND_CROWD_DENSITY = 2`).
    case crowdDensity = "crowd_density"
    /// A device reported a detection (`ALERT_KIND_DETECTION = 3`).
    case detection = "detection"
    /// A device missed its heartbeats (`ALERT_KIND_DEVICE_LOST = 4`).
    case deviceLost = "device_lost"
    /// A device does not follow its route (`ALERT_KIND_OFF_ROUTE = 5`).
    case offRoute = "off_route"
    /// A device was sent home to charge (`ALERT_KIND_LOW_BATTERY = 6`).
    case lowBattery = "low_battery"
    /// A fixed camera went offline (`ALERT_KIND_CAMERA_OFFLINE = 7`).
    case cameraOffline = "camera_offline"

    public var wireValue: UInt32 {
        switch self {
        case .staleBlindSpot: 1
        case .crowdDensity: 2
        case .detection: 3
        case .deviceLost: 4
        case .offRoute: 5
        case .lowBattery: 6
        case .cameraOffline: 7
        }
    }

    public static var protoName: String { "AlertKind" }
}
