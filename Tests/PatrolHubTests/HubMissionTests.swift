import Foundation
import PatrolCore
import PatrolWire
import Testing
import ZeroMQ
@testable import PatrolHub

/// Route following and battery in lockstep: the hub's duties toward devices on a running mission.
@Suite struct HubMissionTests {
    let context: Context
    let clock = ManualClock()
    let hub: Hub
    let configuration: HubConfiguration

    init() throws {
        (context, configuration, hub) = try LockstepHub.make(clock: clock)
    }

    private func step(_ milliseconds: Int64 = 100) throws {
        clock.advance(byMS: milliseconds)
        try hub.pump(nowMS: clock.nowMS())
    }

    private func telemetry(_ x: Double, _ y: Double, endurance: Double = 1400, battery: Double = 0.9,
                           state: DeviceState = .patrolling) -> DeviceMessage.Body {
        .telemetry(Telemetry(position: Vec3(xM: x, yM: y, zM: 20), headingDeg: 0, speedMPS: 5,
                             batteryFraction: battery, enduranceRemainingS: endurance, state: state))
    }

    /// A drone welcomed and given its route.
    private func routedDrone(_ id: String) throws -> (TestDevice, AssignRoute) {
        let drone = try TestDevice(id, context: context, endpoint: configuration.deviceEndpoint)
        try drone.hello(kind: .drone, sentMS: clock.nowMS())
        for _ in 0..<3 { try step() }
        let route = try #require(try drone.receiveAll(waitMS: 20).compactMap(\.route).last)
        return (drone, route)
    }

    @Test func aDeviceFarFromItsRouteRaisesAnOffRouteAlertThatClearsWhenItReturns() throws {
        let (drone, route) = try routedDrone("drone-a")
        let onRoute = try #require(route.waypoints.first?.position)
        try drone.send(.routeProgress(RouteProgress(routeID: route.routeID, routeVersion: route.version,
                                                    waypointIndex: 0, cycleOffsetS: 0)), sentMS: clock.nowMS())
        try drone.send(telemetry(onRoute.xM, onRoute.yM), sentMS: clock.nowMS())
        try step(300)
        #expect(!hub.alerts.values.contains { $0.kind == .offRoute })
        try drone.send(telemetry(onRoute.xM + 200, onRoute.yM + 200), sentMS: clock.nowMS())
        try step(300)
        // A short excursion is tolerated; one that lasts is not.
        #expect(!hub.alerts.values.contains { $0.kind == .offRoute })
        for _ in 0..<11 {
            try drone.send(.heartbeat(Heartbeat(state: .patrolling)), sentMS: clock.nowMS())
            try step(1000)
        }
        let alert = try #require(hub.alerts.values.first { $0.kind == .offRoute && $0.deviceID == "drone-a" })
        #expect(alert.state == .open)
        try drone.send(telemetry(onRoute.xM, onRoute.yM), sentMS: clock.nowMS())
        try step(300)
        #expect(hub.alerts[alert.alertID]?.state == .resolved)
    }

    @Test func aDeviceLowOnBatteryIsSentHomeAndPlannedBackInOnceCharged() throws {
        let (drone, first) = try routedDrone("drone-a")
        // 100 s of flight left with a reserve of 300 s (20 % of 1500 s): home at once.
        try drone.send(telemetry(30, 20, endurance: 100, battery: 0.07), sentMS: clock.nowMS())
        try step()
        let command = try #require(try drone.receiveAll(waitMS: 20).compactMap(\.command).first)
        #expect(command.kind == .returnToDock)
        #expect(hub.alerts.values.contains { $0.kind == .lowBattery && $0.state == .open })
        // Charged on its dock: back on patrol with a newer route.
        try drone.send(telemetry(-35, -25, endurance: 1500, battery: 1, state: .charging), sentMS: clock.nowMS())
        for _ in 0..<5 { try step() }
        let again = try #require(try drone.receiveAll(waitMS: 20).compactMap(\.route).last)
        #expect(again.version > first.version)
        #expect(!hub.alerts.values.contains { $0.kind == .lowBattery && $0.state != .resolved })
    }

