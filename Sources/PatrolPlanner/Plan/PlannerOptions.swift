/// Knobs of the planner; the defaults are what `patrolctl plan` uses.
public struct PlannerOptions: Hashable, Sendable {
    /// Seed of every random choice (tour restarts and kicks).
    public var seed: UInt64
    /// Charging time per second of flight or drive since the last charge (the mission format has no
    /// charging rate; 0.5 means a full battery recharges in half its endurance).
    public var chargeSecondsPerSecond: Double
    /// Upper bound on the candidate viewpoints per device kind on the lattice (and separately on the
    /// candidates aimed at cells the lattice misses): bounds the time spent on candidates. The lattice
    /// otherwise has the spacing the kind's camera calls for, so the budget grows with the site.
    public var maxCandidates: Int
    /// Upper bound on one kind's cover, estimated before selection as the patrol area over the camera's
    /// footprint (its distance matrix and tours grow with the square of it). A kind whose camera would need
    /// more cannot cover the site alone: its lattice is spread to half this many candidates.
    public var maxViewpoints: Int
    /// Tour search effort.
    public var tourRestarts: Int
    public var tourKicks: Int?

    public init(seed: UInt64 = 1, chargeSecondsPerSecond: Double = 0.5, maxCandidates: Int = 100_000,
                maxViewpoints: Int = 3000, tourRestarts: Int = 3, tourKicks: Int? = nil) {
        self.seed = seed
        self.chargeSecondsPerSecond = chargeSecondsPerSecond
        self.maxCandidates = maxCandidates
        self.maxViewpoints = maxViewpoints
        self.tourRestarts = tourRestarts
        self.tourKicks = tourKicks
    }
}
