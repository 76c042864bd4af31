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

    /// The patrolling_sim grid map: the optimal closed walk is 26 edges of 5.7 m = 148.2 m, so four robots
    /// at 1 m/s reach worst idleness 148.2 / 4 = 37.05 s (published SEBS: 170.5 s).
    @Test func gridMapWithFourRobotsReachesTheCyclicBound() throws {
        let url = Fixtures.patrollingSimMap("grid").appendingPathComponent("grid.graph")
        guard let graph = try Self.readGraph(url) else {
            Issue.record("patrolling_sim grid map missing at \(url.path)")
            return
        }
        let patrol = GraphPatrol(graph: graph)
        let tour = patrol.tour()
        #expect(abs(tour.length - 148.2) < 1e-6)
        let plan = patrol.plan(tour: tour, devices: Self.robots(4), revisitS: 60)
        #expect(abs(plan.metrics.worstIdlenessS - 37.05) < 1e-6)
        #expect(plan.metrics.avgIdlenessS < plan.metrics.worstIdlenessS)
        #expect(plan.metrics.coverageFraction == 1)
    }

    static func robots(_ count: Int) -> [FleetDevice] {
        (0..<count).map {
            FleetDevice(id: "robot-\($0 + 1)", kind: .robot, speedMPS: 1, enduranceS: 3600, dockID: "dock",
                        camera: CameraSpec(fovDeg: 360, rangeM: 1, pitchDeg: 0, altitudeM: 1))
        }
    }

    /// Reads a patrolling_sim `.graph` (see the dataset README) until PatrolCore's mission loader serves
    /// the grid-benchmark mission; nil when the dataset is absent.
    static func readGraph(_ url: URL) throws -> PatrolGraph? {
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return nil }
        let tokens = text.split(whereSeparator: \.isWhitespace).map(String.init)
        var at = 0
        func next() -> String { at += 1; return tokens[at - 1] }
        let count = Int(next())!
        _ = next(); _ = next()
        let resolution = Double(next())!, offsetX = Double(next())!, offsetY = Double(next())!
        var nodes: [Point2] = [], edges: [[PatrolGraph.Edge]] = []
        for _ in 0..<count {
            _ = next()
            let x = Double(next())!, y = Double(next())!
            nodes.append(Point2(x: offsetX + x * resolution, y: offsetY + y * resolution))
            edges.append((0..<Int(next())!).map { _ in
                let to = Int(next())!
                _ = next()
                return PatrolGraph.Edge(to: to, lengthM: Double(next())! * resolution)
            })
        }
        return PatrolGraph(nodes: nodes, edges: edges)
    }
}
