import CPatrolProto

// protobuf-c conversions of OperatorRequest and its bodies (operator.proto).

extension OperatorRequest: CBridged {
    init(c message: UnsafePointer<Patrol__V1__OperatorRequest>, at path: FieldPath) throws(WireError) {
        let m = message.pointee
        let body: Body
        // Bodies without fields still need their sub-message present: proto3 marks a oneof case by presence.
        func present(_ pointer: UnsafeRawPointer?, _ name: String) throws(WireError) {
            guard pointer != nil else { throw WireError(.missingField, field: path.child(name).text, "absent") }
        }
        switch m.body_case {
        case PATROL__V1__OPERATOR_REQUEST__BODY_STATUS:
            try present(m.status, "status")
            body = .status
        case PATROL__V1__OPERATOR_REQUEST__BODY_DEVICES:
            try present(m.devices, "devices")
            body = .devices
        case PATROL__V1__OPERATOR_REQUEST__BODY_LOAD_MISSION:
            body = .loadMission(try CRead.required(m.load_mission, LoadMissionRequest.self,
                                                   at: path.child("load_mission")))
        case PATROL__V1__OPERATOR_REQUEST__BODY_START_MISSION:
            try present(m.start_mission, "start_mission")
            body = .startMission
        case PATROL__V1__OPERATOR_REQUEST__BODY_STOP_MISSION:
            try present(m.stop_mission, "stop_mission")
            body = .stopMission
        case PATROL__V1__OPERATOR_REQUEST__BODY_PLAN:
            body = .plan(try CRead.required(m.plan, PlanRequest.self, at: path.child("plan")))
        case PATROL__V1__OPERATOR_REQUEST__BODY_COVERAGE:
            body = .coverage(try CRead.required(m.coverage, CoverageRequest.self, at: path.child("coverage")))
        case PATROL__V1__OPERATOR_REQUEST__BODY_BLIND_SPOTS:
            try present(m.blind_spots, "blind_spots")
            body = .blindSpots
        case PATROL__V1__OPERATOR_REQUEST__BODY_ALERTS:
            body = .alerts(try CRead.required(m.alerts, AlertsRequest.self, at: path.child("alerts")))
        case PATROL__V1__OPERATOR_REQUEST__BODY_ACKNOWLEDGE_ALERT:
            body = .acknowledgeAlert(try CRead.required(m.acknowledge_alert, AcknowledgeAlertRequest.self,
                                                        at: path.child("acknowledge_alert")))
        case PATROL__V1__OPERATOR_REQUEST__BODY_DISPATCH:
            body = .dispatch(try CRead.required(m.dispatch, DispatchRequest.self, at: path.child("dispatch")))
        case PATROL__V1__OPERATOR_REQUEST__BODY_REPLAN:
            body = .replan(try CRead.required(m.replan, ReplanRequest.self, at: path.child("replan")))
        case PATROL__V1__OPERATOR_REQUEST__BODY_SET_CAMERA_STATE:
            body = .setCameraState(try CRead.required(m.set_camera_state, SetCameraStateRequest.self,
                                                      at: path.child("set_camera_state")))
        default:
            throw WireError(.missingBody, field: path.child("body").text, "no body; expected a request")
        }
        self.init(requestID: m.request_id, body: body)
    }

    func cMessage(in arena: CArena) -> UnsafeMutablePointer<Patrol__V1__OperatorRequest> {
        let m = arena.message(patrol__v1__operator_request__init)
        m.pointee.request_id = requestID
        switch body {
        case .status:
            m.pointee.body_case = PATROL__V1__OPERATOR_REQUEST__BODY_STATUS
            m.pointee.status = arena.message(patrol__v1__status_request__init)
        case .devices:
            m.pointee.body_case = PATROL__V1__OPERATOR_REQUEST__BODY_DEVICES
            m.pointee.devices = arena.message(patrol__v1__devices_request__init)
        case .loadMission(let request):
            m.pointee.body_case = PATROL__V1__OPERATOR_REQUEST__BODY_LOAD_MISSION
            m.pointee.load_mission = request.cMessage(in: arena)
        case .startMission:
            m.pointee.body_case = PATROL__V1__OPERATOR_REQUEST__BODY_START_MISSION
            m.pointee.start_mission = arena.message(patrol__v1__start_mission_request__init)
        case .stopMission:
            m.pointee.body_case = PATROL__V1__OPERATOR_REQUEST__BODY_STOP_MISSION
            m.pointee.stop_mission = arena.message(patrol__v1__stop_mission_request__init)
        case .plan(let request):
            m.pointee.body_case = PATROL__V1__OPERATOR_REQUEST__BODY_PLAN
            m.pointee.plan = request.cMessage(in: arena)
        case .coverage(let request):
            m.pointee.body_case = PATROL__V1__OPERATOR_REQUEST__BODY_COVERAGE
            m.pointee.coverage = request.cMessage(in: arena)
        case .blindSpots:
            m.pointee.body_case = PATROL__V1__OPERATOR_REQUEST__BODY_BLIND_SPOTS
            m.pointee.blind_spots = arena.message(patrol__v1__blind_spots_request__init)
        case .alerts(let request):
            m.pointee.body_case = PATROL__V1__OPERATOR_REQUEST__BODY_ALERTS
            m.pointee.alerts = request.cMessage(in: arena)
        case .acknowledgeAlert(let request):
            m.pointee.body_case = PATROL__V1__OPERATOR_REQUEST__BODY_ACKNOWLEDGE_ALERT
            m.pointee.acknowledge_alert = request.cMessage(in: arena)
        case .dispatch(let request):
            m.pointee.body_case = PATROL__V1__OPERATOR_REQUEST__BODY_DISPATCH
            m.pointee.dispatch = request.cMessage(in: arena)
        case .replan(let request):
            m.pointee.body_case = PATROL__V1__OPERATOR_REQUEST__BODY_REPLAN
            m.pointee.replan = request.cMessage(in: arena)
        case .setCameraState(let request):
            m.pointee.body_case = PATROL__V1__OPERATOR_REQUEST__BODY_SET_CAMERA_STATE
            m.pointee.set_camera_state = request.cMessage(in: arena)
        }
        return m
    }
}

