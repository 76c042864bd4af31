import PatrolCore
@testable import PatrolCoverage

/// Small hand-made sites for the coverage tests.
enum TestSites {
    static func rectangle(widthM: Double, heightM: Double) -> Polygon {
        Polygon(points: [Point2(x: 0, y: 0), Point2(x: widthM, y: 0), Point2(x: widthM, y: heightM),
                         Point2(x: 0, y: heightM)])
    }

    /// A grid of `width` x `height` cells of `cellM`, with optional buildings, hotspots and cameras.
    static func grid(width: Int, height: Int, cellM: Double = 1, buildings: [Building] = [],
                     hotspots: [Hotspot] = []) -> SiteGrid {
        let site = Site(boundary: rectangle(widthM: Double(width) * cellM, heightM: Double(height) * cellM),
                        buildings: buildings, hotspots: hotspots)
        return SiteGrid(site: site, cellM: cellM)
    }

    /// Every inside, non-building cell is a patrol cell with the grid's hotspot weight and the policy's target,
    /// except those the cameras see.
    static func layout(grid: SiteGrid, policy: Policy = Policy(),
                       cameras: [CoverageLayout.FixedCameraCells] = []) throws -> CoverageLayout {
        let cameraCells = Set(cameras.flatMap { $0.cells.map(Int.init) })
        let cells = (0..<grid.cellCount).filter {
            grid.inside[$0] && grid.buildingHeightM[$0] == 0 && !cameraCells.contains($0)
        }
        let weights = cells.map { Double(grid.hotspotWeight[$0]) }
        return try CoverageLayout(grid: grid, patrolCells: cells, weights: weights,
                                  revisitTargetsS: weights.map { policy.revisitTargetS(weight: $0) },
                                  fixedCameras: cameras, policy: policy)
    }

    /// A seeded stream of observations from `devices` drones and robots over the site.
    static func observations(count: Int, devices: Int, grid: SiteGrid, seed: UInt64,
                             startMS: Int64 = 0) -> [CameraObservation] {
        var random = SeededRandom(seed: seed)
        let widthM = Double(grid.width) * grid.cellM, heightM = Double(grid.height) * grid.cellM
        return (0..<count).map { index in
            let drone = index % 3 != 0
            let position = Point3(x: random.nextUnit() * widthM, y: random.nextUnit() * heightM, z: drone ? 25 : 1.5)
            let counted = index % 2 == 0
            return CameraObservation(deviceID: "\(drone ? "drone" : "robot")-\(index % devices)",
                                     capturedMS: startMS + Int64(index / 2) * 250, position: position,
                                     headingDeg: random.nextUnit() * 360, pitchDeg: drone ? 50 : 0,
                                     fovDeg: drone ? 80 : 90, rangeM: drone ? 35 : 20,
                                     personCount: counted ? Int(random.nextUnit() * 40) : nil,
                                     countConfidence: counted ? 0.3 + random.nextUnit() * 0.7 : 1)
        }
    }
}
