import Foundation
import PatrolCore

/// Thousands of pedestrians moved by the social-force model (Helbing & Molnar 1995).
///
/// Each pedestrian is pulled toward its goal at its desired speed (relaxation time `tauS`), pushed away
/// from close neighbours (exponential repulsion, weaker behind than ahead), from walls (a repulsion
/// field precomputed per cell) and from robots. Neighbours come from a spatial hash radix-sorted once per
/// step (`CrowdSpatialHash`), so a step costs O(pedestrians); all state lives in flat buffers allocated
/// once (`CrowdAgents`, `CrowdTerrain`). Walkers go between entrances, points of interest and hotspots;
/// "stayers" are assigned to a hotspot and wander inside it, in numbers that give the mission's
/// `expected_density_ppm2` there when the crowd is large enough (see `placeEveryone`).
public struct PedestrianCrowd {
    // Social-force parameters (Helbing & Molnar 1995; Helbing, Farkas & Vicsek 2000 for magnitudes).
    static let tauS = 0.5
    static let repulsionMPS2 = 2.1
    static let repulsionRangeM = 0.3
    static let bodyDiameterM = 0.6
    static let anisotropy = 0.5
    static let neighbourCutoffM = CrowdSpatialHash.bucketM
    /// Only the first few neighbours found (own bucket first) push: in a dense crowd the nearest dominate,
    /// and the cap bounds the cost of a step at any density.
    static let maxNeighbours = 8
    /// Repulsion by squared distance: `magnitude(d) / d` and `1 / d`, tabulated so the inner loop needs
    /// neither `exp` nor a square root.
    static let tableSize = 1024
    static let tableScale = Double(tableSize - 1) / (neighbourCutoffM * neighbourCutoffM)
    static let repulsionOverDistance: [Double] = (0..<tableSize).map { index in
        let d = max(0.05, (Double(index) / tableScale).squareRoot())
        return repulsionMPS2 * exp((bodyDiameterM - d) / repulsionRangeM) / d
    }
    static let inverseDistance: [Double] = (0..<tableSize).map { index in
        1 / max(0.05, (Double(index) / tableScale).squareRoot())
    }
    static let robotRepulsionMPS2 = 6.0
    static let robotRadiusM = 0.6
    static let robotReachM = 2.0

    public let count: Int
    let terrain: CrowdTerrain
    let destinations: [CrowdDestination]
    private let walkerWeights: [Double]
    private let walkerWeightTotal: Double
    /// Shared with copies of the crowd until one of them steps (then it is copied first).
    var agents: CrowdAgents
    var random: SeededRandom

    /// Places `count` pedestrians on the site.
    /// - Parameters:
    ///   - site: the site (hotspots, points of interest, boundary for entrances).
    ///   - grid: its raster; pedestrians walk on cells inside the boundary without buildings.
    ///   - count: number of pedestrians.
    ///   - seed: the crowd's random seed.
    public init(site: Site, grid: SiteGrid, count: Int, seed: UInt64) {
        var walkable = [Bool](repeating: false, count: grid.cellCount)
        for cell in 0..<grid.cellCount { walkable[cell] = grid.inside[cell] && grid.buildingHeightM[cell] == 0 }
        destinations = Self.makeDestinations(site: site, grid: grid, walkable: walkable)
        terrain = CrowdTerrain(grid: grid, walkable: walkable, destinations: destinations)
        random = SeededRandom(seed: seed ^ 0x5045_4445_5354_5249)  // "PEDESTRI"

        let walkableCells = (0..<walkable.count).filter { walkable[$0] }
        self.count = walkableCells.isEmpty ? 0 : count
        walkerWeights = destinations.map(\.weight)
        walkerWeightTotal = walkerWeights.reduce(0, +)
        let hash = CrowdSpatialHash(origin: grid.origin, sizeXM: Double(grid.width) * grid.cellM,
                                    sizeYM: Double(grid.height) * grid.cellM, capacity: self.count)
        agents = CrowdAgents(count: self.count, cellCount: grid.cellCount, hash: hash)
        guard self.count > 0 else { return }
        placeEveryone(walkableCells: walkableCells)
        agents.sort()
    }