    /// Devices of a kind start full and drain alike: all but the last (in id order) first go to charge above
    /// the reserve, at levels spread over the battery, so they never all leave at once.
    @Test func aKindsDevicesGoToTheirFirstChargeAtStaggeredLevels() throws {
        let (droneA, _) = try routedDrone("drone-a")
        let (droneB, _) = try routedDrone("drone-b")
        _ = try droneA.receiveAll(waitMS: 20)
        _ = try droneB.receiveAll(waitMS: 20)
        // 1,000 s of flight left, far above the 300 s reserve: drone-b (the last) carries on...
        try droneB.send(telemetry(30, 20, endurance: 1000, battery: 0.55), sentMS: clock.nowMS())
        try step()
        #expect(try droneB.receiveAll(waitMS: 20).compactMap(\.command).isEmpty)
        #expect(hub.devices["drone-b"]?.duty == .patrol)
        // ...while drone-a, whose first charge is at 60 %, is sent home, once.
        try droneA.send(telemetry(30, 20, endurance: 1000, battery: 0.65), sentMS: clock.nowMS())
        try step()
        #expect(try droneA.receiveAll(waitMS: 20).compactMap(\.command).isEmpty)
        try droneA.send(telemetry(30, 20, endurance: 1000, battery: 0.55), sentMS: clock.nowMS())
        try step()
        let command = try #require(try droneA.receiveAll(waitMS: 20).compactMap(\.command).first)
        #expect(command.kind == .returnToDock)
        #expect(command.reason.contains("staggered charging"))
        #expect(hub.devices["drone-a"]?.firstChargeFraction == nil)
        // Charged and back, it is held to the usual reserve from then on.
        try droneA.send(telemetry(-35, -25, endurance: 1500, battery: 1, state: .charging), sentMS: clock.nowMS())
        for _ in 0..<5 { try step() }
        _ = try droneA.receiveAll(waitMS: 20)
        try droneA.send(telemetry(30, 20, endurance: 1000, battery: 0.55), sentMS: clock.nowMS())
        try step()
        #expect(try droneA.receiveAll(waitMS: 20).compactMap(\.command).isEmpty)
        #expect(hub.devices["drone-a"]?.duty == .patrol)
    }

    /// A drone back from charging while another is still away waits at its dock; the next drone sent home
    /// hands it its route from where it had got to, and nobody else is replanned.
    @Test func aChargedSpareRelievesTheNextDeviceSentHomeWithoutAReplan() throws {
        let fleet = try ThreeDrones(clock: clock)
        let (hub, drones) = (fleet.hub, fleet.drones)
        let (droneA, droneB, droneC) = (drones[0], drones[1], drones[2])
        func step() throws { try fleet.step() }
        func sendHome(_ drone: TestDevice) throws { try fleet.sendHome(drone) }
        func charged(_ drone: TestDevice) throws { try fleet.charged(drone) }
        try sendHome(droneA)
        try sendHome(droneB)
        for drone in drones { _ = try drone.receiveAll(waitMS: 20) }
        // drone-a is full while drone-b is still away: it stands by instead of being planned back in.
        try charged(droneA)
        #expect(hub.devices["drone-a"]?.duty == .standby)
        #expect(try droneA.receiveAll(waitMS: 20).compactMap(\.route).isEmpty)
        // drone-c, three stops into its route, is sent home: drone-a takes the route from there.
        let routeC = try #require(hub.mission?.routes["drone-c"])
        try droneC.send(.routeProgress(RouteProgress(routeID: hub.devices["drone-c"]!.routeID,
                                                     routeVersion: hub.devices["drone-c"]!.routeVersion,
                                                     waypointIndex: 3, cycleOffsetS: 0)), sentMS: clock.nowMS())
        let plansBefore = hub.counters["plans"]
        try sendHome(droneC)
        let handed = try #require(try droneA.receiveAll(waitMS: 20).compactMap(\.route).last)
        #expect(handed.waypoints.count == routeC.waypoints.count)
        #expect(handed.waypoints.first?.position == routeC.wireWaypoints[3].position)
        #expect(hub.devices["drone-a"]?.duty == .patrol)
        #expect(hub.mission?.routes["drone-c"] == nil && hub.mission?.routes["drone-a"] != nil)
        for _ in 0..<10 { try step() }
        #expect(hub.counters["plans"] == plansBefore)
        #expect(hub.counters["reliefs"] == 1)
        // Back from charging with nobody left away, the others are planned back in.
        try charged(droneB)
        try charged(droneC)
        for _ in 0..<10 { try step() }
        #expect(["drone-a", "drone-b", "drone-c"].allSatisfy { hub.devices[$0]?.duty == .patrol })
        #expect(try droneB.receiveAll(waitMS: 20).compactMap(\.route).count >= 1)
    }

    /// A spare that is lost holds no place: the next drone back while others charge stands by instead.
    @Test func aLostSpareIsReplacedByTheNextDeviceBack() throws {
        let fleet = try ThreeDrones(clock: clock)
        for drone in fleet.drones { try fleet.sendHome(drone) }
        try fleet.charged(fleet.drones[0])
        #expect(fleet.hub.devices["drone-a"]?.duty == .standby)
        // Crashed on its dock: what the liveness check records.
        fleet.hub.devices["drone-a"]?.state = .lost
        try fleet.charged(fleet.drones[1])
        #expect(fleet.hub.devices["drone-b"]?.duty == .standby)
    }

