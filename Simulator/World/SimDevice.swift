import PatrolCore

/// One simulated drone or robot: body, battery, camera and the on-board logic that follows routes and
/// commands, returns to charge when the battery runs low and never drives through buildings or people.
public struct SimDevice: Sendable {
    public let spec: FleetDevice
    public let dock: Point2
    public private(set) var mode: DeviceMode = .idle
    /// Set for drones.
    public private(set) var drone: DroneBody?
    /// Set for robots.
    public private(set) var robot: RobotBody?
    public private(set) var battery: Battery
    public private(set) var route: DeviceRoute?
    /// Compass bearing the camera faces.
    public private(set) var cameraHeadingDeg: Double = 0
    public private(set) var distanceM = 0.0
    public private(set) var chargeCount = 0
    /// Battery drain multiplier (battery faults).
    public var drainMultiplier = 1.0
    /// True once when a look waypoint was reached this step: the camera takes a frame at once.
    public private(set) var wantsFrame = false

    /// Robots: the cells to drive through to the current target, and the next one to reach.
    private var path: [Point2] = []
    private var pathIndex = 0
    private var pathTarget: Point2?
    private var investigateUntilS: Double?
    /// Ahead of schedule at a stop: wait (charging when the stop is the dock) until then.
    private var waitUntilS: Double?

    /// Drones fly their legs at this fraction of the top speed, keeping a margin for wind.
    static let droneTopSpeedFactor = 1.25
    static let arrivalM = 1.0
    /// A robot slows to `crowdCrawlMPS` with anyone this close ahead, and stops for anyone within `crowdStopM`
    /// and `crowdStopHalfAngleDeg` of its heading: pedestrians keep their centres 0.9 m from a robot's (its
    /// 0.6 m radius and half a body), so 0.95 m is touching.
    static let crowdSlowM = 1.2
    static let crowdStopM = 0.95
    static let crowdStopHalfAngleDeg = 30.0
    static let crowdCrawlMPS = 0.5

    /// - Parameters:
    ///   - spec: the fleet entry.
    ///   - dock: where it starts and charges.
    public init(spec: FleetDevice, dock: Point2) {
        self.spec = spec
        self.dock = dock
        switch spec.kind {
        case .drone:
            drone = DroneBody(position: Point3(dock, z: 0), maxSpeedMPS: spec.speedMPS * Self.droneTopSpeedFactor,
                              maxAccelMPS2: 5, maxClimbMPS: 4)
            battery = Battery(enduranceS: spec.enduranceS, timeShare: 0.7, fullChargeS: max(300, spec.enduranceS / 3))
        case .robot:
            robot = RobotBody(position: dock, maxSpeedMPS: spec.speedMPS)
            battery = Battery(enduranceS: spec.enduranceS, timeShare: 0.4, fullChargeS: max(300, spec.enduranceS / 4))
        }
    }

    public var id: String { spec.id }

    /// Ground position.
    public var position: Point2 { drone?.position.ground ?? robot!.position }

    /// Position with height: drone altitude, or the robot's camera mast height.
    public var position3: Point3 { drone?.position ?? Point3(robot!.position, z: spec.camera.altitudeM) }

    public var speedMPS: Double { drone?.groundSpeedMPS ?? robot!.speedMPS }

    /// Compass bearing of travel (drones) or of the body (robots).
    public var headingDeg: Double {
        if let drone {
            let v = Point2(x: drone.velocity.x, y: drone.velocity.y)
            return v.length > 0.1 ? Heading.bearingDeg(of: v) : cameraHeadingDeg
        }
        return robot!.headingDeg
    }

    /// Whether the camera looks at anything useful: drones in the air, robots awake and off the charger.
    public var cameraIsUseful: Bool {
        switch mode {
        case .crashed, .depleted, .charging: return false
        default: return drone.map { $0.position.z > 0.5 * spec.camera.altitudeM } ?? true
        }
    }

    // MARK: - Orders

    /// Follows a new route (from the hub or a baseline pilot); a device that is charging finishes first.
    /// - Parameters:
    ///   - newRoute: the route.
    ///   - nowS: when it was assigned: the route's schedule starts then, at its start offset.
    ///   - startOffsetS: seconds after `nowS` at which the device is due at the route's first stop.
    public mutating func assign(_ newRoute: DeviceRoute, at nowS: Double = 0, startOffsetS: Double = 0) {
        guard mode != .crashed, mode != .depleted else { return }
        var started = newRoute
        started.start(at: nowS, startOffsetS: startOffsetS)
        route = started
        pathTarget = nil
        waitUntilS = nil
        if mode != .charging && mode != .returning { mode = newRoute.stops.isEmpty ? .idle : .patrolling }
    }

