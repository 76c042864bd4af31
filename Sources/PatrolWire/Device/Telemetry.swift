/// Where a device is and how it is doing (`Telemetry`).
public struct Telemetry: Hashable, Sendable {
    public var position: Vec3
    /// Compass bearing of travel, degrees in [0, 360).
    public var headingDeg: Double
    /// Ground speed, metres per second in [0, 100].
    public var speedMPS: Double
    /// State of charge, [0, 1].
    public var batteryFraction: Double
    /// Flight or drive time left at patrol speed, seconds in [0, 360000].
    public var enduranceRemainingS: Double
    /// The device's state; never `.lost`.
    public var state: DeviceState

    public init(position: Vec3, headingDeg: Double, speedMPS: Double, batteryFraction: Double,
                enduranceRemainingS: Double, state: DeviceState) {
        self.position = position
        self.headingDeg = headingDeg
        self.speedMPS = speedMPS
        self.batteryFraction = batteryFraction
        self.enduranceRemainingS = enduranceRemainingS
        self.state = state
    }
}

extension Telemetry: Validating {
    func validate(at path: FieldPath) throws(WireError) {
        try position.validate(at: path.child("position"))
        try Check.number(headingDeg, .bearing, path.child("heading_deg"))
        try Check.number(speedMPS, .closed(0, 100), path.child("speed_mps"))
        try Check.number(batteryFraction, .unit, path.child("battery_fraction"))
        try Check.number(enduranceRemainingS, .closed(0, 360_000), path.child("endurance_remaining_s"))
        try DeviceState.checkReportable(state, path.child("state"))
    }
}
