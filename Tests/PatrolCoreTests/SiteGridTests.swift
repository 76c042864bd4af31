import Foundation
import PatrolTestKit
import Testing
@testable import PatrolCore

/// A random star-shaped polygon (simple by construction) around `center`.
private func randomStar(_ random: inout SeededRandom, center: Point2, radiusM: Double, vertices: Int) -> Polygon {
    var angles = (0..<vertices).map { _ in random.nextUnit() * 2 * Double.pi }
    angles.sort()
    return Polygon(points: angles.map { angle in
        let r = radiusM * (0.3 + 0.7 * random.nextUnit())
        return Point2(x: center.x + r * cos(angle), y: center.y + r * sin(angle))
    })
}

@Test(arguments: [UInt64(11), 12, 13])
func scanlineFillEqualsPointInPolygonAtCellCentres(seed: UInt64) {
    var random = SeededRandom(seed: seed)
    let boundary = randomStar(&random, center: Point2(x: 50, y: 40), radiusM: 45, vertices: 40)
    let buildings = (0..<6).map { _ in
        Building(footprint: randomStar(&random, center: Point2(x: 20 + random.nextUnit() * 60,
                                                                y: 20 + random.nextUnit() * 40),
                                       radiusM: 12, vertices: 9),
                 heightM: 2 + random.nextUnit() * 10)
    }
    let grid = SiteGrid(site: Site(boundary: boundary, buildings: buildings), cellM: 0.7)
    var insideCount = 0
    for cell in 0..<grid.cellCount {
        let center = grid.center(ofCell: cell)
        #expect(grid.inside[cell] == boundary.contains(center), "cell \(cell) at \(center)")
        let height = buildings.filter { $0.footprint.contains(center) }.map { Float($0.heightM) }.max() ?? 0
        #expect(grid.buildingHeightM[cell] == height)
        #expect(grid.robotTraversable[cell] == (grid.inside[cell] && height == 0))
        if grid.inside[cell] { insideCount += 1 }
    }
    // The raster's area agrees with the polygon's to within the cells along its edge.
    let rasterAreaM2 = Double(insideCount) * 0.7 * 0.7
    #expect(abs(rasterAreaM2 - boundary.areaM2) < boundary.areaM2 * 0.03)
}

@Test func cellIndexAndCentreAreInverse() throws {
    let boundary = Polygon(points: [Point2(x: -10, y: -5), Point2(x: 30, y: -5), Point2(x: 30, y: 25),
                                    Point2(x: -10, y: 25)])
    let grid = SiteGrid(site: Site(boundary: boundary), cellM: 2)
    #expect(grid.width == 20 && grid.height == 15 && grid.cellCount == 300)
    #expect(grid.origin == Point2(x: -10, y: -5))
    for cell in [0, 1, 19, 20, 150, 299] {
        #expect(grid.cellIndex(containing: grid.center(ofCell: cell)) == cell)
    }
    #expect(grid.index(col: 3, row: 2) == 43)
    #expect(grid.center(ofCell: 0) == Point2(x: -9, y: -4))
    #expect(grid.cellIndex(containing: Point2(x: -10.01, y: 0)) == nil)
    #expect(grid.cellIndex(containing: Point2(x: 0, y: 25.01)) == nil)
    #expect(try #require(grid.cellIndex(containing: Point2(x: 29.99, y: 24.99))) == 299)
}

