/// A received multipart message with the connection properties libzmq attaches to it.
public struct ReceivedMessage: Sendable, Hashable {
    /// The frames, at least one.
    public var frames: [[UInt8]]
    /// The user id the ZAP handler gave the sending peer (``ZAPDecision/allow(userID:)``), or `nil` when
    /// the connection was not authenticated by ZAP.
    public var userID: String?
    /// The sending peer's address (e.g. `127.0.0.1`), or `nil` on transports without one (`inproc://`).
    public var peerAddress: String?

    /// Creates a message.
    /// - Parameters:
    ///   - frames: The frames.
    ///   - userID: The ZAP user id, if any.
    ///   - peerAddress: The peer's address, if any.
    public init(frames: [[UInt8]], userID: String? = nil, peerAddress: String? = nil) {
        self.frames = frames
        self.userID = userID
        self.peerAddress = peerAddress
    }
}
