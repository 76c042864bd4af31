import Dispatch
import PatrolCore
import Synchronization

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
        let selector = ViewpointSelector(grid: grid, targets: targets, maxCandidates: options.maxCandidates,
                                         maxViewpoints: options.maxViewpoints)

        var kinds: [KindModel] = []
        var viewpoints: [Viewpoint] = []
        var coverableBy: [DeviceKind: [Bool]] = [:]
        var thinnings: [(kind: DeviceKind, thinning: ViewpointSelector.Thinning)] = []
        let present = DeviceKind.allCases.filter { kind in mission.fleet.contains { $0.kind == kind } }
        let reachable = present.contains(.robot) ? Self.robotReachable(mission, grid) : []
        progress?(0.1, present.map(\.rawValue).joined(separator: " and ") + " viewpoints, distances and tours")
        // The kinds do not depend on each other: each is prepared on its own thread (its candidates and
        // distances split further), so one kind's tour search overlaps the other's distances.
        let prepared = Mutex<[Int: (cover: ViewpointSelector.Cover, distances: CostMatrix, tour: Tour)]>([:])
        let finder = pathFinder
        DispatchQueue.concurrentPerform(iterations: present.count) { step in
            let kind = present[step]
            guard let camera = mission.fleet.first(where: { $0.kind == kind })?.camera else { return }
            let cover = switch kind {
            case .drone: selector.droneCover(camera: camera)
            case .robot: selector.robotCover(camera: camera, reachable: reachable)
            }
            let distances = Self.distances(between: cover.viewpoints, kind: kind, pathFinder: finder)
            let tour = TourOptimizer(options: .init(restarts: options.tourRestarts, kicks: options.tourKicks,
                                                    seed: options.seed &+ UInt64(step))).solve(distances)
            prepared.withLock { $0[step] = (cover, distances, tour) }
        }
        let results = prepared.withLock { $0 }
        for (step, kind) in present.enumerated() {
            guard let (cover, distances, tour) = results[step] else { continue }
            var coverable = [Bool](repeating: false, count: targets.count)
            for target in cover.coverable { coverable[target] = true }
            coverableBy[kind] = coverable
            if let thinning = cover.thinning { thinnings.append((kind, thinning)) }
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
            for (kind, thinning) in thinnings {
                reasons.append("or for want of candidates: " + Self.describe(thinning, kind: kind))
            }
            unreachable.append(UnreachableTarget(target: target, position: targets.positions[target],
                                                 reason: reasons.joined(separator: "; ")))
        }
        self.unreachable = unreachable
        progress?(1, "prepared")
    }

    /// Why a kind's candidate lattice was spread out, for the reasons of unseen cells.
    static func describe(_ thinning: ViewpointSelector.Thinning, kind: DeviceKind) -> String {
        switch thinning {
        case .coverOutOfReach(let footprints, let maxViewpoints):
            "the \(kind.rawValue) camera would need about \(footprints) views to cover a site this large, more than "
                + "the \(maxViewpoints) a kind's cover may have (PlannerOptions.maxViewpoints), so its candidate "
                + "lattice was spread out to \(maxViewpoints / 2) candidates"
        case .candidateCap(let maxCandidates):
            "the \(kind.rawValue) viewpoint lattice was spread out to keep within \(maxCandidates) candidates "
                + "(PlannerOptions.maxCandidates) on a site this large"
        }
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

    /// The distance matrix between viewpoints: straight legs (or the way round no-fly zones) for drones; for
    /// robots, grid path lengths between the viewpoints' cells, exact on small grids, over the graph of each
    /// cell's nearest others on large ones. Symmetric by construction.
    static func distances(between viewpoints: [Viewpoint], kind: DeviceKind, pathFinder: PathFinder) -> CostMatrix {
        let count = viewpoints.count
        switch kind {
        case .drone:
            return pathFinder.droneDistanceMatrix(between: viewpoints.map(\.position.ground),
                                                  unreachableM: KindModel.unreachablePenaltyM)
        case .robot:
            // Viewpoints differing only by heading share a cell: one search per distinct cell.
            let cellOf = viewpoints.map { pathFinder.robotCell(near: $0.position.ground) ?? -1 }
            let distinct = Array(Set(cellOf.filter { $0 >= 0 })).sorted()
            var slot = [Int: Int]()
            for (index, cell) in distinct.enumerated() { slot[cell] = index }
            let between = pathFinder.robotDistanceMatrix(
                between: distinct, method: distinct.count * pathFinder.grid.cellCount > 20_000_000 ? .neighbourGraph : .exact)
            let slotOfViewpoint = cellOf.map { slot[$0] ?? -1 }
            var matrix = CostMatrix(count: count)
            for i in 0..<count {
                let a = slotOfViewpoint[i]
                for j in 0..<count where j != i {
                    let b = slotOfViewpoint[j]
                    matrix[i, j] = a >= 0 && b >= 0 && between[a, b].isFinite ? between[a, b] : KindModel.unreachablePenaltyM
                }
            }
            return matrix
        }
    }
}
