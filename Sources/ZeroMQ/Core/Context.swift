import CZeroMQ
import Synchronization

/// A libzmq context: the I/O threads and the `inproc://` namespace shared by the sockets made from it.
///
/// libzmq contexts are thread-safe, so a `Context` is `Sendable`: make one per process (or per test) and
/// hand it to every thread that creates sockets. Sockets keep their context alive.
///
/// New sockets start with `LINGER` 0 (the context is created with `ZMQ_BLOCKY` off), so closing a socket
/// or the context never hangs on a peer that went away; set ``SocketOption/lingerMS`` on a socket that
/// must flush its last messages.
public final class Context: Sendable {
    /// The context handle, or `nil` once terminated. The lock makes `close()` and socket creation from
    /// different threads safe: no socket is created on a context that is being freed.
    private let handle: Mutex<UnsafeMutableRawPointer?>

    /// Creates a context.
    /// - Parameter ioThreads: The number of libzmq I/O threads (1 handles about a gigabyte per second).
    /// - Throws: ``ZMQError`` when libzmq cannot create the context or `ioThreads` is out of range.
    public init(ioThreads: Int = 1) throws(ZMQError) {
        let context = try ZMQCall.pointer("zmq_ctx_new") { zmq_ctx_new() }
        do {
            try ZMQCall.int("zmq_ctx_set(ZMQ_IO_THREADS, \(ioThreads))") {
                zmq_ctx_set(context, ZMQ_IO_THREADS, Int32(clamping: ioThreads))
            }
            try ZMQCall.int("zmq_ctx_set(ZMQ_BLOCKY, 0)") { zmq_ctx_set(context, ZMQ_BLOCKY, 0) }
        } catch {
            zmq_ctx_term(context)
            throw error
        }
        handle = Mutex(context)
    }

    deinit {
        close()
    }

    /// True once ``close()`` ran.
    public var isClosed: Bool {
        handle.withLock { $0 == nil }
    }

    /// Terminates the context: blocking calls on its sockets in other threads fail with `ETERM`
    /// (``ZMQError/isTerminated``), and this call waits until every socket of the context is closed.
    ///
    /// Calling it again does nothing. Close your own sockets first, or from the threads that own them
    /// when they see `ETERM`.
    public func close() {
        handle.withLock { context in
            guard let live = context else {
                return
            }
            // zmq_ctx_term only fails with EFAULT (not a context) or EINTR, which the gateway retries.
            _ = try? ZMQCall.int("zmq_ctx_term") { zmq_ctx_term(live) }
            context = nil
        }
    }

    /// Creates a libzmq socket of `type` on this context.
    func makeSocketHandle(type: SocketType) throws(ZMQError) -> UnsafeMutableRawPointer {
        let result: Result<UnsafeMutableRawPointer, ZMQError> = handle.withLock { context in
            guard let live = context else {
                return .failure(ZMQError(code: .terminated, operation: "zmq_socket(\(type))",
                                         detail: "the context was closed"))
            }
            return Result { () throws(ZMQError) in
                try ZMQCall.pointer("zmq_socket(\(type))") { zmq_socket(live, type.rawValue) }
            }
        }
        return try result.get()
    }
}
