import PatrolCore

/// One camera frame as a device reports it: where the camera was and where it looked, when, and
/// optionally how many persons it counted in what it saw.
public struct CameraObservation: Hashable, Sendable {
    /// The reporting device (drone, robot or fixed camera id).
    public var deviceID: String
    /// Capture time, milliseconds since the Unix epoch.
    public var capturedMS: Int64
    /// Camera position; `z` is metres above ground.
    public var position: Point3
    /// Compass bearing of the optical axis, degrees.
    public var headingDeg: Double
    /// Tilt below horizontal, degrees in [0, 90]; 90 looks straight down.
    public var pitchDeg: Double
    /// Horizontal field of view, degrees in (0, 360].
    public var fovDeg: Double
    /// Useful viewing range (ground distance), metres.
    public var rangeM: Double
    /// Persons counted in the frame, when the device counts.
    public var personCount: Int?
    /// Confidence of the count, in (0, 1].
    public var countConfidence: Double

    public init(deviceID: String, capturedMS: Int64, position: Point3, headingDeg: Double, pitchDeg: Double,
                fovDeg: Double, rangeM: Double, personCount: Int? = nil, countConfidence: Double = 1) {
        self.deviceID = deviceID
        self.capturedMS = capturedMS
        self.position = position
        self.headingDeg = headingDeg
        self.pitchDeg = pitchDeg
        self.fovDeg = fovDeg
        self.rangeM = rangeM
        self.personCount = personCount
        self.countConfidence = countConfidence
    }

    /// Longest viewing range accepted, metres: beyond that the report is a unit error.
    public static let maxRangeM = 5_000.0

    /// Checks every field before it touches the map.
    /// - Throws: `CoverageError.observation` naming the device and the field.
    public func validate() throws(CoverageError) {
        func fail(_ field: String, _ expected: String, _ value: Any) -> CoverageError {
            .observation("device '\(deviceID)' field \(field) is \(value); expected \(expected)")
        }
        guard !deviceID.isEmpty else { throw .observation("device id is empty; expected the reporting device's id") }
        guard position.isFinite else { throw fail("position", "finite coordinates", position) }
        guard headingDeg.isFinite else { throw fail("heading_deg", "a finite bearing", headingDeg) }
        guard pitchDeg.isFinite, pitchDeg >= 0, pitchDeg <= 90 else { throw fail("pitch_deg", "0...90", pitchDeg) }
        guard fovDeg.isFinite, fovDeg > 0, fovDeg <= 360 else { throw fail("fov_deg", "(0, 360]", fovDeg) }
        guard rangeM.isFinite, rangeM > 0, rangeM <= Self.maxRangeM else {
            throw fail("range_m", "(0, \(Self.maxRangeM)]", rangeM)
        }
        if let personCount, personCount < 0 { throw fail("person_count", ">= 0", personCount) }
        guard countConfidence.isFinite, countConfidence > 0, countConfidence <= 1 else {
            throw fail("count_confidence", "(0, 1]", countConfidence)
        }
    }
}
