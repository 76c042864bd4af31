import PatrolCore

/// Turns coverage, crowd, detection and device-health inputs into alerts: one incident is one alert,
/// opened once, updated while it lasts (only when its value moves by `updateStep` or more, so a slowly
/// growing number does not flood operators), resolved when its condition clears.
///
/// Pure logic: every input carries its time; each call returns the changes made, which the hub
/// publishes on the `alert` topic and persists. The hub calls `evaluate(blindSpots:nowMS:)`,
/// `evaluate(crowdRegions:nowMS:)` and `tick(nowMS:)` at a steady rate (about once a second).
public struct AlertEngine: Sendable {
    /// Thresholds; the mission's policy gives the first four.
    public struct Settings: Hashable, Sendable {
        /// A blind spot of at least this weight alerts when its worst idleness / target reaches `staleFactor`.
        public var staleMinWeight: Double
        public var staleFactor: Double
        /// Crowd density that alerts, persons per m2, once above it for `crowdSustainMS`.
        public var crowdThresholdPPM2: Double
        public var crowdSustainMS: Int64
        /// A crowd region absent this long clears its track and resolves its alert, ms.
        public var crowdClearMS: Int64
        /// Regions this close to a track's last centre continue it, metres.
        public var crowdMatchRadiusM: Double = 15
        /// A stale blind spot whose id changed (merge, split, restart) keeps the alert within this distance, m.
        public var staleMatchRadiusM: Double = 15
        /// Two reports of the same detection kind this close and this recent are one incident.
        public var detectionMergeRadiusM: Double = 5
        public var detectionMergeWindowMS: Int64 = 60_000
        /// A detection alert with no re-report for this long resolves, ms.
        public var detectionQuietMS: Int64 = 120_000
        /// Detections at or above this confidence are critical.
        public var criticalDetectionConfidence: Double = 0.8
        /// Relative change of an alert's value that is worth an update.
        public var updateStep: Double = 0.1
        /// Resolved alerts remembered (for listing and for clear errors on late acknowledgements).
        public var resolvedRetention: Int = 1_000

        /// Settings from a mission policy.
        public init(policy: Policy) {
            staleMinWeight = policy.staleAlertMinWeight
            staleFactor = policy.staleAlertFactor
            crowdThresholdPPM2 = policy.crowdDensityAlertPPM2
            crowdSustainMS = Int64((policy.crowdDensitySustainS * 1000).rounded())
            crowdClearMS = crowdSustainMS
        }
    }

    struct DetectionKey: Hashable, Sendable {
        var deviceID: String
        var detectionID: String
    }

    struct CrowdTrack: Sendable {
        var position: Point2
        var firstAboveMS: Int64
        var lastAboveMS: Int64
        var alertID: String?
    }

    public var settings: Settings
    /// Active alerts and the most recently resolved ones, by id.
    public private(set) var alertsByID: [String: Alert] = [:]
    private var resolvedOrder: [String] = []
    private var nextNumber = 1
    private var staleAlertByBlindSpot: [Int: String] = [:]
    private var crowdTracks: [CrowdTrack] = []
    private var detectionAlertByKey: [DetectionKey: String] = [:]
    private var deviceLostAlertByDevice: [String: String] = [:]
    private var cameraAlertByCamera: [String: String] = [:]
    /// When each active detection alert was last reported; the quiet period counts from here, not from
    /// an operator's acknowledgement.
    private var lastReportMSByAlert: [String: Int64] = [:]

