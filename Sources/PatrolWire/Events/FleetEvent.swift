/// Devices that changed (`FleetEvent`).
public struct FleetEvent: Hashable, Sendable {
    /// At most `WireLimits.maxListCount`.
    public var devices: [DeviceInfo]

    public init(devices: [DeviceInfo]) {
        self.devices = devices
    }
}

extension FleetEvent: Validating {
    func validate(at path: FieldPath) throws(WireError) {
        try DeviceInfo.validateList(devices, at: path.child("devices"))
    }
}
