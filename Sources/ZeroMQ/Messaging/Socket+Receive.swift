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
        return try frames(startingWith: first)
    }

    /// Receives a whole multipart message with its connection properties: the ZAP user id and the peer's
    /// address. Use it on sockets behind a ZAP handler to learn which key sent each message.
    /// - Parameter dontWait: Return `nil` at once when no message is waiting, instead of blocking.
    /// - Returns: The message, or `nil` when none was waiting with `dontWait`, or `RCVTIMEO` expired.
    /// - Throws: ``ZMQError`` naming the socket's endpoints.
    public func receiveMessage(dontWait: Bool = false) throws(ZMQError) -> ReceivedMessage? {
        var message = ReceivedMessage(frames: [])
        var more = true
        while more {
            // A ROUTER makes the routing id frame itself, without the connection's properties, so look for
            // them on every frame until one has them. Later frames are already here: block-receive them.
            let frame = try withReceivedFrame(dontWait: dontWait && message.frames.isEmpty) { bytes, more in
                if message.userID == nil {
                    message.userID = messageProperty("User-Id")
                }
                if message.peerAddress == nil {
                    message.peerAddress = messageProperty("Peer-Address")
                }
                return MessageFrame(bytes: Self.copy(bytes), more: more)
            }
            guard let frame else {
                if message.frames.isEmpty {
                    return nil
                }
                throw ZMQError(code: .protocolError, operation: "zmq_msg_recv (\(type))", endpoint: endpointsLabel,
                               detail: "frame \(message.frames.count) of a multipart message did not arrive")
            }
            message.frames.append(frame.bytes)
            more = frame.more
        }
        return message
    }

    /// The frames of a message whose first frame was just received.
    private func frames(startingWith first: MessageFrame) throws(ZMQError) -> [[UInt8]] {
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

    /// A metadata property of the message just received (`zmq_msg_gets`), `nil` when absent.
    private func messageProperty(_ name: String) -> String? {
        guard let value = zmq_msg_gets(message, name) else {
            return nil
        }
        return String(cString: value)
    }

    /// Receives one frame.
    /// - Parameter dontWait: Return `nil` at once when no frame is waiting, instead of blocking.
    /// - Returns: The frame and whether more frames of its message follow, or `nil` when none was waiting with
    ///   `dontWait`, or `RCVTIMEO` expired.
    /// - Throws: ``ZMQError`` naming the socket's endpoints.
    public func receiveFrame(dontWait: Bool = false) throws(ZMQError) -> MessageFrame? {
        try withReceivedFrame(dontWait: dontWait) { bytes, more in
            MessageFrame(bytes: Self.copy(bytes), more: more)
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

    /// Copies a received frame with one `memcpy` (the generic `Array.init` walks byte by byte in debug builds).
    private static func copy(_ bytes: UnsafeRawBufferPointer) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: bytes.count) { buffer, count in
            if let source = bytes.baseAddress, bytes.count > 0 {
                UnsafeMutableRawPointer(buffer.baseAddress!).copyMemory(from: source, byteCount: bytes.count)
            }
            count = bytes.count
        }
    }
}
