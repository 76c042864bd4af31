import Foundation
import PatrolCore

extension Simulation {
    /// The report of the run so far (normally called at the end).
    func makeReport() -> SimulationReport {
        let wallS = max(1e-9, Date().timeIntervalSince(wallStart))
        var counters = self.counters
        for linkCount in linkCounters { counters.add(linkCount) }
        var byDevice: [String: MessageCounters] = [:]
        for (index, device) in devices.enumerated() { byDevice[device.id] = linkCounters[index] }
        faults.noteMessageHits(byDevice: byDevice)
        let measured = coverage.metrics(at: nowS)
        let latencies = incidents.latenciesS.sorted()
        let metrics = SimulationReport.Metrics(
            avgIdlenessS: measured.avgIdlenessS, worstIdlenessS: measured.worstIdlenessS,
            worstRatio: measured.worstRatio, coverageFraction: measured.coverageFraction,
            blindExposure: measured.blindExposure,
            detectionLatencyS: latencies.isEmpty ? nil : latencies.reduce(0, +) / Double(latencies.count),
            warmupS: coverage.windowStartS, evaluatedCells: measured.cellCount)
        let incidentList = incidents.records.map { record in
            SimulationReport.Incident(kind: record.incident.kind, x: record.incident.position.x,
                                      y: record.incident.position.y, startS: record.incident.startS,
                                      durationS: record.incident.durationS,
                                      reportedBy: record.reportedBy.keys.sorted(), firstReportS: record.firstReportS,
                                      alertID: record.alertID,
                                      latencyS: record.alertS.map { max(0, $0 - record.incident.startS) })
        }
        let incidentSummary = SimulationReport.Incidents(
            total: incidents.records.count, detected: latencies.count,
            reported: incidents.records.filter { $0.firstReportS != nil }.count,
            latencyP50S: Self.percentile(latencies, 0.5), latencyP95S: Self.percentile(latencies, 0.95),
            alertsObserved: connection.observesAlerts, list: incidentList)
        let messages = SimulationReport.Messages(
            sent: counters.sent, received: counters.received, totalSent: counters.sent.values.reduce(0, +),
            totalReceived: counters.received.values.reduce(0, +), resent: counters.resent, dropped: counters.dropped,
            duplicated: counters.duplicated, reordered: counters.reordered, lostToLinkDown: counters.lostToLinkDown,
            undecodable: counters.undecodable, rejects: counters.rejects,
            unacknowledged: links.reduce(0) { $0 + $1.unacknowledgedCount })
        let faultList = faults.entries.map { entry in
            SimulationReport.Fault(kind: entry.fault.kind.rawValue, device: entry.fault.device,
                                   camera: entry.fault.camera, atS: entry.fault.atS, durationS: entry.fault.durationS,
                                   rate: entry.fault.rate, source: entry.source, applied: entry.applied,
                                   notes: entry.notes + faultSummary(entry, counters: counters))
        }
        let deviceList = devices.enumerated().map { index, device in
            SimulationReport.Device(id: device.id, kind: device.spec.kind.rawValue,
                                    finalState: Self.wireState(device.mode).rawValue,
                                    distanceM: (device.distanceM * 10).rounded() / 10,
                                    batteryFraction: (device.battery.fraction * 1000).rounded() / 1000,
                                    charges: device.chargeCount, frames: frameCounter[index],
                                    routeID: device.route?.routeID)
        }
        var pedestrianReport: SimulationReport.Pedestrians?
        if let crowd {
            let samples = Double(max(1, densitySamples))
            pedestrianReport = SimulationReport.Pedestrians(
                count: crowd.count, backgroundPPM2: backgroundDensitySum / samples,
                hotspots: hotspotCells.enumerated().map { index, entry in
                    SimulationReport.Hotspot(id: entry.hotspot.id, expectedPPM2: entry.hotspot.expectedDensityPPM2,
                                             measuredPPM2: densitySums[index] / samples)
                })
        }
        let hubName: String
        switch options.hub {
        case .inproc: hubName = "inproc"
        case .remote(let endpoint): hubName = endpoint
        }
        return SimulationReport(mission: mission.name, planner: options.planner.rawValue, hub: hubName,
                                seed: options.seed, simSeconds: nowS, wallSeconds: wallS, speedUp: nowS / wallS,
                                metrics: metrics, incidents: incidentSummary, messages: messages, faults: faultList,
                                devices: deviceList, pedestrians: pedestrianReport, planEvents: planEvents,
                                planPromise: planPromise, compare: nil)
    }

    /// What a message or link fault amounted to, from the counters.
    private func faultSummary(_ entry: FaultSchedule.Entry, counters: MessageCounters) -> [String] {
        switch entry.fault.kind {
        case .messageDrop: ["\(entry.applied) messages hit; \(counters.dropped) dropped in all, \(counters.resent) resent"]
        case .messageDuplicate: ["\(counters.duplicated) messages sent twice in all"]
        case .messageReorder: ["\(counters.reordered) messages held back behind the next in all"]
        case .commLoss: ["\(counters.lostToLinkDown) messages lost while links were down in all"]
        case .batteryDrain, .gpsNoise, .deviceCrash, .cameraOffline: []
        }
    }

    /// The nearest-rank percentile of sorted values, nil when there are none.
    static func percentile(_ sorted: [Double], _ fraction: Double) -> Double? {
        guard !sorted.isEmpty else { return nil }
        let rank = Int((fraction * Double(sorted.count)).rounded(.up))
        return sorted[min(sorted.count - 1, max(0, rank - 1))]
    }
}
