import PatrolCore
import PatrolWire
import Testing

/// One invalid message and the error it must produce.
struct InvalidCase: Sendable, CustomTestStringConvertible {
    let field: String
    let reason: WireError.Reason
    let message: AnyWireMessage
    /// False when the defect cannot travel through protobuf-c (a NUL inside a string is cut there).
    var onTheWire = true

    var testDescription: String { "\(field): \(reason.rawValue)" }
}

/// Each validation rule rejects a message that breaks it, naming the field, both in `validate()` and when the
/// encoded message is decoded.
struct ValidationTests {
    @Test(arguments: invalidCases)
    func invalidFieldIsRejectedWithItsPath(_ invalid: InvalidCase) {
        do {
            try invalid.message.validate()
            Issue.record("validate() accepted an invalid \(invalid.field)")
        } catch {
            #expect(error.field == invalid.field)
            #expect(error.reason == invalid.reason, "\(error)")
        }
        guard invalid.onTheWire else { return }
        do {
            try invalid.message.decodeOwnBytes()
            Issue.record("decoding accepted an invalid \(invalid.field)")
        } catch {
            #expect(error.field == invalid.field)
            #expect(error.reason == invalid.reason, "\(error)")
        }
    }

    @Test func errorDescriptionNamesFieldReasonAndExpectation() {
        let message = telemetry { $0.batteryFraction = 1.5 }
        do {
            try message.validate()
            Issue.record("accepted battery_fraction 1.5")
        } catch {
            #expect(error.description == "telemetry.battery_fraction: out_of_range: 1.5 is outside [0, 1]")
        }
    }

    @Test func protocolVersionCheckRejectsOtherVersionsOnly() throws {
        try ProtocolVersion.check(ProtocolVersion.current)
        #expect(throws: WireError(.unsupportedVersion, field: "hello.protocol_version",
                                  "version 2 is not supported; expected 1")) {
            try ProtocolVersion.check(2)
        }
        // Decoding leaves the version to the hub so that it can answer with Reject(unsupported_version).
        let hello = hello { $0.protocolVersion = 7 }
        try hello.validate()
    }
}

private let sample = WireSamples.self
private let tooLong = String(repeating: "a", count: 65)

private func device(_ index: Int, _ mutate: (inout DeviceMessage) -> Void) -> AnyWireMessage {
    var message = sample.deviceMessages[index]
    mutate(&message)
    return .device(message)
}

private func hello(_ mutate: (inout Hello) -> Void) -> AnyWireMessage {
    guard case .hello(var body) = sample.deviceMessages[0].body else { fatalError("sample 0 is a hello") }
    mutate(&body)
    return .device(DeviceMessage(seq: 1, sentMS: 1, body: .hello(body)))
}

private func telemetry(_ mutate: (inout Telemetry) -> Void) -> AnyWireMessage {
    guard case .telemetry(var body) = sample.deviceMessages[2].body else { fatalError("sample 2 is telemetry") }
    mutate(&body)
    return .device(DeviceMessage(seq: 1, sentMS: 1, body: .telemetry(body)))
}

private func observation(_ mutate: (inout Observation) -> Void) -> AnyWireMessage {
    guard case .observation(var body) = sample.deviceMessages[3].body else { fatalError("sample 3 is observation") }
    mutate(&body)
    return .device(DeviceMessage(seq: 1, sentMS: 1, body: .observation(body)))
}

private func detection(_ mutate: (inout Detection) -> Void) -> AnyWireMessage {
    guard case .detection(var body) = sample.deviceMessages[4].body else { fatalError("sample 4 is a detection") }
    mutate(&body)
    return .device(DeviceMessage(seq: 1, sentMS: 1, body: .detection(body)))
}

private func route(_ mutate: (inout AssignRoute) -> Void) -> AnyWireMessage {
    guard case .assignRoute(var body) = sample.hubMessages[2].body else { fatalError("sample 2 is a route") }
    mutate(&body)
    return .hub(HubMessage(seq: 1, body: .assignRoute(body)))
}

private func welcome(_ mutate: (inout Welcome) -> Void) -> AnyWireMessage {
    guard case .welcome(var body) = sample.hubMessages[0].body else { fatalError("sample 0 is a welcome") }
    mutate(&body)
    return .hub(HubMessage(seq: 1, body: .welcome(body)))
}

private func status(_ mutate: (inout StatusReply) -> Void) -> AnyWireMessage {
    guard case .status(var body) = sample.operatorReplies[1].body else { fatalError("sample 1 is a status") }
    mutate(&body)
    return .reply(OperatorReply(requestID: 1, body: .status(body)))
}

private func coverage(_ mutate: (inout CoverageReply) -> Void) -> AnyWireMessage {
    guard case .coverage(var body) = sample.operatorReplies[5].body else { fatalError("sample 5 is coverage") }
    mutate(&body)
    return .reply(OperatorReply(requestID: 1, body: .coverage(body)))
}

