import PatrolCore

/// The first message on a device's connection (`Hello`), answered with `Welcome` or `Reject`.
public struct Hello: Hashable, Sendable {
    /// The fleet id from mission.json: non-empty, <= 64 bytes of `[A-Za-z0-9_.-]`.
    public var deviceID: String
    /// Must match the mission's fleet entry.
    public var kind: DeviceKind
    /// `ProtocolVersion.current`; decoding accepts any value, `ProtocolVersion.check` compares it.
    public var protocolVersion: UInt32
    public var capabilities: Capabilities
    /// Free text for operators, <= 128 bytes.
    public var firmware: String

    public init(deviceID: String, kind: DeviceKind, protocolVersion: UInt32 = ProtocolVersion.current,
                capabilities: Capabilities, firmware: String = "") {
        self.deviceID = deviceID
        self.kind = kind
        self.protocolVersion = protocolVersion
        self.capabilities = capabilities
        self.firmware = firmware
    }
}

/// What a device can do (`Capabilities`), sent in `Hello`.
public struct Capabilities: Hashable, Sendable {
    /// Top speed, metres per second in (0, 100].
    public var maxSpeedMPS: Double
    /// Battery endurance when full, seconds in (0, 360000].
    public var enduranceS: Double
    public var camera: CameraSpec
    /// The device can count persons in view.
    public var personCounting: Bool
    /// The device reports detections.
    public var detection: Bool

    public init(maxSpeedMPS: Double, enduranceS: Double, camera: CameraSpec, personCounting: Bool = false,
                detection: Bool = false) {
        self.maxSpeedMPS = maxSpeedMPS
        self.enduranceS = enduranceS
        self.camera = camera
        self.personCounting = personCounting
        self.detection = detection
    }
}

extension Hello: Validating {
    func validate(at path: FieldPath) throws(WireError) {
        try Check.id(deviceID, path.child("device_id"))
        try capabilities.validate(at: path.child("capabilities"))
        try Check.text(firmware, path.child("firmware"), maxBytes: 128)
    }
}

extension Capabilities: Validating {
    func validate(at path: FieldPath) throws(WireError) {
        try Check.number(maxSpeedMPS, .leftOpen(0, 100), path.child("max_speed_mps"))
        try Check.number(enduranceS, .leftOpen(0, 360_000), path.child("endurance_s"))
        try camera.validate(at: path.child("camera"))
    }
}
