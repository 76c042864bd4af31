/// Why the hub refused a device message.
///
/// Mirrors the proto enum `RejectReason`; JSON and `rawValue` use the lowercase proto names.
public enum RejectReason: String, WireEnum, Encodable {
    /// Hello.protocol_version is not spoken by the hub (`REJECT_REASON_UNSUPPORTED_VERSION = 1`).
    case unsupportedVersion = "unsupported_version"
    /// The id is connected from elsewhere (`REJECT_REASON_ID_IN_USE = 2`).
    case idInUse = "id_in_use"
    /// The frame did not decode or a field is out of range (`REJECT_REASON_MALFORMED = 3`).
    case malformed = "malformed"
    /// Not in the mission's fleet (`REJECT_REASON_UNKNOWN_DEVICE = 4`).
    case unknownDevice = "unknown_device"
    /// The CURVE key is not bound to this id (`REJECT_REASON_NOT_AUTHORIZED = 5`).
    case notAuthorized = "not_authorized"
    /// The device sends faster than its rate limit (`REJECT_REASON_RATE_LIMITED = 6`).
    case rateLimited = "rate_limited"
    /// A message before Hello (`REJECT_REASON_NOT_REGISTERED = 7`).
    case notRegistered = "not_registered"
    /// Hello.kind differs from the mission's fleet entry (`REJECT_REASON_KIND_MISMATCH = 8`).
    case kindMismatch = "kind_mismatch"

    public var wireValue: UInt32 {
        switch self {
        case .unsupportedVersion: 1
        case .idInUse: 2
        case .malformed: 3
        case .unknownDevice: 4
        case .notAuthorized: 5
        case .rateLimited: 6
        case .notRegistered: 7
        case .kindMismatch: 8
        }
    }

    public static var protoName: String { "RejectReason" }
}
