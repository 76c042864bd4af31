import Dispatch
import PatrolCore
import Synchronization

extension PathFinder {
    /// How `robotDistanceMatrix` computes its entries.
    public enum DistanceMethod: Sendable {
        /// One Dijkstra search per cell: exact, cost grows with cells x grid size.
        case exact
        /// Exact to each cell's 12 nearest others, shortest paths over that neighbour graph beyond.
        case neighbourGraph
    }

    /// Robot path lengths between grid cells, metres; infinity where no path exists.
    /// - Parameters:
    ///   - cells: robot-traversable cell indices.
    ///   - method: exact searches, or the neighbour-graph bound for many cells on large grids.
    public func robotDistanceMatrix(between cells: [Int], method: DistanceMethod) -> CostMatrix {
        switch method {
        case .exact: exactRobotDistances(cells)
        case .neighbourGraph: neighbourGraphRobotDistances(cells)
        }
    }

    /// Exact grid path lengths between cells: one Dijkstra per cell to the later ones.
    private func exactRobotDistances(_ cells: [Int]) -> CostMatrix {
        var between = CostMatrix(count: cells.count)
        for i in cells.indices {
            let row = robotDistancesM(from: cells[i], to: Array(cells[(i + 1)...]))
            for (offset, value) in row.enumerated() {
                let j = i + 1 + offset
                between[i, j] = value
                between[j, i] = between[i, j]
            }
        }
        return between
    }

    /// For many viewpoints on large grids: exact path lengths from each cell to its 12 nearest others
    /// (searches that stop early), clusters joined by exact searches, then shortest paths over that
    /// neighbour graph for every other pair.
    /// Far pairs get an upper bound that is tight where viewpoints are dense (the real path runs past
    /// them), which keeps routes' timing conservative.
    private func neighbourGraphRobotDistances(_ cells: [Int]) -> CostMatrix {
        let count = cells.count
        var slotOfCell = [Int32](repeating: -1, count: grid.cellCount)
        for (index, cell) in cells.enumerated() { slotOfCell[cell] = Int32(index) }
        // The searches are independent: chunks of sources run on several threads, and the edges are then
        // added in source order, as one thread would.
        let slots = slotOfCell
        let nearest = Self.parallelMap(count: count) { sources in
            var scratch = SearchScratch(cellCount: grid.cellCount)
            return sources.map {
                robotNearestDistancesM(from: cells[$0], slotOfCell: slots, count: 12, scratch: &scratch)
            }
        }
        var edges = [[(to: Int, lengthM: Double)]](repeating: [], count: count)
        for i in 0..<count {
            for (cell, distanceM) in nearest[i] {
                let j = Int(slotOfCell[cell])
                edges[i].append((j, distanceM))
                edges[j].append((i, distanceM))
            }
        }
        // Neighbour graphs can fall apart into clusters: join each extra cluster by one exact search.
        var component = [Int](repeating: -1, count: count)
        var representatives: [Int] = []
        for start in 0..<count where component[start] < 0 {
            component[start] = representatives.count
            representatives.append(start)
            var stack = [start]
            while let node = stack.popLast() {
                for edge in edges[node] where component[edge.to] < 0 {
                    component[edge.to] = component[start]
                    stack.append(edge.to)
                }
            }
        }
        for representative in representatives.dropFirst() {
            let row = robotDistancesM(from: cells[representative], to: cells)
            for (j, distanceM) in row.enumerated() where distanceM.isFinite && j != representative {
                edges[representative].append((j, distanceM))
                edges[j].append((representative, distanceM))
            }
        }
        return Self.allPairs(edges)
    }

    /// Shortest path lengths between all nodes of a sparse graph: one Dijkstra per node, over threads.
    private static func allPairs(_ edges: [[(to: Int, lengthM: Double)]]) -> CostMatrix {
        let count = edges.count
        var between = CostMatrix(count: count)
        let rows = parallelMap(count: count) { sources in
            var heap = MinHeap()
            return sources.map { source in
                var best = [Double](repeating: .infinity, count: count)
                best[source] = 0
                heap.removeAll()
                heap.push(0, source)
                while let (key, node) = heap.pop() {
                    guard key <= best[node] else { continue }
                    for edge in edges[node] where key + edge.lengthM < best[edge.to] {
                        best[edge.to] = key + edge.lengthM
                        heap.push(best[edge.to], edge.to)
                    }
                }
                return best
            }
        }
        for source in 0..<count {
            for target in 0..<count where target != source {
                between[source, target] = rows[source][target]
            }
        }
        return between
    }