    /// A hub with drone-a, drone-b and drone-c on patrol (and robot-a, not connected), for spares.
    struct ThreeDrones {
        /// The hub's context: inproc endpoints connect only within one.
        let context: Context
        let hub: Hub
        let clock: ManualClock
        var drones: [TestDevice] = []

        init(clock: ManualClock) throws {
            let configuration: HubConfiguration
            (context, configuration, hub) = try LockstepHub.make(clock: clock, extraDrones: ["drone-c"])
            self.clock = clock
            for id in ["drone-a", "drone-b", "drone-c"] {
                let drone = try TestDevice(id, context: context, endpoint: configuration.deviceEndpoint)
                try drone.hello(kind: .drone, sentMS: clock.nowMS())
                for _ in 0..<3 { try step() }
                drones.append(drone)
            }
        }

        func step() throws {
            clock.advance(byMS: 100)
            try hub.pump(nowMS: clock.nowMS())
        }

        func send(_ drone: TestDevice, endurance: Double, battery: Double, state: DeviceState, x: Double, y: Double) throws {
            try drone.send(.telemetry(Telemetry(position: Vec3(xM: x, yM: y, zM: 20), headingDeg: 0, speedMPS: 5,
                                                batteryFraction: battery, enduranceRemainingS: endurance, state: state)),
                           sentMS: clock.nowMS())
            for _ in 0..<5 { try step() }
        }

        func sendHome(_ drone: TestDevice) throws {
            try send(drone, endurance: 100, battery: 0.07, state: .patrolling, x: 30, y: 20)
        }

        func charged(_ drone: TestDevice) throws {
            try send(drone, endurance: 1500, battery: 1, state: .charging, x: -35, y: -25)
        }
    }

    @Test func firstChargeLevelsSpreadOverTheBatteryPerKind() {
        func device(_ id: String, _ kind: DeviceKind) -> FleetDevice {
            FleetDevice(id: id, kind: kind, speedMPS: 5, enduranceS: 1500, dockID: "dock-1",
                        camera: CameraSpec(fovDeg: 80, rangeM: 30, pitchDeg: 45, altitudeM: 20))
        }
        let fleet = (1...4).map { device("drone-\($0)", .drone) } + [device("robot-1", .robot)]
        let fractions = Hub.staggeredChargeFractions(fleet, reserveFraction: 0.2)
        #expect(fractions.count == 3)
        #expect(abs(fractions["drone-1"]! - 0.8) < 1e-12)
        #expect(abs(fractions["drone-2"]! - 0.6) < 1e-12)
        #expect(abs(fractions["drone-3"]! - 0.4) < 1e-12)
        #expect(fractions["drone-4"] == nil)
        #expect(fractions["robot-1"] == nil)
    }

    @Test func aRobotReportedWhereNoPathLeadsHomeIsJudgedByTheStraightLineAndTheHubKeepsRunning() throws {
        let robot = try TestDevice("robot-a", context: context, endpoint: configuration.deviceEndpoint)
        try robot.hello(kind: .robot, sentMS: clock.nowMS())
        for _ in 0..<3 { try step() }
        _ = try robot.receiveAll(waitMS: 20)
        // 60 m east of the site's edge, beyond the two cells the path finder searches for a free one: no
        // planned path home (an infinite travel time). With its battery full it stays on patrol...
        try robot.send(telemetry(100, 0, endurance: 1400, battery: 0.95), sentMS: clock.nowMS())
        try step()
        let session = try #require(hub.devices["robot-a"])
        #expect(hub.travelTimeS(session, to: Point3(x: -35, y: -25, z: 0)) == .infinity)
        #expect(try robot.receiveAll(waitMS: 20).compactMap(\.command).isEmpty)
        #expect(hub.devices["robot-a"]?.duty == .patrol)
        // ...and low, it is sent home (this path converted the infinite estimate to Int and trapped).
        try robot.send(telemetry(100, 0, endurance: 100, battery: 0.07), sentMS: clock.nowMS())
        try step()
        let command = try #require(try robot.receiveAll(waitMS: 20).compactMap(\.command).first)
        #expect(command.kind == .returnToDock)
        #expect(command.reason.contains("home needs"))
        // Numbers no device should send reach messages too: the hub answers and carries on.
        try robot.send(telemetry(.infinity, -.infinity, endurance: -.infinity, battery: .nan), sentMS: clock.nowMS())
        try robot.send(.heartbeat(Heartbeat(state: .patrolling)), seq: .max, sentMS: clock.nowMS())
        for _ in 0..<3 { try step() }
        #expect(hub.counters["messages_in.heartbeat"] >= 1)
        #expect(hub.alerts.values.contains { $0.kind == .lowBattery && $0.deviceID == "robot-a" })
    }

