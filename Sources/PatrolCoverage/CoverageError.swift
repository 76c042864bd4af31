/// Why the coverage module refused an input.
public enum CoverageError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The static layout is inconsistent.
    case layout(String)
    /// An observation failed validation (the message names the device and field).
    case observation(String)
    /// A fixed camera id that the layout does not know.
    case unknownCamera(String)

    public var description: String {
        switch self {
        case .layout(let message): "coverage layout: \(message)"
        case .observation(let message): "observation: \(message)"
        case .unknownCamera(let id): "unknown fixed camera '\(id)'; expected one of the mission's camera ids"
        }
    }
}
