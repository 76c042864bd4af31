import CPatrolProto

// protobuf-c conversions of the hub -> device messages in device.proto.

extension HubMessage: CBridged {
    init(c message: UnsafePointer<Patrol__V1__HubMessage>, at path: FieldPath) throws(WireError) {
        let m = message.pointee
        let body: Body
        switch m.body_case {
        case PATROL__V1__HUB_MESSAGE__BODY_WELCOME:
            body = .welcome(try CRead.required(m.welcome, Welcome.self, at: path.child("welcome")))
        case PATROL__V1__HUB_MESSAGE__BODY_REJECT:
            body = .reject(try CRead.required(m.reject, Reject.self, at: path.child("reject")))
        case PATROL__V1__HUB_MESSAGE__BODY_ASSIGN_ROUTE:
            body = .assignRoute(try CRead.required(m.assign_route, AssignRoute.self, at: path.child("assign_route")))
        case PATROL__V1__HUB_MESSAGE__BODY_COMMAND:
            body = .command(try CRead.required(m.command, Command.self, at: path.child("command")))
        case PATROL__V1__HUB_MESSAGE__BODY_ACK:
            body = .ack(try CRead.required(m.ack, Ack.self, at: path.child("ack")))
        default:
            throw WireError(.missingBody, field: path.child("body").text,
                            "no body; expected welcome, reject, assign_route, command or ack")
        }
        self.init(seq: m.seq, ackSeq: m.ack_seq, body: body)
    }

    func cMessage(in arena: CArena) -> UnsafeMutablePointer<Patrol__V1__HubMessage> {
        let m = arena.message(patrol__v1__hub_message__init)
        m.pointee.seq = seq
        m.pointee.ack_seq = ackSeq
        switch body {
        case .welcome(let welcome):
            m.pointee.body_case = PATROL__V1__HUB_MESSAGE__BODY_WELCOME
            m.pointee.welcome = welcome.cMessage(in: arena)
        case .reject(let reject):
            m.pointee.body_case = PATROL__V1__HUB_MESSAGE__BODY_REJECT
            m.pointee.reject = reject.cMessage(in: arena)
        case .assignRoute(let route):
            m.pointee.body_case = PATROL__V1__HUB_MESSAGE__BODY_ASSIGN_ROUTE
            m.pointee.assign_route = route.cMessage(in: arena)
        case .command(let command):
            m.pointee.body_case = PATROL__V1__HUB_MESSAGE__BODY_COMMAND
            m.pointee.command = command.cMessage(in: arena)
        case .ack(let ack):
            m.pointee.body_case = PATROL__V1__HUB_MESSAGE__BODY_ACK
            m.pointee.ack = ack.cMessage(in: arena)
        }
        return m
    }
}

extension Welcome: CBridged {
    init(c message: UnsafePointer<Patrol__V1__Welcome>, at path: FieldPath) throws(WireError) {
        let m = message.pointee
        self.init(deviceID: try CRead.string(m.device_id, path.child("device_id")),
                  protocolVersion: m.protocol_version,
                  siteID: try CRead.string(m.site_id, path.child("site_id")),
                  heartbeatIntervalMS: m.heartbeat_interval_ms, lostAfterMissed: m.lost_after_missed,
                  hubTimeMS: m.hub_time_ms, lastAckedSeq: m.last_acked_seq)
    }

    func cMessage(in arena: CArena) -> UnsafeMutablePointer<Patrol__V1__Welcome> {
        let m = arena.message(patrol__v1__welcome__init)
        m.pointee.device_id = arena.string(deviceID)
        m.pointee.protocol_version = protocolVersion
        m.pointee.site_id = arena.string(siteID)
        m.pointee.heartbeat_interval_ms = heartbeatIntervalMS
        m.pointee.lost_after_missed = lostAfterMissed
        m.pointee.hub_time_ms = hubTimeMS
        m.pointee.last_acked_seq = lastAckedSeq
        return m
    }
}

extension Reject: CBridged {
    init(c message: UnsafePointer<Patrol__V1__Reject>, at path: FieldPath) throws(WireError) {
        let m = message.pointee
        self.init(reason: try RejectReason.decode(m.reason, at: path.child("reason")),
                  detail: try CRead.string(m.detail, path.child("detail")))
    }

    func cMessage(in arena: CArena) -> UnsafeMutablePointer<Patrol__V1__Reject> {
        let m = arena.message(patrol__v1__reject__init)
        m.pointee.reason = reason.cValue()
        m.pointee.detail = arena.string(detail)
        return m
    }
}

extension AssignRoute: CBridged {
    init(c message: UnsafePointer<Patrol__V1__AssignRoute>, at path: FieldPath) throws(WireError) {
        let m = message.pointee
        self.init(routeID: try CRead.string(m.route_id, path.child("route_id")), version: m.version,
                  waypoints: try CRead.list(m.n_waypoints, m.waypoints, Waypoint.self, max: WireLimits.maxWaypoints,
                                            at: path.child("waypoints")),
                  cyclic: CRead.bool(m.cyclic), cycleS: m.cycle_s, startOffsetS: m.start_offset_s)
    }

    func cMessage(in arena: CArena) -> UnsafeMutablePointer<Patrol__V1__AssignRoute> {
        let m = arena.message(patrol__v1__assign_route__init)
        m.pointee.route_id = arena.string(routeID)
        m.pointee.version = version
        m.pointee.n_waypoints = waypoints.count
        m.pointee.waypoints = arena.messages(waypoints)
        m.pointee.cyclic = cyclic.cBool
        m.pointee.cycle_s = cycleS
        m.pointee.start_offset_s = startOffsetS
        return m
    }
}

extension Command: CBridged {
    init(c message: UnsafePointer<Patrol__V1__Command>, at path: FieldPath) throws(WireError) {
        let m = message.pointee
        self.init(kind: try CommandKind.decode(m.kind, at: path.child("kind")),
                  target: try CRead.optional(m.target, Vec3.self, at: path.child("target")),
                  reason: try CRead.string(m.reason, path.child("reason")),
                  alertID: try CRead.string(m.alert_id, path.child("alert_id")),
                  commandID: try CRead.string(m.command_id, path.child("command_id")))
    }

    func cMessage(in arena: CArena) -> UnsafeMutablePointer<Patrol__V1__Command> {
        let m = arena.message(patrol__v1__command__init)
        m.pointee.kind = kind.cValue()
        m.pointee.target = target?.cMessage(in: arena)
        m.pointee.reason = arena.string(reason)
        m.pointee.alert_id = arena.string(alertID)
        m.pointee.command_id = arena.string(commandID)
        return m
    }
}

extension Ack: CBridged {
    init(c message: UnsafePointer<Patrol__V1__Ack>, at path: FieldPath) throws(WireError) {
        let m = message.pointee
        self.init(seqs: try CRead.scalars(m.n_seqs, m.seqs, max: WireLimits.maxAckSeqs, at: path.child("seqs")))
    }

    func cMessage(in arena: CArena) -> UnsafeMutablePointer<Patrol__V1__Ack> {
        let m = arena.message(patrol__v1__ack__init)
        m.pointee.n_seqs = seqs.count
        m.pointee.seqs = arena.array(seqs)
        return m
    }
}