    @Test func routineReplansAreSpacedByFleetSizeAndASmallFleetStillReplansAtOnce() throws {
        #expect(Hub.routineReplanSpacingMS(fleetCount: 3) == 360)
        #expect(Hub.routineReplanSpacingMS(fleetCount: 250) == 30_000)
        #expect(Hub.routineReplanSpacingMS(fleetCount: 500) == 60_000)
        #expect(Hub.routineReplanSpacingMS(fleetCount: 10_000) == 60_000)
        _ = try routedDrone("drone-a")
        let plannedMS = try #require(hub.lastPlanMS)
        // A 500-device fleet that planned 1 s ago waits 9 s more; a lost device is planned around at once.
        hub.scheduleReplan(reason: "charging", routine: true, spacingMS: 10_000)
        #expect(hub.replanDue?.atMS == plannedMS + 10_000)
        hub.scheduleReplan(reason: "device_joined", routine: true, spacingMS: 10_000)
        #expect(hub.replanDue?.reason == "charging")
        hub.scheduleReplan(reason: "device_lost")
        #expect(hub.replanDue?.atMS == hub.nowMS + 100)
        #expect(hub.replanDue?.reason == "device_lost")
        // This mission's 3 devices: 360 ms after the last plan, or the 100 ms every replan waits.
        hub.replanDue = nil
        hub.scheduleReplan(reason: "charging", routine: true)
        #expect(hub.replanDue?.atMS == max(hub.nowMS + 100, plannedMS + 360))
    }

    @Test func aDetectionDispatchesTheDeviceThatArrivesFirstNotTheNearestAndTiesGoToTheLowerID() throws {
        let robot = try TestDevice("robot-a", context: context, endpoint: configuration.deviceEndpoint)
        let south = try TestDevice("drone-a", context: context, endpoint: configuration.deviceEndpoint)
        let north = try TestDevice("drone-b", context: context, endpoint: configuration.deviceEndpoint)
        try robot.hello(kind: .robot, sentMS: clock.nowMS())
        try south.hello(kind: .drone, sentMS: clock.nowMS())
        try north.hello(kind: .drone, sentMS: clock.nowMS())
        for _ in 0..<3 { try step() }
        // The target is 10 m from the robot (1.5 m/s: at least 6.7 s) and 40 m from each drone (8 m/s: 5 s).
        try robot.send(telemetry(25, 12, state: .patrolling), sentMS: clock.nowMS())
        try south.send(telemetry(25, -18), sentMS: clock.nowMS())
        try north.send(telemetry(25, 62), sentMS: clock.nowMS())
        try step()
        for device in [robot, south, north] { _ = try device.receiveAll(waitMS: 20) }
        let detection = Detection(detectionID: "d1", kind: "fall", position: Vec3(xM: 25, yM: 22, zM: 0),
                                  confidence: 0.9, detectedMS: clock.nowMS(), evidenceRef: "img-1")
        try robot.send(.detection(detection), sentMS: clock.nowMS())
        try step()
        #expect(try south.receiveAll(waitMS: 20).compactMap(\.command).map(\.kind) == [.investigate])
        #expect(try north.receiveAll(waitMS: 20).compactMap(\.command).isEmpty)
        #expect(try robot.receiveAll(waitMS: 20).compactMap(\.command).isEmpty)
    }

    /// Planned in place (lockstep): the preview comes back from the pump that received the request.
    @Test func aPreviewPlansTheWholeFleetFromTheDocksAndAssignsNothing() throws {
        _ = try routedDrone("drone-a")
        let planID = hub.mission?.planID
        let operatorSocket = try Socket(context, type: .dealer)
        defer { operatorSocket.close() }
        try operatorSocket.connect(configuration.operatorEndpoint)
        try operatorSocket.send([[], OperatorRequest(requestID: 5, body: .plan(PlanRequest(preview: true))).encoded()])
        Thread.sleep(forTimeInterval: 0.02)
        try step()
        let frame = try #require(try operatorSocket.receiveMultipart(dontWait: true)?.last)
        let reply = try OperatorReply(decoding: frame)
        guard case .plan(let preview) = reply.body else {
            Issue.record("expected a plan reply, got \(reply.body)")
            return
        }
        #expect(preview.planID == "preview")
        #expect(preview.routes.count == TestMission.fleet.count)
        #expect(hub.mission?.planID == planID)
    }
}
