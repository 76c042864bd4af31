import Foundation
import PatrolCore
import Testing
@testable import PatrolCoverage

@Suite struct CoverageMapTests {
    let grid = TestSites.grid(width: 80, height: 60, buildings: [
        Building(footprint: Polygon(points: [Point2(x: 30, y: 20), Point2(x: 40, y: 20), Point2(x: 40, y: 30),
                                             Point2(x: 30, y: 30)]), heightM: 12),
        Building(footprint: Polygon(points: [Point2(x: 55, y: 40), Point2(x: 60, y: 40), Point2(x: 60, y: 52),
                                             Point2(x: 55, y: 52)]), heightM: 30),
    ])

    /// Asserts two maps hold the same per-cell state; density within rounding of the commutative fusion.
    func expectSameMap(_ a: CoverageMap, _ b: CoverageMap, nowMS: Int64) {
        var mismatches = 0
        for cell in 0..<a.cellCount {
            if a.lastSeenMS(ofCell: cell) != b.lastSeenMS(ofCell: cell) || a.timesSeen(ofCell: cell) != b.timesSeen(ofCell: cell)
                || a.lastDevice(ofCell: cell) != b.lastDevice(ofCell: cell) {
                mismatches += 1
                continue
            }
            let densityA = a.crowdDensity(ofCell: cell, nowMS: nowMS), densityB = b.crowdDensity(ofCell: cell, nowMS: nowMS)
            switch (densityA, densityB) {
            case (nil, nil): break
            case let (x?, y?):
                if abs(x.densityPPM2 - y.densityPPM2) > 1e-4 * max(1, x.densityPPM2)
                    || abs(x.confidence - y.confidence) > 1e-4 * max(1, x.confidence) { mismatches += 1 }
            default: mismatches += 1
            }
        }
        #expect(mismatches == 0)
    }

    @Test func shuffledAndDuplicatedStreamsGiveTheSameMap() throws {
        let layout = try TestSites.layout(grid: grid)
        let stream = TestSites.observations(count: 120, devices: 5, grid: grid, seed: 7)
        var inOrder = CoverageMap(layout: layout, startMS: 0)
        for observation in stream { try inOrder.apply(observation) }

        var random = SeededRandom(seed: 99)
        var messy = stream + stream.filter { _ in random.nextUnit() < 0.3 }
        messy.shuffle(using: &random)
        var shuffled = CoverageMap(layout: layout, startMS: 0)
        var duplicates = 0
        for observation in messy where try shuffled.apply(observation) == .duplicate { duplicates += 1 }

        #expect(duplicates == messy.count - stream.count)
        let nowMS: Int64 = 40_000
        expectSameMap(inOrder, shuffled, nowMS: nowMS)
        #expect(inOrder.idlenessRuns(nowMS: nowMS) == shuffled.idlenessRuns(nowMS: nowMS))
        // The stream did something worth comparing: seen cells, repeated sightings and densities.
        let seen = (0..<inOrder.cellCount).filter { inOrder.timesSeen(ofCell: $0) > 0 }
        #expect(seen.count > inOrder.cellCount / 2)
        #expect(seen.contains { inOrder.timesSeen(ofCell: $0) > 3 })
        #expect(seen.contains { inOrder.crowdDensity(ofCell: $0, nowMS: nowMS) != nil })
    }

