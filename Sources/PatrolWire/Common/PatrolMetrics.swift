/// The metrics of DESIGN.md section 5 (`PatrolMetrics`).
public struct PatrolMetrics: Hashable, Sendable {
    /// Weighted mean idleness over patrol cells and the evaluation window, seconds.
    public var avgIdlenessS: Double
    /// The largest idleness seen in the window, seconds.
    public var worstIdlenessS: Double
    /// Max over cells of idleness / revisit target; <= 1 means every target met.
    public var worstRatio: Double
    /// Patrol cells seen at least once in the window / patrol cells, [0, 1].
    public var coverageFraction: Double
    /// Share of (cell x time) with idleness above the revisit target, [0, 1].
    public var blindExposure: Double
    /// Planning time when the metrics come from a plan, milliseconds.
    public var planMS: Double

    public init(avgIdlenessS: Double = 0, worstIdlenessS: Double = 0, worstRatio: Double = 0,
                coverageFraction: Double = 0, blindExposure: Double = 0, planMS: Double = 0) {
        self.avgIdlenessS = avgIdlenessS
        self.worstIdlenessS = worstIdlenessS
        self.worstRatio = worstRatio
        self.coverageFraction = coverageFraction
        self.blindExposure = blindExposure
        self.planMS = planMS
    }
}

extension PatrolMetrics: Validating {
    func validate(at path: FieldPath) throws(WireError) {
        try Check.number(avgIdlenessS, .duration, path.child("avg_idleness_s"))
        try Check.number(worstIdlenessS, .duration, path.child("worst_idleness_s"))
        try Check.number(worstRatio, .closed(0, WireLimits.maxDurationS), path.child("worst_ratio"))
        try Check.number(coverageFraction, .unit, path.child("coverage_fraction"))
        try Check.number(blindExposure, .unit, path.child("blind_exposure"))
        try Check.number(planMS, .closed(0, WireLimits.maxDurationS), path.child("plan_ms"))
    }
}
