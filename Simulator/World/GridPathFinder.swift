import PatrolCore

/// A* over a grid's passable cells, 8-connected without cutting corners, for robots and pedestrians.
///
/// Search arrays are reused between calls (stamped by a generation counter instead of being cleared),
/// and paths are cached by (start cell, goal cell): patrol routes are cycles, so the same legs recur.
public struct GridPathFinder {
    public let width: Int
    public let height: Int
    public let cellM: Double
    public let origin: Point2
    private let passable: [Bool]

    private var gScore: [Float]
    private var parent: [Int32]
    private var stamp: [UInt32]
    private var closed: [UInt32]
    private var generation: UInt32 = 0
    private var heap = MinHeap()
    private var cache: [Int: [Int]] = [:]

    /// - Parameters:
    ///   - grid: the site raster (gives geometry).
    ///   - passable: per cell, whether the mover may enter it.
    public init(grid: SiteGrid, passable: [Bool]) {
        width = grid.width
        height = grid.height
        cellM = grid.cellM
        origin = grid.origin
        self.passable = passable
        gScore = [Float](repeating: 0, count: passable.count)
        parent = [Int32](repeating: -1, count: passable.count)
        stamp = [UInt32](repeating: 0, count: passable.count)
        closed = [UInt32](repeating: 0, count: passable.count)
    }

    public func isPassable(_ cell: Int) -> Bool { cell >= 0 && cell < passable.count && passable[cell] }

    /// Whether a local point lies in a passable cell.
    public func isPassable(_ point: Point2) -> Bool {
        guard let cell = cellIndex(point) else { return false }
        return passable[cell]
    }

    public func cellIndex(_ point: Point2) -> Int? {
        let col = ((point.x - origin.x) / cellM).rounded(.down)
        let row = ((point.y - origin.y) / cellM).rounded(.down)
        guard col >= 0, row >= 0, col < Double(width), row < Double(height) else { return nil }
        return Int(row) * width + Int(col)
    }

    public func center(_ cell: Int) -> Point2 {
        Point2(x: origin.x + (Double(cell % width) + 0.5) * cellM, y: origin.y + (Double(cell / width) + 0.5) * cellM)
    }

    /// The passable cell nearest to `point` (by ring search), or nil when there is none within `maxRings`.
    public func nearestPassableCell(to point: Point2, maxRings: Int = 64) -> Int? {
        let col = Int(((point.x - origin.x) / cellM).rounded(.down))
        let row = Int(((point.y - origin.y) / cellM).rounded(.down))
        var best: (cell: Int, distance: Double)?
        for ring in 0...maxRings {
            for dy in -ring...ring {
                for dx in -ring...ring where max(abs(dx), abs(dy)) == ring {
                    let c = col + dx, r = row + dy
                    guard c >= 0, r >= 0, c < width, r < height else { continue }
                    let cell = r * width + c
                    guard passable[cell] else { continue }
                    let distance = center(cell).distance(to: point)
                    if best == nil || distance < best!.distance { best = (cell, distance) }
                }
            }
            if best != nil { return best!.cell }
        }
        return nil
    }

    /// The cells from `start` to `goal` inclusive, or nil when the goal cannot be reached.
    public mutating func path(from start: Int, to goal: Int) -> [Int]? {
        guard isPassable(start), isPassable(goal) else { return nil }
        if start == goal { return [start] }
        let key = start &* 1_000_003 &+ goal
        if let cached = cache[key], cached.first == start, cached.last == goal { return cached }
        guard let found = search(from: start, to: goal) else { return nil }
        if cache.count > 4096 { cache.removeAll(keepingCapacity: true) }
        cache[key] = found
        return found
    }

    private mutating func search(from start: Int, to goal: Int) -> [Int]? {
        generation &+= 1
        if generation == 0 {
            stamp = [UInt32](repeating: 0, count: stamp.count)
            closed = [UInt32](repeating: 0, count: closed.count)
            generation = 1
        }
        heap.removeAll()
        let goalCol = goal % width, goalRow = goal / width
        func heuristic(_ cell: Int) -> Float {
            let dx = abs(cell % width - goalCol), dy = abs(cell / width - goalRow)
            return Float(max(dx, dy)) + 0.414_213_56 * Float(min(dx, dy))
        }
        stamp[start] = generation
        gScore[start] = 0
        parent[start] = -1
        heap.push(cell: Int32(start), priority: heuristic(start))
        let steps: [(dx: Int, dy: Int, cost: Float)] = [
            (1, 0, 1), (-1, 0, 1), (0, 1, 1), (0, -1, 1),
            (1, 1, 1.414_213_56), (1, -1, 1.414_213_56), (-1, 1, 1.414_213_56), (-1, -1, 1.414_213_56),
        ]
        while let (cell32, _) = heap.pop() {
            let cell = Int(cell32)
            if closed[cell] == generation { continue }
            closed[cell] = generation
            if cell == goal { return reconstruct(goal) }
            let col = cell % width, row = cell / width
            for step in steps {
                let c = col + step.dx, r = row + step.dy
                guard c >= 0, r >= 0, c < width, r < height else { continue }
                let next = r * width + c
                guard passable[next], closed[next] != generation else { continue }
                // A diagonal move needs both orthogonal neighbours free, so a path never clips a corner.
                if step.dx != 0, step.dy != 0, !passable[row * width + c] || !passable[r * width + col] { continue }
                let tentative = gScore[cell] + step.cost
                if stamp[next] != generation || tentative < gScore[next] {
                    stamp[next] = generation
                    gScore[next] = tentative
                    parent[next] = Int32(cell)
                    heap.push(cell: Int32(next), priority: tentative + heuristic(next))
                }
            }
        }
        return nil
    }

    private func reconstruct(_ goal: Int) -> [Int] {
        var cells: [Int] = [goal]
        var current = Int(parent[goal])
        while current >= 0 {
            cells.append(current)
            current = Int(parent[current])
        }
        return cells.reversed()
    }
}
