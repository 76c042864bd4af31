import Foundation
import PatrolCore
@testable import PatrolSim
import Testing

@Suite struct PedestrianCrowdTests {
    /// The tiny mission's site and grid, with the hotspot's expected density set to `densityPPM2`.
    private static func world(densityPPM2: Double = 1) throws -> (Site, SiteGrid, hotspotCells: [Int]) {
        var mission = try Mission.load(from: try TinyMission.write())
        mission.site.hotspots[0].expectedDensityPPM2 = densityPPM2
        let grid = SiteGrid(mission: mission)
        let hotspot = mission.site.hotspots[0]
        let cells = (0..<grid.cellCount).filter { cell in
            grid.inside[cell] && grid.buildingHeightM[cell] == 0 && hotspot.area.contains(grid.center(ofCell: cell))
        }
        return (mission.site, grid, cells)
    }

    private static func positions(_ crowd: PedestrianCrowd) -> [UInt64] {
        (0..<crowd.count).flatMap { index in
            [crowd.position(index).x.bitPattern, crowd.position(index).y.bitPattern]
        }
    }

    /// Mean density in the hotspot over steps 60..<180 (one-second steps, as the simulator uses).
    private static func meanDensity(_ crowd: inout PedestrianCrowd, cells: [Int], cellM: Double) -> Double {
        var sum = 0.0, samples = 0
        for step in 1...180 {
            crowd.step(dtS: 1, nowS: Double(step), robots: [])
            guard step >= 60, step % 10 == 0 else { continue }
            sum += Double(crowd.count(inCells: cells)) / (Double(cells.count) * cellM * cellM)
            samples += 1
        }
        return sum / Double(samples)
    }

    @Test(arguments: [1.0, 4.0])
    func hotspotHoldsTheExpectedDensityWhenTheCrowdIsLargeEnough(densityPPM2: Double) throws {
        let (site, grid, cells) = try Self.world(densityPPM2: densityPPM2)
        let wanted = densityPPM2 * Double(cells.count) * grid.cellM * grid.cellM
        // Large enough that the stayers (at most 80% of the crowd) can all be placed.
        var crowd = PedestrianCrowd(site: site, grid: grid, count: Int(wanted * 1.5), seed: 11)
        let measured = Self.meanDensity(&crowd, cells: cells, cellM: grid.cellM)
        #expect(measured > 0.85 * densityPPM2 && measured < 1.3 * densityPPM2, "measured \(measured) ppm2")
    }

    @Test func tooSmallACrowdFillsEveryHotspotToTheSameShare() throws {
        // 4 ppm2 over the hotspot needs about 1,600 people; with 500, 80% of them (400) stand there.
        let (site, grid, cells) = try Self.world(densityPPM2: 4)
        var crowd = PedestrianCrowd(site: site, grid: grid, count: 500, seed: 5)
        let measured = Self.meanDensity(&crowd, cells: cells, cellM: grid.cellM)
        let placed = 0.8 * 500 / (Double(cells.count) * grid.cellM * grid.cellM)
        #expect(measured > 0.85 * placed && measured < 1.3 * placed, "measured \(measured), placed \(placed) ppm2")
    }

    @Test func sameSeedGivesBitIdenticalCrowdsAndAnotherSeedDoesNot() throws {
        let (site, grid, _) = try Self.world()
        let robots = [Point2(x: 35, y: 25), Point2(x: -30, y: 0)]
        func run(seed: UInt64) -> [UInt64] {
            var crowd = PedestrianCrowd(site: site, grid: grid, count: 800, seed: seed)
            for step in 1...120 { crowd.step(dtS: 1, nowS: Double(step), robots: robots) }
            return Self.positions(crowd)
        }
        #expect(run(seed: 3) == run(seed: 3))
        #expect(run(seed: 3) != run(seed: 4))
    }

    @Test func aCopyKeepsItsStateWhileTheOriginalSteps() throws {
        let (site, grid, _) = try Self.world()
        var crowd = PedestrianCrowd(site: site, grid: grid, count: 300, seed: 9)
        for step in 1...20 { crowd.step(dtS: 1, nowS: Double(step), robots: []) }
        var copy = crowd
        let before = Self.positions(copy)
        for step in 21...40 { crowd.step(dtS: 1, nowS: Double(step), robots: []) }
        #expect(Self.positions(copy) == before)
        #expect(Self.positions(crowd) != before)
        for step in 21...40 { copy.step(dtS: 1, nowS: Double(step), robots: []) }
        #expect(Self.positions(copy) == Self.positions(crowd))
    }

    @Test func countsPerCellMatchPositionsAndNobodyLeavesWalkableCells() throws {
        let (site, grid, _) = try Self.world()
        var crowd = PedestrianCrowd(site: site, grid: grid, count: 1500, seed: 2)
        for step in 1...200 { crowd.step(dtS: 1, nowS: Double(step), robots: [Point2(x: 0, y: -30)]) }
        var expected = [Int](repeating: 0, count: grid.cellCount)
        for index in 0..<crowd.count {
            let cell = try #require(grid.cellIndex(containing: crowd.position(index)))
            #expect(grid.inside[cell] && grid.buildingHeightM[cell] == 0)
            expected[cell] += 1
        }
        for cell in 0..<grid.cellCount where crowd.count(inCells: [cell]) != expected[cell] {
            Issue.record("cell \(cell): counted \(crowd.count(inCells: [cell])), standing there \(expected[cell])")
        }
    }

