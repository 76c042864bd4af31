/// What a camera can see on the ground, before occlusion: a sector of a ring around the eye.
public struct ViewSector: Sendable {
    /// The camera position; `z` is the eye height above ground, metres.
    public var eye: Point3
    /// Compass bearing of the optical axis, degrees.
    public var headingDeg: Double
    /// Horizontal field of view, degrees; 360 or more sees all around.
    public var fovDeg: Double
    /// Cells whose centres are farther than this (ground distance from the eye) are not seen, metres.
    public var rangeM: Double
    /// Cells whose centres are nearer than this are not seen, metres (a tilted drone camera's blind
    /// area below and behind it); 0 for ground cameras.
    public var nearM: Double

    public init(eye: Point3, headingDeg: Double, fovDeg: Double, rangeM: Double) {
        self.init(eye: eye, headingDeg: headingDeg, fovDeg: fovDeg, rangeM: rangeM, nearM: 0)
    }

    public init(eye: Point3, headingDeg: Double, fovDeg: Double, rangeM: Double, nearM: Double) {
        self.eye = eye
        self.headingDeg = headingDeg
        self.fovDeg = fovDeg
        self.rangeM = rangeM
        self.nearM = nearM
    }

    /// Whether a ground point (offset from the eye by `dx`, `dy`, at ground distance `distanceM`) lies in
    /// the sector. The visibility algorithms and their brute-force reference share this one test.
    func contains(dx: Double, dy: Double, distanceM: Double) -> Bool {
        guard distanceM <= rangeM, distanceM >= nearM else { return false }
        if fovDeg >= 360 || distanceM == 0 { return true }
        let bearing = Heading.bearingDeg(of: Point2(x: dx, y: dy))
        return Heading.differenceDeg(bearing, headingDeg) <= fovDeg / 2
    }
}
