import CPatrolProto
import PatrolCore

// protobuf-c conversions of the messages in common.proto.

extension Vec3: CBridged {
    init(c message: UnsafePointer<Patrol__V1__Vec3>, at path: FieldPath) throws(WireError) {
        let m = message.pointee
        self.init(xM: m.x_m, yM: m.y_m, zM: m.z_m)
    }

    func cMessage(in arena: CArena) -> UnsafeMutablePointer<Patrol__V1__Vec3> {
        let m = arena.message(patrol__v1__vec3__init)
        m.pointee.x_m = xM
        m.pointee.y_m = yM
        m.pointee.z_m = zM
        return m
    }
}

extension Waypoint: CBridged {
    init(c message: UnsafePointer<Patrol__V1__Waypoint>, at path: FieldPath) throws(WireError) {
        let m = message.pointee
        self.init(position: try CRead.required(m.position, Vec3.self, at: path.child("position")),
                  offsetS: m.offset_s, headingDeg: m.heading_deg, look: CRead.bool(m.look))
    }

    func cMessage(in arena: CArena) -> UnsafeMutablePointer<Patrol__V1__Waypoint> {
        let m = arena.message(patrol__v1__waypoint__init)
        m.pointee.position = position.cMessage(in: arena)
        m.pointee.offset_s = offsetS
        m.pointee.heading_deg = headingDeg
        m.pointee.look = look.cBool
        return m
    }
}

extension CameraSpec: CBridged {
    init(c message: UnsafePointer<Patrol__V1__CameraSpec>, at path: FieldPath) throws(WireError) {
        let m = message.pointee
        self.init(fovDeg: m.fov_deg, rangeM: m.range_m, pitchDeg: m.pitch_deg, altitudeM: m.altitude_m)
    }

    func cMessage(in arena: CArena) -> UnsafeMutablePointer<Patrol__V1__CameraSpec> {
        let m = arena.message(patrol__v1__camera_spec__init)
        m.pointee.fov_deg = fovDeg
        m.pointee.range_m = rangeM
        m.pointee.pitch_deg = pitchDeg
        m.pointee.altitude_m = altitudeM
        return m
    }
}

extension PatrolMetrics: CBridged {
    init(c message: UnsafePointer<Patrol__V1__PatrolMetrics>, at path: FieldPath) throws(WireError) {
        let m = message.pointee
        self.init(avgIdlenessS: m.avg_idleness_s, worstIdlenessS: m.worst_idleness_s, worstRatio: m.worst_ratio,
                  coverageFraction: m.coverage_fraction, blindExposure: m.blind_exposure, planMS: m.plan_ms)
    }

    func cMessage(in arena: CArena) -> UnsafeMutablePointer<Patrol__V1__PatrolMetrics> {
        let m = arena.message(patrol__v1__patrol_metrics__init)
        m.pointee.avg_idleness_s = avgIdlenessS
        m.pointee.worst_idleness_s = worstIdlenessS
        m.pointee.worst_ratio = worstRatio
        m.pointee.coverage_fraction = coverageFraction
        m.pointee.blind_exposure = blindExposure
        m.pointee.plan_ms = planMS
        return m
    }
}

extension Alert: CBridged {
    init(c message: UnsafePointer<Patrol__V1__Alert>, at path: FieldPath) throws(WireError) {
        let m = message.pointee
        self.init(alertID: try CRead.string(m.alert_id, path.child("alert_id")),
                  kind: try AlertKind.decode(m.kind, at: path.child("kind")),
                  severity: try Severity.decode(m.severity, at: path.child("severity")),
                  state: try AlertState.decode(m.state, at: path.child("state")),
                  message: try CRead.string(m.message, path.child("message")),
                  position: try CRead.required(m.position, Vec3.self, at: path.child("position")),
                  openedMS: m.opened_ms, updatedMS: m.updated_ms,
                  deviceID: try CRead.string(m.device_id, path.child("device_id")),
                  value: m.value,
                  evidenceRef: try CRead.string(m.evidence_ref, path.child("evidence_ref")))
    }

    func cMessage(in arena: CArena) -> UnsafeMutablePointer<Patrol__V1__Alert> {
        let m = arena.message(patrol__v1__alert__init)
        m.pointee.alert_id = arena.string(alertID)
        m.pointee.kind = kind.cValue()
        m.pointee.severity = severity.cValue()
        m.pointee.state = state.cValue()
        m.pointee.message = arena.string(message)
        m.pointee.position = position.cMessage(in: arena)
        m.pointee.opened_ms = openedMS
        m.pointee.updated_ms = updatedMS
        m.pointee.device_id = arena.string(deviceID)
        m.pointee.value = value
        m.pointee.evidence_ref = arena.string(evidenceRef)
        return m
    }
}