@Test func layersFollowZonesAndTheHighestHotspot() {
    let square = { (x: Double, y: Double, size: Double) in
        Polygon(points: [Point2(x: x, y: y), Point2(x: x + size, y: y), Point2(x: x + size, y: y + size),
                         Point2(x: x, y: y + size)])
    }
    let site = Site(boundary: square(0, 0, 20), noFlyZones: [square(0, 0, 5)], keepOutZones: [square(10, 10, 5)],
                    hotspots: [Hotspot(id: "a", area: square(0, 0, 10), weight: 2),
                               Hotspot(id: "b", area: square(5, 5, 10), weight: 3)])
    let grid = SiteGrid(site: site, cellM: 1)
    let at = { (x: Double, y: Double) in grid.cellIndex(containing: Point2(x: x, y: y))! }
    #expect(grid.noFly[at(2, 2)] && !grid.noFly[at(7, 7)])
    #expect(grid.keepOut[at(12, 12)] && !grid.robotTraversable[at(12, 12)] && grid.robotTraversable[at(2, 2)])
    #expect(grid.hotspotWeight[at(2, 2)] == 2)
    #expect(grid.hotspotWeight[at(7, 7)] == 3)
    #expect(grid.hotspotWeight[at(18, 18)] == 1)
}

@Test func rosMapRowsAreFlippedAndGraphNodesPlacedFromTheLowerLeft() throws {
    let mission = try Mission.load(from: Fixtures.mission("grid-benchmark"))
    let map = try #require(mission.site.occupancy)
    #expect(map.width == 344 && map.height == 344 && map.resolutionM == 0.075)
    // A one-pixel wall runs around the map; the corridor inside it is open.
    let northWall = map.isOccupied(at: Point2(x: 10, y: 25.77))
    let westWall = map.isOccupied(at: Point2(x: 0.05, y: 10))
    let corridor = map.isOccupied(at: Point2(x: 10, y: 1.5))
    #expect(northWall && westWall && !corridor)
    let graph = try #require(mission.site.graph)
    #expect(graph.nodes.count == 25)
    #expect(graph.nodes[0] == Point2(x: 19 * 0.075, y: 325 * 0.075))
    #expect(graph.edges[0].map(\.to).sorted() == [1, 5])
    #expect(graph.edges.joined().allSatisfy { abs($0.lengthM - 76 * 0.075) < 1e-9 })
    let occupiedNodes = graph.nodes.filter { map.isOccupied(at: $0) }
    #expect(occupiedNodes.isEmpty)
    let grid = SiteGrid(mission: mission)
    // Walls become buildings of the mission's wall height, and block robots.
    let wallCell = try #require(grid.cellIndex(containing: Point2(x: 10, y: 25.7)))
    #expect(grid.buildingHeightM[wallCell] == 2.5 && !grid.robotTraversable[wallCell])
    let nodeCell = try #require(grid.cellIndex(containing: graph.nodes[12]))
    #expect(grid.robotTraversable[nodeCell])
}

@Test func rosMapImageRowsRunNorthToSouth() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("patrolcore-ros-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    // 3 x 2 pixels; only the top-left pixel is black (occupied); one grey pixel (unknown) bottom-right.
    let yaml = "image: tiny.pgm\nresolution: 0.5\norigin: [10.0, -2.0, 0.0]  # metres\nnegate: 0\n"
        + "occupied_thresh: 0.65\nfree_thresh: 0.196\n"
    try Data(yaml.utf8).write(to: directory.appendingPathComponent("tiny.yaml"))
    let pixels = Array("P5\n3 2\n255\n".utf8) + [0, 254, 254, 254, 254, 128]
    try Data(pixels).write(to: directory.appendingPathComponent("tiny.pgm"))
    var log = ProblemLog()
    let map = try #require(ROSMapDecoder(directory: directory, file: "tiny.yaml").decode(log: &log))
    #expect(log.isEmpty)
    #expect(map.origin == Point2(x: 10, y: -2) && map.width == 3 && map.height == 2)
    // Row 0 is the south row: the image's bottom row.
    #expect(map.occupied == [false, false, true, true, false, false])
    let northWest = map.isOccupied(at: Point2(x: 10.2, y: -1.2))
    let southWest = map.isOccupied(at: Point2(x: 10.2, y: -1.8))
    #expect(northWest && !southWest)

    // negate: 1 reads white as occupied; the grey pixel stays unknown, so still blocks.
    try Data(yaml.replacingOccurrences(of: "negate: 0", with: "negate: 1").utf8)
        .write(to: directory.appendingPathComponent("tiny.yaml"))
    let negated = try #require(ROSMapDecoder(directory: directory, file: "tiny.yaml").decode(log: &log))
    #expect(negated.occupied == [true, true, true, false, true, true])
}

