import PatrolWire
import Testing
import ZeroMQ
@testable import PatrolHub

/// The index of open alerts that the route-following check looks alerts up in, and the deliveries the
/// lockstep simulator reads devices by.
@Suite struct OpenAlertIndexTests {
    private let origin = Vec3(xM: 0, yM: 0, zM: 0)

    private func alert(_ id: String, kind: AlertKind = .offRoute, device: String = "drone-a",
                       state: AlertState = .open) -> Alert {
        Alert(alertID: id, kind: kind, severity: .warning, state: state, message: "", position: origin,
              openedMS: 0, updatedMS: 0, deviceID: device, value: 0, evidenceRef: "")
    }

    @Test func openAndAcknowledgedAlertsAreFoundByKeyAndByKindAndDeviceAndResolvedOnesLeave() {
        var index = OpenAlertIndex()
        index.update(alert("a1"), key: "off_route:drone-a")
        index.update(alert("a2", kind: .detection), key: "detection:drone-a:d1")
        #expect(index.ids(key: "off_route:drone-a") == ["a1"])
        #expect(index.ids(kind: .offRoute, deviceID: "drone-a") == ["a1"])
        #expect(index.ids(kind: .detection, deviceID: "drone-a") == ["a2"])
        #expect(index.ids(kind: .offRoute, deviceID: "drone-b").isEmpty)
        index.update(alert("a1", state: .acknowledged), key: "off_route:drone-a")
        #expect(index.ids(key: "off_route:drone-a") == ["a1"])
        index.update(alert("a1", state: .resolved), key: "off_route:drone-a")
        #expect(index.ids(key: "off_route:drone-a").isEmpty)
        #expect(index.ids(kind: .offRoute, deviceID: "drone-a").isEmpty)
        #expect(index.ids(key: "detection:drone-a:d1") == ["a2"])
    }

    @Test func aConditionThatClearsAndReturnsOpensANewAlertAndTheOldOneStaysResolved() throws {
        let context = try Context()
        let hub = try Hub(configuration: .inproc(try TestMission.write()), context: context, clock: ManualClock())
        let first = hub.raiseAlert(kind: .offRoute, severity: .warning, deviceID: "drone-a", position: origin,
                                   message: "off", value: 30)
        #expect(hub.raiseAlert(kind: .offRoute, severity: .warning, deviceID: "drone-a", position: origin,
                               message: "still off", value: 31) == first)
        hub.resolveAlerts(kind: .offRoute, deviceID: "drone-a")
        #expect(hub.alerts[first]?.state == .resolved)
        let second = hub.raiseAlert(kind: .offRoute, severity: .warning, deviceID: "drone-a", position: origin,
                                    message: "off again", value: 40)
        #expect(second != first)
        #expect(hub.alerts[first]?.state == .resolved)
        #expect(hub.openAlert(key: "off_route:drone-a")?.alertID == second)
        hub.close()
    }

    @Test func deviceDeliveriesNameTheDevicesSentToAndAreTakenOnce() throws {
        let context = try Context()
        let clock = ManualClock()
        var configuration = HubConfiguration.inproc(try TestMission.write())
        configuration.recordsDeviceDeliveries = true
        let hub = try Hub(configuration: configuration, context: context, clock: clock)
        let drone = try TestDevice("drone-a", context: context, endpoint: configuration.deviceEndpoint,
                                   routingID: "drone-a")
        try drone.hello(kind: .drone, sentMS: clock.nowMS())
        clock.advance(byMS: 100)
        try hub.pump(nowMS: clock.nowMS())
        #expect(Set(hub.takeDeviceDeliveries().map { String(decoding: $0, as: UTF8.self) }) == ["drone-a"])
        #expect(hub.takeDeviceDeliveries().isEmpty)
        hub.close()
    }
}
