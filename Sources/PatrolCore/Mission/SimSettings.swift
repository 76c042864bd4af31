/// The optional `sim` block of mission.json: what the simulator adds to the site.
public struct SimSettings: Sendable {
    /// Number of simulated pedestrians.
    public var pedestrians: Int
    public var incidents: [SimIncident]
    public var faults: [SimFault]

    public init(pedestrians: Int = 0, incidents: [SimIncident] = [], faults: [SimFault] = []) {
        self.pedestrians = pedestrians
        self.incidents = incidents
        self.faults = faults
    }
}

/// `sim.incidents[]`: something devices can detect, at a place, for a while.
public struct SimIncident: Hashable, Sendable {
    public var kind: String
    public var position: Point2
    /// Seconds after the start of the simulation.
    public var startS: Double
    public var durationS: Double

    public init(kind: String, position: Point2, startS: Double, durationS: Double) {
        self.kind = kind
        self.position = position
        self.startS = startS
        self.durationS = durationS
    }
}

/// `sim.faults[]`.
public struct SimFault: Hashable, Sendable {
    public enum Kind: String, Sendable, CaseIterable {
        /// `device` crashes at `atS` and stays down.
        case deviceCrash = "device_crash"
        /// `device` loses its link from `atS` for `durationS`.
        case commLoss = "comm_loss"
        /// messages of `device` (or all, when nil) are dropped with probability `rate`.
        case messageDrop = "message_drop"
        case messageDuplicate = "message_duplicate"
        case messageReorder = "message_reorder"
        /// `device`'s battery drains `rate` times faster from `atS`.
        case batteryDrain = "battery_drain"
        /// `device`'s position reports get Gaussian noise of `rate` metres from `atS`.
        case gpsNoise = "gps_noise"
        /// fixed camera `camera` goes offline at `atS` for `durationS`.
        case cameraOffline = "camera_offline"
    }

    public var kind: Kind
    public var device: String?
    public var camera: String?
    public var atS: Double
    public var durationS: Double?
    public var rate: Double?

    public init(kind: Kind, device: String? = nil, camera: String? = nil, atS: Double = 0,
                durationS: Double? = nil, rate: Double? = nil) {
        self.kind = kind
        self.device = device
        self.camera = camera
        self.atS = atS
        self.durationS = durationS
        self.rate = rate
    }
}
