import Foundation
import PatrolCore
import PatrolCoverage
import PatrolPlanner
import PatrolWire

/// The mission runtime: start / stop / load, planning and route assignment, battery, route following and
/// dispatch.
extension Hub {
    /// Replaces the mission: fleet sessions are rebuilt, connections of devices still in the fleet are kept.
    func installMission(_ runtime: MissionRuntime) {
        var sessions: [String: DeviceSession] = [:]
        for fleet in runtime.mission.fleet {
            let dock = runtime.mission.site.dock(id: fleet.dockID)?.position ?? .zero
            var session = DeviceSession(fleet: fleet, dock: dock)
            if let old = devices[fleet.id], old.fleet.kind == fleet.kind {
                session.routingID = old.routingID
                session.state = old.state
                session.lastSeenMS = old.lastSeenMS
                session.position = old.position
                session.batteryFraction = old.batteryFraction
                session.ackedSeq = old.ackedSeq
                session.durableSeqs = old.durableSeqs
                session.hubSeq = old.hubSeq
                session.routeVersion = old.routeVersion
            }
            sessions[fleet.id] = session
        }
        for (routingID, deviceID) in connections where sessions[deviceID] == nil {
            connections[routingID] = nil
        }
        devices = sessions
        sortedDeviceIDs = sessions.keys.sorted()
        lastPlanMS = nil
        mission = runtime
        missionGeneration += 1
        plannerPreparation = nil
        for deviceID in devices.keys { markFleetChanged(deviceID, urgent: true) }
    }

    /// Starts (or restarts) the mission: plans for the connected devices and assigns their routes.
    func startMission(reason: String) {
        guard var runtime = mission else { return }
        runtime.state = "running"
        mission = runtime
        if runtime.planner == nil && plannerPreparation == nil {
            // Prepared only for missions that run: a loaded mission may never need routes.
            plannerPreparation = PlannerPreparation(mission: runtime.mission, generation: missionGeneration)
        }
        batch.meta["mission_state"] = "running"
        log(.info, "mission running", ["mission": runtime.mission.name, "reason": reason])
        let firstCharge = Self.staggeredChargeFractions(runtime.mission.fleet,
                                                         reserveFraction: runtime.mission.policy.batteryReserveFraction)
        for deviceID in devices.keys { devices[deviceID]?.firstChargeFraction = firstCharge[deviceID] }
        replan(reason: reason)
    }

    /// Stops the mission: devices are told to return to their docks and routes are withdrawn.
    func stopMission() {
        guard var runtime = mission else { return }
        runtime.state = "stopped"
        runtime.routes = [:]
        mission = runtime
        // A plan being searched was asked for before the stop: even if the mission starts again before it
        // is found, it is dropped (the start plans afresh).
        planning?.isStale = true
        batch.meta["mission_state"] = "stopped"
        for (deviceID, session) in devices where session.connected {
            send(to: deviceID, .command(Command(kind: .returnToDock, reason: "mission stopped",
                                                commandID: nextCommandID())))
        }
        log(.info, "mission stopped", ["mission": runtime.mission.name])
        publishPlanEvent(reason: "stopped")
    }

    /// Loads another mission folder (operator request); it starts in the "loaded" state.
    func loadMission(path: String) throws {
        let runtime = try MissionRuntime.load(from: URL(fileURLWithPath: path), startMS: nowMS,
                                              preparePlanner: !configuration.preparePlannerInBackground)
        installMission(runtime)
        batch.meta["mission_path"] = URL(fileURLWithPath: path).standardizedFileURL.path
        batch.meta["mission_state"] = "loaded"
        log(.info, "mission loaded", ["mission": runtime.mission.name, "path": path])
    }

    var isMissionRunning: Bool { mission?.state == "running" }

    /// Installs the planner a worker thread finished, then plans a running mission with it.
    func collectPreparedPlanner() {
        guard let preparation = plannerPreparation, let planner = preparation.take() else { return }
        plannerPreparation = nil
        guard preparation.generation == missionGeneration, var runtime = mission else { return }
        runtime.planner = planner
        mission = runtime
        log(.info, "planner ready", ["mission": runtime.mission.name, "prepared_ms": nowMS - startedMS])
        if runtime.state == "running" { replan(reason: "start") }
    }

