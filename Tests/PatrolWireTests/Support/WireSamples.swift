import PatrolCore
import PatrolWire

/// One valid message of every type, with a non-default value in every field, so that a round trip that
/// dropped or swapped any field would show.
enum WireSamples {
    static let position = Vec3(xM: -1234.5, yM: 987.25, zM: 42.75)
    static let camera = CameraSpec(fovDeg: 84, rangeM: 60.5, pitchDeg: 35, altitudeM: 30)
    static let metrics = PatrolMetrics(avgIdlenessS: 41.5, worstIdlenessS: 311, worstRatio: 1.75,
                                       coverageFraction: 0.93, blindExposure: 0.125, planMS: 812.5)
    static let waypoints = [
        Waypoint(position: Vec3(xM: 1, yM: 2, zM: 30), offsetS: 0.5, headingDeg: 90, look: true),
        Waypoint(position: Vec3(xM: -10.25, yM: 20.5, zM: 30), offsetS: 12.75, headingDeg: 359.5, look: true),
        Waypoint(position: Vec3(xM: 3, yM: -4, zM: 0.5), offsetS: 30, headingDeg: 12, look: false),
    ]
    static let alert = Alert(alertID: "alert-17", kind: .crowdDensity, severity: .critical, state: .acknowledged,
                             message: "density 5.2 ppm2 at the fountain for 12 s", position: position,
                             openedMS: 1_764_800_000_123, updatedMS: 1_764_800_012_456, deviceID: "drone-2",
                             value: 5.2, evidenceRef: "img://drone-2/000451.jpg")
    static let device = DeviceInfo(deviceID: "robot-1", kind: .robot, state: .lost, position: position,
                                   headingDeg: 270.5, batteryFraction: 0.62, lastSeenMS: 1_764_800_001_000,
                                   connected: true, routeID: "route-robot-1", routeVersion: 3, speedMPS: 1.4)
    static let route = Route(deviceID: "drone-1", kind: .drone, waypoints: waypoints, cycleS: 240.5,
                             startOffsetS: 60.25)
    static let plan = PlanReply(planID: "plan-0004", routes: [route, Route(deviceID: "robot-1", kind: .robot,
                                                                           waypoints: [waypoints[2]], cycleS: 90,
                                                                           startOffsetS: 1)],
                                metrics: metrics)
    static let coverageRuns = RunLengths.encode([5, 5, 5, RunLengths.notPatrolCell, 7, 7])

    static let deviceMessages: [DeviceMessage] = [
        DeviceMessage(seq: 1, sentMS: 1_764_800_000_001, body: .hello(Hello(
            deviceID: "drone-1", kind: .drone, protocolVersion: ProtocolVersion.current,
            capabilities: Capabilities(maxSpeedMPS: 12.5, enduranceS: 1800, camera: camera, personCounting: true,
                                       detection: true),
            firmware: "px4-1.15 patrol-0.3"))),
        DeviceMessage(seq: 2, sentMS: 1_764_800_000_002, body: .heartbeat(Heartbeat(state: .patrolling))),
        DeviceMessage(seq: 3, sentMS: 1_764_800_000_003, body: .telemetry(Telemetry(
            position: position, headingDeg: 123.5, speedMPS: 8.25, batteryFraction: 0.71,
            enduranceRemainingS: 1250.5, state: .dispatched))),
        DeviceMessage(seq: 4, sentMS: 1_764_800_000_004, body: .observation(Observation(
            capturedMS: 1_764_799_999_990, cameraPosition: position, headingDeg: 200.25, pitchDeg: 45.5,
            fovDeg: 84, rangeM: 60.5, personCount: 37, confidence: 0.82))),
        DeviceMessage(seq: 5, sentMS: 1_764_800_000_005, body: .detection(Detection(
            detectionID: "det-0009", kind: "unattended_object", position: position, confidence: 0.66,
            detectedMS: 1_764_799_999_995, evidenceRef: "s3://evidence/det-0009.jpg"))),
        DeviceMessage(seq: 6, sentMS: 1_764_800_000_006, body: .routeProgress(RouteProgress(
            routeID: "route-drone-1", routeVersion: 7, waypointIndex: 2, cycleOffsetS: 117.25))),
        DeviceMessage(seq: UInt64.max, sentMS: 1_764_800_000_007, body: .bye(Bye(reason: "battery swap"))),
    ]

    static let hubMessages: [HubMessage] = [
        HubMessage(seq: 1, ackSeq: 1, body: .welcome(Welcome(
            deviceID: "drone-1", protocolVersion: ProtocolVersion.current, siteID: "plaza",
            heartbeatIntervalMS: 1000, lostAfterMissed: 3, hubTimeMS: 1_764_800_000_010, lastAckedSeq: 41))),
        HubMessage(seq: 2, ackSeq: 9, body: .reject(Reject(reason: .kindMismatch,
                                                           detail: "hello.kind: robot; the fleet says drone"))),
        HubMessage(seq: 3, ackSeq: 10, body: .assignRoute(AssignRoute(
            routeID: "route-drone-1", version: 7, waypoints: waypoints, cyclic: true, cycleS: 240.5,
            startOffsetS: 60.25))),
        HubMessage(seq: 4, ackSeq: 11, body: .command(Command(
            kind: .investigate, target: position, reason: "detection det-0009", alertID: "alert-17",
            commandID: "cmd-3"))),
        HubMessage(seq: 5, ackSeq: 12, body: .ack(Ack(seqs: [4, 5, 6, 1 << 40]))),
    ]

