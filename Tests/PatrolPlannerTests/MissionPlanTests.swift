import Foundation
import PatrolCore
import PatrolPlanner
import PatrolTestKit
import Testing

@Suite struct MissionPlanTests {
    @Test func plazaPlan() throws {
        let mission = try Mission.load(from: Fixtures.mission("plaza"))
        let clock = ContinuousClock()
        var planner: Planner?
        let t0 = clock.now
        let prepare = clock.measure { planner = Planner(mission: mission, progress: { f, s in print("  \(clock.now - t0) \(f) \(s)") }) }
        var plan: Plan?
        let planning = clock.measure { plan = planner!.plan() }
        let m = plan!.metrics
        print("prepare \(prepare) plan \(planning) targets \(plan!.targets.count) viewpoints \(plan!.viewpoints.count) avg \(m.avgIdlenessS) worst \(m.worstIdlenessS) ratio \(m.worstRatio) cov \(m.coverageFraction) missed \(m.missedTargets.count) cross \(String(describing: plan!.crossPatrolWorstRatio)) strategies \(plan!.strategies) notes \(plan!.notes)")
        for route in plan!.routes { print(route.deviceID, route.cycleS, route.startOffsetS, route.waypoints.count) }
        #expect(m.worstRatio <= 1)
    }
}
