/// The patrol cells of DESIGN.md section 5 and the static blind spots the fixed cameras leave.
///
/// A patrol cell is inside the boundary, not a building, observable by some device of the fleet, and not
/// seen by an online fixed camera. A drone observes the cells it can fly over (outside no-fly zones) and
/// those its camera reaches from there; a robot observes the cells it can drive to from its dock and
/// those its camera reaches from there.
public struct PatrolArea: Sendable {
    /// The raster the cell indices refer to.
    public let grid: SiteGrid
    /// Patrol cell indices, increasing.
    public let cells: [Int]
    /// Per patrol cell, the hotspot weight (>= 1).
    public let weights: [Double]
    /// Per patrol cell, the revisit target from the mission's policy, seconds.
    public let revisitTargetsS: [Double]
    /// Per site camera (in `Site.cameras` order, online or not), the inside cells it sees.
    public let fixedCameraCells: [[Int]]
    /// Share of the inside, non-building cells that no online fixed camera sees.
    public let blindShare: Double
    /// The same share with each cell counted by its hotspot weight.
    public let weightedBlindShare: Double

    /// The patrol area with every fixed camera online.
    public init(mission: Mission) {
        self.init(mission: mission, grid: SiteGrid(mission: mission), offlineCameras: [])
    }

    /// The patrol area when some fixed cameras are offline (their cells become patrol cells).
    /// - Parameters:
    ///   - grid: the mission's grid (built once by the caller and reused).
    ///   - offlineCameras: ids of the site cameras that see nothing.
    public init(mission: Mission, grid: SiteGrid, offlineCameras: Set<String>) {
        self.grid = grid
        var cameraCells: [[Int]] = []
        var seen = [Bool](repeating: false, count: grid.cellCount)
        for camera in mission.site.cameras {
            var cells: [Int] = []
            Visibility.forEachVisibleCell(in: grid, from: ViewSector(camera: camera)) { cell in
                if grid.inside[cell] { cells.append(cell) }
            }
            cells.sort()
            if !offlineCameras.contains(camera.id) {
                for cell in cells { seen[cell] = true }
            }
            cameraCells.append(cells)
        }
        fixedCameraCells = cameraCells

        let observable = Self.observableCells(mission: mission, grid: grid)
        var cells: [Int] = [], weights: [Double] = [], targets: [Double] = []
        var open = 0, blind = 0, openWeight = 0.0, blindWeight = 0.0
        for cell in 0..<grid.cellCount where grid.inside[cell] && grid.buildingHeightM[cell] == 0 {
            let weight = Double(grid.hotspotWeight[cell])
            open += 1
            openWeight += weight
            guard !seen[cell] else { continue }
            blind += 1
            blindWeight += weight
            if observable[cell] {
                cells.append(cell)
                weights.append(weight)
                targets.append(mission.policy.revisitTargetS(weight: weight))
            }
        }
        self.cells = cells
        self.weights = weights
        revisitTargetsS = targets
        blindShare = open > 0 ? Double(blind) / Double(open) : 0
        weightedBlindShare = openWeight > 0 ? blindWeight / openWeight : 0
    }

    /// Cells some device of the fleet can see: for drones the cells within their footprint's far distance
    /// of where they may fly (outside no-fly zones), for robots the cells within their camera's range of the
    /// cells connected to their dock.
    static func observableCells(mission: Mission, grid: SiteGrid) -> [Bool] {
        var observable = [Bool](repeating: false, count: grid.cellCount)
        let droneReachM = mission.fleet.filter { $0.kind == .drone }.compactMap { drone in
            Visibility.droneSector(position: Point3(x: 0, y: 0, z: drone.camera.altitudeM), headingDeg: 0,
                                   camera: drone.camera)?.rangeM
        }.max()
        if let droneReachM {
            var flyable = [Bool](repeating: false, count: grid.cellCount)
            for cell in 0..<grid.cellCount where grid.inside[cell] && !grid.noFly[cell] { flyable[cell] = true }
            // Most sites have no no-fly zone: then every inside cell is observable without a distance map.
            if grid.noFly.contains(true) {
                let distance = grid.chamferDistanceM(from: flyable)
                for cell in 0..<grid.cellCount where grid.inside[cell] && distance[cell] <= droneReachM {
                    observable[cell] = true
                }
            } else {
                observable = flyable
            }
        }
        let robots = mission.fleet.filter { $0.kind == .robot }
        guard !robots.isEmpty else { return observable }
        let docks = robots.compactMap { robot in
            mission.site.dock(id: robot.dockID).flatMap {
                grid.nearestTraversableCell(to: $0.position, withinM: 2 * grid.cellM)
            }
        }
        let reachable = grid.robotReachableCells(from: docks)
        // A robot sees beyond where it drives (into keep-out zones, across low obstacles) by its camera's
        // range; marking the ring of that width around the reachable cells keeps this linear in the grid.
        let reachM = robots.map { $0.camera.rangeM }.max() ?? 0
        let distance = grid.chamferDistanceM(from: reachable)
        for cell in 0..<grid.cellCount where grid.inside[cell] && distance[cell] <= reachM {
            observable[cell] = true
        }
        return observable
    }
}

extension ViewSector {
    /// A fixed camera's sector.
    public init(camera: FixedCamera) {
        self.init(eye: Point3(camera.position, z: camera.heightM), headingDeg: camera.headingDeg,
                  fovDeg: camera.fovDeg, rangeM: camera.rangeM)
    }
}

extension PatrolArea {
    /// The position of a grid cell in `cells` (and so in `weights` and `revisitTargetsS`), or nil when the
    /// cell is not a patrol cell. O(log n).
    public func patrolIndex(ofCell cell: Int) -> Int? {
        var low = 0, high = cells.count
        while low < high {
            let middle = (low + high) / 2
            if cells[middle] < cell { low = middle + 1 } else { high = middle }
        }
        return low < cells.count && cells[low] == cell ? low : nil
    }
}