extension LoadMissionRequest: CBridged {
    init(c message: UnsafePointer<Patrol__V1__LoadMissionRequest>, at path: FieldPath) throws(WireError) {
        self.init(path: try CRead.string(message.pointee.path, path.child("path")))
    }

    func cMessage(in arena: CArena) -> UnsafeMutablePointer<Patrol__V1__LoadMissionRequest> {
        let m = arena.message(patrol__v1__load_mission_request__init)
        m.pointee.path = arena.string(path)
        return m
    }
}

extension PlanRequest: CBridged {
    init(c message: UnsafePointer<Patrol__V1__PlanRequest>, at path: FieldPath) throws(WireError) {
        self.init(preview: CRead.bool(message.pointee.preview))
    }

    func cMessage(in arena: CArena) -> UnsafeMutablePointer<Patrol__V1__PlanRequest> {
        let m = arena.message(patrol__v1__plan_request__init)
        m.pointee.preview = preview.cBool
        return m
    }
}

extension CoverageRequest: CBridged {
    init(c message: UnsafePointer<Patrol__V1__CoverageRequest>, at path: FieldPath) throws(WireError) {
        self.init(includeCells: CRead.bool(message.pointee.include_cells))
    }

    func cMessage(in arena: CArena) -> UnsafeMutablePointer<Patrol__V1__CoverageRequest> {
        let m = arena.message(patrol__v1__coverage_request__init)
        m.pointee.include_cells = includeCells.cBool
        return m
    }
}

extension AlertsRequest: CBridged {
    init(c message: UnsafePointer<Patrol__V1__AlertsRequest>, at path: FieldPath) throws(WireError) {
        self.init(includeResolved: CRead.bool(message.pointee.include_resolved))
    }

    func cMessage(in arena: CArena) -> UnsafeMutablePointer<Patrol__V1__AlertsRequest> {
        let m = arena.message(patrol__v1__alerts_request__init)
        m.pointee.include_resolved = includeResolved.cBool
        return m
    }
}

extension AcknowledgeAlertRequest: CBridged {
    init(c message: UnsafePointer<Patrol__V1__AcknowledgeAlertRequest>, at path: FieldPath) throws(WireError) {
        let m = message.pointee
        self.init(alertID: try CRead.string(m.alert_id, path.child("alert_id")),
                  operatorName: try CRead.string(m.operator_name, path.child("operator_name")))
    }

    func cMessage(in arena: CArena) -> UnsafeMutablePointer<Patrol__V1__AcknowledgeAlertRequest> {
        let m = arena.message(patrol__v1__acknowledge_alert_request__init)
        m.pointee.alert_id = arena.string(alertID)
        m.pointee.operator_name = arena.string(operatorName)
        return m
    }
}

extension DispatchRequest: CBridged {
    init(c message: UnsafePointer<Patrol__V1__DispatchRequest>, at path: FieldPath) throws(WireError) {
        let m = message.pointee
        self.init(deviceID: try CRead.string(m.device_id, path.child("device_id")),
                  target: try CRead.required(m.target, Vec3.self, at: path.child("target")),
                  alertID: try CRead.string(m.alert_id, path.child("alert_id")))
    }

    func cMessage(in arena: CArena) -> UnsafeMutablePointer<Patrol__V1__DispatchRequest> {
        let m = arena.message(patrol__v1__dispatch_request__init)
        m.pointee.device_id = arena.string(deviceID)
        m.pointee.target = target.cMessage(in: arena)
        m.pointee.alert_id = arena.string(alertID)
        return m
    }
}

extension ReplanRequest: CBridged {
    init(c message: UnsafePointer<Patrol__V1__ReplanRequest>, at path: FieldPath) throws(WireError) {
        self.init(reason: try CRead.string(message.pointee.reason, path.child("reason")))
    }

    func cMessage(in arena: CArena) -> UnsafeMutablePointer<Patrol__V1__ReplanRequest> {
        let m = arena.message(patrol__v1__replan_request__init)
        m.pointee.reason = arena.string(reason)
        return m
    }
}

extension SetCameraStateRequest: CBridged {
    init(c message: UnsafePointer<Patrol__V1__SetCameraStateRequest>, at path: FieldPath) throws(WireError) {
        let m = message.pointee
        self.init(cameraID: try CRead.string(m.camera_id, path.child("camera_id")), online: CRead.bool(m.online))
    }

    func cMessage(in arena: CArena) -> UnsafeMutablePointer<Patrol__V1__SetCameraStateRequest> {
        let m = arena.message(patrol__v1__set_camera_state_request__init)
        m.pointee.camera_id = arena.string(cameraID)
        m.pointee.online = online.cBool
        return m
    }
}