    /// Drone path lengths between points, metres: the straight leg where it misses every no-fly zone, else
    /// the way round through the zones' corners (`pathLengthM(from:to:kind: .drone)` for each pair); nil
    /// entries (no way round) become `unreachableM`. Symmetric.
    ///
    /// Millions of pairs on large sites: a leg is tested against a zone's edges only when it meets the zone's
    /// bounding box (grown by a millimetre, so the shortcut never clears a leg the full test would block),
    /// and rows are split over threads.
    public func droneDistanceMatrix(between points: [Point2], unreachableM: Double) -> CostMatrix {
        let count = points.count
        let sight = droneCornerSight(points)
        let zones = noFlyZones.map { [$0] }
        let boxes = noFlyZones.map { zone in
            let bounds = zone.bounds
            return (low: bounds.min - Point2(x: 1e-3, y: 1e-3), high: bounds.max + Point2(x: 1e-3, y: 1e-3))
        }
        let cornerCount = corners.count
        let rows = Self.parallelMap(count: count) { sources in
            sources.map { i in
                let from = points[i]
                var row = [Double](repeating: 0, count: count - i - 1)
                let reach = cornersReached(from: i, sight: sight)
                for j in (i + 1)..<count {
                    let to = points[j]
                    var clear = true
                    for (index, box) in boxes.enumerated()
                    where Self.segmentMeetsBox(from, to, low: box.low, high: box.high)
                        && !Self.segmentClear(from, to, zones: zones[index]) {
                        clear = false
                        break
                    }
                    // `Point2.distance(to:)` spelt out: the same arithmetic, without a call per pair.
                    let dx = from.x - to.x, dy = from.y - to.y
                    if clear {
                        row[j - i - 1] = (dx * dx + dy * dy).squareRoot()
                        continue
                    }
                    // The way round: the best last corner, as `blockedDroneLengthM`'s search ends.
                    var best = Double.infinity
                    for corner in 0..<cornerCount where sight.inward[j * cornerCount + corner] {
                        best = min(best, reach[corner] + corners[corner].distance(to: to))
                    }
                    row[j - i - 1] = best.isFinite ? best : unreachableM
                }
                return row
            }
        }
        var matrix = CostMatrix(count: count)
        for i in 0..<count {
            for (offset, length) in rows[i].enumerated() {
                matrix[i, i + 1 + offset] = length
                matrix[i + 1 + offset, i] = length
            }
        }
        return matrix
    }

    /// Shortest flight lengths from `sight.points[point]` to each no-fly corner over the corner graph,
    /// infinity where none: the search of `cornerGraphPath` from that point, run once for all the point's
    /// blocked legs. Its sums run in path order, so a leg's length comes out as `length(of:)` its path.
    func cornersReached(from point: Int, sight: DroneCornerSight) -> [Double] {
        let count = corners.count
        let from = sight.points[point]
        var best = (0..<count).map { sight.outward[point * count + $0] ? from.distance(to: corners[$0]) : .infinity }
        var done = [Bool](repeating: false, count: count)
        for _ in 0..<count {
            var node = -1
            for k in 0..<count where !done[k] && best[k].isFinite && (node < 0 || best[k] < best[node]) { node = k }
            guard node >= 0 else { break }
            done[node] = true
            for next in 0..<count where !done[next] {
                best[next] = min(best[next], best[node] + cornerDistancesM[node, next])
            }
        }
        return best
    }

    /// Whether the segment `a`-`b` meets the axis-aligned box (slab test).
    @inline(__always)
    static func segmentMeetsBox(_ a: Point2, _ b: Point2, low: Point2, high: Point2) -> Bool {
        if max(a.x, b.x) < low.x || min(a.x, b.x) > high.x || max(a.y, b.y) < low.y || min(a.y, b.y) > high.y {
            return false
        }
        var enter = 0.0, leave = 1.0
        /// Narrows [enter, leave] to where `start + t * delta` lies in [lowBound, highBound].
        func clip(_ start: Double, _ delta: Double, _ lowBound: Double, _ highBound: Double) -> Bool {
            if delta == 0 { return start >= lowBound && start <= highBound }
            let t0 = (lowBound - start) / delta, t1 = (highBound - start) / delta
            enter = max(enter, min(t0, t1))
            leave = min(leave, max(t0, t1))
            return enter <= leave
        }
        return clip(a.x, b.x - a.x, low.x, high.x) && clip(a.y, b.y - a.y, low.y, high.y)
    }

    /// `body` over 0..<count in chunks on up to two threads per core (results in index order): for searches
    /// that do not depend on each other, so the result is the one a single thread would give.
    static func parallelMap<Result: Sendable>(count: Int, _ body: @Sendable (Range<Int>) -> [Result]) -> [Result] {
        let chunkCount = count >= 64 ? min(8, count / 32) : 1
        guard chunkCount > 1 else { return body(0..<count) }
        let results = Mutex<[[Result]]>([[Result]](repeating: [], count: chunkCount))
        DispatchQueue.concurrentPerform(iterations: chunkCount) { chunk in
            let part = body(count * chunk / chunkCount..<count * (chunk + 1) / chunkCount)
            results.withLock { $0[chunk] = part }
        }
        return results.withLock { $0.flatMap { $0 } }
    }
}
