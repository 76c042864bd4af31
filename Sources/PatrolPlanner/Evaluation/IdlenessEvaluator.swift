/// Exact idleness evaluation of periodic schedules (DESIGN.md section 5).
///
/// Every schedule repeats forever, so after a warm-up (the latest first sighting, at least one cycle) the
/// system is periodic with the hyperperiod of the schedules' periods. When all periods agree the window
/// is exactly that period and the figures are exact; otherwise (the hyperperiod of unrelated float periods
/// is unbounded) the window spans `windowCycles` of the shortest period and at least three of the longest,
/// and the only error is the partial gap cut by the window's end.
public struct IdlenessEvaluator: Sendable {
    /// Weight of each target (>= 1).
    public var weights: [Double]
    /// Revisit target of each target, seconds.
    public var targetsS: [Double]
    /// Longest window, in cycles of the longest period.
    public var windowCycles: Int

    public init(weights: [Double], targetsS: [Double], windowCycles: Int = 12) {
        precondition(weights.count == targetsS.count, "one revisit target per weight")
        self.weights = weights
        self.targetsS = targetsS
        self.windowCycles = windowCycles
    }

    /// The metrics of `schedules` running together from time 0.
    public func evaluate(_ schedules: [VisitSchedule]) -> PlanMetrics {
        let targetCount = weights.count
        var progressions = [[(periodS: Double, phaseS: Double)]](repeating: [], count: targetCount)
        var longestPeriodS = 0.0, latestPhaseS = 0.0
        for schedule in schedules where schedule.periodS > 0 && !schedule.visits.isEmpty {
            longestPeriodS = max(longestPeriodS, schedule.periodS)
            for visit in schedule.visits where visit.target >= 0 && visit.target < targetCount {
                progressions[visit.target].append((schedule.periodS, visit.phaseS))
                latestPhaseS = max(latestPhaseS, visit.phaseS)
            }
        }
        let windowS = hyperperiodS(of: schedules.filter { !$0.visits.isEmpty }.map(\.periodS),
                                   longestS: longestPeriodS)
        let startS = max(latestPhaseS, longestPeriodS)
        let endS = startS + windowS

        var weightedIntegral = 0.0, weightedExposure = 0.0, visitedWeight = 0.0
        var worstIdlenessS = 0.0, worstRatio = 0.0
        var visitedCount = 0
        var missed: [MissedTarget] = []
        var times: [Double] = []
        for target in 0..<targetCount {
            let goalS = targetsS[target]
            guard !progressions[target].isEmpty, windowS > 0 else {
                missed.append(MissedTarget(target: target, worstIdlenessS: nil, targetS: goalS))
                continue
            }
            times.removeAll(keepingCapacity: true)
            for (periodS, phaseS) in progressions[target] {
                var t = phaseS
                while t <= endS {
                    times.append(t)
                    t += periodS
                }
            }
            times.sort()
            var previous = times.last { $0 <= startS }!
            var integral = 0.0, exposure = 0.0, worst = 0.0
            func close(at endOfSegment: Double) {
                let from = max(previous, startS)
                let atEnd = endOfSegment - previous, atStart = from - previous
                integral += (atEnd * atEnd - atStart * atStart) / 2
                exposure += max(0, endOfSegment - max(from, previous + goalS))
                worst = max(worst, atEnd)
            }
            for t in times where t > startS {
                close(at: t)
                previous = t
            }
            close(at: endS)
            visitedCount += 1
            let weight = weights[target]
            visitedWeight += weight
            weightedIntegral += weight * integral / windowS
            weightedExposure += weight * exposure / windowS
            worstIdlenessS = max(worstIdlenessS, worst)
            let ratio = worst / goalS
            worstRatio = max(worstRatio, ratio)
            if ratio > 1 + 1e-9 {
                missed.append(MissedTarget(target: target, worstIdlenessS: worst, targetS: goalS))
            }
        }
        missed.sort { a, b in
            let ra = a.worstIdlenessS.map { $0 / a.targetS } ?? .infinity
            let rb = b.worstIdlenessS.map { $0 / b.targetS } ?? .infinity
            return ra != rb ? ra > rb : a.target < b.target
        }
        return PlanMetrics(
            avgIdlenessS: visitedWeight > 0 ? weightedIntegral / visitedWeight : 0,
            worstIdlenessS: worstIdlenessS, worstRatio: worstRatio,
            coverageFraction: targetCount > 0 ? Double(visitedCount) / Double(targetCount) : 1,
            blindExposure: visitedWeight > 0 ? weightedExposure / visitedWeight : 0,
            missedTargets: missed)
    }

    /// The window: the common period when all periods agree, else `windowCycles` of the shortest period
    /// but at least three of the longest (and at most `windowCycles` of it).
    private func hyperperiodS(of periodsS: [Double], longestS: Double) -> Double {
        guard longestS > 0 else { return 0 }
        if periodsS.allSatisfy({ abs($0 - longestS) <= 1e-9 * longestS }) { return longestS }
        let shortestS = periodsS.min() ?? longestS
        return min(Double(windowCycles) * longestS, max(3 * longestS, Double(windowCycles) * shortestS))
    }
}