    static let operatorRequests: [OperatorRequest] = [
        OperatorRequest(requestID: 1, body: .status),
        OperatorRequest(requestID: 2, body: .devices),
        OperatorRequest(requestID: 3, body: .loadMission(LoadMissionRequest(path: "/srv/missions/plaza"))),
        OperatorRequest(requestID: 4, body: .startMission),
        OperatorRequest(requestID: 5, body: .stopMission),
        OperatorRequest(requestID: 6, body: .plan(PlanRequest(preview: true))),
        OperatorRequest(requestID: 7, body: .coverage(CoverageRequest(includeCells: true))),
        OperatorRequest(requestID: 8, body: .blindSpots),
        OperatorRequest(requestID: 9, body: .alerts(AlertsRequest(includeResolved: true))),
        OperatorRequest(requestID: 10, body: .acknowledgeAlert(AcknowledgeAlertRequest(alertID: "alert-17",
                                                                                       operatorName: "Ana Lima"))),
        OperatorRequest(requestID: 11, body: .dispatch(DispatchRequest(deviceID: "robot-1", target: position,
                                                                       alertID: "alert-17"))),
        OperatorRequest(requestID: 12, body: .replan(ReplanRequest(reason: "new hotspot"))),
        OperatorRequest(requestID: UInt64.max, body: .setCameraState(SetCameraStateRequest(cameraID: "cam-north",
                                                                                           online: true))),
    ]

    static let operatorReplies: [OperatorReply] = [
        OperatorReply(requestID: 1, body: .error(ErrorReply(code: "unknown_device",
                                                            message: "device_id \"drone-9\" is not in the fleet"))),
        OperatorReply(requestID: 2, body: .status(StatusReply(
            siteID: "plaza", missionName: "Plaza de Armas", missionState: "running", hubTimeMS: 1_764_800_000_020,
            uptimeS: 3600.5, devicesTotal: 4, devicesConnected: 3, alertsOpen: 2,
            counters: [Counter(name: "messages_in.telemetry", value: 14_400), Counter(name: "rejects.malformed",
                                                                                      value: 3)],
            metrics: metrics, planID: "plan-0004"))),
        OperatorReply(requestID: 3, body: .devices(DevicesReply(devices: [device, DeviceInfo(
            deviceID: "drone-1", kind: .drone, state: .patrolling, position: Vec3(xM: 5, yM: 6, zM: 30),
            headingDeg: 10, batteryFraction: 1, lastSeenMS: 1_764_800_000_000, connected: true,
            routeID: "route-drone-1", routeVersion: 7, speedMPS: 12)]))),
        OperatorReply(requestID: 4, body: .mission(MissionReply(missionName: "plaza", missionState: "loaded"))),
        OperatorReply(requestID: 5, body: .plan(plan)),
        OperatorReply(requestID: 6, body: .coverage(CoverageReply(
            hubTimeMS: 1_764_800_000_030, width: 3, height: 2, cellM: 2.5, minXM: -50.5, minYM: -20.25,
            runLengths: coverageRuns.lengths, runIdlenessS: coverageRuns.values, metrics: metrics))),
        OperatorReply(requestID: 7, body: .blindSpots(BlindSpotsReply(blindSpots: [BlindSpot(
            blindSpotID: 3, areaM2: 112.5, weight: 2.5, worstIdlenessS: 400.5, centroid: position, cellCount: 18,
            revisitS: 60.5)], hubTimeMS: 1_764_800_000_040))),
        OperatorReply(requestID: 8, body: .alerts(AlertsReply(alerts: [alert, alert]))),
        OperatorReply(requestID: 9, body: .alert(alert)),
        OperatorReply(requestID: 10, body: .dispatch(DispatchReply(deviceID: "robot-1", travelTimeS: 73.5))),
    ]

    static let events: [Event] = [
        Event(siteID: "plaza", seq: 1, timeMS: 1_764_800_000_050, body: .fleet(FleetEvent(devices: [device]))),
        Event(siteID: "plaza", seq: 2, timeMS: 1_764_800_000_051, body: .plan(PlanEvent(plan: plan,
                                                                                        reason: "device_lost"))),
        Event(siteID: "plaza", seq: 3, timeMS: 1_764_800_000_052, body: .coverage(CoverageEvent(
            regions: [CoverageRegion(x0: 10, y0: 20, width: 3, height: 2, runLengths: coverageRuns.lengths,
                                     runIdlenessS: coverageRuns.values)],
            metrics: metrics, blindSpotCount: 5))),
        Event(siteID: "plaza", seq: 4, timeMS: 1_764_800_000_053, body: .alert(alert)),
    ]
}
