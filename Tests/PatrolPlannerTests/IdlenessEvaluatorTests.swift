import PatrolPlanner
import Testing

@Suite struct IdlenessEvaluatorTests {
    /// One target seen every 10 s: idleness is a sawtooth 0..10, mean 5, worst 10.
    @Test func singlePeriodicVisitGivesTheSawtooth() {
        let evaluator = IdlenessEvaluator(weights: [1], targetsS: [20])
        let metrics = evaluator.evaluate([VisitSchedule(periodS: 10, visits: [.init(target: 0, phaseS: 3)])])
        #expect(abs(metrics.avgIdlenessS - 5) < 1e-9)
        #expect(abs(metrics.worstIdlenessS - 10) < 1e-9)
        #expect(abs(metrics.worstRatio - 0.5) < 1e-9)
        #expect(metrics.coverageFraction == 1)
        #expect(metrics.missedTargets.isEmpty)
        #expect(metrics.blindExposure == 0)
    }

    /// Visits at 0 and 2 in a 10 s cycle: gaps 2 and 8, mean idleness (4 + 64) / 2 / 10 = 3.4, worst 8.
    /// With target 5 the idleness exceeds it 3 s of every 10.
    @Test func unevenGapsAreIntegratedExactly() {
        let evaluator = IdlenessEvaluator(weights: [1], targetsS: [5])
        let schedule = VisitSchedule(periodS: 10, visits: [.init(target: 0, phaseS: 0), .init(target: 0, phaseS: 2)])
        let metrics = evaluator.evaluate([schedule])
        #expect(abs(metrics.avgIdlenessS - 3.4) < 1e-9)
        #expect(abs(metrics.worstIdlenessS - 8) < 1e-9)
        #expect(abs(metrics.worstRatio - 1.6) < 1e-9)
        #expect(abs(metrics.blindExposure - 0.3) < 1e-9)
        #expect(metrics.missedTargets.count == 1)
        #expect(metrics.missedTargets.first.map { abs(($0.excessS ?? 0) - 3) < 1e-9 } == true)
    }

    /// Two devices on the same 12 s cycle, 6 s apart, and a target of weight 3 seen by one only:
    /// target 0 has gaps of 6 (mean 3), target 1 gaps of 12 (mean 6); weighted mean (3 * 1 + 6 * 3) / 4.
    @Test func weightsAndSeveralDevicesCombine() {
        let evaluator = IdlenessEvaluator(weights: [1, 3], targetsS: [10, 10])
        let metrics = evaluator.evaluate([
            VisitSchedule(periodS: 12, visits: [.init(target: 0, phaseS: 0), .init(target: 1, phaseS: 4)]),
            VisitSchedule(periodS: 12, visits: [.init(target: 0, phaseS: 6)]),
        ])
        #expect(abs(metrics.avgIdlenessS - 21.0 / 4) < 1e-9)
        #expect(abs(metrics.worstIdlenessS - 12) < 1e-9)
        #expect(metrics.missedTargets.map(\.target) == [1])
    }

    /// A target nobody sees lowers the coverage and is listed as never seen.
    @Test func unseenTargetsAreReportedNotDropped() {
        let evaluator = IdlenessEvaluator(weights: [1, 1], targetsS: [10, 10])
        let metrics = evaluator.evaluate([VisitSchedule(periodS: 4, visits: [.init(target: 0, phaseS: 1)])])
        #expect(metrics.coverageFraction == 0.5)
        #expect(metrics.missedTargets.count == 1)
        #expect(metrics.missedTargets[0].target == 1 && metrics.missedTargets[0].worstIdlenessS == nil)
    }

    /// Periods 4 and 6 (hyperperiod 12): visits at 0,4,8 and 0,6 -> gaps 4,2,2,4 per 12 s: mean 40/2/12.
    @Test func differentPeriodsAreSimulatedOverManyCycles() {
        let evaluator = IdlenessEvaluator(weights: [1], targetsS: [100], windowCycles: 12)
        let metrics = evaluator.evaluate([
            VisitSchedule(periodS: 4, visits: [.init(target: 0, phaseS: 0)]),
            VisitSchedule(periodS: 6, visits: [.init(target: 0, phaseS: 0)]),
        ])
        #expect(abs(metrics.worstIdlenessS - 4) < 1e-9)
        #expect(abs(metrics.avgIdlenessS - 40.0 / 24) < 1e-9)
    }
}
