import PatrolCore

/// What the hub knows about one device (`DeviceInfo`).
public struct DeviceInfo: Hashable, Sendable {
    /// Non-empty, <= 64 bytes of `[A-Za-z0-9_.-]`.
    public var deviceID: String
    public var kind: DeviceKind
    /// Any state, `.lost` included.
    public var state: DeviceState
    /// Last known position.
    public var position: Vec3
    /// Compass bearing, degrees in [0, 360).
    public var headingDeg: Double
    /// [0, 1].
    public var batteryFraction: Double
    /// Milliseconds since the Unix epoch; 0: never seen.
    public var lastSeenMS: Int64
    public var connected: Bool
    /// The assigned route; empty if none.
    public var routeID: String
    public var routeVersion: UInt32
    /// Ground speed, metres per second in [0, 100].
    public var speedMPS: Double

    public init(deviceID: String, kind: DeviceKind, state: DeviceState, position: Vec3, headingDeg: Double = 0,
                batteryFraction: Double = 0, lastSeenMS: Int64 = 0, connected: Bool = false, routeID: String = "",
                routeVersion: UInt32 = 0, speedMPS: Double = 0) {
        self.deviceID = deviceID
        self.kind = kind
        self.state = state
        self.position = position
        self.headingDeg = headingDeg
        self.batteryFraction = batteryFraction
        self.lastSeenMS = lastSeenMS
        self.connected = connected
        self.routeID = routeID
        self.routeVersion = routeVersion
        self.speedMPS = speedMPS
    }
}

extension DeviceInfo: Validating {
    func validate(at path: FieldPath) throws(WireError) {
        try Check.id(deviceID, path.child("device_id"))
        try position.validate(at: path.child("position"))
        try Check.number(headingDeg, .bearing, path.child("heading_deg"))
        try Check.number(batteryFraction, .unit, path.child("battery_fraction"))
        try Check.timestamp(lastSeenMS, path.child("last_seen_ms"))
        try Check.id(routeID, path.child("route_id"), optional: true)
        try Check.number(speedMPS, .closed(0, 100), path.child("speed_mps"))
    }

    static func validateList(_ devices: [DeviceInfo], at path: FieldPath) throws(WireError) {
        try Check.count(devices.count, max: WireLimits.maxListCount, path)
        for (index, device) in devices.enumerated() {
            try device.validate(at: path.index(index))
        }
    }
}
