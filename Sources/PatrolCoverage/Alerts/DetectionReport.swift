import PatrolCore

/// Something a device detected (a fall, a fight, smoke, an abandoned object...), as reported.
public struct DetectionReport: Hashable, Sendable {
    public var deviceID: String
    /// The device's own id of this detection; re-reports of the same incident carry the same id.
    public var detectionID: String
    /// What was detected, e.g. `fall`, `smoke`.
    public var kind: String
    /// Where, local metres.
    public var position: Point2
    /// In [0, 1].
    public var confidence: Double
    /// Image or clip id in the device's evidence store.
    public var evidenceRef: String?
    public var capturedMS: Int64

    public init(deviceID: String, detectionID: String, kind: String, position: Point2, confidence: Double,
                evidenceRef: String? = nil, capturedMS: Int64) {
        self.deviceID = deviceID
        self.detectionID = detectionID
        self.kind = kind
        self.position = position
        self.confidence = confidence
        self.evidenceRef = evidenceRef
        self.capturedMS = capturedMS
    }
}
