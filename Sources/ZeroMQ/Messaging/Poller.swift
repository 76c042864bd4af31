import CZeroMQ

/// Waits until any of a set of sockets is ready (`zmq_poll`), the heart of a single-threaded event loop.
///
/// Register sockets once, then call ``poll(timeoutMS:)`` repeatedly; the result is indexed by registration
/// order. The poller keeps its sockets alive and belongs to their thread.
public struct Poller {
    private var sockets: [Socket] = []
    private var items: [zmq_pollitem_t] = []

    /// Creates an empty poller.
    public init() {}

    /// The number of registered sockets.
    public var count: Int { sockets.count }

    /// Adds a socket.
    /// - Parameters:
    ///   - socket: The socket to watch; it must stay open while registered.
    ///   - events: What to wait for, usually `.readable`.
    /// - Returns: The socket's index in every ``PollResult``.
    @discardableResult
    public mutating func register(_ socket: Socket, for events: PollEvents = .readable) -> Int {
        sockets.append(socket)
        items.append(zmq_pollitem_t(socket: nil, fd: 0, events: events.rawValue, revents: 0))
        return sockets.count - 1
    }

    /// Waits until at least one registered socket is ready or the timeout passes.
    ///
    /// A signal interrupting the wait restarts it with the full timeout.
    /// - Parameter timeoutMS: Longest wait in milliseconds: 0 returns at once, -1 waits forever.
    /// - Returns: What each socket is ready for, in registration order.
    /// - Throws: ``ZMQError`` (`ENOTSOCK` naming a registered socket that was closed, `ETERM`).
    public mutating func poll(timeoutMS: Int) throws(ZMQError) -> PollResult {
        for index in items.indices {
            guard let live = sockets[index].handle else {
                throw ZMQError(code: .notSocket, operation: "zmq_poll", endpoint: sockets[index].endpointsLabel,
                               detail: "registered \(sockets[index].type) socket #\(index) was closed")
            }
            items[index].socket = live
            items[index].revents = 0
        }
        let count = items.count
        _ = try items.withMutableBuffer { (buffer) throws(ZMQError) in
            try ZMQCall.int("zmq_poll(\(count) sockets, \(timeoutMS) ms)") {
                zmq_poll(buffer.baseAddress, Int32(count), timeoutMS)
            }
        }
        return PollResult(events: items.map { PollEvents(rawValue: $0.revents) })
    }
}
