import Foundation
import PatrolTestKit
import Testing
@testable import PatrolCore

/// A square site of `sizeM` metres with random rectangular buildings of random heights.
private func randomSite(seed: UInt64, sizeM: Double, buildings: Int) -> Site {
    var random = SeededRandom(seed: seed)
    let boundary = Polygon(points: [Point2(x: 0, y: 0), Point2(x: sizeM, y: 0), Point2(x: sizeM, y: sizeM),
                                    Point2(x: 0, y: sizeM)])
    var site = Site(boundary: boundary)
    for _ in 0..<buildings {
        let x = random.nextUnit() * sizeM, y = random.nextUnit() * sizeM
        let w = 1 + random.nextUnit() * sizeM / 8, h = 1 + random.nextUnit() * sizeM / 8
        let footprint = Polygon(points: [Point2(x: x, y: y), Point2(x: x + w, y: y), Point2(x: x + w, y: y + h),
                                         Point2(x: x, y: y + h)])
        site.buildings.append(Building(footprint: footprint, heightM: 1 + random.nextUnit() * 15))
    }
    return site
}

private func randomSector(_ random: inout SeededRandom, sizeM: Double) -> ViewSector {
    ViewSector(eye: Point3(x: random.nextUnit() * sizeM, y: random.nextUnit() * sizeM, z: random.nextUnit() * 20),
               headingDeg: random.nextUnit() * 360, fovDeg: 20 + random.nextUnit() * 360,
               rangeM: 5 + random.nextUnit() * sizeM, nearM: random.nextUnit() < 0.3 ? random.nextUnit() * 10 : 0)
}

/// Checks the sweep, the direct test and `visibleCells` against the brute force for one sector; returns the
/// cells occlusion hid (in the sector's shape but not visible) and the building cells within its range.
private func expectAgreement(grid: SiteGrid, sector: ViewSector) -> (hidden: Int, blockers: Int) {
    let reference = Visibility.visibleCellsBruteForce(in: grid, from: sector)
    var sweep: [Int] = [], direct: [Int] = []
    Visibility.forEachVisibleCell(in: grid, from: sector, directTestLimit: 0) { sweep.append($0) }
    Visibility.forEachVisibleCell(in: grid, from: sector, directTestLimit: .max) { direct.append($0) }
    #expect(sweep.sorted() == reference, "sweep differs for \(sector)")
    #expect(direct.sorted() == reference, "direct test differs for \(sector)")
    #expect(Visibility.visibleCells(in: grid, from: sector) == reference)
    var unoccluded = 0, blockers = 0
    for cell in 0..<grid.cellCount {
        let c = grid.center(ofCell: cell)
        let dx = c.x - sector.eye.x, dy = c.y - sector.eye.y, distanceM = (dx * dx + dy * dy).squareRoot()
        guard sector.contains(dx: dx, dy: dy, distanceM: distanceM) else { continue }
        unoccluded += 1
        if grid.buildingHeightM[cell] > 0, distanceM < sector.rangeM { blockers += 1 }
    }
    return (unoccluded - reference.count, blockers)
}

@Test(arguments: [UInt64(1), 2, 3, 4])
func sweepAndDirectTestEqualBruteForceOnRandomSites(seed: UInt64) {
    let sizeM = 40.0
    let grid = SiteGrid(site: randomSite(seed: seed, sizeM: sizeM, buildings: 10), cellM: 1)
    var random = SeededRandom(seed: seed &* 977)
    var hidden = 0
    for _ in 0..<8 {
        // Count what occlusion removed, to be sure the sites exercise it.
        hidden += expectAgreement(grid: grid, sector: randomSector(&random, sizeM: sizeM)).hidden
    }
    #expect(hidden > 100, "random sites should hide cells, hid \(hidden)")
}

@Test func aWallHidesTheGroundBehindItUntilTheSightLineClearsIt() {
    // A 1 m thick, 6 m high wall from x = 20 to 21 across the whole site.
    let boundary = Polygon(points: [Point2(x: 0, y: 0), Point2(x: 60, y: 0), Point2(x: 60, y: 20),
                                    Point2(x: 0, y: 20)])
    let wall = Polygon(points: [Point2(x: 20, y: 0), Point2(x: 21, y: 0), Point2(x: 21, y: 20), Point2(x: 20, y: 20)])
    let grid = SiteGrid(site: Site(boundary: boundary, buildings: [Building(footprint: wall, heightM: 6)]), cellM: 1)
    let row = 10
    func seen(eyeHeightM: Double) -> Set<Int> {
        let cells = Visibility.groundSector(in: grid, position: Point2(x: 10.5, y: 10.5), eyeHeightM: eyeHeightM,
                                            headingDeg: 90, fovDeg: 30, rangeM: 50)
        return Set(cells.map { grid.colRow(of: $0) }.filter { $0.row == row }.map(\.col))
    }
    // Eye 2 m high: nothing beyond the wall on the eye's row.
    let low = seen(eyeHeightM: 2)
    #expect(low.contains(15) && low.contains(20))
    #expect(low.allSatisfy { $0 <= 20 })
    // Eye 12 m high, 10 m before a 6 m wall: the sight line clears the wall top at 20 m and meets the ground
    // again at twice that distance, so ground from about x = 30.5 on is visible.
    let high = seen(eyeHeightM: 12)
    #expect(!high.contains(25) && !high.contains(29))
    #expect(high.contains(32) && high.contains(50))
}