@Test func pgmTextAndBinaryFormsDecodeAlike() throws {
    var log = ProblemLog()
    let text = try #require(PGMImage.parse(Array("P2\n# comment\n3 2\n255\n0 128 255\n255 0 7\n".utf8), name: "a.pgm",
                                           log: &log))
    let binary = try #require(PGMImage.parse(Array("P5 3 2 255\n".utf8) + [0, 128, 255, 255, 0, 7], name: "b.pgm",
                                             log: &log))
    #expect(log.isEmpty)
    #expect(text.samples == [0, 128, 255, 255, 0, 7] && binary.samples == text.samples)
    #expect(PGMImage.parse(Array("P5 3 2 255\n".utf8) + [0, 1], name: "c.pgm", log: &log) == nil)
    #expect(log.problems.first?.location == "raster")
}

@Test func offlineCamerasTurnTheirCellsIntoPatrolCells() throws {
    let mission = try Mission.load(from: Fixtures.mission("plaza"))
    let grid = SiteGrid(mission: mission)
    let all = PatrolArea(mission: mission, grid: grid, offlineCameras: [])
    let camera = mission.site.cameras[7]
    let degraded = PatrolArea(mission: mission, grid: grid, offlineCameras: [camera.id])
    #expect(all.fixedCameraCells.count == mission.site.cameras.count)
    #expect(degraded.cells.count > all.cells.count)
    #expect(degraded.blindShare > all.blindShare)
    let onlyThatCamera = Set(all.fixedCameraCells[7]).subtracting(all.fixedCameraCells.enumerated()
        .filter { $0.offset != 7 }.flatMap(\.element))
    #expect(Set(degraded.cells).subtracting(all.cells) == onlyThatCamera.filter { grid.buildingHeightM[$0] == 0 })
    // Weights and revisit targets follow the hotspots and the policy.
    for (offset, cell) in all.cells.enumerated() {
        #expect(all.weights[offset] == Double(grid.hotspotWeight[cell]))
        #expect(all.revisitTargetsS[offset] == mission.policy.revisitTargetS(weight: all.weights[offset]))
        #expect(grid.inside[cell] && grid.buildingHeightM[cell] == 0)
    }
    #expect(Set(all.weights) == [1, 2, 3])
    #expect(Set(all.revisitTargetsS) == [300, 180, 120])
}

@Test func aLargeSiteAtOneMetreRastersQuickly() {
    var random = SeededRandom(seed: 99)
    // 1 km square (1 M cells) in debug builds to keep the suite fast; the 2 km, 4 M-cell site of the
    // requirements in release builds (`swift test -c release -Xswiftc -enable-testing`).
    #if DEBUG
    let size = 1_000.0
    #else
    let size = 2_000.0
    #endif
    let boundary = Polygon(points: [Point2(x: 0, y: 0), Point2(x: size, y: 0), Point2(x: size, y: size),
                                    Point2(x: 0, y: size)])
    let buildings = (0..<Int(size / 2)).map { _ in
        let center = Point2(x: random.nextUnit() * size, y: random.nextUnit() * size)
        return Building(footprint: randomStar(&random, center: center, radiusM: 15, vertices: 8), heightM: 10)
    }
    let clock = ContinuousClock()
    var grid: SiteGrid?
    let elapsed = clock.measure { grid = SiteGrid(site: Site(boundary: boundary, buildings: buildings), cellM: 1) }
    #expect(grid?.cellCount == Int(size * size))
    // Generous for unoptimised debug builds on a loaded machine; release builds take a fraction of this.
    #expect(elapsed < .seconds(4), "\(Int(size * size)) cells took \(elapsed)")
    print("SiteGrid \(Int(size)) x \(Int(size)) cells with \(Int(size / 2)) buildings: \(elapsed)")
}
