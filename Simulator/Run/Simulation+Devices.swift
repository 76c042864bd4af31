import Foundation
import PatrolCore
import PatrolWire

extension Simulation {
    /// Crashes and fixed-camera changes that fall due in this step.
    func applyScheduledFaults(after previousS: Double) {
        faults.noteTransitions(at: nowS)
        for (index, device) in faults.crashes(after: previousS, upTo: nowS) {
            guard let slot = devices.firstIndex(where: { $0.id == device }), devices[slot].mode != .crashed else {
                continue
            }
            devices[slot].crash()
            crashEvents.append((nowS, device))
            faults.noteApplied(index, note: "\(device) crashed at \(Int(nowS)) s and fell silent")
        }
        for camera in faultedCameraCells {
            let online = !faults.cameraIsOffline(camera.id, at: nowS)
            guard cameraOnline[camera.id] != online else { continue }
            cameraOnline[camera.id] = online
            cameraEvents.append((nowS, camera.id, online))
            connection.setCameraState(cameraID: camera.id, online: online)
            if let index = faults.entries.indices.first(where: {
                faults.entries[$0].fault.kind == .cameraOffline && faults.entries[$0].fault.camera == camera.id
            }) {
                let told = connection.canCommandCameras ? "; hub told" : "; no operator endpoint to tell the hub"
                faults.noteApplied(index, note: "camera \(camera.id) \(online ? "back online" : "offline") at "
                                   + "\(Int(nowS)) s\(told)")
            }
        }
    }

    /// Camera frames due this step: ground truth, person counts, incident detection, Observation messages.
    func takeFrames() {
        for index in devices.indices {
            let due = nowS >= nextFrameS[index]
            guard due || devices[index].wantsFrame else { continue }
            if due { nextFrameS[index] += 1 / options.frameRateHz }
            let device = devices[index]
            guard device.cameraIsUseful, let sector = DeviceCamera.sector(of: device) else { continue }
            // A device that has not moved or turned since its last frame (waiting at a stop, looking at a
            // place) sees the same cells: the site does not change, so its last frame's cells are reused.
            if !(lastFrameSector[index].map { DeviceCamera.sameView($0, sector) } ?? false) {
                DeviceCamera.visibleCells(in: grid, sector: sector, into: &lastFrameCells[index])
                lastFrameSector[index] = sector
            }
            let frameCells = lastFrameCells[index]
            coverage.see(cells: frameCells, at: nowS)
            frameCounter[index] += 1

            let link = links[index]
            let linkNow = conditions(for: device.id)
            guard link.isWelcomed else { continue }
            let timeMS = messageTimeMS
            var personCount: UInt32?
            if let crowd {
                personCount = UInt32(DeviceCamera.noisyCount(crowd.count(inCells: frameCells), random: &random))
            }
            let eye = reportedPosition(device.position3, device: device.id)
            let observation = Observation(capturedMS: timeMS, cameraPosition: Vec3(eye),
                                          headingDeg: Heading.normalized(sector.headingDeg),
                                          pitchDeg: device.spec.kind == .drone ? device.spec.camera.pitchDeg : 0,
                                          fovDeg: device.spec.camera.fovDeg, rangeM: device.spec.camera.rangeM,
                                          personCount: personCount, confidence: personCount == nil ? 0 : 0.8)
            link.send(.observation(observation), nowMS: timeMS, conditions: linkNow, counters: &linkCounters[index])
            let incidentsInReach = incidentsInReach(deviceIndex: index, sector: sector)
            if !incidentsInReach.isEmpty {
                detectIncidents(incidentsInReach, deviceIndex: index, sector: sector, frameCells: frameCells,
                                timeMS: timeMS, conditions: linkNow)
            }
        }
    }

    /// The active incidents the device has not reported yet that lie close enough to its camera to be in
    /// view; only for those does a frame need its cells at once.
    private func incidentsInReach(deviceIndex: Int, sector: ViewSector) -> [Int] {
        let deviceID = devices[deviceIndex].id
        return incidents.active(at: nowS).filter { incidentIndex in
            guard !incidents.wasReported(incidentIndex, by: deviceID) else { return false }
            let incident = incidents.records[incidentIndex].incident
            let extentM = IncidentTracker.extentM(kind: incident.kind)
            return incident.position.distance(to: sector.eye.ground) <= sector.rangeM + extentM + grid.cellM
        }
    }

