/// One received frame of a (possibly multipart) message.
public struct MessageFrame: Sendable, Hashable {
    /// The frame's bytes.
    public var bytes: [UInt8]
    /// More frames of the same message follow this one.
    public var more: Bool

    /// Creates a frame.
    /// - Parameters:
    ///   - bytes: The frame's bytes.
    ///   - more: Whether more frames of the same message follow.
    public init(bytes: [UInt8], more: Bool) {
        self.bytes = bytes
        self.more = more
    }
}
