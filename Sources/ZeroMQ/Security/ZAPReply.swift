/// A ZAP 1.0 reply (RFC 27): the handler's verdict on one ``ZAPRequest``.
///
/// Frames: version `1.0`, the request's id, status code, status text, user id, metadata. libzmq attaches
/// the user id to every message from an admitted peer (``ReceivedMessage/userID``), which is how a server
/// knows which key sent a message.
public struct ZAPReply: Sendable, Hashable {
    /// A ZAP status code.
    public struct Status: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
        /// The three-digit code as text, e.g. `"200"`.
        public let rawValue: String

        /// Wraps a status code.
        /// - Parameter rawValue: The three-digit code as text.
        public init(rawValue: String) {
            self.rawValue = rawValue
        }

        /// The peer is admitted.
        public static var success: Status { Status(rawValue: "200") }
        /// Temporary failure; the client may retry.
        public static var temporaryError: Status { Status(rawValue: "300") }
        /// The peer is refused.
        public static var authenticationFailure: Status { Status(rawValue: "400") }
        /// The request was malformed or the handler failed.
        public static var internalError: Status { Status(rawValue: "500") }

        /// The code.
        public var description: String { rawValue }
    }

    /// The request id being answered.
    public var requestID: [UInt8]
    /// The verdict.
    public var status: Status
    /// A human-readable reason.
    public var statusText: String
    /// The identity the server attaches to the peer's messages (e.g. the device id); empty when refused.
    public var userID: String
    /// ZMTP-encoded metadata properties for the connection (usually empty).
    public var metadata: [UInt8]

    /// Creates a reply.
    /// - Parameters:
    ///   - requestID: The request id being answered.
    ///   - status: The verdict.
    ///   - statusText: A human-readable reason.
    ///   - userID: The identity to attach to the peer's messages.
    ///   - metadata: ZMTP-encoded metadata, usually empty.
    public init(requestID: [UInt8], status: Status, statusText: String, userID: String = "", metadata: [UInt8] = []) {
        self.requestID = requestID
        self.status = status
        self.statusText = statusText
        self.userID = userID
        self.metadata = metadata
    }

    /// Parses a reply's frames (for tests and for handlers written elsewhere).
    /// - Parameter frames: The six frames.
    /// - Throws: ``ZAPError`` naming the frame that is wrong and what was expected.
    public init(frames: [[UInt8]]) throws(ZAPError) {
        guard frames.count == 6 else {
            throw ZAPError(frame: nil, "expected 6 reply frames, got \(frames.count)")
        }
        guard frames[0] == Array(ZAPRequest.version.utf8) else {
            throw ZAPError(frame: 0, "(version): expected \"\(ZAPRequest.version)\"")
        }
        let code = String(decoding: frames[2], as: UTF8.self)
        guard ["200", "300", "400", "500"].contains(code) else {
            throw ZAPError(frame: 2, "(status code): expected 200, 300, 400 or 500, got \"\(code.prefix(20))\"")
        }
        self.init(requestID: frames[1], status: Status(rawValue: code),
                  statusText: String(decoding: frames[3], as: UTF8.self),
                  userID: String(decoding: frames[4], as: UTF8.self), metadata: frames[5])
    }

    /// The reply as frames, in protocol order.
    public var frames: [[UInt8]] {
        [Array(ZAPRequest.version.utf8), requestID, Array(status.rawValue.utf8), Array(statusText.utf8),
         Array(userID.utf8), metadata]
    }
}
