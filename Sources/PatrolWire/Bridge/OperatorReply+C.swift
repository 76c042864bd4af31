import CPatrolProto
import PatrolCore

// protobuf-c conversions of OperatorReply and its bodies (operator.proto).

extension OperatorReply: CBridged {
    init(c message: UnsafePointer<Patrol__V1__OperatorReply>, at path: FieldPath) throws(WireError) {
        let m = message.pointee
        let body: Body
        switch m.body_case {
        case PATROL__V1__OPERATOR_REPLY__BODY_ERROR:
            body = .error(try CRead.required(m.error, ErrorReply.self, at: path.child("error")))
        case PATROL__V1__OPERATOR_REPLY__BODY_STATUS:
            body = .status(try CRead.required(m.status, StatusReply.self, at: path.child("status")))
        case PATROL__V1__OPERATOR_REPLY__BODY_DEVICES:
            body = .devices(try CRead.required(m.devices, DevicesReply.self, at: path.child("devices")))
        case PATROL__V1__OPERATOR_REPLY__BODY_MISSION:
            body = .mission(try CRead.required(m.mission, MissionReply.self, at: path.child("mission")))
        case PATROL__V1__OPERATOR_REPLY__BODY_PLAN:
            body = .plan(try CRead.required(m.plan, PlanReply.self, at: path.child("plan")))
        case PATROL__V1__OPERATOR_REPLY__BODY_COVERAGE:
            body = .coverage(try CRead.required(m.coverage, CoverageReply.self, at: path.child("coverage")))
        case PATROL__V1__OPERATOR_REPLY__BODY_BLIND_SPOTS:
            body = .blindSpots(try CRead.required(m.blind_spots, BlindSpotsReply.self, at: path.child("blind_spots")))
        case PATROL__V1__OPERATOR_REPLY__BODY_ALERTS:
            body = .alerts(try CRead.required(m.alerts, AlertsReply.self, at: path.child("alerts")))
        case PATROL__V1__OPERATOR_REPLY__BODY_ALERT:
            guard let reply = m.alert else {
                throw WireError(.missingField, field: path.child("alert").text, "absent")
            }
            body = .alert(try CRead.required(reply.pointee.alert, Alert.self, at: path.child("alert").child("alert")))
        case PATROL__V1__OPERATOR_REPLY__BODY_DISPATCH:
            body = .dispatch(try CRead.required(m.dispatch, DispatchReply.self, at: path.child("dispatch")))
        default:
            throw WireError(.missingBody, field: path.child("body").text, "no body; expected a reply")
        }
        self.init(requestID: m.request_id, body: body)
    }

    func cMessage(in arena: CArena) -> UnsafeMutablePointer<Patrol__V1__OperatorReply> {
        let m = arena.message(patrol__v1__operator_reply__init)
        m.pointee.request_id = requestID
        switch body {
        case .error(let reply):
            m.pointee.body_case = PATROL__V1__OPERATOR_REPLY__BODY_ERROR
            m.pointee.error = reply.cMessage(in: arena)
        case .status(let reply):
            m.pointee.body_case = PATROL__V1__OPERATOR_REPLY__BODY_STATUS
            m.pointee.status = reply.cMessage(in: arena)
        case .devices(let reply):
            m.pointee.body_case = PATROL__V1__OPERATOR_REPLY__BODY_DEVICES
            m.pointee.devices = reply.cMessage(in: arena)
        case .mission(let reply):
            m.pointee.body_case = PATROL__V1__OPERATOR_REPLY__BODY_MISSION
            m.pointee.mission = reply.cMessage(in: arena)
        case .plan(let reply):
            m.pointee.body_case = PATROL__V1__OPERATOR_REPLY__BODY_PLAN
            m.pointee.plan = reply.cMessage(in: arena)
        case .coverage(let reply):
            m.pointee.body_case = PATROL__V1__OPERATOR_REPLY__BODY_COVERAGE
            m.pointee.coverage = reply.cMessage(in: arena)
        case .blindSpots(let reply):
            m.pointee.body_case = PATROL__V1__OPERATOR_REPLY__BODY_BLIND_SPOTS
            m.pointee.blind_spots = reply.cMessage(in: arena)
        case .alerts(let reply):
            m.pointee.body_case = PATROL__V1__OPERATOR_REPLY__BODY_ALERTS
            m.pointee.alerts = reply.cMessage(in: arena)
        case .alert(let alert):
            m.pointee.body_case = PATROL__V1__OPERATOR_REPLY__BODY_ALERT
            let reply: UnsafeMutablePointer<Patrol__V1__AlertReply> = arena.message(patrol__v1__alert_reply__init)
            reply.pointee.alert = alert.cMessage(in: arena)
            m.pointee.alert = reply
        case .dispatch(let reply):
            m.pointee.body_case = PATROL__V1__OPERATOR_REPLY__BODY_DISPATCH
            m.pointee.dispatch = reply.cMessage(in: arena)
        }
        return m
    }
}