    private func detectIncidents(_ candidates: [Int], deviceIndex: Int, sector: ViewSector, frameCells: [Int],
                                 timeMS: Int64, conditions: LinkConditions) {
        let device = devices[deviceIndex]
        for incidentIndex in candidates {
            let incident = incidents.records[incidentIndex].incident
            let eye = sector.eye
            let extentM = IncidentTracker.extentM(kind: incident.kind)
            // In view when a visible cell lies within the incident's extent; the nearest such cell is what
            // the camera resolves.
            var nearest = Double.infinity
            let reachM = max(extentM, grid.cellM)
            for cell in frameCells where grid.center(ofCell: cell).distance(to: incident.position) <= reachM {
                let center = grid.center(ofCell: cell)
                nearest = min(nearest, center.distance(to: eye.ground))
            }
            guard nearest.isFinite else { continue }
            let distance = (nearest * nearest + eye.z * eye.z).squareRoot()
            let probability = DeviceCamera.detectionProbability(distanceM: distance,
                                                                rangeM: device.spec.camera.rangeM + eye.z)
            guard random.nextUnit() < probability else { continue }
            incidents.noteReport(incidentIndex, by: device.id, atS: nowS)
            let noisy = Point2(x: incident.position.x + 0.5 * random.nextGaussian(),
                               y: incident.position.y + 0.5 * random.nextGaussian())
            let detection = Detection(detectionID: "incident-\(incidentIndex)", kind: incident.kind,
                                      position: Vec3(Point3(noisy, z: 0)),
                                      confidence: min(1, max(0.05, probability)), detectedMS: timeMS,
                                      evidenceRef: IncidentTracker.evidenceRef(device: device.id,
                                                                               frame: frameCounter[deviceIndex],
                                                                               incident: incidentIndex))
            links[deviceIndex].send(.detection(detection), nowMS: timeMS, conditions: conditions,
                                   counters: &linkCounters[deviceIndex])
        }
    }

    /// A position as the device reports it: GPS noise (0.5 m, more under a GPS fault).
    func reportedPosition(_ position: Point3, device: String) -> Point3 {
        let sigma = 0.5 + faults.gpsNoiseM(device: device, at: nowS)
        return Point3(x: position.x + sigma * random.nextGaussian(), y: position.y + sigma * random.nextGaussian(),
                      z: max(0, position.z))
    }

    /// Hello until welcomed; then heartbeats, telemetry and route progress once a second; resends.
    func sendReports() {
        for index in devices.indices {
            // Fields are read in place until a report is due: copying a device (route, path, spec) for every
            // device on every step showed up in profiles of 500-device runs.
            guard devices[index].mode != .crashed else { continue }
            let link = links[index]
            let linkNow = conditions(for: devices[index].id)
            let timeMS = messageTimeMS
            link.helloIfNeeded(nowMS: timeMS, conditions: linkNow, counters: &linkCounters[index])
            guard link.isWelcomed else { continue }
            link.resendOverdue(nowMS: timeMS, conditions: linkNow, counters: &linkCounters[index])
            guard nowS >= nextTelemetryS[index] else { continue }
            nextTelemetryS[index] += Double(link.heartbeatIntervalMS) / 1000
            let device = devices[index]
            let state = Self.wireState(device.mode)
            link.send(.heartbeat(Heartbeat(state: state)), nowMS: timeMS, conditions: linkNow,
                      counters: &linkCounters[index])
            let telemetry = Telemetry(position: Vec3(reportedPosition(device.position3, device: device.id)),
                                      headingDeg: Heading.normalized(device.headingDeg),
                                      speedMPS: min(100, device.speedMPS),
                                      batteryFraction: device.battery.fraction,
                                      enduranceRemainingS: device.battery.enduranceRemainingS, state: state)
            link.send(.telemetry(telemetry), nowMS: timeMS, conditions: linkNow, counters: &linkCounters[index])
            if device.mode == .patrolling, let route = device.route, !route.isFinished, pilot == nil,
               frameCounter[index] % 5 == 0 {
                let progress = RouteProgress(routeID: route.routeID, routeVersion: route.version,
                                             waypointIndex: UInt32(route.next),
                                             cycleOffsetS: max(0, route.stops[route.next].offsetS))
                link.send(.routeProgress(progress), nowMS: timeMS, conditions: linkNow, counters: &linkCounters[index])
            }
        }
    }

    static func wireState(_ mode: DeviceMode) -> DeviceState {
        switch mode {
        case .idle: .idle
        case .patrolling: .patrolling
        case .returning: .returning
        case .charging: .charging
        case .dispatched: .dispatched
        case .holding: .holding
        case .crashed, .depleted: .fault
        }
    }

    /// Lockstep runs: how many messages the in-process hub sent each device in its last pump, by device slot;
    /// nil with a remote hub. Taken between two pumps.
    func takeMailCount() -> [Int]? {
        guard let delivered = connection.takeDeviceDeliveries() else { return nil }
        var counts = [Int](repeating: 0, count: devices.count)
        for deviceID in delivered {
            if let index = deviceIndexByID[deviceID] { counts[index] += 1 }
        }
        return counts
    }

    /// Lockstep runs: how many messages each device put on its socket since the last call, by routing id
    /// (devices with none left out); empty with a remote hub.
    func takeSentCounts() -> [[UInt8]: Int] {
        guard connection.isLockstep else { return [:] }
        var counts: [[UInt8]: Int] = [:]
        for (index, link) in links.enumerated() {
            let count = link.takeSentCount()
            if count > 0 { counts[routingIDs[index]] = count }
        }
        return counts
    }

