import Foundation
import PatrolCore
import PatrolWire

/// One simulated patrol: the world (devices, pedestrians, incidents, faults), the devices' links to the
/// hub, and the ground-truth record the report is measured on.
///
/// Lockstep (`--hub inproc`): one thread steps the world and lets each device send over its inproc DEALER;
/// then it waits for the in-process hub to finish the previous step and has it handle this step's messages
/// at the simulated time (`HubPump`: on a thread of its own for a large fleet), while the devices read the
/// replies to the previous step and the world steps again. No real timer is involved and each pump handles
/// exactly its step's messages, so the same seed gives the same run. Remote (`--hub tcp://...`): the same loop
/// paced by the wall clock, with message times from the wall clock.
public final class Simulation {
    public let mission: Mission
    public let options: SimulationOptions
    let grid: SiteGrid
    public internal(set) var devices: [SimDevice]
    var links: [DeviceLink] = []
    var crowd: PedestrianCrowd?
    /// Moves the crowd to its next step on the second core (see `CrowdPipeline`).
    let crowdPipeline = CrowdPipeline()
    var paths: GridPathFinder
    var faults: FaultSchedule
    var incidents: IncidentTracker
    var coverage: GroundTruthCoverage
    /// Counts of the run's own sockets (events, operator), and of each device's link.
    var counters = MessageCounters()
    var linkCounters: [MessageCounters] = []
    var replay: ReplayRecorder?
    var pilot: BaselinePilot?
    let connection: HubConnection
    let clock: SimulationClock
    var random: SeededRandom

    /// Cells of the fixed cameras that go offline, by camera id (they are evaluated while offline).
    let faultedCameraCells: [(id: String, cells: [Int])]
    var cameraOnline: [String: Bool] = [:]
    var cameraEvents: [(timeS: Double, camera: String, online: Bool)] = []
    var crashEvents: [(timeS: Double, device: String)] = []
    var depletedEvents: [(timeS: Double, device: String)] = []
    var planEvents = 0
    var planPromise: SimulationReport.PlanPromise?
    var warmupDecided = false

    var stepIndex = 0
    var nowS = 0.0
    var nextFrameS: [Double]
    var nextTelemetryS: [Double]
    var frameCounter: [Int]
    var lastRouteVersion: [String: UInt32] = [:]
    /// Per device, the sector of its last camera frame and the cells it saw (reused while the pose holds).
    var lastFrameSector: [ViewSector?]
    var lastFrameCells: [[Int]]
    /// Index in `devices` by device id.
    let deviceIndexByID: [String: Int]
    /// Each device link's routing id (its device id), by device slot.
    let routingIDs: [[UInt8]]
    var wallStart = Date()
    /// Hotspots' walkable cells, and density samples (persons per square metre) summed over the run.
    let hotspotCells: [(hotspot: Hotspot, cells: [Int])]
    let backgroundCells: [Int]
    var densitySums: [Double]
    var backgroundDensitySum = 0.0
    var densitySamples = 0

