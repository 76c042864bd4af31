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

    /// Per slot, what a sighting reads and writes, together: frames touch cells all over a large site, and
    /// one cache line per sighting beats one per array.
    private var states: [SlotState]
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
        states = targetsS.map { SlotState(targetS: $0) }
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

    /// Records that each of `cells` (grid indices) was seen at `nowS`: one call per camera frame, so the
    /// caller's exclusive access to this value is taken once rather than per cell.
    public mutating func see(cells: [Int], at nowS: Double) {
        let windowStartS = windowStartS
        var worstIdlenessS = worstIdlenessS, worstRatio = worstRatio
        slotOfCell.withUnsafeBufferPointer { slotOfCell in
            states.withUnsafeMutableBufferPointer { states in
                for cell in cells {
                    let slot = Int(slotOfCell[cell])
                    if slot >= 0 {
                        states[slot].see(at: nowS, windowStartS: windowStartS, worstIdlenessS: &worstIdlenessS,
                                         worstRatio: &worstRatio)
                    }
                }
            }
        }
        self.worstIdlenessS = worstIdlenessS
        self.worstRatio = worstRatio
    }

    private mutating func see(slot: Int, at nowS: Double) {
        states[slot].see(at: nowS, windowStartS: windowStartS, worstIdlenessS: &worstIdlenessS, worstRatio: &worstRatio)
    }

    /// The metrics over [windowStartS, endS].
    public func metrics(at endS: Double) -> CoverageMetrics {
        guard !cells.isEmpty, endS > windowStartS else {
            return CoverageMetrics(avgIdlenessS: 0, worstIdlenessS: 0, worstRatio: 0, coverageFraction: 0,
                                   blindExposure: 0, cellCount: cells.count, windowS: max(0, endS - windowStartS))
        }
        var worstIdlenessS = worstIdlenessS, worstRatio = worstRatio
        let windowS = endS - windowStartS
        var weighted = 0.0, weightTotal = 0.0, exceed = 0.0, covered = 0
        for slot in cells.indices {
            var closing = states[slot]
            closing.accumulate(from: closing.lastSeenS, to: endS, windowStartS: windowStartS,
                               worstIdlenessS: &worstIdlenessS, worstRatio: &worstRatio)
            weighted += weights[slot] * closing.idlenessIntegral
            weightTotal += weights[slot]
            exceed += closing.exceedS
            if closing.seenInWindow { covered += 1 }
        }
        return CoverageMetrics(avgIdlenessS: weighted / (weightTotal * windowS),
                               worstIdlenessS: worstIdlenessS, worstRatio: worstRatio,
                               coverageFraction: Double(covered) / Double(cells.count),
                               blindExposure: exceed / (Double(cells.count) * windowS),
                               cellCount: cells.count, windowS: windowS)
    }

    /// Idleness of every evaluated cell at `nowS`, seconds, in `cells` order.
    public func idlenessS(at nowS: Double) -> [Double] { states.map { max(0, nowS - $0.lastSeenS) } }

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

/// One evaluated cell's sightings so far.
private struct SlotState: Sendable {
    let targetS: Double
    var lastSeenS = 0.0
    var seenInWindow = false
    var idlenessIntegral = 0.0
    var exceedS = 0.0

    init(targetS: Double) {
        self.targetS = targetS
    }

    mutating func see(at nowS: Double, windowStartS: Double, worstIdlenessS: inout Double, worstRatio: inout Double) {
        if nowS > windowStartS {
            accumulate(from: lastSeenS, to: nowS, windowStartS: windowStartS, worstIdlenessS: &worstIdlenessS,
                       worstRatio: &worstRatio)
            seenInWindow = true
        }
        lastSeenS = nowS
    }

    /// Adds the idleness segment since the last sighting `previous` up to `nowS`, clipped to the window.
    mutating func accumulate(from previous: Double, to nowS: Double, windowStartS: Double,
                             worstIdlenessS: inout Double, worstRatio: inout Double) {
        let start = max(previous, windowStartS)
        guard nowS > start else { return }
        let a = start - previous, b = nowS - previous
        idlenessIntegral += (b * b - a * a) / 2
        exceedS += max(0, nowS - max(start, previous + targetS))
        worstIdlenessS = max(worstIdlenessS, b)
        worstRatio = max(worstRatio, b / targetS)
    }
}