    // MARK: fleet changes

    /// A device registered (or came back): a running mission is planned again to include it.
    func deviceJoined(_ deviceID: String, reconnect: Bool) {
        guard isMissionRunning else { return }
        if reconnect, let session = devices[deviceID], let route = mission?.routes[deviceID] {
            // Same device, new connection, nothing lost: give it its route again at once.
            assign(route, to: session.id)
            return
        }
        scheduleReplan(reason: "device_joined")
    }

    /// A device was lost or left: its share is planned onto the others.
    func deviceLeft(_ deviceID: String, reason: String) {
        guard isMissionRunning, mission?.routes[deviceID] != nil else { return }
        if !relieve(deviceID) { scheduleReplan(reason: reason) }
    }

    /// A device reported a new state; charging devices that are full go back on patrol.
    func deviceStateChanged(_ deviceID: String) {
        checkCharged(deviceID)
    }

    /// Replans soon, coalescing several changes arriving together (several devices lost at once).
    /// - Parameters:
    ///   - routine: a change the fleet goes through all the time (a device sent to charge, one back from
    ///     charging): planned no sooner than the spacing after the last plan, together with the others of
    ///     that period. A 500-device fleet sends a device home or takes one back every few seconds, and a
    ///     replan of the whole fleet costs from tens of milliseconds to a second; a lost device is planned
    ///     around at once.
    ///   - spacingMS: that least time; the mission's `routineReplanSpacingMS` unless given.
    func scheduleReplan(reason: String, routine: Bool = false, spacingMS: Int64? = nil) {
        var due = nowMS + 100
        if routine, let lastMS = lastPlanMS { due = max(due, lastMS + (spacingMS ?? routineReplanSpacingMS)) }
        if let pending = replanDue, pending.atMS <= due { return }
        replanDue = (due, reason)
    }

    /// The least time between a plan and a routine replan for the mission's fleet.
    var routineReplanSpacingMS: Int64 { Self.routineReplanSpacingMS(fleetCount: mission?.mission.fleet.count ?? 0) }

    /// 120 ms per device, at most a minute: a few devices replan within a fraction of a second, 500 plan the
    /// changes of a minute together. Each replan of a large fleet hands every device a new loop and sends some
    /// over ground just seen: on the 500-device district (staggered first charges, 1800 s) a minute's spacing
    /// instead of half a minute made 30 plans instead of 60 and lowered the average idleness (seed 1: 21.4 ->
    /// 19.3 s, seed 2: 21.5 -> 19.2 s), every cell seen and every target met (worst ratio 0.64 -> 0.77 and
    /// 0.64 -> 0.58); festival-park (20 devices) and the smaller missions came out the same or within 0.2 s.
    static func routineReplanSpacingMS(fleetCount: Int) -> Int64 {
        min(60_000, 120 * Int64(max(0, fleetCount)))
    }

    /// Plans routes for the devices available now and assigns them: in place, or with `plansInBackground`
    /// on the planning worker, applied by `collectPlan` once found. One search at a time: a replan asked for
    /// meanwhile is made as soon as the one being searched is applied.
    func replan(reason: String) {
        guard let runtime = mission, runtime.state == "running" else { return }
        if planning != nil {
            if replanDue.map({ $0.atMS > nowMS }) ?? true { replanDue = (nowMS, reason) }
            return
        }
        let available = devices.values.filter { $0.isAvailableForPatrol }.sorted { $0.id < $1.id }
        let job = runtime.planningJob(devices: available.map(\.fleet),
                                      positions: Dictionary(uniqueKeysWithValues: available.map { ($0.id, $0.position) }),
                                      batteries: Dictionary(uniqueKeysWithValues: available.map { ($0.id, $0.batteryFraction) }),
                                      nowMS: nowMS)
        if let planningWorker, let job {
            do {
                try planningWorker.start(job)
                planningJobsStarted += 1
                planning = PlanningInFlight(reason: reason, job: planningJobsStarted, generation: missionGeneration)
                return
            } catch {
                log(.warning, "planning worker unreachable, planning in place", ["error": "\(error)"])
            }
        }
        let startedNS = DispatchTime.now().uptimeNanoseconds
        let plan = job.map { $0.planner.replan(fleetState: $0.fleetState, previous: $0.previous) }
        applyPlan(plan, planMS: Double(DispatchTime.now().uptimeNanoseconds - startedNS) / 1_000_000, reason: reason)
    }