    @Test func pedestriansKeepClearOfARobot() throws {
        let (site, grid, cells) = try Self.world()
        let robot = grid.center(ofCell: cells[cells.count / 2])
        // People overlapping the robot's body (0.6 m radius), summed over samples, with and without the robot.
        func nearby(robots: [Point2]) -> Int {
            var crowd = PedestrianCrowd(site: site, grid: grid, count: 1000, seed: 4)
            var total = 0
            for step in 1...150 {
                crowd.step(dtS: 1, nowS: Double(step), robots: robots)
                guard step >= 30 else { continue }
                total += (0..<crowd.count).filter { crowd.position($0).distance(to: robot) < 0.6 }.count
            }
            return total
        }
        let without = nearby(robots: []), with = nearby(robots: [robot])
        #expect(without > 50)
        #expect(with * 4 < without, "\(with) with the robot, \(without) without")
    }

    @Test func anyoneNearSeesOnlyPedestriansAhead() throws {
        let (site, grid, _) = try Self.world()
        var crowd = PedestrianCrowd(site: site, grid: grid, count: 200, seed: 8)
        crowd.step(dtS: 1, nowS: 1, robots: [])
        let someone = crowd.position(17)
        // Standing 1 m west of someone: ahead when facing east (90 degrees), behind when facing west.
        let observer = Point2(x: someone.x - 1, y: someone.y)
        #expect(crowd.anyone(near: observer, radiusM: 1.2, aheadOf: 90))
        let anyoneWest = (0..<crowd.count).contains { index in
            crowd.position(index).distance(to: observer) <= 1.2 && crowd.position(index).x < observer.x
        }
        #expect(crowd.anyone(near: observer, radiusM: 1.2, aheadOf: 270) == anyoneWest)
        // In a narrow cone: straight ahead (east) yes; 60 degrees off to the north-east it is outside +-30.
        let inCone = { (bearingDeg: Double) in
            (0..<crowd.count).contains { index in
                let offset = crowd.position(index) - observer
                let distance = offset.length
                guard distance <= 1.2, distance > 0 else { return false }
                return Heading.differenceDeg(Heading.bearingDeg(of: offset), bearingDeg) <= 30
            }
        }
        #expect(crowd.anyone(near: observer, radiusM: 1.2, aheadOf: 90, withinDeg: 30))
        #expect(crowd.anyone(near: observer, radiusM: 1.2, aheadOf: 30, withinDeg: 30) == inCone(30))
    }

    @Test(arguments: [(60, 40), (3_000, 2_000)])
    func spatialHashSortsAgentsStablyByBucket(widthM: Int, heightM: Int) {
        // The large grid has more than 2^11 buckets, so the radix sort takes two passes.
        let hash = CrowdSpatialHash(origin: Point2(x: -5, y: 7), sizeXM: Double(widthM), sizeYM: Double(heightM),
                                    capacity: 500)
        var random = SeededRandom(seed: 1)
        var keys: [Int32] = []
        for slot in 0..<500 {
            let x = -5 + random.nextUnit() * Double(widthM), y = 7 + random.nextUnit() * Double(heightM) / 20
            keys.append(Int32(hash.bucket(x: x, y: y)))
            hash.keys[slot] = keys[slot]
        }
        hash.sortKeys(count: 500)
        let expected = (0..<500).sorted { (keys[$0], $0) < (keys[$1], $1) }
        #expect((0..<500).map { Int(hash.order[$0]) } == expected)
        func slots(_ bucket: Int32) -> Range<Int> {
            let column = Int(bucket) % hash.width
            return hash.slots(columns: column...column, row: Int(bucket) / hash.width)
        }
        for bucket in Set(keys) {
            #expect(slots(bucket).map { Int(hash.order[$0]) } == expected.filter { keys[$0] == bucket })
        }
        // A run of buckets in a row: the slots of all of them, in order.
        let first = keys[0], row = Int(first) / hash.width, column = Int(first) % hash.width
        let columns = max(0, column - 3)...min(hash.width - 1, column + 3)
        let inRun = expected.filter { slot in
            Int(keys[slot]) / hash.width == row && columns.contains(Int(keys[slot]) % hash.width)
        }
        #expect(hash.slots(columns: columns, row: row).map { Int(hash.order[$0]) } == inRun)
        // A second rebuild with everyone in one bucket leaves the others empty.
        for slot in 0..<500 { hash.keys[slot] = 0 }
        hash.sortKeys(count: 500)
        #expect(slots(0) == 0..<500)
        for bucket in Set(keys) where bucket != 0 { #expect(slots(bucket).isEmpty) }
    }

    @Test func nextStepTablesLeadAroundTheBuildingToTheRegion() throws {
        let (site, grid, cells) = try Self.world()
        var walkable = [Bool](repeating: false, count: grid.cellCount)
        for cell in 0..<grid.cellCount { walkable[cell] = grid.inside[cell] && grid.buildingHeightM[cell] == 0 }
        let destination = CrowdDestination(kind: .hotspot, cells: cells, weight: 1, expectedDensityPPM2: 1,
                                           width: grid.width, walkable: walkable)
        let region = Set(cells)
        // From the far side of the building (the hotspot is north-east of it, the start south-west).
        var cell = try #require(grid.cellIndex(containing: Point2(x: -25, y: -25)))
        #expect(site.buildings.contains { $0.footprint.contains(Point2(x: 0, y: 0)) })
        var steps = 0
        while destination.nextStep[cell] != CrowdDestination.straight, steps < 200 {
            let code = Int(destination.nextStep[cell])
            cell += (code / 3 - 1) * grid.width + (code % 3 - 1)
            #expect(walkable[cell])
            steps += 1
        }
        #expect(region.contains(cell))
        #expect(steps > 20 && steps < 60)
    }
}
