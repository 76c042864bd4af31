import PatrolCore

/// A position in the site's local frame (`Vec3`): metres east and north of the mission origin, metres above ground.
public struct Vec3: Hashable, Sendable {
    /// Metres east of the mission origin; finite, `|xM| <= 100000`.
    public var xM: Double
    /// Metres north of the mission origin; finite, `|yM| <= 100000`.
    public var yM: Double
    /// Metres above ground; finite, `-100 <= zM <= 10000`.
    public var zM: Double

    public init(xM: Double, yM: Double, zM: Double) {
        self.xM = xM
        self.yM = yM
        self.zM = zM
    }

    /// The same position as a core geometry point.
    public init(_ point: Point3) {
        self.init(xM: point.x, yM: point.y, zM: point.z)
    }

    /// The same position as a core geometry point.
    public var point: Point3 { Point3(x: xM, y: yM, z: zM) }

    /// The origin, 0 m above ground.
    public static let zero = Vec3(xM: 0, yM: 0, zM: 0)
}

extension Vec3: Validating {
    func validate(at path: FieldPath) throws(WireError) {
        let horizontal = Bounds.closed(-WireLimits.maxHorizontalM, WireLimits.maxHorizontalM)
        try Check.number(xM, horizontal, path.child("x_m"))
        try Check.number(yM, horizontal, path.child("y_m"))
        let z = WireLimits.zRangeM
        try Check.number(zM, .closed(z.lowerBound, z.upperBound), path.child("z_m"))
    }
}