    // MARK: - Set-up

    private static func makeDestinations(site: Site, grid: SiteGrid, walkable: [Bool]) -> [CrowdDestination] {
        var result: [CrowdDestination] = []
        func walkableCell(near point: Point2) -> Int? {
            NearestCellSearch(grid: grid, walkable: walkable).nearest(to: point)
        }
        // Entrances: eight points spread evenly along the boundary.
        let ring = site.boundary.points
        if ring.count >= 3 {
            var perimeter = 0.0
            for index in ring.indices { perimeter += ring[index].distance(to: ring[(index + 1) % ring.count]) }
            var entranceCells: Set<Int> = []
            for k in 0..<8 {
                var along = perimeter * (Double(k) + 0.5) / 8
                for index in ring.indices {
                    let a = ring[index], b = ring[(index + 1) % ring.count]
                    let edge = a.distance(to: b)
                    if along <= edge, edge > 0 {
                        if let cell = walkableCell(near: a + (b - a) * (along / edge)) { entranceCells.insert(cell) }
                        break
                    }
                    along -= edge
                }
            }
            for cell in entranceCells.sorted() {
                result.append(CrowdDestination(kind: .entrance, cells: [cell], weight: 1, expectedDensityPPM2: 0,
                                               width: grid.width, walkable: walkable))
            }
        }
        for point in site.pointsOfInterest {
            guard let cell = walkableCell(near: point.position) else { continue }
            result.append(CrowdDestination(kind: .attraction, cells: [cell], weight: 1.5, expectedDensityPPM2: 0,
                                           width: grid.width, walkable: walkable))
        }
        for hotspot in site.hotspots {
            var cells: [Int] = []
            let bounds = hotspot.area.bounds
            guard let low = grid.cellIndex(containing: bounds.min) ?? grid.cellIndex(containing: grid.origin),
                  let high = grid.cellIndex(containing: bounds.max)
                    ?? grid.cellIndex(containing: Point2(x: grid.origin.x + Double(grid.width) * grid.cellM - 1e-6,
                                                         y: grid.origin.y + Double(grid.height) * grid.cellM - 1e-6))
            else { continue }
            for row in (low / grid.width)...(high / grid.width) {
                for col in (low % grid.width)...(high % grid.width) {
                    let cell = row * grid.width + col
                    if walkable[cell], hotspot.area.contains(grid.center(ofCell: cell)) { cells.append(cell) }
                }
            }
            guard !cells.isEmpty else { continue }
            result.append(CrowdDestination(kind: .hotspot, cells: cells, weight: 2 * hotspot.weight,
                                           expectedDensityPPM2: hotspot.expectedDensityPPM2 ?? 0,
                                           width: grid.width, walkable: walkable))
        }
        return result
    }

    /// Slots are agent ids until the first `sort()`, which is when this runs.
    private mutating func placeEveryone(walkableCells: [Int]) {
        // Stayers per hotspot: expected density times walkable area, at most 80% of the crowd in all.
        let cellArea = terrain.cellM * terrain.cellM
        var wanted = destinations.map { destination in
            guard destination.kind == .hotspot else { return 0.0 }
            return destination.expectedDensityPPM2 * Double(destination.cells.count) * cellArea
        }
        let total = wanted.reduce(0, +)
        if total > 0.8 * Double(count) { wanted = wanted.map { $0 * 0.8 * Double(count) / total } }
        var next = 0
        for (index, amount) in wanted.enumerated() {
            for _ in 0..<Int(amount.rounded()) where next < count {
                agents.slots[next].home = Int32(index)
                let cell = destinations[index].cells[random.nextIndex(destinations[index].cells.count)]
                place(next, at: jittered(cell))
                agents.slots[next].destination = Int32(index)
                setGoal(next, in: index)
                agents.slots[next].dwellUntilS = Float(random.nextDouble(in: 0...60))
                next += 1
            }
        }
        while next < count {
            let cell = walkableCells[random.nextIndex(walkableCells.count)]
            place(next, at: jittered(cell))
            chooseWalkerDestination(next)
            next += 1
        }
        for index in 0..<count {
            agents.slots[index].desiredSpeedMPS = Float(1.34 + 0.26 * max(-2, min(2, random.nextGaussian())))
        }
    }

