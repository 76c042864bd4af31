import PatrolCore
import Testing
@testable import PatrolCoverage

@Suite struct FixedCameraTests {
    let grid = TestSites.grid(width: 10, height: 6, cellM: 2)

    var cameraCells: [Int32] {
        (0...2).flatMap { col in (4...5).map { row in Int32(grid.index(col: col, row: row)) } }
    }

    @Test func offlineCameraCellsBecomeABlindSpotUntilItIsBack() throws {
        let camera = CoverageLayout.FixedCameraCells(id: "cam-7", position: Point2(x: 0, y: 12), cells: cameraCells)
        let layout = try TestSites.layout(grid: grid, cameras: [camera])
        #expect(layout.patrolCellCount == 54)
        var map = CoverageMap(layout: layout, startMS: 0)
        var tracker = BlindSpotTracker(cellCount: map.cellCount)
        let patrol = (0..<grid.cellCount).filter { map.isPatrolCell($0) }.map { Int32($0) }
        #expect(patrol.count == 54)

        try map.merge(cells: patrol, deviceID: "drone-1", capturedMS: 100_000)
        // Online, the camera's cells are seen continuously, so never idle however long nobody flies by.
        #expect(map.idlenessMS(ofCell: Int(cameraCells[0]), nowMS: 500_000) == 0)
        #expect(map.sample(nowMS: 150_000).patrolCells == 54)

        #expect(try map.setCameraOnline("cam-7", online: false, atMS: 110_000))
        #expect(map.isCameraOnline("cam-7") == false)
        #expect(map.sample(nowMS: 150_000).patrolCells == 60)
        #expect(map.idlenessMS(ofCell: Int(cameraCells[0]), nowMS: 200_000) == 90_000)
        #expect(tracker.update(map: map, nowMS: 200_000).isEmpty)

        try map.merge(cells: patrol, deviceID: "drone-1", capturedMS: 230_000)
        let spots = tracker.update(map: map, nowMS: 235_000)
        #expect(spots.count == 1)
        #expect(spots.first?.cellCount == 6)
        #expect(spots.first?.worstIdlenessS == 125)
        #expect(spots.first?.centroid == Point2(x: 3, y: 10))

        // A late report of the earlier offline change must not undo the newer online one.
        #expect(try map.setCameraOnline("cam-7", online: true, atMS: 236_000))
        #expect(try !map.setCameraOnline("cam-7", online: false, atMS: 120_000))
        #expect(map.isCameraOnline("cam-7") == true)
        #expect(tracker.update(map: map, nowMS: 240_000).isEmpty)
        #expect(map.wireIdleness(cell: Int(cameraCells[0]), nowMS: 240_000) == IdlenessRuns.notPatrol)
    }

    @Test func unknownCameraIsAnError() throws {
        var map = CoverageMap(layout: try TestSites.layout(grid: grid), startMS: 0)
        #expect(throws: CoverageError.unknownCamera("cam-99")) {
            try map.setCameraOnline("cam-99", online: false, atMS: 1)
        }
        #expect(CoverageError.unknownCamera("cam-99").description.contains("cam-99"))
    }
}
