import CZeroMQ

/// Waits until any of a set of sockets (or plain file descriptors) is ready (`zmq_poll`), the heart of a
/// single-threaded event loop.
///
/// Register once, then call ``poll(timeoutMS:)`` repeatedly; the result is indexed by registration order.
/// The poller keeps its sockets alive and belongs to their thread.
public struct Poller {
    /// The socket of each item, `nil` for a file descriptor item.
    private var sockets: [Socket?] = []
    private var items: [zmq_pollitem_t] = []

    /// Creates an empty poller.
    public init() {}

    /// The number of registered sockets and file descriptors.
    public var count: Int { items.count }

    /// Adds a socket.
    /// - Parameters:
    ///   - socket: The socket to watch; it must stay open while registered.
    ///   - events: What to wait for, usually `.readable`.
    /// - Returns: The socket's index in every ``PollResult``.
    @discardableResult
    public mutating func register(_ socket: Socket, for events: PollEvents = .readable) -> Int {
        sockets.append(socket)
        items.append(zmq_pollitem_t(socket: nil, fd: 0, events: events.rawValue, revents: 0))
        return items.count - 1
    }

    /// Adds a plain file descriptor, e.g. the read end of a self-pipe a signal handler writes to.
    /// - Parameters:
    ///   - fileDescriptor: The descriptor to watch; it must stay open while registered.
    ///   - events: What to wait for, usually `.readable`.
    /// - Returns: The descriptor's index in every ``PollResult``.
    @discardableResult
    public mutating func register(fileDescriptor: Int32, for events: PollEvents = .readable) -> Int {
        sockets.append(nil)
        items.append(zmq_pollitem_t(socket: nil, fd: fileDescriptor, events: events.rawValue, revents: 0))
        return items.count - 1
    }

    /// Waits until at least one registered item is ready or the timeout passes.
    ///
    /// A signal interrupting the wait restarts it with the full timeout.
    /// - Parameter timeoutMS: Longest wait in milliseconds: 0 returns at once, -1 waits forever.
    /// - Returns: What each item is ready for, in registration order.
    /// - Throws: ``ZMQError`` (`ENOTSOCK` naming a registered socket that was closed, `ETERM`).
    public mutating func poll(timeoutMS: Int) throws(ZMQError) -> PollResult {
        for index in items.indices {
            if let socket = sockets[index] {
                // Re-read the handle each time so a closed socket is an error, not a dangling pointer.
                guard let live = socket.handle else {
                    throw ZMQError(code: .notSocket, operation: "zmq_poll", endpoint: socket.endpointsLabel,
                                   detail: "registered \(socket.type) socket #\(index) was closed")
                }
                items[index].socket = live
            }
            items[index].revents = 0
        }
        let count = items.count
        _ = try items.withMutableBuffer { (buffer) throws(ZMQError) in
            try ZMQCall.int("zmq_poll(\(count) items, \(timeoutMS) ms)") {
                zmq_poll(buffer.baseAddress, Int32(count), timeoutMS)
            }
        }
        return PollResult(events: items.map { PollEvents(rawValue: $0.revents) })
    }
}
