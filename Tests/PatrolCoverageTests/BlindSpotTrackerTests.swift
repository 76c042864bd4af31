import PatrolCore
import Testing
@testable import PatrolCoverage

@Suite struct BlindSpotTrackerTests {
    /// 10 x 6 cells of 2 m; a weight-3 hotspot over columns 6-7, rows 3-4 (target 120 / 3 = 40 s).
    let grid = TestSites.grid(width: 10, height: 6, cellM: 2, hotspots: [
        Hotspot(id: "market", area: Polygon(points: [Point2(x: 12, y: 6), Point2(x: 16, y: 6), Point2(x: 16, y: 10),
                                                     Point2(x: 12, y: 10)]), weight: 3),
    ])

    func cells(_ colRows: [(Int, Int)]) -> Set<Int> { Set(colRows.map { grid.index(col: $0.0, row: $0.1) }) }

    /// A map where every cell was seen at `seenMS` except `unseen`.
    func map(unseen: Set<Int>, seenMS: Int64 = 100_000) throws -> CoverageMap {
        var map = CoverageMap(layout: try TestSites.layout(grid: grid), startMS: 0)
        let seen = (0..<grid.cellCount).filter { !unseen.contains($0) }.map { Int32($0) }
        try map.merge(cells: seen, deviceID: "drone-1", capturedMS: seenMS)
        return map
    }

    @Test func regionsAreFourConnectedWithAreaCentroidWeightAndIdleness() throws {
        let regionA = cells([(1, 1), (2, 1), (3, 1), (1, 2), (1, 3)])
        let regionB = cells([(6, 3), (7, 3), (6, 4), (7, 4)])
        // Touches B only at a corner: a region of its own under 4-connectivity.
        let regionC = cells([(5, 2)])
        let map = try map(unseen: regionA.union(regionB).union(regionC))
        var tracker = BlindSpotTracker(cellCount: map.cellCount)
        let spots = tracker.update(map: map, nowMS: 200_000)

        #expect(spots.map(\.cellCount) == [5, 4, 1])
        let a = spots[0], b = spots[1], c = spots[2]
        #expect(a.areaM2 == 20)
        #expect(abs(a.centroid.x - 4.2) < 1e-9 && abs(a.centroid.y - 4.2) < 1e-9)
        #expect(a.weight == 1 && a.revisitTargetS == 120)
        #expect(a.worstIdlenessS == 200)
        #expect(b.areaM2 == 16 && b.centroid == Point2(x: 14, y: 8))
        #expect(b.weight == 3 && b.revisitTargetS == 40 && b.worstRatio == 5)
        #expect(b.bounds == CellRectangle(col: 6, row: 3, width: 2, height: 2))
        #expect(c.centroid == Point2(x: 11, y: 5))
        #expect(Set(spots.map(\.id)).count == 3)
        for spot in spots {
            #expect(regionCells(tracker, spot.id) == (spot.id == a.id ? regionA : spot.id == b.id ? regionB : regionC))
        }
    }

    @Test func idsPersistWhileRegionsShrinkAndNewRegionsGetNewIds() throws {
        let regionA = cells([(1, 1), (2, 1), (3, 1), (1, 2), (1, 3)])
        let regionB = cells([(6, 3), (7, 3), (6, 4), (7, 4)])
        var map = try map(unseen: regionA.union(regionB))
        var tracker = BlindSpotTracker(cellCount: map.cellCount)
        let first = tracker.update(map: map, nowMS: 200_000)
        let idA = first[0].id, idB = first[1].id

        // A drone sees one cell of A; the corner (9, 5) goes stale on its own.
        let seen = (0..<grid.cellCount).filter {
            (!regionA.union(regionB).contains($0) && $0 != grid.index(col: 9, row: 5)) || $0 == grid.index(col: 3, row: 1)
        }.map { Int32($0) }
        try map.merge(cells: seen, deviceID: "drone-2", capturedMS: 200_000)
        let second = tracker.update(map: map, nowMS: 240_000)

        #expect(second.map(\.cellCount) == [4, 4, 1])
        let shrunk = try #require(second.first { $0.cellCount == 4 && $0.weight == 1 })
        let hotspot = try #require(second.first { $0.weight == 3 })
        let corner = try #require(second.first { $0.cellCount == 1 })
        #expect(shrunk.id == idA)
        #expect(hotspot.id == idB)
        #expect(corner.id != idA && corner.id != idB)
    }

    @Test func seenCellsAreNoBlindSpots() throws {
        let map = try map(unseen: [])
        var tracker = BlindSpotTracker(cellCount: map.cellCount)
        // 30 s after the sweep even the 40 s hotspot target is met.
        #expect(tracker.update(map: map, nowMS: 130_000).isEmpty)
        #expect(tracker.update(map: map, nowMS: 150_000).map(\.weight) == [3])
        // Every cell is past its target later on: the whole site is one region.
        #expect(tracker.update(map: map, nowMS: 400_000).map(\.cellCount) == [60])
    }

    func regionCells(_ tracker: BlindSpotTracker, _ id: Int) -> Set<Int> {
        Set(tracker.labels.indices.filter { tracker.labels[$0] == Int32(id) })
    }
}
