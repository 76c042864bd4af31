import Foundation
import PatrolCore
import PatrolPlanner
import Testing

@Suite struct GridPlanTests {
    @Test func mixedFleetCoversEveryPatrolCellWithinItsTarget() throws {
        let mission = SmallSites.square(fleet: [SmallSites.drone("d1"), SmallSites.robot("r1", dock: "dock-b")])
        let planner = Planner(mission: mission, options: SmallSites.quickOptions)
        let plan = planner.plan()
        let area = try #require(planner.area)
        #expect(plan.targets.count == area.cells.count)
        #expect(plan.unreachable.isEmpty)
        #expect(plan.metrics.coverageFraction == 1)
        #expect(plan.metrics.worstRatio <= 1)
        #expect(plan.metrics.missedTargets.isEmpty)
        #expect(Set(plan.routes.map(\.deviceID)) == ["d1", "r1"])
        // The stated metrics are the exact evaluation of the routes.
        let again = plan.evaluate()
        #expect(abs(again.avgIdlenessS - plan.metrics.avgIdlenessS) < 1e-9)
        #expect(abs(again.worstIdlenessS - plan.metrics.worstIdlenessS) < 1e-9)
        for route in plan.routes {
            #expect(route.cycleS > 0)
            let times = route.waypoints.map(\.arrivalS)
            #expect(times == times.sorted() && times.first == 0 && (times.last ?? 0) <= route.cycleS)
            if route.kind == .robot {
                let grid = area.grid
                for waypoint in route.waypoints {
                    let cell = try #require(grid.cellIndex(containing: waypoint.position.ground))
                    #expect(grid.robotTraversable[cell], "robot waypoint \(waypoint.position) is not drivable")
                }
            } else {
                #expect(route.waypoints.allSatisfy { $0.position.z == 20 })
            }
        }
        let json = try JSONSerialization.jsonObject(with: plan.jsonData(mission: mission.name)) as? [String: Any]
        let metrics = try #require(json?["metrics"] as? [String: Any])
        #expect(metrics["worst_ratio"] as? Double == (plan.metrics.worstRatio * 1000).rounded() / 1000)
        let routes = try #require(json?["routes"] as? [[String: Any]])
        let waypoints = try #require(routes.first?["waypoints"] as? [[String: Any]])
        #expect(waypoints.first.map { Set($0.keys).isSuperset(of: ["x", "y", "z", "t"]) } == true)
    }

    /// A single drone whose lap is longer than the hotspot's target visits the hotspot's viewpoints
    /// several times per lap.
    @Test func hotspotsAreVisitedAboutWeightTimesAsOften() throws {
        let policy = Policy(revisitS: 600, revisitSByWeight: [3: 20])
        let mission = SmallSites.square(fleet: [SmallSites.drone("d1")], policy: policy)
        let plan = Planner(mission: mission, options: SmallSites.quickOptions).plan()
        let route = try #require(plan.routes.first)
        let stops = route.waypoints.compactMap(\.viewpoint)
        #expect(stops.count > Set(stops).count, "no viewpoint is repeated within the lap")
        let hotspotTargets = plan.targets.weights.indices.filter { plan.targets.weights[$0] == 3 }
        let missedHotspot = plan.metrics.missedTargets.filter { hotspotTargets.contains($0.target) }
        #expect(missedHotspot.isEmpty)
        #expect(route.cycleS > 20)
    }

    /// A lap longer than the battery allows (less the 20 % reserve: 44 s of 55 s) gets dock visits; the
    /// cycle includes the charging time and no stretch between charges exceeds the usable endurance.
    @Test func longLapsGetChargingStops() throws {
        var drone = SmallSites.drone("d1", enduranceS: 55)
        drone.speedMPS = 4
        let mission = SmallSites.square(fleet: [drone], policy: Policy(revisitS: 1000))
        let plan = Planner(mission: mission, options: PlannerOptions(chargeSecondsPerSecond: 0.5, maxCandidates: 400, tourRestarts: 1, tourKicks: 200)).plan()
        let route = try #require(plan.routes.first)
        let docks = route.waypoints.enumerated().filter { $0.element.purpose == .dock }
        #expect(!docks.isEmpty)
        #expect(plan.notes.contains { $0.contains("charging stop") })
        let dwellS = route.waypoints.reduce(0) { $0 + $1.dwellS }
        #expect(dwellS > 0)
        // From leaving a dock to reaching the next (wrapping around the cycle): at most 44 s of flight.
        let dockTimes = docks.map { (arrive: $0.element.arrivalS, leave: $0.element.arrivalS + $0.element.dwellS) }
        for (index, dock) in dockTimes.enumerated() {
            let next = index + 1 < dockTimes.count ? dockTimes[index + 1].arrive : dockTimes[0].arrive + route.cycleS
            #expect(next - dock.leave <= 44 + 1e-6)
        }
    }

