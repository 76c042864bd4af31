import CZeroMQ

/// What a socket is ready for, as polled by ``Poller`` or read from ``Socket/pendingEvents``.
public struct PollEvents: OptionSet, Sendable, Hashable {
    /// The `ZMQ_POLL*` bits.
    public let rawValue: Int16

    /// Wraps `ZMQ_POLL*` bits.
    /// - Parameter rawValue: The bits.
    public init(rawValue: Int16) {
        self.rawValue = rawValue
    }

    /// At least one message can be received without blocking. The corresponding C constant is `ZMQ_POLLIN`.
    public static var readable: PollEvents { PollEvents(rawValue: Int16(ZMQ_POLLIN)) }
    /// At least one message can be sent without blocking. The corresponding C constant is `ZMQ_POLLOUT`.
    public static var writable: PollEvents { PollEvents(rawValue: Int16(ZMQ_POLLOUT)) }
    /// An error condition (file descriptors only). The corresponding C constant is `ZMQ_POLLERR`.
    public static var error: PollEvents { PollEvents(rawValue: Int16(ZMQ_POLLERR)) }
}
