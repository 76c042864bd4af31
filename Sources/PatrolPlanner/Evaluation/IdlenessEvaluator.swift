import Dispatch

/// Exact idleness evaluation of periodic schedules (DESIGN.md section 5).
///
/// Every schedule repeats forever, so after a warm-up (the latest first sighting, at least one cycle) the
/// system is periodic with the hyperperiod of the schedules' periods. When all periods agree the window
/// is exactly that period and the figures are exact; otherwise (the hyperperiod of unrelated float periods
/// is unbounded) the window spans `windowCycles` of the shortest period and at least one of the longest,
/// and the error comes only from the phases the window does not sample.
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
        evaluate(schedules, slotOfTarget: nil, goalsS: targetsS)
    }

    /// The metrics of `schedules` whose visits name target classes (`TargetClasses`) rather than targets:
    /// the idleness of each class is worked out once and shared by its members, which see exactly the same
    /// sightings, so the figures are those of the per-target evaluation, to the bit.
    func evaluate(classSchedules schedules: [VisitSchedule], classes: TargetClasses) -> PlanMetrics {
        precondition(classes.classOfTarget.count == weights.count, "one class per target")
        return evaluate(schedules, slotOfTarget: classes.classOfTarget, goalsS: classes.goalsS)
    }

    /// Visits name slots: targets when `slotOfTarget` is nil, else classes of targets with one revisit
    /// target each (`goalsS`, per slot).
    private func evaluate(_ schedules: [VisitSchedule], slotOfTarget: [Int32]?, goalsS: [Double]) -> PlanMetrics {
        let targetCount = weights.count
        let slotCount = goalsS.count
        let used = schedules.filter { $0.periodS > 0 && !$0.visits.isEmpty }
        let longestPeriodS = used.map(\.periodS).max() ?? 0
        let windowS = hyperperiodS(of: used.map(\.periodS), longestS: longestPeriodS)

        // Visits grouped by slot (counting sort): each entry a schedule index and a phase.
        var offsets = [Int](repeating: 0, count: slotCount + 1)
        var latestPhaseS = 0.0
        for schedule in used {
            for visit in schedule.visits where visit.target >= 0 && visit.target < slotCount {
                offsets[visit.target + 1] += 1
                latestPhaseS = max(latestPhaseS, visit.phaseS)
            }
        }
        for slot in 0..<slotCount { offsets[slot + 1] += offsets[slot] }
        var fill = offsets
        var entryPeriod = [Double](repeating: 0, count: offsets[slotCount])
        var entryPhase = [Double](repeating: 0, count: offsets[slotCount])
        for schedule in used {
            for visit in schedule.visits where visit.target >= 0 && visit.target < slotCount {
                entryPeriod[fill[visit.target]] = schedule.periodS
                entryPhase[fill[visit.target]] = visit.phaseS
                fill[visit.target] += 1
            }
        }
        let startS = max(latestPhaseS, longestPeriodS)
        let endS = startS + windowS

        // Per slot: the idleness integral and the time above target over the window, and the worst idleness
        // (negative when the slot is never seen).
        var slotIntegral = [Double](repeating: 0, count: slotCount)
        var slotExposure = [Double](repeating: 0, count: slotCount)
        var slotWorst = [Double](repeating: -1, count: slotCount)
        var distinctPeriods: [Double] = []
        for schedule in used where !distinctPeriods.contains(schedule.periodS) {
            distinctPeriods.append(schedule.periodS)
        }
        if windowS > 0 {
            // Slots are independent: large evaluations split them into chunks run on several threads, each
            // writing its own slots; the sums below run in target order, so the figures do not depend on it.
            let entryCount = offsets[slotCount]
            let chunkCount = entryCount >= 200_000 ? min(8, max(1, slotCount / 1000)) : 1
            let input = SlotInput(offsets: offsets, entryPeriod: entryPeriod, entryPhase: entryPhase, goalsS: goalsS,
                                  maxGroups: distinctPeriods.count, startS: startS, endS: endS,
                                  windowCycles: windowCycles)
            slotIntegral.withUnsafeMutableBufferPointer { integral in
                slotExposure.withUnsafeMutableBufferPointer { exposure in
                    slotWorst.withUnsafeMutableBufferPointer { worst in
                        let output = SlotOutput(integral: integral, exposure: exposure, worst: worst)
                        if chunkCount == 1 {
                            input.evaluate(0..<slotCount, into: output)
                        } else {
                            DispatchQueue.concurrentPerform(iterations: chunkCount) { chunk in
                                input.evaluate(slotCount * chunk / chunkCount..<slotCount * (chunk + 1) / chunkCount,
                                               into: output)
                            }
                        }
                    }
                }
            }
        }

        var weightedIntegral = 0.0, weightedExposure = 0.0, visitedWeight = 0.0
        var worstIdlenessS = 0.0, worstRatio = 0.0
        var visitedCount = 0
        var missed: [MissedTarget] = []
        for target in 0..<targetCount {
            let slot = slotOfTarget.map { Int($0[target]) } ?? target
            let goalS = targetsS[target]
            guard slot >= 0 && slotWorst[slot] >= 0 else {
                missed.append(MissedTarget(target: target, worstIdlenessS: nil, targetS: goalS))
                continue
            }
            let worst = slotWorst[slot]
            visitedCount += 1
            let weight = weights[target]
            visitedWeight += weight
            weightedIntegral += weight * slotIntegral[slot] / windowS
            weightedExposure += weight * slotExposure[slot] / windowS
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
    /// but at least one of the longest (so every schedule contributes whole cycles).
    private func hyperperiodS(of periodsS: [Double], longestS: Double) -> Double {
        guard longestS > 0 else { return 0 }
        if periodsS.allSatisfy({ abs($0 - longestS) <= 1e-9 * longestS }) { return longestS }
        let shortestS = periodsS.min() ?? longestS
        return max(longestS, Double(windowCycles) * shortestS)
    }
}

/// What the per-slot stage of an evaluation reads: visits grouped by slot and the window.
private struct SlotInput: Sendable {
    let offsets: [Int]
    let entryPeriod: [Double]
    let entryPhase: [Double]
    let goalsS: [Double]
    let maxGroups: Int
    let startS: Double
    let endS: Double
    /// A slot seen on several periods is merged over `windowCycles` of its own shortest period (at least its
    /// longest), not over the evaluation's window: that one spans the longest loop of the whole fleet, which
    /// with hundreds of devices is hundreds of a short loop's periods. Its sums are scaled to the evaluation's
    /// window so the averages come out per slot as before.
    let windowCycles: Int

    /// The idleness integral, time above target and worst idleness of each slot of `slots` that is seen.
    func evaluate(_ slots: Range<Int>, into output: SlotOutput) {
        var maxEntries = 0
        for slot in slots { maxEntries = max(maxEntries, offsets[slot + 1] - offsets[slot]) }
        guard maxEntries > 0 else { return }
        var streams = PeriodicStreams(maxEntries: maxEntries, maxGroups: maxGroups)
        var sortedPhases: [Double] = []
        sortedPhases.reserveCapacity(maxEntries)
        entryPeriod.withUnsafeBufferPointer { entryPeriod in
            entryPhase.withUnsafeBufferPointer { entryPhase in
                for slot in slots {
                    let goalS = goalsS[slot]
                    let range = offsets[slot]..<offsets[slot + 1]
                    guard !range.isEmpty else { continue }
                    let periodS = entryPeriod[range.lowerBound]
                    if range.allSatisfy({ entryPeriod[$0] == periodS }) {
                        singlePeriod(slot: slot, periodS: periodS,
                                     phases: UnsafeBufferPointer(rebasing: entryPhase[range]), goalS: goalS,
                                     sorted: &sortedPhases, into: output)
                        continue
                    }
                    var shortestS = periodS, longestS = periodS
                    for entry in range {
                        shortestS = min(shortestS, entryPeriod[entry])
                        longestS = max(longestS, entryPeriod[entry])
                    }
                    let windowS = endS - startS
                    let slotWindowS = min(windowS, max(longestS, Double(windowCycles) * shortestS))
                    let slotEndS = startS + slotWindowS
                    streams.reset(periods: UnsafeBufferPointer(rebasing: entryPeriod[range]),
                                  phases: UnsafeBufferPointer(rebasing: entryPhase[range]), after: startS)
                    var previous = streams.lastAtOrBefore
                    var integral = 0.0, exposure = 0.0, worst = 0.0
                    var from = startS
                    while true {
                        let t = min(streams.next(), slotEndS)
                        let atEnd = t - previous, atStart = from - previous
                        integral += (atEnd * atEnd - atStart * atStart) / 2
                        exposure += max(0, t - max(from, previous + goalS))
                        worst = max(worst, atEnd)
                        if t >= slotEndS { break }
                        previous = t
                        from = t
                        streams.advance()
                    }
                    let scale = slotWindowS < windowS ? windowS / slotWindowS : 1
                    output.integral[slot] = integral * scale
                    output.exposure[slot] = exposure * scale
                    output.worst[slot] = worst
                }
            }
        }
    }
}

extension SlotInput {
    /// A slot whose sightings all repeat with one period, in closed form: the gaps between its sightings
    /// in one period repeat forever, so the window's integral and exposure are one period's times the
    /// window's length in periods, and the worst idleness is the largest gap. The merge gives the same
    /// figures (up to rounding) when the window is whole periods; with 500 devices on partition loops of
    /// many lengths the window spans hundreds of a short loop's periods, which the merge walked one
    /// sighting at a time (minutes for the first plan).
    func singlePeriod(slot: Int, periodS: Double, phases: UnsafeBufferPointer<Double>, goalS: Double,
                      sorted: inout [Double], into output: SlotOutput) {
        sorted.removeAll(keepingCapacity: true)
        for phase in phases {
            let inPeriod = phase.truncatingRemainder(dividingBy: periodS)
            sorted.append(inPeriod < 0 ? inPeriod + periodS : inPeriod)
        }
        sorted.sort()
        var integral = 0.0, exposure = 0.0, worst = 0.0
        for index in sorted.indices {
            let gapS = (index + 1 < sorted.count ? sorted[index + 1] : sorted[0] + periodS) - sorted[index]
            integral += gapS * gapS / 2
            exposure += max(0, gapS - goalS)
            worst = max(worst, gapS)
        }
        let periods = (endS - startS) / periodS
        output.integral[slot] = integral * periods
        output.exposure[slot] = exposure * periods
        output.worst[slot] = worst
    }
}

/// The per-slot results, written by chunks of slots that do not overlap (so no two threads write one slot).
private struct SlotOutput: @unchecked Sendable {
    let integral: UnsafeMutableBufferPointer<Double>
    let exposure: UnsafeMutableBufferPointer<Double>
    let worst: UnsafeMutableBufferPointer<Double>
}