    /// Routes and commands from the hub.
    /// - Parameter mailCount: from `takeMailCount`: each device reads that many messages and no more, so
    ///   what the hub sends meanwhile stays queued; nil reads everything waiting.
    func readHubMessages(mailCount: [Int]?) {
        // Each DEALER's routing id is its device id. In lockstep only the devices the hub sent to have
        // anything to read; reading the others would find nothing (and cost two system calls each).
        for index in devices.indices {
            if let mailCount, mailCount[index] == 0 { continue }
            let linkNow = conditions(for: devices[index].id)
            let messages = links[index].receive(nowMS: messageTimeMS, conditions: linkNow,
                                                counters: &linkCounters[index], expected: mailCount?[index])
            guard devices[index].mode != .crashed else { continue }
            for message in messages {
                switch message.body {
                case .assignRoute(let assignment):
                    // Baselines drive their devices themselves; the hub's routes are only counted.
                    guard pilot == nil else { continue }
                    let route = DeviceRoute(routeID: assignment.routeID, version: assignment.version,
                                            stops: assignment.waypoints.map {
                                                DeviceRoute.Stop(position: $0.position.point, offsetS: $0.offsetS,
                                                                 lookHeadingDeg: $0.look ? $0.headingDeg : nil)
                                            },
                                            cyclic: assignment.cyclic, cycleS: assignment.cycleS)
                    devices[index].assign(route, at: nowS, startOffsetS: assignment.startOffsetS)
                    decideWarmup(cycleS: assignment.cycleS)
                    replay?.recordRoute(device: index, points: route.stops.map(\.position.ground), at: nowS)
                case .command(let command):
                    apply(command, toDevice: index)
                default:
                    break
                }
            }
        }
    }

    private func apply(_ command: Command, toDevice index: Int) {
        switch command.kind {
        case .returnToDock:
            devices[index].returnToDock()
        case .hold where pilot == nil:
            devices[index].hold()
        case .resume where pilot == nil:
            devices[index].resume()
        case .goTo where pilot == nil, .investigate where pilot == nil:
            guard let target = command.target else { return }
            devices[index].dispatch(to: target.point.ground, investigate: command.kind == .investigate)
        default:
            break
        }
    }

    /// The metrics window opens one patrol cycle after the start (DESIGN.md section 5): the first plan's
    /// longest cycle, capped at a third of the run so the window stays meaningful.
    private func decideWarmup(cycleS: Double) {
        guard !warmupDecided, cycleS > 0, nowS < coverage.windowStartS else { return }
        warmupDecided = true
        coverage.setWindowStart(min(max(cycleS, nowS), options.durationS / 3))
    }

    /// Alerts (which incidents the hub alerted on) and plans from the event stream.
    func readEvents() {
        for event in connection.receiveEvents(undecodable: &counters.undecodable) {
            let eventS = isLockstep ? Double(event.timeMS - SimulationClock.epochMS) / 1000 : nowS
            switch event.body {
            case .alert(let alert):
                counters.received["event.alert", default: 0] += 1
                let position = alert.position.point.ground
                if alert.kind == .detection, alert.state == .open {
                    incidents.noteAlert(evidenceRef: alert.evidenceRef, position: position, alertID: alert.alertID,
                                        atS: eventS)
                }
                if alert.state == .open {
                    replay?.recordAlert(kind: alert.kind.rawValue, message: alert.message, at: position, timeS: eventS)
                }
            case .plan(let planEvent):
                counters.received["event.plan", default: 0] += 1
                planEvents += 1
                // Baseline pilots ignore the hub's routes, so its plan promises nothing about their run.
                if planPromise == nil, pilot == nil {
                    let promised = planEvent.plan.metrics
                    planPromise = SimulationReport.PlanPromise(avgIdlenessS: promised.avgIdlenessS,
                                                               worstIdlenessS: promised.worstIdlenessS,
                                                               worstRatio: promised.worstRatio)
                }
            default:
                break
            }
        }
        _ = connection.receiveOperatorReplies()
    }

    /// Fixed cameras that go offline in this run: their cells count as seen while the camera is online.
    func seeWithFixedCameras() {
        guard !faultedCameraCells.isEmpty, stepIndex % max(1, Int((1 / options.stepS).rounded())) == 0 else { return }
        for camera in faultedCameraCells where cameraOnline[camera.id] == true {
            coverage.see(cells: camera.cells, at: nowS)
        }
    }

    func recordReplay() {
        guard replay != nil else { return }
        if replay!.wantsDeviceFrame(at: nowS) { replay!.recordDevices(devices, at: nowS) }
        if replay!.wantsHeatFrame(at: nowS) {
            let coverage = self.coverage
            replay!.recordHeat(idlenessS: coverage.idlenessS(at: nowS), targetsS: { coverage.targetS(slot: $0) },
                               at: nowS)
        }
    }
}