    public mutating func returnToDock() {
        guard mode != .crashed, mode != .depleted, mode != .charging else { return }
        mode = .returning
        pathTarget = nil
    }

    public mutating func hold() {
        guard mode.isActive || mode == .idle else { return }
        mode = .holding
    }

    public mutating func resume() {
        guard mode == .holding || mode == .idle || isDispatched else { return }
        mode = route.map { $0.isFinished ? .idle : .patrolling } ?? .idle
        pathTarget = nil
    }

    public mutating func dispatch(to target: Point2, investigate: Bool) {
        guard mode != .crashed, mode != .depleted, mode != .charging, mode != .returning else { return }
        mode = .dispatched(target: target, investigate: investigate)
        investigateUntilS = nil
        pathTarget = nil
    }

    public mutating func crash() {
        mode = .crashed
        drone?.stop()
        if var body = drone {
            body.position.z = 0
            drone = body
        }
        robot?.speedMPS = 0
    }

    private var isDispatched: Bool {
        if case .dispatched = mode { return true }
        return false
    }

    // MARK: - Step

    /// Advances the device by one step.
    /// - Parameters:
    ///   - dtS: step length, seconds.
    ///   - nowS: simulated time, seconds.
    ///   - wind: wind velocity (drones), metres per second.
    ///   - paths: the robots' path finder (shared: its cache serves every robot).
    ///   - crowd: pedestrians robots must not drive into.
    public mutating func step(dtS: Double, nowS: Double, wind: Point2, paths: inout GridPathFinder,
                              crowd: PedestrianCrowd?) {
        wantsFrame = false
        switch mode {
        case .crashed, .depleted:
            return
        case .charging:
            battery.charge(dtS: dtS)
            if battery.isFull {
                chargeCount += 1
                mode = route.map { $0.isFinished ? .idle : .patrolling } ?? .idle
            }
            return
        default:
            break
        }
        if isDockedOnRoute {
            // A charging stop of the plan: charge while waiting for the departure time.
            battery.charge(dtS: dtS)
            if let until = waitUntilS, nowS < until { return }
            waitUntilS = nil
            route?.advance()
            pathTarget = nil
        } else if mode.isActive || (mode == .idle && position.distance(to: dock) > Self.arrivalM) {
            guardBattery()
        }

        let travelled: Double
        switch mode {
        case .patrolling:
            travelled = followRoute(dtS: dtS, nowS: nowS, wind: wind, paths: &paths, crowd: crowd)
        case .returning:
            travelled = goHome(dtS: dtS, wind: wind, paths: &paths, crowd: crowd)
        case .dispatched(let target, let investigate):
            let arrived: Bool
            (travelled, arrived) = move(toward: Point3(target, z: spec.camera.altitudeM), dtS: dtS, wind: wind,
                                        paths: &paths, crowd: crowd)
            if arrived {
                cameraHeadingDeg = Heading.bearingDeg(of: target - position)
                if investigate {
                    if investigateUntilS == nil {
                        investigateUntilS = nowS + 10
                        wantsFrame = true
                    } else if nowS >= investigateUntilS! {
                        investigateUntilS = nil
                        resume()
                    }
                } else {
                    mode = .holding
                }
            }
        case .holding:
            travelled = hover(dtS: dtS, wind: wind)
        case .idle:
            travelled = position.distance(to: dock) > Self.arrivalM ? hover(dtS: dtS, wind: wind) : 0
        case .charging, .crashed, .depleted:
            travelled = 0
        }
        distanceM += travelled
        let drains = !isDockedOnRoute
            && (mode.isActive || (mode == .idle && position.distance(to: dock) > Self.arrivalM)
                || (drone?.position.z ?? 0) > 0.1)
        if drains {
            battery.drain(dtS: dtS, distanceM: travelled, patrolSpeedMPS: spec.speedMPS, multiplier: drainMultiplier)
            if battery.isEmpty {
                mode = .depleted
                drone?.stop()
                robot?.speedMPS = 0
            }
        }
    }

    /// Goes home on its own when the charge left barely covers the way back (firmware safety net; the
    /// hub normally sends it home earlier).
    private mutating func guardBattery() {
        guard mode != .returning else { return }
        // The firmware knows its own drain rate, so a failing battery shortens the time it counts on.
        let homeS = position.distance(to: dock) / max(spec.speedMPS, 0.1) * 1.3 + 30
        if battery.enduranceRemainingS / max(1, drainMultiplier) <= homeS { mode = .returning }
    }