@Test func droneFootprintIsTheRingBetweenTheImageEdges() throws {
    let boundary = Polygon(points: [Point2(x: -100, y: -100), Point2(x: 100, y: -100), Point2(x: 100, y: 100),
                                    Point2(x: -100, y: 100)])
    let grid = SiteGrid(site: Site(boundary: boundary), cellM: 1)
    let camera = CameraSpec(fovDeg: 80, rangeM: 40, pitchDeg: 45, altitudeM: 30)
    let position = Point3(x: 0.5, y: 0.5, z: 30)
    let sector = try #require(Visibility.droneSector(position: position, headingDeg: 0, camera: camera))
    // vertical fov 60: lower edge 75 deg below horizontal, upper edge 15 deg, capped by the 40 m range.
    #expect(abs(sector.nearM - 30 / tan(75 * Double.pi / 180)) < 1e-9)
    #expect(sector.rangeM == 40)
    let cells = Visibility.droneFootprint(in: grid, position: position, headingDeg: 0, camera: camera)
    #expect(!cells.isEmpty)
    for cell in cells {
        let offset = grid.center(ofCell: cell) - position.ground
        #expect(offset.length >= sector.nearM - 1e-9 && offset.length <= 40 + 1e-9)
        #expect(Heading.differenceDeg(Heading.bearingDeg(of: offset), 0) <= 40 + 1e-9)
    }
    // Straight down: a disc around the drone.
    let nadir = CameraSpec(fovDeg: 80, rangeM: 40, pitchDeg: 90, altitudeM: 30)
    let below = Visibility.droneFootprint(in: grid, position: position, headingDeg: 0, camera: nadir)
    #expect(below.contains(try #require(grid.cellIndex(containing: Point2(x: 0.5, y: -5)))))
    #expect(below.contains(try #require(grid.cellIndex(containing: Point2(x: 0.5, y: 5)))))
}

@Test func rooftopsAreSeenButHideWhatIsBelowTheirEdge() {
    let boundary = Polygon(points: [Point2(x: 0, y: 0), Point2(x: 40, y: 0), Point2(x: 40, y: 40), Point2(x: 0, y: 40)])
    let block = Polygon(points: [Point2(x: 20, y: 15), Point2(x: 26, y: 15), Point2(x: 26, y: 25),
                                 Point2(x: 20, y: 25)])
    let grid = SiteGrid(site: Site(boundary: boundary, buildings: [Building(footprint: block, heightM: 10)]), cellM: 1)
    let cells = Set(Visibility.groundSector(in: grid, position: Point2(x: 5.5, y: 20.5), eyeHeightM: 30,
                                            headingDeg: 90, fovDeg: 90, rangeM: 40))
    let roof = grid.index(col: 23, row: 20)
    let shadow = grid.index(col: 27, row: 20)
    #expect(cells.contains(roof))
    #expect(!cells.contains(shadow))
}

@Test(arguments: ["plaza", "festival-park"])
func droneFootprintsAreFast(name: String) throws {
    let mission = try Mission.load(from: Fixtures.mission(name))
    let grid = SiteGrid(mission: mission)
    let camera = try #require(mission.fleet.first { $0.kind == .drone }).camera
    let bounds = mission.site.boundary.bounds
    var random = SeededRandom(seed: 5)
    let count = 1_000
    let positions = (0..<count).map { _ in
        (Point3(x: bounds.min.x + random.nextUnit() * (bounds.max.x - bounds.min.x),
                y: bounds.min.y + random.nextUnit() * (bounds.max.y - bounds.min.y), z: camera.altitudeM),
         random.nextUnit() * 360)
    }
    var cells = 0
    let clock = ContinuousClock()
    let elapsed = clock.measure {
        for (position, heading) in positions {
            guard let sector = Visibility.droneSector(position: position, headingDeg: heading, camera: camera) else {
                continue
            }
            Visibility.forEachVisibleCell(in: grid, from: sector) { _ in cells += 1 }
        }
    }
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    print("\(name) drone footprints: \(Int(Double(count) / seconds))/s, \(cells / count) cells each")
    #expect(cells / count > 150)
    // A floor for unoptimised debug builds on a loaded machine; release builds do tens of thousands per second.
    #expect(Double(count) / seconds > 300)
}

