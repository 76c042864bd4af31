import PatrolWire

/// What `patrolctl watch` last heard from the hub: the model the screen is drawn from.
///
/// Each part is replaced as a fresh reply arrives; `hubError` says why the last exchange failed (the view keeps
/// the older data and shows the failure).
public struct WatchSnapshot: Sendable {
    public var status: StatusReply?
    public var devices: [DeviceInfo]
    public var coverage: CoverageReply?
    /// The coverage map's idleness per cell, row-major, decoded once per reply.
    public var cellIdlenessS: [UInt32]
    public var alerts: [Alert]
    public var blindSpots: [BlindSpot]
    /// The routes of the latest plan event (known only with `--events`, from the first replan on).
    public var routes: [Route]
    /// nil while the hub answers; otherwise what went wrong, e.g. a timeout naming the endpoint.
    public var hubError: String?
    /// The endpoint watched, shown in the header.
    public var endpoint: String

    /// An empty snapshot: nothing heard yet.
    public init(endpoint: String) {
        self.endpoint = endpoint
        status = nil
        devices = []
        coverage = nil
        cellIdlenessS = []
        alerts = []
        blindSpots = []
        routes = []
        hubError = nil
    }

    /// Replaces the coverage map and decodes its runs; a map whose runs do not decode keeps no cells.
    public mutating func setCoverage(_ reply: CoverageReply) {
        coverage = reply
        cellIdlenessS = (try? reply.cellIdlenessS()) ?? []
    }

    /// Alerts an operator still has to look at (open first, then acknowledged), most severe first.
    public var activeAlerts: [Alert] {
        alerts.filter { $0.state != .resolved }.sorted { lhs, rhs in
            if (lhs.state == .open) != (rhs.state == .open) { return lhs.state == .open }
            if lhs.severity.wireValue != rhs.severity.wireValue { return lhs.severity.wireValue > rhs.severity.wireValue }
            if lhs.openedMS != rhs.openedMS { return lhs.openedMS > rhs.openedMS }
            return lhs.alertID < rhs.alertID
        }
    }

    /// Merges devices that changed (a fleet event) into the list, by id.
    public mutating func merge(devices changed: [DeviceInfo]) {
        for device in changed {
            if let index = devices.firstIndex(where: { $0.deviceID == device.deviceID }) {
                devices[index] = device
            } else {
                devices.append(device)
            }
        }
    }

    /// Merges one alert (an alert event) into the list, by id.
    public mutating func merge(alert: Alert) {
        if let index = alerts.firstIndex(where: { $0.alertID == alert.alertID }) {
            alerts[index] = alert
        } else {
            alerts.append(alert)
        }
    }
}
