import CZeroMQ

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Socket {
    /// Sends a multipart message; libzmq delivers all its frames or none.
    /// - Parameters:
    ///   - frames: The frames, at least one (a frame may be empty).
    ///   - dontWait: Return `false` instead of blocking when the message cannot be queued now.
    /// - Returns: `true` when queued; `false` when `dontWait` is set (or `SNDTIMEO` expired) and it could not be.
    /// - Throws: ``ZMQError``: `EHOSTUNREACH` for an unknown routing id with `ROUTER_MANDATORY`, `EFSM` when
    ///   the pattern forbids sending now, `EINVAL` for an empty frame list.
    @discardableResult
    public func send(_ frames: [[UInt8]], dontWait: Bool = false) throws(ZMQError) -> Bool {
        guard !frames.isEmpty else {
            throw ZMQError(code: .invalidArgument, operation: "send (\(type))", endpoint: endpointsLabel,
                           detail: "a message needs at least one frame, got none")
        }
        for (index, frame) in frames.enumerated() {
            let isLast = index == frames.count - 1
            // Only the first frame may be refused with EAGAIN: once it is queued, libzmq accepts the rest
            // of the message (multipart messages are atomic), so later frames always block-send.
            let sent = try frame.withBytes { (bytes) throws(ZMQError) -> Bool in
                try send(buffer: bytes, more: !isLast, dontWait: dontWait && index == 0)
            }
            if !sent {
                return false
            }
        }
        return true
    }

    /// Sends one frame.
    /// - Parameters:
    ///   - bytes: The frame's bytes.
    ///   - more: More frames of the same message follow (`ZMQ_SNDMORE`).
    ///   - dontWait: Return `false` instead of blocking when it cannot be queued now.
    /// - Returns: `true` when queued; `false` when `dontWait` is set (or `SNDTIMEO` expired) and it could not be.
    /// - Throws: ``ZMQError`` naming the socket's endpoints.
    @discardableResult
    public func send(_ bytes: [UInt8], more: Bool = false, dontWait: Bool = false) throws(ZMQError) -> Bool {
        try bytes.withBytes { (buffer) throws(ZMQError) -> Bool in
            try send(buffer: buffer, more: more, dontWait: dontWait)
        }
    }

    /// Sends one frame copied from raw memory: the fast path that needs no array.
    /// - Parameters:
    ///   - buffer: The frame's bytes; copied into a `zmq_msg_t`, so it may be reused at once.
    ///   - more: More frames of the same message follow (`ZMQ_SNDMORE`).
    ///   - dontWait: Return `false` instead of blocking when it cannot be queued now.
    /// - Returns: `true` when queued; `false` when `dontWait` is set (or `SNDTIMEO` expired) and it could not be.
    /// - Throws: ``ZMQError`` naming the socket's endpoints.
    @discardableResult
    public func send(buffer: UnsafeRawBufferPointer, more: Bool = false, dontWait: Bool = false) throws(ZMQError)
        -> Bool
    {
        let live = try liveHandle("zmq_msg_send")
        let message = message
        try ZMQCall.int("zmq_msg_init_size(\(buffer.count))") { zmq_msg_init_size(message, buffer.count) }
        if let source = buffer.baseAddress, buffer.count > 0 {
            zmq_msg_data(message).copyMemory(from: source, byteCount: buffer.count)
        }
        let flags: Int32 = (more ? ZMQ_SNDMORE : 0) | (dontWait ? ZMQ_DONTWAIT : 0)
        let code = ZMQCall.errno { zmq_msg_send(message, live, flags) }
        if code == 0 {
            return true
        }
        // A refused message still belongs to us; a sent one was emptied by libzmq.
        zmq_msg_close(message)
        if code == EAGAIN {
            return false
        }
        throw ZMQError(code: ZMQError.Code(rawValue: code), operation: "zmq_msg_send (\(type))",
                       endpoint: endpointsLabel)
    }

}
