import Foundation
import PatrolCore

/// Thousands of pedestrians moved by the social-force model (Helbing & Molnar 1995).
///
/// Each pedestrian is pulled toward its goal at its desired speed (relaxation time `tauS`), pushed away
/// from close neighbours (exponential repulsion, weaker behind than ahead), from walls (a repulsion
/// field precomputed per cell) and from robots. Neighbours come from a uniform spatial hash rebuilt by
/// counting sort each step, so a step costs O(pedestrians); all state lives in flat arrays allocated
/// once. Walkers go between entrances, points of interest and hotspots; "stayers" are assigned to a
/// hotspot and wander inside it, in numbers that give the mission's `expected_density_ppm2` there.
public struct PedestrianCrowd {
    // Social-force parameters (Helbing & Molnar 1995; Helbing, Farkas & Vicsek 2000 for magnitudes).
    static let tauS = 0.5
    static let repulsionMPS2 = 2.1
    static let repulsionRangeM = 0.3
    static let bodyDiameterM = 0.6
    static let anisotropy = 0.5
    static let neighbourCutoffM = 1.5
    /// Only the first few neighbours found (own bucket first) push: in a dense crowd the nearest dominate,
    /// and the cap bounds the cost of a step at any density.
    static let maxNeighbours = 8
    static let hashCellM = 1.5
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

    public let count: Int
    let width: Int
    let height: Int
    let cellM: Double
    let origin: Point2
    let walkable: [Bool]
    /// Per cell, the wall repulsion acceleration (x, y).
    let wallForceX: [Double]
    let wallForceY: [Double]
    let destinations: [CrowdDestination]
    private let walkerWeights: [Double]
    private let walkerWeightTotal: Double

    public private(set) var positionX: [Double]
    public private(set) var positionY: [Double]
    private var velocityX: [Double]
    private var velocityY: [Double]
    private var forceX: [Double]
    private var forceY: [Double]
    private var goalX: [Double]
    private var goalY: [Double]
    private var destination: [Int32]
    /// The hotspot destination a stayer belongs to, -1 for walkers.
    private var home: [Int32]
    private var dwellUntilS: [Double]
    private var desiredSpeedMPS: [Double]
    private var cellOf: [Int32]
    /// Pedestrians per site cell, kept up to date as they move.
    public private(set) var countPerCell: [UInt16]

    private let hashWidth: Int
    private let hashHeight: Int
    private var hashStart: [Int32]
    private var hashOrder: [Int32]
    private var hashCursor: [Int32]
    private var bucketOf: [Int32]
    private var random: SeededRandom

