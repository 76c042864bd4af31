extension SiteGrid {
    /// The mission's grid at its `cellM`, with its wall height for ROS occupancy maps.
    public init(mission: Mission) {
        self.init(site: mission.site, cellM: mission.cellM, wallHeightM: mission.wallHeightM)
    }

    /// The robot-traversable cell nearest to `point` (by centre distance) within `withinM`, or nil.
    public func nearestTraversableCell(to point: Point2, withinM: Double) -> Int? {
        guard point.isFinite, withinM >= 0 else { return nil }
        let reach = withinM / cellM + 1
        let col = ((point.x - origin.x) / cellM).rounded(.down)
        let row = ((point.y - origin.y) / cellM).rounded(.down)
        let firstCol = Int(max(0, col - reach)), lastCol = Int(min(Double(width - 1), col + reach))
        let firstRow = Int(max(0, row - reach)), lastRow = Int(min(Double(height - 1), row + reach))
        guard firstCol <= lastCol, firstRow <= lastRow else { return nil }
        var best: Int?
        var bestDistance = Double.infinity
        for r in firstRow...lastRow {
            for c in firstCol...lastCol {
                let cell = index(col: c, row: r)
                guard robotTraversable[cell] else { continue }
                let distance = center(ofCell: cell).distance(to: point)
                if distance <= withinM && distance < bestDistance {
                    best = cell
                    bestDistance = distance
                }
            }
        }
        return best
    }

    /// Approximate distance in metres from every cell to the nearest cell where `sources` is true
    /// (3-4 chamfer, two passes; within about 8 % of Euclidean). Infinity when there is no source.
    public func chamferDistanceM(from sources: [Bool]) -> [Double] {
        let straight = cellM, diagonal = cellM * 4 / 3
        var distance = sources.map { $0 ? 0 : Double.infinity }
        for row in 0..<height {
            for col in 0..<width {
                let cell = index(col: col, row: row)
                var best = distance[cell]
                if col > 0 { best = min(best, distance[cell - 1] + straight) }
                if row > 0 {
                    best = min(best, distance[cell - width] + straight)
                    if col > 0 { best = min(best, distance[cell - width - 1] + diagonal) }
                    if col < width - 1 { best = min(best, distance[cell - width + 1] + diagonal) }
                }
                distance[cell] = best
            }
        }
        for row in stride(from: height - 1, through: 0, by: -1) {
            for col in stride(from: width - 1, through: 0, by: -1) {
                let cell = index(col: col, row: row)
                var best = distance[cell]
                if col < width - 1 { best = min(best, distance[cell + 1] + straight) }
                if row < height - 1 {
                    best = min(best, distance[cell + width] + straight)
                    if col < width - 1 { best = min(best, distance[cell + width + 1] + diagonal) }
                    if col > 0 { best = min(best, distance[cell + width - 1] + diagonal) }
                }
                distance[cell] = best
            }
        }
        return distance
    }

    /// The cells a robot can drive to from any of `starts`: 4-connected over `robotTraversable` (a diagonal
    /// step between two blocked cells does not count). Starts that are not traversable reach nothing.
    public func robotReachableCells(from starts: some Sequence<Int>) -> [Bool] {
        var reached = [Bool](repeating: false, count: cellCount)
        var stack: [Int] = []
        func visit(_ cell: Int) {
            if robotTraversable[cell] && !reached[cell] {
                reached[cell] = true
                stack.append(cell)
            }
        }
        for start in starts where start >= 0 && start < cellCount { visit(start) }
        while let cell = stack.popLast() {
            let (col, row) = colRow(of: cell)
            if col > 0 { visit(cell - 1) }
            if col < width - 1 { visit(cell + 1) }
            if row > 0 { visit(cell - width) }
            if row < height - 1 { visit(cell + width) }
        }
        return reached
    }
}
