import PatrolCore

/// What a plan must keep watching: patrol cells (grid mode) or graph nodes (graph mode).
public struct PatrolTargets: Sendable {
    /// Each target's centre, local metres.
    public var positions: [Point2]
    /// Each target's weight (>= 1).
    public var weights: [Double]
    /// Each target's revisit target, seconds.
    public var revisitTargetsS: [Double]
    /// Grid mode: each target's cell index in the site grid; empty in graph mode.
    public var cells: [Int]

    public init(positions: [Point2], weights: [Double], revisitTargetsS: [Double], cells: [Int] = []) {
        precondition(positions.count == weights.count && weights.count == revisitTargetsS.count,
                     "one weight and one revisit target per position")
        self.positions = positions
        self.weights = weights
        self.revisitTargetsS = revisitTargetsS
        self.cells = cells
    }

    public var count: Int { positions.count }
}
