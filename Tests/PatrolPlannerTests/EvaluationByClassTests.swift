import Foundation
import PatrolCore
@testable import PatrolPlanner
import Testing

/// Evaluation once per class of targets seen from the same viewpoints, the streams and heap behind it, and
/// the planning cache: faster paths that must give exactly the figures of the plain ones.
@Suite struct EvaluationByClassTests {
    /// Targets 2 and 3 are seen from the same viewpoints with the same goal, so they share a class; target 1
    /// has another goal, target 4 other viewpoints, target 5 none.
    @Test func targetsSeenFromTheSameViewpointsShareAClass() {
        func viewpoint(_ targets: [Int]) -> Viewpoint {
            Viewpoint(kind: .drone, position: Point3(x: 0, y: 0, z: 20), headingDeg: nil, targets: targets)
        }
        let classes = TargetClasses(viewpoints: [viewpoint([0, 1, 2, 3]), viewpoint([2, 3, 4])],
                                    revisitTargetsS: [10, 20, 10, 10, 10, 10])
        let c = classes.classOfTarget
        #expect(c[2] == c[3])
        #expect(Set([c[0], c[1], c[2], c[4], c[5]]).count == 5)
        #expect(classes.count == 5)
        #expect(classes.goalsS[Int(c[1])] == 20)
        // Each viewpoint lists each class it sees once.
        let first = Array(classes.viewpointClasses[classes.viewpointStart[0]..<classes.viewpointStart[1]])
        let second = Array(classes.viewpointClasses[classes.viewpointStart[1]..<classes.viewpointStart[2]])
        #expect(first.sorted() == [c[0], c[1], c[2]].sorted())
        #expect(second.sorted() == [c[2], c[4]].sorted())
    }

    /// The metrics a grid plan states (evaluated per class) are those of the per-target evaluation of its
    /// schedules, to the bit, for a fresh plan and for a replan without one device.
    @Test func classEvaluationEqualsPerTargetEvaluation() throws {
        let fleet = [SmallSites.drone("d1"), SmallSites.drone("d2", dock: "dock-b"), SmallSites.robot("r1")]
        let mission = SmallSites.square(fleet: fleet)
        let planner = Planner(mission: mission, options: SmallSites.quickOptions)
        let plan = planner.plan()
        #expect(plan.targetClasses != nil)
        let state = FleetState(devices: fleet.indices.map {
            FleetState.Device(device: fleet[$0], position: Point2(x: 10 + Double($0) * 20, y: 30), available: $0 != 0)
        })
        let replanned = planner.replan(fleetState: state, previous: plan)
        for made in [plan, replanned] {
            let plain = IdlenessEvaluator(weights: made.targets.weights, targetsS: made.targets.revisitTargetsS)
                .evaluate(made.schedules())
            let byClass = made.evaluate()
            #expect(byClass.avgIdlenessS == plain.avgIdlenessS)
            #expect(byClass.worstIdlenessS == plain.worstIdlenessS)
            #expect(byClass.worstRatio == plain.worstRatio)
            #expect(byClass.coverageFraction == plain.coverageFraction)
            #expect(byClass.blindExposure == plain.blindExposure)
            #expect(byClass.missedTargets.map(\.target) == plain.missedTargets.map(\.target))
            #expect(byClass.missedTargets.map(\.worstIdlenessS) == plain.missedTargets.map(\.worstIdlenessS))
            #expect(made.metrics.avgIdlenessS == plain.avgIdlenessS)
        }
    }

    /// The cache of tour splits and leg paths changes no result: a replan by a planner that has planned
    /// before equals the same replan by a fresh planner.
    @Test func replanningFromTheCacheGivesTheSamePlan() {
        let fleet = [SmallSites.drone("d1"), SmallSites.drone("d2"), SmallSites.drone("d3", dock: "dock-b"),
                     SmallSites.robot("r1"), SmallSites.robot("r2", dock: "dock-b")]
        let mission = SmallSites.square(fleet: fleet)
        let warm = Planner(mission: mission, options: SmallSites.quickOptions)
        let plan = warm.plan()
        let state = FleetState(devices: fleet.indices.map {
            FleetState.Device(device: fleet[$0], position: Point2(x: 5 + Double($0) * 12, y: 20), available: $0 != 2)
        })
        let first = warm.replan(fleetState: state, previous: plan)
        let again = warm.replan(fleetState: state, previous: plan)
        let cold = Planner(mission: mission, options: SmallSites.quickOptions).replan(fleetState: state, previous: plan)
        for other in [again, cold] {
            #expect(other.routes == first.routes)
            #expect(other.metrics == first.metrics)
        }
        #expect(first.routes.count == 4)
    }

    /// The merged streams yield every sighting after the start in time order, as a sort of them all would.
    @Test func periodicStreamsMergeInTimeOrder() {
        var random = SeededRandom(seed: 7)
        let choices = [7.5, 11.0, 13.25]
        var periods: [Double] = [], phases: [Double] = []
        for _ in 0..<9 {
            periods.append(choices[Int(random.next(upperBound: UInt64(3)))])
            phases.append(random.nextUnit() * 40)
        }
        let startS = 50.0, endS = 200.0
        var expected: [Double] = []
        var lastBefore = -Double.infinity
        for (periodS, phaseS) in zip(periods, phases) {
            var k = 0.0
            while phaseS + k * periodS <= endS {
                let t = phaseS + k * periodS
                if t > startS { expected.append(t) } else { lastBefore = max(lastBefore, t) }
                k += 1
            }
        }
        expected.sort()
        var streams = PeriodicStreams(maxEntries: periods.count, maxGroups: 3)
        var merged: [Double] = []
        periods.withUnsafeBufferPointer { periods in
            phases.withUnsafeBufferPointer { phases in
                streams.reset(periods: periods, phases: phases, after: startS)
            }
        }
        #expect(abs(streams.lastAtOrBefore - lastBefore) < 1e-9)
        while streams.next() <= endS {
            merged.append(streams.next())
            streams.advance()
        }
        #expect(merged.count == expected.count)
        #expect(zip(merged, expected).allSatisfy { abs($0 - $1) < 1e-9 })
    }

    /// Pops come out in key order, whatever order the keys went in.
    @Test func minHeapPopsInKeyOrder() {
        var random = SeededRandom(seed: 3)
        var heap = MinHeap()
        var keys: [Double] = []
        for value in 0..<500 {
            let key = Double(random.next(upperBound: UInt64(100)))
            keys.append(key)
            heap.push(key, value)
        }
        var popped: [Double] = []
        while let (key, value) = heap.pop() {
            #expect(keys[value] == key)
            popped.append(key)
        }
        #expect(popped == keys.sorted())
    }
}
