/// The wire protocol version (`ProtocolVersion` in device.proto).
public enum ProtocolVersion {
    /// `PROTOCOL_VERSION_CURRENT`: the version this build speaks, sent in `Hello` and `Welcome`.
    public static let current: UInt32 = 1

    /// Checks a peer's version.
    ///
    /// Decoding accepts any version so that the hub can answer a mismatch with
    /// `Reject(.unsupportedVersion)` rather than `.malformed`; call this after decoding a `Hello`.
    /// - Parameter version: the peer's `protocol_version`.
    /// - Throws: `WireError` with reason `.unsupportedVersion` unless `version == current`.
    public static func check(_ version: UInt32, field: String = "hello.protocol_version") throws(WireError) {
        guard version == current else {
            throw WireError(.unsupportedVersion, field: field,
                            "version \(version) is not supported; expected \(current)")
        }
    }
}
