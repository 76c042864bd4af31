import PatrolCore

/// Shortest paths and travel times for each device kind on a site.
///
/// Robots drive on the grid's robot-traversable cells, 8-connected without cutting corners, searched with
/// A* under the octile heuristic (or Dijkstra to many targets at once for distance matrices); paths are
/// then straightened where the straight line stays on traversable cells. Drones fly straight legs unless
/// a leg crosses a no-fly zone, then they take the shortest path through the visibility graph of the
/// zones' corners pushed outward by a margin.
public struct PathFinder: Sendable {
    public let grid: SiteGrid
    /// Speed used per kind when a query names a kind rather than a device: the slowest of the fleet's.
    public let speedMPSByKind: [DeviceKind: Double]
    let noFlyZones: [Polygon]
    /// No-fly corners pushed outward, usable as drone waypoints.
    let corners: [Point2]
    /// Straight-line distance between corners that see each other, infinity otherwise.
    let cornerDistancesM: CostMatrix

    /// - Parameters:
    ///   - mission: gives the no-fly zones and the fleet's speeds.
    ///   - grid: the mission's grid.
    public init(mission: Mission, grid: SiteGrid) {
        self.grid = grid
        var speeds: [DeviceKind: Double] = [:]
        for device in mission.fleet where device.speedMPS > 0 {
            speeds[device.kind] = min(speeds[device.kind] ?? .infinity, device.speedMPS)
        }
        speedMPSByKind = speeds
        noFlyZones = mission.site.noFlyZones.filter { $0.points.count >= 3 }
        let marginM = max(1, grid.cellM)
        let zones = noFlyZones
        let pushed = zones.flatMap { Self.inflatedCorners(of: $0, marginM: marginM) }
            .filter { corner in !zones.contains { $0.contains(corner) } }
        corners = pushed
        cornerDistancesM = CostMatrix(count: pushed.count) { i, j in
            Self.segmentClear(pushed[i], pushed[j], zones: zones) ? pushed[i].distance(to: pushed[j]) : .infinity
        }
    }

    // MARK: - Travel times

    /// Shortest travel time for a device of `kind` from `from` to `to`, seconds; nil when unreachable.
    /// Uses the slowest speed of that kind in the fleet.
    public func travelTimeS(from: Point2, to: Point2, kind: DeviceKind) -> Double? {
        guard let speed = speedMPSByKind[kind], let length = pathLengthM(from: from, to: to, kind: kind) else {
            return nil
        }
        return length / speed
    }

    /// Shortest travel time for `device` from `from` to `to` at its own speed, seconds; nil when unreachable.
    public func travelTimeS(from: Point2, to: Point2, device: FleetDevice) -> Double? {
        guard device.speedMPS > 0, let length = pathLengthM(from: from, to: to, kind: device.kind) else { return nil }
        return length / device.speedMPS
    }

    /// Shortest path length for `kind`, metres; nil when unreachable.
    public func pathLengthM(from: Point2, to: Point2, kind: DeviceKind) -> Double? {
        guard let path = path(from: from, to: to, kind: kind) else { return nil }
        return Self.length(of: path)
    }

    /// The shortest path for `kind` as a polyline from `from` to `to`; nil when unreachable.
    public func path(from: Point2, to: Point2, kind: DeviceKind) -> [Point2]? {
        switch kind {
        case .robot: robotPath(from: from, to: to)
        case .drone: dronePath(from: from, to: to)
        }
    }

    static func length(of path: [Point2]) -> Double {
        zip(path, path.dropFirst()).reduce(0) { $0 + $1.0.distance(to: $1.1) }
    }

    // MARK: - Robots

    /// The robot-traversable cell containing `point`, or the nearest one within two cells.
    public func robotCell(near point: Point2) -> Int? {
        if let cell = grid.cellIndex(containing: point), grid.robotTraversable[cell] { return cell }
        return grid.nearestTraversableCell(to: point, withinM: 2 * grid.cellM)
    }

    private static let diagonalFactor = 2.0.squareRoot()

