import Foundation
import PatrolCore
import Testing
@testable import PatrolCoverage

@Suite struct AlertEngineTests {
    let policy = Policy(crowdDensityAlertPPM2: 4, crowdDensitySustainS: 5, staleAlertFactor: 2, staleAlertMinWeight: 2)

    func detection(_ device: String, _ id: String, kind: String = "fall", at position: Point2, confidence: Double = 0.9,
                   evidence: String? = nil, atMS: Int64) -> DetectionReport {
        DetectionReport(deviceID: device, detectionID: id, kind: kind, position: position, confidence: confidence,
                        evidenceRef: evidence, capturedMS: atMS)
    }

    @Test func oneIncidentIsOneAlertThroughItsLifecycle() throws {
        var engine = AlertEngine(policy: policy)
        let opened = engine.report(detection("drone-1", "d-1", at: Point2(x: 10, y: 10), confidence: 0.6,
                                             evidence: "img-1", atMS: 1_000), nowMS: 1_000)
        #expect(opened.map(\.change) == [.opened])
        let alert = try #require(opened.first?.alert)
        #expect(alert.kind == .detection && alert.state == .open && alert.severity == .warning)
        #expect(alert.message.contains("fall") && alert.message.contains("drone-1") && alert.message.contains("(10, 10)"))

        // The same detection again, and another device seeing the same fall 2 m away: updates, not new alerts.
        let again = engine.report(detection("drone-1", "d-1", at: Point2(x: 10, y: 10), atMS: 3_000), nowMS: 3_000)
        let other = engine.report(detection("robot-2", "r-9", at: Point2(x: 11.5, y: 11.3), evidence: "clip-4",
                                            atMS: 4_000), nowMS: 4_000)
        #expect(again.map(\.change) == [.updated] && other.map(\.change) == [.updated])
        let merged = try #require(engine.alert(id: alert.id))
        #expect(merged.reports == 3 && merged.severity == .critical && merged.value == 0.9)
        #expect(merged.evidenceRef == "clip-4")
        // A different kind at the same place, or the same kind 30 m away, is another incident.
        #expect(engine.report(detection("robot-2", "r-10", kind: "smoke", at: Point2(x: 10, y: 10), atMS: 4_000),
                              nowMS: 4_000).map(\.change) == [.opened])
        #expect(engine.report(detection("drone-1", "d-2", at: Point2(x: 40, y: 10), atMS: 4_000),
                              nowMS: 4_000).map(\.change) == [.opened])
        #expect(engine.activeAlerts.count == 3)

        let acknowledged = try engine.acknowledge(id: alert.id, atMS: 5_000)
        #expect(acknowledged?.alert.state == .acknowledged)
        #expect(try engine.acknowledge(id: alert.id, atMS: 5_500) == nil)
        #expect(throws: AlertError.unknownAlert("detection-99")) { try engine.acknowledge(id: "detection-99", atMS: 6_000) }
        #expect(AlertError.unknownAlert("detection-99").description.contains("detection-99"))

        // Still re-reported, it stays open; quiet for the quiet period, it resolves.
        #expect(engine.tick(nowMS: 60_000).isEmpty)
        let resolved = engine.tick(nowMS: 4_000 + engine.settings.detectionQuietMS)
        #expect(resolved.map(\.alert.id).contains(alert.id))
        #expect(engine.alert(id: alert.id)?.state == .resolved)
        #expect(throws: AlertError.alreadyResolved(alert.id)) { try engine.acknowledge(id: alert.id, atMS: 200_000) }
    }

    @Test func aDeviceCanResolveItsDetection() {
        var engine = AlertEngine(policy: policy)
        let id = engine.report(detection("robot-1", "x", at: .zero, atMS: 0), nowMS: 0).first?.alert.id
        #expect(engine.resolveDetection(deviceID: "robot-1", detectionID: "x", atMS: 2_000).map(\.alert.id) == [id])
        #expect(engine.activeAlerts.isEmpty)
        // Reported again after it was resolved: a new occurrence, a new alert.
        let reopened = engine.report(detection("robot-1", "x", at: .zero, atMS: 3_000), nowMS: 3_000)
        #expect(reopened.map(\.change) == [.opened] && reopened.first?.alert.id != id)
    }

    func crowd(_ density: Double, at position: Point2) -> CrowdRegion {
        CrowdRegion(cellCount: 25, areaM2: 100, peakDensityPPM2: density, meanDensityPPM2: density, centroid: position)
    }

    @Test func crowdDensityAlertsOnlyOnceSustained() throws {
        var engine = AlertEngine(policy: policy)
        let square = Point2(x: 50, y: 50)
        for second in 0..<5 {
            #expect(engine.evaluate(crowdRegions: [crowd(4.5, at: square)], nowMS: Int64(second) * 1_000).isEmpty)
        }
        let opened = engine.evaluate(crowdRegions: [crowd(4.6, at: Point2(x: 52, y: 50))], nowMS: 5_000)
        #expect(opened.map(\.change) == [.opened])
        #expect(opened.first?.alert.severity == .critical)
        // Denser: one update; the same again: nothing new.
        #expect(engine.evaluate(crowdRegions: [crowd(6, at: square)], nowMS: 6_000).map(\.change) == [.updated])
        #expect(engine.evaluate(crowdRegions: [crowd(6.1, at: square)], nowMS: 7_000).isEmpty)
        // The crowd thins out: resolved once gone for the clear period, not at the first gap.
        #expect(engine.evaluate(crowdRegions: [], nowMS: 9_000).isEmpty)
        let resolved = engine.evaluate(crowdRegions: [], nowMS: 12_001)
        #expect(resolved.map(\.change) == [.resolved])
        #expect(resolved.first?.alert.id == opened.first?.alert.id)
        // A brief spike that does not last is never an alert.
        #expect(engine.evaluate(crowdRegions: [crowd(9, at: square)], nowMS: 20_000).isEmpty)
        #expect(engine.evaluate(crowdRegions: [], nowMS: 30_000).isEmpty)
        #expect(engine.activeAlerts.isEmpty)
    }

    @Test func crowdRegionsFromCountedObservations() throws {
        let grid = TestSites.grid(width: 40, height: 40)
        var map = CoverageMap(layout: try TestSites.layout(grid: grid), startMS: 0)
        var engine = AlertEngine(policy: policy)
        var changes: [AlertChange] = []
        for second in 0...6 {
            let nowMS = Int64(second) * 1_000
            // A robot camera looking straight down counts 500 persons over its ~79 m2 disc: ~6.4 persons/m2.
            try map.apply(CameraObservation(deviceID: "drone-1", capturedMS: nowMS, position: Point3(x: 20, y: 20, z: 10),
                                            headingDeg: 0, pitchDeg: 90, fovDeg: 60, rangeM: 40, personCount: 500,
                                            countConfidence: 0.8))
            let regions = map.crowdRegions(nowMS: nowMS, thresholdPPM2: policy.crowdDensityAlertPPM2)
            #expect(regions.count == 1)
            changes += engine.evaluate(crowdRegions: regions, nowMS: nowMS)
        }
        #expect(changes.map(\.change) == [.opened])
        let region = try #require(map.crowdRegions(nowMS: 6_000, thresholdPPM2: 4).first)
        #expect(region.centroid.distance(to: Point2(x: 20, y: 20)) < 1)
        #expect(region.peakDensityPPM2 > 4 && region.peakDensityPPM2 < 10)
        // Without new readings the confidence fades and the region disappears.
        #expect(map.crowdRegions(nowMS: 600_000, thresholdPPM2: 4).isEmpty)
    }

    @Test func staleHighWeightBlindSpotsAlertAndResolve() {
        var engine = AlertEngine(policy: policy)
        func spot(id: Int, weight: Double, ratio: Double) -> BlindSpot {
            BlindSpot(id: id, cellCount: 10, areaM2: 40, weight: weight, worstIdlenessS: ratio * 40, worstRatio: ratio,
                      revisitTargetS: 40, centroid: Point2(x: 30, y: 20), bounds: CellRectangle(col: 0, row: 0, width: 5, height: 2))
        }
        #expect(engine.evaluate(blindSpots: [spot(id: 1, weight: 3, ratio: 1.5), spot(id: 2, weight: 1, ratio: 9)],
                                nowMS: 1_000).isEmpty)
        let opened = engine.evaluate(blindSpots: [spot(id: 1, weight: 3, ratio: 2.1)], nowMS: 2_000)
        #expect(opened.map(\.change) == [.opened])
        #expect(opened.first?.alert.message.contains("(30, 20)") == true)
        // The region got a new id (after a merge or a restart) but is the same place: the same alert.
        #expect(engine.evaluate(blindSpots: [spot(id: 7, weight: 3, ratio: 2.15)], nowMS: 3_000).isEmpty)
        #expect(engine.evaluate(blindSpots: [spot(id: 7, weight: 3, ratio: 3)], nowMS: 4_000).map(\.change) == [.updated])
        let resolved = engine.evaluate(blindSpots: [], nowMS: 5_000)
        #expect(resolved.map(\.change) == [.resolved] && resolved.first?.alert.id == opened.first?.alert.id)
    }

    @Test func devicesAndCamerasAlertOncePerOutage() {
        var engine = AlertEngine(policy: policy)
        let lost = engine.deviceLost("drone-2", lastPosition: Point2(x: 5, y: 6), lastHeardMS: 1_000, nowMS: 4_000)
        #expect(lost.map(\.change) == [.opened])
        #expect(lost.first?.alert.message == "device drone-2 lost: no heartbeat for 3 s last seen at (5, 6) m")
        #expect(engine.deviceLost("drone-2", lastPosition: nil, lastHeardMS: 1_000, nowMS: 5_000).isEmpty)
        #expect(engine.deviceBack("drone-2", nowMS: 9_000).map(\.change) == [.resolved])
        #expect(engine.cameraOffline("cam-3", position: Point2(x: 1, y: 2), nowMS: 1_000).map(\.change) == [.opened])
        #expect(engine.cameraOffline("cam-3", position: nil, nowMS: 2_000).isEmpty)
        let back = engine.cameraOnline("cam-3", nowMS: 61_000)
        #expect(back.map(\.change) == [.resolved] && back.first?.alert.value == 60)
        #expect(engine.activeAlerts.isEmpty)
    }

    @Test func restoredAlertsContinueWithTheirIds() throws {
        var engine = AlertEngine(policy: policy)
        let id = try #require(engine.report(detection("drone-1", "d-1", at: .zero, atMS: 0), nowMS: 0).first?.alert.id)
        _ = engine.deviceLost("robot-1", lastPosition: nil, lastHeardMS: 0, nowMS: 3_000)
        var restored = AlertEngine(policy: policy, restoring: Array(engine.alertsByID.values))
        #expect(restored.report(detection("drone-1", "d-1", at: .zero, atMS: 9_000), nowMS: 9_000).map(\.alert.id) == [id])
        #expect(restored.deviceBack("robot-1", nowMS: 10_000).map(\.change) == [.resolved])
        let fresh = restored.report(detection("drone-1", "d-5", kind: "smoke", at: .zero, atMS: 9_000), nowMS: 9_000)
        #expect(fresh.first.map { restored.alertsByID.keys.contains($0.alert.id) && $0.alert.id != id } == true)
        #expect(Set(restored.alertsByID.keys).count == 3)
    }
}