private func region(_ mutate: (inout CoverageRegion) -> Void) -> AnyWireMessage {
    guard case .coverage(var body) = sample.events[2].body else { fatalError("event 2 is coverage") }
    mutate(&body.regions[0])
    return .event(Event(siteID: "plaza", seq: 1, timeMS: 1, body: .coverage(body)))
}

private let invalidCases: [InvalidCase] = [
    // Numbers: finite and within the proto comments' ranges.
    InvalidCase(field: "telemetry.position.x_m", reason: .notFinite, message: telemetry { $0.position.xM = .nan }),
    InvalidCase(field: "telemetry.position.y_m", reason: .outOfRange,
                message: telemetry { $0.position.yM = 100_000.5 }),
    InvalidCase(field: "telemetry.position.z_m", reason: .outOfRange, message: telemetry { $0.position.zM = -101 }),
    InvalidCase(field: "telemetry.heading_deg", reason: .outOfRange, message: telemetry { $0.headingDeg = 360 }),
    InvalidCase(field: "telemetry.speed_mps", reason: .notFinite, message: telemetry { $0.speedMPS = .infinity }),
    InvalidCase(field: "telemetry.battery_fraction", reason: .outOfRange,
                message: telemetry { $0.batteryFraction = 1.01 }),
    InvalidCase(field: "telemetry.endurance_remaining_s", reason: .outOfRange,
                message: telemetry { $0.enduranceRemainingS = -1 }),
    InvalidCase(field: "hello.capabilities.max_speed_mps", reason: .outOfRange,
                message: hello { $0.capabilities.maxSpeedMPS = 0 }),
    InvalidCase(field: "hello.capabilities.endurance_s", reason: .notFinite,
                message: hello { $0.capabilities.enduranceS = -.infinity }),
    InvalidCase(field: "hello.capabilities.camera.fov_deg", reason: .outOfRange,
                message: hello { $0.capabilities.camera.fovDeg = 0 }),
    InvalidCase(field: "hello.capabilities.camera.range_m", reason: .outOfRange,
                message: hello { $0.capabilities.camera.rangeM = 1000.5 }),
    InvalidCase(field: "hello.capabilities.camera.pitch_deg", reason: .outOfRange,
                message: hello { $0.capabilities.camera.pitchDeg = 91 }),
    InvalidCase(field: "hello.capabilities.camera.altitude_m", reason: .outOfRange,
                message: hello { $0.capabilities.camera.altitudeM = 501 }),
    InvalidCase(field: "observation.person_count", reason: .outOfRange,
                message: observation { $0.personCount = 100_001 }),
    InvalidCase(field: "observation.confidence", reason: .outOfRange, message: observation { $0.confidence = -0.1 }),
    InvalidCase(field: "observation.pitch_deg", reason: .outOfRange, message: observation { $0.pitchDeg = 90.5 }),
    InvalidCase(field: "observation.fov_deg", reason: .outOfRange, message: observation { $0.fovDeg = 360.5 }),
    InvalidCase(field: "detection.confidence", reason: .notFinite, message: detection { $0.confidence = .nan }),
    InvalidCase(field: "route_progress.cycle_offset_s", reason: .outOfRange,
                message: device(5) { $0.body = .routeProgress(RouteProgress(routeID: "r", routeVersion: 1,
                                                                            waypointIndex: 0, cycleOffsetS: -0.5)) }),
    // Sequence numbers and timestamps.
    InvalidCase(field: "seq", reason: .outOfRange, message: device(1) { $0.seq = 0 }),
    InvalidCase(field: "sent_ms", reason: .outOfRange, message: device(1) { $0.sentMS = -1 }),
    InvalidCase(field: "observation.captured_ms", reason: .outOfRange,
                message: observation { $0.capturedMS = 40_000_000_000_000 }),
    InvalidCase(field: "ack.seqs[1]", reason: .outOfRange,
                message: .hub(HubMessage(seq: 1, body: .ack(Ack(seqs: [3, 0]))))),
    // Enum values a sender may not use.
    InvalidCase(field: "telemetry.state", reason: .notAllowed, message: telemetry { $0.state = .lost }),
    InvalidCase(field: "heartbeat.state", reason: .notAllowed,
                message: device(1) { $0.body = .heartbeat(Heartbeat(state: .lost)) }),
    // Ids: non-empty, bounded, [A-Za-z0-9_.-].
    InvalidCase(field: "hello.device_id", reason: .invalidID, message: hello { $0.deviceID = "" }),
    InvalidCase(field: "hello.device_id", reason: .invalidID, message: hello { $0.deviceID = "drone 1" }),
    InvalidCase(field: "hello.device_id", reason: .invalidID, message: hello { $0.deviceID = tooLong }),
    InvalidCase(field: "hello.device_id", reason: .invalidID, message: hello { $0.deviceID = "drône" }),
    InvalidCase(field: "detection.kind", reason: .invalidID, message: detection { $0.kind = "" }),
    InvalidCase(field: "welcome.site_id", reason: .invalidID, message: welcome { $0.siteID = "Plaza de Armas" }),
    InvalidCase(field: "acknowledge_alert.alert_id", reason: .invalidID,
                message: .request(OperatorRequest(requestID: 1, body: .acknowledgeAlert(
                    AcknowledgeAlertRequest(alertID: ""))))),
    InvalidCase(field: "set_camera_state.camera_id", reason: .invalidID,
                message: .request(OperatorRequest(requestID: 1, body: .setCameraState(
                    SetCameraStateRequest(cameraID: "cam/1", online: false))))),
    InvalidCase(field: "site_id", reason: .invalidID,
                message: .event(Event(siteID: "", seq: 1, timeMS: 1, body: .alert(sample.alert)))),
    // Strings: bounded, no NUL.
    InvalidCase(field: "hello.firmware", reason: .tooLarge,
                message: hello { $0.firmware = String(repeating: "x", count: 129) }),
    InvalidCase(field: "detection.evidence_ref", reason: .tooLarge,
                message: detection { $0.evidenceRef = String(repeating: "e", count: 257) }),
    InvalidCase(field: "alert.alert.message", reason: .tooLarge,
                message: .reply(OperatorReply(requestID: 1, body: .alert(Alert(
                    alertID: "a", kind: .detection, severity: .info, state: .open,
                    message: String(repeating: "m", count: 513), position: .zero, openedMS: 0, updatedMS: 0))))),
    InvalidCase(field: "load_mission.path", reason: .missingField,
                message: .request(OperatorRequest(requestID: 1, body: .loadMission(LoadMissionRequest(path: ""))))),
    InvalidCase(field: "bye.reason", reason: .invalidString,
                message: device(6) { $0.body = .bye(Bye(reason: "a\u{0}b")) }, onTheWire: false),
    // Repeated fields: bounded counts.
    InvalidCase(field: "assign_route.waypoints", reason: .tooLarge,
                message: route { $0.waypoints = Array(repeating: sample.waypoints[0], count: 10_001) }),
    InvalidCase(field: "assign_route.waypoints[1].offset_s", reason: .outOfRange,
                message: route { $0.waypoints[1].offsetS = -1 }),
    InvalidCase(field: "assign_route.waypoints[0].heading_deg", reason: .outOfRange,
                message: route { $0.waypoints[0].headingDeg = 400 }),
    InvalidCase(field: "plan.routes[0].waypoints[2].position.z_m", reason: .outOfRange,
                message: .reply(OperatorReply(requestID: 1, body: .plan({
                    var plan = sample.plan
                    plan.routes[0].waypoints[2].position.zM = 20_000
                    return plan
                }())))),
    // Fields that must agree.
    InvalidCase(field: "command.target", reason: .inconsistent,
                message: .hub(HubMessage(seq: 1, body: .command(Command(kind: .goTo))))),
    InvalidCase(field: "status.devices_connected", reason: .inconsistent,
                message: status { $0.devicesConnected = $0.devicesTotal + 1 }),
    InvalidCase(field: "status.counters[1].value", reason: .notFinite, message: status { $0.counters[1].value = .nan }),
    InvalidCase(field: "coverage.run_lengths", reason: .inconsistent, message: coverage { $0.runLengths[0] += 1 }),
    InvalidCase(field: "coverage.run_idleness_s", reason: .inconsistent,
                message: coverage { $0.runIdlenessS.removeLast() }),
    InvalidCase(field: "coverage.width", reason: .tooLarge,
                message: coverage { $0.width = 1 << 20; $0.height = 1 << 20 }),
    InvalidCase(field: "coverage.cell_m", reason: .outOfRange, message: coverage { $0.cellM = 0 }),
    InvalidCase(field: "coverage.regions[0].run_lengths[0]", reason: .outOfRange,
                message: region { $0.runLengths = [0, 6]; $0.runIdlenessS = [1, 2] }),
    InvalidCase(field: "coverage.regions[0].x0", reason: .outOfRange, message: region { $0.x0 = UInt32.max }),
    InvalidCase(field: "blind_spots.blind_spots[0].weight", reason: .outOfRange,
                message: .reply(OperatorReply(requestID: 1, body: .blindSpots(BlindSpotsReply(blindSpots: [BlindSpot(
                    blindSpotID: 1, areaM2: 1, weight: 0.5, worstIdlenessS: 1, centroid: .zero, cellCount: 1,
                    revisitS: 1)], hubTimeMS: 0))))),
    InvalidCase(field: "dispatch.target.y_m", reason: .notFinite,
                message: .request(OperatorRequest(requestID: 1, body: .dispatch(DispatchRequest(
                    target: Vec3(xM: 0, yM: .nan, zM: 0)))))),
    InvalidCase(field: "plan.plan.metrics.coverage_fraction", reason: .outOfRange,
                message: .event(Event(siteID: "plaza", seq: 1, timeMS: 1, body: .plan(PlanEvent(plan: {
                    var plan = sample.plan
                    plan.metrics.coverageFraction = 1.5
                    return plan
                }(), reason: "start"))))),
]
