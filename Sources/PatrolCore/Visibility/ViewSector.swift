import Foundation

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

    /// A sector from the eye out to `rangeM`, with no near limit.
    public init(eye: Point3, headingDeg: Double, fovDeg: Double, rangeM: Double) {
        self.init(eye: eye, headingDeg: headingDeg, fovDeg: fovDeg, rangeM: rangeM, nearM: 0)
    }

    /// A ring sector between `nearM` and `rangeM`.
    public init(eye: Point3, headingDeg: Double, fovDeg: Double, rangeM: Double, nearM: Double) {
        self.eye = eye
        self.headingDeg = headingDeg
        self.fovDeg = fovDeg
        self.rangeM = rangeM
        self.nearM = nearM
    }

    /// Whether a ground point (offset from the eye by `dx`, `dy`, at ground distance `distanceM`) lies in
    /// the sector. Convenience for tests; the algorithms build one `SectorShape` per query.
    func contains(dx: Double, dy: Double, distanceM: Double) -> Bool {
        SectorShape(self).contains(dx: dx, dy: dy, distanceM: distanceM)
    }
}

/// A sector's membership test with its trigonometry done once. The visibility algorithms and their
/// brute-force reference share this one test, so they agree exactly on the cells at the sector's edges.
struct SectorShape {
    let rangeM: Double
    let nearM: Double
    let isFullCircle: Bool
    /// Unit vector of the optical axis (x east, y north).
    let axisX: Double
    let axisY: Double
    /// cos(fov / 2): a point is within the field of view when its offset's projection on the axis is at
    /// least this fraction of its length.
    let cosHalfFov: Double
    let sinHalfFov: Double
    /// Half the field of view, radians.
    let halfFovRad: Double

    init(_ sector: ViewSector) {
        rangeM = sector.rangeM
        nearM = sector.nearM
        isFullCircle = sector.fovDeg >= 360
        let axis = Heading.unitVector(bearingDeg: sector.headingDeg)
        axisX = axis.x
        axisY = axis.y
        cosHalfFov = cos(min(sector.fovDeg, 360) / 2 * .pi / 180)
        sinHalfFov = (1 - cosHalfFov * cosHalfFov).squareRoot()
        halfFovRad = min(sector.fovDeg, 360) / 2 * .pi / 180
    }

    /// Whether a disc (centre offset `dx`, `dy` from the eye at `distanceM`, radius `radiusM`) lies wholly
    /// outside the field of view, without trigonometry: its centre is farther from the axis than half
    /// the field of view plus the angle the disc subtends. The margin is far above rounding error, so no
    /// blocker that could hide a target is dropped.
    func misses(dx: Double, dy: Double, distanceM: Double, radiusM: Double) -> Bool {
        guard !isFullCircle, distanceM > radiusM, halfFovRad < .pi / 2 else { return false }
        let sinSubtended = radiusM / distanceM
        let cosSubtended = (1 - sinSubtended * sinSubtended).squareRoot()
        // cos(halfFov + subtended); only meaningful while that sum stays below pi, which halfFov < pi/2
        // and subtended < pi/2 guarantee.
        let cosLimit = cosHalfFov * cosSubtended - sinHalfFov * sinSubtended
        return (dx * axisX + dy * axisY) / distanceM < cosLimit - 1e-9
    }

    func contains(dx: Double, dy: Double, distanceM: Double) -> Bool {
        guard distanceM <= rangeM, distanceM >= nearM else { return false }
        if isFullCircle || distanceM == 0 { return true }
        return dx * axisX + dy * axisY >= distanceM * cosHalfFov
    }
}
