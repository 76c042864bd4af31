import PatrolCore

/// One device's route in a plan (`Route`).
public struct Route: Hashable, Sendable {
    /// Non-empty, <= 64 bytes of `[A-Za-z0-9_.-]`.
    public var deviceID: String
    public var kind: DeviceKind
    /// At most `WireLimits.maxWaypoints`.
    public var waypoints: [Waypoint]
    /// Duration of one cycle, seconds >= 0.
    public var cycleS: Double
    /// Where along the cycle the device starts, seconds >= 0.
    public var startOffsetS: Double

    public init(deviceID: String, kind: DeviceKind, waypoints: [Waypoint], cycleS: Double, startOffsetS: Double = 0) {
        self.deviceID = deviceID
        self.kind = kind
        self.waypoints = waypoints
        self.cycleS = cycleS
        self.startOffsetS = startOffsetS
    }
}

extension Route: Validating {
    func validate(at path: FieldPath) throws(WireError) {
        try Check.id(deviceID, path.child("device_id"))
        try Waypoint.validateList(waypoints, at: path.child("waypoints"))
        try Check.number(cycleS, .duration, path.child("cycle_s"))
        try Check.number(startOffsetS, .duration, path.child("start_offset_s"))
    }
}
