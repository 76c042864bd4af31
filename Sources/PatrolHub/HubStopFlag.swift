import Synchronization

/// A thread-safe request for a running hub to stop, for signal handlers and tests.
public final class HubStopFlag: Sendable {
    private let stopped = Atomic<Bool>(false)

    public init() {}

    /// Asks the hub to return from `run()` at its next poll wake-up (at most a few milliseconds later).
    public func requestStop() { stopped.store(true, ordering: .releasing) }

    /// True once `requestStop()` was called.
    public var isStopRequested: Bool { stopped.load(ordering: .acquiring) }
}