    /// Builds the world and connects the devices (Hello goes out on the first step).
    /// - Parameters:
    ///   - mission: the mission (its `sim` block gives pedestrians, incidents and faults).
    ///   - options: run settings.
    /// - Throws: errors of the hub (in-process) or of the sockets, naming what failed.
    public init(mission: Mission, options: SimulationOptions) throws {
        self.mission = mission
        self.options = options
        let grid = SiteGrid(mission: mission)
        self.grid = grid
        random = SeededRandom(seed: options.seed)
        faults = FaultSchedule(mission: mission.sim.faults, extra: options.extraFaults)
        incidents = IncidentTracker(incidents: mission.sim.incidents)
        paths = GridPathFinder(grid: grid, passable: grid.robotTraversable)

        let offline = faults.camerasEverOffline
        let area = PatrolArea(mission: mission, grid: grid, offlineCameras: offline)
        let healthy = PatrolArea(mission: mission, grid: grid, offlineCameras: [])
        var patrolCell = [Bool](repeating: false, count: grid.cellCount)
        for cell in healthy.cells { patrolCell[cell] = true }
        faultedCameraCells = mission.site.cameras.enumerated().compactMap { index, camera in
            offline.contains(camera.id) ? (camera.id, area.fixedCameraCells[index]) : nil
        }
        let warmup = options.warmupS ?? min(mission.policy.revisitS, options.durationS / 3)
        coverage = GroundTruthCoverage(cells: area.cells, weights: area.weights, targetsS: area.revisitTargetsS,
                                       cellCount: grid.cellCount, windowStartS: warmup)
        warmupDecided = options.warmupS != nil || options.planner != .ours

        var hotspotCells: [(hotspot: Hotspot, cells: [Int])] = []
        var inHotspot = [Bool](repeating: false, count: grid.cellCount)
        for hotspot in mission.site.hotspots {
            let cells = (0..<grid.cellCount).filter { cell in
                grid.inside[cell] && grid.buildingHeightM[cell] == 0 && hotspot.area.contains(grid.center(ofCell: cell))
            }
            for cell in cells { inHotspot[cell] = true }
            hotspotCells.append((hotspot, cells))
        }
        self.hotspotCells = hotspotCells
        backgroundCells = (0..<grid.cellCount).filter { grid.inside[$0] && grid.buildingHeightM[$0] == 0 && !inHotspot[$0] }
        densitySums = [Double](repeating: 0, count: hotspotCells.count)

        let pedestrianCount = options.pedestrians ?? mission.sim.pedestrians
        if pedestrianCount > 0 {
            crowd = PedestrianCrowd(site: mission.site, grid: grid, count: pedestrianCount, seed: options.seed)
        }
        devices = mission.fleet.map { spec in
            SimDevice(spec: spec, dock: mission.site.dock(id: spec.dockID)?.position ?? grid.center(ofCell: 0))
        }
        deviceIndexByID = Dictionary(devices.enumerated().map { ($0.element.id, $0.offset) },
                                     uniquingKeysWith: { first, _ in first })
        routingIDs = devices.map { Array($0.id.utf8) }
        switch options.planner {
        case .ours: pilot = nil
        case .random: pilot = BaselinePilot(kind: .randomWalk, grid: grid, fleet: mission.fleet, seed: options.seed)
        case .lawnmower: pilot = BaselinePilot(kind: .lawnmower, grid: grid, fleet: mission.fleet, seed: options.seed)
        }
        if options.recordReplay {
            replay = ReplayRecorder(grid: grid, evaluatedCells: area.cells, durationS: options.durationS)
        }
        // Spread frames and reports over the second so the hub sees a steady stream.
        let count = max(1, mission.fleet.count)
        nextFrameS = (0..<mission.fleet.count).map { Double($0) / Double(count) }
        nextTelemetryS = nextFrameS
        frameCounter = [Int](repeating: 0, count: mission.fleet.count)
        lastFrameSector = [ViewSector?](repeating: nil, count: mission.fleet.count)
        lastFrameCells = [[Int]](repeating: [], count: mission.fleet.count)
        linkCounters = [MessageCounters](repeating: MessageCounters(), count: mission.fleet.count)
        clock = SimulationClock()
        connection = try HubConnection(options: options, mission: mission)
        do {
            for (index, device) in devices.enumerated() {
                let hello = Hello(deviceID: device.id, kind: device.spec.kind,
                                  capabilities: Capabilities(maxSpeedMPS: device.spec.speedMPS,
                                                             enduranceS: device.spec.enduranceS,
                                                             camera: device.spec.camera,
                                                             personCounting: crowd != nil, detection: true),
                                  firmware: "patrolsim")
                links.append(try DeviceLink(context: connection.context, endpoint: connection.deviceEndpoint,
                                            hello: hello, seed: options.seed &+ UInt64(index) &* 0x9E37_79B9))
            }
        } catch {
            close()
            throw error
        }
        for camera in faultedCameraCells { cameraOnline[camera.id] = true }
    }

    /// Closes every socket and the in-process hub.
    public func close() {
        // A pump still running (the run stopped early) may be sending to the devices' sockets.
        try? connection.finishPump()
        for link in links { link.close() }
        links.removeAll()
        connection.close()
    }

    /// The time the devices stamp on their messages: simulated in lockstep, the wall clock otherwise.
    var messageTimeMS: Int64 {
        switch options.hub {
        case .inproc: clock.nowMS()
        case .remote: Int64((Date().timeIntervalSince1970 * 1000).rounded())
        }
    }

    /// Runs to the end of the duration.
    /// - Parameter progress: called about once per wall second with where the run is.
    /// - Returns: the report.
    /// - Throws: a socket failure of the in-process hub.
    public func run(progress: (SimulationProgress) -> Void = { _ in }) throws -> SimulationReport {
        wallStart = Date()
        var lastProgress = Date()
        let steps = Int((options.durationS / options.stepS).rounded())
        while stepIndex < steps {
            try step()
            if let factor = options.speedFactor {
                let due = nowS / factor - Date().timeIntervalSince(wallStart)
                if due > 0 { Thread.sleep(forTimeInterval: due) }
            }
            if Date().timeIntervalSince(lastProgress) >= 1 {
                lastProgress = Date()
                progress(currentProgress())
            }
        }
        // A crowd step for after the end may still be running: wait for it, then leave the crowd as it is.
        _ = crowdPipeline.finish()
        // The hub's answers to the last step are read too, so the report counts everything it sent.
        try connection.finishPump()
        readHubMessages(mailCount: takeMailCount())
        readEvents()
        progress(currentProgress())
        return makeReport()
    }

