import Foundation
import PatrolCore
import PatrolPlanner
import PatrolTestKit
import Testing

/// Planning figures for the bundled missions: preparation, planning and replanning times and the plan
/// metrics. Records only (no wall-clock assertions); heavy in debug builds, so it runs when
/// PATROLHUB_BENCH is set: `PATROLHUB_BENCH=1 swift test -c release --filter BundledMissionBenchmarks`.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["PATROLHUB_BENCH"] != nil))
struct BundledMissionBenchmarks {
    /// One mission after the other, so the timings do not compete for the cores.
    @Test func bundledMissions() throws {
        let names = ProcessInfo.processInfo.environment["PATROLHUB_BENCH_MISSIONS"]?.split(separator: ",").map(String.init)
            ?? ["plaza", "station-forecourt", "festival-park", "grid-benchmark"]
        for name in names {
            try planAndReplan(missionName: name)
        }
    }

    func planAndReplan(missionName: String) throws {
        let mission = try Mission.load(from: Fixtures.mission(missionName))
        let clock = ContinuousClock()
        var planner: Planner?
        let prepare = clock.measure { planner = Planner(mission: mission) }
        var plan: Plan?
        let planning = clock.measure { plan = planner!.plan() }
        let made = try #require(plan)
        let m = made.metrics
        print(String(format: "BENCH %@: prepare %.0f ms, plan %.0f ms; %d cells, %d viewpoints; avg %.1f s, worst %.1f s, ratio %.3f, coverage %.3f, missed %d, unreachable %d, cross %@, strategies %@",
                     missionName, Self.ms(prepare), Self.ms(planning), made.targets.count, made.viewpoints.count,
                     m.avgIdlenessS, m.worstIdlenessS, m.worstRatio, m.coverageFraction, m.missedTargets.count,
                     made.unreachable.count, made.crossPatrolWorstRatio.map { String(format: "%.3f", $0) } ?? "-",
                     made.strategies.map { "\($0.key.rawValue)=\($0.value.rawValue)" }.sorted().joined(separator: ",")))
        for route in made.routes {
            print(String(format: "BENCH   %@ %@ cycle %.1f s, %d waypoints", route.deviceID, route.kind.rawValue,
                         route.cycleS, route.waypoints.count))
        }
        // Replanning: each device lost in turn, the others starting from their first waypoint.
        for lost in mission.fleet.indices {
            let state = FleetState(devices: mission.fleet.enumerated().map { index, device in
                let position = made.routes.first { $0.deviceID == device.id }?.waypoints.first?.position.ground
                    ?? mission.site.dock(id: device.dockID)?.position ?? .zero
                return FleetState.Device(device: device, position: position, available: index != lost)
            })
            var replanned: Plan?
            let elapsed = clock.measure { replanned = planner!.replan(fleetState: state, previous: made) }
            let r = try #require(replanned).metrics
            print(String(format: "BENCH   without %@: replan %.1f ms, worst %.1f s, ratio %.3f", mission.fleet[lost].id,
                         Self.ms(elapsed), r.worstIdlenessS, r.worstRatio))
        }
        #expect(made.routes.count == mission.fleet.count)
    }

    static func ms(_ duration: Duration) -> Double {
        Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
    }
}
