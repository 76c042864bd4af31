/// One event reported by a ``SocketMonitor``: what happened, on which endpoint.
public struct MonitorEvent: Sendable, Hashable, CustomStringConvertible {
    /// What happened (a single kind).
    public let kind: MonitorEvents
    /// The event's value: a file descriptor, an errno, a retry interval or a ZAP status code, by kind.
    public let value: UInt32
    /// The endpoint the event concerns, e.g. `tcp://127.0.0.1:43817`.
    public let endpoint: String

    /// Creates an event.
    /// - Parameters:
    ///   - kind: What happened.
    ///   - value: The kind's value.
    ///   - endpoint: The endpoint concerned.
    public init(kind: MonitorEvents, value: UInt32, endpoint: String) {
        self.kind = kind
        self.value = value
        self.endpoint = endpoint
    }

    /// Parses the two frames libzmq's monitor sends (version 1): a 6-byte frame with the event number
    /// (16 bits) and value (32 bits) in host byte order, then the endpoint.
    /// - Parameter frames: The received frames.
    /// - Throws: ``ZMQError`` (`EPROTO`) saying which frame is wrong.
    public init(frames: [[UInt8]]) throws(ZMQError) {
        guard frames.count == 2, frames[0].count == 6 else {
            throw ZMQError(code: .protocolError, operation: "socket monitor event",
                           detail: "expected 2 frames with a 6-byte first frame, got \(frames.count) frames "
                               + "of \(frames.map(\.count)) bytes")
        }
        let (number, value) = frames[0].withUnsafeBytes { bytes in
            (bytes.loadUnaligned(fromByteOffset: 0, as: UInt16.self),
             bytes.loadUnaligned(fromByteOffset: 2, as: UInt32.self))
        }
        self.init(kind: MonitorEvents(rawValue: Int32(number)), value: value,
                  endpoint: String(decoding: frames[1], as: UTF8.self))
    }

    /// E.g. `handshakeSucceeded tcp://127.0.0.1:43817 (0)`.
    public var description: String {
        "\(kind) \(endpoint) (\(value))"
    }
}
