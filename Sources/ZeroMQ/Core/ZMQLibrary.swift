import CZeroMQ

/// Facts about the libzmq the program is linked with.
public enum ZMQLibrary {
    /// The linked libzmq's version, e.g. 4.3.4.
    public static var version: (major: Int, minor: Int, patch: Int) {
        var major: Int32 = 0
        var minor: Int32 = 0
        var patch: Int32 = 0
        zmq_version(&major, &minor, &patch)
        return (Int(major), Int(minor), Int(patch))
    }

    /// Whether libzmq was built with a capability (`zmq_has`): `"curve"`, `"ipc"`, `"draft"`, ...
    /// - Parameter capability: The capability's name as libzmq documents it.
    /// - Returns: `true` when available.
    public static func has(_ capability: String) -> Bool {
        zmq_has(capability) == 1
    }

    /// Whether CURVE security (and so ``CurveKeyPair``) is available: libzmq built with libsodium.
    public static var hasCurve: Bool {
        has("curve")
    }
}