    /// Places `count` pedestrians on the site.
    /// - Parameters:
    ///   - site: the site (hotspots, points of interest, boundary for entrances).
    ///   - grid: its raster; pedestrians walk on cells inside the boundary without buildings.
    ///   - count: number of pedestrians.
    ///   - seed: the crowd's random seed.
    public init(site: Site, grid: SiteGrid, count: Int, seed: UInt64) {
        width = grid.width
        height = grid.height
        cellM = grid.cellM
        origin = grid.origin
        var walkable = [Bool](repeating: false, count: grid.cellCount)
        for cell in 0..<grid.cellCount { walkable[cell] = grid.inside[cell] && grid.buildingHeightM[cell] == 0 }
        self.walkable = walkable
        (wallForceX, wallForceY) = Self.wallField(width: width, height: height, cellM: cellM, walkable: walkable)
        destinations = Self.makeDestinations(site: site, grid: grid, walkable: walkable)
        random = SeededRandom(seed: seed ^ 0x5045_4445_5354_5249)  // "PEDESTRI"

        let walkableCells = (0..<walkable.count).filter { walkable[$0] }
        self.count = walkableCells.isEmpty ? 0 : count
        walkerWeights = destinations.map(\.weight)
        walkerWeightTotal = walkerWeights.reduce(0, +)
        let n = self.count
        positionX = [Double](repeating: 0, count: n)
        positionY = [Double](repeating: 0, count: n)
        velocityX = [Double](repeating: 0, count: n)
        velocityY = [Double](repeating: 0, count: n)
        forceX = [Double](repeating: 0, count: n)
        forceY = [Double](repeating: 0, count: n)
        goalX = [Double](repeating: 0, count: n)
        goalY = [Double](repeating: 0, count: n)
        destination = [Int32](repeating: -1, count: n)
        home = [Int32](repeating: -1, count: n)
        dwellUntilS = [Double](repeating: 0, count: n)
        desiredSpeedMPS = [Double](repeating: 1.3, count: n)
        cellOf = [Int32](repeating: 0, count: n)
        countPerCell = [UInt16](repeating: 0, count: walkable.count)
        hashWidth = max(1, Int((Double(width) * cellM / Self.hashCellM).rounded(.up)))
        hashHeight = max(1, Int((Double(height) * cellM / Self.hashCellM).rounded(.up)))
        hashStart = [Int32](repeating: 0, count: hashWidth * hashHeight + 1)
        hashOrder = [Int32](repeating: 0, count: n)
        hashCursor = hashStart
        bucketOf = [Int32](repeating: 0, count: n)
        guard n > 0 else { return }
        placeEveryone(walkableCells: walkableCells)
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

    /// Repulsion from non-walkable cells within two cells, summed per walkable cell.
    private static func wallField(width: Int, height: Int, cellM: Double,
                                  walkable: [Bool]) -> ([Double], [Double]) {
        var fx = [Double](repeating: 0, count: walkable.count)
        var fy = [Double](repeating: 0, count: walkable.count)
        let reach = max(1, Int((1.5 / cellM).rounded(.up)))
        for row in 0..<height {
            for col in 0..<width where walkable[row * width + col] {
                var sx = 0.0, sy = 0.0
                for dy in -reach...reach {
                    for dx in -reach...reach where dx != 0 || dy != 0 {
                        let c = col + dx, r = row + dy
                        let blocked = c < 0 || r < 0 || c >= width || r >= height || !walkable[r * width + c]
                        guard blocked else { continue }
                        let ox = -Double(dx) * cellM, oy = -Double(dy) * cellM
                        let distance = (ox * ox + oy * oy).squareRoot()
                        // Distance from the wall's face rather than its centre.
                        let gap = max(0, distance - cellM / 2)
                        let magnitude = 3.0 * exp(-gap / 0.3)
                        sx += ox / distance * magnitude
                        sy += oy / distance * magnitude
                    }
                }
                fx[row * width + col] = sx
                fy[row * width + col] = sy
            }
        }
        return (fx, fy)
    }

    private mutating func placeEveryone(walkableCells: [Int]) {
        // Stayers per hotspot: expected density times walkable area, at most 80% of the crowd in all.
        let cellArea = cellM * cellM
        var wanted = destinations.map { $0.kind == .hotspot ? $0.expectedDensityPPM2 * Double($0.cells.count) * cellArea : 0 }
        let total = wanted.reduce(0, +)
        if total > 0.8 * Double(count) { wanted = wanted.map { $0 * 0.8 * Double(count) / total } }
        var next = 0
        for (index, amount) in wanted.enumerated() {
            for _ in 0..<Int(amount.rounded()) where next < count {
                home[next] = Int32(index)
                let cell = destinations[index].cells[random.nextIndex(destinations[index].cells.count)]
                place(next, at: jittered(cell))
                destination[next] = Int32(index)
                setGoal(next, in: index)
                dwellUntilS[next] = random.nextDouble(in: 0...60)
                next += 1
            }
        }
        while next < count {
            let cell = walkableCells[random.nextIndex(walkableCells.count)]
            place(next, at: jittered(cell))
            chooseWalkerDestination(next)
            next += 1
        }
        for index in 0..<count { desiredSpeedMPS[index] = 1.34 + 0.26 * max(-2, min(2, random.nextGaussian())) }
    }

    private mutating func jittered(_ cell: Int) -> Point2 {
        let col = cell % width, row = cell / width
        return Point2(x: origin.x + (Double(col) + 0.1 + 0.8 * random.nextUnit()) * cellM,
                      y: origin.y + (Double(row) + 0.1 + 0.8 * random.nextUnit()) * cellM)
    }

    private mutating func place(_ index: Int, at point: Point2) {
        positionX[index] = point.x
        positionY[index] = point.y
        let cell = cellIndex(x: point.x, y: point.y) ?? 0
        cellOf[index] = Int32(cell)
        countPerCell[cell] &+= 1
    }

    private mutating func setGoal(_ index: Int, in destinationIndex: Int) {
        let cells = destinations[destinationIndex].cells
        let goal = jittered(cells[random.nextIndex(cells.count)])
        goalX[index] = goal.x
        goalY[index] = goal.y
    }

    private mutating func chooseWalkerDestination(_ index: Int) {
        guard walkerWeightTotal > 0 else {
            destination[index] = -1
            return
        }
        let chosen = random.nextWeightedIndex(walkerWeights, total: walkerWeightTotal)
        destination[index] = Int32(chosen)
        setGoal(index, in: chosen)
    }

    @inline(__always)
    func cellIndex(x: Double, y: Double) -> Int? {
        let col = ((x - origin.x) / cellM).rounded(.down), row = ((y - origin.y) / cellM).rounded(.down)
        guard col >= 0, row >= 0, col < Double(width), row < Double(height) else { return nil }
        return Int(row) * width + Int(col)
    }

    // MARK: - Queries

    /// Pedestrians in a set of cells.
    public func count(inCells cells: some Sequence<Int>) -> Int {
        var total = 0
        for cell in cells { total += Int(countPerCell[cell]) }
        return total
    }

    /// Whether any pedestrian stands within `radiusM` of `point` and ahead of `bearingDeg` (dot > 0).
    public func anyone(near point: Point2, radiusM: Double, aheadOf bearingDeg: Double) -> Bool {
        guard count > 0 else { return false }
        let direction = Heading.unitVector(bearingDeg: bearingDeg)
        let hc = Int(((point.x - origin.x) / Self.hashCellM).rounded(.down))
        let hr = Int(((point.y - origin.y) / Self.hashCellM).rounded(.down))
        let span = Int((radiusM / Self.hashCellM).rounded(.up))
        for r in (hr - span)...(hr + span) where r >= 0 && r < hashHeight {
            for c in (hc - span)...(hc + span) where c >= 0 && c < hashWidth {
                let bucket = r * hashWidth + c
                for slot in Int(hashStart[bucket])..<Int(hashStart[bucket + 1]) {
                    let j = Int(hashOrder[slot])
                    let dx = positionX[j] - point.x, dy = positionY[j] - point.y
                    if dx * dx + dy * dy <= radiusM * radiusM, dx * direction.x + dy * direction.y > 0 { return true }
                }
            }
        }
        return false
    }

    /// Position of pedestrian `index`.
    public func position(_ index: Int) -> Point2 { Point2(x: positionX[index], y: positionY[index]) }

    // MARK: - Step

    /// Moves everyone by one step.
    /// - Parameters:
    ///   - dtS: step length, seconds (stable up to about `tauS`).
    ///   - nowS: simulated time, seconds.
    ///   - robots: positions of ground robots, which pedestrians keep clear of.
    public mutating func step(dtS: Double, nowS: Double, robots: [Point2]) {
        guard count > 0 else { return }
        rebuildHash()
        computeForces(nowS: nowS)
        addRobotRepulsion(robots)
        integrate(dtS: dtS, nowS: nowS)
    }

    private mutating func rebuildHash() {
        let buckets = hashWidth * hashHeight
        for index in 0..<count { bucketOf[index] = Int32(bucket(index)) }
        for bucket in 0...buckets { hashStart[bucket] = 0 }
        for index in 0..<count { hashStart[Int(bucketOf[index]) + 1] += 1 }
        for bucket in 0..<buckets { hashStart[bucket + 1] += hashStart[bucket] }
        for bucket in 0...buckets { hashCursor[bucket] = hashStart[bucket] }
        for index in 0..<count {
            let b = Int(bucketOf[index])
            hashOrder[Int(hashCursor[b])] = Int32(index)
            hashCursor[b] += 1
        }
    }

    @inline(__always)
    private func bucket(_ index: Int) -> Int {
        let c = min(hashWidth - 1, max(0, Int((positionX[index] - origin.x) / Self.hashCellM)))
        let r = min(hashHeight - 1, max(0, Int((positionY[index] - origin.y) / Self.hashCellM)))
        return r * hashWidth + c
    }

    private mutating func computeForces(nowS: Double) {
        let cutoff2 = Self.neighbourCutoffM * Self.neighbourCutoffM
        let hashWidth = hashWidth, hashHeight = hashHeight, origin = origin
        let tableScale = Self.tableScale, maxNeighbours = Self.maxNeighbours
        var fxOut = forceX, fyOut = forceY
        forceX = []
        forceY = []
        positionX.withUnsafeBufferPointer { px in
        positionY.withUnsafeBufferPointer { py in
        hashStart.withUnsafeBufferPointer { start in
        hashOrder.withUnsafeBufferPointer { order in
        Self.repulsionOverDistance.withUnsafeBufferPointer { push in
        Self.inverseDistance.withUnsafeBufferPointer { inverse in
            for i in 0..<count {
                let x = px[i], y = py[i]
                let vx = velocityX[i], vy = velocityY[i]
                var ex = 0.0, ey = 0.0
                var wanted = 0.0
                if nowS >= dwellUntilS[i], destination[i] >= 0 {
                    (ex, ey) = direction(i)
                    wanted = desiredSpeedMPS[i]
                }
                // Driving term as the velocity the pedestrian relaxes toward (integrated exactly later).
                var fx = wanted * ex, fy = wanted * ey
                let speed = (vx * vx + vy * vy).squareRoot()
                let hx = speed > 0.05 ? vx / speed : ex, hy = speed > 0.05 ? vy / speed : ey
                let hc = min(hashWidth - 1, max(0, Int((x - origin.x) / Self.hashCellM)))
                let hr = min(hashHeight - 1, max(0, Int((y - origin.y) / Self.hashCellM)))
                var seen = 0
                // Own bucket first, then the eight around it.
                neighbourSearch: for k in 0..<9 {
                    let r = hr + Self.ringRows[k], c = hc + Self.ringCols[k]
                    guard r >= 0, r < hashHeight, c >= 0, c < hashWidth else { continue }
                    let bucket = r * hashWidth + c
                    for slot in Int(start[bucket])..<Int(start[bucket + 1]) {
                        let j = Int(order[slot])
                        let dx = x - px[j], dy = y - py[j]
                        let d2 = dx * dx + dy * dy
                        guard d2 < cutoff2, j != i else { continue }
                        let index = Int(d2 * tableScale)
                        let strength = push[index]
                        // cos of the angle between the heading and the direction toward j (= -n).
                        let cosine = -(hx * dx + hy * dy) * inverse[index]
                        let weight = Self.anisotropy + (1 - Self.anisotropy) * (1 + cosine) / 2
                        fx += dx * strength * weight * Self.tauS
                        fy += dy * strength * weight * Self.tauS
                        seen += 1
                        if seen >= maxNeighbours { break neighbourSearch }
                    }
                }
                let cell = Int(cellOf[i])
                fxOut[i] = fx + wallForceX[cell] * Self.tauS
                fyOut[i] = fy + wallForceY[cell] * Self.tauS
            }
        }
        }
        }
        }
        }
        }
        forceX = fxOut
        forceY = fyOut
    }

    static let ringRows = [0, -1, -1, -1, 0, 0, 1, 1, 1]
    static let ringCols = [0, -1, 0, 1, -1, 1, -1, 0, 1]

    /// Unit direction toward the goal: straight when in the goal's region or close, else down the field.
    private func direction(_ i: Int) -> (Double, Double) {
        let x = positionX[i], y = positionY[i]
        let gx = goalX[i] - x, gy = goalY[i] - y
        let goalDistance = (gx * gx + gy * gy).squareRoot()
        let field = destinations[Int(destination[i])].field
        let cell = Int(cellOf[i])
        let here = field[cell]
        if here == 0 || here == CrowdDestination.unreachable || goalDistance < 2 * cellM {
            return goalDistance > 1e-9 ? (gx / goalDistance, gy / goalDistance) : (0, 0)
        }
        let col = cell % width, row = cell / width
        var best = here, bestDX = 0, bestDY = 0
        for dy in -1...1 {
            for dx in -1...1 where dx != 0 || dy != 0 {
                let c = col + dx, r = row + dy
                guard c >= 0, r >= 0, c < width, r < height else { continue }
                let value = field[r * width + c]
                if value < best || (value == best && best < here && dx * dy == 0) {
                    best = value
                    bestDX = dx
                    bestDY = dy
                }
            }
        }
        guard best < here else { return (gx / goalDistance, gy / goalDistance) }
        // Aim at the centre of the better neighbour, so pedestrians do not scrape along walls.
        let tx = origin.x + (Double(col + bestDX) + 0.5) * cellM - x
        let ty = origin.y + (Double(row + bestDY) + 0.5) * cellM - y
        let length = (tx * tx + ty * ty).squareRoot()
        return length > 1e-9 ? (tx / length, ty / length) : (0, 0)
    }

    private mutating func addRobotRepulsion(_ robots: [Point2]) {
        let reach = 2.0
        for robot in robots {
            let hc = Int(((robot.x - origin.x) / Self.hashCellM).rounded(.down))
            let hr = Int(((robot.y - origin.y) / Self.hashCellM).rounded(.down))
            for r in (hr - 1)...(hr + 1) where r >= 0 && r < hashHeight {
                for c in (hc - 1)...(hc + 1) where c >= 0 && c < hashWidth {
                    let bucket = r * hashWidth + c
                    for slot in Int(hashStart[bucket])..<Int(hashStart[bucket + 1]) {
                        let j = Int(hashOrder[slot])
                        let dx = positionX[j] - robot.x, dy = positionY[j] - robot.y
                        let d = (dx * dx + dy * dy).squareRoot()
                        guard d < reach, d > 1e-9 else { continue }
                        let magnitude = Self.robotRepulsionMPS2
                            * exp((Self.robotRadiusM + Self.bodyDiameterM / 2 - d) / Self.repulsionRangeM)
                        forceX[j] += dx / d * magnitude * Self.tauS
                        forceY[j] += dy / d * magnitude * Self.tauS
                    }
                }
            }
        }
    }

    /// Social force written as relaxation toward a target velocity: dv/dt = (target - v) / tau with
    /// target = driving velocity + tau * interaction forces, integrated exactly over the step, so a coarse
    /// step (ten thousand pedestrians at a fraction of the cost) stays stable.
    private mutating func integrate(dtS: Double, nowS: Double) {
        let blend = 1 - exp(-dtS / Self.tauS)
        for i in 0..<count {
            var vx = velocityX[i] + (forceX[i] - velocityX[i]) * blend
            var vy = velocityY[i] + (forceY[i] - velocityY[i]) * blend
            let maxSpeed = 1.3 * desiredSpeedMPS[i]
            let speed = (vx * vx + vy * vy).squareRoot()
            if speed > maxSpeed {
                vx *= maxSpeed / speed
                vy *= maxSpeed / speed
            }
            let x = positionX[i], y = positionY[i]
            var nx = x + vx * dtS, ny = y + vy * dtS
            var cell = cellIndex(x: nx, y: ny)
            if cell == nil || !walkable[cell!] {
                // Slide along the wall: keep whichever axis stays walkable.
                if let alongX = cellIndex(x: nx, y: y), walkable[alongX] {
                    ny = y
                    vy = 0
                    cell = alongX
                } else if let alongY = cellIndex(x: x, y: ny), walkable[alongY] {
                    nx = x
                    vx = 0
                    cell = alongY
                } else {
                    nx = x
                    ny = y
                    vx = 0
                    vy = 0
                    cell = Int(cellOf[i])
                }
            }
            positionX[i] = nx
            positionY[i] = ny
            velocityX[i] = vx
            velocityY[i] = vy
            let newCell = Int32(cell!)
            if newCell != cellOf[i] {
                countPerCell[Int(cellOf[i])] &-= 1
                countPerCell[Int(newCell)] &+= 1
                cellOf[i] = newCell
            }
            arriveIfThere(i, nowS: nowS)
        }
    }

    private mutating func arriveIfThere(_ i: Int, nowS: Double) {
        guard nowS >= dwellUntilS[i], destination[i] >= 0 else { return }
        let dx = goalX[i] - positionX[i], dy = goalY[i] - positionY[i]
        guard dx * dx + dy * dy < 0.64 else { return }
        let homeIndex = Int(home[i])
        if homeIndex >= 0 {
            dwellUntilS[i] = nowS + random.nextDouble(in: 20...90)
            setGoal(i, in: homeIndex)
        } else {
            let kind = destinations[Int(destination[i])].kind
            dwellUntilS[i] = nowS + (kind == .entrance ? 0 : random.nextDouble(in: 5...60))
            chooseWalkerDestination(i)
        }
    }
}
