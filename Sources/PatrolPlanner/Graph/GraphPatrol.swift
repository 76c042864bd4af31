import PatrolCore

/// Graph mode (DESIGN.md section 5): patrolling the nodes of a patrolling_sim graph.
///
/// Every node is a target of weight 1; a node is visited when a device passes through it (the graphs'
/// edges run between nodes, so "within the visit radius" happens at the nodes). Robots move along graph
/// edges; the tour is solved on the metric closure (all-pairs shortest paths) and walked along the
/// actual shortest paths, so the nodes passed on the way count as visits too.
public struct GraphPatrol: Sendable {
    public let graph: PatrolGraph
    /// Shortest path length between every pair of nodes, metres (infinity when disconnected).
    public let distancesM: CostMatrix
    /// `nextHop[i * n + j]`: the node after `i` on a shortest path from `i` to `j`.
    private let nextHop: [Int]

    public init(graph: PatrolGraph) {
        self.graph = graph
        let n = graph.nodes.count
        var distances = CostMatrix(count: n)
        var hops = [Int](repeating: -1, count: n * n)
        for i in 0..<n {
            for j in 0..<n where j != i { distances[i, j] = .infinity }
            hops[i * n + i] = i
            for edge in graph.edges[i] where edge.to >= 0 && edge.to < n && edge.lengthM < distances[i, edge.to] {
                distances[i, edge.to] = edge.lengthM
                hops[i * n + edge.to] = edge.to
            }
        }
        // Floyd-Warshall: the maps have at most a few hundred nodes.
        for k in 0..<n {
            for i in 0..<n where distances[i, k].isFinite {
                let ik = distances[i, k]
                for j in 0..<n {
                    let through = ik + distances[k, j]
                    if through < distances[i, j] - 1e-12 {
                        distances[i, j] = through
                        hops[i * n + j] = hops[i * n + k]
                    }
                }
            }
        }
        distancesM = distances
        nextHop = hops
    }

    /// Nodes that cannot be reached from node 0 (a disconnected graph cannot be patrolled by one tour).
    public var unreachableNodes: [Int] {
        graph.nodes.indices.filter { !distancesM[0, $0].isFinite }
    }

    /// The shortest closed tour through every node found with `options`, on the metric closure.
    public func tour(options: TourOptimizer.Options = .init(restarts: 5)) -> Tour {
        TourOptimizer(options: options).solve(distancesM)
    }

    /// The node sequence of the closed walk that follows `tour` along shortest paths (without repeating
    /// the first node at the end).
    public func walk(of tour: Tour) -> [Int] {
        let n = graph.nodes.count
        var nodes: [Int] = []
        for (index, from) in tour.order.enumerated() {
            let to = tour.order[(index + 1) % tour.order.count]
            var at = from
            nodes.append(at)
            while at != to {
                at = nextHop[at * n + to]
                if at != to { nodes.append(at) }
            }
        }
        return nodes
    }

    /// The timed walk of `tour` at `speedMPS`, every stop a patrol stop whose viewpoint is its node.
    public func timedWalk(of tour: Tour, speedMPS: Double) -> TimedWalk {
        let nodes = walk(of: tour)
        var stops: [PlannedWaypoint] = []
        var clockS = 0.0
        for (index, node) in nodes.enumerated() {
            if index > 0 { clockS += distancesM[nodes[index - 1], node] / speedMPS }
            stops.append(PlannedWaypoint(position: Point3(graph.nodes[node], z: 0), arrivalS: clockS,
                                         purpose: .patrol, viewpoint: node))
        }
        let cycleS = nodes.isEmpty ? 0 : clockS + distancesM[nodes[nodes.count - 1], nodes[0]] / speedMPS
        return TimedWalk(stops: stops, cycleS: cycleS)
    }

    /// The nodes as patrol targets, every one with weight 1 and the same revisit target.
    public func targets(revisitS: Double) -> PatrolTargets {
        let count = graph.nodes.count
        return PatrolTargets(positions: graph.nodes, weights: [Double](repeating: 1, count: count),
                             revisitTargetsS: [Double](repeating: revisitS, count: count))
    }

    /// The cyclic strategy for `devices` on `tour`: all follow the tour's walk, evenly spaced in time.
    /// - Parameters:
    ///   - devices: the robots; each moves at its own `speedMPS`, the slowest sets the common pace.
    ///   - revisitS: the nodes' revisit target, seconds.
    public func plan(tour: Tour, devices: [FleetDevice], revisitS: Double) -> Plan {
        let speedMPS = devices.map(\.speedMPS).min() ?? 1
        let walk = timedWalk(of: tour, speedMPS: speedMPS)
        let viewpoints = graph.nodes.indices.map {
            Viewpoint(kind: .robot, position: Point3(graph.nodes[$0], z: 0), headingDeg: nil, targets: [$0])
        }
        let routes = walk.cyclicRoutes(devices: devices.map { ($0.id, $0.kind) })
        let unreachable = unreachableNodes.map {
            UnreachableTarget(target: $0, position: graph.nodes[$0], reason: "graph node not connected to node 0")
        }
        var plan = Plan(routes: routes, metrics: PlanMetrics(avgIdlenessS: 0, worstIdlenessS: 0, worstRatio: 0,
                                                             coverageFraction: 0, blindExposure: 0),
                        viewpoints: viewpoints, targets: targets(revisitS: revisitS), unreachable: unreachable,
                        strategies: [.robot: .cyclic])
        plan.metrics = plan.evaluate()
        return plan
    }
}
