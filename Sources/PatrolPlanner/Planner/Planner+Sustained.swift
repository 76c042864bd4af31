import PatrolCore

/// What a plan sustains over a shift, when the devices whose loops have no charging stop take turns at the
/// dock: the plan's own figures assume every device patrols all the time.
public struct SustainedEstimate: Sendable {
    /// Per kind, how many devices patrol at a time on average (rounded) and how many have routes.
    public var onPatrol: [DeviceKind: (patrolling: Int, routed: Int)]
    /// The figures of the replan the hub makes for that many devices.
    public var metrics: PlanMetrics
}

extension Planner {
    /// The figures with each kind down to its average strength on patrol, or nil when every loop has its
    /// charging stops (the plan's figures are then what it sustains).
    ///
    /// A loop shorter than its battery less the reserve gets no charging stop: its device leaves to charge
    /// between laps, `chargeSecondsPerSecond / (1 + chargeSecondsPerSecond)` of the time (a third at 0.5 s of
    /// charging per s flown). Per kind, that share of those devices (the last in the fleet's order) is taken
    /// away and the rest replanned from the plan, as the hub does when they leave, from where their routes
    /// start. festival-park: the plan says 71.7 s with all twenty devices, 119.1 s with 8 of 12 drones and 5
    /// of 8 robots; its simulated hour measures 113-115 s over seeds 1-3 (robots, with four hours of battery,
    /// do not yet charge in it).
    public func sustainedEstimate(of plan: Plan) -> SustainedEstimate? {
        let rate = options.chargeSecondsPerSecond
        guard rate > 0 else { return nil }
        let awayShare = rate / (1 + rate)
        var onPatrol: [DeviceKind: (patrolling: Int, routed: Int)] = [:]
        var away: Set<String> = []
        for kind in DeviceKind.allCases {
            let routes = plan.routes.filter { $0.kind == kind && !$0.waypoints.isEmpty }
            guard !routes.isEmpty else { continue }
            let uncharged = Set(routes.filter { route in !route.waypoints.contains { $0.purpose == .dock } }.map(\.deviceID))
            // At least one device of the kind stays: a kind never leaves all at once.
            let leaving = min(routes.count - 1, Int((Double(uncharged.count) * awayShare).rounded()))
            onPatrol[kind] = (routes.count - leaving, routes.count)
            away.formUnion(mission.fleet.map(\.id).filter { uncharged.contains($0) }.suffix(leaving))
        }
        guard !away.isEmpty else { return nil }
        let firstStops = Dictionary(plan.routes.map { ($0.deviceID, $0.waypoints.first?.position.ground) },
                                    uniquingKeysWith: { first, _ in first })
        let state = FleetState(devices: mission.fleet.map { device in
            FleetState.Device(device: device,
                              position: (firstStops[device.id] ?? nil)
                                  ?? mission.site.dock(id: device.dockID)?.position ?? .zero,
                              available: firstStops[device.id] != nil && !away.contains(device.id))
        })
        return SustainedEstimate(onPatrol: onPatrol, metrics: replan(fleetState: state, previous: plan).metrics)
    }
}