    /// Calls `body` with each 8-connected neighbour a robot may move to from `cell` and the step length.
    @inline(__always)
    private func forEachRobotStep(from cell: Int, _ body: (Int, Double) -> Void) {
        let width = grid.width, col = cell % width, row = cell / width
        let west = col > 0 && grid.robotTraversable[cell - 1]
        let east = col < width - 1 && grid.robotTraversable[cell + 1]
        let south = row > 0 && grid.robotTraversable[cell - width]
        let north = row < grid.height - 1 && grid.robotTraversable[cell + width]
        let straight = grid.cellM, diagonal = grid.cellM * Self.diagonalFactor
        if west { body(cell - 1, straight) }
        if east { body(cell + 1, straight) }
        if south { body(cell - width, straight) }
        if north { body(cell + width, straight) }
        // No corner cutting: a diagonal step needs both orthogonal neighbours free.
        if west && south && grid.robotTraversable[cell - width - 1] { body(cell - width - 1, diagonal) }
        if east && south && grid.robotTraversable[cell - width + 1] { body(cell - width + 1, diagonal) }
        if west && north && grid.robotTraversable[cell + width - 1] { body(cell + width - 1, diagonal) }
        if east && north && grid.robotTraversable[cell + width + 1] { body(cell + width + 1, diagonal) }
    }

    /// Grid path lengths from `source` to each of `targets` (metres along 8-connected steps; infinity when
    /// unreachable), by one Dijkstra search that stops once every target is settled.
    public func robotDistancesM(from source: Int, to targets: [Int]) -> [Double] {
        var distance = [Double](repeating: .infinity, count: grid.cellCount)
        var isTarget = [Bool](repeating: false, count: grid.cellCount)
        var remaining = 0
        for target in targets where !isTarget[target] {
            isTarget[target] = true
            remaining += 1
        }
        var heap = MinHeap()
        distance[source] = 0
        heap.push(0, source)
        while remaining > 0, let (key, cell) = heap.pop() {
            guard key <= distance[cell] else { continue }
            if isTarget[cell] {
                isTarget[cell] = false
                remaining -= 1
            }
            forEachRobotStep(from: cell) { next, step in
                let candidate = key + step
                if candidate < distance[next] {
                    distance[next] = candidate
                    heap.push(candidate, next)
                }
            }
        }
        return targets.map { distance[$0] }
    }

    /// The `count` cells of `slotOfCell` (cells mapped to a slot >= 0) nearest to `source` by grid path, with
    /// their path lengths in metres, nearest first: a Dijkstra search that stops as soon as they are settled.
    public func robotNearestDistancesM(from source: Int, slotOfCell: [Int32], count: Int) -> [(cell: Int, distanceM: Double)] {
        var scratch = SearchScratch(cellCount: grid.cellCount)
        return robotNearestDistancesM(from: source, slotOfCell: slotOfCell, count: count, scratch: &scratch)
    }

    /// Distances and bucket queues reused by many searches over one grid: only the cells a search touched are
    /// reset, rather than a grid-sized array allocated and filled per search (a million cells on a 2 km site).
    struct SearchScratch {
        var distance: [Double]
        var touched: [Int] = []
        /// Cyclic buckets of one straight step's width each (see `robotNearestDistancesM`).
        var buckets = [[(key: Double, cell: Int)]](repeating: [], count: 4)

        init(cellCount: Int) {
            distance = [Double](repeating: .infinity, count: cellCount)
        }

        mutating func reset() {
            for cell in touched { distance[cell] = .infinity }
            touched.removeAll(keepingCapacity: true)
            for index in buckets.indices { buckets[index].removeAll(keepingCapacity: true) }
        }
    }