    /// - Parameters:
    ///   - settings: thresholds.
    ///   - restoring: alerts persisted by an earlier run; the active ones continue (same ids), and new ids
    ///     never collide with theirs.
    public init(settings: Settings, restoring: [Alert] = []) {
        self.settings = settings
        for alert in restoring {
            if let number = Int(alert.id.split(separator: "-").last ?? "") { nextNumber = max(nextNumber, number + 1) }
            alertsByID[alert.id] = alert
            guard alert.isActive else {
                resolvedOrder.append(alert.id)
                continue
            }
            switch alert.kind {
            case .detection:
                if let device = alert.deviceID, let detection = alert.detectionID {
                    detectionAlertByKey[DetectionKey(deviceID: device, detectionID: detection)] = alert.id
                }
                lastReportMSByAlert[alert.id] = alert.updatedMS
            case .crowdDensity:
                if let position = alert.position {
                    crowdTracks.append(CrowdTrack(position: position, firstAboveMS: alert.openedMS,
                                                  lastAboveMS: alert.updatedMS, alertID: alert.id))
                }
            case .deviceLost:
                if let device = alert.deviceID { deviceLostAlertByDevice[device] = alert.id }
            case .cameraOffline:
                if let device = alert.deviceID { cameraAlertByCamera[device] = alert.id }
            case .staleBlindSpot:
                break
            }
        }
    }

    /// - Parameter policy: the mission policy giving the thresholds.
    public init(policy: Policy, restoring: [Alert] = []) {
        self.init(settings: Settings(policy: policy), restoring: restoring)
    }

    // MARK: Reading

    public func alert(id: String) -> Alert? { alertsByID[id] }

    /// Open and acknowledged alerts, most severe first, then oldest first.
    public var activeAlerts: [Alert] {
        alertsByID.values.filter(\.isActive).sorted {
            if $0.severity != $1.severity { return $0.severity > $1.severity }
            return $0.openedMS != $1.openedMS ? $0.openedMS < $1.openedMS : $0.id < $1.id
        }
    }

    // MARK: Operator actions

    /// Acknowledges an open alert.
    /// - Returns: the change, or nil when it was already acknowledged.
    /// - Throws: `AlertError.unknownAlert` for an id never issued (or long forgotten),
    ///   `AlertError.alreadyResolved` for a resolved alert.
    public mutating func acknowledge(id: String, atMS: Int64) throws(AlertError) -> AlertChange? {
        guard var alert = alertsByID[id] else { throw .unknownAlert(id) }
        switch alert.state {
        case .resolved: throw .alreadyResolved(id)
        case .acknowledged: return nil
        case .open: break
        }
        alert.state = .acknowledged
        alert.updatedMS = max(alert.updatedMS, atMS)
        alertsByID[id] = alert
        return AlertChange(.acknowledged, alert)
    }

    /// Resolves an alert by hand (an operator closing an incident).
    /// - Returns: the change, or nil when it was already resolved.
    /// - Throws: `AlertError.unknownAlert` for an unknown id.
    public mutating func resolve(id: String, atMS: Int64) throws(AlertError) -> AlertChange? {
        guard let alert = alertsByID[id] else { throw .unknownAlert(id) }
        guard alert.isActive else { return nil }
        return resolveAlert(id, atMS: atMS)
    }

    // MARK: Stale blind spots