    /// Whether the device sits on its dock at a charging stop of its route.
    private var isDockedOnRoute: Bool {
        guard mode == .patrolling, waitUntilS != nil, let stop = route?.target, isDockStop(stop) else { return false }
        return position.distance(to: dock) <= Self.arrivalM && (drone?.position.z ?? 0) <= 0.05
    }

    private func isDockStop(_ stop: DeviceRoute.Stop) -> Bool {
        stop.position.ground.distance(to: dock) <= 2 && (drone == nil || stop.position.z <= 0.5)
    }

    private mutating func followRoute(dtS: Double, nowS: Double, wind: Point2, paths: inout GridPathFinder,
                                      crowd: PedestrianCrowd?) -> Double {
        guard var current = route, let stop = current.target else {
            mode = .idle
            return hover(dtS: dtS, wind: wind)
        }
        if let until = waitUntilS {
            // Ahead of schedule: hold here (drones hover, looking) until it is time to go on.
            guard nowS >= until else { return hover(dtS: dtS, wind: wind) }
            waitUntilS = nil
            current.advance()
            route = current
            pathTarget = nil
            if current.isFinished { mode = .holding }
            return hover(dtS: dtS, wind: wind)
        }
        // Transit corners and viewpoints the device is late for are flown through, not stopped at.
        let distance = position.distance(to: stop.position.ground)
        let passThrough = stop.lookHeadingDeg == nil && !isDockStop(stop)
            && (current.departureS(cruiseMPS: spec.speedMPS) ?? 0) <= nowS + distance / max(spec.speedMPS, 0.1)
        let travelled: Double, arrived: Bool
        if isDockStop(stop) {
            let before = mode
            travelled = goHome(dtS: dtS, wind: wind, paths: &paths, crowd: crowd)
            arrived = mode == .charging
            mode = before
        } else {
            // Behind schedule, a drone flies at its top speed to catch up (the plan assumes instant turns).
            let late = (current.departureS(cruiseMPS: spec.speedMPS) ?? .infinity) < nowS
            (travelled, arrived) = move(toward: stop.position, dtS: dtS, wind: wind, paths: &paths, crowd: crowd,
                                        passThrough: passThrough, hurry: late)
        }
        guard arrived else { return travelled }
        if let look = stop.lookHeadingDeg {
            if var body = robot {
                // A robot's camera is fixed to its body: turn to the bearing before taking the frame.
                let aligned = body.turn(towardDeg: look, dtS: dtS)
                robot = body
                guard aligned else { return travelled }
            }
            cameraHeadingDeg = look
            wantsFrame = true
        }
        var departure = current.departureS(cruiseMPS: spec.speedMPS) ?? nowS
        if isDockStop(stop), battery.fraction < 0.3 {
            // Late for a charging stop with a low battery: charge fully rather than keep the schedule.
            departure = max(departure, nowS + (1 - battery.fraction) * battery.fullChargeS)
        }
        if departure > nowS + dtS {
            waitUntilS = departure
            return travelled
        }
        current.advance()
        route = current
        pathTarget = nil
        if current.isFinished { mode = .holding }
        return travelled
    }

    private mutating func goHome(dtS: Double, wind: Point2, paths: inout GridPathFinder,
                                 crowd: PedestrianCrowd?) -> Double {
        if var body = drone {
            // Fly over the dock at patrol altitude, then land on it.
            let overDock = body.position.ground.distance(to: dock) <= 0.5
            let target = Point3(dock, z: overDock ? 0 : max(body.position.z, spec.camera.altitudeM))
            let flown = body.step(toward: target, cruiseMPS: spec.speedMPS, wind: wind, dtS: dtS)
            drone = body
            if overDock, body.position.z <= 0.05 {
                drone?.stop()
                mode = .charging
            }
            return flown
        }
        let (driven, arrived) = move(toward: Point3(dock, z: 0), dtS: dtS, wind: wind, paths: &paths, crowd: crowd)
        if arrived { mode = .charging }
        return driven
    }

    private mutating func hover(dtS: Double, wind: Point2) -> Double {
        guard var body = drone else {
            robot?.speedMPS = 0
            return 0
        }
        let flown = body.step(toward: body.position, cruiseMPS: spec.speedMPS, wind: wind, dtS: dtS)
        drone = body
        return flown
    }