    /// Dijkstra with a bucket queue (Dial's), exact because a bucket is one straight step wide, the shortest
    /// step: a cell settled from bucket `k` puts its neighbours in bucket `k + 1` or later, so every entry of
    /// the bucket being emptied is final, and a diagonal step (1.41 widths) reaches at most two buckets ahead,
    /// so four buckets used cyclically suffice. Pushes and pops cost O(1) instead of a heap's O(log n).
    /// Within a bucket the found cells are ordered by distance (then cell), so the `count` returned are the
    /// nearest, nearest first.
    func robotNearestDistancesM(from source: Int, slotOfCell: [Int32], count: Int,
                                scratch: inout SearchScratch) -> [(cell: Int, distanceM: Double)] {
        scratch.reset()
        var found: [(cell: Int, distanceM: Double)] = []
        let width = grid.width, height = grid.height
        let straight = grid.cellM, diagonal = grid.cellM * Self.diagonalFactor
        let bucketCount = scratch.buckets.count
        scratch.touched.append(source)
        scratch.buckets[0].append((0, source))
        var pending = 1
        var current = 0
        var settled: [(key: Double, cell: Int)] = []
        grid.robotTraversable.withUnsafeBufferPointer { free in
            slotOfCell.withUnsafeBufferPointer { slots in
                scratch.distance.withUnsafeMutableBufferPointer { distance in
                    distance[source] = 0
                    func relax(_ next: Int, _ candidate: Double) {
                        if candidate < distance[next] {
                            if distance[next] == .infinity { scratch.touched.append(next) }
                            distance[next] = candidate
                            // At least the next bucket, whatever the rounding of `candidate / straight`.
                            let bucket = max(current + 1, Int(candidate / straight))
                            scratch.buckets[bucket % bucketCount].append((candidate, next))
                            pending += 1
                        }
                    }
                    var inBucket: [(cell: Int, distanceM: Double)] = []
                    while found.count < count && pending > 0 {
                        swap(&settled, &scratch.buckets[current % bucketCount])
                        pending -= settled.count
                        inBucket.removeAll(keepingCapacity: true)
                        for (key, cell) in settled where key <= distance[cell] {
                            if cell != source && slots[cell] >= 0 { inBucket.append((cell, key)) }
                            let col = cell % width, row = cell / width
                            let west = col > 0 && free[cell - 1]
                            let east = col < width - 1 && free[cell + 1]
                            let south = row > 0 && free[cell - width]
                            let north = row < height - 1 && free[cell + width]
                            if west { relax(cell - 1, key + straight) }
                            if east { relax(cell + 1, key + straight) }
                            if south { relax(cell - width, key + straight) }
                            if north { relax(cell + width, key + straight) }
                            if west && south && free[cell - width - 1] { relax(cell - width - 1, key + diagonal) }
                            if east && south && free[cell - width + 1] { relax(cell - width + 1, key + diagonal) }
                            if west && north && free[cell + width - 1] { relax(cell + width - 1, key + diagonal) }
                            if east && north && free[cell + width + 1] { relax(cell + width + 1, key + diagonal) }
                        }
                        settled.removeAll(keepingCapacity: true)
                        inBucket.sort { $0.distanceM < $1.distanceM || ($0.distanceM == $1.distanceM && $0.cell < $1.cell) }
                        found.append(contentsOf: inBucket.prefix(count - found.count))
                        current += 1
                    }
                }
            }
        }
        return found
    }

    /// A* over the grid with the octile heuristic, then straightened; nil when unreachable.
    public func robotPath(from: Point2, to: Point2) -> [Point2]? {
        guard let start = robotCell(near: from), let goal = robotCell(near: to) else { return nil }
        // Most legs between neighbouring viewpoints are open ground: no search needed.
        if start == goal || robotLineClear(from, to) { return [from, to] }
        let goalCol = goal % grid.width, goalRow = goal / grid.width
        let cellM = grid.cellM
        func heuristic(_ cell: Int) -> Double {
            let dx = abs(cell % grid.width - goalCol), dy = abs(cell / grid.width - goalRow)
            return cellM * (Double(max(dx, dy)) + (Self.diagonalFactor - 1) * Double(min(dx, dy)))
        }
        var cost = [Double](repeating: .infinity, count: grid.cellCount)
        var parent = [Int32](repeating: -1, count: grid.cellCount)
        var closed = [Bool](repeating: false, count: grid.cellCount)
        var heap = MinHeap()
        cost[start] = 0
        heap.push(heuristic(start), start)
        var found = false
        while let (_, cell) = heap.pop() {
            if closed[cell] { continue }
            closed[cell] = true
            if cell == goal {
                found = true
                break
            }
            let base = cost[cell]
            forEachRobotStep(from: cell) { next, step in
                let candidate = base + step
                if candidate < cost[next] {
                    cost[next] = candidate
                    parent[next] = Int32(cell)
                    heap.push(candidate + heuristic(next), next)
                }
            }
        }
        guard found else { return nil }
        var cells = [goal]
        while let last = cells.last, last != start { cells.append(Int(parent[last])) }
        cells.reverse()
        var points = [from]
        points.append(contentsOf: cells.dropFirst().dropLast().map { grid.center(ofCell: $0) })
        points.append(to)
        return straightened(points)
    }

