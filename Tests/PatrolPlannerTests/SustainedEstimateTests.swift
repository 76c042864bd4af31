import Foundation
import PatrolCore
import PatrolPlanner
import Testing

/// A plan's figures assume every device patrols all the time; the sustained estimate takes away the share of
/// the devices that leave to charge between laps.
@Suite struct SustainedEstimateTests {
    @Test func devicesThatChargeBetweenLapsTakeTurnsAndTheFiguresSaySo() throws {
        let fleet = [SmallSites.drone("d1"), SmallSites.drone("d2", dock: "dock-b"), SmallSites.drone("d3"),
                     SmallSites.robot("r1")]
        let planner = Planner(mission: SmallSites.square(fleet: fleet), options: SmallSites.quickOptions)
        var plan = planner.plan()
        // Short loops, long batteries: no charging stops, so a third of the drones is away at a time. The lone
        // robot stays: a kind never leaves all at once.
        #expect(plan.routes.allSatisfy { route in !route.waypoints.contains { $0.purpose == .dock } })
        let estimate = try #require(planner.sustainedEstimate(of: plan))
        #expect(estimate.onPatrol[.drone]?.patrolling == 2 && estimate.onPatrol[.drone]?.routed == 3)
        #expect(estimate.onPatrol[.robot]?.patrolling == 1 && estimate.onPatrol[.robot]?.routed == 1)
        #expect(estimate.metrics.avgIdlenessS > plan.metrics.avgIdlenessS)
        #expect(estimate.metrics.coverageFraction == 1)
        // The figures are those of the replan the hub would make with the last drone away.
        let firstStops = Dictionary(uniqueKeysWithValues: plan.routes.map { ($0.deviceID, $0.waypoints[0].position.ground) })
        let replanned = planner.replan(fleetState: FleetState(devices: fleet.map {
            FleetState.Device(device: $0, position: firstStops[$0.id]!, available: $0.id != "d3")
        }), previous: plan)
        #expect(abs(replanned.metrics.avgIdlenessS - estimate.metrics.avgIdlenessS) < 1e-9)
        plan.sustained = estimate
        let json = try JSONSerialization.jsonObject(with: plan.jsonData(mission: "square")) as? [String: Any]
        let sustained = try #require((json?["metrics"] as? [String: Any])?["sustained"] as? [String: Any])
        #expect(sustained["avg_idleness_s"] as? Double == (estimate.metrics.avgIdlenessS * 1000).rounded() / 1000)
    }

    /// A lap longer than the battery has its charging stops planned in: the figures already hold.
    @Test func routesWithTheirChargingStopsNeedNoEstimate() throws {
        var drone = SmallSites.drone("d1", enduranceS: 55)
        drone.speedMPS = 4
        let planner = Planner(mission: SmallSites.square(fleet: [drone], policy: Policy(revisitS: 1000)),
                              options: SmallSites.quickOptions)
        let plan = planner.plan()
        #expect(plan.routes.first?.waypoints.contains { $0.purpose == .dock } == true)
        #expect(planner.sustainedEstimate(of: plan) == nil)
    }
}
