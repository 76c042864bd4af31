import PatrolCore

/// A place pedestrians walk to: an entrance, a point of interest or a hotspot area.
///
/// Walkers find their way around buildings by descending a breadth-first distance field toward the
/// region (in cell steps, 8-connected over walkable cells). The field is reduced once, at set-up, to the
/// neighbour to step to from each cell (`nextStep`), so a crowd step reads one byte per walker instead of
/// nine field values: one table per destination instead of a path search per pedestrian.
struct CrowdDestination: Sendable {
    enum Kind: Sendable { case entrance, attraction, hotspot }

    static let unreachable = UInt16.max
    /// `nextStep` codes are `(rowOffset + 1) * 3 + (columnOffset + 1)` of the neighbour to step to; the
    /// centre code means "walk straight at the goal": inside the region, where no walkable path exists, or
    /// where no neighbour is closer.
    static let straight: UInt8 = 4

    let kind: Kind
    /// Walkable cells of the region; goals are drawn from them.
    let cells: [Int]
    /// How often walkers choose it, relative to the others.
    let weight: Double
    /// Hotspots: pedestrians per square metre the mission expects there; 0 when it says nothing.
    let expectedDensityPPM2: Double
    /// Per cell, the code of the neighbour one step closer to the region, or `straight`.
    let nextStep: [UInt8]

    init(kind: Kind, cells: [Int], weight: Double, expectedDensityPPM2: Double, width: Int, walkable: [Bool]) {
        self.kind = kind
        self.cells = cells
        self.weight = weight
        self.expectedDensityPPM2 = expectedDensityPPM2
        let field = Self.distanceField(seeds: cells, width: width, walkable: walkable)
        nextStep = Self.nextSteps(field: field, width: width)
    }

    /// Steepest descent of the field per cell; among equal values the first found wins, except that a
    /// straight step beats a diagonal one, so walkers do not zig-zag along corridors.
    private static func nextSteps(field: [UInt16], width: Int) -> [UInt8] {
        let height = field.count / max(width, 1)
        var steps = [UInt8](repeating: straight, count: field.count)
        for cell in field.indices {
            let here = field[cell]
            guard here != 0, here != unreachable else { continue }
            let col = cell % width, row = cell / width
            var best = here, bestCode = straight
            for code in 0..<9 where code != Int(straight) {
                let dx = code % 3 - 1, dy = code / 3 - 1
                let c = col + dx, r = row + dy
                guard c >= 0, r >= 0, c < width, r < height else { continue }
                let value = field[r * width + c]
                if value < best || (value == best && best < here && dx * dy == 0) {
                    best = value
                    bestCode = UInt8(code)
                }
            }
            steps[cell] = bestCode
        }
        return steps
    }

    private static func distanceField(seeds: [Int], width: Int, walkable: [Bool]) -> [UInt16] {
        var field = [UInt16](repeating: unreachable, count: walkable.count)
        var queue = [Int]()
        queue.reserveCapacity(walkable.count)
        for seed in seeds where field[seed] == unreachable {
            field[seed] = 0
            queue.append(seed)
        }
        let height = walkable.count / max(width, 1)
        var head = 0
        while head < queue.count {
            let cell = queue[head]
            head += 1
            let col = cell % width, row = cell / width
            let next = field[cell] &+ 1
            if next == unreachable { continue }
            for dy in -1...1 {
                for dx in -1...1 where dx != 0 || dy != 0 {
                    let c = col + dx, r = row + dy
                    guard c >= 0, r >= 0, c < width, r < height else { continue }
                    let neighbour = r * width + c
                    guard walkable[neighbour], field[neighbour] == unreachable else { continue }
                    if dx != 0, dy != 0, !walkable[row * width + c] || !walkable[r * width + col] { continue }
                    field[neighbour] = next
                    queue.append(neighbour)
                }
            }
        }
        return field
    }
}