    /// Drops intermediate points while the straight line between the kept ones stays on traversable cells.
    private func straightened(_ points: [Point2]) -> [Point2] {
        guard points.count > 2 else { return points }
        var result = [points[0]]
        var anchor = 0
        var index = 1
        while index < points.count - 1 {
            if !robotLineClear(points[anchor], points[index + 1]) {
                result.append(points[index])
                anchor = index
            }
            index += 1
        }
        result.append(points[points.count - 1])
        return result
    }

    /// Whether the segment stays on traversable cells, sampled every quarter cell.
    func robotLineClear(_ a: Point2, _ b: Point2) -> Bool {
        let steps = max(1, Int((a.distance(to: b) / (grid.cellM / 4)).rounded(.up)))
        for step in 1..<steps {
            let point = a + (b - a) * (Double(step) / Double(steps))
            guard let cell = grid.cellIndex(containing: point), grid.robotTraversable[cell] else { return false }
        }
        return true
    }

    // MARK: - Drones

    /// Straight when the leg misses every no-fly zone, else through the corner visibility graph.
    /// Always returns a path; when even the corners cannot connect the ends, the straight leg.
    public func dronePath(from: Point2, to: Point2) -> [Point2]? {
        if Self.segmentClear(from, to, zones: noFlyZones) { return [from, to] }
        let count = corners.count
        guard count > 0 else { return nil }
        // Dijkstra over [corners..., from, to].
        let source = count, sink = count + 1
        func distance(_ i: Int, _ j: Int) -> Double {
            func point(_ k: Int) -> Point2 { k == source ? from : k == sink ? to : corners[k] }
            if i < count && j < count { return cornerDistancesM[i, j] }
            let a = point(i), b = point(j)
            return Self.segmentClear(a, b, zones: noFlyZones) ? a.distance(to: b) : .infinity
        }
        guard let nodes = Self.cornerGraphPath(corners: count, distance: distance) else { return nil }
        return nodes.map { $0 == source ? from : $0 == sink ? to : corners[$0] }
    }

    /// For distance matrices between many drone points: whether each point sees each no-fly corner, both
    /// ways round (`clear(point, corner)` and `clear(corner, point)`, as `dronePath` asks), so the searches
    /// of the blocked pairs reuse them instead of testing every corner against the zones again.
    struct DroneCornerSight: Sendable {
        let points: [Point2]
        let outward: [Bool]
        let inward: [Bool]
    }

    func droneCornerSight(_ points: [Point2]) -> DroneCornerSight {
        var outward: [Bool] = [], inward: [Bool] = []
        outward.reserveCapacity(points.count * corners.count)
        inward.reserveCapacity(points.count * corners.count)
        for point in points {
            for corner in corners {
                outward.append(Self.segmentClear(point, corner, zones: noFlyZones))
                inward.append(Self.segmentClear(corner, point, zones: noFlyZones))
            }
        }
        return DroneCornerSight(points: points, outward: outward, inward: inward)
    }

    /// `pathLengthM(from: points[a], to: points[b], kind: .drone)` for a leg that crosses a no-fly zone, with
    /// the corner sight lines looked up: the same search, the same path, the same length.
    func blockedDroneLengthM(from a: Int, to b: Int, sight: DroneCornerSight) -> Double? {
        let count = corners.count
        guard count > 0 else { return nil }
        let from = sight.points[a], to = sight.points[b]
        let source = count, sink = count + 1
        func distance(_ i: Int, _ j: Int) -> Double {
            if i < count && j < count { return cornerDistancesM[i, j] }
            if i == source && j < count {
                return sight.outward[a * count + j] ? from.distance(to: corners[j]) : .infinity
            }
            if i < count && j == sink { return sight.inward[b * count + i] ? corners[i].distance(to: to) : .infinity }
            // The direct leg is blocked: that is why this search runs.
            return .infinity
        }
        guard let nodes = Self.cornerGraphPath(corners: count, distance: distance) else { return nil }
        return Self.length(of: nodes.map { $0 == source ? from : $0 == sink ? to : corners[$0] })
    }