    @Test func preparedFootprintsGiveTheSameMapAndUnusedOnesAreDropped() throws {
        let layout = try TestSites.layout(grid: grid)
        let stream = TestSites.observations(count: 60, devices: 4, grid: grid, seed: 21)
        var computed = CoverageMap(layout: layout, startMS: 0)
        for observation in stream { try computed.apply(observation) }

        var prepared = CoverageMap(layout: layout, startMS: 0)
        // Batches as a hub pump sees them, each prepared (on two threads) before it is applied.
        for start in stride(from: 0, to: stream.count, by: 15) {
            let batch = Array(stream[start..<min(stream.count, start + 15)])
            prepared.prepareFootprints(of: batch)
            #expect(prepared.preparedFootprints.count == Set(batch.compactMap(CoverageMap.sector(of:)).map(FootprintKey.init)).count)
            for observation in batch { try prepared.apply(observation) }
            #expect(prepared.preparedFootprints.isEmpty)
        }
        expectSameMap(computed, prepared, nowMS: 40_000)
        #expect((0..<prepared.cellCount).filter { prepared.timesSeen(ofCell: $0) > 0 }.count > prepared.cellCount / 3)

        // A prepared footprint that no observation takes is dropped, not kept for a later one.
        let moved = CameraObservation(deviceID: "drone-1", capturedMS: 50_000, position: Point3(x: 10, y: 10, z: 20),
                                      headingDeg: 45, pitchDeg: 45, fovDeg: 80, rangeM: 30)
        prepared.prepareFootprints(of: [moved])
        #expect(prepared.preparedFootprints.count == 1)
        prepared.clearPreparedFootprints()
        #expect(prepared.preparedFootprints.isEmpty)
    }

    @Test func occludedCellsBehindABuildingStayUnseen() throws {
        let layout = try TestSites.layout(grid: grid)
        var map = CoverageMap(layout: layout, startMS: 0)
        // A robot camera at 1.5 m looking east at the 30 m building from its west side.
        let observation = CameraObservation(deviceID: "robot-1", capturedMS: 5_000, position: Point3(x: 50, y: 46, z: 1.5),
                                            headingDeg: 90, pitchDeg: 0, fovDeg: 60, rangeM: 25)
        let outcome = try map.apply(observation)
        guard case .merged(let cells) = outcome else {
            Issue.record("expected a merge, got \(outcome)")
            return
        }
        #expect(cells > 10)
        let front = try #require(grid.cellIndex(containing: Point2(x: 53.5, y: 46.5)))
        let behind = try #require(grid.cellIndex(containing: Point2(x: 65.5, y: 46.5)))
        #expect(map.lastSeenMS(ofCell: front) == 5_000)
        #expect(map.lastDevice(ofCell: front) == "robot-1")
        #expect(map.timesSeen(ofCell: behind) == 0)
        #expect(map.idlenessMS(ofCell: behind, nowMS: 9_000) == 9_000)
    }

    @Test func lateObservationsOnlyRaiseLastSeen() throws {
        let layout = try TestSites.layout(grid: grid)
        var map = CoverageMap(layout: layout, startMS: 0, dedupeWindowMS: 10_000)
        let base = CameraObservation(deviceID: "drone-1", capturedMS: 100_000, position: Point3(x: 10, y: 10, z: 20),
                                     headingDeg: 0, pitchDeg: 60, fovDeg: 90, rangeM: 30)
        try map.apply(base)
        var late = base
        late.capturedMS = 50_000
        late.position = Point3(x: 70, y: 10, z: 20)
        let cell = try #require(grid.cellIndex(containing: Point2(x: 70.5, y: 25.5)))
        #expect(try map.apply(late) == .late(cells: try #require(map.footprintCellCount(of: late))))
        #expect(map.lastSeenMS(ofCell: cell) == 50_000)
        #expect(map.timesSeen(ofCell: cell) == 0)
    }

