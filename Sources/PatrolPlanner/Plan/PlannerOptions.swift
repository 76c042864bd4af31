/// Knobs of the planner; the defaults are what `patrolctl plan` uses.
public struct PlannerOptions: Hashable, Sendable {
    /// Seed of every random choice (tour restarts and kicks).
    public var seed: UInt64
    /// Charging time per second of flight or drive since the last charge (the mission format has no
    /// charging rate; 0.5 means a full battery recharges in half its endurance).
    public var chargeSecondsPerSecond: Double
    /// Upper bound on candidate viewpoints per device kind.
    public var maxCandidates: Int
    /// Tour search effort.
    public var tourRestarts: Int
    public var tourKicks: Int?

    public init(seed: UInt64 = 1, chargeSecondsPerSecond: Double = 0.5, maxCandidates: Int = 1500,
                tourRestarts: Int = 3, tourKicks: Int? = nil) {
        self.seed = seed
        self.chargeSecondsPerSecond = chargeSecondsPerSecond
        self.maxCandidates = maxCandidates
        self.tourRestarts = tourRestarts
        self.tourKicks = tourKicks
    }
}
