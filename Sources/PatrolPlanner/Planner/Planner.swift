import PatrolCore

/// Plans patrol routes for a mission's fleet (DESIGN.md section 2, issue 4).
///
/// Building a planner does the heavy, fleet-independent work once: the patrol cells, a viewpoint cover
/// per device kind, the travel-distance matrix between each kind's viewpoints and a short tour through
/// them (graph mode: the node tour). `plan(fleet:)` and `replan(fleetState:)` then only allocate the
/// tours to devices, add hotspot repeats and charging stops, and evaluate, so they are fast.
public struct Planner: Sendable {
    public let mission: Mission
    public let options: PlannerOptions
    let model: Model

    enum Model: Sendable {
        case grid(GridModel)
        case graph(GraphModel)
    }

    /// Called with a fraction in 0...1 and a short status while the planner is being built.
    public typealias ProgressHandler = (Double, String) -> Void

    /// Prepares planning for `mission`: graph mode when its site has a patrol graph, grid mode otherwise.
    /// - Parameters:
    ///   - mission: a loaded mission.
    ///   - options: seed and effort.
    ///   - progress: optional progress reports for long preparations.
    public init(mission: Mission, options: PlannerOptions = PlannerOptions(), progress: ProgressHandler? = nil) {
        self.mission = mission
        self.options = options
        if let graph = mission.site.graph {
            model = .graph(GraphModel(graph: graph, options: options))
        } else {
            model = .grid(GridModel(mission: mission, options: options, progress: progress))
        }
    }

    /// The path finder of a grid-mode mission (nil in graph mode), for dispatch travel times.
    public var pathFinder: PathFinder? {
        if case .grid(let grid) = model { return grid.pathFinder }
        return nil
    }

    /// The patrol area of a grid-mode mission (nil in graph mode).
    public var area: PatrolArea? {
        if case .grid(let grid) = model { return grid.area }
        return nil
    }

    /// Shortest travel time for `device` from `from` to `to`, seconds; nil when unreachable.
    /// In graph mode, the straight-line time (the graphs' maps are open floors).
    public func travelTimeS(from: Point2, to: Point2, device: FleetDevice) -> Double? {
        switch model {
        case .grid(let grid): grid.pathFinder.travelTimeS(from: from, to: to, device: device)
        case .graph: device.speedMPS > 0 ? from.distance(to: to) / device.speedMPS : nil
        }
    }

    /// A plan for `fleet` (the mission's by default), every device starting full at its dock.
    public func plan(fleet: [FleetDevice]? = nil) -> Plan {
        let devices = (fleet ?? mission.fleet).map { device in
            FleetState.Device(device: device, position: mission.site.dock(id: device.dockID)?.position ?? .zero)
        }
        return plan(for: devices)
    }

    /// New routes for the available devices of `fleetState`, starting from where each is now.
    ///
    /// Devices marked unavailable (lost, charging) get no route; devices at their battery reserve are sent
    /// to charge, and the plan says so in `notes`. The others are re-spaced on the cached tours.
    /// - Parameters:
    ///   - fleetState: every device with its position, battery and availability.
    ///   - previous: the plan in force; when given, its per-kind strategies and hotspot repeats are kept
    ///     instead of searched again, which keeps replanning within milliseconds.
    public func replan(fleetState: FleetState, previous: Plan? = nil) -> Plan {
        plan(for: fleetState.devices, previous: previous, cellIdlenessS: fleetState.cellIdlenessS)
    }

    func plan(for devices: [FleetState.Device], previous: Plan? = nil, cellIdlenessS: [Double]? = nil) -> Plan {
        switch model {
        case .grid(let grid):
            grid.plan(devices: devices, policy: mission.policy, options: options, previous: previous,
                      cellIdlenessS: cellIdlenessS)
        case .graph(let graph): graph.plan(devices: devices, revisitS: mission.policy.revisitS)
        }
    }
}
