import PatrolCore

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
        var edges = [[(to: Int, lengthM: Double)]](repeating: [], count: count)
        var scratch = SearchScratch(cellCount: grid.cellCount)
        for i in 0..<count {
            for (cell, distanceM) in robotNearestDistancesM(from: cells[i], slotOfCell: slotOfCell, count: 12,
                                                            scratch: &scratch) {
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
        var heap = MinHeap()
        for source in 0..<count {
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
            for target in 0..<count where target != source {
                between[source, target] = best[target]
            }
        }
        return between
    }
}
