/// Why a frame did not decode, or a message did not validate: the field concerned (a path such as
/// `telemetry.position.x_m`, using the proto field names), a reason code to count by, and what was expected.
public struct WireError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The kinds of failure, stable names for counters such as `rejects.out_of_range`.
    public enum Reason: String, Hashable, Sendable, CaseIterable {
        /// The bytes are not a protobuf message of the expected type (truncated, corrupt, wrong wire type).
        case undecodable = "undecodable"
        /// The frame, a string or a repeated field exceeds its size limit.
        case tooLarge = "too_large"
        /// The message's `oneof body` is not set.
        case missingBody = "missing_body"
        /// A required sub-message is absent.
        case missingField = "missing_field"
        /// A number lies outside the range the proto comment gives.
        case outOfRange = "out_of_range"
        /// A floating-point number is NaN or infinite.
        case notFinite = "not_finite"
        /// An enum value is unknown to this protocol version, or UNSPECIFIED.
        case unknownEnum = "unknown_enum"
        /// A known value that this message may not carry (e.g. a device reporting the hub-only state LOST).
        case notAllowed = "not_allowed"
        /// An id is empty, too long, or uses characters outside `[A-Za-z0-9_.-]`.
        case invalidID = "invalid_id"
        /// A string is not valid UTF-8 or contains NUL.
        case invalidString = "invalid_string"
        /// Fields disagree with each other (run arrays of different lengths, run lengths not summing to the
        /// grid size, a command without the target its kind needs).
        case inconsistent = "inconsistent"
        /// `Hello.protocol_version` is not a version this build speaks.
        case unsupportedVersion = "unsupported_version"
    }

    /// The reason code.
    public var reason: Reason
    /// The offending field as a dotted path of proto field names with indices (`assign_route.waypoints[3].offset_s`);
    /// empty when the whole frame is concerned.
    public var field: String
    /// What was found and what was expected.
    public var detail: String

    /// - Parameters:
    ///   - reason: the reason code.
    ///   - field: the dotted path of the offending field, empty for the whole frame.
    ///   - detail: what was found and what was expected.
    public init(_ reason: Reason, field: String, _ detail: String) {
        self.reason = reason
        self.field = field
        self.detail = detail
    }

    public var description: String {
        field.isEmpty ? "\(reason.rawValue): \(detail)" : "\(field): \(reason.rawValue): \(detail)"
    }
}