    /// Applies the plan the worker found, if it has answered: unless the mission was reloaded or stopped
    /// meanwhile, in which case it is dropped. Answers the operators that waited for it either way.
    func collectPlan() {
        // The worker's frame is read even with nothing searched, so that it never keeps the poll awake.
        guard let outcome = planningWorker?.takeOutcome(), let searched = planning else { return }
        planning = nil
        if !searched.isStale, searched.generation == missionGeneration, mission?.state == "running" {
            applyPlan(outcome.plan, planMS: outcome.planMS, reason: searched.reason)
        } else {
            log(.info, "plan dropped: the mission changed while it was searched", ["reason": searched.reason])
        }
        answerPlanWaiters(upToJob: searched.job)
    }

    /// Answers, with the plan in force, the operators waiting for search `upToJob` or an earlier one.
    func answerPlanWaiters(upToJob job: Int) {
        let answered = planWaiters.filter { $0.afterJob <= job }
        guard !answered.isEmpty else { return }
        planWaiters.removeAll { $0.afterJob <= job }
        for waiter in answered {
            let body: OperatorReply.Body = mission.map { .plan($0.planReply()) } ?? noMission()
            sendOperatorReply(OperatorReply(requestID: waiter.requestID, body: body), envelope: waiter.envelope)
        }
    }

    /// The search an operator's plan request must wait for, having just called `replan` (`jobsBefore` is
    /// `planningJobsStarted` before that call); nil when the plan is already applied.
    func planToAwait(jobsBefore: Int) -> Int? {
        guard planning != nil else { return nil }
        // The call started a search, or found one running and queued the request behind it.
        return planningJobsStarted > jobsBefore ? planningJobsStarted : planningJobsStarted + 1
    }

    /// Makes `plan` the mission's plan and assigns its routes to the devices still available for patrol
    /// (one that left while the plan was searched has a replan of its own coming).
    private func applyPlan(_ plan: Plan?, planMS: Double, reason: String) {
        guard var runtime = mission else { return }
        planLatency.record(planMS)
        count("plans")
        runtime.planNumber += 1
        runtime.planID = "p\(nowMS)-\(runtime.planNumber)"
        if let plan {
            runtime.currentPlan = plan
            lastPlanMS = nowMS
        }
        runtime.routes = Dictionary(plan?.routes.map { ($0.deviceID, $0) } ?? [], uniquingKeysWith: { first, _ in first })
        runtime.planMetrics = plan.map {
            var metrics = $0.metrics
            metrics.planMS = planMS
            return metrics
        }
        mission = runtime
        let available = devices.values.filter { $0.isAvailableForPatrol }.sorted { $0.id < $1.id }
        log(.info, "plan", ["plan": runtime.planID, "reason": reason, "devices": available.count,
                            "routes": runtime.routes.count, "plan_ms": planMS])
        for session in available {
            if let route = runtime.routes[session.id] {
                assign(route, to: session.id)
            }
        }
        publishPlanEvent(reason: reason)
    }

    /// Sends a route to a device with the next version and records the assignment.
    func assign(_ route: PlannedRoute, to deviceID: String) {
        guard var session = devices[deviceID], let runtime = mission else { return }
        session.routeVersion += 1
        session.routeID = "\(runtime.planID)-\(deviceID)"
        session.route = route.waypoints.map(\.position)
        session.routeCycleS = route.cycleS
        session.progressChangedMS = 0
        session.progressWaypoint = 0
        devices[deviceID] = session
        let message = AssignRoute(routeID: session.routeID, version: session.routeVersion,
                                  waypoints: route.wireWaypoints, cyclic: true, cycleS: route.cycleS,
                                  startOffsetS: route.startOffsetS)
        send(to: deviceID, .assignRoute(message))
        // The stored copy is encoded only when there is a database to keep it (a replan of a large fleet
        // encodes hundreds of long routes); without one the batch still counts the assignment.
        let encoded = store == nil ? [] : HubMessage(seq: 0, body: .assignRoute(message)).encoded()
        batch.assignments.append(.init(deviceID: deviceID, planID: runtime.planID, routeID: session.routeID,
                                       version: session.routeVersion, assignedMS: nowMS, route: encoded))
        markFleetChanged(deviceID, urgent: true)
    }

