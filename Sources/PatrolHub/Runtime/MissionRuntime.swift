import Foundation
import PatrolCore
import PatrolCoverage
import PatrolPlanner
import PatrolWire

/// A loaded mission and what the hub runs of it: state, current plan, live coverage map and blind spots.
struct MissionRuntime {
    let mission: Mission
    /// The planner, prepared once per mission (viewpoints, distance matrices, tours); nil while a worker
    /// thread prepares it.
    var planner: Planner?
    /// The site id: the mission name restricted to `[A-Za-z0-9_.-]`.
    let siteID: String
    /// "loaded", "running" or "stopped".
    var state = "loaded"
    var planID = ""
    var planNumber = 0
    /// The current plan's route per device id.
    var routes: [String: PlannedRoute] = [:]
    var planMetrics: PlanMetrics?
    /// The plan in force: replans keep its strategies and hotspot repeats instead of searching them again
    /// (milliseconds instead of seconds on large sites).
    var currentPlan: Plan?
    var coverage: CoverageMap?
    var coverageMark: UInt64 = 0
    var blindSpots: [PatrolCoverage.BlindSpot] = []
    var blindSpotTracker: BlindSpotTracker?
    /// Sustained-crowd detection (threshold and hold time from the mission's policy).
    var crowdAlerts: AlertEngine
    var blindSpotCount: Int { blindSpots.count }

    /// Loads a mission folder and builds its coverage map.
    /// - Throws: `MissionError` naming the file and field, `CoverageError` when the map cannot be laid out.
    /// - Parameter preparePlanner: build the planner now (lockstep runs, deterministic) rather than leaving it
    ///   to a worker thread.
    static func load(from directory: URL, startMS: Int64, preparePlanner: Bool) throws -> MissionRuntime {
        try make(mission: try Mission.load(from: directory), startMS: startMS, preparePlanner: preparePlanner)
    }

    /// The runtime of a mission already in memory.
    static func make(mission: Mission, startMS: Int64, preparePlanner: Bool) throws -> MissionRuntime {
        // Graph-mode missions have no raster map; the hub then tracks no coverage map for them.
        let coverage = mission.site.graph == nil
            ? CoverageMap(layout: try CoverageLayout(area: PatrolArea(mission: mission), mission: mission),
                          startMS: startMS)
            : nil
        return MissionRuntime(mission: mission, planner: preparePlanner ? Planner(mission: mission) : nil,
                              coverage: coverage)
    }

    init(mission: Mission, planner: Planner?, coverage: CoverageMap?) {
        self.mission = mission
        self.planner = planner
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-")
        let cleaned = String(mission.name.map { allowed.contains($0) ? $0 : "_" }.prefix(64))
        siteID = cleaned.isEmpty ? "site" : cleaned
        self.coverage = coverage
        crowdAlerts = AlertEngine(policy: mission.policy)
        coverageMark = coverage?.changeMark ?? 0
        blindSpotTracker = coverage.map { BlindSpotTracker(cellCount: $0.cellCount) }
    }

    /// Routes for `devices` starting where they are now; the rest of the fleet gets none.
    func plan(devices available: [FleetDevice], positions: [String: Point3],
              batteries: [String: Double] = [:], nowMS: Int64? = nil) -> Plan? {
        planningJob(devices: available, positions: positions, batteries: batteries, nowMS: nowMS).map {
            $0.planner.replan(fleetState: $0.fleetState, previous: $0.previous)
        }
    }

    /// What `plan(devices:positions:batteries:nowMS:)` searches, as values that another thread can plan
    /// from; nil when there is nothing to plan (no planner yet, no device).
    func planningJob(devices available: [FleetDevice], positions: [String: Point3],
                     batteries: [String: Double] = [:], nowMS: Int64? = nil) -> PlanningWorker.Job? {
        guard let planner, !available.isEmpty else { return nil }
        let ids = Set(available.map(\.id))
        var state = FleetState(devices: mission.fleet.map { device in
            let dock = mission.site.dock(id: device.dockID)?.position ?? .zero
            return FleetState.Device(device: device, position: positions[device.id]?.ground ?? dock,
                                     batteryFraction: batteries[device.id] ?? 1, available: ids.contains(device.id))
        })
        if let coverage, let nowMS, currentPlan != nil {
            // What the map has waited for longest: replanned loops run that way first.
            state.cellIdlenessS = (0..<coverage.cellCount).map { Double(coverage.idlenessMS(ofCell: $0, nowMS: nowMS)) / 1000 }
        }
        return PlanningWorker.Job(planner: planner, fleetState: state, previous: currentPlan)
    }

