import PatrolCore

/// A place pedestrians walk to: an entrance, a point of interest or a hotspot area.
///
/// Holds a breadth-first distance field (in cell steps, 8-connected over walkable cells) toward its
/// region, so walkers find their way around buildings by descending it: one field per destination,
/// computed once, instead of a path search per pedestrian.
struct CrowdDestination: Sendable {
    enum Kind: Sendable { case entrance, attraction, hotspot }

    static let unreachable = UInt16.max

    let kind: Kind
    /// Walkable cells of the region; goals are drawn from them.
    let cells: [Int]
    /// How often walkers choose it, relative to the others.
    let weight: Double
    /// Hotspots: pedestrians per square metre the mission expects there; 0 when it says nothing.
    let expectedDensityPPM2: Double
    /// Steps to the region per cell; `unreachable` where no walkable path exists.
    let field: [UInt16]

    init(kind: Kind, cells: [Int], weight: Double, expectedDensityPPM2: Double, width: Int, walkable: [Bool]) {
        self.kind = kind
        self.cells = cells
        self.weight = weight
        self.expectedDensityPPM2 = expectedDensityPPM2
        self.field = Self.distanceField(seeds: cells, width: width, walkable: walkable)
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
