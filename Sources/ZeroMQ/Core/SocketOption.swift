import CZeroMQ

/// A socket option, typed by the Swift type of its value: set it with `Socket.set(_:_:)` and read it with
/// `Socket.get(_:)`, e.g. `try socket.set(.maxMessageSize, 65_536)`.
///
/// Times are in milliseconds (names end in `MS`), sizes in bytes; `-1` means "no limit" where libzmq says so.
public struct SocketOption<Value>: Sendable, Hashable, CustomStringConvertible {
    /// The C constant (`ZMQ_MAXMSGSIZE`, ...).
    public let rawValue: Int32
    /// The C constant's name, for error messages.
    public let name: String

    /// Describes an option libzmq has and this type does not list yet.
    /// - Parameters:
    ///   - rawValue: The `ZMQ_*` option constant.
    ///   - name: Its name, used in error messages.
    public init(rawValue: Int32, name: String) {
        self.rawValue = rawValue
        self.name = name
    }

    /// The C constant's name.
    public var description: String { name }
}

/// `ZMQ_ZAP_ENFORCE_DOMAIN` is still marked DRAFT in zmq.h 4.3, so the header hides it, but libzmq 4.3
/// implements it in stable builds; the number is fixed by libzmq's ABI.
private let zapEnforceDomainOption: Int32 = 93

extension SocketOption where Value == Int64 {
    /// Largest message (frame) a peer may send, in bytes; a larger one drops that peer's connection.
    /// Only enforced on stream transports (tcp, ipc), not `inproc://`. `-1` means no limit.
    /// The corresponding C constant is `ZMQ_MAXMSGSIZE`.
    public static var maxMessageSize: Self { Self(rawValue: ZMQ_MAXMSGSIZE, name: "ZMQ_MAXMSGSIZE") }
}

extension SocketOption where Value == Int32 {
    /// Outgoing queue limit in messages per peer; at the limit PUB drops, others block or return `EAGAIN`.
    /// The corresponding C constant is `ZMQ_SNDHWM`.
    public static var sendHighWaterMark: Self { Self(rawValue: ZMQ_SNDHWM, name: "ZMQ_SNDHWM") }
    /// Incoming queue limit in messages per peer. The corresponding C constant is `ZMQ_RCVHWM`.
    public static var receiveHighWaterMark: Self { Self(rawValue: ZMQ_RCVHWM, name: "ZMQ_RCVHWM") }
    /// How long unsent messages are kept after close, in ms (`-1` forever, `0` drop at once).
    /// The corresponding C constant is `ZMQ_LINGER`.
    public static var lingerMS: Self { Self(rawValue: ZMQ_LINGER, name: "ZMQ_LINGER") }
    /// Blocking send timeout in ms (`-1` blocks forever); on expiry a send returns `false`.
    /// The corresponding C constant is `ZMQ_SNDTIMEO`.
    public static var sendTimeoutMS: Self { Self(rawValue: ZMQ_SNDTIMEO, name: "ZMQ_SNDTIMEO") }
    /// Blocking receive timeout in ms (`-1` blocks forever); on expiry a receive returns `nil`.
    /// The corresponding C constant is `ZMQ_RCVTIMEO`.
    public static var receiveTimeoutMS: Self { Self(rawValue: ZMQ_RCVTIMEO, name: "ZMQ_RCVTIMEO") }
    /// Interval between ZMTP heartbeat PINGs in ms (0 disables). The corresponding C constant is
    /// `ZMQ_HEARTBEAT_IVL`.
    public static var heartbeatIntervalMS: Self { Self(rawValue: ZMQ_HEARTBEAT_IVL, name: "ZMQ_HEARTBEAT_IVL") }
    /// Time-to-live the peer should apply to our heartbeats, in ms (rounded to 100 ms).
    /// The corresponding C constant is `ZMQ_HEARTBEAT_TTL`.
    public static var heartbeatTTLMS: Self { Self(rawValue: ZMQ_HEARTBEAT_TTL, name: "ZMQ_HEARTBEAT_TTL") }
    /// How long to wait for traffic after a PING before dropping the connection, in ms.
    /// The corresponding C constant is `ZMQ_HEARTBEAT_TIMEOUT`.
    public static var heartbeatTimeoutMS: Self {
        Self(rawValue: ZMQ_HEARTBEAT_TIMEOUT, name: "ZMQ_HEARTBEAT_TIMEOUT")
    }
    /// Delay before reconnecting a dropped connection, in ms. The corresponding C constant is
    /// `ZMQ_RECONNECT_IVL`.
    public static var reconnectIntervalMS: Self { Self(rawValue: ZMQ_RECONNECT_IVL, name: "ZMQ_RECONNECT_IVL") }
    /// Longest time a connection may take to finish its handshake (including CURVE and ZAP), in ms.
    /// The corresponding C constant is `ZMQ_HANDSHAKE_IVL`.
    public static var handshakeIntervalMS: Self { Self(rawValue: ZMQ_HANDSHAKE_IVL, name: "ZMQ_HANDSHAKE_IVL") }
    /// Read-only: what the socket can do now without blocking, as ``PollEvents`` bits.
    /// The corresponding C constant is `ZMQ_EVENTS`.
    public static var events: Self { Self(rawValue: ZMQ_EVENTS, name: "ZMQ_EVENTS") }
    /// Read-only: the socket type. The corresponding C constant is `ZMQ_TYPE`.
    public static var type: Self { Self(rawValue: ZMQ_TYPE, name: "ZMQ_TYPE") }
    /// Read-only: the security mechanism (`ZMQ_NULL` 0, `ZMQ_PLAIN` 1, `ZMQ_CURVE` 2).
    /// The corresponding C constant is `ZMQ_MECHANISM`.
    public static var mechanism: Self { Self(rawValue: ZMQ_MECHANISM, name: "ZMQ_MECHANISM") }
}

