import Foundation
import PatrolCore
import PatrolCoverage
import PatrolPlanner
import PatrolWire
import ZeroMQ

/// The operator endpoint: one OperatorRequest in, one OperatorReply out, answered on the hub thread between
/// slices of device traffic.
extension Hub {
    /// Receives and answers up to `limit` operator requests.
    /// - Returns: true when more may be waiting.
    func receiveOperatorRequests(limit: Int) throws -> Bool {
        for _ in 0..<limit {
            // With keys, each request carries its connection's key (the ZAP user id); without, skip the lookup.
            let received = security == nil
                ? try operatorSocket.receiveMultipart(dontWait: true).map { ReceivedMessage(frames: $0) }
                : try operatorSocket.receiveMessage(dontWait: true)
            guard let received else { return false }
            let frames = received.frames
            // REQ (and DEALER following the REQ envelope) put an empty delimiter before the request.
            let envelope: [[UInt8]]
            let payload: [UInt8]
            if frames.count == 3, frames[1].isEmpty {
                envelope = [frames[0], []]
                payload = frames[2]
            } else if frames.count == 2 {
                envelope = [frames[0]]
                payload = frames[1]
            } else {
                count("rejects.operator_malformed")
                continue
            }
            deferredReply = nil
            let reply = operatorRejection(userID: received.userID) ?? answer(payload)
            // A plan, replan or preview request searched by a worker is answered once the plan is found.
            switch deferredReply {
            case .plan(let job):
                planWaiters.append(PlanWaiter(envelope: envelope, requestID: reply.requestID, afterJob: job))
            case .preview:
                previewWaiters.append(PreviewWaiter(envelope: envelope, requestID: reply.requestID))
            case nil:
                sendOperatorReply(reply, envelope: envelope)
            }
            deferredReply = nil
        }
        return true
    }

    /// Sends one reply to the operator connection `envelope` names.
    func sendOperatorReply(_ reply: OperatorReply, envelope: [[UInt8]]) {
        do {
            if try !operatorSocket.send(envelope + [reply.encoded()], dontWait: true) {
                count("drops.operator_queue_full")
            }
        } catch {
            count("drops.operator_unreachable")
        }
    }

    /// The reply to one request frame.
    func answer(_ payload: [UInt8]) -> OperatorReply {
        let request: OperatorRequest
        do {
            request = try OperatorRequest(decoding: payload)
        } catch {
            count("messages_in.operator_malformed")
            count("rejects.operator_\(error.reason.rawValue)")
            return OperatorReply(requestID: 0, body: .error(ErrorReply(code: "malformed", message: error.description)))
        }
        count("messages_in.operator_\(request.body.counterName)")
        let body = answer(request.body)
        if case .error(let error) = body {
            count("operator_errors.\(error.code)")
        }
        return OperatorReply(requestID: request.requestID, body: body)
    }

