import CZeroMQ

/// Kinds of socket monitor events (`ZMQ_EVENT_*`), as a set to choose what to observe and as the kind of
/// one ``MonitorEvent``.
public struct MonitorEvents: OptionSet, Sendable, Hashable, CustomStringConvertible {
    /// The `ZMQ_EVENT_*` bits.
    public let rawValue: Int32

    /// Wraps `ZMQ_EVENT_*` bits.
    /// - Parameter rawValue: The bits.
    public init(rawValue: Int32) {
        self.rawValue = rawValue
    }

    /// A connect succeeded (value: file descriptor). The corresponding C constant is `ZMQ_EVENT_CONNECTED`.
    public static var connected: MonitorEvents { MonitorEvents(rawValue: ZMQ_EVENT_CONNECTED) }
    /// A connect is pending. The corresponding C constant is `ZMQ_EVENT_CONNECT_DELAYED`.
    public static var connectDelayed: MonitorEvents { MonitorEvents(rawValue: ZMQ_EVENT_CONNECT_DELAYED) }
    /// A reconnect is scheduled (value: interval in ms). The corresponding C constant is
    /// `ZMQ_EVENT_CONNECT_RETRIED`.
    public static var connectRetried: MonitorEvents { MonitorEvents(rawValue: ZMQ_EVENT_CONNECT_RETRIED) }
    /// A bind succeeded. The corresponding C constant is `ZMQ_EVENT_LISTENING`.
    public static var listening: MonitorEvents { MonitorEvents(rawValue: ZMQ_EVENT_LISTENING) }
    /// A bind failed (value: errno). The corresponding C constant is `ZMQ_EVENT_BIND_FAILED`.
    public static var bindFailed: MonitorEvents { MonitorEvents(rawValue: ZMQ_EVENT_BIND_FAILED) }
    /// A connection was accepted. The corresponding C constant is `ZMQ_EVENT_ACCEPTED`.
    public static var accepted: MonitorEvents { MonitorEvents(rawValue: ZMQ_EVENT_ACCEPTED) }
    /// Accepting a connection failed (value: errno). The corresponding C constant is `ZMQ_EVENT_ACCEPT_FAILED`.
    public static var acceptFailed: MonitorEvents { MonitorEvents(rawValue: ZMQ_EVENT_ACCEPT_FAILED) }
    /// A connection's socket was closed. The corresponding C constant is `ZMQ_EVENT_CLOSED`.
    public static var closed: MonitorEvents { MonitorEvents(rawValue: ZMQ_EVENT_CLOSED) }
    /// Closing failed (value: errno). The corresponding C constant is `ZMQ_EVENT_CLOSE_FAILED`.
    public static var closeFailed: MonitorEvents { MonitorEvents(rawValue: ZMQ_EVENT_CLOSE_FAILED) }
    /// A session was broken (peer gone, oversized message, heartbeat timeout).
    /// The corresponding C constant is `ZMQ_EVENT_DISCONNECTED`.
    public static var disconnected: MonitorEvents { MonitorEvents(rawValue: ZMQ_EVENT_DISCONNECTED) }
    /// Monitoring stopped (the monitored socket closed). The corresponding C constant is
    /// `ZMQ_EVENT_MONITOR_STOPPED`.
    public static var monitorStopped: MonitorEvents { MonitorEvents(rawValue: ZMQ_EVENT_MONITOR_STOPPED) }
    /// A handshake failed for a reason not covered below (value: errno).
    /// The corresponding C constant is `ZMQ_EVENT_HANDSHAKE_FAILED_NO_DETAIL`.
    public static var handshakeFailedNoDetail: MonitorEvents {
        MonitorEvents(rawValue: ZMQ_EVENT_HANDSHAKE_FAILED_NO_DETAIL)
    }
    /// The security handshake completed: the peer is connected and authenticated.
    /// The corresponding C constant is `ZMQ_EVENT_HANDSHAKE_SUCCEEDED`.
    public static var handshakeSucceeded: MonitorEvents { MonitorEvents(rawValue: ZMQ_EVENT_HANDSHAKE_SUCCEEDED) }
    /// A handshake broke the protocol, e.g. a CURVE box that did not decrypt (value: a
    /// `ZMQ_PROTOCOL_ERROR_*` code). The corresponding C constant is `ZMQ_EVENT_HANDSHAKE_FAILED_PROTOCOL`.
    public static var handshakeFailedProtocol: MonitorEvents {
        MonitorEvents(rawValue: ZMQ_EVENT_HANDSHAKE_FAILED_PROTOCOL)
    }
    /// The ZAP handler refused the peer (value: the ZAP status code, e.g. 400).
    /// The corresponding C constant is `ZMQ_EVENT_HANDSHAKE_FAILED_AUTH`.
    public static var handshakeFailedAuth: MonitorEvents { MonitorEvents(rawValue: ZMQ_EVENT_HANDSHAKE_FAILED_AUTH) }

    /// Any kind of handshake failure.
    public static var handshakeFailed: MonitorEvents {
        [.handshakeFailedNoDetail, .handshakeFailedProtocol, .handshakeFailedAuth]
    }
    /// Every event. The corresponding C constant is `ZMQ_EVENT_ALL`.
    public static var all: MonitorEvents { MonitorEvents(rawValue: ZMQ_EVENT_ALL) }

    private static let names: [(MonitorEvents, String)] = [
        (.connected, "connected"), (.connectDelayed, "connectDelayed"), (.connectRetried, "connectRetried"),
        (.listening, "listening"), (.bindFailed, "bindFailed"), (.accepted, "accepted"),
        (.acceptFailed, "acceptFailed"), (.closed, "closed"), (.closeFailed, "closeFailed"),
        (.disconnected, "disconnected"), (.monitorStopped, "monitorStopped"),
        (.handshakeFailedNoDetail, "handshakeFailedNoDetail"), (.handshakeSucceeded, "handshakeSucceeded"),
        (.handshakeFailedProtocol, "handshakeFailedProtocol"), (.handshakeFailedAuth, "handshakeFailedAuth"),
    ]

    /// The names of the kinds in the set, e.g. `[handshakeSucceeded]`.
    public var description: String {
        let known = Self.names.filter { contains($0.0) }.map(\.1)
        return "[" + known.joined(separator: ", ") + "]"
    }
}
