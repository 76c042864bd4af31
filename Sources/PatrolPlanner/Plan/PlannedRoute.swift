import PatrolCore

/// One stop of a route.
public struct PlannedWaypoint: Hashable, Sendable {
    /// Why the device goes there.
    public enum Purpose: String, Hashable, Sendable {
        /// A viewpoint: the camera looks at `headingDeg` and sees the viewpoint's cells.
        case patrol
        /// A corner of the path between viewpoints (around buildings or no-fly zones).
        case transit
        /// The device's dock: it charges for `dwellS` seconds.
        case dock
    }

    /// Where, local metres; `z` is the flying altitude for drones, 0 for robots.
    public var position: Point3
    /// Arrival, seconds after the start of the route's cycle.
    public var arrivalS: Double
    /// Compass bearing the camera should face, degrees; nil when any will do.
    public var headingDeg: Double?
    /// Seconds spent here before leaving (charging at a dock).
    public var dwellS: Double
    public var purpose: Purpose
    /// Index into `Plan.viewpoints` for patrol stops.
    public var viewpoint: Int?

    public init(position: Point3, arrivalS: Double, headingDeg: Double? = nil, dwellS: Double = 0,
                purpose: Purpose, viewpoint: Int? = nil) {
        self.position = position
        self.arrivalS = arrivalS
        self.headingDeg = headingDeg
        self.dwellS = dwellS
        self.purpose = purpose
        self.viewpoint = viewpoint
    }
}

/// A device's cyclic route: it reaches `waypoints[0]` at `startOffsetS` after the plan starts, then
/// follows the waypoints at their arrival offsets, returning to `waypoints[0]` every `cycleS` seconds.
public struct PlannedRoute: Hashable, Sendable {
    public var deviceID: String
    public var kind: DeviceKind
    public var waypoints: [PlannedWaypoint]
    /// Duration of one cycle, seconds, including charging stops.
    public var cycleS: Double
    /// When the device must be at `waypoints[0]`, seconds after the plan starts (its place in the
    /// staggered schedule); before that it travels there from wherever it is.
    public var startOffsetS: Double

    public init(deviceID: String, kind: DeviceKind, waypoints: [PlannedWaypoint], cycleS: Double,
                startOffsetS: Double) {
        self.deviceID = deviceID
        self.kind = kind
        self.waypoints = waypoints
        self.cycleS = cycleS
        self.startOffsetS = startOffsetS
    }
}