    // MARK: battery

    /// Sends a device home when its remaining endurance falls to what it needs to reach its dock plus the
    /// mission's reserve.
    ///
    /// Runs on every telemetry message (ten a second per device), so it reads the mission in place instead
    /// of binding a copy of it: a copy retains and releases every collection the runtime holds (about 2 % of
    /// the 500-device simulation).
    func checkBattery(_ deviceID: String) {
        guard let session = devices[deviceID], session.duty == .patrol || isInvestigating(session),
              let reserveFraction = mission?.mission.policy.batteryReserveFraction else { return }
        if let fraction = session.firstChargeFraction, session.batteryFraction <= fraction, session.duty == .patrol,
           !(mission?.routes[deviceID]?.waypoints.contains { $0.purpose == .dock } ?? true) {
            sendToCharge(deviceID, reason: "staggered charging: first charge at \((fraction * 100).clampedInt)%, "
                         + "so the fleet's devices do not all leave at once")
            return
        }
        let reserveS = reserveFraction * session.fleet.enduranceS
        let dock = dockPosition(of: session)
        // Telemetry arrives at 10 Hz: the planned path (A* for robots) is computed only when the straight
        // line, a lower bound, says the device may be close to needing it.
        let straightS = session.fleet.speedMPS > 0 ? session.position.ground.distance(to: dock) / session.fleet.speedMPS : 0
        guard session.enduranceRemainingS <= reserveS + 3 * straightS + 120 else { return }
        var homeS = travelTimeS(session, to: Point3(dock, z: session.position.z))
        if !homeS.isFinite {
            // No planned path from the reported position (GPS noise puts a robot inside a building, or the
            // position is off the site): judge by the straight line with room for a detour, rather than
            // sending a healthy device home or trusting an infinite estimate.
            homeS = 1.5 * straightS
            guard session.enduranceRemainingS <= homeS + reserveS else { return }
            log(.warning, "home_unreachable", ["device": deviceID, "x_m": session.position.x,
                                               "y_m": session.position.y, "straight_s": straightS])
        }
        guard session.enduranceRemainingS <= homeS + reserveS else { return }
        sendToCharge(deviceID, reason: "battery: \(session.enduranceRemainingS.clampedInt) s left, home needs \(homeS.clampedInt) s")
    }

    /// Sends a device home to charge; the others are replanned to cover its share.
    private func sendToCharge(_ deviceID: String, reason: String) {
        guard let session = devices[deviceID] else { return }
        var updated = session
        updated.duty = .recharge(sinceMS: nowMS)
        updated.firstChargeFraction = nil
        devices[deviceID] = updated
        send(to: deviceID, .command(Command(kind: .returnToDock, reason: reason, commandID: nextCommandID())))
        raiseAlert(kind: .lowBattery, severity: .info, deviceID: deviceID, position: Vec3(session.position),
                   message: "device \(deviceID) sent home to charge (\((session.batteryFraction * 100).clampedInt)%): \(reason)",
                   value: session.batteryFraction)
        count("returns_to_dock")
        markFleetChanged(deviceID, urgent: true)
        if !relieve(deviceID) { scheduleReplan(reason: "charging", routine: true) }
    }