    private func answer(_ body: OperatorRequest.Body) -> OperatorReply.Body {
        switch body {
        case .status:
            return .status(statusReply())
        case .devices:
            return .devices(DevicesReply(devices: devices.keys.sorted().compactMap { devices[$0]?.info }))
        case .loadMission(let request):
            do {
                try loadMission(path: request.path)
                return .mission(missionReply())
            } catch {
                return .error(ErrorReply(code: "bad_mission", message: "\(error)".clipped(maxBytes: 500)))
            }
        case .startMission:
            guard mission != nil else { return noMission() }
            startMission(reason: "operator")
            return .mission(missionReply())
        case .stopMission:
            guard mission != nil else { return noMission() }
            stopMission()
            return .mission(missionReply())
        case .plan(let request):
            guard let runtime = mission else { return noMission() }
            if request.preview {
                if startPreview(runtime) {
                    deferredReply = .preview
                    return .plan(PlanReply(planID: "preview", routes: [], metrics: PatrolWire.PatrolMetrics()))
                }
                return .plan(previewPlan(runtime))
            }
            let jobsBefore = planningJobsStarted
            if runtime.state != "running" { startMission(reason: "operator") } else { replan(reason: "operator") }
            deferredReply = planToAwait(jobsBefore: jobsBefore).map { .plan(afterJob: $0) }
            return .plan(mission?.planReply() ?? runtime.planReply())
        case .coverage(let request):
            guard mission != nil else { return noMission() }
            return .coverage(coverageReply(includeCells: request.includeCells))
        case .blindSpots:
            guard var runtime = mission else { return noMission() }
            runtime.updateBlindSpots(nowMS: nowMS)
            mission = runtime
            return .blindSpots(BlindSpotsReply(blindSpots: runtime.blindSpots.map(\.wire), hubTimeMS: nowMS))
        case .alerts(let request):
            let listed = alerts.values.filter { request.includeResolved || $0.state != .resolved }
                .sorted { ($0.openedMS, $0.alertID) < ($1.openedMS, $1.alertID) }
            return .alerts(AlertsReply(alerts: listed))
        case .acknowledgeAlert(let request):
            guard let alert = acknowledgeAlert(request.alertID, by: request.operatorName) else {
                return .error(ErrorReply(code: "unknown_alert",
                                         message: "no alert '\(request.alertID)'; see patrolctl alerts"))
            }
            return .alert(alert)
        case .dispatch(let request):
            return dispatchReply(request)
        case .replan(let request):
            guard let runtime = mission else { return noMission() }
            guard runtime.state == "running" else {
                return .error(ErrorReply(code: "not_running", message: "mission '\(runtime.mission.name)' is "
                                             + "\(runtime.state); start it before replanning"))
            }
            let jobsBefore = planningJobsStarted
            replan(reason: request.reason.isEmpty ? "operator" : request.reason)
            deferredReply = planToAwait(jobsBefore: jobsBefore).map { .plan(afterJob: $0) }
            return .plan(mission?.planReply() ?? runtime.planReply())
        case .setCameraState(let request):
            guard var runtime = mission, var coverage = runtime.coverage else { return noMission() }
            do {
                try coverage.setCameraOnline(request.cameraID, online: request.online, atMS: nowMS)
            } catch {
                return .error(ErrorReply(code: "unknown_camera", message: "\(error)".clipped(maxBytes: 500)))
            }
            runtime.coverage = coverage
            mission = runtime
            let key = "camera:\(request.cameraID)"
            if request.online {
                for alert in alerts.values where alertKeys[alert.alertID] == key { resolveAlert(alert.alertID) }
            } else {
                let position = runtime.mission.site.cameras.first { $0.id == request.cameraID }?.position ?? .zero
                raiseAlert(kind: .cameraOffline, severity: .warning, deviceID: "", position: Vec3(Point3(position, z: 0)),
                           message: "fixed camera \(request.cameraID) is offline", value: 0, key: key)
            }
            return .mission(missionReply())
        }
    }

    func noMission() -> OperatorReply.Body {
        .error(ErrorReply(code: "no_mission", message: "no mission is loaded; load one with a LoadMission request"))
    }

    func missionReply() -> MissionReply {
        MissionReply(missionName: mission?.mission.name ?? "", missionState: mission?.state ?? "")
    }

