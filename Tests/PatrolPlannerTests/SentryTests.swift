import Foundation
import PatrolCore
import PatrolPlanner
import Testing

/// Cross patrol by sentries: when the kind that watches the hotspot comes round too rarely to survive the loss
/// of one of its devices, a device of another kind is posted on a short loop round it.
@Suite struct SentryTests {
    /// Three slow drones share one long walk, so losing one leaves the hotspot past its 45 s target (the
    /// planner posts sentries only then); three robots are there to post.
    static func mission() -> Mission {
        var drones = [SmallSites.drone("d1"), SmallSites.drone("d2", dock: "dock-b"), SmallSites.drone("d3")]
        for index in drones.indices { drones[index].speedMPS = 1 }
        let robots = [SmallSites.robot("r1"), SmallSites.robot("r2", dock: "dock-b"), SmallSites.robot("r3")]
        return SmallSites.square(fleet: drones + robots,
                                 policy: Policy(revisitS: 600, revisitSByWeight: [3: 45], crossPatrol: true))
    }

    static func topTargets(_ plan: Plan) -> Set<Int> {
        Set(plan.targets.weights.indices.filter { plan.targets.weights[$0] == 3 })
    }

    @Test func aSentryKeepsTheHotspotWithinTargetWhateverDeviceIsLost() throws {
        let plan = Planner(mission: Self.mission(), options: SmallSites.quickOptions).plan()
        let sentries = try #require(plan.sentries[.robot])
        #expect(!sentries.isEmpty)
        #expect(plan.sentryWatches[.robot] == sentries.count)
        let json = try JSONSerialization.jsonObject(with: plan.jsonData(mission: "square")) as? [String: Any]
        #expect(json?["sentries"] as? [String] == sentries.sorted())
        #expect(plan.metrics.worstRatio <= 1)
        #expect(try #require(plan.crossPatrolWorstRatio) <= 1)
        // The loss margin checked independently: every route removed in turn, the rest evaluated in full.
        let top = Self.topTargets(plan)
        for lost in plan.routes.indices {
            var rest = plan.routes
            rest.remove(at: lost)
            let missed = plan.evaluate(routes: rest).missedTargets.filter { top.contains($0.target) }
            #expect(missed.isEmpty, "losing \(plan.routes[lost].deviceID) leaves \(missed.count) hotspot cells past target")
        }
        // A sentry's loop only holds stops that see the hotspot.
        for route in plan.routes where sentries.contains(route.deviceID) {
            for stop in route.waypoints where stop.purpose == .patrol {
                let sees = stop.viewpoint.map { plan.viewpoints[$0].targets.contains { top.contains($0) } }
                #expect(sees == true, "\(route.deviceID) stops at \(stop.position) which sees no hotspot cell")
            }
        }
    }

    @Test func replansKeepTheWatchAndHandItOnWhenTheSentryIsLost() throws {
        let mission = Self.mission()
        let planner = Planner(mission: mission, options: SmallSites.quickOptions)
        let first = planner.plan()
        let sentry = try #require(first.sentries[.robot]?.first)
        func state(unavailable: Set<String>) -> FleetState {
            FleetState(devices: mission.fleet.map { device in
                let stop = first.routes.first { $0.deviceID == device.id }?.waypoints.first?.position.ground
                return FleetState.Device(device: device, position: stop ?? Point2(x: 3, y: 3), batteryFraction: 0.9,
                                         available: !unavailable.contains(device.id))
            })
        }
        let kept = planner.replan(fleetState: state(unavailable: ["d1"]), previous: first)
        #expect(kept.sentries[.robot] == first.sentries[.robot])
        let handedOn = planner.replan(fleetState: state(unavailable: [sentry]), previous: first)
        let successors = try #require(handedOn.sentries[.robot])
        #expect(successors.count == first.sentries[.robot]?.count)
        #expect(!successors.contains(sentry))
        #expect(!handedOn.routes.contains { $0.deviceID == sentry })
        // With one robot left it patrols the tour; the watch comes back when the robots do.
        let alone = planner.replan(fleetState: state(unavailable: ["r1", "r2"]), previous: first)
        #expect(alone.sentries[.robot] == nil)
        let back = planner.replan(fleetState: state(unavailable: []), previous: alone)
        #expect(back.sentries[.robot]?.count == first.sentries[.robot]?.count)
    }
}
