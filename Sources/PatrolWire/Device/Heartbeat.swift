/// A liveness message (`Heartbeat`), sent at least every `Welcome.heartbeatIntervalMS`.
public struct Heartbeat: Hashable, Sendable {
    /// The device's state; never `.lost`, which only the hub assigns.
    public var state: DeviceState

    public init(state: DeviceState) {
        self.state = state
    }
}

extension Heartbeat: Validating {
    func validate(at path: FieldPath) throws(WireError) {
        try DeviceState.checkReportable(state, path.child("state"))
    }
}

extension DeviceState {
    /// A device may report any state but `.lost`, which the hub alone assigns when heartbeats stop.
    static func checkReportable(_ state: DeviceState, _ path: @autoclosure () -> FieldPath) throws(WireError) {
        guard state != .lost else {
            throw WireError(.notAllowed, field: path().text, "DEVICE_STATE_LOST is assigned by the hub only")
        }
    }
}