/// A district of square blocks split into buildings of different heights, with streets between, at `cellM`:
/// the dense occlusion of the 500-device benchmark, where windows hold dozens of building cells.
private func blockDistrict(seed: UInt64, blocks: Int, cellM: Double) -> SiteGrid {
    var random = SeededRandom(seed: seed)
    let blockM = 40.0, streetM = 12.0, sizeM = Double(blocks) * (blockM + streetM) + streetM
    let boundary = Polygon(points: [Point2(x: 0, y: 0), Point2(x: sizeM, y: 0), Point2(x: sizeM, y: sizeM),
                                    Point2(x: 0, y: sizeM)])
    var site = Site(boundary: boundary)
    for blockRow in 0..<blocks {
        for blockCol in 0..<blocks {
            let x0 = streetM + Double(blockCol) * (blockM + streetM), y0 = streetM + Double(blockRow) * (blockM + streetM)
            for (dx, dy) in [(0.0, 0.0), (blockM / 2, 0), (0, blockM / 2), (blockM / 2, blockM / 2)]
            where random.nextUnit() < 0.8 {
                let x = x0 + dx, y = y0 + dy, side = blockM / 2
                let footprint = Polygon(points: [Point2(x: x, y: y), Point2(x: x + side, y: y),
                                                 Point2(x: x + side, y: y + side), Point2(x: x, y: y + side)])
                site.buildings.append(Building(footprint: footprint, heightM: 4 + random.nextUnit() * 40))
            }
        }
    }
    return SiteGrid(site: site, cellM: cellM)
}

/// Drone and robot sectors over the district, with eyes at random points, on cell centres and on cell
/// corners (where bearings of targets and blocker corners tie exactly), inside buildings too.
private func districtSectors(grid: SiteGrid, count: Int, random: inout SeededRandom) -> [ViewSector] {
    let drone = CameraSpec(fovDeg: 80, rangeM: 40, pitchDeg: 45, altitudeM: 30)
    let sizeM = Double(grid.width) * grid.cellM
    var sectors: [ViewSector] = []
    for index in 0..<count {
        var x = random.nextUnit() * sizeM, y = random.nextUnit() * sizeM
        switch index % 3 {
        case 1:
            x = ((x / grid.cellM).rounded(.down) + 0.5) * grid.cellM
            y = ((y / grid.cellM).rounded(.down) + 0.5) * grid.cellM
        case 2:
            x = (x / grid.cellM).rounded(.down) * grid.cellM
            y = (y / grid.cellM).rounded(.down) * grid.cellM
        default:
            break
        }
        let headingDeg = index % 4 == 0 ? 90 * Double(index % 16 / 4) : random.nextUnit() * 360
        if index % 2 == 0, let sector = Visibility.droneSector(position: Point3(x: x, y: y, z: 10 + random.nextUnit() * 40),
                                                               headingDeg: headingDeg, camera: drone) {
            sectors.append(sector)
        } else {
            sectors.append(ViewSector(eye: Point3(x: x, y: y, z: 1.5), headingDeg: headingDeg,
                                      fovDeg: index % 5 == 0 ? 360 : 90, rangeM: 20 + random.nextUnit() * 40))
        }
    }
    return sectors
}

@Test(arguments: [UInt64(11), 12])
func directTestAndSweepEqualBruteForceInADenseDistrict(seed: UInt64) {
    let grid = blockDistrict(seed: seed, blocks: 3, cellM: 4)
    var random = SeededRandom(seed: seed &* 31)
    var blockersSeen = 0, hidden = 0
    for sector in districtSectors(grid: grid, count: 60, random: &random) {
        let found = expectAgreement(grid: grid, sector: sector)
        hidden += found.hidden
        blockersSeen += found.blockers
    }
    // The district must exercise occlusion by many building cells, not only open ground.
    #expect(hidden > 1_000, "the district should hide cells, hid \(hidden)")
    #expect(blockersSeen > 1_000, "sectors should hold building cells, held \(blockersSeen)")
}

@Test func largeWindowsCountTheirBlockersFirstAndAgreeWithBruteForce() {
    // A window past `uncountedWindowCells` takes the counting pass before collecting blockers.
    let grid = blockDistrict(seed: 5, blocks: 3, cellM: 2)
    let sector = ViewSector(eye: Point3(x: 6, y: 6, z: 20), headingDeg: 45, fovDeg: 120, rangeM: 140)
    let windowSideCells = Int(2 * sector.rangeM / grid.cellM)
    #expect(windowSideCells * windowSideCells > Visibility.uncountedWindowCells)
    let reference = Visibility.visibleCellsBruteForce(in: grid, from: sector)
    #expect(Visibility.visibleCells(in: grid, from: sector) == reference)
    #expect(reference.count > 500)
}
