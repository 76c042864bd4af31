/// A simulator failure that is not a socket or mission-file error; the message names the thing.
public struct SimulationError: Error, CustomStringConvertible, Sendable {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
