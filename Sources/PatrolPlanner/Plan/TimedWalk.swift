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
        cyclicRoutes(devices: devices, fullRoutes: devices.count)
    }

    /// `cyclicRoutes(devices:)` with the whole walk in the first `fullRoutes` routes only: the later ones carry
    /// just the stop where their device joins the walk, which is all that assigning the slots reads. Comparing
    /// strategies needs one route of a shared walk; 300 whole copies of a 5,000-stop walk were 120 MB.
    func cyclicRoutes(devices: [(id: String, kind: DeviceKind)], fullRoutes: Int) -> [PlannedRoute] {
        guard !stops.isEmpty, cycleS > 0 else {
            return devices.map { PlannedRoute(deviceID: $0.id, kind: $0.kind, waypoints: [], cycleS: 0, startOffsetS: 0) }
        }
        return devices.enumerated().map { k, device in
            let slotS = Double(k) * cycleS / Double(devices.count)
            let first = stops.firstIndex { $0.arrivalS >= slotS - 1e-9 }
            let startIndex = first ?? 0
            let startArrivalS = first == nil ? stops[0].arrivalS + cycleS : stops[startIndex].arrivalS
            let count = k < fullRoutes ? stops.count : 1
            var waypoints: [PlannedWaypoint] = []
            waypoints.reserveCapacity(count)
            for step in 0..<count {
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
