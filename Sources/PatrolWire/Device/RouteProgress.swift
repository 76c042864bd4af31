/// Where a device is along its assigned route (`RouteProgress`).
///
/// Decoding bounds `waypointIndex` by `WireLimits.maxWaypoints`; whether it is below the route's own number of
/// waypoints depends on the route, so the hub checks that.
public struct RouteProgress: Hashable, Sendable {
    /// `AssignRoute.routeID` being followed: non-empty, <= 64 bytes of `[A-Za-z0-9_.-]`.
    public var routeID: String
    /// `AssignRoute.version` being followed.
    public var routeVersion: UInt32
    /// Index of the next waypoint.
    public var waypointIndex: UInt32
    /// Where the device is along the cycle, seconds >= 0.
    public var cycleOffsetS: Double

    public init(routeID: String, routeVersion: UInt32, waypointIndex: UInt32, cycleOffsetS: Double) {
        self.routeID = routeID
        self.routeVersion = routeVersion
        self.waypointIndex = waypointIndex
        self.cycleOffsetS = cycleOffsetS
    }
}

extension RouteProgress: Validating {
    func validate(at path: FieldPath) throws(WireError) {
        try Check.id(routeID, path.child("route_id"))
        try Check.integer(waypointIndex, 0...UInt32(WireLimits.maxWaypoints - 1), path.child("waypoint_index"))
        try Check.number(cycleOffsetS, .duration, path.child("cycle_offset_s"))
    }
}