    /// Opens, updates and resolves stale-blind-spot alerts from the current blind spots.
    public mutating func evaluate(blindSpots: [BlindSpot], nowMS: Int64) -> [AlertChange] {
        var changes: [AlertChange] = []
        var kept: [Int: String] = [:]
        var claimed: Set<String> = []
        let stale = blindSpots.filter { $0.weight >= settings.staleMinWeight && $0.worstRatio >= settings.staleFactor }
        for spot in stale {
            var id = staleAlertByBlindSpot[spot.id].flatMap { claimed.contains($0) ? nil : $0 }
            if id == nil {
                // The region may have changed id (merged, split, hub restarted): take over a nearby alert.
                id = alertsByID.values.filter {
                    $0.kind == .staleBlindSpot && $0.isActive && !claimed.contains($0.id)
                        && ($0.position?.distance(to: spot.centroid) ?? .infinity) <= settings.staleMatchRadiusM
                }.min { ($0.position?.distance(to: spot.centroid) ?? 0) < ($1.position?.distance(to: spot.centroid) ?? 0) }?.id
            }
            let message = "blind spot of \(Int(spot.areaM2.rounded())) m2 (weight \(Self.format(spot.weight))) at "
                + "\(Self.format(spot.centroid)) unseen for \(Int(spot.worstIdlenessS)) s, "
                + "\(Self.format(spot.worstRatio)) x its \(Int(spot.revisitTargetS)) s target"
            if let id, var alert = alertsByID[id], alert.isActive {
                if significant(alert.value, spot.worstRatio) || alert.position.map({ $0.distance(to: spot.centroid) > 1 }) == true {
                    alert.value = spot.worstRatio
                    alert.message = message
                    alert.position = spot.centroid
                    alert.updatedMS = nowMS
                    alert.reports += 1
                    alertsByID[id] = alert
                    changes.append(AlertChange(.updated, alert))
                }
                kept[spot.id] = id
                claimed.insert(id)
            } else {
                let alert = open(kind: .staleBlindSpot, severity: .warning, message: message, position: spot.centroid,
                                 deviceID: nil, nowMS: nowMS, value: spot.worstRatio)
                changes.append(AlertChange(.opened, alert))
                kept[spot.id] = alert.id
                claimed.insert(alert.id)
            }
        }
        let active = alertsByID.values.filter { $0.kind == .staleBlindSpot && $0.isActive && !claimed.contains($0.id) }
        for alert in active.sorted(by: { $0.id < $1.id }) {
            if let change = resolveAlert(alert.id, atMS: nowMS) { changes.append(change) }
        }
        staleAlertByBlindSpot = kept
        return changes
    }

    // MARK: Crowds

    /// Tracks dense crowd regions; a region above the threshold for `crowdSustainMS` opens an alert,
    /// which resolves once no region was near it for `crowdClearMS`.
    /// - Parameter crowdRegions: from `CoverageMap.crowdRegions(nowMS:thresholdPPM2:)` with
    ///   `settings.crowdThresholdPPM2`; regions below the threshold are ignored.
    public mutating func evaluate(crowdRegions: [CrowdRegion], nowMS: Int64) -> [AlertChange] {
        var changes: [AlertChange] = []
        var matched = [Bool](repeating: false, count: crowdTracks.count)
        for region in crowdRegions where region.peakDensityPPM2 >= settings.crowdThresholdPPM2 {
            var best: Int?
            for (index, track) in crowdTracks.enumerated() where index >= matched.count || !matched[index] {
                let distance = track.position.distance(to: region.centroid)
                guard distance <= settings.crowdMatchRadiusM else { continue }
                if best.map({ crowdTracks[$0].position.distance(to: region.centroid) > distance }) ?? true { best = index }
            }
            let index: Int
            if let best {
                index = best
                crowdTracks[index].position = region.centroid
                crowdTracks[index].lastAboveMS = nowMS
            } else {
                crowdTracks.append(CrowdTrack(position: region.centroid, firstAboveMS: nowMS, lastAboveMS: nowMS))
                index = crowdTracks.count - 1
            }
            if index < matched.count { matched[index] = true }
            let track = crowdTracks[index]
            let message = "crowd density \(Self.format(region.peakDensityPPM2)) persons/m2 over "
                + "\(Int(region.areaM2.rounded())) m2 at \(Self.format(region.centroid)) for "
                + "\((nowMS - track.firstAboveMS) / 1000) s (alert at \(Self.format(settings.crowdThresholdPPM2)))"
            if let id = track.alertID, var alert = alertsByID[id], alert.isActive {
                if significant(alert.value, region.peakDensityPPM2) {
                    alert.value = region.peakDensityPPM2
                    alert.position = region.centroid
                    alert.message = message
                    alert.updatedMS = nowMS
                    alert.reports += 1
                    alertsByID[id] = alert
                    changes.append(AlertChange(.updated, alert))
                }
            } else if track.alertID == nil, nowMS - track.firstAboveMS >= settings.crowdSustainMS {
                let alert = open(kind: .crowdDensity, severity: .critical, message: message, position: region.centroid,
                                 deviceID: nil, nowMS: nowMS, value: region.peakDensityPPM2)
                crowdTracks[index].alertID = alert.id
                changes.append(AlertChange(.opened, alert))
            }
        }
        var remaining: [CrowdTrack] = []
        for track in crowdTracks {
            if nowMS - track.lastAboveMS > settings.crowdClearMS {
                if let id = track.alertID, alertsByID[id]?.isActive == true,
                   let change = resolveAlert(id, atMS: nowMS) {
                    changes.append(change)
                }
            } else {
                remaining.append(track)
            }
        }
        crowdTracks = remaining
        return changes
    }