    /// Hands the route of `deviceID` (leaving to charge) to a charged device of its kind on standby, from the
    /// stop the leaving device had reached, so the others keep their routes. Returns false when no device
    /// stands by. A replan instead would reshuffle every loop of the kind for one device fewer now and
    /// one more when it is back: on festival-park that came every minute or so, and each one sent devices
    /// over ground just seen while loops' far ends waited.
    func relieve(_ deviceID: String) -> Bool {
        guard var runtime = mission, let leaving = devices[deviceID], let route = runtime.routes[deviceID],
              !route.waypoints.isEmpty else { return false }
        let relief = sortedDeviceIDs.compactMap { devices[$0] }.filter {
            $0.duty == .standby && $0.fleet.kind == leaving.fleet.kind && $0.isServiceable
        }.min { travelTimeS($0, to: route.waypoints[0].position) < travelTimeS($1, to: route.waypoints[0].position) }
        guard let relief else { return false }
        // The loop from where the leaving device was, reached after the relief's way there.
        let start = min(Int(leaving.progressWaypoint), route.waypoints.count - 1)
        let startS = route.waypoints[start].arrivalS
        var handed = route
        handed.deviceID = relief.id
        handed.waypoints = (Array(route.waypoints[start...]) + Array(route.waypoints[..<start])).map { waypoint in
            var shifted = waypoint
            shifted.arrivalS -= startS
            if shifted.arrivalS < 0 { shifted.arrivalS += route.cycleS }
            return shifted
        }
        let leadInS = travelTimeS(relief, to: handed.waypoints[0].position)
        handed.startOffsetS = leadInS.isFinite ? leadInS : 0
        runtime.routes[deviceID] = nil
        runtime.routes[relief.id] = handed
        mission = runtime
        devices[relief.id]?.duty = .patrol
        assign(handed, to: relief.id)
        count("reliefs")
        log(.info, "relief", ["device": relief.id, "relieves": deviceID, "lead_in_s": handed.startOffsetS])
        markFleetChanged(relief.id, urgent: true)
        return true
    }

    /// Battery fractions at which each device of the fleet first goes to charge, so that a kind's devices,
    /// which all start full and drain alike, do not all leave for their docks at once (on festival-park's
    /// first hour all twelve drones left within minutes, and stage-front cells went 16 minutes unseen).
    /// A kind's devices, in id order, get 1 - (1 - reserve) * (k + 1) / n: the last one the reserve itself
    /// (the usual rule), the first one a short early top-up. After that first charge each comes back full
    /// at a different time, so their later departures stay spread over the battery's span. Devices whose
    /// route has charging stops planned into it are not staggered.
    static func staggeredChargeFractions(_ fleet: [FleetDevice], reserveFraction: Double) -> [String: Double] {
        var fractions: [String: Double] = [:]
        for kind in DeviceKind.allCases {
            let ids = fleet.filter { $0.kind == kind }.map(\.id).sorted()
            guard ids.count > 1 else { continue }
            for (rank, id) in ids.enumerated() where rank + 1 < ids.count {
                fractions[id] = 1 - (1 - reserveFraction) * Double(rank + 1) / Double(ids.count)
            }
        }
        return fractions
    }

    /// A recharging device that is full again is planned back in, or, while another device of its kind is
    /// away charging and none stands by, waits at its dock to relieve the next one that leaves (one spare
    /// per kind: more would keep charged devices off patrol).
    func checkCharged(_ deviceID: String) {
        guard let session = devices[deviceID], case .recharge = session.duty else { return }
        guard session.batteryFraction >= 0.95, session.state == .charging || session.state == .idle else { return }
        resolveAlerts(kind: .lowBattery, deviceID: deviceID)
        markFleetChanged(deviceID, urgent: true)
        // A spare that was lost since (festival-park crashes drone-5 while it stands by) holds no place.
        let ofKind = devices.values.filter { $0.fleet.kind == session.fleet.kind && $0.id != deviceID && $0.isServiceable }
        let othersCharging = ofKind.contains { if case .recharge = $0.duty { true } else { false } }
        if othersCharging && !ofKind.contains(where: { $0.duty == .standby }) {
            devices[deviceID]?.duty = .standby
            log(.info, "standby", ["device": deviceID])
            return
        }
        devices[deviceID]?.duty = .patrol
        scheduleReplan(reason: "device_joined", routine: true)
    }

    private func dockPosition(of session: DeviceSession) -> Point2 {
        mission?.mission.site.dock(id: session.fleet.dockID)?.position ?? session.position.ground
    }