    @Test func invalidObservationsNameDeviceAndField() throws {
        var map = CoverageMap(layout: try TestSites.layout(grid: grid), startMS: 0)
        let bad = CameraObservation(deviceID: "drone-7", capturedMS: 1, position: Point3(x: 1, y: 1, z: 20),
                                    headingDeg: 0, pitchDeg: 120, fovDeg: 90, rangeM: 30)
        #expect(throws: CoverageError.observation("device 'drone-7' field pitch_deg is 120.0; expected 0...90")) {
            try map.apply(bad)
        }
        #expect(throws: CoverageError.observation("device 'x' footprint cell 999999 is outside the grid of 4800 cells")) {
            try map.merge(cells: [999_999], deviceID: "x", capturedMS: 1)
        }
    }

    @Test func timesFarBeyondTheOffsetRangeStayExact() throws {
        var map = CoverageMap(layout: try TestSites.layout(grid: grid), startMS: 1_000)
        try map.merge(cells: [0, 1], deviceID: "drone-1", capturedMS: 2_000)
        let sixtyDaysMS: Int64 = 60 * 86_400_000
        try map.merge(cells: [1, 2], deviceID: "drone-1", capturedMS: sixtyDaysMS)
        #expect(map.lastSeenMS(ofCell: 2) == sixtyDaysMS)
        #expect(map.lastSeenMS(ofCell: 1) == sixtyDaysMS)
        #expect(map.idlenessMS(ofCell: 2, nowMS: sixtyDaysMS + 500) == 500)
        // Unseen for weeks: idleness counts from the moved base, still far beyond any target.
        #expect(map.idlenessMS(ofCell: 3, nowMS: sixtyDaysMS) >= Int64(1) << 31)
    }

    @Test func aMapCostsTwelveBytesPerCell() throws {
        let map = CoverageMap(layout: try TestSites.layout(grid: grid), startMS: 0)
        #expect(map.memoryBytes <= map.cellCount * 12 + 64)
    }
}

extension CoverageMap {
    /// The number of cells an observation's footprint covers on this map's grid.
    func footprintCellCount(of observation: CameraObservation) -> Int? {
        CoverageMap.sector(of: observation).map { Visibility.visibleCells(in: layout.grid, from: $0).count }
    }
}

@Suite struct CoverageSnapshotTests {
    @Test func aSnapshotRestoresTheSameMap() throws {
        let grid = TestSites.grid(width: 70, height: 50)
        let camera = CoverageLayout.FixedCameraCells(id: "cam-1", position: Point2(x: 1, y: 1),
                                                     cells: (0..<40).map { Int32($0) })
        let layout = try TestSites.layout(grid: grid, cameras: [camera])
        var map = CoverageMap(layout: layout, startMS: 500)
        for observation in TestSites.observations(count: 12, devices: 4, grid: grid, seed: 5, startMS: 1_000) {
            try map.apply(observation)
        }
        try map.setCameraOnline("cam-1", online: false, atMS: 9_000)
        let bytes = map.snapshot()
        // Runs of equal cells (a stale area, cells without density) keep it below the records' raw size.
        #expect(bytes.count < map.cellCount * (10 + 16))
        var restored = try CoverageMap(layout: layout, snapshot: bytes)
        let nowMS: Int64 = 30_000
        #expect(restored.idlenessRuns(nowMS: nowMS) == map.idlenessRuns(nowMS: nowMS))
        #expect(restored.isCameraOnline("cam-1") == false)
        let cells = 0..<map.cellCount
        #expect(cells.map { restored.lastDevice(ofCell: $0) } == cells.map { map.lastDevice(ofCell: $0) })
        #expect(cells.map { restored.timesSeen(ofCell: $0) } == cells.map { map.timesSeen(ofCell: $0) })
        let densities = cells.map { map.crowdDensity(ofCell: $0, nowMS: nowMS)?.densityPPM2 }
        #expect(cells.map { restored.crowdDensity(ofCell: $0, nowMS: nowMS)?.densityPPM2 } == densities)
        #expect(densities.contains { $0 != nil })
        // The restored map keeps working: the camera comes back.
        try restored.setCameraOnline("cam-1", online: true, atMS: 31_000)
        #expect(restored.idlenessMS(ofCell: 0, nowMS: 40_000) == 0)

        #expect(throws: CoverageError.layout("coverage snapshot is 70 x 50 cells; the mission grid is 60 x 50")) {
            try CoverageMap(layout: try TestSites.layout(grid: TestSites.grid(width: 60, height: 50)), snapshot: bytes)
        }
        #expect(throws: CoverageError.self) { try CoverageMap(layout: layout, snapshot: Array(bytes.dropLast(3))) }
    }
}