    // MARK: Detections

    /// Records a detection: a re-report of the same (device, detection id), or of the same kind within
    /// `detectionMergeRadiusM` and `detectionMergeWindowMS` of an active detection alert, updates that
    /// alert; anything else opens one.
    public mutating func report(_ detection: DetectionReport, nowMS: Int64) -> [AlertChange] {
        let key = DetectionKey(deviceID: detection.deviceID, detectionID: detection.detectionID)
        let severity: Alert.Severity = detection.confidence >= settings.criticalDetectionConfidence ? .critical : .warning
        var target = detectionAlertByKey[key].flatMap { alertsByID[$0]?.isActive == true ? $0 : nil }
        if target == nil {
            target = alertsByID.values.filter {
                $0.kind == .detection && $0.isActive && $0.detectionKind == detection.kind
                    && nowMS - (lastReportMSByAlert[$0.id] ?? $0.updatedMS) <= settings.detectionMergeWindowMS
                    && ($0.position?.distance(to: detection.position) ?? .infinity) <= settings.detectionMergeRadiusM
            }.min { ($0.position?.distance(to: detection.position) ?? 0, $0.id)
                < ($1.position?.distance(to: detection.position) ?? 0, $1.id) }?.id
        }
        let message = "\(detection.kind) detected by \(detection.deviceID) at \(Self.format(detection.position)) "
            + "(confidence \(Self.format(detection.confidence)))"
        if let id = target, var alert = alertsByID[id] {
            detectionAlertByKey[key] = id
            alert.reports += 1
            alert.updatedMS = max(alert.updatedMS, nowMS)
            if detection.confidence > alert.value {
                alert.value = detection.confidence
                alert.message = message + ", \(alert.reports) reports"
            }
            alert.severity = max(alert.severity, severity)
            if let evidence = detection.evidenceRef { alert.evidenceRef = evidence }
            alertsByID[id] = alert
            lastReportMSByAlert[id] = max(lastReportMSByAlert[id] ?? nowMS, nowMS)
            return [AlertChange(.updated, alert)]
        }
        var alert = open(kind: .detection, severity: severity, message: message, position: detection.position,
                         deviceID: detection.deviceID, nowMS: nowMS, value: detection.confidence)
        alert.evidenceRef = detection.evidenceRef
        alert.detectionID = detection.detectionID
        alert.detectionKind = detection.kind
        alertsByID[alert.id] = alert
        detectionAlertByKey[key] = alert.id
        lastReportMSByAlert[alert.id] = nowMS
        return [AlertChange(.opened, alert)]
    }

    /// A device reports that its detection is over (the person got up, the smoke cleared).
    public mutating func resolveDetection(deviceID: String, detectionID: String, atMS: Int64) -> [AlertChange] {
        guard let id = detectionAlertByKey[DetectionKey(deviceID: deviceID, detectionID: detectionID)],
              let change = resolveAlert(id, atMS: atMS) else { return [] }
        return [change]
    }

    /// Resolves detection alerts without a re-report for `detectionQuietMS`.
    public mutating func tick(nowMS: Int64) -> [AlertChange] {
        let quiet = alertsByID.values.filter {
            $0.kind == .detection && $0.isActive
                && nowMS - (lastReportMSByAlert[$0.id] ?? $0.updatedMS) >= settings.detectionQuietMS
        }
        return quiet.sorted { $0.id < $1.id }.compactMap { resolveAlert($0.id, atMS: nowMS) }
    }

    // MARK: Devices and cameras