    /// Planned travel time of `device` from one place to another, seconds; infinity when unreachable.
    func travelTimeS(device: FleetDevice, from: Point3, to: Point3) -> Double {
        guard let planner else {
            // Until the planner is ready: the straight line, a lower bound of the planned path.
            return device.speedMPS > 0 ? from.ground.distance(to: to.ground) / device.speedMPS : .infinity
        }
        return planner.travelTimeS(from: from.ground, to: to.ground, device: device) ?? .infinity
    }

    /// Applies a camera observation to the live map; false when the map refused it (outside the grid...).
    @discardableResult
    mutating func apply(_ observation: Observation, deviceID: String) -> Bool {
        guard coverage != nil else { return false }
        do {
            try coverage?.apply(Self.camera(observation, deviceID: deviceID))
            return true
        } catch {
            return false
        }
    }

    /// The map's view of an observation.
    static func camera(_ observation: Observation, deviceID: String) -> CameraObservation {
        CameraObservation(
            deviceID: deviceID, capturedMS: observation.capturedMS, position: observation.cameraPosition.point,
            headingDeg: observation.headingDeg, pitchDeg: observation.pitchDeg, fovDeg: observation.fovDeg,
            rangeM: observation.rangeM,
            // A count with zero confidence carries no information; the map wants a confidence in (0, 1].
            personCount: observation.confidence > 0 ? observation.personCount.map { Int($0) } : nil,
            countConfidence: observation.confidence > 0 ? observation.confidence : 1)
    }

    /// Works out the footprints of observations about to be applied on up to two threads
    /// (`CoverageMap.prepareFootprints`); `clearPreparedFootprints()` drops those not applied.
    mutating func prepareFootprints(of observations: [Observation]) {
        coverage?.prepareFootprints(of: observations.map { Self.camera($0, deviceID: "") })
    }

    mutating func clearPreparedFootprints() {
        coverage?.clearPreparedFootprints()
    }

    /// Refreshes the blind spots of the live map.
    mutating func updateBlindSpots(nowMS: Int64) {
        guard let coverage, var tracker = blindSpotTracker else { return }
        blindSpots = tracker.update(map: coverage, nowMS: nowMS)
        blindSpotTracker = tracker
    }

    /// The live metrics of the map (DESIGN.md section 5), measured from the mission start.
    func liveMetrics(nowMS: Int64) -> PatrolWire.PatrolMetrics {
        guard let coverage else { return PatrolWire.PatrolMetrics() }
        let sample = coverage.sample(nowMS: nowMS)
        return PatrolWire.PatrolMetrics(avgIdlenessS: sample.averageIdlenessS, worstIdlenessS: sample.worstIdlenessS,
                                        worstRatio: sample.worstRatio, coverageFraction: sample.coverageFraction,
                                        blindExposure: sample.blindFraction, planMS: planMetrics?.planMS ?? 0)
    }

    /// The current plan as operators see it.
    func planReply() -> PlanReply {
        let wireRoutes = routes.keys.sorted().compactMap { routes[$0] }.map { route in
            Route(deviceID: route.deviceID, kind: route.kind, waypoints: route.wireWaypoints, cycleS: route.cycleS,
                  startOffsetS: route.startOffsetS)
        }
        let metrics = planMetrics.map {
            PatrolWire.PatrolMetrics(avgIdlenessS: $0.avgIdlenessS, worstIdlenessS: $0.worstIdlenessS,
                                     worstRatio: $0.worstRatio, coverageFraction: $0.coverageFraction,
                                     blindExposure: $0.blindExposure, planMS: $0.planMS)
        } ?? PatrolWire.PatrolMetrics()
        return PlanReply(planID: planID, routes: wireRoutes, metrics: metrics)
    }

    // MARK: coverage snapshots

