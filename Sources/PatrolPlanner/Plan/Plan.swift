import PatrolCore

/// A patrol plan: one cyclic route per device, what each stop sees, and the plan's idleness figures.
public struct Plan: Sendable {
    /// How the routes share the work.
    public enum Strategy: String, Hashable, Sendable {
        /// Devices of a kind spaced evenly in time along one shared tour.
        case cyclic
        /// Each device patrols its own part of the viewpoints.
        case partition
    }

    public var routes: [PlannedRoute]
    public var metrics: PlanMetrics
    public var viewpoints: [Viewpoint]
    public var targets: PatrolTargets
    /// Patrol targets no device can see or reach, with the reason.
    public var unreachable: [UnreachableTarget]
    /// Per device kind, the strategy chosen by evaluation.
    public var strategies: [DeviceKind: Strategy]
    /// With `policy.cross_patrol`: the worst idleness / revisit target of the highest-weight cells when any
    /// one device is lost and the others keep their routes (<= 1 means no single loss breaks a target).
    public var crossPatrolWorstRatio: Double?
    /// Statements a person should read: charging stops, devices sent to charge, idle devices.
    public var notes: [String] = []
    /// Per device kind, the hotspot viewpoints (indices into `viewpoints`) visited `hotVisitsPerCycle`
    /// times per cycle; replanning from this plan keeps them.
    public var hotViewpoints: [DeviceKind: [Int]] = [:]
    public var hotVisitsPerCycle: [DeviceKind: Int] = [:]
    /// Per device kind, the devices kept on short loops round the highest-weight cells (cross patrol);
    /// replanning from this plan keeps as many there, the same devices while they can patrol.
    public var sentries: [DeviceKind: [String]] = [:]
    /// Per device kind, how many sentry loops the first plan chose: replans post as many as they can.
    public var sentryWatches: [DeviceKind: Int] = [:]
    /// The figures with the devices that charge between laps taking turns at the dock, when asked for
    /// (`Planner.sustainedEstimate`; `patrolctl plan` does); plan.json then has them under `sustained`.
    public var sustained: SustainedEstimate?
    /// Grid mode: the targets grouped by the viewpoints that see them, so evaluation runs once per class.
    var targetClasses: TargetClasses?

    public init(routes: [PlannedRoute], metrics: PlanMetrics, viewpoints: [Viewpoint], targets: PatrolTargets,
                unreachable: [UnreachableTarget] = [], strategies: [DeviceKind: Strategy] = [:]) {
        self.routes = routes
        self.metrics = metrics
        self.viewpoints = viewpoints
        self.targets = targets
        self.unreachable = unreachable
        self.strategies = strategies
    }

    /// The periodic sightings the routes produce, one schedule per route.
    public func schedules(of routes: [PlannedRoute]? = nil) -> [VisitSchedule] {
        (routes ?? self.routes).map { route in
            var visits: [VisitSchedule.Visit] = []
            for waypoint in route.waypoints {
                guard let index = waypoint.viewpoint else { continue }
                let phaseS = route.startOffsetS + waypoint.arrivalS
                for target in viewpoints[index].targets { visits.append(.init(target: target, phaseS: phaseS)) }
            }
            return VisitSchedule(periodS: route.cycleS, visits: visits)
        }
    }

    /// The sightings of target classes the routes produce: `schedules(of:)` with one visit per class a
    /// viewpoint sees instead of one per target.
    func classSchedules(of routes: [PlannedRoute], classes: TargetClasses) -> [VisitSchedule] {
        routes.map { route in
            var visits: [VisitSchedule.Visit] = []
            for waypoint in route.waypoints {
                guard let index = waypoint.viewpoint else { continue }
                let phaseS = route.startOffsetS + waypoint.arrivalS
                for slot in classes.viewpointStart[index]..<classes.viewpointStart[index + 1] {
                    visits.append(.init(target: Int(classes.viewpointClasses[slot]), phaseS: phaseS))
                }
            }
            return VisitSchedule(periodS: route.cycleS, visits: visits)
        }
    }

    /// Evaluates `routes` (all of the plan's by default) exactly; `planMS` is left 0.
    public func evaluate(routes: [PlannedRoute]? = nil) -> PlanMetrics {
        let evaluator = IdlenessEvaluator(weights: targets.weights, targetsS: targets.revisitTargetsS)
        var metrics: PlanMetrics
        if let classes = targetClasses, classes.viewpointCount == viewpoints.count,
           classes.classOfTarget.count == targets.count {
            metrics = evaluator.evaluate(classSchedules: classSchedules(of: routes ?? self.routes, classes: classes),
                                         classes: classes)
        } else {
            metrics = evaluator.evaluate(schedules(of: routes))
        }
        for index in metrics.missedTargets.indices {
            metrics.missedTargets[index].position = targets.positions[metrics.missedTargets[index].target]
        }
        return metrics
    }
}

/// A patrol target the plan cannot cover.
public struct UnreachableTarget: Hashable, Sendable {
    public var target: Int
    public var position: Point2
    /// Why, in words (e.g. "no viewpoint of any device kind sees this cell").
    public var reason: String

    public init(target: Int, position: Point2, reason: String) {
        self.target = target
        self.position = position
        self.reason = reason
    }
}
