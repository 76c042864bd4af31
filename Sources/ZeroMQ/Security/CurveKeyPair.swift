import CZeroMQ

/// A CURVE key pair as 40-character Z85 strings: the public key is shared, the secret key never leaves
/// its owner.
///
/// `description` shows only the public key, so a key pair can be logged without leaking the secret.
public struct CurveKeyPair: Sendable, Hashable, CustomStringConvertible {
    /// The public key, 40 Z85 characters.
    public let publicKey: String
    /// The secret key, 40 Z85 characters.
    public let secretKey: String

    /// Generates a new random key pair (`zmq_curve_keypair`, libsodium's random source).
    /// - Returns: The key pair.
    /// - Throws: ``ZMQError`` (`ENOTSUP` when libzmq was built without CURVE).
    public static func generate() throws(ZMQError) -> CurveKeyPair {
        var publicKey = [CChar](repeating: 0, count: 41)
        var secretKey = [CChar](repeating: 0, count: 41)
        try ZMQCall.int("zmq_curve_keypair") { zmq_curve_keypair(&publicKey, &secretKey) }
        return CurveKeyPair(checkedPublicKey: Self.string(publicKey), secretKey: Self.string(secretKey))
    }

    /// Derives the public key from a secret key (`zmq_curve_public`).
    /// - Parameter secretKey: A 40-character Z85 secret key.
    /// - Returns: The matching 40-character Z85 public key.
    /// - Throws: ``ZMQError`` (`EINVAL`) when the secret key is not 40 Z85 characters.
    public static func publicKey(forSecretKey secretKey: String) throws(ZMQError) -> String {
        try checkKeyText(secretKey, role: "secret key")
        var publicKey = [CChar](repeating: 0, count: 41)
        try ZMQCall.int("zmq_curve_public") { zmq_curve_public(&publicKey, secretKey) }
        return string(publicKey)
    }

    /// Rebuilds a key pair from its secret key, deriving the public key.
    /// - Parameter secretKey: A 40-character Z85 secret key.
    /// - Throws: ``ZMQError`` (`EINVAL`) when the secret key is not 40 Z85 characters.
    public init(secretKey: String) throws(ZMQError) {
        self.init(checkedPublicKey: try Self.publicKey(forSecretKey: secretKey), secretKey: secretKey)
    }

    /// Rebuilds a key pair from both keys (e.g. read from key files), checking that they belong together.
    /// - Parameters:
    ///   - publicKey: A 40-character Z85 public key.
    ///   - secretKey: The matching 40-character Z85 secret key.
    /// - Throws: ``ZMQError`` (`EINVAL`) when a key is malformed or the public key is not the secret key's.
    public init(publicKey: String, secretKey: String) throws(ZMQError) {
        try Self.checkKeyText(publicKey, role: "public key")
        let derived = try Self.publicKey(forSecretKey: secretKey)
        guard derived == publicKey else {
            throw ZMQError(code: .invalidArgument, operation: "zmq_curve_public",
                           detail: "public key \(publicKey) does not belong to the secret key (expected \(derived))")
        }
        self.init(checkedPublicKey: publicKey, secretKey: secretKey)
    }

    private init(checkedPublicKey: String, secretKey: String) {
        self.publicKey = checkedPublicKey
        self.secretKey = secretKey
    }

    /// The public key only.
    public var description: String {
        "CurveKeyPair(public: \(publicKey))"
    }

    /// Checks that `key` is a CURVE key in Z85: 40 characters decoding to 32 bytes.
    /// - Parameters:
    ///   - key: The text to check.
    ///   - role: What the key is, for the error message (`"server public key"`).
    /// - Throws: ``ZMQError`` (`EINVAL`) saying what was expected.
    public static func checkKeyText(_ key: String, role: String) throws(ZMQError) {
        guard key.utf8.count == 40, (try? Z85.decode(key)) != nil else {
            throw ZMQError(code: .invalidArgument, operation: "CURVE \(role)",
                           detail: "expected 40 Z85 characters (32 bytes), got \(key.utf8.count) characters")
        }
    }

    private static func string(_ characters: [CChar]) -> String {
        String(decoding: characters.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