@Suite struct CoverageJSONTests {
    @Test func alertsAndBlindSpotsUseSnakeCaseFieldsAndRoundTrip() throws {
        var engine = AlertEngine(policy: Policy())
        let alert = try #require(engine.report(DetectionReport(deviceID: "drone-1", detectionID: "d-1", kind: "smoke",
                                                               position: Point2(x: 3, y: 4), confidence: 0.9,
                                                               evidenceRef: "img-7", capturedMS: 5),
                                               nowMS: 5).first?.alert)
        let data = try JSONEncoder().encode(alert)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["device_id"] as? String == "drone-1" && object["evidence_ref"] as? String == "img-7")
        #expect(object["kind"] as? String == "detection" && object["opened_ms"] as? Int == 5)
        #expect(try JSONDecoder().decode(Alert.self, from: data) == alert)

        let spot = BlindSpot(id: 3, cellCount: 4, areaM2: 16, weight: 2, worstIdlenessS: 90, worstRatio: 1.5,
                             revisitTargetS: 60, centroid: Point2(x: 1, y: 2),
                             bounds: CellRectangle(col: 0, row: 0, width: 2, height: 2))
        let spotData = try JSONEncoder().encode(spot)
        let spotObject = try #require(try JSONSerialization.jsonObject(with: spotData) as? [String: Any])
        #expect(spotObject["area_m2"] as? Double == 16 && spotObject["worst_idleness_s"] as? Double == 90)
        #expect(try JSONDecoder().decode(BlindSpot.self, from: spotData) == spot)
    }
}
