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
        var between = CostMatrix(count: count)
        let finalEdges = edges
        let rows = Self.parallelMap(count: count) { sources in
            var heap = MinHeap()
            return sources.map { source in
                var best = [Double](repeating: .infinity, count: count)
                best[source] = 0
                heap.removeAll()
                heap.push(0, source)
                while let (key, node) = heap.pop() {
                    guard key <= best[node] else { continue }
                    for edge in finalEdges[node] where key + edge.lengthM < best[edge.to] {
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
