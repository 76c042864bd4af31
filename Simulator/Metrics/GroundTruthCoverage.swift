import PatrolCore

/// The metrics of DESIGN.md section 5 measured on what the cameras actually saw.
///
/// Idleness is integrated exactly rather than sampled: a cell's idleness grows linearly between two
/// sightings, so at each sighting the area under that segment (clipped to the evaluation window), the
/// time spent above the cell's revisit target and the peak are added in O(1). The window opens after a
/// warm-up of one patrol cycle; sightings before it only set the last-seen times.
public struct GroundTruthCoverage: Sendable {
    /// Evaluated cells (patrol cells, plus the cells of fixed cameras that go offline during the run).
    public let cells: [Int]
    let weights: [Double]
    let targetsS: [Double]
    /// Per grid cell, its slot in `cells`, or -1.
    let slotOfCell: [Int32]

    private var lastSeenS: [Double]
    private var seenInWindow: [Bool]
    private var idlenessIntegral: [Double]
    private var exceedS: [Double]
    private var worstIdlenessS = 0.0
    private var worstRatio = 0.0
    /// Start of the evaluation window, seconds.
    public private(set) var windowStartS: Double

    /// - Parameters:
    ///   - cells: grid cells to evaluate.
    ///   - weights: their weights (>= 1).
    ///   - targetsS: their revisit targets, seconds.
    ///   - cellCount: cells in the grid.
    ///   - windowStartS: end of the warm-up, seconds (may be moved later with `setWindowStart` until then).
    public init(cells: [Int], weights: [Double], targetsS: [Double], cellCount: Int, windowStartS: Double) {
        self.cells = cells
        self.weights = weights
        self.targetsS = targetsS
        var slots = [Int32](repeating: -1, count: cellCount)
        for (slot, cell) in cells.enumerated() { slots[cell] = Int32(slot) }
        slotOfCell = slots
        lastSeenS = [Double](repeating: 0, count: cells.count)
        seenInWindow = [Bool](repeating: false, count: cells.count)
        idlenessIntegral = [Double](repeating: 0, count: cells.count)
        exceedS = [Double](repeating: 0, count: cells.count)
        self.windowStartS = windowStartS
    }

    /// Moves the start of the window; only meaningful before the window has opened.
    public mutating func setWindowStart(_ startS: Double) {
        windowStartS = startS
    }

    /// Records that `cell` (a grid index) was seen at `nowS`; cells not evaluated are ignored.
    @inline(__always)
    public mutating func see(cell: Int, at nowS: Double) {
        let slot = Int(slotOfCell[cell])
        if slot >= 0 { see(slot: slot, at: nowS) }
    }

    private mutating func see(slot: Int, at nowS: Double) {
        let previous = lastSeenS[slot]
        if nowS > windowStartS {
            accumulate(slot: slot, from: previous, to: nowS)
            seenInWindow[slot] = true
        }
        lastSeenS[slot] = nowS
    }

    /// Adds the idleness segment since the last sighting `previous` up to `nowS`, clipped to the window.
    private mutating func accumulate(slot: Int, from previous: Double, to nowS: Double) {
        let start = max(previous, windowStartS)
        guard nowS > start else { return }
        let a = start - previous, b = nowS - previous
        idlenessIntegral[slot] += (b * b - a * a) / 2
        let target = targetsS[slot]
        exceedS[slot] += max(0, nowS - max(start, previous + target))
        worstIdlenessS = max(worstIdlenessS, b)
        worstRatio = max(worstRatio, b / target)
    }

    /// The metrics over [windowStartS, endS].
    public func metrics(at endS: Double) -> CoverageMetrics {
        guard !cells.isEmpty, endS > windowStartS else {
            return CoverageMetrics(avgIdlenessS: 0, worstIdlenessS: 0, worstRatio: 0, coverageFraction: 0,
                                   blindExposure: 0, cellCount: cells.count, windowS: max(0, endS - windowStartS))
        }
        var closing = self
        for slot in cells.indices { closing.accumulate(slot: slot, from: lastSeenS[slot], to: endS) }
        let windowS = endS - windowStartS
        var weighted = 0.0, weightTotal = 0.0, exceed = 0.0, covered = 0
        for slot in cells.indices {
            weighted += weights[slot] * closing.idlenessIntegral[slot]
            weightTotal += weights[slot]
            exceed += closing.exceedS[slot]
            if seenInWindow[slot] { covered += 1 }
        }
        return CoverageMetrics(avgIdlenessS: weighted / (weightTotal * windowS),
                               worstIdlenessS: closing.worstIdlenessS, worstRatio: closing.worstRatio,
                               coverageFraction: Double(covered) / Double(cells.count),
                               blindExposure: exceed / (Double(cells.count) * windowS),
                               cellCount: cells.count, windowS: windowS)
    }

    /// Idleness of every evaluated cell at `nowS`, seconds, in `cells` order.
    public func idlenessS(at nowS: Double) -> [Double] { lastSeenS.map { max(0, nowS - $0) } }

    /// Revisit target of the evaluated cell in slot `slot`, seconds.
    public func targetS(slot: Int) -> Double { targetsS[slot] }
}

/// The section-5 metrics of a run.
public struct CoverageMetrics: Sendable, Equatable {
    public var avgIdlenessS: Double
    public var worstIdlenessS: Double
    public var worstRatio: Double
    public var coverageFraction: Double
    public var blindExposure: Double
    public var cellCount: Int
    public var windowS: Double
}
