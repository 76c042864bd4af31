import CPatrolProto
import PatrolCore

// protobuf-c conversions of the device -> hub messages in device.proto.

extension DeviceMessage: CBridged {
    init(c message: UnsafePointer<Patrol__V1__DeviceMessage>, at path: FieldPath) throws(WireError) {
        let m = message.pointee
        let body: Body
        switch m.body_case {
        case PATROL__V1__DEVICE_MESSAGE__BODY_HELLO:
            body = .hello(try CRead.required(m.hello, Hello.self, at: path.child("hello")))
        case PATROL__V1__DEVICE_MESSAGE__BODY_HEARTBEAT:
            body = .heartbeat(try CRead.required(m.heartbeat, Heartbeat.self, at: path.child("heartbeat")))
        case PATROL__V1__DEVICE_MESSAGE__BODY_TELEMETRY:
            body = .telemetry(try CRead.required(m.telemetry, Telemetry.self, at: path.child("telemetry")))
        case PATROL__V1__DEVICE_MESSAGE__BODY_OBSERVATION:
            body = .observation(try CRead.required(m.observation, Observation.self, at: path.child("observation")))
        case PATROL__V1__DEVICE_MESSAGE__BODY_DETECTION:
            body = .detection(try CRead.required(m.detection, Detection.self, at: path.child("detection")))
        case PATROL__V1__DEVICE_MESSAGE__BODY_ROUTE_PROGRESS:
            body = .routeProgress(try CRead.required(m.route_progress, RouteProgress.self,
                                                     at: path.child("route_progress")))
        case PATROL__V1__DEVICE_MESSAGE__BODY_BYE:
            body = .bye(try CRead.required(m.bye, Bye.self, at: path.child("bye")))
        default:
            throw WireError(.missingBody, field: path.child("body").text,
                            "no body; expected hello, heartbeat, telemetry, observation, detection, " +
                            "route_progress or bye")
        }
        self.init(seq: m.seq, sentMS: m.sent_ms, body: body)
    }

    func cMessage(in arena: CArena) -> UnsafeMutablePointer<Patrol__V1__DeviceMessage> {
        let m = arena.message(patrol__v1__device_message__init)
        m.pointee.seq = seq
        m.pointee.sent_ms = sentMS
        switch body {
        case .hello(let hello):
            m.pointee.body_case = PATROL__V1__DEVICE_MESSAGE__BODY_HELLO
            m.pointee.hello = hello.cMessage(in: arena)
        case .heartbeat(let heartbeat):
            m.pointee.body_case = PATROL__V1__DEVICE_MESSAGE__BODY_HEARTBEAT
            m.pointee.heartbeat = heartbeat.cMessage(in: arena)
        case .telemetry(let telemetry):
            m.pointee.body_case = PATROL__V1__DEVICE_MESSAGE__BODY_TELEMETRY
            m.pointee.telemetry = telemetry.cMessage(in: arena)
        case .observation(let observation):
            m.pointee.body_case = PATROL__V1__DEVICE_MESSAGE__BODY_OBSERVATION
            m.pointee.observation = observation.cMessage(in: arena)
        case .detection(let detection):
            m.pointee.body_case = PATROL__V1__DEVICE_MESSAGE__BODY_DETECTION
            m.pointee.detection = detection.cMessage(in: arena)
        case .routeProgress(let progress):
            m.pointee.body_case = PATROL__V1__DEVICE_MESSAGE__BODY_ROUTE_PROGRESS
            m.pointee.route_progress = progress.cMessage(in: arena)
        case .bye(let bye):
            m.pointee.body_case = PATROL__V1__DEVICE_MESSAGE__BODY_BYE
            m.pointee.bye = bye.cMessage(in: arena)
        }
        return m
    }
}

extension Hello: CBridged {
    init(c message: UnsafePointer<Patrol__V1__Hello>, at path: FieldPath) throws(WireError) {
        let m = message.pointee
        self.init(deviceID: try CRead.string(m.device_id, path.child("device_id")),
                  kind: try DeviceKind.decode(m.kind, at: path.child("kind")),
                  protocolVersion: m.protocol_version,
                  capabilities: try CRead.required(m.capabilities, Capabilities.self, at: path.child("capabilities")),
                  firmware: try CRead.string(m.firmware, path.child("firmware")))
    }

    func cMessage(in arena: CArena) -> UnsafeMutablePointer<Patrol__V1__Hello> {
        let m = arena.message(patrol__v1__hello__init)
        m.pointee.device_id = arena.string(deviceID)
        m.pointee.kind = kind.cValue()
        m.pointee.protocol_version = protocolVersion
        m.pointee.capabilities = capabilities.cMessage(in: arena)
        m.pointee.firmware = arena.string(firmware)
        return m
    }
}

extension Capabilities: CBridged {
    init(c message: UnsafePointer<Patrol__V1__Capabilities>, at path: FieldPath) throws(WireError) {
        let m = message.pointee
        self.init(maxSpeedMPS: m.max_speed_mps, enduranceS: m.endurance_s,
                  camera: try CRead.required(m.camera, CameraSpec.self, at: path.child("camera")),
                  personCounting: CRead.bool(m.person_counting), detection: CRead.bool(m.detection))
    }

