import PatrolCore
import PatrolTestKit
import Testing
@testable import PatrolCoverage

/// The coverage map on the bundled plaza mission: its real patrol area, fixed cameras and policy.
@Suite struct PlazaMissionTests {
    @Test func aDroneSweepAnOfflineCameraAndTheAlertsItRaises() throws {
        let mission = try Mission.load(from: Fixtures.mission("plaza"))
        let area = PatrolArea(mission: mission)
        let layout = try CoverageLayout(area: area, mission: mission)
        #expect(layout.patrolCellCount == area.cells.count)
        #expect(layout.fixedCameras.count == mission.site.cameras.count)
        let startMS: Int64 = 1_700_000_000_000
        var map = CoverageMap(layout: layout, startMS: startMS)
        var tracker = BlindSpotTracker(cellCount: map.cellCount)
        var engine = AlertEngine(policy: mission.policy)
        var metrics = CoverageMetrics(warmUpUntilMS: startMS)

        // One drone flies west to east along the middle of the square, a frame every second.
        let drone = try #require(mission.fleet.first { $0.kind == .drone })
        let bounds = mission.site.boundary.bounds
        let midY = (bounds.min.y + bounds.max.y) / 2
        var nowMS = startMS
        var x = bounds.min.x
        while x <= bounds.max.x {
            try map.apply(CameraObservation(deviceID: drone.id, capturedMS: nowMS,
                                            position: Point3(x: x, y: midY, z: drone.camera.altitudeM), headingDeg: 90,
                                            pitchDeg: drone.camera.pitchDeg, fovDeg: drone.camera.fovDeg,
                                            rangeM: drone.camera.rangeM))
            metrics.add(map.sample(nowMS: nowMS))
            x += drone.speedMPS
            nowMS += 1_000
        }
        let swept = map.sample(nowMS: nowMS)
        #expect(swept.patrolCells == area.cells.count)
        #expect(swept.coverageFraction > 0.05 && swept.coverageFraction < 1)
        #expect(metrics.windowS > 0 && metrics.averageIdlenessS > 0 && metrics.worstIdlenessS <= swept.worstIdlenessS)

        // Everything the drone did not see is stale once past its target; what it saw is not.
        let later = nowMS + Int64(mission.policy.revisitS * 1000) / 2
        let spots = tracker.update(map: map, nowMS: later)
        #expect(!spots.isEmpty)
        let seenCell = try #require(area.cells.first { map.timesSeen(ofCell: $0) > 0 })
        #expect(tracker.labels[seenCell] == 0)

        // A fixed camera goes down: its cells join the patrol cells and, unseen, turn blind.
        let camera = try #require(mission.site.cameras.first)
        let cameraCells = try #require(layout.fixedCameras.first { $0.id == camera.id }).cells
        var camerasSeeing: [Int32: Int] = [:]
        for fixed in layout.fixedCameras { for cell in fixed.cells { camerasSeeing[cell, default: 0] += 1 } }
        let onlyThisCamera = cameraCells.filter { camerasSeeing[$0] == 1 }
        #expect(!onlyThisCamera.isEmpty)
        try map.setCameraOnline(camera.id, online: false, atMS: later)
        #expect(engine.cameraOffline(camera.id, position: camera.position, nowMS: later).map(\.change) == [.opened])
        let cell = Int(onlyThisCamera[0])
        let weight = try #require(layout.weight(ofCell: cell))
        let blindAtMS = later + Int64(mission.policy.revisitTargetS(weight: weight) * 1000) + 1_000
        _ = tracker.update(map: map, nowMS: blindAtMS)
        #expect(tracker.labels[cell] != 0)
        try map.setCameraOnline(camera.id, online: true, atMS: blindAtMS)
        #expect(engine.cameraOnline(camera.id, nowMS: blindAtMS).map(\.change) == [.resolved])
        _ = tracker.update(map: map, nowMS: blindAtMS + 1)
        #expect(tracker.labels[cell] == 0)

        // High-weight stale regions alert under the mission's own policy.
        let changes = engine.evaluate(blindSpots: tracker.update(map: map, nowMS: blindAtMS + 3_600_000),
                                      nowMS: blindAtMS + 3_600_000)
        #expect(changes.allSatisfy { $0.change == .opened && $0.alert.kind == .staleBlindSpot })
        #expect(!changes.isEmpty == tracker.blindSpots.contains { $0.weight >= mission.policy.staleAlertMinWeight })
    }
}
