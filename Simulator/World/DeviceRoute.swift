import PatrolCore

/// The route a simulated device follows: from the hub (AssignRoute) or from a baseline pilot.
public struct DeviceRoute: Sendable, Equatable {
    /// One point to pass; `lookHeadingDeg` set when the camera must face that bearing there.
    public struct Stop: Sendable, Equatable {
        public var position: Point3
        public var offsetS: Double
        public var lookHeadingDeg: Double?

        public init(position: Point3, offsetS: Double = 0, lookHeadingDeg: Double? = nil) {
            self.position = position
            self.offsetS = offsetS
            self.lookHeadingDeg = lookHeadingDeg
        }
    }

    public var routeID: String
    public var version: UInt32
    public var stops: [Stop]
    public var cyclic: Bool
    public var cycleS: Double
    /// Index of the stop the device heads for.
    public var next: Int
    /// Simulated time at which cycle offset 0 of the current cycle falls, seconds; set when assigned.
    public var cycleOriginS = 0.0

    /// The device heads for `stops[0]` first; when it is due there is given to `start`.
    public init(routeID: String, version: UInt32, stops: [Stop], cyclic: Bool, cycleS: Double) {
        self.routeID = routeID
        self.version = version
        self.stops = stops
        self.cyclic = cyclic
        self.cycleS = cycleS
        next = 0
    }

    public var isFinished: Bool { next >= stops.count }
    public var target: Stop? { isFinished ? nil : stops[next] }

    /// Moves on to the following stop (wrapping around when cyclic).
    public mutating func advance() {
        next += 1
        if cyclic, next >= stops.count, !stops.isEmpty {
            next = 0
            cycleOriginS += cycleS
        }
    }

    /// Starts the schedule: the device is due at `stops[0]` at `nowS + startOffsetS` (AssignRoute's
    /// `start_offset_s`: the planner rotates each device's route so that its first stop comes first and
    /// staggers devices on a shared tour through this delay), and at every later stop its offset after that.
    public mutating func start(at nowS: Double, startOffsetS: Double) {
        cycleOriginS = nowS + max(0, startOffsetS) - (stops.first?.offsetS ?? 0)
    }

    /// When the device should leave the stop it has just reached so as to arrive at the following stop on
    /// schedule, given the speed it travels at; nil for routes without a schedule.
    public func departureS(cruiseMPS: Double) -> Double? {
        guard cycleS > 0, !isFinished, stops.count > 1 else { return nil }
        let here = stops[next]
        let followingIndex = next + 1 < stops.count ? next + 1 : (cyclic ? 0 : -1)
        guard followingIndex >= 0 else { return nil }
        let following = stops[followingIndex]
        let arrival = cycleOriginS + following.offsetS + (followingIndex == 0 ? cycleS : 0)
        return arrival - here.position.ground.distance(to: following.position.ground) / max(cruiseMPS, 0.1)
    }
}
