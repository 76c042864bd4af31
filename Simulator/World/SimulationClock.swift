import PatrolCore
import Synchronization

/// The simulator's clock: what the in-process hub reads as "now" during a lockstep run.
///
/// The simulation thread is the only writer; the hub reads it from the same thread, but `Clock` must be
/// `Sendable`, so the value sits in an atomic rather than behind a lock.
public final class SimulationClock: Clock {
    /// The Unix time at simulated second 0: 2026-01-01T00:00:00Z, fixed so that runs replay exactly.
    public static let epochMS: Int64 = 1_767_225_600_000

    private let currentMS: Atomic<Int64>

    /// - Parameter startMS: Unix milliseconds at the start of the run.
    public init(startMS: Int64 = SimulationClock.epochMS) {
        currentMS = Atomic(startMS)
    }

    public func nowMS() -> Int64 { currentMS.load(ordering: .relaxed) }

    /// Moves the clock to `ms` (Unix milliseconds).
    public func set(_ ms: Int64) { currentMS.store(ms, ordering: .relaxed) }
}
