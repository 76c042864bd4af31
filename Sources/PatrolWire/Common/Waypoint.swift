/// One point of a route (`Waypoint`).
public struct Waypoint: Hashable, Sendable {
    /// Where to pass; `zM` is the flight altitude for drones, 0 for robots.
    public var position: Vec3
    /// Planned arrival, seconds after the start of the route's cycle; >= 0.
    public var offsetS: Double
    /// Camera heading to hold here, compass bearing in [0, 360); checked only when `look` is true.
    public var headingDeg: Double
    /// True when this waypoint is a viewpoint (the camera must face `headingDeg`).
    public var look: Bool

    public init(position: Vec3, offsetS: Double, headingDeg: Double = 0, look: Bool = false) {
        self.position = position
        self.offsetS = offsetS
        self.headingDeg = headingDeg
        self.look = look
    }
}

extension Waypoint: Validating {
    func validate(at path: FieldPath) throws(WireError) {
        try position.validate(at: path.child("position"))
        try Check.number(offsetS, .duration, path.child("offset_s"))
        // The proto says heading_deg is ignored without look, so only its finiteness is required then.
        if look {
            try Check.number(headingDeg, .bearing, path.child("heading_deg"))
        } else {
            try Check.finite(headingDeg, path.child("heading_deg"))
        }
    }
}
