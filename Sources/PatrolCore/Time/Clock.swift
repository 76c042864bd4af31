import Foundation

/// Where the hub and the simulator read time: the wall clock live, the simulator's clock in simulated runs.
public protocol Clock: Sendable {
    /// Milliseconds since the Unix epoch.
    func nowMS() -> Int64
}

/// The wall clock.
public struct WallClock: Clock {
    public init() {}

    public func nowMS() -> Int64 {
        Int64((Date().timeIntervalSince1970 * 1000).rounded())
    }
}