    private func isInvestigating(_ session: DeviceSession) -> Bool {
        if case .investigate = session.duty { return true }
        return false
    }

    /// Planned travel time of a device to a place, seconds.
    func travelTimeS(_ session: DeviceSession, to target: Point3) -> Double {
        mission?.travelTimeS(device: session.fleet, from: session.position, to: target) ?? .infinity
    }

    // MARK: route following, duties

    /// Periodic checks: charged devices, finished investigations, devices off route or stalled.
    ///
    /// Runs four times a second over the whole fleet: each session is copied once (a copy retains and
    /// releases every array, set and string it holds) and written back only where something changes.
    func checkDuties() {
        for deviceID in sortedDeviceIDs {
            guard let index = devices.index(forKey: deviceID) else { continue }
            let session = devices.values[index]
            guard session.connected, session.state != .lost else { continue }
            switch session.duty {
            case .recharge:
                checkCharged(deviceID)
            case .investigate(_, _, let untilMS):
                if nowMS >= untilMS || session.state == .patrolling {
                    devices[deviceID]?.duty = .patrol
                    if session.state != .patrolling {
                        send(to: deviceID, .command(Command(kind: .resume, reason: "investigation time over",
                                                            commandID: nextCommandID())))
                    }
                    markFleetChanged(deviceID, urgent: true)
                }
            case .patrol:
                checkRouteFollowing(session, at: index)
            case .standby:
                // Nobody of its kind away charging any more: no departure is near, so it patrols again.
                let kind = session.fleet.kind
                if !devices.values.contains(where: {
                    if case .recharge = $0.duty { $0.fleet.kind == kind && $0.connected } else { false }
                }) {
                    devices[deviceID]?.duty = .patrol
                    markFleetChanged(deviceID, urgent: true)
                    scheduleReplan(reason: "device_joined", routine: true)
                }
            }
        }
    }

    /// Raises an off-route alert for a patrolling device far from its route or not moving, and resolves it
    /// once the device follows the route again.
    /// - Parameters:
    ///   - session: the device's session as it is now.
    ///   - index: its index in `devices` (nothing here inserts or removes a device).
    private func checkRouteFollowing(_ session: DeviceSession, at index: Dictionary<String, DeviceSession>.Index) {
        guard session.state == .patrolling, session.route.count >= 2, session.progressChangedMS > 0,
              let cellM = mission?.mission.cellM else { return }
        let deviceID = session.id
        // Waypoints are joined by paths that detour around buildings (robots) and no-fly zones (drones), so the
        // straight legs get a generous corridor, and a device must stay outside it for a while.
        let toleranceM = max(25, 5 * cellM)
        let offRouteM = Self.distance(from: session.position.ground, toRoute: session.route,
                                      near: Int(session.progressWaypoint), withinM: toleranceM)
        let stalledMS = nowMS - max(session.lastMovedMS, session.progressChangedMS)
        let stallLimitMS: Int64 = 20_000
        let offRouteLimitMS: Int64 = 10_000
        var offRouteSinceMS = session.offRouteSinceMS
        if offRouteM > toleranceM {
            if offRouteSinceMS == nil { offRouteSinceMS = nowMS }
        } else {
            offRouteSinceMS = nil
        }
        if offRouteSinceMS != session.offRouteSinceMS { devices.values[index].offRouteSinceMS = offRouteSinceMS }
        let offRouteForMS = offRouteSinceMS.map { nowMS - $0 } ?? 0
        if offRouteM > toleranceM && offRouteForMS >= offRouteLimitMS {
            raiseAlert(kind: .offRoute, severity: .warning, deviceID: deviceID, position: Vec3(session.position),
                       message: "device \(deviceID) is \(offRouteM.clampedInt) m off its route \(session.routeID)",
                       value: offRouteM)
        } else if stalledMS > stallLimitMS {
            raiseAlert(kind: .offRoute, severity: .warning, deviceID: deviceID, position: Vec3(session.position),
                       message: "device \(deviceID) stalled on route \(session.routeID) for \(stalledMS / 1000) s",
                       value: Double(stalledMS) / 1000)
        } else if offRouteM <= toleranceM {
            resolveAlerts(kind: .offRoute, deviceID: deviceID)
        }
    }

