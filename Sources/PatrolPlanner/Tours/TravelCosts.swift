import PatrolCore

/// Symmetric travel costs between `count` places, indexed 0..<count: what the tour optimiser works on.
///
/// Costs are seconds of travel for planning and metres in graph mode; the optimiser only needs them to
/// be non-negative and symmetric.
public protocol TravelCosts {
    /// Number of places.
    var count: Int { get }
    /// The cost of going from place `i` to place `j` (equal to the cost from `j` to `i`).
    func cost(_ i: Int, _ j: Int) -> Double
    /// For every place, up to `k` other places nearest to it, nearest first.
    func neighbourLists(k: Int) -> [[Int]]
}

extension TravelCosts {
    /// Default neighbour search: a full scan, `O(count^2)` in all, keeping the `k` nearest of each row in a
    /// short sorted buffer (ties by index) rather than sorting the whole row: the same lists, and on a 2 km
    /// site's matrices of thousands of viewpoints the sorts were 0.4 s of the plan.
    public func neighbourLists(k: Int) -> [[Int]] {
        let wanted = max(0, min(k, count - 1))
        return (0..<count).map { i in
            guard wanted > 0 else { return [] }
            var nearest: [(cost: Double, index: Int)] = []
            nearest.reserveCapacity(wanted + 1)
            func precedes(_ cost: Double, _ index: Int, _ other: (cost: Double, index: Int)) -> Bool {
                cost < other.cost || (cost == other.cost && index < other.index)
            }
            for j in 0..<count where j != i {
                let cost = cost(i, j)
                if nearest.count == wanted {
                    guard precedes(cost, j, nearest[wanted - 1]) else { continue }
                    nearest.removeLast()
                }
                var at = nearest.count
                while at > 0 && precedes(cost, j, nearest[at - 1]) { at -= 1 }
                nearest.insert((cost, j), at: at)
            }
            return nearest.map(\.index)
        }
    }
}

/// A dense cost matrix, row-major: for the few hundred viewpoints of a site and graph metric closures.
public struct CostMatrix: TravelCosts, Sendable {
    public let count: Int
    /// Row-major `count * count` entries.
    public private(set) var values: [Double]

    /// A matrix of zeros.
    public init(count: Int) {
        self.count = count
        values = [Double](repeating: 0, count: count * count)
    }

    /// A matrix from a cost function, evaluated once per ordered pair.
    public init(count: Int, cost: (Int, Int) -> Double) {
        self.init(count: count)
        for i in 0..<count {
            for j in 0..<count where i != j { values[i * count + j] = cost(i, j) }
        }
    }

    public func cost(_ i: Int, _ j: Int) -> Double { values[i * count + j] }

    public subscript(i: Int, j: Int) -> Double {
        get { values[i * count + j] }
        set { values[i * count + j] = newValue }
    }
}

/// Straight-line distances between points, computed on demand: for large Euclidean instances
/// (benchmarks) where a dense matrix would not fit.
public struct EuclideanCosts: TravelCosts, Sendable {
    public let points: [Point2]
    public var count: Int { points.count }

    public init(points: [Point2]) {
        self.points = points
    }

    public func cost(_ i: Int, _ j: Int) -> Double { points[i].distance(to: points[j]) }

    /// Neighbours from a bucket grid, so building the lists is near-linear in the point count.
    public func neighbourLists(k: Int) -> [[Int]] {
        guard count > 1 else { return [[Int]](repeating: [], count: count) }
        var low = points[0], high = points[0]
        for point in points {
            low = Point2(x: min(low.x, point.x), y: min(low.y, point.y))
            high = Point2(x: max(high.x, point.x), y: max(high.y, point.y))
        }
        // About two points per bucket.
        let side = max(1, Int((Double(count) / 2).squareRoot()))
        let spanX = max(high.x - low.x, 1e-9), spanY = max(high.y - low.y, 1e-9)
        func bucket(_ p: Point2) -> (Int, Int) {
            (min(side - 1, Int((p.x - low.x) / spanX * Double(side))),
             min(side - 1, Int((p.y - low.y) / spanY * Double(side))))
        }
        var buckets = [[Int]](repeating: [], count: side * side)
        for (index, point) in points.enumerated() {
            let (bx, by) = bucket(point)
            buckets[by * side + bx].append(index)
        }
        let wanted = min(k, count - 1)
        let bucketW = spanX / Double(side), bucketH = spanY / Double(side)
        return points.indices.map { i in
            let (bx, by) = bucket(points[i])
            var ring = 0
            var found: [(cost: Double, index: Int)] = []
            // Grow square rings until k points are found and no unvisited bucket can hold a nearer one.
            while true {
                for y in (by - ring)...(by + ring) where y >= 0 && y < side {
                    for x in (bx - ring)...(bx + ring) where x >= 0 && x < side {
                        guard max(abs(x - bx), abs(y - by)) == ring else { continue }
                        for j in buckets[y * side + x] where j != i { found.append((cost(i, j), j)) }
                    }
                }
                let reach = Double(ring) * min(bucketW, bucketH)
                if found.count >= wanted {
                    found.sort { $0.cost < $1.cost || ($0.cost == $1.cost && $0.index < $1.index) }
                    if found[wanted - 1].cost <= reach || ring > side { break }
                }
                if ring > side { break }
                ring += 1
            }
            return found.prefix(wanted).map(\.index)
        }
    }
}
