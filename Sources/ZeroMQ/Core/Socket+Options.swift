import CZeroMQ

extension Socket {
    /// Sets an integer option.
    /// - Parameters:
    ///   - option: The option, e.g. `.lingerMS`.
    ///   - value: Its value.
    /// - Throws: ``ZMQError`` naming the option (`EINVAL` for a value out of range).
    public func set(_ option: SocketOption<Int32>, _ value: Int32) throws(ZMQError) {
        var copy = value
        try setRaw(option.rawValue, name: option.name, &copy, size: MemoryLayout<Int32>.size)
    }

    /// Sets a 64-bit integer option.
    /// - Parameters:
    ///   - option: The option, e.g. `.maxMessageSize`.
    ///   - value: Its value.
    /// - Throws: ``ZMQError`` naming the option.
    public func set(_ option: SocketOption<Int64>, _ value: Int64) throws(ZMQError) {
        var copy = value
        try setRaw(option.rawValue, name: option.name, &copy, size: MemoryLayout<Int64>.size)
    }

    /// Sets a boolean option (libzmq takes it as an `int` 0 or 1).
    /// - Parameters:
    ///   - option: The option, e.g. `.routerMandatory`.
    ///   - value: Its value.
    /// - Throws: ``ZMQError`` naming the option.
    public func set(_ option: SocketOption<Bool>, _ value: Bool) throws(ZMQError) {
        var copy: Int32 = value ? 1 : 0
        try setRaw(option.rawValue, name: option.name, &copy, size: MemoryLayout<Int32>.size)
    }

    /// Sets a binary option.
    /// - Parameters:
    ///   - option: The option, e.g. `.subscribe` or `.routingID`.
    ///   - value: Its bytes.
    /// - Throws: ``ZMQError`` naming the option.
    public func set(_ option: SocketOption<[UInt8]>, _ value: [UInt8]) throws(ZMQError) {
        let live = try liveHandle("zmq_setsockopt(\(option.name))")
        try ZMQCall.int("zmq_setsockopt(\(option.name), \(value.count) bytes) (\(type))", endpoint: endpointsLabel) {
            value.withUnsafeBytes { zmq_setsockopt(live, option.rawValue, $0.baseAddress, $0.count) }
        }
    }

    /// Sets a text option (sent without a terminating NUL).
    /// - Parameters:
    ///   - option: The option, e.g. `.curveServerKey` or `.zapDomain`.
    ///   - value: Its text.
    /// - Throws: ``ZMQError`` naming the option (`EINVAL` for a key that is not 40 Z85 characters).
    public func set(_ option: SocketOption<String>, _ value: String) throws(ZMQError) {
        try set(SocketOption<[UInt8]>(rawValue: option.rawValue, name: option.name), Array(value.utf8))
    }

    /// Reads an integer option.
    /// - Parameter option: The option, e.g. `.events`.
    /// - Returns: Its value.
    /// - Throws: ``ZMQError`` naming the option.
    public func get(_ option: SocketOption<Int32>) throws(ZMQError) -> Int32 {
        var value: Int32 = 0
        try getRaw(option.rawValue, name: option.name, &value, size: MemoryLayout<Int32>.size)
        return value
    }

    /// Reads a 64-bit integer option.
    /// - Parameter option: The option, e.g. `.maxMessageSize`.
    /// - Returns: Its value.
    /// - Throws: ``ZMQError`` naming the option.
    public func get(_ option: SocketOption<Int64>) throws(ZMQError) -> Int64 {
        var value: Int64 = 0
        try getRaw(option.rawValue, name: option.name, &value, size: MemoryLayout<Int64>.size)
        return value
    }

    /// Reads a boolean option.
    /// - Parameter option: The option, e.g. `.receiveMore`.
    /// - Returns: Its value.
    /// - Throws: ``ZMQError`` naming the option (`EINVAL` for write-only options such as `ROUTER_MANDATORY`).
    public func get(_ option: SocketOption<Bool>) throws(ZMQError) -> Bool {
        var value: Int32 = 0
        try getRaw(option.rawValue, name: option.name, &value, size: MemoryLayout<Int32>.size)
        return value != 0
    }

    /// Reads a binary option (at most 255 bytes, the longest routing id).
    /// - Parameter option: The option, e.g. `.routingID`.
    /// - Returns: Its bytes.
    /// - Throws: ``ZMQError`` naming the option.
    public func get(_ option: SocketOption<[UInt8]>) throws(ZMQError) -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: 256)
        let size = try buffer.withMutableBytes { (bytes) throws(ZMQError) -> Int in
            try getRaw(option.rawValue, name: option.name, bytes.baseAddress!, size: bytes.count)
        }
        return Array(buffer.prefix(size))
    }

    /// Reads a text option (libzmq returns it NUL-terminated; the NUL is dropped).
    /// - Parameter option: The option, e.g. `.lastEndpoint` or `.curvePublicKey` (read back as Z85).
    /// - Returns: Its text.
    /// - Throws: ``ZMQError`` naming the option.
    public func get(_ option: SocketOption<String>) throws(ZMQError) -> String {
        // 1 KiB holds any endpoint libzmq accepts (an ipc path is at most 108 bytes, a tcp one far less).
        var buffer = [UInt8](repeating: 0, count: 1024)
        let size = try buffer.withMutableBytes { (bytes) throws(ZMQError) -> Int in
            try getRaw(option.rawValue, name: option.name, bytes.baseAddress!, size: bytes.count)
        }
        let text = buffer.prefix(size).prefix { $0 != 0 }
        return String(decoding: text, as: UTF8.self)
    }

    /// What the socket can do now without blocking (`ZMQ_EVENTS`).
    /// - Throws: ``ZMQError`` when the socket is closed.
    public var pendingEvents: PollEvents {
        get throws(ZMQError) {
            PollEvents(rawValue: Int16(truncatingIfNeeded: try get(.events)))
        }
    }

    private func setRaw(_ option: Int32, name: String, _ value: UnsafeRawPointer, size: Int) throws(ZMQError) {
        let live = try liveHandle("zmq_setsockopt(\(name))")
        try ZMQCall.int("zmq_setsockopt(\(name)) (\(type))", endpoint: endpointsLabel) {
            zmq_setsockopt(live, option, value, size)
        }
    }

    @discardableResult
    private func getRaw(
        _ option: Int32, name: String, _ value: UnsafeMutableRawPointer, size: Int
    ) throws(ZMQError) -> Int {
        let live = try liveHandle("zmq_getsockopt(\(name))")
        var length = size
        try ZMQCall.int("zmq_getsockopt(\(name)) (\(type))", endpoint: endpointsLabel) {
            zmq_getsockopt(live, option, value, &length)
        }
        return length
    }
}
