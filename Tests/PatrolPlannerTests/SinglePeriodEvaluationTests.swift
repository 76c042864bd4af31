import PatrolPlanner
import Testing

/// Targets seen on one period are evaluated in closed form; the figures must be the long-run ones whatever
/// the other schedules make the window.
@Suite struct SinglePeriodEvaluationTests {
    /// Seen at 1 and 3 of every 7 s (gaps 2 and 5) beside a 100 s loop: the window (100 s) is not whole
    /// periods of 7 s, yet the mean is the long-run (4 + 25) / 2 / 7 and the worst is the 5 s gap.
    @Test func aShortLoopBesideALongOneGivesItsLongRunFigures() {
        let evaluator = IdlenessEvaluator(weights: [1, 1], targetsS: [4, 200])
        let metrics = evaluator.evaluate([
            VisitSchedule(periodS: 7, visits: [.init(target: 0, phaseS: 1), .init(target: 0, phaseS: 3)]),
            VisitSchedule(periodS: 100, visits: [.init(target: 1, phaseS: 40)]),
        ])
        let meanTarget0 = 29.0 / 14, meanTarget1 = 50.0
        #expect(abs(metrics.avgIdlenessS - (meanTarget0 + meanTarget1) / 2) < 1e-9)
        #expect(abs(metrics.worstIdlenessS - 100) < 1e-9)
        // Target 0 is over its 4 s goal 1 s of every 7.
        #expect(abs(metrics.blindExposure - (1.0 / 7) / 2) < 1e-9)
        #expect(metrics.missedTargets.map(\.target) == [0])
    }

    /// A target seen on periods 4 and 6 (gaps 4, 2, 2, 4 every 12 s) beside a 1,000 s loop elsewhere: it is
    /// merged over 12 of its own shortest period (48 s, whole hyperperiods), so its figures are exact, not
    /// cut by a 1,000 s window.
    @Test func aMixedPeriodTargetIsMergedOverItsOwnWindow() {
        let evaluator = IdlenessEvaluator(weights: [1, 1], targetsS: [100, 2_000])
        let metrics = evaluator.evaluate([
            VisitSchedule(periodS: 4, visits: [.init(target: 0, phaseS: 0)]),
            VisitSchedule(periodS: 6, visits: [.init(target: 0, phaseS: 0)]),
            VisitSchedule(periodS: 1_000, visits: [.init(target: 1, phaseS: 10)]),
        ])
        #expect(abs(metrics.avgIdlenessS - (40.0 / 2 / 12 + 500) / 2) < 1e-9)
        #expect(abs(metrics.worstIdlenessS - 1_000) < 1e-9)
        #expect(metrics.missedTargets.isEmpty)
    }

    /// Random plans where each target is seen by one device: the evaluation equals a brute-force walk of
    /// the sightings over a long horizon (whose start and end effects shrink with its length).
    @Test(arguments: [UInt64(1), 2, 3])
    func matchesALongBruteForceWalk(seed: UInt64) {
        var state = seed &* 0x9E37_79B9_7F4A_7C15 | 1
        func unit() -> Double {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            return Double(state % 1_000_000) / 1_000_000
        }
        let targetCount = 12
        var schedules: [VisitSchedule] = []
        var owner = [Int](repeating: 0, count: targetCount)
        for device in 0..<3 {
            let periodS = 20 + unit() * 80
            var visits: [VisitSchedule.Visit] = []
            for target in 0..<targetCount where target % 3 == device {
                owner[target] = device
                for _ in 0..<(1 + Int(unit() * 3)) { visits.append(.init(target: target, phaseS: unit() * periodS)) }
            }
            schedules.append(VisitSchedule(periodS: periodS, visits: visits))
        }
        let evaluator = IdlenessEvaluator(weights: [Double](repeating: 1, count: targetCount),
                                          targetsS: [Double](repeating: 1_000, count: targetCount))
        let metrics = evaluator.evaluate(schedules)

        var meanSum = 0.0, worst = 0.0
        let horizonS = 200_000.0
        for target in 0..<targetCount {
            let schedule = schedules[owner[target]]
            var times: [Double] = []
            for visit in schedule.visits where visit.target == target {
                var t = visit.phaseS
                while t < horizonS {
                    times.append(t)
                    t += schedule.periodS
                }
            }
            times.sort()
            var integral = 0.0
            for index in 1..<times.count {
                let gap = times[index] - times[index - 1]
                integral += gap * gap / 2
                worst = max(worst, gap)
            }
            meanSum += integral / (times[times.count - 1] - times[0])
        }
        #expect(abs(metrics.avgIdlenessS - meanSum / Double(targetCount)) < 1e-3 * metrics.avgIdlenessS)
        #expect(abs(metrics.worstIdlenessS - worst) < 1e-9)
    }
}
