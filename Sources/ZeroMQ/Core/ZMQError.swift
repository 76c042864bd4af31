import CZeroMQ

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An error reported by libzmq (or by this wrapper on its behalf), naming the operation and endpoint.
///
/// The `code` is the `errno` value libzmq set; compare it with the static members of ``ZMQError/Code``,
/// e.g. `error.code == .hostUnreachable` after a send on a ROUTER with `ROUTER_MANDATORY`.
public struct ZMQError: Error, Sendable, Hashable, CustomStringConvertible {
    /// An `errno` value as libzmq reports it, in the style of swift-system's `Errno`.
    public struct Code: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
        /// The numeric `errno` value.
        public let rawValue: Int32

        /// Wraps an `errno` value.
        /// - Parameter rawValue: The numeric `errno` value.
        public init(rawValue: Int32) {
            self.rawValue = rawValue
        }

        /// Nothing can be sent or received now without blocking. The corresponding C constant is `EAGAIN`.
        public static var again: Code { Code(rawValue: EAGAIN) }
        /// The context was terminated; close the socket. The corresponding C constant is `ETERM`.
        public static var terminated: Code { Code(rawValue: ETERM) }
        /// A ROUTER with `ROUTER_MANDATORY` has no peer with that routing id.
        /// The corresponding C constant is `EHOSTUNREACH`.
        public static var hostUnreachable: Code { Code(rawValue: EHOSTUNREACH) }
        /// A signal interrupted the call (the gateway retries these). The corresponding C constant is `EINTR`.
        public static var interrupted: Code { Code(rawValue: EINTR) }
        /// An argument was invalid (bad endpoint, option value, key). The corresponding C constant is `EINVAL`.
        public static var invalidArgument: Code { Code(rawValue: EINVAL) }
        /// The socket was closed or is not a socket. The corresponding C constant is `ENOTSOCK`.
        public static var notSocket: Code { Code(rawValue: ENOTSOCK) }
        /// The address is already bound. The corresponding C constant is `EADDRINUSE`.
        public static var addressInUse: Code { Code(rawValue: EADDRINUSE) }
        /// The transport (e.g. `tcp`, `inproc`) is unknown. The corresponding C constant is `EPROTONOSUPPORT`.
        public static var protocolNotSupported: Code { Code(rawValue: EPROTONOSUPPORT) }
        /// The operation is not allowed in the socket's current state (e.g. REQ sending twice).
        /// The corresponding C constant is `EFSM`.
        public static var invalidState: Code { Code(rawValue: EFSM) }
        /// The operation is not supported by this socket type. The corresponding C constant is `ENOTSUP`.
        public static var notSupported: Code { Code(rawValue: ENOTSUP) }
        /// The endpoint was not bound or connected, so it cannot be unbound or disconnected.
        /// The corresponding C constant is `ENOENT`.
        public static var noEntry: Code { Code(rawValue: ENOENT) }
        /// A peer sent something that breaks its protocol (e.g. a malformed monitor event).
        /// The corresponding C constant is `EPROTO`.
        public static var protocolError: Code { Code(rawValue: EPROTO) }

        /// libzmq's text for this code (`zmq_strerror`).
        public var description: String {
            String(cString: zmq_strerror(rawValue))
        }
    }

    /// The `errno` value.
    public let code: Code
    /// The operation that failed, e.g. `zmq_bind` or `zmq_msg_send on ROUTER socket`.
    public let operation: String
    /// The endpoint involved, if any (`tcp://127.0.0.1:7450`, or the endpoints a socket is bound/connected to).
    public let endpoint: String?
    /// Extra explanation when libzmq's text alone does not say what was expected.
    public let detail: String?

    /// Creates an error.
    /// - Parameters:
    ///   - code: The `errno` value.
    ///   - operation: The operation that failed.
    ///   - endpoint: The endpoint involved, if any.
    ///   - detail: What was expected, when `code`'s text alone does not say it.
    public init(code: Code, operation: String, endpoint: String? = nil, detail: String? = nil) {
        self.code = code
        self.operation = operation
        self.endpoint = endpoint
        self.detail = detail
    }

    /// True when the error only means "would block" (`EAGAIN`): retry later.
    public var isAgain: Bool { code == .again }
    /// True when the context is being terminated (`ETERM`): the owner should close the socket.
    public var isTerminated: Bool { code == .terminated }
    /// True when a ROUTER could not route to the given routing id (`EHOSTUNREACH`).
    public var isHostUnreachable: Bool { code == .hostUnreachable }

    /// One line: operation, endpoint, libzmq's reason, errno and the detail.
    public var description: String {
        var text = operation
        if let endpoint {
            text += " on \(endpoint)"
        }
        text += " failed: \(code.description) (errno \(code.rawValue))"
        if let detail {
            text += "; \(detail)"
        }
        return text
    }
}
