import PatrolCore

/// Grid mode: patrol cells, per-kind viewpoint covers, distance matrices and tours, built once.
struct GridModel: Sendable {
    let grid: SiteGrid
    let area: PatrolArea
    let pathFinder: PathFinder
    let targets: PatrolTargets
    let kinds: [KindModel]
    let viewpoints: [Viewpoint]
    let unreachable: [UnreachableTarget]
    let docks: [String: Point2]
    /// The targets grouped by the viewpoints that see them, for evaluation once per class.
    let targetClasses: TargetClasses
    let cache = PlanningCache()

    init(mission: Mission, options: PlannerOptions, progress: Planner.ProgressHandler?) {
        progress?(0, "patrol cells")
        let grid = SiteGrid(mission: mission)
        let area = PatrolArea(mission: mission, grid: grid, offlineCameras: [])
        self.grid = grid
        self.area = area
        pathFinder = PathFinder(mission: mission, grid: grid)
        targets = PatrolTargets(positions: area.cells.map { grid.center(ofCell: $0) }, weights: area.weights,
                                revisitTargetsS: area.revisitTargetsS, cells: area.cells)
        docks = Dictionary(mission.site.docks.map { ($0.id, $0.position) }, uniquingKeysWith: { first, _ in first })
        let selector = ViewpointSelector(grid: grid, targets: targets, maxCandidates: options.maxCandidates)

        var kinds: [KindModel] = []
        var viewpoints: [Viewpoint] = []
        var coverableBy: [DeviceKind: [Bool]] = [:]
        var thinnedKinds: [DeviceKind] = []
        let present = DeviceKind.allCases.filter { kind in mission.fleet.contains { $0.kind == kind } }
        for (step, kind) in present.enumerated() {
            guard let camera = mission.fleet.first(where: { $0.kind == kind })?.camera else { continue }
            progress?(0.1 + 0.8 * Double(step) / Double(present.count), "\(kind.rawValue) viewpoints")
            let cover: ViewpointSelector.Cover
            switch kind {
            case .drone: cover = selector.droneCover(camera: camera)
            case .robot: cover = selector.robotCover(camera: camera, reachable: Self.robotReachable(mission, grid))
            }
            var coverable = [Bool](repeating: false, count: targets.count)
            for target in cover.coverable { coverable[target] = true }
            coverableBy[kind] = coverable
            if cover.latticeThinned { thinnedKinds.append(kind) }
            progress?(0.1 + 0.8 * (Double(step) + 0.4) / Double(present.count), "\(kind.rawValue) distances")
            let distances = Self.distances(between: cover.viewpoints, kind: kind, pathFinder: pathFinder)
            progress?(0.1 + 0.8 * (Double(step) + 0.7) / Double(present.count), "\(kind.rawValue) tour")
            let tour = TourOptimizer(options: .init(restarts: options.tourRestarts, kicks: options.tourKicks,
                                                    seed: options.seed &+ UInt64(step))).solve(distances)
            kinds.append(KindModel(kind: kind, viewpoints: cover.viewpoints, firstViewpoint: viewpoints.count,
                                   distancesM: distances, tour: tour, candidateCount: cover.candidateCount))
            viewpoints.append(contentsOf: cover.viewpoints)
        }
        self.kinds = kinds
        self.viewpoints = viewpoints
        targetClasses = TargetClasses(viewpoints: viewpoints, revisitTargetsS: targets.revisitTargetsS)

        var unreachable: [UnreachableTarget] = []
        for target in 0..<targets.count where !present.contains(where: { coverableBy[$0]?[target] == true }) {
            var reasons: [String] = []
            if present.contains(.drone) { reasons.append("no drone viewpoint sees it (no-fly zone or hidden by buildings)") }
            if present.contains(.robot) { reasons.append("no robot viewpoint sees it (beyond camera reach of the cells robots can drive to from their docks)") }
            if present.isEmpty { reasons.append("the fleet is empty") }
            if !thinnedKinds.isEmpty {
                let kinds = thinnedKinds.map(\.rawValue).joined(separator: " and ")
                reasons.append("or for want of candidates: the \(kinds) viewpoint lattice was spread out to keep within \(options.maxCandidates) candidates "
                               + "(PlannerOptions.maxCandidates) on a site this large")
            }
            unreachable.append(UnreachableTarget(target: target, position: targets.positions[target],
                                                 reason: reasons.joined(separator: "; ")))
        }
        self.unreachable = unreachable
        progress?(1, "prepared")
    }

    /// Robot-traversable cells connected (4-neighbour) to a robot's dock.
    static func robotReachable(_ mission: Mission, _ grid: SiteGrid) -> [Bool] {
        var reachable = [Bool](repeating: false, count: grid.cellCount)
        var stack: [Int] = []
        for robot in mission.fleet where robot.kind == .robot {
            guard let dock = mission.site.dock(id: robot.dockID),
                  let start = grid.nearestTraversableCell(to: dock.position, withinM: 2 * grid.cellM),
                  !reachable[start] else { continue }
            reachable[start] = true
            stack.append(start)
            while let cell = stack.popLast() {
                let (col, row) = grid.colRow(of: cell)
                for (c, r) in [(col - 1, row), (col + 1, row), (col, row - 1), (col, row + 1)]
                where c >= 0 && r >= 0 && c < grid.width && r < grid.height {
                    let next = grid.index(col: c, row: r)
                    if grid.robotTraversable[next] && !reachable[next] {
                        reachable[next] = true
                        stack.append(next)
                    }
                }
            }
        }
        return reachable
    }

    /// The distance matrix between viewpoints: one multi-target Dijkstra per source for robots, straight
    /// legs (or the no-fly visibility graph) for drones. Symmetric by construction.
    static func distances(between viewpoints: [Viewpoint], kind: DeviceKind, pathFinder: PathFinder) -> CostMatrix {
        let count = viewpoints.count
        var matrix = CostMatrix(count: count)
        switch kind {
        case .drone:
            let sight = pathFinder.droneCornerSight(viewpoints.map(\.position.ground))
            for i in 0..<count {
                for j in (i + 1)..<max(i + 1, count) {
                    // Most legs miss every no-fly zone: their length is the straight line, without building the
                    // path (millions of pairs on large sites).
                    let from = viewpoints[i].position.ground, to = viewpoints[j].position.ground
                    let length = pathFinder.droneLegClear(from, to)
                        ? from.distance(to: to) : pathFinder.blockedDroneLengthM(from: i, to: j, sight: sight)
                    matrix[i, j] = length ?? KindModel.unreachablePenaltyM
                    matrix[j, i] = matrix[i, j]
                }
            }
        case .robot:
            // Viewpoints differing only by heading share a cell: one search per distinct cell.
            let cellOf = viewpoints.map { pathFinder.robotCell(near: $0.position.ground) ?? -1 }
            let distinct = Array(Set(cellOf.filter { $0 >= 0 })).sorted()
            var slot = [Int: Int]()
            for (index, cell) in distinct.enumerated() { slot[cell] = index }
            let between = pathFinder.robotDistanceMatrix(
                between: distinct, method: distinct.count * pathFinder.grid.cellCount > 20_000_000 ? .neighbourGraph : .exact)
            for i in 0..<count {
                for j in 0..<count where j != i {
                    if let a = slot[cellOf[i]], let b = slot[cellOf[j]], between[a, b].isFinite {
                        matrix[i, j] = between[a, b]
                    } else {
                        matrix[i, j] = KindModel.unreachablePenaltyM
                    }
                }
            }
        }
        return matrix
    }
}
