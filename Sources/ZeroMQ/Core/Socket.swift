import CZeroMQ

/// A ZeroMQ socket, owned by the one thread that uses it.
///
/// libzmq sockets are not thread-safe, so `Socket` is deliberately not `Sendable`: create it on the thread
/// that uses it (a hub thread, a worker talking back over `inproc://` PAIR). Close it explicitly with
/// ``close()``; `deinit` closes it as a safety net. A socket keeps its ``Context`` alive.
///
/// Messages go through `zmq_msg_t`, so frames of any size are sent and received without fixed buffers.
public final class Socket {
    /// The socket's pattern.
    public let type: SocketType
    /// The context the socket belongs to.
    public let context: Context

    /// The libzmq handle, `nil` after ``close()``.
    private(set) var handle: UnsafeMutableRawPointer?
    /// One message reused for every send and receive; heap-allocated so its address never moves
    /// between the `zmq_msg_*` calls that use it (a very small message stores its bytes inline).
    let message: UnsafeMutablePointer<zmq_msg_t>
    /// Endpoints bound or connected, kept only to name the socket in error messages.
    private var endpoints: [String] = []

    /// Creates a socket.
    /// - Parameters:
    ///   - context: The context to create it in.
    ///   - type: The messaging pattern.
    /// - Throws: ``ZMQError`` (`ETERM` if the context was closed, `EMFILE` when out of sockets).
    public init(_ context: Context, type: SocketType) throws(ZMQError) {
        self.type = type
        self.context = context
        handle = try context.makeSocketHandle(type: type)
        let raw = UnsafeMutableRawPointer.allocate(
            byteCount: MemoryLayout<zmq_msg_t>.size, alignment: max(MemoryLayout<zmq_msg_t>.alignment, 8))
        message = raw.bindMemory(to: zmq_msg_t.self, capacity: 1)
    }

    deinit {
        close()
        message.deallocate()
    }

    /// True once ``close()`` ran.
    public var isClosed: Bool {
        handle == nil
    }

    /// Closes the socket. Unsent messages are kept for `LINGER` milliseconds (0 unless set). Calling it
    /// again does nothing.
    public func close() {
        guard let live = handle else {
            return
        }
        // zmq_close only fails with ENOTSOCK, which cannot happen for a handle we still own.
        _ = zmq_close(live)
        handle = nil
    }

    /// Binds to a local endpoint, e.g. `tcp://*:7450`, `tcp://127.0.0.1:*` (a free port, see
    /// ``lastEndpoint``) or `inproc://name`.
    /// - Parameter endpoint: The endpoint to listen on.
    /// - Throws: ``ZMQError`` naming the endpoint (`EADDRINUSE`, `EINVAL`, `EPROTONOSUPPORT`, ...).
    public func bind(_ endpoint: String) throws(ZMQError) {
        let live = try liveHandle("zmq_bind")
        try ZMQCall.int("zmq_bind (\(type))", endpoint: endpoint) { zmq_bind(live, endpoint) }
        // Name the socket by its resolved endpoint (a wildcard port becomes the real one) in later errors.
        endpoints.append((try? lastEndpoint) ?? endpoint)
    }

    /// Connects to a remote endpoint. libzmq connects (and reconnects) in the background, so this
    /// succeeds before the peer exists.
    /// - Parameter endpoint: The endpoint to connect to, e.g. `tcp://127.0.0.1:7450`.
    /// - Throws: ``ZMQError`` naming the endpoint when it is malformed or the transport unknown.
    public func connect(_ endpoint: String) throws(ZMQError) {
        let live = try liveHandle("zmq_connect")
        try ZMQCall.int("zmq_connect (\(type))", endpoint: endpoint) { zmq_connect(live, endpoint) }
        endpoints.append(endpoint)
    }

    /// Stops listening on an endpoint given to ``bind(_:)`` (for a wildcard port, pass ``lastEndpoint``).
    /// - Parameter endpoint: The bound endpoint.
    /// - Throws: ``ZMQError`` (`ENOENT` when it was not bound).
    public func unbind(_ endpoint: String) throws(ZMQError) {
        let live = try liveHandle("zmq_unbind")
        try ZMQCall.int("zmq_unbind (\(type))", endpoint: endpoint) { zmq_unbind(live, endpoint) }
        endpoints.removeAll { $0 == endpoint }
    }

    /// Disconnects from an endpoint given to ``connect(_:)``.
    /// - Parameter endpoint: The connected endpoint.
    /// - Throws: ``ZMQError`` (`ENOENT` when it was not connected).
    public func disconnect(_ endpoint: String) throws(ZMQError) {
        let live = try liveHandle("zmq_disconnect")
        try ZMQCall.int("zmq_disconnect (\(type))", endpoint: endpoint) { zmq_disconnect(live, endpoint) }
        endpoints.removeAll { $0 == endpoint }
    }

    /// The endpoint of the last bind or connect, with a wildcard port resolved
    /// (`tcp://127.0.0.1:*` becomes `tcp://127.0.0.1:43817`).
    /// - Throws: ``ZMQError`` when the socket is closed.
    public var lastEndpoint: String {
        get throws(ZMQError) {
            try get(.lastEndpoint)
        }
    }

    /// The handle of an open socket, or `ENOTSOCK` naming the operation when closed.
    @inline(__always)
    func liveHandle(_ operation: @autoclosure () -> String) throws(ZMQError) -> UnsafeMutableRawPointer {
        guard let live = handle else {
            throw ZMQError(code: .notSocket, operation: operation(), endpoint: endpointsLabel,
                           detail: "the \(type) socket was already closed")
        }
        return live
    }

    /// The socket's endpoints for error messages, `nil` before the first bind or connect.
    var endpointsLabel: String? {
        endpoints.isEmpty ? nil : endpoints.joined(separator: ", ")
    }
}

/// A socket belongs to one thread (libzmq sockets are not thread-safe).
@available(*, unavailable)
extension Socket: Sendable {}