    private mutating func jittered(_ cell: Int) -> Point2 {
        let col = cell % terrain.width, row = cell / terrain.width
        return Point2(x: terrain.origin.x + (Double(col) + 0.1 + 0.8 * random.nextUnit()) * terrain.cellM,
                      y: terrain.origin.y + (Double(row) + 0.1 + 0.8 * random.nextUnit()) * terrain.cellM)
    }

    private func place(_ slot: Int, at point: Point2) {
        agents.slots[slot].x = point.x
        agents.slots[slot].y = point.y
        let cell = max(0, terrain.cellIndex(x: point.x, y: point.y))
        agents.slots[slot].cell = Int32(cell)
        agents.perCell[cell] &+= 1
    }

    private mutating func setGoal(_ slot: Int, in destinationIndex: Int) {
        let cells = destinations[destinationIndex].cells
        let goal = jittered(cells[random.nextIndex(cells.count)])
        agents.slots[slot].goalX = Float(goal.x)
        agents.slots[slot].goalY = Float(goal.y)
    }

    private mutating func chooseWalkerDestination(_ slot: Int) {
        guard walkerWeightTotal > 0 else {
            agents.slots[slot].destination = -1
            return
        }
        let chosen = random.nextWeightedIndex(walkerWeights, total: walkerWeightTotal)
        agents.slots[slot].destination = Int32(chosen)
        setGoal(slot, in: chosen)
    }

    /// A pedestrian reached its goal: stayers pause and pick another spot in their hotspot, walkers pause
    /// (not at entrances, where they have just come in) and pick another destination.
    mutating func arrive(_ slot: Int, nowS: Double) {
        let homeIndex = Int(agents.slots[slot].home)
        if homeIndex >= 0 {
            agents.slots[slot].dwellUntilS = Float(nowS + random.nextDouble(in: 20...90))
            setGoal(slot, in: homeIndex)
        } else {
            let kind = destinations[Int(agents.slots[slot].destination)].kind
            agents.slots[slot].dwellUntilS = Float(nowS + (kind == .entrance ? 0 : random.nextDouble(in: 5...60)))
            chooseWalkerDestination(slot)
        }
    }

    // MARK: - Queries

    /// Pedestrians in a set of cells.
    public func count(inCells cells: some Sequence<Int>) -> Int {
        let perCell = agents.perCell
        var total = 0
        for cell in cells { total += Int(perCell[cell]) }
        return total
    }

    /// Whether any pedestrian stands within `radiusM` of `point` and within `withinDeg` of the bearing
    /// `bearingDeg` (90: anywhere ahead).
    public func anyone(near point: Point2, radiusM: Double, aheadOf bearingDeg: Double, withinDeg: Double = 90) -> Bool {
        guard count > 0 else { return false }
        let direction = Heading.unitVector(bearingDeg: bearingDeg)
        let cosine = withinDeg >= 90 ? 0 : cos(withinDeg * .pi / 180)
        let hash = agents.hash, slots = agents.slots
        let column = hash.column(point.x), row = hash.row(point.y)
        let span = Int((radiusM / CrowdSpatialHash.bucketM).rounded(.up))
        let columns = max(0, column - span)...min(hash.width - 1, column + span)
        for r in max(0, row - span)...min(hash.height - 1, row + span) {
            for slot in hash.slots(columns: columns, row: r) {
                let dx = slots[slot].x - point.x, dy = slots[slot].y - point.y
                let squared = dx * dx + dy * dy
                guard squared <= radiusM * radiusM else { continue }
                let along = dx * direction.x + dy * direction.y
                if along > 0 && along * along >= cosine * cosine * squared { return true }
            }
        }
        return false
    }

    /// Position of pedestrian `index` (0..<count, the same pedestrian all run).
    public func position(_ index: Int) -> Point2 {
        let agent = agents.slots[Int(agents.slotOf[index])]
        return Point2(x: agent.x, y: agent.y)
    }
}
