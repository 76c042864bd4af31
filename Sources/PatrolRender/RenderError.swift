/// An error from encoding, decoding or writing a picture or map file; the message names the thing
/// (file, chunk, field) and what was expected.
public struct RenderError: Error, Equatable, Sendable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
