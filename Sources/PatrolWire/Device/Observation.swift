/// What a camera saw (`Observation`); the hub turns it into a footprint on the coverage map.
public struct Observation: Hashable, Sendable {
    /// When the frame was taken, milliseconds since the Unix epoch.
    public var capturedMS: Int64
    /// Camera position (`zM`: height above ground).
    public var cameraPosition: Vec3
    /// Compass bearing of the optical axis, degrees in [0, 360).
    public var headingDeg: Double
    /// Downward tilt, degrees in [0, 90].
    public var pitchDeg: Double
    /// Horizontal field of view, degrees in (0, 360].
    public var fovDeg: Double
    /// Useful range, metres in (0, 1000].
    public var rangeM: Double
    /// Persons counted in the footprint, <= 100000; nil when the device did not count
    /// (`has_person_count` false on the wire).
    public var personCount: UInt32?
    /// Confidence of the person count, [0, 1].
    public var confidence: Double

    public init(capturedMS: Int64, cameraPosition: Vec3, headingDeg: Double, pitchDeg: Double, fovDeg: Double,
                rangeM: Double, personCount: UInt32? = nil, confidence: Double = 0) {
        self.capturedMS = capturedMS
        self.cameraPosition = cameraPosition
        self.headingDeg = headingDeg
        self.pitchDeg = pitchDeg
        self.fovDeg = fovDeg
        self.rangeM = rangeM
        self.personCount = personCount
        self.confidence = confidence
    }
}

extension Observation: Validating {
    func validate(at path: FieldPath) throws(WireError) {
        try Check.timestamp(capturedMS, path.child("captured_ms"))
        try cameraPosition.validate(at: path.child("camera_position"))
        try Check.number(headingDeg, .bearing, path.child("heading_deg"))
        try Check.number(pitchDeg, .closed(0, 90), path.child("pitch_deg"))
        try Check.number(fovDeg, .leftOpen(0, 360), path.child("fov_deg"))
        try Check.number(rangeM, .leftOpen(0, 1000), path.child("range_m"))
        if let personCount {
            try Check.integer(personCount, 0...100_000, path.child("person_count"))
        }
        try Check.number(confidence, .unit, path.child("confidence"))
    }
}