    /// Cells inside a closed courtyard that robots cannot drive to, and that their cameras cannot see
    /// over the walls, are listed with a reason and count as never seen.
    @Test func unreachableCellsAreReportedWithTheirReason() throws {
        let ring = [SmallSites.rectangle(20, 15, 60, 20), SmallSites.rectangle(20, 40, 60, 45),
                    SmallSites.rectangle(20, 15, 25, 45), SmallSites.rectangle(55, 15, 60, 45)]
        let mission = SmallSites.square(fleet: [SmallSites.robot("r1")],
                                        buildings: ring.map { Building(footprint: $0, heightM: 8) })
        let plan = Planner(mission: mission, options: SmallSites.quickOptions).plan()
        #expect(!plan.unreachable.isEmpty)
        #expect(plan.unreachable.allSatisfy { $0.reason.contains("robot") })
        #expect(plan.unreachable.allSatisfy { $0.position.x >= 25 && $0.position.x <= 55 && $0.position.y >= 20 && $0.position.y <= 40 })
        #expect(plan.metrics.coverageFraction < 1)
        #expect(plan.metrics.missedTargets.contains { $0.worstIdlenessS == nil })
    }

    /// With cross patrol the highest-weight cells are seen by devices of both kinds, and losing any one
    /// device keeps them within target.
    @Test func crossPatrolSurvivesTheLossOfAnyDevice() throws {
        let mission = SmallSites.square(fleet: [SmallSites.drone("d1"), SmallSites.drone("d2", dock: "dock-b"),
                                                SmallSites.robot("r1")],
                                        policy: Policy(revisitS: 300, revisitSByWeight: [3: 120], crossPatrol: true))
        let plan = Planner(mission: mission, options: SmallSites.quickOptions).plan()
        let ratio = try #require(plan.crossPatrolWorstRatio)
        #expect(ratio <= 1)
        let top = Set(plan.targets.weights.indices.filter { plan.targets.weights[$0] == 3 })
        for target in top {
            let kinds = Set(plan.routes.filter { route in
                route.waypoints.contains { $0.viewpoint.map { plan.viewpoints[$0].targets.contains(target) } ?? false }
            }.map(\.kind))
            #expect(kinds.count == 2, "hotspot cell \(target) is seen by \(kinds) only")
        }
    }

    /// Replanning after a loss: the lost device gets no route, the others start from where they are
    /// (their first waypoint no earlier than they can reach it). Records the time it takes.
    @Test func replanStartsFromCurrentPositions() throws {
        let fleet = [SmallSites.drone("d1"), SmallSites.drone("d2", dock: "dock-b"), SmallSites.robot("r1")]
        let planner = Planner(mission: SmallSites.square(fleet: fleet), options: SmallSites.quickOptions)
        let positions = [Point2(x: 70, y: 50), Point2(x: 10, y: 50), Point2(x: 30, y: 10)]
        let state = FleetState(devices: fleet.indices.map {
            FleetState.Device(device: fleet[$0], position: positions[$0], batteryFraction: 0.9, available: $0 != 1)
        })
        let clock = ContinuousClock()
        var plan: Plan?
        let elapsed = clock.measure { plan = planner.replan(fleetState: state) }
        print("replan of the small square (debug build): \(elapsed)")
        let replanned = try #require(plan)
        #expect(Set(replanned.routes.map(\.deviceID)) == ["d1", "r1"])
        for route in replanned.routes {
            let index = fleet.firstIndex { $0.id == route.deviceID }!
            let first = try #require(route.waypoints.first)
            let leadS = positions[index].distance(to: first.position.ground) / fleet[index].speedMPS
            #expect(route.startOffsetS >= leadS - 1e-9)
        }
        #expect(replanned.metrics.coverageFraction == 1)
    }

    /// A device at its battery reserve is sent to charge and the plan says so.
    @Test func devicesAtTheirReserveAreSentToCharge() {
        let fleet = [SmallSites.drone("d1"), SmallSites.drone("d2", dock: "dock-b")]
        let planner = Planner(mission: SmallSites.square(fleet: fleet), options: SmallSites.quickOptions)
        let state = FleetState(devices: [
            FleetState.Device(device: fleet[0], position: Point2(x: 3, y: 3), batteryFraction: 0.21),
            FleetState.Device(device: fleet[1], position: Point2(x: 77, y: 57), batteryFraction: 0.8),
        ])
        let plan = planner.replan(fleetState: state)
        #expect(plan.routes.map(\.deviceID) == ["d2"])
        #expect(plan.notes.contains { $0.hasPrefix("d1:") && $0.contains("charge") })
    }
}
