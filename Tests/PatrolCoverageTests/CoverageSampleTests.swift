import Foundation
import PatrolCore
import Testing
@testable import PatrolCoverage

@Suite struct CoverageSampleTests {
    /// 90 x 70 cells of 1 m with two hotspots of different weights and one fixed camera, so the sample
    /// meets three cell classes and cells the camera takes out of the patrol.
    let grid = TestSites.grid(width: 90, height: 70, hotspots: [
        Hotspot(id: "stage", area: TestSites.rectangle(widthM: 20, heightM: 15), weight: 4),
        Hotspot(id: "gate", area: Polygon(points: [Point2(x: 60, y: 40), Point2(x: 80, y: 40), Point2(x: 80, y: 60),
                                                   Point2(x: 60, y: 60)]), weight: 2),
    ])

    /// The metrics by their definitions (DESIGN.md section 5), cell by cell through the public accessors.
    func reference(_ map: CoverageMap, nowMS: Int64, windowStartMS: Int64) -> CoverageSample {
        var patrol = 0, covered = 0, blind = 0
        var weightSum = 0.0, weightedIdle = 0.0, worstMS: Int64 = 0, worstRatio = 0.0
        for cell in 0..<map.cellCount where map.isPatrolCell(cell) {
            let cellClass = map.layout.classes[Int(map.layout.classOfCell[cell]) - 1]
            let idleMS = map.idlenessMS(ofCell: cell, nowMS: nowMS)
            patrol += 1
            // Seen by a device, or watched by a fixed camera until it went offline.
            let seen = map.timesSeen(ofCell: cell) > 0 || map.lastSeenMS(ofCell: cell) > map.startMS
            if seen, map.lastSeenMS(ofCell: cell) >= windowStartMS { covered += 1 }
            weightSum += Double(cellClass.weight)
            weightedIdle += Double(cellClass.weight) * Double(idleMS)
            worstMS = max(worstMS, idleMS)
            worstRatio = max(worstRatio, Double(idleMS) / 1000 / Double(cellClass.targetS))
            if Double(idleMS) > (Double(cellClass.targetS) * 1000).rounded(.down) { blind += 1 }
        }
        return CoverageSample(atMS: nowMS, patrolCells: patrol, averageIdlenessS: weightedIdle / weightSum / 1000,
                              worstIdlenessS: Double(worstMS) / 1000, worstRatio: worstRatio,
                              coverageFraction: Double(covered) / Double(patrol),
                              blindFraction: Double(blind) / Double(patrol))
    }

    @Test func perClassSumsMatchTheCellByCellDefinition() throws {
        let cameraCells = (0..<grid.cellCount).filter { $0 % grid.width >= 40 && $0 % grid.width < 50 }
            .map { Int32($0) }
        let camera = CoverageLayout.FixedCameraCells(id: "cam-1", position: Point2(x: 45, y: 0), cells: cameraCells)
        var map = CoverageMap(layout: try TestSites.layout(grid: grid, cameras: [camera]), startMS: 0)
        #expect(map.layout.classes.count == 3)
        for observation in TestSites.observations(count: 90, devices: 4, grid: grid, seed: 5) {
            try map.apply(observation)
        }
        try map.setCameraOnline("cam-1", online: false, atMS: 12_000)
        var blindSamples = 0
        let times: [(nowMS: Int64, windowStartMS: Int64)] = [(30_000, 0), (30_000, 15_000), (95_000, 0),
                                                              (130_000, 10_000), (400_000, 10_000)]
        for (nowMS, windowStartMS) in times {
            let fast = map.sample(nowMS: nowMS, windowStartMS: windowStartMS)
            let expected = reference(map, nowMS: nowMS, windowStartMS: windowStartMS)
            #expect(fast.patrolCells == expected.patrolCells)
            #expect(fast.worstIdlenessS == expected.worstIdlenessS)
            #expect(abs(fast.worstRatio - expected.worstRatio) < 1e-12)
            #expect(abs(fast.averageIdlenessS - expected.averageIdlenessS) < 1e-9 * max(1, expected.averageIdlenessS))
            #expect(fast.coverageFraction == expected.coverageFraction)
            #expect(fast.blindFraction == expected.blindFraction)
            if expected.blindFraction > 0 && expected.blindFraction < 1 { blindSamples += 1 }
        }
        // The times chosen reach the interesting middle: some cells blind, some not.
        #expect(blindSamples >= 2)
    }
}