    /// Distance from a point to the closed polyline through `points` (on the ground), metres.
    ///
    /// The legs around `nearIndex` (the waypoint the device reported heading for) are measured first: when
    /// one is within `withinM` that distance is returned without the rest, since this runs four times a
    /// second for every patrolling device and routes have hundreds of waypoints. Otherwise the result is the
    /// exact distance to the whole polyline.
    static func distance(from point: Point2, toRoute points: [Point3], near nearIndex: Int,
                         withinM: Double) -> Double {
        let count = points.count
        guard count > 0 else { return .infinity }
        func legDistance(_ index: Int) -> Double {
            let a = points[index].ground, b = points[(index + 1) % count].ground
            let ab = b - a
            let lengthSquared = Point2.dot(ab, ab)
            let t = lengthSquared > 0 ? min(1, max(0, Point2.dot(point - a, ab) / lengthSquared)) : 0
            return point.distance(to: a + ab * t)
        }
        var best = Double.infinity
        if count > 4 {
            for offset in -2...1 {
                best = min(best, legDistance(((nearIndex + offset) % count + count) % count))
            }
            if best <= withinM { return best }
        }
        for index in 0..<count { best = min(best, legDistance(index)) }
        return best
    }

    // MARK: dispatch

    /// Sends the capable device with the shortest travel time to investigate `target`.
    /// - Returns: the device id and its travel time, or nil when no device can go.
    func dispatchNearest(to target: Vec3, alertID: String, excluding: Set<String>) -> (String, Double)? {
        let candidates = devices.values.filter {
            $0.isAvailableForPatrol && !excluding.contains($0.id) && ($0.capabilities?.detection ?? true)
        }
        // A planned path (A* for robots) runs from the device's position to the target, so it is no shorter than
        // the straight line: candidates are timed nearest bound first, and once a bound exceeds the best time
        // found no later candidate can beat or tie it. The result is the device the full scan would pick.
        let bounded: [(session: DeviceSession, boundS: Double)] = candidates.map { session in
            (session, Self.travelTimeLowerBoundS(session, to: target.point))
        }
        let ordered = bounded.sorted { (a, b) -> Bool in
            a.boundS < b.boundS || (a.boundS == b.boundS && a.session.id < b.session.id)
        }
        var best: (String, Double)?
        for (session, boundS) in ordered {
            if let found = best, boundS > found.1 { break }
            let timeS = travelTimeS(session, to: target.point)
            guard timeS.isFinite else { continue }
            if let found = best, !(timeS < found.1 || (timeS == found.1 && session.id < found.0)) { continue }
            best = (session.id, timeS)
        }
        guard let best else {
            count("dispatch_failed")
            return nil
        }
        dispatch(best.0, to: target, alertID: alertID, travelTimeS: best.1)
        return best
    }

    /// A lower bound of `travelTimeS(session, to: target)`: the straight line at the device's speed, less a
    /// relative billionth so that rounding in a path's summed legs cannot put the path below it.
    static func travelTimeLowerBoundS(_ session: DeviceSession, to target: Point3) -> Double {
        guard session.fleet.speedMPS > 0 else { return .infinity }
        return session.position.ground.distance(to: target.ground) / session.fleet.speedMPS * (1 - 1e-9)
    }

    /// Commands one device to investigate `target`; it resumes its route afterwards.
    func dispatch(_ deviceID: String, to target: Vec3, alertID: String, travelTimeS: Double) {
        let lookS = 30.0
        let untilMS = nowMS + (min(travelTimeS.isFinite ? travelTimeS : 600, 86_400) + lookS).clampedInt64 * 1000
        devices[deviceID]?.duty = .investigate(alertID: alertID, target: target.point, untilMS: untilMS)
        send(to: deviceID, .command(Command(kind: .investigate, target: target, reason: "investigate alert \(alertID)",
                                            alertID: alertID, commandID: nextCommandID())))
        count("dispatches")
        log(.info, "dispatch", ["device": deviceID, "alert": alertID, "travel_s": travelTimeS])
        markFleetChanged(deviceID, urgent: true)
    }