    /// A device stopped answering (input from the hub's liveness check).
    /// - Parameters:
    ///   - lastPosition: where it was last reported, if known.
    ///   - lastHeardMS: when it was last heard.
    public mutating func deviceLost(_ deviceID: String, lastPosition: Point2?, lastHeardMS: Int64,
                                    nowMS: Int64) -> [AlertChange] {
        if let id = deviceLostAlertByDevice[deviceID], alertsByID[id]?.isActive == true { return [] }
        let place = lastPosition.map { " last seen at \(Self.format($0))" } ?? ""
        let alert = open(kind: .deviceLost, severity: .warning,
                         message: "device \(deviceID) lost: no heartbeat for \((nowMS - lastHeardMS) / 1000) s\(place)",
                         position: lastPosition, deviceID: deviceID, nowMS: nowMS,
                         value: Double(nowMS - lastHeardMS) / 1000)
        deviceLostAlertByDevice[deviceID] = alert.id
        return [AlertChange(.opened, alert)]
    }

    /// A lost device is back.
    public mutating func deviceBack(_ deviceID: String, nowMS: Int64) -> [AlertChange] {
        guard let id = deviceLostAlertByDevice.removeValue(forKey: deviceID),
              let change = resolveAlert(id, atMS: nowMS) else { return [] }
        return [change]
    }

    /// A fixed camera went offline.
    public mutating func cameraOffline(_ cameraID: String, position: Point2?, nowMS: Int64) -> [AlertChange] {
        if let id = cameraAlertByCamera[cameraID], alertsByID[id]?.isActive == true { return [] }
        let place = position.map { " at \(Self.format($0)); its cells are blind spots until it is back" } ?? ""
        let alert = open(kind: .cameraOffline, severity: .warning, message: "fixed camera \(cameraID) offline\(place)",
                         position: position, deviceID: cameraID, nowMS: nowMS, value: 0)
        cameraAlertByCamera[cameraID] = alert.id
        return [AlertChange(.opened, alert)]
    }

    /// A fixed camera is back online.
    public mutating func cameraOnline(_ cameraID: String, nowMS: Int64) -> [AlertChange] {
        guard let id = cameraAlertByCamera.removeValue(forKey: cameraID),
              var alert = alertsByID[id], alert.isActive else { return [] }
        alert.value = Double(nowMS - alert.openedMS) / 1000
        alertsByID[id] = alert
        return resolveAlert(id, atMS: nowMS).map { [$0] } ?? []
    }

    // MARK: Internals

    private func significant(_ old: Double, _ new: Double) -> Bool {
        abs(new - old) >= settings.updateStep * max(abs(old), 1e-9)
    }

    private mutating func open(kind: Alert.Kind, severity: Alert.Severity, message: String, position: Point2?,
                               deviceID: String?, nowMS: Int64, value: Double) -> Alert {
        let id = "\(kind.rawValue.replacingOccurrences(of: "_", with: "-"))-\(nextNumber)"
        nextNumber += 1
        let alert = Alert(id: id, kind: kind, severity: severity, message: message, position: position,
                          deviceID: deviceID, openedMS: nowMS, updatedMS: nowMS, value: value)
        alertsByID[id] = alert
        return alert
    }

    private mutating func resolveAlert(_ id: String, atMS: Int64) -> AlertChange? {
        guard var alert = alertsByID[id], alert.isActive else { return nil }
        alert.state = .resolved
        alert.resolvedMS = atMS
        alert.updatedMS = max(alert.updatedMS, atMS)
        alertsByID[id] = alert
        if alert.kind == .detection {
            detectionAlertByKey = detectionAlertByKey.filter { $0.value != id }
            lastReportMSByAlert[id] = nil
        }
        resolvedOrder.append(id)
        if resolvedOrder.count > settings.resolvedRetention {
            let forgotten = resolvedOrder.removeFirst()
            alertsByID[forgotten] = nil
        }
        return AlertChange(.resolved, alert)
    }

    static func format(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }

    static func format(_ point: Point2) -> String { "(\(format(point.x)), \(format(point.y))) m" }
}
