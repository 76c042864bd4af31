import Synchronization

/// A thread-safe request for the hub to reload its key allowlists (set on SIGHUP), taken by the hub thread.
public final class HubReloadFlag: Sendable {
    private let requested = Atomic<Bool>(false)

    public init() {}

    /// Asks the hub to reload `--keys DIR` at its next loop turn (within one poll timeout, <= 50 ms).
    public func requestReload() { requested.store(true, ordering: .releasing) }

    /// True once per request: clears the request.
    func take() -> Bool { requested.exchange(false, ordering: .acquiringAndReleasing) }
}