extension ErrorReply: CBridged {
    init(c message: UnsafePointer<Patrol__V1__ErrorReply>, at path: FieldPath) throws(WireError) {
        let m = message.pointee
        self.init(code: try CRead.string(m.code, path.child("code")),
                  message: try CRead.string(m.message, path.child("message")))
    }

    func cMessage(in arena: CArena) -> UnsafeMutablePointer<Patrol__V1__ErrorReply> {
        let m = arena.message(patrol__v1__error_reply__init)
        m.pointee.code = arena.string(code)
        m.pointee.message = arena.string(message)
        return m
    }
}

extension Counter: CBridged {
    init(c message: UnsafePointer<Patrol__V1__Counter>, at path: FieldPath) throws(WireError) {
        let m = message.pointee
        self.init(name: try CRead.string(m.name, path.child("name")), value: m.value)
    }

    func cMessage(in arena: CArena) -> UnsafeMutablePointer<Patrol__V1__Counter> {
        let m = arena.message(patrol__v1__counter__init)
        m.pointee.name = arena.string(name)
        m.pointee.value = value
        return m
    }
}

extension StatusReply: CBridged {
    init(c message: UnsafePointer<Patrol__V1__StatusReply>, at path: FieldPath) throws(WireError) {
        let m = message.pointee
        self.init(siteID: try CRead.string(m.site_id, path.child("site_id")),
                  missionName: try CRead.string(m.mission_name, path.child("mission_name")),
                  missionState: try CRead.string(m.mission_state, path.child("mission_state")),
                  hubTimeMS: m.hub_time_ms, uptimeS: m.uptime_s, devicesTotal: m.devices_total,
                  devicesConnected: m.devices_connected, alertsOpen: m.alerts_open,
                  counters: try CRead.list(m.n_counters, m.counters, Counter.self, max: WireLimits.maxListCount,
                                           at: path.child("counters")),
                  metrics: try CRead.optional(m.metrics, PatrolMetrics.self, at: path.child("metrics")),
                  planID: try CRead.string(m.plan_id, path.child("plan_id")))
    }

    func cMessage(in arena: CArena) -> UnsafeMutablePointer<Patrol__V1__StatusReply> {
        let m = arena.message(patrol__v1__status_reply__init)
        m.pointee.site_id = arena.string(siteID)
        m.pointee.mission_name = arena.string(missionName)
        m.pointee.mission_state = arena.string(missionState)
        m.pointee.hub_time_ms = hubTimeMS
        m.pointee.uptime_s = uptimeS
        m.pointee.devices_total = devicesTotal
        m.pointee.devices_connected = devicesConnected
        m.pointee.alerts_open = alertsOpen
        m.pointee.n_counters = counters.count
        m.pointee.counters = arena.messages(counters)
        m.pointee.metrics = metrics?.cMessage(in: arena)
        m.pointee.plan_id = arena.string(planID)
        return m
    }
}

extension DeviceInfo: CBridged {
    init(c message: UnsafePointer<Patrol__V1__DeviceInfo>, at path: FieldPath) throws(WireError) {
        let m = message.pointee
        self.init(deviceID: try CRead.string(m.device_id, path.child("device_id")),
                  kind: try DeviceKind.decode(m.kind, at: path.child("kind")),
                  state: try DeviceState.decode(m.state, at: path.child("state")),
                  position: try CRead.required(m.position, Vec3.self, at: path.child("position")),
                  headingDeg: m.heading_deg, batteryFraction: m.battery_fraction, lastSeenMS: m.last_seen_ms,
                  connected: CRead.bool(m.connected),
                  routeID: try CRead.string(m.route_id, path.child("route_id")),
                  routeVersion: m.route_version, speedMPS: m.speed_mps)
    }

