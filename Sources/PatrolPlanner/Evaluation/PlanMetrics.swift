import PatrolCore

/// The idleness figures of a plan (DESIGN.md section 5), computed exactly from its periodic schedule.
public struct PlanMetrics: Hashable, Sendable {
    /// Weighted mean idleness over patrol cells and the evaluation window, seconds.
    public var avgIdlenessS: Double
    /// Largest idleness of any visited cell in the window, seconds.
    public var worstIdlenessS: Double
    /// Largest idleness / revisit target over visited cells; <= 1 means every visited cell meets its target.
    public var worstRatio: Double
    /// Patrol cells seen at least once in the window / patrol cells.
    public var coverageFraction: Double
    /// Share of (cell x time) with idleness above the cell's target, weighted like the average.
    public var blindExposure: Double
    /// Wall-clock planning time, milliseconds (0 when the metrics come from evaluation alone).
    public var planMS: Double
    /// The cells that miss their revisit target (or are never seen), worst ratio first.
    public var missedTargets: [MissedTarget]

    public init(avgIdlenessS: Double, worstIdlenessS: Double, worstRatio: Double, coverageFraction: Double,
                blindExposure: Double, planMS: Double = 0, missedTargets: [MissedTarget] = []) {
        self.avgIdlenessS = avgIdlenessS
        self.worstIdlenessS = worstIdlenessS
        self.worstRatio = worstRatio
        self.coverageFraction = coverageFraction
        self.blindExposure = blindExposure
        self.planMS = planMS
        self.missedTargets = missedTargets
    }
}

/// A patrol cell whose idleness exceeds its revisit target.
public struct MissedTarget: Hashable, Sendable {
    /// Index of the cell (or graph node) among the plan's targets.
    public var target: Int
    /// Where it is (cell centre or node), local metres; set by the planner.
    public var position: Point2?
    /// Largest idleness in the window, seconds; nil when the cell is never seen.
    public var worstIdlenessS: Double?
    /// The cell's revisit target, seconds.
    public var targetS: Double

    public init(target: Int, position: Point2? = nil, worstIdlenessS: Double?, targetS: Double) {
        self.target = target
        self.position = position
        self.worstIdlenessS = worstIdlenessS
        self.targetS = targetS
    }

    /// By how much the target is missed, seconds; nil when never seen.
    public var excessS: Double? { worstIdlenessS.map { $0 - targetS } }
}
