import Foundation
import PatrolCore
import PatrolPlanner
import PatrolTestKit
import Testing

@Suite struct GraphPatrolTests {
    /// A 4-node square with 10 m sides and one diagonal: the tour is the perimeter (40 m); two robots at
    /// 1 m/s on it see every node every 20 s.
    @Test func twoRobotsOnASquareHalveTheIdleness() {
        let graph = PatrolGraph(
            nodes: [Point2(x: 0, y: 0), Point2(x: 10, y: 0), Point2(x: 10, y: 10), Point2(x: 0, y: 10)],
            edges: [[.init(to: 1, lengthM: 10), .init(to: 3, lengthM: 10), .init(to: 2, lengthM: 14.2)],
                    [.init(to: 0, lengthM: 10), .init(to: 2, lengthM: 10)],
                    [.init(to: 1, lengthM: 10), .init(to: 3, lengthM: 10), .init(to: 0, lengthM: 14.2)],
                    [.init(to: 2, lengthM: 10), .init(to: 0, lengthM: 10)]])
        let patrol = GraphPatrol(graph: graph)
        let tour = patrol.tour()
        #expect(abs(tour.length - 40) < 1e-9)
        let plan = patrol.plan(tour: tour, devices: Self.robots(2), revisitS: 25)
        #expect(abs(plan.metrics.worstIdlenessS - 20) < 1e-9)
        #expect(abs(plan.metrics.avgIdlenessS - 10) < 1e-9)
        #expect(plan.metrics.worstRatio <= 1)
        #expect(plan.routes.map(\.startOffsetS) == [0, 0])
        #expect(plan.routes[1].waypoints[0].position.ground == graph.nodes[tour.order[2]])
    }

    /// Nodes passed on the way between tour stops count as visits: a path graph a-b-c is patrolled as
    /// a-b-c-b-a..., so the middle node is seen twice per 4 m cycle.
    @Test func nodesPassedOnTheWayAreVisits() {
        let graph = PatrolGraph(nodes: [Point2(x: 0, y: 0), Point2(x: 1, y: 0), Point2(x: 2, y: 0)],
                                edges: [[.init(to: 1, lengthM: 1)], [.init(to: 0, lengthM: 1), .init(to: 2, lengthM: 1)],
                                        [.init(to: 1, lengthM: 1)]])
        let patrol = GraphPatrol(graph: graph)
        let plan = patrol.plan(tour: patrol.tour(), devices: Self.robots(1), revisitS: 10)
        #expect(plan.routes[0].cycleS == 4)
        #expect(plan.routes[0].waypoints.count == 4)
        #expect(abs(plan.metrics.worstIdlenessS - 4) < 1e-9)
        // The ends: gaps of 4 (mean 2); the middle: gaps of 2 (mean 1).
        #expect(abs(plan.metrics.avgIdlenessS - 5.0 / 3) < 1e-9)
    }

    /// The patrolling_sim grid map (Missions/grid-benchmark): the optimal closed walk is 26 edges of 5.7 m =
    /// 148.2 m, so four robots at 1 m/s reach worst idleness 148.2 / 4 = 37.05 s (published SEBS: 170.5 s).
    @Test func gridMapWithFourRobotsReachesTheCyclicBound() throws {
        let mission = try Mission.load(from: Fixtures.mission("grid-benchmark"))
        let graph = try #require(mission.site.graph)
        let patrol = GraphPatrol(graph: graph)
        let tour = patrol.tour()
        #expect(abs(tour.length - 148.2) < 1e-6)
        let plan = patrol.plan(tour: tour, devices: Self.robots(4), revisitS: 60)
        #expect(abs(plan.metrics.worstIdlenessS - 37.05) < 1e-6)
        #expect(plan.metrics.avgIdlenessS < plan.metrics.worstIdlenessS)
        #expect(plan.metrics.coverageFraction == 1)
    }

    /// Through the planner: the mission's four robots start at their docks, the plan keeps the bound, and
    /// replanning after one is lost spaces the other three evenly (148.2 / 3 = 49.4 s).
    @Test func plannerUsesGraphModeAndReplansAfterALoss() throws {
        let mission = try Mission.load(from: Fixtures.mission("grid-benchmark"))
        let planner = Planner(mission: mission)
        let plan = planner.plan()
        #expect(plan.routes.count == 4)
        #expect(plan.metrics.worstIdlenessS <= 40.8)
        #expect(Set(plan.routes.map(\.deviceID)) == Set(mission.fleet.map(\.id)))
        let state = FleetState(devices: mission.fleet.enumerated().map { index, device in
            FleetState.Device(device: device, position: plan.routes[0].waypoints[0].position.ground,
                              available: index != 2)
        })
        let replanned = planner.replan(fleetState: state)
        #expect(replanned.routes.count == 3)
        #expect(!replanned.routes.contains { $0.deviceID == mission.fleet[2].id })
        #expect(abs(replanned.metrics.worstIdlenessS - 148.2 / 3) < 1e-6)
    }

    static func robots(_ count: Int) -> [FleetDevice] {
        (0..<count).map {
            FleetDevice(id: "robot-\($0 + 1)", kind: .robot, speedMPS: 1, enduranceS: 3600, dockID: "dock",
                        camera: CameraSpec(fovDeg: 360, rangeM: 1, pitchDeg: 0, altitudeM: 1))
        }
    }
}
