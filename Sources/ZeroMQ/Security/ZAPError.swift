/// A ZAP message (RFC 27) that does not follow the protocol, naming the frame and what was expected.
public struct ZAPError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The index of the offending frame, or `nil` when the frame count is wrong.
    public let frame: Int?
    /// What was expected and what came.
    public let message: String

    /// Creates an error.
    /// - Parameters:
    ///   - frame: The offending frame's index, if one.
    ///   - message: What was expected and what came.
    public init(frame: Int?, _ message: String) {
        self.frame = frame
        self.message = message
    }

    /// E.g. `ZAP frame 0 (version): expected "1.0", got "2.0"`.
    public var description: String {
        if let frame {
            return "ZAP frame \(frame) \(message)"
        }
        return "ZAP message: \(message)"
    }
}