    func statusReply() -> StatusReply {
        var list = counters.values
        let states = devices.values.reduce(into: [String: Int64]()) { tally, session in
            // A device that never connected (or said Bye) has no state of its own to report.
            let name = session.connected || session.state == .lost ? session.state.rawValue : "offline"
            tally["devices.\(name)", default: 0] += 1
        }
        for (name, value) in states { list[name] = value }
        list["devices.connected"] = Int64(devices.values.filter { $0.connected && $0.state != .lost }.count)
        list["plan_ms.p50"] = Int64(planLatency.percentile(50).rounded())
        list["plan_ms.max"] = Int64(planLatency.maxMS.rounded())
        list["commit_us.p50"] = Int64((commitLatency.percentile(50) * 1000).rounded())
        list["commit_us.p99"] = Int64((commitLatency.percentile(99) * 1000).rounded())
        list["report_to_map_ms.p99"] = Int64(reportToMapLatency.percentile(99).rounded())
        list["report_to_ack_ms.p99"] = Int64(reportToAckLatency.percentile(99).rounded())
        list["commit_pending"] = Int64(batch.size)
        list["alerts.open"] = Int64(openAlertCount)
        var counterList = list.keys.sorted().map { Counter(name: $0, value: Double(list[$0] ?? 0)) }
        if lastCommitError != nil {
            // The error text is in the log; status shows that commits are failing right now.
            counterList.append(Counter(name: "commit_failing", value: 1))
        }
        return StatusReply(
            siteID: siteID, missionName: mission?.mission.name ?? "", missionState: mission?.state ?? "",
            hubTimeMS: nowMS, uptimeS: Double(nowMS - startedMS) / 1000, devicesTotal: UInt32(devices.count),
            devicesConnected: UInt32(devices.values.filter { $0.connected && $0.state != .lost }.count),
            alertsOpen: UInt32(openAlertCount), counters: counterList, metrics: liveMetrics(),
            planID: mission?.planID ?? "")
    }

    /// The whole fleet planned from the docks, assigning nothing (`PlanRequest.preview`), searched in place.
    private func previewPlan(_ runtime: MissionRuntime) -> PlanReply {
        let startedNS = DispatchTime.now().uptimeNanoseconds
        let plan = Self.previewJob(runtime).map { $0.planner.replan(fleetState: $0.fleetState, previous: $0.previous) }
        return Self.previewReply(plan, planMS: Double(DispatchTime.now().uptimeNanoseconds - startedNS) / 1_000_000,
                                 runtime: runtime)
    }

    /// What a preview searches: the whole fleet, from the docks.
    private static func previewJob(_ runtime: MissionRuntime) -> PlanningWorker.Job? {
        let fleet = runtime.mission.fleet
        let positions = Dictionary(uniqueKeysWithValues: fleet.map { device in
            (device.id, Point3(runtime.mission.site.dock(id: device.dockID)?.position ?? .zero, z: 0))
        })
        return runtime.planningJob(devices: fleet, positions: positions)
    }

    /// A preview's plan as a reply, under the plan id `preview`.
    private static func previewReply(_ plan: Plan?, planMS: Double, runtime: MissionRuntime) -> PlanReply {
        var preview = runtime
        preview.planID = "preview"
        preview.routes = Dictionary(plan?.routes.map { ($0.deviceID, $0) } ?? [], uniquingKeysWith: { first, _ in first })
        preview.planMetrics = plan.map {
            var metrics = $0.metrics
            metrics.planMS = planMS
            return metrics
        }
        return preview.planReply()
    }

    /// With `plansInBackground`, has the preview worker search a preview (or joins the one it is searching);
    /// false when the preview is to be made in place (nothing to plan yet, or no worker).
    private func startPreview(_ runtime: MissionRuntime) -> Bool {
        guard configuration.plansInBackground else { return false }
        if !previewWaiters.isEmpty { return true }
        guard let job = Self.previewJob(runtime) else { return false }
        do {
            if previewWorker == nil {
                let worker = try PlanningWorker(context: context)
                poller.register(worker.socket)
                previewWorker = worker
            }
            try previewWorker?.start(job)
            previewGeneration = missionGeneration
            return true
        } catch {
            log(.warning, "preview worker unreachable, previewing in place", ["error": "\(error)"])
            return false
        }
    }

