import PatrolCore
import Testing
@testable import PatrolCoverage

@Suite struct WireEncodingTests {
    let grid = TestSites.grid(width: 150, height: 100)

    @Test func idlenessRunsRoundTripCellByCell() throws {
        var map = CoverageMap(layout: try TestSites.layout(grid: grid), startMS: 0)
        for observation in TestSites.observations(count: 20, devices: 3, grid: grid, seed: 3) { try map.apply(observation) }
        let nowMS: Int64 = 65_400
        let runs = map.idlenessRuns(nowMS: nowMS)
        let decoded = try runs.decoded()
        #expect(decoded.count == map.cellCount)
        #expect(decoded == (0..<map.cellCount).map { map.wireIdleness(cell: $0, nowMS: nowMS) })
        // Captures span 0 to 2.25 s: seen cells are 63 to 65 s idle, unseen ones 65 s.
        #expect(decoded.contains(65) && decoded.contains(63))
        // Far fewer runs than cells: footprints and untouched stretches are long runs.
        #expect(runs.lengths.count * 4 < map.cellCount)
        #expect(IdlenessRuns(encoding: decoded) == runs)
        #expect(throws: CoverageError.self) { try IdlenessRuns(lengths: [1, 2], valuesS: [3]).decoded() }
    }

    @Test func changedRegionsHoldExactlyTheTouchedTiles() throws {
        var map = CoverageMap(layout: try TestSites.layout(grid: grid), startMS: 0)
        try map.apply(CameraObservation(deviceID: "drone-1", capturedMS: 1_000, position: Point3(x: 20, y: 20, z: 25),
                                        headingDeg: 0, pitchDeg: 60, fovDeg: 80, rangeM: 30))
        let mark = map.changeMark
        #expect(map.changedRegions(since: mark, nowMS: 2_000).isEmpty)

        let observation = CameraObservation(deviceID: "drone-2", capturedMS: 3_000, position: Point3(x: 130, y: 80, z: 25),
                                            headingDeg: 45, pitchDeg: 60, fovDeg: 80, rangeM: 15)
        try map.apply(observation)
        let regions = map.changedRegions(since: mark, nowMS: 4_000)
        #expect(!regions.isEmpty)
        var covered = Set<Int>()
        for region in regions {
            let values = try region.runs.decoded()
            #expect(values.count == region.rectangle.cellCount)
            // Canonical runs: neighbours with equal values always share one run.
            #expect(IdlenessRuns(encoding: values) == region.runs)
            var position = 0
            for row in region.rectangle.row..<(region.rectangle.row + region.rectangle.height) {
                for col in region.rectangle.col..<(region.rectangle.col + region.rectangle.width) {
                    let cell = grid.index(col: col, row: row)
                    #expect(values[position] == map.wireIdleness(cell: cell, nowMS: 4_000))
                    covered.insert(cell)
                    position += 1
                }
            }
        }
        let sector = try #require(CoverageMap.sector(of: observation))
        let footprint = Visibility.visibleCells(in: grid, from: sector)
        #expect(!footprint.isEmpty)
        #expect(footprint.allSatisfy { covered.contains($0) })
        // Only tiles near the second drone: the first drone's corner was not resent.
        #expect(!covered.contains(grid.index(col: 20, row: 20)))
        #expect(covered.count < map.cellCount / 2)
    }
}
