import Foundation
import PatrolCore
import PatrolPlanner
import Testing

/// Planning time for 50 devices (30 drones, 20 robots) over a seeded 2 km x 2 km site at 2 m cells
/// (1,000 x 1,000 cells), the size issue 4 sets a 2 s budget for: preparation (patrol cells, viewpoints,
/// distances, tours) plus the plan, then a replan without each of a few devices. Records only (no
/// wall-clock assertions; wall and CPU times printed); run in release:
/// `PATROLHUB_BENCH=1 swift test -c release --filter LargeSiteBenchmarks`.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["PATROLHUB_BENCH"] != nil))
struct LargeSiteBenchmarks {
    @Test func fiftyDevicesOverTwoKilometres() throws {
        let mission = LargeSite.mission(seed: 1)
        let clock = ContinuousClock()
        var stages: [String] = []
        var stageStart = clock.now
        var planner: Planner?
        let prepareCPU = Self.cpuMS()
        let prepare = clock.measure {
            planner = Planner(mission: mission) { _, status in
                stages.append(String(format: "%@ %.0f ms", status, Self.ms(clock.now - stageStart)))
                stageStart = clock.now
            }
        }
        let ready = try #require(planner)
        let planCPU = Self.cpuMS()
        var plan: Plan?
        let planning = clock.measure { plan = ready.plan() }
        let endCPU = Self.cpuMS()
        let made = try #require(plan)
        let m = made.metrics
        print(String(format: "BENCH district-2km: %d x %d cells, %d patrol cells, %d viewpoints, %d devices",
                     ready.area?.grid.width ?? 0, ready.area?.grid.height ?? 0, made.targets.count,
                     made.viewpoints.count, made.routes.count))
        print("BENCH   stages (time before each): " + stages.joined(separator: ", "))
        print(String(format: "BENCH   viewpoints: %d drone, %d robot; CPU time (all threads): prepare %.0f ms, plan %.0f ms",
                     made.viewpoints.filter { $0.kind == .drone }.count, made.viewpoints.filter { $0.kind == .robot }.count,
                     planCPU - prepareCPU, endCPU - planCPU))
        print(String(format: "BENCH   prepare %.0f ms + plan %.0f ms = %.0f ms; avg %.1f s, worst %.1f s, ratio %.3f, "
                     + "coverage %.3f, missed %d, unreachable %d, strategies %@",
                     Self.ms(prepare), Self.ms(planning), Self.ms(prepare) + Self.ms(planning), m.avgIdlenessS,
                     m.worstIdlenessS, m.worstRatio, m.coverageFraction, m.missedTargets.count, made.unreachable.count,
                     made.strategies.map { "\($0.key.rawValue)=\($0.value.rawValue)" }.sorted().joined(separator: ",")))
        for lost in [0, mission.fleet.count - 1] {
            let state = FleetState(devices: mission.fleet.enumerated().map { index, device in
                let position = made.routes.first { $0.deviceID == device.id }?.waypoints.first?.position.ground
                    ?? mission.site.dock(id: device.dockID)?.position ?? .zero
                return FleetState.Device(device: device, position: position, available: index != lost)
            })
            var replanned: Plan?
            let elapsed = clock.measure { replanned = ready.replan(fleetState: state, previous: made) }
            let r = try #require(replanned)
            print(String(format: "BENCH   without %@: replan %.0f ms, ratio %.3f", mission.fleet[lost].id,
                         Self.ms(elapsed), r.metrics.worstRatio))
            #expect(r.routes.count == mission.fleet.count - 1)
        }
        #expect(made.routes.count == mission.fleet.count)
        #expect(m.coverageFraction > 0.5)
    }

    /// User plus system CPU time of the process so far, milliseconds: on a shared machine the figure to compare.
    static func cpuMS() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1000
            + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1000
    }

    static func ms(_ duration: Duration) -> Double {
        Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
    }
}