    func cMessage(in arena: CArena) -> UnsafeMutablePointer<Patrol__V1__DeviceInfo> {
        let m = arena.message(patrol__v1__device_info__init)
        m.pointee.device_id = arena.string(deviceID)
        m.pointee.kind = kind.cValue()
        m.pointee.state = state.cValue()
        m.pointee.position = position.cMessage(in: arena)
        m.pointee.heading_deg = headingDeg
        m.pointee.battery_fraction = batteryFraction
        m.pointee.last_seen_ms = lastSeenMS
        m.pointee.connected = connected.cBool
        m.pointee.route_id = arena.string(routeID)
        m.pointee.route_version = routeVersion
        m.pointee.speed_mps = speedMPS
        return m
    }
}

extension DevicesReply: CBridged {
    init(c message: UnsafePointer<Patrol__V1__DevicesReply>, at path: FieldPath) throws(WireError) {
        let m = message.pointee
        self.init(devices: try CRead.list(m.n_devices, m.devices, DeviceInfo.self, max: WireLimits.maxListCount,
                                          at: path.child("devices")))
    }

    func cMessage(in arena: CArena) -> UnsafeMutablePointer<Patrol__V1__DevicesReply> {
        let m = arena.message(patrol__v1__devices_reply__init)
        m.pointee.n_devices = devices.count
        m.pointee.devices = arena.messages(devices)
        return m
    }
}

extension MissionReply: CBridged {
    init(c message: UnsafePointer<Patrol__V1__MissionReply>, at path: FieldPath) throws(WireError) {
        let m = message.pointee
        self.init(missionName: try CRead.string(m.mission_name, path.child("mission_name")),
                  missionState: try CRead.string(m.mission_state, path.child("mission_state")))
    }

    func cMessage(in arena: CArena) -> UnsafeMutablePointer<Patrol__V1__MissionReply> {
        let m = arena.message(patrol__v1__mission_reply__init)
        m.pointee.mission_name = arena.string(missionName)
        m.pointee.mission_state = arena.string(missionState)
        return m
    }
}

extension Route: CBridged {
    init(c message: UnsafePointer<Patrol__V1__Route>, at path: FieldPath) throws(WireError) {
        let m = message.pointee
        self.init(deviceID: try CRead.string(m.device_id, path.child("device_id")),
                  kind: try DeviceKind.decode(m.kind, at: path.child("kind")),
                  waypoints: try CRead.list(m.n_waypoints, m.waypoints, Waypoint.self, max: WireLimits.maxWaypoints,
                                            at: path.child("waypoints")),
                  cycleS: m.cycle_s, startOffsetS: m.start_offset_s)
    }

    func cMessage(in arena: CArena) -> UnsafeMutablePointer<Patrol__V1__Route> {
        let m = arena.message(patrol__v1__route__init)
        m.pointee.device_id = arena.string(deviceID)
        m.pointee.kind = kind.cValue()
        m.pointee.n_waypoints = waypoints.count
        m.pointee.waypoints = arena.messages(waypoints)
        m.pointee.cycle_s = cycleS
        m.pointee.start_offset_s = startOffsetS
        return m
    }
}

extension PlanReply: CBridged {
    init(c message: UnsafePointer<Patrol__V1__PlanReply>, at path: FieldPath) throws(WireError) {
        let m = message.pointee
        self.init(planID: try CRead.string(m.plan_id, path.child("plan_id")),
                  routes: try CRead.list(m.n_routes, m.routes, Route.self, max: WireLimits.maxListCount,
                                         at: path.child("routes")),
                  metrics: try CRead.required(m.metrics, PatrolMetrics.self, at: path.child("metrics")))
    }

    func cMessage(in arena: CArena) -> UnsafeMutablePointer<Patrol__V1__PlanReply> {
        let m = arena.message(patrol__v1__plan_reply__init)
        m.pointee.plan_id = arena.string(planID)
        m.pointee.n_routes = routes.count
        m.pointee.routes = arena.messages(routes)
        m.pointee.metrics = metrics.cMessage(in: arena)
        return m
    }
}

extension CoverageReply: CBridged {
    init(c message: UnsafePointer<Patrol__V1__CoverageReply>, at path: FieldPath) throws(WireError) {
        let m = message.pointee
        let maxRuns = Int(WireLimits.maxCoverageCells)
        self.init(hubTimeMS: m.hub_time_ms, width: m.width, height: m.height, cellM: m.cell_m,
                  minXM: m.min_x_m, minYM: m.min_y_m,
                  runLengths: try CRead.scalars(m.n_run_lengths, m.run_lengths, max: maxRuns,
                                                at: path.child("run_lengths")),
                  runIdlenessS: try CRead.scalars(m.n_run_idleness_s, m.run_idleness_s, max: maxRuns,
                                                  at: path.child("run_idleness_s")),
                  metrics: try CRead.required(m.metrics, PatrolMetrics.self, at: path.child("metrics")))
    }

