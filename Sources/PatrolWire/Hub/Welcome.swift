/// The hub's answer to an accepted `Hello` (`Welcome`).
public struct Welcome: Hashable, Sendable {
    /// The device's id, as in its Hello.
    public var deviceID: String
    /// The hub's `ProtocolVersion.current`.
    public var protocolVersion: UInt32
    /// The hub's site; ids are site-scoped. Non-empty, <= 64 bytes of `[A-Za-z0-9_.-]`.
    public var siteID: String
    /// Send a Heartbeat at least this often, milliseconds in [1, 3600000].
    public var heartbeatIntervalMS: UInt32
    /// Heartbeats missed before the hub declares the device lost, [1, 1000].
    public var lostAfterMissed: UInt32
    /// The hub's clock, for the device to estimate its offset; milliseconds since the Unix epoch.
    public var hubTimeMS: Int64
    /// Highest seq the hub holds durably for this device, to resume from.
    public var lastAckedSeq: UInt64

    public init(deviceID: String, protocolVersion: UInt32 = ProtocolVersion.current, siteID: String,
                heartbeatIntervalMS: UInt32, lostAfterMissed: UInt32, hubTimeMS: Int64, lastAckedSeq: UInt64) {
        self.deviceID = deviceID
        self.protocolVersion = protocolVersion
        self.siteID = siteID
        self.heartbeatIntervalMS = heartbeatIntervalMS
        self.lostAfterMissed = lostAfterMissed
        self.hubTimeMS = hubTimeMS
        self.lastAckedSeq = lastAckedSeq
    }
}

extension Welcome: Validating {
    func validate(at path: FieldPath) throws(WireError) {
        try Check.id(deviceID, path.child("device_id"))
        try Check.id(siteID, path.child("site_id"))
        try Check.integer(heartbeatIntervalMS, 1...3_600_000, path.child("heartbeat_interval_ms"))
        try Check.integer(lostAfterMissed, 1...1000, path.child("lost_after_missed"))
        try Check.timestamp(hubTimeMS, path.child("hub_time_ms"))
    }
}
