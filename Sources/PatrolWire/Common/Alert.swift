/// An alert raised by the hub (`Alert`).
public struct Alert: Hashable, Sendable {
    /// Site-scoped, unique id: non-empty, <= 64 bytes of `[A-Za-z0-9_.-]`.
    public var alertID: String
    public var kind: AlertKind
    public var severity: Severity
    public var state: AlertState
    /// One line for people, <= 512 bytes.
    public var message: String
    /// Where it happens.
    public var position: Vec3
    /// When the condition was first seen, milliseconds since the Unix epoch.
    public var openedMS: Int64
    /// Last change of state or value, milliseconds since the Unix epoch.
    public var updatedMS: Int64
    /// The device concerned; empty if none.
    public var deviceID: String
    /// The measured quantity: density in persons per m2, staleness ratio, confidence...
    public var value: Double
    /// Detections: the device's reference to its evidence (image id, URI), <= 256 bytes; may be empty.
    public var evidenceRef: String

    public init(alertID: String, kind: AlertKind, severity: Severity, state: AlertState, message: String,
                position: Vec3, openedMS: Int64, updatedMS: Int64, deviceID: String = "", value: Double = 0,
                evidenceRef: String = "") {
        self.alertID = alertID
        self.kind = kind
        self.severity = severity
        self.state = state
        self.message = message
        self.position = position
        self.openedMS = openedMS
        self.updatedMS = updatedMS
        self.deviceID = deviceID
        self.value = value
        self.evidenceRef = evidenceRef
    }
}

extension Alert: Validating {
    func validate(at path: FieldPath) throws(WireError) {
        try Check.id(alertID, path.child("alert_id"))
        try Check.text(message, path.child("message"), maxBytes: 512)
        try position.validate(at: path.child("position"))
        try Check.timestamp(openedMS, path.child("opened_ms"))
        try Check.timestamp(updatedMS, path.child("updated_ms"))
        try Check.id(deviceID, path.child("device_id"), optional: true)
        try Check.finite(value, path.child("value"))
        try Check.text(evidenceRef, path.child("evidence_ref"), maxBytes: 256)
    }
}