    func cMessage(in arena: CArena) -> UnsafeMutablePointer<Patrol__V1__CoverageReply> {
        let m = arena.message(patrol__v1__coverage_reply__init)
        m.pointee.hub_time_ms = hubTimeMS
        m.pointee.width = width
        m.pointee.height = height
        m.pointee.cell_m = cellM
        m.pointee.min_x_m = minXM
        m.pointee.min_y_m = minYM
        m.pointee.n_run_lengths = runLengths.count
        m.pointee.run_lengths = arena.array(runLengths)
        m.pointee.n_run_idleness_s = runIdlenessS.count
        m.pointee.run_idleness_s = arena.array(runIdlenessS)
        m.pointee.metrics = metrics.cMessage(in: arena)
        return m
    }
}

extension BlindSpot: CBridged {
    init(c message: UnsafePointer<Patrol__V1__BlindSpot>, at path: FieldPath) throws(WireError) {
        let m = message.pointee
        self.init(blindSpotID: m.blind_spot_id, areaM2: m.area_m2, weight: m.weight,
                  worstIdlenessS: m.worst_idleness_s,
                  centroid: try CRead.required(m.centroid, Vec3.self, at: path.child("centroid")),
                  cellCount: m.cell_count, revisitS: m.revisit_s)
    }

    func cMessage(in arena: CArena) -> UnsafeMutablePointer<Patrol__V1__BlindSpot> {
        let m = arena.message(patrol__v1__blind_spot__init)
        m.pointee.blind_spot_id = blindSpotID
        m.pointee.area_m2 = areaM2
        m.pointee.weight = weight
        m.pointee.worst_idleness_s = worstIdlenessS
        m.pointee.centroid = centroid.cMessage(in: arena)
        m.pointee.cell_count = cellCount
        m.pointee.revisit_s = revisitS
        return m
    }
}

extension BlindSpotsReply: CBridged {
    init(c message: UnsafePointer<Patrol__V1__BlindSpotsReply>, at path: FieldPath) throws(WireError) {
        let m = message.pointee
        self.init(blindSpots: try CRead.list(m.n_blind_spots, m.blind_spots, BlindSpot.self,
                                             max: WireLimits.maxListCount, at: path.child("blind_spots")),
                  hubTimeMS: m.hub_time_ms)
    }

    func cMessage(in arena: CArena) -> UnsafeMutablePointer<Patrol__V1__BlindSpotsReply> {
        let m = arena.message(patrol__v1__blind_spots_reply__init)
        m.pointee.n_blind_spots = blindSpots.count
        m.pointee.blind_spots = arena.messages(blindSpots)
        m.pointee.hub_time_ms = hubTimeMS
        return m
    }
}

extension AlertsReply: CBridged {
    init(c message: UnsafePointer<Patrol__V1__AlertsReply>, at path: FieldPath) throws(WireError) {
        let m = message.pointee
        self.init(alerts: try CRead.list(m.n_alerts, m.alerts, Alert.self, max: WireLimits.maxListCount,
                                         at: path.child("alerts")))
    }

    func cMessage(in arena: CArena) -> UnsafeMutablePointer<Patrol__V1__AlertsReply> {
        let m = arena.message(patrol__v1__alerts_reply__init)
        m.pointee.n_alerts = alerts.count
        m.pointee.alerts = arena.messages(alerts)
        return m
    }
}

extension DispatchReply: CBridged {
    init(c message: UnsafePointer<Patrol__V1__DispatchReply>, at path: FieldPath) throws(WireError) {
        let m = message.pointee
        self.init(deviceID: try CRead.string(m.device_id, path.child("device_id")), travelTimeS: m.travel_time_s)
    }

    func cMessage(in arena: CArena) -> UnsafeMutablePointer<Patrol__V1__DispatchReply> {
        let m = arena.message(patrol__v1__dispatch_reply__init)
        m.pointee.device_id = arena.string(deviceID)
        m.pointee.travel_time_s = travelTimeS
        return m
    }
}
