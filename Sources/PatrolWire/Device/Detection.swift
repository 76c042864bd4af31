/// Something a device detected (`Detection`): a fall, a fight, a fire, an unattended object.
public struct Detection: Hashable, Sendable {
    /// Device-scoped id, kept by the same incident: non-empty, <= 64 bytes of `[A-Za-z0-9_.-]`.
    public var detectionID: String
    /// What was detected (`fall`, `fight`, `fire`, `unattended_object`): non-empty, <= 64 bytes of `[A-Za-z0-9_.-]`.
    public var kind: String
    /// Where the detected thing is.
    public var position: Vec3
    /// [0, 1].
    public var confidence: Double
    /// Milliseconds since the Unix epoch.
    public var detectedMS: Int64
    /// The device's reference to stored evidence (image id, URI), <= 256 bytes; may be empty.
    public var evidenceRef: String

    public init(detectionID: String, kind: String, position: Vec3, confidence: Double, detectedMS: Int64,
                evidenceRef: String = "") {
        self.detectionID = detectionID
        self.kind = kind
        self.position = position
        self.confidence = confidence
        self.detectedMS = detectedMS
        self.evidenceRef = evidenceRef
    }
}

extension Detection: Validating {
    func validate(at path: FieldPath) throws(WireError) {
        try Check.id(detectionID, path.child("detection_id"))
        try Check.id(kind, path.child("kind"))
        try position.validate(at: path.child("position"))
        try Check.number(confidence, .unit, path.child("confidence"))
        try Check.timestamp(detectedMS, path.child("detected_ms"))
        try Check.text(evidenceRef, path.child("evidence_ref"), maxBytes: 256)
    }
}
