import PatrolCore

/// Graph mode: the node tour is solved once; plans space the robots evenly along it.
struct GraphModel: Sendable {
    let patrol: GraphPatrol
    let tour: Tour

    init(graph: PatrolGraph, options: PlannerOptions) {
        patrol = GraphPatrol(graph: graph)
        tour = patrol.tour(options: .init(restarts: max(5, options.tourRestarts), kicks: options.tourKicks,
                                          seed: options.seed))
    }

    func plan(devices: [FleetState.Device], revisitS: Double) -> Plan {
        let available = devices.filter(\.available)
        var plan = patrol.plan(tour: tour, devices: available.map(\.device), revisitS: revisitS)
        // Slots go to the devices nearest to them so the lead-in is short; the common start waits for the last.
        let speeds = available.map { max($0.device.speedMPS, 1e-9) }
        var taken = Set<Int>()
        var reordered = plan.routes
        var leadInS = 0.0
        for (slot, route) in plan.routes.enumerated() {
            guard let first = route.waypoints.first?.position.ground else { continue }
            let choice = available.indices.filter { !taken.contains($0) }.min {
                available[$0].position.distance(to: first) / speeds[$0] < available[$1].position.distance(to: first) / speeds[$1]
            }
            guard let choice else { continue }
            taken.insert(choice)
            reordered[slot].deviceID = available[choice].device.id
            leadInS = max(leadInS, available[choice].position.distance(to: first) / speeds[choice] - route.startOffsetS)
        }
        for index in reordered.indices { reordered[index].startOffsetS += max(0, leadInS) }
        plan.routes = reordered
        plan.metrics = plan.evaluate()
        return plan
    }
}
