/// A ZAP 1.0 authentication request (RFC 27), as libzmq sends it to the handler at
/// ``ZAPHandler/endpoint`` for every new connection to a socket with security on.
///
/// Frames (after the REP envelope): version `1.0`, request id, domain, peer address, peer routing id,
/// mechanism (`NULL`, `PLAIN`, `CURVE`), then the mechanism's credentials (none; user name and password;
/// the client's 32-byte CURVE public key).
public struct ZAPRequest: Sendable, Hashable {
    /// The only protocol version this parser accepts.
    public static let version = "1.0"

    /// Opaque id the reply must echo.
    public var requestID: [UInt8]
    /// The server socket's ZAP domain (`ZMQ_ZAP_DOMAIN`), possibly empty.
    public var domain: String
    /// The peer's address, e.g. `127.0.0.1`.
    public var address: String
    /// The peer's routing id as the server socket will see it (often empty: not yet known).
    public var routingID: [UInt8]
    /// The security mechanism: `NULL`, `PLAIN` or `CURVE`.
    public var mechanism: String
    /// The mechanism's credential frames.
    public var credentials: [[UInt8]]

    /// Creates a request.
    /// - Parameters:
    ///   - requestID: Opaque id the reply must echo.
    ///   - domain: The ZAP domain.
    ///   - address: The peer's address.
    ///   - routingID: The peer's routing id.
    ///   - mechanism: `NULL`, `PLAIN` or `CURVE`.
    ///   - credentials: The mechanism's credential frames.
    public init(
        requestID: [UInt8], domain: String, address: String, routingID: [UInt8], mechanism: String,
        credentials: [[UInt8]]
    ) {
        self.requestID = requestID
        self.domain = domain
        self.address = address
        self.routingID = routingID
        self.mechanism = mechanism
        self.credentials = credentials
    }

    /// Parses and validates a request's frames.
    /// - Parameter frames: The frames received on the handler's REP socket.
    /// - Throws: ``ZAPError`` naming the frame that is missing or wrong and what was expected.
    public init(frames: [[UInt8]]) throws(ZAPError) {
        guard frames.count >= 6 else {
            throw ZAPError(frame: nil, "expected at least 6 frames (version, request id, domain, address, "
                           + "identity, mechanism), got \(frames.count)")
        }
        let version = try Self.text(frames, 0, "version")
        guard version == Self.version else {
            throw ZAPError(frame: 0, "(version): expected \"\(Self.version)\", got \"\(version.prefix(20))\"")
        }
        let mechanism = try Self.text(frames, 5, "mechanism")
        let credentials = Array(frames.dropFirst(6))
        let expectedCredentials: Int
        switch mechanism {
        case "NULL": expectedCredentials = 0
        case "PLAIN": expectedCredentials = 2
        case "CURVE": expectedCredentials = 1
        default:
            throw ZAPError(frame: 5, "(mechanism): expected NULL, PLAIN or CURVE, got \"\(mechanism.prefix(20))\"")
        }
        guard credentials.count == expectedCredentials else {
            throw ZAPError(frame: nil, "expected \(expectedCredentials) credential frames for \(mechanism), "
                           + "got \(credentials.count)")
        }
        if mechanism == "CURVE", credentials[0].count != 32 {
            throw ZAPError(frame: 6, "(CURVE public key): expected 32 bytes, got \(credentials[0].count)")
        }
        self.init(
            requestID: frames[1], domain: try Self.text(frames, 2, "domain"),
            address: try Self.text(frames, 3, "address"), routingID: frames[4], mechanism: mechanism,
            credentials: credentials)
    }

    /// The request as frames, in protocol order.
    public var frames: [[UInt8]] {
        [Array(Self.version.utf8), requestID, Array(domain.utf8), Array(address.utf8), routingID,
         Array(mechanism.utf8)] + credentials
    }

    /// The client's CURVE public key in Z85 (40 characters), or `nil` for other mechanisms.
    public var curvePublicKey: String? {
        guard mechanism == "CURVE", credentials.count == 1, credentials[0].count == 32 else {
            return nil
        }
        return try? Z85.encode(credentials[0])
    }

    private static func text(_ frames: [[UInt8]], _ index: Int, _ name: String) throws(ZAPError) -> String {
        guard let text = String(validating: frames[index], as: UTF8.self) else {
            throw ZAPError(frame: index, "(\(name)): expected UTF-8 text, got \(frames[index].count) other bytes")
        }
        return text
    }
}