    /// Answers the operators waiting for the preview once the worker has found it.
    func collectPreview() {
        guard let outcome = previewWorker?.takeOutcome() else { return }
        let waiters = previewWaiters
        previewWaiters = []
        let body: OperatorReply.Body
        if let runtime = mission, previewGeneration == missionGeneration {
            body = .plan(Self.previewReply(outcome.plan, planMS: outcome.planMS, runtime: runtime))
        } else {
            body = .error(ErrorReply(code: "mission_changed",
                                     message: "the mission was reloaded while the preview was planned; ask again"))
        }
        for waiter in waiters {
            sendOperatorReply(OperatorReply(requestID: waiter.requestID, body: body), envelope: waiter.envelope)
        }
    }

    func coverageReply(includeCells: Bool) -> CoverageReply {
        guard let coverage = mission?.coverage else {
            return CoverageReply(hubTimeMS: nowMS, width: 0, height: 0, cellM: 1, minXM: 0, minYM: 0,
                                 runLengths: [], runIdlenessS: [], metrics: liveMetrics())
        }
        let layout = coverage.layout
        let runs = includeCells ? coverage.idlenessRuns(nowMS: nowMS) : nil
        return CoverageReply(hubTimeMS: nowMS, width: UInt32(layout.width), height: UInt32(layout.height),
                             cellM: layout.cellM, minXM: layout.grid.origin.x, minYM: layout.grid.origin.y,
                             runLengths: runs?.lengths ?? [], runIdlenessS: runs?.valuesS ?? [],
                             metrics: liveMetrics())
    }

    private func dispatchReply(_ request: DispatchRequest) -> OperatorReply.Body {
        guard mission != nil else { return noMission() }
        let alertID = request.alertID
        if request.deviceID.isEmpty {
            guard let (deviceID, travelS) = dispatchNearest(to: request.target, alertID: alertID, excluding: []) else {
                return .error(ErrorReply(code: "no_device", message: "no connected device can reach "
                                             + "(\(request.target.xM), \(request.target.yM))"))
            }
            return .dispatch(DispatchReply(deviceID: deviceID, travelTimeS: travelS))
        }
        guard let session = devices[request.deviceID] else {
            return .error(ErrorReply(code: "unknown_device",
                                     message: "device '\(request.deviceID)' is not in mission '\(siteID)'"))
        }
        guard session.connected, session.state != .lost else {
            return .error(ErrorReply(code: "not_connected", message: "device '\(request.deviceID)' is not connected"))
        }
        let travelS = travelTimeS(session, to: request.target.point)
        dispatch(request.deviceID, to: request.target, alertID: alertID, travelTimeS: travelS)
        return .dispatch(DispatchReply(deviceID: request.deviceID, travelTimeS: travelS.isFinite ? travelS : -1))
    }
}

extension OperatorRequest.Body {
    /// The counter suffix of this request type.
    var counterName: String {
        switch self {
        case .status: "status"
        case .devices: "devices"
        case .loadMission: "load_mission"
        case .startMission: "start_mission"
        case .stopMission: "stop_mission"
        case .plan: "plan"
        case .coverage: "coverage"
        case .blindSpots: "blind_spots"
        case .alerts: "alerts"
        case .acknowledgeAlert: "acknowledge_alert"
        case .dispatch: "dispatch"
        case .replan: "replan"
        case .setCameraState: "set_camera_state"
        }
    }
}

extension PatrolCoverage.BlindSpot {
    /// The blind spot as operators see it.
    var wire: PatrolWire.BlindSpot {
        PatrolWire.BlindSpot(blindSpotID: UInt32(clamping: id), areaM2: areaM2, weight: weight,
                             worstIdlenessS: worstIdlenessS, centroid: Vec3(Point3(centroid, z: 0)),
                             cellCount: UInt32(clamping: cellCount), revisitS: revisitTargetS)
    }
}

/// An operator waiting for the preview being searched.
struct PreviewWaiter {
    var envelope: [[UInt8]]
    var requestID: UInt64
}

/// An operator's request answered later, once a worker has found its plan.
enum DeferredReply {
    /// A plan or replan request: answered once search `afterJob` (or a later one) is applied.
    case plan(afterJob: Int)
    /// A preview request: answered with the preview being searched.
    case preview
}
