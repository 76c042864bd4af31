/// The metrics of DESIGN.md section 5 at one instant, from one pass over the map.
public struct CoverageSample: Hashable, Sendable, Codable {
    /// When the sample was taken, ms.
    public var atMS: Int64
    /// Patrol cells now (monitored, not watched by an online fixed camera).
    public var patrolCells: Int
    /// Weighted mean idleness over patrol cells, seconds.
    public var averageIdlenessS: Double
    /// Largest idleness of a patrol cell, seconds.
    public var worstIdlenessS: Double
    /// Largest idleness / revisit target.
    public var worstRatio: Double
    /// Share of patrol cells seen at or after the coverage window's start.
    public var coverageFraction: Double
    /// Share of patrol cells idle beyond their target now.
    public var blindFraction: Double

    enum CodingKeys: String, CodingKey {
        case atMS = "at_ms"
        case patrolCells = "patrol_cells"
        case averageIdlenessS = "avg_idleness_s"
        case worstIdlenessS = "worst_idleness_s"
        case worstRatio = "worst_ratio"
        case coverageFraction = "coverage_fraction"
        case blindFraction = "blind_fraction"
    }

    public init(atMS: Int64, patrolCells: Int, averageIdlenessS: Double, worstIdlenessS: Double, worstRatio: Double,
                coverageFraction: Double, blindFraction: Double) {
        self.atMS = atMS
        self.patrolCells = patrolCells
        self.averageIdlenessS = averageIdlenessS
        self.worstIdlenessS = worstIdlenessS
        self.worstRatio = worstRatio
        self.coverageFraction = coverageFraction
        self.blindFraction = blindFraction
    }
}

extension CoverageMap {
    /// Samples the live metrics: one tight pass over the cells (a few ms for 4 M cells in release).
    ///
    /// The pass only adds integers into per-class sums (count, covered, idle milliseconds, worst idleness,
    /// blind count); weights and targets apply once per class afterwards, since the hub samples twice a
    /// second. A cell is blind when its idleness exceeds its target in whole milliseconds, as for
    /// `BlindSpotTracker`.
    /// - Parameters:
    ///   - nowMS: the time of the sample.
    ///   - windowStartMS: cells seen at or after this count as covered (defaults to the map's start).
    public func sample(nowMS: Int64, windowStartMS: Int64? = nil) -> CoverageSample {
        let windowStart = windowStartMS ?? startMS
        let classes = layout.classes
        struct ClassSums {
            var cells = 0, covered = 0, blind = 0
            var idleSumMS: Int64 = 0, worstIdleMS: Int64 = 0
            var targetMS: Int64 = 0
        }
        // Slot 0 stands for unmonitored cells and stays unused.
        var sums = [ClassSums](repeating: ClassSums(), count: classes.count + 1)
        for (index, cellClass) in classes.enumerated() {
            sums[index + 1].targetMS = Int64((Double(cellClass.targetS) * 1000).rounded(.down))
        }
        let windowOffset = windowStart - baseMS
        let idleBaseMS = nowMS - baseMS
        layout.classOfCell.withUnsafeBufferPointer { classOf in
            records.withUnsafeBufferPointer { records in
                sums.withUnsafeMutableBufferPointer { sums in
                    for cell in 0..<classOf.count where classOf[cell] != 0 && records[cell].fixedCover == 0 {
                        let record = records[cell]
                        let offset = Int64(record.lastSeenOffsetMS)
                        let idleMS = max(0, idleBaseMS - offset)
                        let slot = Int(classOf[cell])
                        sums[slot].cells += 1
                        if offset >= windowOffset, record.timesSeen > 0 || offset > 0 { sums[slot].covered += 1 }
                        sums[slot].idleSumMS += idleMS
                        sums[slot].worstIdleMS = max(sums[slot].worstIdleMS, idleMS)
                        if idleMS > sums[slot].targetMS { sums[slot].blind += 1 }
                    }
                }
            }
        }
        var patrol = 0, covered = 0, blind = 0
        var weightSum = 0.0, weightedIdleSum = 0.0, worstMS: Int64 = 0, worstRatio = 0.0
        for (index, cellClass) in classes.enumerated() where sums[index + 1].cells > 0 {
            let classSums = sums[index + 1], weight = Double(cellClass.weight)
            patrol += classSums.cells
            covered += classSums.covered
            blind += classSums.blind
            weightSum += weight * Double(classSums.cells)
            weightedIdleSum += weight * Double(classSums.idleSumMS)
            worstMS = max(worstMS, classSums.worstIdleMS)
            worstRatio = max(worstRatio, Double(classSums.worstIdleMS) / 1000 / Double(cellClass.targetS))
        }
        let cells = Double(max(1, patrol))
        return CoverageSample(atMS: nowMS, patrolCells: patrol,
                              averageIdlenessS: weightSum > 0 ? weightedIdleSum / weightSum / 1000 : 0,
                              worstIdlenessS: Double(worstMS) / 1000, worstRatio: worstRatio,
                              coverageFraction: patrol > 0 ? Double(covered) / cells : 0,
                              blindFraction: patrol > 0 ? Double(blind) / cells : 0)
    }
}