@Suite struct RowDividerTests {
    @Test(arguments: [1, 3, 7, 150, 641, 1_000, 2_000, 4_093])
    func multiplyShiftRowsEqualDivision(width: Int) {
        let height = min(2_000, (1 << 23) / width)
        let divider = RowDivider(width: width, height: height)
        var random = SeededRandom(seed: UInt64(width))
        for _ in 0..<2_000 {
            let cell = Int(random.next() % UInt64(width * height))
            #expect(divider.row(of: cell) == cell / width)
        }
        #expect(divider.row(of: width * height - 1) == height - 1)
    }
}

@Suite struct CrowdDensityFusionTests {
    @Test func readingsFuseByConfidenceAndDecayWithAge() throws {
        // 2 m cells: each cell is its own density block.
        let grid = TestSites.grid(width: 10, height: 10, cellM: 2)
        var map = CoverageMap(layout: try TestSites.layout(grid: grid), startMS: 0, densityTauS: 30)
        #expect(map.densityBlockCells == 1)
        try map.merge(cells: [5], deviceID: "drone-1", capturedMS: 10_000, densityPPM2: 2, confidence: 1)
        try map.merge(cells: [5], deviceID: "drone-2", capturedMS: 10_000, densityPPM2: 5, confidence: 0.5)
        let fused = try #require(map.crowdDensity(ofCell: 5, nowMS: 10_000))
        #expect(abs(fused.densityPPM2 - 3) < 1e-5)
        #expect(abs(fused.confidence - 1.5) < 1e-5)
        // 30 s later (one time constant) the confidence has fallen by e, the density estimate has not.
        let aged = try #require(map.crowdDensity(ofCell: 5, nowMS: 40_000))
        #expect(abs(aged.confidence - 1.5 / M_E) < 1e-5 && abs(aged.densityPPM2 - 3) < 1e-5)
        // A reading 30 s newer outweighs the older ones e times per unit of confidence.
        try map.merge(cells: [5], deviceID: "drone-1", capturedMS: 40_000, densityPPM2: 8, confidence: 1)
        let expected = (3 * 1.5 / M_E + 8) / (1.5 / M_E + 1)
        #expect(abs((map.crowdDensity(ofCell: 5, nowMS: 40_000)?.densityPPM2 ?? 0) - expected) < 1e-4)
        // Two hours later (far past the weight range) the old readings are gone and the new one is exact.
        try map.merge(cells: [5], deviceID: "drone-1", capturedMS: 7_240_000, densityPPM2: 1.25, confidence: 0.8)
        let late = try #require(map.crowdDensity(ofCell: 5, nowMS: 7_240_000))
        #expect(abs(late.densityPPM2 - 1.25) < 1e-5 && abs(late.confidence - 0.8) < 1e-5)
        #expect(map.crowdDensity(ofCell: 6, nowMS: 7_240_000) == nil)
    }

    @Test func oneMetreCellsShareDensityInTwoMetreBlocks() throws {
        let grid = TestSites.grid(width: 10, height: 10, cellM: 1)
        var map = CoverageMap(layout: try TestSites.layout(grid: grid), startMS: 0)
        #expect(map.densityBlockCells == 2)
        let block = [grid.index(col: 2, row: 4), grid.index(col: 3, row: 4), grid.index(col: 2, row: 5),
                     grid.index(col: 3, row: 5)].map { Int32($0) }
        // Half a block seen at 4 persons/m2 with confidence 1 gives the block half the confidence.
        try map.merge(cells: Array(block.prefix(2)), deviceID: "drone-1", capturedMS: 0, densityPPM2: 4, confidence: 1)
        let half = try #require(map.crowdDensity(ofCell: Int(block[3]), nowMS: 0))
        #expect(half.densityPPM2 == 4 && half.confidence == 0.5)
        try map.merge(cells: block, deviceID: "drone-2", capturedMS: 0, densityPPM2: 1, confidence: 1)
        let whole = try #require(map.crowdDensity(ofCell: Int(block[0]), nowMS: 0))
        #expect(abs(whole.densityPPM2 - 2) < 1e-6 && whole.confidence == 1.5)
        #expect(map.crowdDensity(ofCell: grid.index(col: 4, row: 4), nowMS: 0) == nil)
    }
}
