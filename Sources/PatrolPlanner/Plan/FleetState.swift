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

    public init(devices: [Device]) {
        self.devices = devices
    }
}