    func currentProgress() -> SimulationProgress {
        let wall = max(1e-9, Date().timeIntervalSince(wallStart))
        let metrics = coverage.metrics(at: nowS)
        return SimulationProgress(simS: nowS, durationS: options.durationS, speedUp: nowS / wall,
                                  coverageFraction: metrics.coverageFraction, worstRatio: metrics.worstRatio,
                                  incidentsDetected: incidents.latenciesS.count, incidentsTotal: incidents.records.count)
    }

    /// One step of the world and one exchange with the hub.
    func step() throws {
        let previousS = nowS
        stepIndex += 1
        nowS = Double(stepIndex) * options.stepS
        clock.set(SimulationClock.epochMS + Int64((nowS * 1000).rounded()))

        applyScheduledFaults(after: previousS)
        let crowdStepS = options.stepS * Double(options.pedestrianStride)
        if crowd != nil, stepIndex % options.pedestrianStride == 0 {
            // The first crowd step runs here; from then on each one was started a crowd step earlier.
            if let moved = crowdPipeline.finish() {
                crowd = moved
            } else {
                crowd?.step(dtS: crowdStepS, nowS: nowS, robots: robotPositions())
            }
            if let crowd {
                crowdPipeline.start(crowd, dtS: crowdStepS, nowS: nowS + crowdStepS, robots: robotPositions())
            }
        }
        // In lockstep with a large fleet the hub handles the previous step's messages on its own thread
        // meanwhile, and leaves the messages of this step, sent as they are made, for its next pump.
        stepDevices()
        takeFrames()
        sendReports()
        try connection.finishPump()
        let mailCount = takeMailCount()
        readEvents()
        connection.startPump(nowMS: clock.nowMS(), expectedDeviceMessages: takeSentCounts())
        // The replies to the previous step are read while the hub handles this one: each device reads as many
        // as the hub sent it then, and what it sends meanwhile waits in the queue for the next step.
        readHubMessages(mailCount: mailCount)
        seeWithFixedCameras()
        recordReplay()
        sampleDensity()
    }

    /// Where the robots that still move are: pedestrians keep clear of them.
    private func robotPositions() -> [Point2] {
        devices.filter { $0.spec.kind == .robot && $0.mode != .crashed }.map(\.position)
    }

    /// Every 10 simulated seconds, the crowd density in each hotspot and outside them.
    private func sampleDensity() {
        guard let crowd, stepIndex % max(1, Int((10 / options.stepS).rounded())) == 0 else { return }
        let cellArea = grid.cellM * grid.cellM
        for (index, entry) in hotspotCells.enumerated() where !entry.cells.isEmpty {
            densitySums[index] += Double(crowd.count(inCells: entry.cells)) / (Double(entry.cells.count) * cellArea)
        }
        if !backgroundCells.isEmpty {
            backgroundDensitySum += Double(crowd.count(inCells: backgroundCells)) / (Double(backgroundCells.count) * cellArea)
        }
        densitySamples += 1
    }

    private func stepDevices() {
        for index in devices.indices {
            let id = devices[index].id
            devices[index].drainMultiplier = faults.drainMultiplier(device: id, at: nowS)
            let wasDepleted = devices[index].mode == .depleted
            if var pilot, devices[index].mode != .crashed, devices[index].mode != .depleted,
               devices[index].route?.isFinished ?? true,
               devices[index].mode == .idle || devices[index].mode == .holding || devices[index].route == nil,
               devices[index].mode != .charging, devices[index].mode != .returning {
                if let route = pilot.nextRoute(forDevice: index, spec: devices[index].spec) {
                    devices[index].assign(route, at: nowS)
                    replay?.recordRoute(device: index, points: route.stops.map(\.position.ground), at: nowS)
                }
                self.pilot = pilot
            }
            devices[index].step(dtS: options.stepS, nowS: nowS, wind: options.wind, paths: &paths, crowd: crowd)
            if !wasDepleted, devices[index].mode == .depleted { depletedEvents.append((nowS, id)) }
        }
    }

    func conditions(for device: String) -> LinkConditions {
        LinkConditions(isDown: faults.linkIsDown(device: device, at: nowS),
                       dropRate: faults.rate(.messageDrop, device: device, at: nowS),
                       duplicateRate: faults.rate(.messageDuplicate, device: device, at: nowS),
                       reorderRate: faults.rate(.messageReorder, device: device, at: nowS))
    }

    var isLockstep: Bool { options.hub == .inproc }
}
