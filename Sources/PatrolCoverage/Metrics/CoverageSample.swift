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
    /// - Parameters:
    ///   - nowMS: the time of the sample.
    ///   - windowStartMS: cells seen at or after this count as covered (defaults to the map's start).
    public func sample(nowMS: Int64, windowStartMS: Int64? = nil) -> CoverageSample {
        let windowStart = windowStartMS ?? startMS
        let classes = layout.classes
        var patrol = 0, covered = 0, blind = 0
        var weightSum = 0.0, weightedIdleSum = 0.0, worstMS: Int64 = 0, worstRatio = 0.0
        layout.classOfCell.withUnsafeBufferPointer { classOf in
            records.withUnsafeBufferPointer { records in
                for cell in 0..<classOf.count where classOf[cell] != 0 && records[cell].fixedCover == 0 {
                    let cellClass = classes[Int(classOf[cell]) - 1]
                    let record = records[cell]
                    let lastMS = baseMS + Int64(record.lastSeenOffsetMS)
                    let idleMS = max(0, nowMS - lastMS)
                    patrol += 1
                    if lastMS >= windowStart, record.timesSeen > 0 || record.lastSeenOffsetMS > 0 { covered += 1 }
                    let weight = Double(cellClass.weight)
                    weightSum += weight
                    weightedIdleSum += weight * Double(idleMS)
                    worstMS = max(worstMS, idleMS)
                    let ratio = Double(idleMS) / 1000 / Double(cellClass.targetS)
                    worstRatio = max(worstRatio, ratio)
                    if ratio > 1 { blind += 1 }
                }
            }
        }
        let cells = Double(max(1, patrol))
        return CoverageSample(atMS: nowMS, patrolCells: patrol,
                              averageIdlenessS: weightSum > 0 ? weightedIdleSum / weightSum / 1000 : 0,
                              worstIdlenessS: Double(worstMS) / 1000, worstRatio: worstRatio,
                              coverageFraction: patrol > 0 ? Double(covered) / cells : 0,
                              blindFraction: patrol > 0 ? Double(blind) / cells : 0)
    }
}
