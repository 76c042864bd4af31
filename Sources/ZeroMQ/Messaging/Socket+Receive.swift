import CZeroMQ

extension Socket {
    /// Receives a whole multipart message.
    /// - Parameter dontWait: Return `nil` at once when no message is waiting, instead of blocking.
    /// - Returns: The frames (at least one), or `nil` when none was waiting with `dontWait`, or `RCVTIMEO` expired.
    /// - Throws: ``ZMQError`` (`ETERM` when the context is closing, `EFSM` when the pattern forbids receiving now).
    public func receiveMultipart(dontWait: Bool = false) throws(ZMQError) -> [[UInt8]]? {
        guard let first = try receiveFrame(dontWait: dontWait) else {
            return nil
        }
        var frames = [first.bytes]
        var more = first.more
        while more {
            // The rest of a multipart message is already here (delivery is atomic), so block-receive it.
            guard let next = try receiveFrame(dontWait: false) else {
                throw ZMQError(code: .protocolError, operation: "zmq_msg_recv (\(type))", endpoint: endpointsLabel,
                               detail: "frame \(frames.count) of a multipart message did not arrive")
            }
            frames.append(next.bytes)
            more = next.more
        }
        return frames
    }

    /// Receives one frame.
    /// - Parameter dontWait: Return `nil` at once when no frame is waiting, instead of blocking.
    /// - Returns: The frame and whether more frames of its message follow, or `nil` when none was waiting with
    ///   `dontWait`, or `RCVTIMEO` expired.
    /// - Throws: ``ZMQError`` naming the socket's endpoints.
    public func receiveFrame(dontWait: Bool = false) throws(ZMQError) -> MessageFrame? {
        try withReceivedFrame(dontWait: dontWait) { bytes, more in
            MessageFrame(bytes: Array(bytes), more: more)
        }
    }

    /// Receives one frame and lends its bytes to `body` without copying them: the fast path.
    /// - Parameters:
    ///   - dontWait: Return `nil` at once when no frame is waiting, instead of blocking.
    ///   - body: Reads the frame's bytes (valid only during the call) and whether more frames follow.
    /// - Returns: What `body` returned, or `nil` when no frame was waiting with `dontWait`, or `RCVTIMEO` expired.
    /// - Throws: ``ZMQError`` naming the socket's endpoints.
    public func withReceivedFrame<Result>(
        dontWait: Bool = false,
        _ body: (_ bytes: UnsafeRawBufferPointer, _ more: Bool) -> Result
    ) throws(ZMQError) -> Result? {
        let live = try liveHandle("zmq_msg_recv")
        let message = message
        zmq_msg_init(message)
        defer { zmq_msg_close(message) }
        let received = try ZMQCall.intUnlessAgain("zmq_msg_recv (\(type))", endpoint: endpointsLabel) {
            zmq_msg_recv(message, live, dontWait ? ZMQ_DONTWAIT : 0)
        }
        guard received != nil else {
            return nil
        }
        let bytes = UnsafeRawBufferPointer(start: zmq_msg_data(message), count: zmq_msg_size(message))
        return body(bytes, zmq_msg_more(message) != 0)
    }
}
