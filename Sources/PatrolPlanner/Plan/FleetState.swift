import PatrolCore

/// Where the fleet is now, for replanning.
public struct FleetState: Sendable {
    /// One device's current state.
    public struct Device: Sendable {
        public var device: FleetDevice
        /// Current position, local metres.
        public var position: Point2
        /// Remaining battery as a fraction of a full charge, 0...1.
        public var batteryFraction: Double
        /// False when the device is lost, charging or otherwise out of the patrol.
        public var available: Bool

        public init(device: FleetDevice, position: Point2, batteryFraction: Double = 1, available: Bool = true) {
            self.device = device
            self.position = position
            self.batteryFraction = batteryFraction
            self.available = available
        }
    }

    public var devices: [Device]
    /// Seconds since each grid cell was last seen (indexed by grid cell, as `SiteGrid`), when the hub knows:
    /// a replan then runs each loop the way that reaches its stalest stops soonest. Nil: by where each device
    /// was going.
    public var cellIdlenessS: [Double]?

    public init(devices: [Device], cellIdlenessS: [Double]? = nil) {
        self.devices = devices
        self.cellIdlenessS = cellIdlenessS
    }
}