extension SocketOption where Value == Bool {
    /// A new connection with a routing id already in use takes it over (a reconnecting device keeps its
    /// identity). The corresponding C constant is `ZMQ_ROUTER_HANDOVER`.
    public static var routerHandover: Self { Self(rawValue: ZMQ_ROUTER_HANDOVER, name: "ZMQ_ROUTER_HANDOVER") }
    /// Sending to an unknown routing id fails with `EHOSTUNREACH` instead of being dropped silently.
    /// The corresponding C constant is `ZMQ_ROUTER_MANDATORY`.
    public static var routerMandatory: Self { Self(rawValue: ZMQ_ROUTER_MANDATORY, name: "ZMQ_ROUTER_MANDATORY") }
    /// Queue messages only to completed connections (no queueing for peers still connecting).
    /// The corresponding C constant is `ZMQ_IMMEDIATE`.
    public static var immediate: Self { Self(rawValue: ZMQ_IMMEDIATE, name: "ZMQ_IMMEDIATE") }
    /// This socket is the CURVE server (it holds a secret key; clients know its public key).
    /// The corresponding C constant is `ZMQ_CURVE_SERVER`.
    public static var curveServer: Self { Self(rawValue: ZMQ_CURVE_SERVER, name: "ZMQ_CURVE_SERVER") }
    /// Fail the handshake when no ZAP handler is bound for the socket's domain, instead of letting the
    /// peer in (libzmq's backwards-compatible default). The corresponding C constant is `ZMQ_ZAP_ENFORCE_DOMAIN`.
    public static var zapEnforceDomain: Self {
        Self(rawValue: zapEnforceDomainOption, name: "ZMQ_ZAP_ENFORCE_DOMAIN")
    }
    /// Read-only: the last received frame has more frames after it. The corresponding C constant is `ZMQ_RCVMORE`.
    public static var receiveMore: Self { Self(rawValue: ZMQ_RCVMORE, name: "ZMQ_RCVMORE") }
}

extension SocketOption where Value == [UInt8] {
    /// Add a SUB subscription: receive messages whose first frame starts with these bytes (empty: all).
    /// The corresponding C constant is `ZMQ_SUBSCRIBE`.
    public static var subscribe: Self { Self(rawValue: ZMQ_SUBSCRIBE, name: "ZMQ_SUBSCRIBE") }
    /// Remove a SUB subscription added with ``subscribe``. The corresponding C constant is `ZMQ_UNSUBSCRIBE`.
    public static var unsubscribe: Self { Self(rawValue: ZMQ_UNSUBSCRIBE, name: "ZMQ_UNSUBSCRIBE") }
    /// The routing id this socket announces to a ROUTER peer (1 to 255 bytes, not starting with 0);
    /// set before connecting. The corresponding C constant is `ZMQ_ROUTING_ID`.
    public static var routingID: Self { Self(rawValue: ZMQ_ROUTING_ID, name: "ZMQ_ROUTING_ID") }
}

extension SocketOption where Value == String {
    /// This socket's CURVE public key (40-character Z85). The corresponding C constant is `ZMQ_CURVE_PUBLICKEY`.
    public static var curvePublicKey: Self { Self(rawValue: ZMQ_CURVE_PUBLICKEY, name: "ZMQ_CURVE_PUBLICKEY") }
    /// This socket's CURVE secret key (40-character Z85). The corresponding C constant is `ZMQ_CURVE_SECRETKEY`.
    public static var curveSecretKey: Self { Self(rawValue: ZMQ_CURVE_SECRETKEY, name: "ZMQ_CURVE_SECRETKEY") }
    /// A CURVE client's knowledge of the server's public key (40-character Z85); setting it makes the
    /// socket a CURVE client. The corresponding C constant is `ZMQ_CURVE_SERVERKEY`.
    public static var curveServerKey: Self { Self(rawValue: ZMQ_CURVE_SERVERKEY, name: "ZMQ_CURVE_SERVERKEY") }
    /// The ZAP domain sent with authentication requests (the handler can apply one policy per domain).
    /// The corresponding C constant is `ZMQ_ZAP_DOMAIN`.
    public static var zapDomain: Self { Self(rawValue: ZMQ_ZAP_DOMAIN, name: "ZMQ_ZAP_DOMAIN") }
    /// Read-only: the last bound or connected endpoint with the port resolved.
    /// The corresponding C constant is `ZMQ_LAST_ENDPOINT`.
    public static var lastEndpoint: Self { Self(rawValue: ZMQ_LAST_ENDPOINT, name: "ZMQ_LAST_ENDPOINT") }
}
