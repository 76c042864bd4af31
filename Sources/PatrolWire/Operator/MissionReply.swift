/// The mission after a load, start or stop (`MissionReply`).
public struct MissionReply: Hashable, Sendable {
    /// <= 128 bytes.
    public var missionName: String
    /// `loaded`, `running`, `stopped`; <= 32 bytes.
    public var missionState: String

    public init(missionName: String, missionState: String) {
        self.missionName = missionName
        self.missionState = missionState
    }
}

extension MissionReply: Validating {
    func validate(at path: FieldPath) throws(WireError) {
        try Check.text(missionName, path.child("mission_name"), maxBytes: 128)
        try Check.text(missionState, path.child("mission_state"), maxBytes: 32)
    }
}
