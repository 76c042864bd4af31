/// A route for a device to follow (`AssignRoute`).
public struct AssignRoute: Hashable, Sendable {
    /// Non-empty, <= 64 bytes of `[A-Za-z0-9_.-]`.
    public var routeID: String
    /// Increases with every change of this device's route.
    public var version: UInt32
    /// At most `WireLimits.maxWaypoints`.
    public var waypoints: [Waypoint]
    /// True: loop forever; false: stop at the last waypoint.
    public var cyclic: Bool
    /// Planned duration of one cycle, seconds >= 0.
    public var cycleS: Double
    /// Where along the cycle to start (staggering on a shared tour), seconds >= 0.
    public var startOffsetS: Double

    public init(routeID: String, version: UInt32, waypoints: [Waypoint], cyclic: Bool, cycleS: Double,
                startOffsetS: Double = 0) {
        self.routeID = routeID
        self.version = version
        self.waypoints = waypoints
        self.cyclic = cyclic
        self.cycleS = cycleS
        self.startOffsetS = startOffsetS
    }
}

extension AssignRoute: Validating {
    func validate(at path: FieldPath) throws(WireError) {
        try Check.id(routeID, path.child("route_id"))
        try Waypoint.validateList(waypoints, at: path.child("waypoints"))
        try Check.number(cycleS, .duration, path.child("cycle_s"))
        try Check.number(startOffsetS, .duration, path.child("start_offset_s"))
    }
}

extension Waypoint {
    static func validateList(_ waypoints: [Waypoint], at path: FieldPath) throws(WireError) {
        try Check.count(waypoints.count, max: WireLimits.maxWaypoints, path)
        for (index, waypoint) in waypoints.enumerated() {
            try waypoint.validate(at: path.index(index))
        }
    }
}