    /// One step toward `target`; returns the distance travelled and whether the device is there.
    private mutating func move(toward target: Point3, dtS: Double, wind: Point2, paths: inout GridPathFinder,
                               crowd: PedestrianCrowd?, passThrough: Bool = false,
                               hurry: Bool = false) -> (Double, Bool) {
        if var body = drone {
            // Take off first, so drones never skim the ground.
            let cruiseZ = target.z > 0 ? target.z : spec.camera.altitudeM
            let climbing = body.position.z < 0.8 * cruiseZ && body.position.ground.distance(to: target.ground) > 2
            let aim = climbing ? Point3(body.position.ground, z: cruiseZ) : Point3(target.ground, z: cruiseZ)
            let flown = body.step(toward: aim, cruiseMPS: hurry ? body.maxSpeedMPS : spec.speedMPS, wind: wind,
                                  dtS: dtS,
                                  brake: !passThrough)
            drone = body
            let v = Point2(x: body.velocity.x, y: body.velocity.y)
            if v.length > 0.5 { cameraHeadingDeg = Heading.bearingDeg(of: v) }
            // Flying through, the next leg starts about a second before the corner so the turn stays smooth.
            let radius = passThrough ? max(Self.arrivalM, body.groundSpeedMPS) : Self.arrivalM
            let arrived = !climbing && body.position.ground.distance(to: target.ground) <= radius
                && abs(body.position.z - cruiseZ) <= 2
            return (flown, arrived)
        }
        return drive(toward: target.ground, dtS: dtS, paths: &paths, crowd: crowd, passThrough: passThrough)
    }

    private mutating func drive(toward goal: Point2, dtS: Double, paths: inout GridPathFinder,
                                crowd: PedestrianCrowd?, passThrough: Bool = false) -> (Double, Bool) {
        guard var body = robot else { return (0, true) }
        if pathTarget != goal {
            pathTarget = goal
            pathIndex = 0
            path = []
            if let start = paths.cellIndex(body.position), let end = paths.nearestPassableCell(to: goal),
               let cells = paths.path(from: paths.isPassable(start) ? start : end, to: end) {
                path = cells.dropFirst().map { paths.center($0) }
                let exact = paths.isPassable(goal) && paths.cellIndex(goal) == end
                if exact { if path.isEmpty { path = [goal] } else { path[path.count - 1] = goal } }
            }
            if path.isEmpty { path = [body.position] }
        }
        guard pathIndex < path.count else { return (0, true) }
        // Reach path points loosely except the last one.
        while pathIndex < path.count - 1, body.position.distance(to: path[pathIndex]) < 0.5 * paths.cellM {
            pathIndex += 1
        }
        var remaining = Double.infinity
        if !passThrough {
            // The length left only matters for braking, when it is short: past twice the braking distance at
            // cruise speed the braking limit is well above the cruise speed, so summing stops there (summing
            // whole long paths for every robot on every step was a hot spot with hundreds of robots).
            let enoughM = 2 * spec.speedMPS * spec.speedMPS / (2 * body.maxAccelMPS2) + 1
            remaining = body.position.distance(to: path[pathIndex])
            var index = pathIndex
            while index + 1 < path.count, remaining <= enoughM {
                remaining += path[index].distance(to: path[index + 1])
                index += 1
            }
        }
        // Someone touching the robot's front stops it; people close ahead make it edge forward, as a crowd
        // parts for a slow robot: pedestrians keep clear of robots and are never inside one
        // (`PedestrianCrowd.robotReachM`, the contact circle). Stopping for anyone within 1.2 m ahead held
        // robots still for most of an hour in every bundled mission's hotspots (1.5 to 3 people per m2).
        var speedCapMPS = spec.speedMPS
        if let crowd, crowd.anyone(near: body.position, radiusM: Self.crowdSlowM, aheadOf: body.headingDeg) {
            let touching = crowd.anyone(near: body.position, radiusM: Self.crowdStopM, aheadOf: body.headingDeg,
                                        withinDeg: Self.crowdStopHalfAngleDeg)
            speedCapMPS = touching ? 0 : min(spec.speedMPS, Self.crowdCrawlMPS)
        }
        let finder = paths
        let driven = body.step(toward: path[pathIndex], remainingM: remaining, cruiseMPS: spec.speedMPS,
                               speedCapMPS: speedCapMPS, dtS: dtS) { !finder.isPassable($0) }
        robot = body
        cameraHeadingDeg = body.headingDeg
        let arrived = pathIndex == path.count - 1
            && body.position.distance(to: path[pathIndex]) <= (passThrough ? 0.5 * paths.cellM : 0.3)
        return (driven, arrived)
    }
}
