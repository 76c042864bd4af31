/// The device the hub sent (`DispatchReply`).
public struct DispatchReply: Hashable, Sendable {
    /// Non-empty, <= 64 bytes of `[A-Za-z0-9_.-]`.
    public var deviceID: String
    /// Planned travel time to the target, seconds >= 0.
    public var travelTimeS: Double

    public init(deviceID: String, travelTimeS: Double) {
        self.deviceID = deviceID
        self.travelTimeS = travelTimeS
    }
}

extension DispatchReply: Validating {
    func validate(at path: FieldPath) throws(WireError) {
        try Check.id(deviceID, path.child("device_id"))
        try Check.number(travelTimeS, .duration, path.child("travel_time_s"))
    }
}
