/// One device's periodic visits: target `target` is seen at `phaseS + k * periodS` for k = 0, 1, 2, ...
public struct VisitSchedule: Hashable, Sendable {
    public struct Visit: Hashable, Sendable {
        /// Index of the target (patrol cell or graph node).
        public var target: Int
        /// Time of the first sighting, seconds from the start of the plan (>= 0).
        public var phaseS: Double

        public init(target: Int, phaseS: Double) {
            self.target = target
            self.phaseS = phaseS
        }
    }

    /// Length of one cycle, seconds (> 0).
    public var periodS: Double
    public var visits: [Visit]

    public init(periodS: Double, visits: [Visit]) {
        self.periodS = periodS
        self.visits = visits
    }
}
