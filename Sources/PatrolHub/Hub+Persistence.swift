import Foundation
import PatrolCore
import PatrolWire

/// Group commit and restart: what the hub acknowledged is in the database, and a restarted hub resumes it.
extension Hub {
    /// Writes the batch in one transaction, then acknowledges its reports. On failure (disk full, damaged
    /// file) nothing is acknowledged, the error is logged and counted, and the batch is retried later, so
    /// devices keep resending and nothing is lost silently.
    func commit() {
        lastCommitMS = nowMS
        guard !batch.isEmpty else { return }
        let startedNS = DispatchTime.now().uptimeNanoseconds
        var durable = counters
        durable.add("observations_committed", Int64(batch.observations.count))
        durable.add("detections_stored", Int64(batch.detections.count))
        durable.add("events_persisted", Int64(batch.events.count))
        durable.add("alerts_stored", Int64(batch.alerts.count))
        durable.add("assignments_stored", Int64(batch.assignments.count))
        if let store {
            do {
                try store.transaction {
                    for write in batch.observations {
                        try store.saveObservation(deviceID: write.deviceID, seq: write.seq,
                                                  capturedMS: write.capturedMS, frame: write.frame)
                    }
                    for detection in batch.detections { try store.saveDetection(detection) }
                    for alert in batch.alerts.values { try store.saveAlert(alert) }
                    for write in batch.assignments {
                        try store.saveAssignment(deviceID: write.deviceID, planID: write.planID,
                                                 routeID: write.routeID, version: write.version,
                                                 assignedMS: write.assignedMS, route: write.route)
                    }
                    for write in batch.events {
                        try store.appendEvent(seq: write.seq, timeMS: write.timeMS, topic: write.topic,
                                              body: write.body)
                    }
                    var rows = batch.devices
                    for (deviceID, seqs) in batch.acks {
                        guard var row = rows[deviceID] ?? devices[deviceID]?.stored else { continue }
                        row.ackedSeq = max(row.ackedSeq, seqs.max() ?? 0)
                        rows[deviceID] = row
                    }
                    for row in rows.values { try store.saveDevice(row) }
                    for (key, value) in batch.meta { try store.setMeta(key, value) }
                    if batch.snapshotDue, let snapshot = mission?.coverageSnapshot() {
                        try store.saveCoverageSnapshot(timeMS: nowMS, observationRowID: try store.lastObservationRowID(),
                                                       body: snapshot)
                        durable.add("coverage_snapshots_stored")
                    }
                    try store.saveCounters(durable.durable)
                }
            } catch {
                count("commit_failures")
                lastCommitError = "\(error)"
                log(.error, "commit failed; reports stay unacknowledged", ["error": "\(error)",
                                                                            "pending": batch.size])
                if batch.size > 200_000 {
                    // Devices resend what stays unacknowledged; hold no more than this in memory meanwhile.
                    for (deviceID, seqs) in batch.acks { for seq in seqs { devices[deviceID]?.pendingSeqs.remove(seq) } }
                    count("drops.unacknowledged_reports", Int64(batch.observations.count + batch.detections.count))
                    batch.observations.removeAll()
                    batch.detections.removeAll()
                    batch.acks.removeAll()
                }
                return
            }
        } else if batch.snapshotDue {
            durable.add("coverage_snapshots_stored")
        }
        counters = durable
        lastCommitError = nil
        let elapsedMS = Double(DispatchTime.now().uptimeNanoseconds - startedNS) / 1_000_000
        commitLatency.record(elapsedMS)
        if let oldest = batch.oldestMS { reportToAckLatency.record(Double(nowMS - oldest) + elapsedMS) }
        let acks = batch.acks
        batch = CommitBatch()
        for (deviceID, seqs) in acks {
            devices[deviceID]?.markDurable(seqs)
            // One Ack per device per commit; ack_seq names the newest for devices that read only that.
            send(to: deviceID, ackSeq: seqs.max() ?? 0, .ack(Ack(seqs: seqs)))
        }
    }

    /// Loads the mission of the configuration, then what the database holds (devices, routes, alerts,
    /// counters, coverage), and starts the mission unless it was stopped before the restart.
    func restoreOrStart() throws {
        let runtime = try configuration.missionOverride.map {
            try MissionRuntime.make(mission: $0, startMS: nowMS, preparePlanner: !configuration.preparePlannerInBackground)
        } ?? MissionRuntime.load(from: configuration.missionDirectory, startMS: nowMS,
                                 preparePlanner: !configuration.preparePlannerInBackground)
        installMission(runtime)
        guard let store else {
            if configuration.startMissionAtLaunch { startMission(reason: "start") }
            return
        }
        let samePath = try store.meta("mission_path") == configuration.missionDirectory.standardizedFileURL.path
        counters.restore(try store.loadCounters())
        eventSeq = try store.lastEventSeq()
        for row in try store.loadDevices() where devices[row.id] != nil {
            devices[row.id]?.position = row.position
            devices[row.id]?.batteryFraction = row.batteryFraction
            devices[row.id]?.lastSeenMS = row.lastSeenMS
            devices[row.id]?.ackedSeq = row.ackedSeq
            // Until it says Hello again, a device is not connected to this process.
            devices[row.id]?.state = .lost
        }
        for (deviceID, seqs) in try store.recentSeqs(limitPerDevice: Int(DeviceSession.seqWindow)) {
            devices[deviceID]?.durableSeqs.formUnion(seqs)
        }
        for (deviceID, assignment) in try store.latestAssignments() where devices[deviceID] != nil {
            devices[deviceID]?.routeID = assignment.routeID
            devices[deviceID]?.routeVersion = assignment.version
        }
        for alert in try store.loadAlerts() {
            alerts[alert.alertID] = alert
            alertKeys[alert.alertID] = "\(alert.kind.rawValue):\(alert.deviceID)"
            openAlerts.update(alert, key: alertKeys[alert.alertID])
            if alert.alertID.hasPrefix("a"), let number = UInt64(alert.alertID.dropFirst()) {
                alertSeq = max(alertSeq, number)
            }
        }
        if samePath {
            try restoreCoverage(from: store)
        }
        let storedState = samePath ? try store.meta("mission_state") : nil
        batch.meta["mission_path"] = configuration.missionDirectory.standardizedFileURL.path
        log(.info, "database opened", ["db": store.path, "schema": try store.schemaVersion(),
                                       "alerts_open": openAlertCount, "resumed": samePath])
        if storedState == "stopped" {
            mission?.state = "stopped"
        } else if configuration.startMissionAtLaunch {
            startMission(reason: samePath ? "restart" : "start")
        }
        commit()
    }

    /// Rebuilds the coverage map: the newest snapshot, then every observation stored after it.
    private func restoreCoverage(from store: HubStore) throws {
        guard var runtime = mission else { return }
        var afterRowID: Int64 = 0
        if let snapshot = try store.latestCoverageSnapshot() {
            runtime.restoreCoverageSnapshot(snapshot.body)
            afterRowID = snapshot.observationRowID
        }
        var replayed = 0
        for (deviceID, frame) in try store.observations(afterRowID: afterRowID) {
            guard let message = try? DeviceMessage(decoding: frame),
                  case .observation(let observation) = message.body else { continue }
            runtime.apply(observation, deviceID: deviceID)
            replayed += 1
        }
        mission = runtime
        log(.info, "coverage restored", ["observations_replayed": replayed])
    }
}