    func cMessage(in arena: CArena) -> UnsafeMutablePointer<Patrol__V1__Capabilities> {
        let m = arena.message(patrol__v1__capabilities__init)
        m.pointee.max_speed_mps = maxSpeedMPS
        m.pointee.endurance_s = enduranceS
        m.pointee.camera = camera.cMessage(in: arena)
        m.pointee.person_counting = personCounting.cBool
        m.pointee.detection = detection.cBool
        return m
    }
}

extension Heartbeat: CBridged {
    init(c message: UnsafePointer<Patrol__V1__Heartbeat>, at path: FieldPath) throws(WireError) {
        self.init(state: try DeviceState.decode(message.pointee.state, at: path.child("state")))
    }

    func cMessage(in arena: CArena) -> UnsafeMutablePointer<Patrol__V1__Heartbeat> {
        let m = arena.message(patrol__v1__heartbeat__init)
        m.pointee.state = state.cValue()
        return m
    }
}

extension Telemetry: CBridged {
    init(c message: UnsafePointer<Patrol__V1__Telemetry>, at path: FieldPath) throws(WireError) {
        let m = message.pointee
        self.init(position: try CRead.required(m.position, Vec3.self, at: path.child("position")),
                  headingDeg: m.heading_deg, speedMPS: m.speed_mps, batteryFraction: m.battery_fraction,
                  enduranceRemainingS: m.endurance_remaining_s,
                  state: try DeviceState.decode(m.state, at: path.child("state")))
    }

    func cMessage(in arena: CArena) -> UnsafeMutablePointer<Patrol__V1__Telemetry> {
        let m = arena.message(patrol__v1__telemetry__init)
        m.pointee.position = position.cMessage(in: arena)
        m.pointee.heading_deg = headingDeg
        m.pointee.speed_mps = speedMPS
        m.pointee.battery_fraction = batteryFraction
        m.pointee.endurance_remaining_s = enduranceRemainingS
        m.pointee.state = state.cValue()
        return m
    }
}

extension Observation: CBridged {
    init(c message: UnsafePointer<Patrol__V1__Observation>, at path: FieldPath) throws(WireError) {
        let m = message.pointee
        self.init(capturedMS: m.captured_ms,
                  cameraPosition: try CRead.required(m.camera_position, Vec3.self, at: path.child("camera_position")),
                  headingDeg: m.heading_deg, pitchDeg: m.pitch_deg, fovDeg: m.fov_deg, rangeM: m.range_m,
                  personCount: CRead.bool(m.has_person_count) ? m.person_count : nil,
                  confidence: m.confidence)
    }

    func cMessage(in arena: CArena) -> UnsafeMutablePointer<Patrol__V1__Observation> {
        let m = arena.message(patrol__v1__observation__init)
        m.pointee.captured_ms = capturedMS
        m.pointee.camera_position = cameraPosition.cMessage(in: arena)
        m.pointee.heading_deg = headingDeg
        m.pointee.pitch_deg = pitchDeg
        m.pointee.fov_deg = fovDeg
        m.pointee.range_m = rangeM
        m.pointee.has_person_count = (personCount != nil).cBool
        m.pointee.person_count = personCount ?? 0
        m.pointee.confidence = confidence
        return m
    }
}

extension Detection: CBridged {
    init(c message: UnsafePointer<Patrol__V1__Detection>, at path: FieldPath) throws(WireError) {
        let m = message.pointee
        self.init(detectionID: try CRead.string(m.detection_id, path.child("detection_id")),
                  kind: try CRead.string(m.kind, path.child("kind")),
                  position: try CRead.required(m.position, Vec3.self, at: path.child("position")),
                  confidence: m.confidence, detectedMS: m.detected_ms,
                  evidenceRef: try CRead.string(m.evidence_ref, path.child("evidence_ref")))
    }

    func cMessage(in arena: CArena) -> UnsafeMutablePointer<Patrol__V1__Detection> {
        let m = arena.message(patrol__v1__detection__init)
        m.pointee.detection_id = arena.string(detectionID)
        m.pointee.kind = arena.string(kind)
        m.pointee.position = position.cMessage(in: arena)
        m.pointee.confidence = confidence
        m.pointee.detected_ms = detectedMS
        m.pointee.evidence_ref = arena.string(evidenceRef)
        return m
    }
}

extension RouteProgress: CBridged {
    init(c message: UnsafePointer<Patrol__V1__RouteProgress>, at path: FieldPath) throws(WireError) {
        let m = message.pointee
        self.init(routeID: try CRead.string(m.route_id, path.child("route_id")), routeVersion: m.route_version,
                  waypointIndex: m.waypoint_index, cycleOffsetS: m.cycle_offset_s)
    }

    func cMessage(in arena: CArena) -> UnsafeMutablePointer<Patrol__V1__RouteProgress> {
        let m = arena.message(patrol__v1__route_progress__init)
        m.pointee.route_id = arena.string(routeID)
        m.pointee.route_version = routeVersion
        m.pointee.waypoint_index = waypointIndex
        m.pointee.cycle_offset_s = cycleOffsetS
        return m
    }
}

extension Bye: CBridged {
    init(c message: UnsafePointer<Patrol__V1__Bye>, at path: FieldPath) throws(WireError) {
        self.init(reason: try CRead.string(message.pointee.reason, path.child("reason")))
    }

    func cMessage(in arena: CArena) -> UnsafeMutablePointer<Patrol__V1__Bye> {
        let m = arena.message(patrol__v1__bye__init)
        m.pointee.reason = arena.string(reason)
        return m
    }
}