    func nextCommandID() -> String {
        commandSeq += 1
        return "c\(commandSeq)"
    }

    // MARK: coverage

    func applyObservationToMap(_ deviceID: String, _ observation: Observation) {
        guard mission != nil else { return }
        // Applied in place: a copy of the runtime would share the map's buffers, and the map's mutation
        // would then copy them whole for every observation.
        if mission?.apply(observation, deviceID: deviceID) == true {
            count("observations_applied")
            // Report-to-map latency: from the frame's capture to the map holding it, read from the clock now
            // (not the step's start) so time spent queued behind other work in this step counts.
            reportToMapLatency.record(Double(max(0, clock.nowMS() - observation.capturedMS)))
        } else {
            count("observations_refused")
        }
    }

    /// Live metrics of the coverage map.
    func liveMetrics() -> PatrolWire.PatrolMetrics {
        mission?.liveMetrics(nowMS: nowMS) ?? PatrolWire.PatrolMetrics()
    }

    /// Blind spots of the map, and the stale-blind-spot and crowd alerts they raise.
    func evaluateCoverageAlerts() {
        guard mission?.coverage != nil else { return }
        mission?.updateBlindSpots(nowMS: nowMS)
        guard let runtime = mission else { return }
        let policy = runtime.mission.policy
        var stale: Set<String> = []
        for spot in runtime.blindSpots where spot.weight >= policy.staleAlertMinWeight
            && spot.worstRatio >= policy.staleAlertFactor {
            let key = "stale:\(spot.centroid.x.rounded().clampedInt):\(spot.centroid.y.rounded().clampedInt)"
            stale.insert(key)
            raiseAlert(kind: .staleBlindSpot, severity: .warning, deviceID: "",
                       position: Vec3(Point3(spot.centroid, z: 0)),
                       message: "blind spot of \(spot.areaM2.clampedInt) m2 (weight \(spot.weight)) unseen for "
                           + "\(spot.worstIdlenessS.clampedInt) s, \(String(format: "%.1f", spot.worstRatio))x its target",
                       value: spot.worstRatio, key: key)
        }
        for alert in alerts.values where alert.kind == .staleBlindSpot && alert.state != .resolved {
            if let key = alertKeys[alert.alertID], !stale.contains(key) { resolveAlert(alert.alertID) }
        }
        evaluateCrowdAlerts()
    }

    /// Crowd density sustained above the mission's threshold raises an alert; it resolves when it clears.
    private func evaluateCrowdAlerts() {
        guard var runtime = mission, let coverage = runtime.coverage else { return }
        let threshold = runtime.mission.policy.crowdDensityAlertPPM2
        guard threshold > 0 else { return }
        let regions = coverage.crowdRegions(nowMS: nowMS, thresholdPPM2: threshold)
        let changes = runtime.crowdAlerts.evaluate(crowdRegions: regions, nowMS: nowMS)
        mission = runtime
        for change in changes {
            let key = "crowd:\(change.alert.id)"
            if change.change == .resolved {
                for alert in alerts.values where alertKeys[alert.alertID] == key { resolveAlert(alert.alertID) }
            } else if change.change != .acknowledged {
                let position = change.alert.position ?? .zero
                raiseAlert(kind: .crowdDensity, severity: .critical, deviceID: "",
                           position: Vec3(Point3(position, z: 0)), message: change.alert.message,
                           value: change.alert.value, key: key)
            }
        }
    }
}

/// A replan being searched by the planning worker.
struct PlanningInFlight {
    var reason: String
    /// Its number among the searches started (`Hub.planningJobsStarted`).
    var job: Int
    /// The mission load it was asked for; a plan for an older load is dropped.
    var generation: Int
    /// Set when the mission stopped after it was asked for: the plan is dropped.
    var isStale = false
}

/// An operator waiting for the plan of search `afterJob` (or a later one) to be applied.
struct PlanWaiter {
    var envelope: [[UInt8]]
    var requestID: UInt64
    var afterJob: Int
}