    /// The map's last-seen times as a compact blob: for each seen cell, the cell delta, the time and the
    /// device, as varints (zero-cost for the unseen majority of a fresh map).
    func coverageSnapshot() -> [UInt8]? {
        guard let coverage else { return nil }
        var bytes: [UInt8] = []
        var devices: [String: UInt64] = [:]
        var deviceNames: [String] = []
        var body: [UInt8] = []
        var previousCell = 0
        var seenCells = 0
        for cell in 0..<coverage.cellCount where coverage.timesSeen(ofCell: cell) > 0 {
            let device = coverage.lastDevice(ofCell: cell) ?? ""
            let index: UInt64
            if let known = devices[device] {
                index = known
            } else {
                index = UInt64(deviceNames.count)
                devices[device] = index
                deviceNames.append(device)
            }
            Varint.append(UInt64(cell - previousCell), to: &body)
            Varint.append(UInt64(max(0, coverage.lastSeenMS(ofCell: cell))), to: &body)
            Varint.append(index, to: &body)
            previousCell = cell
            seenCells += 1
        }
        Varint.append(UInt64(coverage.cellCount), to: &bytes)
        Varint.append(UInt64(deviceNames.count), to: &bytes)
        for name in deviceNames {
            Varint.append(UInt64(name.utf8.count), to: &bytes)
            bytes.append(contentsOf: name.utf8)
        }
        Varint.append(UInt64(seenCells), to: &bytes)
        return bytes + body
    }

    /// Merges a snapshot written by `coverageSnapshot()` into the map; a snapshot of another grid is ignored.
    mutating func restoreCoverageSnapshot(_ bytes: [UInt8]) {
        guard var map = coverage else { return }
        var reader = Varint.Reader(bytes: bytes)
        guard let cellCount = reader.next(), Int(cellCount) == map.cellCount, let deviceCount = reader.next(),
              deviceCount < 65_536 else { return }
        var names: [String] = []
        for _ in 0..<deviceCount {
            guard let length = reader.next(), let name = reader.take(Int(length)) else { return }
            names.append(String(decoding: name, as: UTF8.self))
        }
        guard let seenCells = reader.next() else { return }
        // Merge cells sharing a device and a time together: one merge per observation they came from.
        var groups: [String: [Int64: [Int32]]] = [:]
        var cell = 0
        for _ in 0..<seenCells {
            guard let delta = reader.next(), let seenMS = reader.next(), let device = reader.next(),
                  Int(device) < names.count else { return }
            cell += Int(delta)
            guard cell < map.cellCount else { return }
            groups[names[Int(device)], default: [:]][Int64(seenMS), default: []].append(Int32(cell))
        }
        for (device, byTime) in groups {
            for (seenMS, cells) in byTime.sorted(by: { $0.key < $1.key }) {
                _ = try? map.merge(cells: cells, deviceID: device.isEmpty ? "restored" : device, capturedMS: seenMS)
            }
        }
        coverage = map
        coverageMark = map.changeMark
    }
}

extension PlannedRoute {
    /// The route's waypoints in wire form.
    var wireWaypoints: [Waypoint] {
        waypoints.map { waypoint in
            Waypoint(position: Vec3(waypoint.position), offsetS: max(0, waypoint.arrivalS),
                     headingDeg: waypoint.headingDeg.map { Heading.normalized($0) } ?? 0,
                     look: waypoint.headingDeg != nil)
        }
    }
}

/// LEB128 varints for the snapshot blob.
enum Varint {
    static func append(_ value: UInt64, to bytes: inout [UInt8]) {
        var rest = value
        while rest >= 0x80 {
            bytes.append(UInt8(rest & 0x7f) | 0x80)
            rest >>= 7
        }
        bytes.append(UInt8(rest))
    }

    struct Reader {
        let bytes: [UInt8]
        var offset = 0

        mutating func next() -> UInt64? {
            var value: UInt64 = 0
            var shift: UInt64 = 0
            while offset < bytes.count, shift < 64 {
                let byte = bytes[offset]
                offset += 1
                value |= UInt64(byte & 0x7f) << shift
                if byte & 0x80 == 0 { return value }
                shift += 7
            }
            return nil
        }

        mutating func take(_ count: Int) -> ArraySlice<UInt8>? {
            guard count >= 0, offset + count <= bytes.count else { return nil }
            defer { offset += count }
            return bytes[offset..<(offset + count)]
        }
    }
}
