import PatrolCore

/// A closed walk with arrival times: the stops of one cycle, `stops[0]` reached at 0 and again at `cycleS`.
public struct TimedWalk: Hashable, Sendable {
    public var stops: [PlannedWaypoint]
    /// Duration of one cycle, seconds.
    public var cycleS: Double

    public init(stops: [PlannedWaypoint], cycleS: Double) {
        self.stops = stops
        self.cycleS = cycleS
    }

    /// The cyclic strategy: the devices follow this one walk, spaced evenly in time.
    ///
    /// Device `k` of `n` starts at time `k * cycleS / n` along the walk: its route begins at the first
    /// stop at or after that moment, with `startOffsetS` the wait until it reaches that stop, so the
    /// sightings of any stop are exactly `cycleS / n` apart.
    public func cyclicRoutes(devices: [(id: String, kind: DeviceKind)]) -> [PlannedRoute] {
        guard !stops.isEmpty, cycleS > 0 else {
            return devices.map { PlannedRoute(deviceID: $0.id, kind: $0.kind, waypoints: [], cycleS: 0, startOffsetS: 0) }
        }
        return devices.enumerated().map { k, device in
            let slotS = Double(k) * cycleS / Double(devices.count)
            let first = stops.firstIndex { $0.arrivalS >= slotS - 1e-9 }
            let startIndex = first ?? 0
            let startArrivalS = first == nil ? stops[0].arrivalS + cycleS : stops[startIndex].arrivalS
            var waypoints: [PlannedWaypoint] = []
            waypoints.reserveCapacity(stops.count)
            for step in 0..<stops.count {
                var stop = stops[(startIndex + step) % stops.count]
                var offsetS = stop.arrivalS - stops[startIndex].arrivalS
                if offsetS < 0 { offsetS += cycleS }
                stop.arrivalS = offsetS
                waypoints.append(stop)
            }
            return PlannedRoute(deviceID: device.id, kind: device.kind, waypoints: waypoints, cycleS: cycleS,
                                startOffsetS: startArrivalS - slotS)
        }
    }
}
