/// The hub's state at a glance (`StatusReply`).
public struct StatusReply: Hashable, Sendable {
    /// The hub's site: non-empty, <= 64 bytes of `[A-Za-z0-9_.-]`.
    public var siteID: String
    /// <= 128 bytes; empty when no mission is loaded.
    public var missionName: String
    /// `loaded`, `running`, `stopped`; <= 32 bytes, empty when no mission is loaded.
    public var missionState: String
    /// Milliseconds since the Unix epoch.
    public var hubTimeMS: Int64
    /// Seconds >= 0.
    public var uptimeS: Double
    public var devicesTotal: UInt32
    /// <= `devicesTotal`.
    public var devicesConnected: UInt32
    public var alertsOpen: UInt32
    /// Named counters (`messages_in.telemetry`, `rejects.malformed`), at most `WireLimits.maxListCount`.
    public var counters: [Counter]
    /// Live metrics of the coverage map; nil before a mission runs.
    public var metrics: PatrolMetrics?
    /// The current plan's id; empty if none.
    public var planID: String

    public init(siteID: String, missionName: String = "", missionState: String = "", hubTimeMS: Int64,
                uptimeS: Double, devicesTotal: UInt32 = 0, devicesConnected: UInt32 = 0, alertsOpen: UInt32 = 0,
                counters: [Counter] = [], metrics: PatrolMetrics? = nil, planID: String = "") {
        self.siteID = siteID
        self.missionName = missionName
        self.missionState = missionState
        self.hubTimeMS = hubTimeMS
        self.uptimeS = uptimeS
        self.devicesTotal = devicesTotal
        self.devicesConnected = devicesConnected
        self.alertsOpen = alertsOpen
        self.counters = counters
        self.metrics = metrics
        self.planID = planID
    }
}

/// One named counter of the hub (`Counter`).
public struct Counter: Hashable, Sendable {
    /// Non-empty, <= 128 bytes of `[A-Za-z0-9_.-]`, e.g. `rejects.malformed`.
    public var name: String
    /// Finite.
    public var value: Double

    public init(name: String, value: Double) {
        self.name = name
        self.value = value
    }
}

extension StatusReply: Validating {
    func validate(at path: FieldPath) throws(WireError) {
        try Check.id(siteID, path.child("site_id"))
        try Check.text(missionName, path.child("mission_name"), maxBytes: 128)
        try Check.text(missionState, path.child("mission_state"), maxBytes: 32)
        try Check.timestamp(hubTimeMS, path.child("hub_time_ms"))
        try Check.number(uptimeS, .duration, path.child("uptime_s"))
        guard devicesConnected <= devicesTotal else {
            throw WireError(.inconsistent, field: path.child("devices_connected").text,
                            "\(devicesConnected) exceeds devices_total \(devicesTotal)")
        }
        try Check.count(counters.count, max: WireLimits.maxListCount, path.child("counters"))
        for (index, counter) in counters.enumerated() {
            let counterPath = path.child("counters").index(index)
            try Check.id(counter.name, counterPath.child("name"), maxBytes: 128)
            try Check.finite(counter.value, counterPath.child("value"))
        }
        try metrics?.validate(at: path.child("metrics"))
        try Check.id(planID, path.child("plan_id"), optional: true)
    }
}