    /// Dijkstra (dense, O(n^2)) over the no-fly corner graph: nodes `0..<corners` are corners, `corners` the
    /// source and `corners + 1` the sink. Returns the nodes from source to sink, or nil when they do not
    /// connect. One search shared by `dronePath` and `blockedDroneLengthM`, which must find the same path.
    static func cornerGraphPath(corners count: Int, distance: (Int, Int) -> Double) -> [Int]? {
        let source = count, sink = count + 1
        var best = [Double](repeating: .infinity, count: count + 2)
        var previous = [Int](repeating: -1, count: count + 2)
        var done = [Bool](repeating: false, count: count + 2)
        best[source] = 0
        for _ in 0..<(count + 2) {
            var node = -1
            for k in 0..<(count + 2) where !done[k] && best[k].isFinite && (node < 0 || best[k] < best[node]) {
                node = k
            }
            guard node >= 0 else { break }
            done[node] = true
            if node == sink { break }
            for next in 0..<(count + 2) where !done[next] && next != source {
                let candidate = best[node] + distance(node, next)
                if candidate < best[next] {
                    best[next] = candidate
                    previous[next] = node
                }
            }
        }
        guard best[sink].isFinite else { return nil }
        var nodes: [Int] = []
        var node = sink
        while node >= 0 {
            nodes.append(node)
            node = previous[node]
        }
        return nodes.reversed()
    }

    /// Whether a drone flies straight from `a` to `b` (the leg misses every no-fly zone).
    func droneLegClear(_ a: Point2, _ b: Point2) -> Bool {
        Self.segmentClear(a, b, zones: noFlyZones)
    }

    /// Whether the open segment `a`-`b` keeps out of every zone's interior.
    static func segmentClear(_ a: Point2, _ b: Point2, zones: [Polygon]) -> Bool {
        for zone in zones {
            let points = zone.points
            for index in points.indices {
                let c = points[index], d = points[(index + 1) % points.count]
                if segmentsCross(a, b, c, d) { return false }
            }
            // Entirely inside, or touching corners only: test the middle.
            if zone.contains(a + (b - a) * 0.5) { return false }
        }
        return true
    }

    /// Proper crossing of two segments (touching at an end does not count).
    private static func segmentsCross(_ a: Point2, _ b: Point2, _ c: Point2, _ d: Point2) -> Bool {
        let d1 = Point2.cross(b - a, c - a), d2 = Point2.cross(b - a, d - a)
        let d3 = Point2.cross(d - c, a - c), d4 = Point2.cross(d - c, b - c)
        return ((d1 > 1e-9 && d2 < -1e-9) || (d1 < -1e-9 && d2 > 1e-9))
            && ((d3 > 1e-9 && d4 < -1e-9) || (d3 < -1e-9 && d4 > 1e-9))
    }

    /// Each corner moved `marginM` outward along the bisector of its two edges' outward normals.
    static func inflatedCorners(of polygon: Polygon, marginM: Double) -> [Point2] {
        let points = polygon.points
        let orientation: Double = polygon.signedAreaM2 >= 0 ? 1 : -1
        return points.indices.map { index in
            let previous = points[(index + points.count - 1) % points.count], point = points[index]
            let next = points[(index + 1) % points.count]
            func outwardNormal(_ from: Point2, _ to: Point2) -> Point2 {
                let edge = to - from
                let length = max(edge.length, 1e-12)
                // Counter-clockwise rings have their interior on the left, so the outside is on the right.
                return Point2(x: edge.y / length, y: -edge.x / length) * orientation
            }
            let bisector = outwardNormal(previous, point) + outwardNormal(point, next)
            let length = bisector.length
            guard length > 1e-9 else { return point + outwardNormal(previous, point) * marginM }
            // Along the bisector each edge is pushed out by the margin at margin * 2 / |n1 + n2| (capped
            // for very sharp corners).
            let offsetM = min(3 * marginM, 2 * marginM / length)
            return point + bisector * (offsetM / length)
        }
    }
}
