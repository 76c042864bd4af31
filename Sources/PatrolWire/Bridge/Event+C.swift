import CPatrolProto

// protobuf-c conversions of Event and its bodies (operator.proto).

extension Event: CBridged {
    init(c message: UnsafePointer<Patrol__V1__Event>, at path: FieldPath) throws(WireError) {
        let m = message.pointee
        let body: Body
        switch m.body_case {
        case PATROL__V1__EVENT__BODY_FLEET:
            body = .fleet(try CRead.required(m.fleet, FleetEvent.self, at: path.child("fleet")))
        case PATROL__V1__EVENT__BODY_PLAN:
            body = .plan(try CRead.required(m.plan, PlanEvent.self, at: path.child("plan")))
        case PATROL__V1__EVENT__BODY_COVERAGE:
            body = .coverage(try CRead.required(m.coverage, CoverageEvent.self, at: path.child("coverage")))
        case PATROL__V1__EVENT__BODY_ALERT:
            guard let event = m.alert else {
                throw WireError(.missingField, field: path.child("alert").text, "absent")
            }
            body = .alert(try CRead.required(event.pointee.alert, Alert.self, at: path.child("alert").child("alert")))
        default:
            throw WireError(.missingBody, field: path.child("body").text,
                            "no body; expected fleet, plan, coverage or alert")
        }
        self.init(siteID: try CRead.string(m.site_id, path.child("site_id")), seq: m.seq, timeMS: m.time_ms,
                  body: body)
    }

    func cMessage(in arena: CArena) -> UnsafeMutablePointer<Patrol__V1__Event> {
        let m = arena.message(patrol__v1__event__init)
        m.pointee.site_id = arena.string(siteID)
        m.pointee.seq = seq
        m.pointee.time_ms = timeMS
        switch body {
        case .fleet(let event):
            m.pointee.body_case = PATROL__V1__EVENT__BODY_FLEET
            m.pointee.fleet = event.cMessage(in: arena)
        case .plan(let event):
            m.pointee.body_case = PATROL__V1__EVENT__BODY_PLAN
            m.pointee.plan = event.cMessage(in: arena)
        case .coverage(let event):
            m.pointee.body_case = PATROL__V1__EVENT__BODY_COVERAGE
            m.pointee.coverage = event.cMessage(in: arena)
        case .alert(let alert):
            m.pointee.body_case = PATROL__V1__EVENT__BODY_ALERT
            let event: UnsafeMutablePointer<Patrol__V1__AlertEvent> = arena.message(patrol__v1__alert_event__init)
            event.pointee.alert = alert.cMessage(in: arena)
            m.pointee.alert = event
        }
        return m
    }
}

extension FleetEvent: CBridged {
    init(c message: UnsafePointer<Patrol__V1__FleetEvent>, at path: FieldPath) throws(WireError) {
        let m = message.pointee
        self.init(devices: try CRead.list(m.n_devices, m.devices, DeviceInfo.self, max: WireLimits.maxListCount,
                                          at: path.child("devices")))
    }

    func cMessage(in arena: CArena) -> UnsafeMutablePointer<Patrol__V1__FleetEvent> {
        let m = arena.message(patrol__v1__fleet_event__init)
        m.pointee.n_devices = devices.count
        m.pointee.devices = arena.messages(devices)
        return m
    }
}

extension PlanEvent: CBridged {
    init(c message: UnsafePointer<Patrol__V1__PlanEvent>, at path: FieldPath) throws(WireError) {
        let m = message.pointee
        self.init(plan: try CRead.required(m.plan, PlanReply.self, at: path.child("plan")),
                  reason: try CRead.string(m.reason, path.child("reason")))
    }

    func cMessage(in arena: CArena) -> UnsafeMutablePointer<Patrol__V1__PlanEvent> {
        let m = arena.message(patrol__v1__plan_event__init)
        m.pointee.plan = plan.cMessage(in: arena)
        m.pointee.reason = arena.string(reason)
        return m
    }
}

extension CoverageRegion: CBridged {
    init(c message: UnsafePointer<Patrol__V1__CoverageRegion>, at path: FieldPath) throws(WireError) {
        let m = message.pointee
        let maxRuns = Int(WireLimits.maxCoverageCells)
        self.init(x0: m.x0, y0: m.y0, width: m.width, height: m.height,
                  runLengths: try CRead.scalars(m.n_run_lengths, m.run_lengths, max: maxRuns,
                                                at: path.child("run_lengths")),
                  runIdlenessS: try CRead.scalars(m.n_run_idleness_s, m.run_idleness_s, max: maxRuns,
                                                  at: path.child("run_idleness_s")))
    }

    func cMessage(in arena: CArena) -> UnsafeMutablePointer<Patrol__V1__CoverageRegion> {
        let m = arena.message(patrol__v1__coverage_region__init)
        m.pointee.x0 = x0
        m.pointee.y0 = y0
        m.pointee.width = width
        m.pointee.height = height
        m.pointee.n_run_lengths = runLengths.count
        m.pointee.run_lengths = arena.array(runLengths)
        m.pointee.n_run_idleness_s = runIdlenessS.count
        m.pointee.run_idleness_s = arena.array(runIdlenessS)
        return m
    }
}

extension CoverageEvent: CBridged {
    init(c message: UnsafePointer<Patrol__V1__CoverageEvent>, at path: FieldPath) throws(WireError) {
        let m = message.pointee
        self.init(regions: try CRead.list(m.n_regions, m.regions, CoverageRegion.self, max: WireLimits.maxListCount,
                                          at: path.child("regions")),
                  metrics: try CRead.required(m.metrics, PatrolMetrics.self, at: path.child("metrics")),
                  blindSpotCount: m.blind_spot_count)
    }

    func cMessage(in arena: CArena) -> UnsafeMutablePointer<Patrol__V1__CoverageEvent> {
        let m = arena.message(patrol__v1__coverage_event__init)
        m.pointee.n_regions = regions.count
        m.pointee.regions = arena.messages(regions)
        m.pointee.metrics = metrics.cMessage(in: arena)
        m.pointee.blind_spot_count = blindSpotCount
        return m
    }
}
